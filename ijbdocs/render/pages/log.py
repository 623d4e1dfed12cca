"""The directions log pages."""

from __future__ import annotations

from ..context import BuildContext
from . import Page


def pages(context: BuildContext) -> list[Page]:
    return [Page("directions/index.md", "site/directions-log.md.j2", nav="Directions log")]
