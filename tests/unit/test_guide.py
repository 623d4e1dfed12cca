"""The user guide cannot drift from the code: every finding code is explained, the
generated pages are up to date, every command and option is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ijbdocs.cli import parser
from ijbdocs.commands import COMMANDS
from ijbdocs.guide import commands_page, load_help, messages, messages_page

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
REGENERATE = "run `python -m ijbdocs.guide` and commit docs/"


def test_every_finding_code_has_an_explanation() -> None:
    entries = load_help(DOCS)
    codes = {m.code for m in messages()}
    missing = sorted(codes - set(entries))
    assert not missing, f"add what to do for {missing} to docs/messages.yaml, then {REGENERATE}"
    stale = sorted(set(entries) - codes)
    assert not stale, f"docs/messages.yaml explains codes no longer used: {stale}"
    assert all(entry.get("do") for entry in entries.values())


def test_codes_are_found_in_checks_content_and_load() -> None:
    by_source = {m.code: m.source for m in messages()}
    # one known code from each place that reports findings
    assert "checks/directions.py" in by_source["budget-sum"]
    assert "content.py" in by_source["unknown-key"]
    assert "load.py" in by_source["yaml-tab"]
    assert "model.py" in by_source["bad-date"]
    sources = sorted((REPO / "ijbdocs").rglob("*.py"))
    literal = re.compile(r'"([a-z][a-z0-9]+(?:-[a-z0-9]+)+)",?\s*(?:\)|\n\s*(?:[A-Z_]+|"[^"]*"'
                         r"|\w+_CITE),?\s*\))")
    written = {code for path in sources if "checks" in path.parts or path.name in
               ("content.py", "load.py") for code in literal.findall(path.read_text())}
    written -= {"utf-8", "utf-8-sig"}  # encodings, not codes
    assert len(written) > 40
    assert written <= set(by_source), sorted(written - set(by_source))


def test_messages_page_is_up_to_date() -> None:
    page = (DOCS / "messages.md").read_text(encoding="utf-8")
    assert page == messages_page(load_help(DOCS)), REGENERATE
    for message in messages():
        assert f"## {message.code}\n" in page


def test_commands_page_covers_every_command_and_option() -> None:
    # Not compared byte for byte: argparse's layout differs between Python versions.
    page = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert commands_page().startswith("# Every command")
    subparsers = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in COMMANDS:
        assert f"## ijbdocs {name}\n" in page
        for action in subparsers.choices[name]._actions:
            for option in action.option_strings:
                assert option in page, f"{name} {option}"


def test_every_command_is_in_the_task_pages_and_every_page_is_linked() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in DOCS.glob("*.md") if p.name != "index.md")
    for name in pages:
        assert f"({name})" in index, f"docs/index.md does not link {name}"
    tasks = "\n".join((DOCS / name).read_text(encoding="utf-8") for name in pages
                      if name not in ("commands.md", "messages.md"))
    for name in ("init", "new", "decide", "issue", "serve", "check", "build"):
        assert f"ijbdocs {name}" in tasks, f"no task page shows `ijbdocs {name}`"
    assert "docs/index.md" in (REPO / "README.md").read_text(encoding="utf-8")
