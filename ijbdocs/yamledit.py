"""Edit a clerk's YAML file in place, keeping every comment, blank line and layout choice.

ruamel.yaml's round-trip loader tells us where each key and list item is; we then change
only the lines an edit needs (a value, a new key, a new list item) and leave every other
byte as the clerk wrote it. Each edit is verified by parsing the result and comparing it
with the intended data; should a file's layout be too unusual for a line edit (a flow
mapping such as `direction: {…}`), the whole file is written by ruamel's round-trip dumper
instead, which still keeps comments.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

Keys = tuple[str | int, ...]


class EditError(Exception):
    """The file cannot be edited as asked (it is not valid YAML, or the path is missing)."""


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a clerk's long lines
    return yaml


def scalar(value: Any) -> str:
    """`value` as a YAML scalar, quoted only when it must be."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "null"
    out = io.StringIO()
    _yaml().dump({"k": value}, out)
    text = out.getvalue()
    if not text.startswith("k: ") or text.count("\n") != 1:
        raise EditError(f"cannot write {value!r} on one line")
    return text[3:].rstrip("\n")


def plain(value: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (for comparison)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


class YamlFile:
    """One YAML file opened for small edits; call `save()` to write it back."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        except OSError as exc:
            raise EditError(f"cannot read {path}: {exc.strerror}") from None
        self.data = self._parse(self.text)
        self._fallback = False

    def _parse(self, text: str) -> Any:
        try:
            return _yaml().load(text)
        except YAMLError as exc:
            raise EditError(
                f"{self.path.name} is not valid YAML ({str(exc).splitlines()[0]}); "
                "run `ijbdocs check` to see where, fix it, and try again"
            ) from None

    # ------------------------------------------------------------------ reading

    def get(self, keys: Keys, default: Any = None) -> Any:
        node = self.data
        for key in keys:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    # ------------------------------------------------------------------ editing

    def set(self, keys: Keys, value: Any, before: Sequence[str] = ()) -> None:
        """Set a mapping key to a scalar; a new key goes before the first of `before`
        present in the mapping, or at the end of the mapping."""
        *parent_keys, name = keys
        parent = self.get(tuple(parent_keys))
        if not isinstance(parent, CommentedMap):
            raise EditError(f"there is no mapping at {'.'.join(map(str, parent_keys))}")
        lines = self.text.split("\n")
        edited: list[str] | None = None
        if name in parent:
            edited = self._replace_value(lines, parent, str(name), value)
        elif not parent.fa.flow_style() and parent:
            edited = self._insert_key(lines, tuple(parent_keys), parent, str(name), value, before)
        expected = self._parse(self.text)
        target = expected
        for key in parent_keys:
            target = target[key]
        if name in target:
            target[name] = value
        else:
            position = next((list(target).index(b) for b in before if b in target), len(target))
            target.insert(position, name, value)
        self._commit(edited, expected)

    def insert_item(self, keys: Keys, index: int | None, item: Any) -> None:
        """Insert `item` into the block list at `keys` before `index` (None: at the end)."""
        sequence = self.get(keys)
        if not isinstance(sequence, CommentedSeq):
            raise EditError(f"there is no list at {'.'.join(map(str, keys)) or 'the top'}")
        lines = self.text.split("\n")
        edited: list[str] | None = None
        if sequence and not sequence.fa.flow_style():
            edited = self._insert_item(lines, keys, sequence, index, item)
        expected = self._parse(self.text)
        target = expected
        for key in keys:
            target = target[key]
        target.insert(len(target) if index is None else index, item)
        self._commit(edited, expected)

    def save(self) -> None:
        self.path.write_text(self.text, encoding="utf-8", newline="\n")

    # ------------------------------------------------------------------ internals

    def _commit(self, edited: list[str] | None, expected: Any) -> None:
        if edited is not None:
            text = "\n".join(edited)
            try:
                if plain(self._parse(text)) == plain(expected):
                    self.text, self.data = text, self._parse(text)
                    return
            except EditError:
                pass
        # An unusual layout: let ruamel write the whole file (comments are kept).
        self._fallback = True
        _, indent, offset = load_yaml_guess_indent(self.text)
        yaml = _yaml()
        sequence = indent or 2
        yaml.indent(mapping=2, sequence=max(sequence, (offset or 0) + 2), offset=offset or 0)
        out = io.StringIO()
        yaml.dump(expected, out)
        self.text, self.data = out.getvalue(), self._parse(out.getvalue())

    @staticmethod
    def _replace_value(lines: list[str], parent: CommentedMap, name: str, value: Any
                       ) -> list[str] | None:
        current = parent[name]
        if isinstance(current, dict | list):
            return None
        line, col = parent.lc.value(name)
        text = lines[line]
        rest = text[col:]
        if rest[:1] in ("'", '"'):
            quote = rest[0]
            end = rest.find(quote, 1)
            while quote == "'" and end != -1 and rest[end + 1: end + 2] == "'":
                end = rest.find(quote, end + 2)
            if end == -1:
                return None
            tail = rest[end + 1:]
        elif rest[:1] in ("|", ">"):
            return None
        else:
            match = re.search(r"\s+#", rest)
            tail = rest[match.start():] if match else ""
        new = list(lines)
        new[line] = text[:col] + scalar(value) + tail
        return new

    def _end_line(self, keys: Keys, lines: list[str], indent: int) -> int:
        """The line index just after the node at `keys` (before trailing blanks/comments
        that are less indented than `indent`, which belong to what follows)."""
        end = len(lines)
        probe = keys
        while probe:
            *up, last = probe
            parent = self.get(tuple(up))
            if isinstance(parent, CommentedMap):
                names = list(parent)
                position = names.index(last)
                if position + 1 < len(names):
                    end = parent.lc.key(names[position + 1])[0]
                    break
            elif isinstance(parent, CommentedSeq) and isinstance(last, int) and \
                    last + 1 < len(parent):
                end = parent.lc.item(last + 1)[0]
                break
            probe = tuple(up)
        while end > 0:
            previous = lines[end - 1]
            stripped = previous.strip()
            outdented_comment = stripped.startswith("#") and \
                len(previous) - len(previous.lstrip()) < indent
            if not stripped or outdented_comment:
                end -= 1
            else:
                break
        return end

    def _insert_key(self, lines: list[str], keys: Keys, parent: CommentedMap, name: str,
                    value: Any, before: Sequence[str]) -> list[str] | None:
        first = next(iter(parent))
        indent = parent.lc.key(first)[1]
        new_line = " " * indent + f"{scalar(name)}: {scalar(value)}"
        for following in before:
            if following in parent:
                at = parent.lc.key(following)[0]
                while at > 0 and lines[at - 1].strip().startswith("#") and \
                        len(lines[at - 1]) - len(lines[at - 1].lstrip()) == indent:
                    at -= 1
                return [*lines[:at], new_line, *lines[at:]]
        at = self._end_line(keys, lines, indent) if keys else _trimmed_end(lines)
        return [*lines[:at], new_line, *lines[at:]]

    def _insert_item(self, lines: list[str], keys: Keys, sequence: CommentedSeq,
                     index: int | None, item: Any) -> list[str] | None:
        line, col = sequence.lc.item(0)
        dash = lines[line].rfind("-", 0, col)
        if dash < 0:
            return None
        block = _item_lines(item, dash)
        if block is None:
            return None
        if index is not None and index < len(sequence):
            at = sequence.lc.item(index)[0]
        elif keys:
            at = self._end_line(keys, lines, dash + 1)
        else:
            at = _trimmed_end(lines)
        return [*lines[:at], *block, *lines[at:]]


def _trimmed_end(lines: list[str]) -> int:
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end


def _item_lines(item: Any, dash: int) -> list[str] | None:
    pad = " " * dash
    if isinstance(item, dict):
        if not item:
            return None
        out = []
        for n, (key, value) in enumerate(item.items()):
            if isinstance(value, dict | list):
                return None
            lead = f"{pad}- " if n == 0 else f"{pad}  "
            out.append(f"{lead}{scalar(key)}: {scalar(value)}")
        return out
    if isinstance(item, list):
        return None
    return [f"{pad}- {scalar(item)}"]
