"""Rules for partnership.yaml: localities, delegated functions, house style."""

from __future__ import annotations

from pathlib import Path

from ..findings import Findings
from ..model import Content
from .common import duplicates

LOCALITIES_CITE = "strategic plan guidance 3; s.29 of the 2014 Act"


def check(content: Content, project_root: Path, findings: Findings) -> None:
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
