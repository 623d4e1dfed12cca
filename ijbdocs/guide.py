"""Generate the user guide's reference pages from the code, so that they cannot drift.

`docs/messages.md` lists every finding code that `ijbdocs check` can report, with the
message as the code writes it and what to do (from `docs/messages.yaml`); the codes and
messages are read from the source of ijbdocs itself. `docs/commands.md` is every
command's `--help`. Run `python -m ijbdocs.guide [REPO]` after changing either; the tests
fail while the pages are out of date.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

PACKAGE = Path(__file__).resolve().parent
ELLIPSIS = "…"


@dataclass(frozen=True)
class Message:
    code: str
    severity: str  # error | warning
    text: str  # the message with "…" for what varies
    cite: str | None
    source: str  # module it comes from, relative to the package


# ------------------------------------------------------------------------- reading source


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments (for cites held in constants)."""
    values: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and \
                isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = node.value.value
    return values


def _text(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    """The text an expression makes, with "…" for each part only known at run time."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and _is_suggestion(value.value):
                parts.append("; did you mean '…'?")
            else:
                parts.append(ELLIPSIS)
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, constants), _text(node.right, constants)
        return f"{left or ELLIPSIS}{right or ELLIPSIS}"
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.IfExp):
        return ELLIPSIS
    return None


def _is_suggestion(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
        node.func.id == "did_you_mean"


def _argument(call: ast.Call, index: int, name: str) -> ast.AST | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return call.args[index] if len(call.args) > index else None


def _calls(tree: ast.Module, rel: str) -> list[Message]:
    constants = _constants(tree)
    found: list[Message] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        severity: str | None = None
        spec: tuple[int, int, int | None] | None = None  # message, code, cite positions
        if isinstance(func, ast.Attribute) and func.attr in ("error", "warning") and \
                "findings" in ast.unparse(func.value).lower():
            severity, spec = func.attr, (2, 3, 4)
        elif isinstance(func, ast.Name) and func.id == "_fail":
            severity, spec = "error", (3, 4, None)
        elif isinstance(func, ast.Name) and func.id == "Finding" and node.args:
            severity = ast.unparse(node.args[0]).rsplit(".", 1)[-1].lower()
            spec = (3, 4, 5)
        elif isinstance(func, ast.Name) and func.id == "duplicates" and len(node.args) >= 3:
            what = _text(node.args[2], constants)
            if what:
                found.append(Message(f"duplicate-{what.replace(' ', '-')}", "error",
                                     f"{what} '…' is given twice; ids must be unique", None,
                                     rel))
            continue
        if severity is None or spec is None:
            continue
        code_node = _argument(node, spec[1], "code")
        if not (isinstance(code_node, ast.Constant) and isinstance(code_node.value, str)):
            continue  # a code passed through (e.g. inside a helper): found at its caller
        message = _text(_argument(node, spec[0], "message"), constants) or ELLIPSIS
        cite = _text(_argument(node, spec[2], "cite"), constants) if spec[2] else None
        found.append(Message(code_node.value, severity, message, cite, rel))
    return found


def _schema_messages(tree: ast.Module, rel: str) -> list[Message]:
    """Codes from content._message's own returns, and from the model's custom errors."""
    found: list[Message] = []
    from .content import _message
    from .model import Partnership

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_message":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and isinstance(inner.value, ast.Tuple) and \
                        len(inner.value.elts) == 3:
                    code = inner.value.elts[1]
                    if isinstance(code, ast.Constant) and isinstance(code.value, str):
                        text = _text(inner.value.elts[0], {}) or ELLIPSIS
                        found.append(Message(code.value, "error", text, None, rel))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id == "PydanticCustomError" and len(node.args) >= 2:
            kind, template = node.args[0], node.args[1]
            if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                text = _text(template, {}) or ELLIPSIS
                text = re.sub(r"\{\w+\}", ELLIPSIS, text)
                error = {"type": kind.value, "msg": text, "input": None, "ctx": {}}
                _, code, _ = _message(error, Partnership, ("value",))
                found.append(Message(code, "error", text, None, rel))
    return found


def messages() -> list[Message]:
    """Every finding the code can report, by code (first message for each code kept,
    others joined), in code order."""
    found: list[Message] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found.extend(_calls(tree, rel))
        found.extend(_schema_messages(tree, rel))
    by_code: dict[str, list[Message]] = {}
    for message in found:
        message = Message(message.code, message.severity, re.sub("…+", "…", message.text),
                          message.cite, message.source)
        by_code.setdefault(message.code, []).append(message)
    merged = []
    for code in sorted(by_code):
        group = by_code[code]
        texts = list(dict.fromkeys(m.text for m in group))
        severities = sorted({m.severity for m in group})
        cites = list(dict.fromkeys(m.cite for m in group if m.cite))
        merged.append(Message(code, " or ".join(severities), "\n".join(texts),
                              "; ".join(cites) or None,
                              ", ".join(sorted({m.source for m in group}))))
    return merged


# ---------------------------------------------------------------------------- the pages


def load_help(docs: Path) -> dict[str, dict[str, str]]:
    data = yaml.safe_load((docs / "messages.yaml").read_text(encoding="utf-8")) or {}
    return {str(code): entry for code, entry in data.items()}


def messages_page(help_entries: dict[str, dict[str, str]]) -> str:
    """docs/messages.md: every finding code, its message, and what to do."""
    lines = [
        "# What the messages of `ijbdocs check` mean",
        "",
        "<!-- Generated by `python -m ijbdocs.guide` from the code and docs/messages.yaml;",
        "     edit those, not this page. -->",
        "",
        "`ijbdocs check` (and `build`, and `serve`) prints each problem on one line:",
        "",
        "```",
        "meetings/2024-03-21/05-care.yaml:41:3: error: direction.budget.total: the budget "
        "lines add up to £900.00 but the total is £1,000.00; correct the lines or the "
        "total [directions guidance 4.4]",
        "    41 |   total: 1000",
        "       |   ^",
        "```",
        "",
        "That is: the file (inside `content/`), the line and column, whether it is an "
        "**error** (the content breaks the format; nothing is built until it is fixed) or a "
        "**warning** (the statutory guidance is not met; the build goes ahead, but not with "
        "`--strict`), the key the problem is at, the message, and in brackets the part of "
        "the guidance it comes from. Below it, the line of your file with a `^` under the "
        "place. In the messages below, `…` stands for the part that names your content.",
        "",
        "Each message has a short name (its code), listed here in alphabetical order.",
        "",
    ]
    for message in messages():
        entry = help_entries.get(message.code, {})
        lines.append(f"## {message.code}")
        lines.append("")
        lines.append(f"*{message.severity.capitalize()}*"
                     + (f" — {message.cite}" if message.cite else ""))
        lines.append("")
        texts = [text for text in message.text.split("\n") if text != ELLIPSIS]
        if texts:
            lines.append("What ijbdocs says:")
            lines.append("")
            for text in texts:
                lines.append(f"> {text}")
                lines.append(">")
            lines.pop()
        else:
            lines.append("What ijbdocs says: a message naming the file and what is wrong "
                         "with it.")
        lines.append("")
        if entry.get("means"):
            lines.append(f"**What it means:** {entry['means'].strip()}")
            lines.append("")
        lines.append(f"**What to do:** {entry.get('do', 'See the message.').strip()}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def commands_page() -> str:
    """docs/commands.md: the `--help` of every command, in the order of COMMANDS."""
    from .cli import parser
    from .commands import COMMANDS

    lines = [
        "# Every command",
        "",
        "<!-- Generated by `python -m ijbdocs.guide` from each command's --help; edit the",
        "     commands, not this page. -->",
        "",
        "Run any command with `--help` to see this on screen. Options that every command "
        "takes: `-C DIR` (the project folder; default the current folder), `-q`/`--quiet` "
        "(only the problems found) and `-v`/`--verbose` (more detail).",
        "",
    ]
    main = parser()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"  # the same layout whatever terminal generates the page
    try:
        subparsers = next(a for a in main._actions if isinstance(a, argparse._SubParsersAction))
        for name in COMMANDS:
            sub = subparsers.choices[name]
            lines += [f"## ijbdocs {name}", "", COMMANDS[name].HELP[0].upper()
                      + COMMANDS[name].HELP[1:] + ".", "", "```", _help(sub), "```", ""]
            for action in sub._actions:
                if isinstance(action, argparse._SubParsersAction):
                    for kind, kind_parser in action.choices.items():
                        lines += [f"### ijbdocs {name} {kind}", "", "```", _help(kind_parser),
                                  "```", ""]
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous
    return "\n".join(lines).rstrip("\n") + "\n"


def _help(parser: argparse.ArgumentParser) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        parser.print_help()
    return out.getvalue().rstrip()


def write_pages(docs: Path) -> list[Path]:
    written = []
    for name, text in (("messages.md", messages_page(load_help(docs))),
                       ("commands.md", commands_page())):
        path = docs / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    repo = Path(args[0]) if args else PACKAGE.parent
    for path in write_pages(repo / "docs"):
        print(f"wrote {path}")
    missing = sorted(m.code for m in messages() if m.code not in load_help(repo / "docs"))
    if missing:
        print("no entry in docs/messages.yaml yet for: " + ", ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
