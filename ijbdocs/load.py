"""Load YAML sources safely into plain data plus the line and column of every key and item.

PyYAML's composer gives us nodes with positions; we construct the Python values ourselves
so that we can refuse duplicate keys, object-constructing tags and alias bombs, and keep a
map from key path to source position for every finding that comes later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Finding, KeyPath, Location, Severity, format_key

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000  # values produced after expanding aliases
MAX_DEPTH = 64
# libyaml composes the same nodes and marks about 5 times faster than pure Python
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY = "\0key"  # marks a mapping key while it is built; never shown

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """One loaded source file: its data and where each key path came from."""

    path: str  # relative to the content root, POSIX separators
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, key: KeyPath) -> Location:
        """The location of `key`, or of its nearest ancestor that exists in the source."""
        probe = tuple(key)
        while probe:
            if probe in self.positions:
                line, col = self.positions[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.positions.get((), (1, 1))
        return Location(self.path, line, col)


class LoadError(Exception):
    """A source file that cannot be read as YAML data; carries the finding."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


class _TooBig(Exception):
    pass


def _fail(path: str, line: int, col: int, message: str, code: str, key: str = "") -> LoadError:
    key = key.replace(f".{_KEY}", "").replace(_KEY, "")
    return LoadError(Finding(Severity.ERROR, Location(path, line, col), key, message, code))


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), CRLF tolerated; anything else is a located finding."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(
            path,
            line,
            col,
            f"this file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
            "not-utf8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _tab_problem(text: str, path: str) -> LoadError | None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = re.match(r"[ \t]*", line).group()  # type: ignore[union-attr]
        if "\t" in indent and line.strip():
            return _fail(
                path,
                number,
                indent.index("\t") + 1,
                "a tab is used for indentation; YAML needs spaces (replace the tab with spaces)",
                "yaml-tab",
            )
    return None


def parse_yaml(text: str, path: str) -> Document:
    """Parse YAML text into a Document; raises LoadError with a located finding."""
    if "\t" in text and (tab := _tab_problem(text, path)):
        raise tab
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and exc.context and exc.context.startswith("while scanning"):
            mark = exc.context_mark  # where the unclosed quote or key began
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise _fail(
            path, line, col, f"YAML syntax error: {problem}{context}", "yaml-syntax"
        ) from None
    except yaml.YAMLError as exc:  # e.g. a stray document separator without a mark
        raise _fail(path, 1, 1, f"YAML syntax error: {exc}", "yaml-syntax") from None
    if root is None:
        raise _fail(path, 1, 1, "this file is empty; it needs YAML content", "empty-file")
    doc = Document(path, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(root, (), 0)
    except _TooBig:
        raise _fail(
            path,
            1,
            1,
            f"this file expands to more than {MAX_NODES:,} values (repeated anchors and "
            "aliases); write the content out instead of using aliases",
            "yaml-alias-bomb",
        ) from None
    return doc


def load_file(file: Path, root: Path) -> Document:
    """Read and parse one source file below `root`."""
    rel = file.relative_to(root).as_posix()
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise _fail(rel, 0, 0, f"cannot read this file: {exc.strerror}", "unreadable") from None
    if size > MAX_FILE_BYTES:
        raise _fail(
            rel,
            0,
            0,
            f"this file is {size / 1024 / 1024:.1f} MB; content files are limited to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB (split it, or move large material into "
            "appendix files)",
            "file-too-large",
        )
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise _fail(rel, 0, 0, f"cannot read this file: {exc.strerror}", "unreadable") from None
    return parse_yaml(decode(raw, rel), rel)


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.count = 0
        self.scalars = SafeConstructor()

    def _mark(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: Node, path: KeyPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        if depth > MAX_DEPTH:
            line, col = self._mark(node)
            raise _fail(
                self.doc.path,
                line,
                col,
                f"the content is nested more than {MAX_DEPTH} levels deep",
                "yaml-too-deep",
                format_key(path),
            )
        if path not in self.doc.positions:
            self.doc.positions[path] = self._mark(node)
        if node.tag not in _ALLOWED_TAGS:
            line, col = self._mark(node)
            raise _fail(
                self.doc.path,
                line,
                col,
                f"the YAML tag '{node.tag}' is not allowed; write plain text, numbers, "
                "dates, lists and mappings only",
                "yaml-tag",
                format_key(path),
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, ScalarNode)
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.1 yes/no/on/off: the content format has no booleans
        try:
            return self.scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            # e.g. an impossible date such as 2021-02-30 written unquoted
            line, col = self._mark(node)
            text = str(node.value)
            raise _fail(
                self.doc.path,
                line,
                col,
                f"'{text}' cannot be read ({getattr(exc, 'problem', None) or exc}); "
                "if it is a date, check it exists",
                "yaml-value",
                format_key(path),
            ) from None

    def _mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = self._mark(key_node)
                raise _fail(
                    self.doc.path,
                    line,
                    col,
                    "merge keys ('<<') are not supported; write the keys out in full",
                    "yaml-merge",
                    format_key(path),
                )
            if not isinstance(key_node, ScalarNode):
                line, col = self._mark(key_node)
                raise _fail(
                    self.doc.path,
                    line,
                    col,
                    "a key must be plain text, not a list or mapping",
                    "yaml-key",
                    format_key(path),
                )
            key = self.build(key_node, (*path, _KEY), depth + 1)
            if not isinstance(key, str | int):
                key = str(key)
            here = self._mark(key_node)
            if key in seen:
                first = seen[key]
                raise _fail(
                    self.doc.path,
                    here[0],
                    here[1],
                    f"duplicate key '{key}' (first given on line {first[0]}); "
                    "YAML keeps only one of them, so remove or rename one",
                    "duplicate-key",
                    format_key((*path, key)),
                )
            seen[key] = here
            child = (*path, str(key))
            self.doc.positions[child] = here
            result[key] = self.build(value_node, child, depth + 1)
        self.doc.positions.pop((*path, _KEY), None)
        return result
