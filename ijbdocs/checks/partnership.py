"""Rules for partnership.yaml: localities, delegated functions, house style."""

from __future__ import annotations

from pathlib import Path

from ..findings import Findings
from ..model import Content
from .common import duplicates

LOCALITIES_CITE = "strategic plan guidance 3; s.29 of the 2014 Act"


def check(content: Content, content_root: Path, findings: Findings) -> None:
    partnership = content.partnership
    assert partnership is not None
    if len(partnership.localities) < 2:
        findings.error(
            partnership.where("localities"),
            "localities",
            f"a partnership needs at least 2 localities, found {len(partnership.localities)}",
            "too-few-localities",
            LOCALITIES_CITE,
        )
    duplicates(partnership.localities, "id", "locality id", findings)
    duplicates(partnership.functions, "id", "function id", findings)
    seen: set[str] = set()
    for index, name in enumerate(partnership.house_style.implications):
        if name in seen:
            findings.error(
                partnership.where("house_style", "implications", index),
                f"house_style.implications[{index}]",
                f"implication '{name}' is listed twice",
                "duplicate-implication",
            )
        seen.add(name)
    _word_template(content, content_root.parent, findings)


def _word_template(content: Content, project_root: Path, findings: Findings) -> None:
    """house_style.word_template is a .docx in the project folder (beside content/)."""
    partnership = content.partnership
    assert partnership is not None
    chosen = partnership.house_style.word_template
    if chosen is None:
        return
    path = (project_root / chosen).resolve()
    problem = None
    if not path.is_relative_to(project_root.resolve()):
        problem = f"'{chosen}' points outside the project folder"
    elif path.suffix.lower() != ".docx":
        problem = f"'{chosen}' is not a Word document (.docx); save the house style as .docx"
    elif not path.is_file():
        problem = (f"'{chosen}' does not exist; the path is relative to the project folder "
                   "(the folder holding content/), e.g. templates/word/house.docx")
    if problem:
        findings.error(
            partnership.where("house_style", "word_template"),
            "house_style.word_template",
            problem,
            "word-template-file",
        )
