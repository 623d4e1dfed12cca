"""Site page providers: each module turns part of the content into generated pages.

A provider is a function `(context) -> list[Page]`; register it in `providers()`. The site
renderer writes every page from its template and builds the navigation from the pages
that have a `nav` title, in provider order. Papers, meetings and directions are reached
through index pages, not listed one by one in the navigation (it is copied into every
page, so a long one makes the build quadratic).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..context import BuildContext


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "directions/index.md"
    template: str  # e.g. "site/directions-log.md.j2"
    values: dict[str, Any] = field(default_factory=dict)
    nav: str | None = None  # title in the site navigation; None: reached by links only
    section: str | None = None  # navigation section the entry belongs to, if any


Provider = Callable[[BuildContext], list[Page]]


def providers() -> list[Provider]:
    """Every page provider, in navigation order."""
    from . import accessibility, easyread, home, log, meetings, plan, theme

    return [home.pages, plan.pages, meetings.pages, log.pages, easyread.pages,
            accessibility.pages, theme.pages]
