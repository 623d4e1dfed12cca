"""The home page: the vision, what the board is, the next meeting, latest papers and
directions, and the way to the easy-read plan."""

from __future__ import annotations

from ...log_data import direction_slug
from ...model import Paper
from ..context import BuildContext
from . import Page

LATEST = 5  # papers and directions shown on the home page


def direction_href(ref: str, prefix: str = "") -> str:
    """The page of one direction (the log renderer writes one per direction)."""
    return f"{prefix}directions/{direction_slug(ref)}/index.md"


def pages(context: BuildContext) -> list[Page]:
    content = context.content
    upcoming = [m for m in content.meetings
                if m.date >= context.as_of and m.status != "cancelled"]
    papers: list[Paper] = [p for p in content.papers() if p.is_public]
    papers.sort(key=lambda p: (p.meeting.date, -(p.meeting.item_number(p) or 0)), reverse=True)
    rows = sorted(context.public_log.rows, key=lambda r: (r.decision_date, r.ref), reverse=True)
    return [Page("index.md", "site/home.md.j2", {
        "root": "",
        "easy_read": content.easy_read is not None,
        "next_meeting": upcoming[0] if upcoming else None,
        "latest_papers": [(p, f"meetings/{p.meeting.id}/index.md") for p in papers[:LATEST]],
        "latest_directions": [(r, direction_href(r.ref)) for r in rows[:LATEST]],
    }, nav="Home")]
