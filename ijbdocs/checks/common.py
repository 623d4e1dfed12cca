"""Helpers every check module uses: id suggestions, repeated ids, safe file references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from ..findings import Findings, format_key
from ..model import Node


def did_you_mean(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def duplicates(items: Iterable[Node], attribute: str, what: str, findings: Findings) -> None:
    """An error at every repeat of an id (the first one stands)."""
    seen: set[str] = set()
    for node in items:
        value = getattr(node, attribute)
        if value in seen:
            findings.error(
                node.where(attribute),
                format_key(node.key(attribute)),
                f"{what} '{value}' is given twice; ids must be unique",
                f"duplicate-{what.replace(' ', '-')}",
            )
        seen.add(value)


def resolve_inside(root: Path, base: Path, reference: str) -> tuple[Path | None, str | None]:
    """A file reference from content, resolved below `base`; it must stay inside `root`.

    Returns the path, or None and the reason it is refused.
    """
    if Path(reference).is_absolute() or reference.startswith(("/", "\\")) or ":" in reference:
        return None, f"'{reference}' is an absolute path; give a path relative to this file"
    target = (base / reference).resolve()
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return None, f"'{reference}' points outside the content folder; files must be inside it"
    if not target.is_file():
        looked = target.relative_to(root.resolve()).as_posix()
        return None, f"file '{reference}' does not exist (looked for {looked})"
    return target, None
