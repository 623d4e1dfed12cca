"""Rules for the easy-read plan's pictures and word list."""

from __future__ import annotations

from pathlib import Path

from ..findings import Findings
from ..model import Content
from .common import resolve_inside


def is_picture_file(picture: str) -> bool:
    """A picture given as a file (images/ferry.png) rather than a bundled pictogram name."""
    return "/" in picture or "\\" in picture or "." in picture


def check(content: Content, root: Path, findings: Findings) -> None:
    easy_read = content.easy_read
    if easy_read is None:
        return
    folder = root / "easy-read"
    for s, section in enumerate(easy_read.sections):
        for b, block in enumerate(section.blocks):
            if is_picture_file(block.picture):
                _, problem = resolve_inside(root, folder, block.picture)
                if problem:
                    findings.error(
                        easy_read.where("sections", s, "blocks", b, "picture"),
                        f"sections[{s}].blocks[{b}].picture", problem, "picture-file",
                    )
