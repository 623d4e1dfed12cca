"""The home page."""

from __future__ import annotations

from ..context import BuildContext
from . import Page


def pages(context: BuildContext) -> list[Page]:
    return [Page("index.md", "site/home.md.j2", nav="Home")]
