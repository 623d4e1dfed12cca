"""The accessibility statement the 2018 accessibility regulations require."""

from __future__ import annotations

from ..context import BuildContext
from . import Page


def pages(context: BuildContext) -> list[Page]:
    content = context.content
    return [Page("accessibility.md", "site/accessibility.md.j2", {
        "root": "",
        "contact": content.partnership.contact if content.partnership else None,
        "has_appendix_files": any(
            a.file for p in content.papers() if p.is_public for a in p.appendices),
    }, nav="Accessibility")]
