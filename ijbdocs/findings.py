"""Findings: content problems as data (file, line, column, key, message, guidance cited)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]


def format_key(path: Sequence[str | int]) -> str:
    """`("direction", "budget", "lines", 0, "amount")` → `direction.budget.lines[0].amount`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def visible(text: str, keep: str = "") -> str:
    """`text` with characters that do not print (controls, NUL) written as `\\x00`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else c.encode("unicode_escape").decode()
                   for c in text)


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the content: file relative to the content root, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True)
class Finding:
    severity: Severity
    location: Location
    key: str
    message: str
    code: str
    cite: str | None = None

    def __post_init__(self) -> None:
        # Keys and values come from the clerk's file: a control character in one (a NUL
        # from a damaged save, say) is shown as an escape, never sent to the terminal.
        object.__setattr__(self, "key", visible(self.key))
        object.__setattr__(self, "message", visible(self.message, keep="\n\t"))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.col, self.key, self.message)

    def escalated(self) -> Finding:
        """The same finding as an error (for --strict)."""
        return Finding(Severity.ERROR, self.location, self.key, self.message, self.code, self.cite)

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        cite = f" [{self.cite}]" if self.cite else ""
        return f"{self.location}: {self.severity}: {key}{self.message}{cite}"


@dataclass
class Findings:
    """A collection of findings; checks append to it, the CLI prints it sorted."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)

    def error(
        self, location: Location, key: str, message: str, code: str, cite: str | None = None
    ) -> None:
        self.add(Finding(Severity.ERROR, location, key, message, code, cite))

    def warning(
        self, location: Location, key: str, message: str, code: str, cite: str | None = None
    ) -> None:
        self.add(Finding(Severity.WARNING, location, key, message, code, cite))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.WARNING]

    def sorted(self) -> list[Finding]:
        unique = {(f.sort_key(), f.severity, f.code): f for f in self.items}
        return sorted(unique.values(), key=Finding.sort_key)

    def strict(self) -> Findings:
        return Findings([f.escalated() for f in self.items])

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)


def summary_line(findings: Findings) -> str:
    errors, warnings = len(findings.errors), len(findings.warnings)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not errors and not warnings:
        return "No problems found."
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}."
