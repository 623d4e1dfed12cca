"""Meetings by year, and a page per meeting with its agenda and public papers.

What a meeting page shows of each paper depends on its visibility: a public paper its
title, purpose, decision and Word download; a private one only "Private item" and the
paragraph it is exempt under; a draft nothing at all. Meetings are reached from the
meetings index, never listed in the navigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ...model import Meeting, Paper
from ..context import BuildContext
from . import Page
from .home import direction_href
from .paths import file_href, public_file, up


@dataclass(frozen=True)
class Download:
    href: str
    size: int  # bytes


@dataclass(frozen=True)
class AgendaRow:
    number: int
    kind: str  # item | public | private
    text: str  # the item's words, or the paper's title ("" for a private item)
    paper: Paper | None = None
    decision: str | None = None  # None before the meeting has decided
    word: Download | None = None
    exempt_reason: str | None = None


def meeting_path(meeting: Meeting) -> str:
    return f"meetings/{meeting.id}/index.md"


def download(context: BuildContext, page_path: str, target: str) -> Download | None:
    """A link to a file the Word renderer wrote, with its size; None if it is not there."""
    path = public_file(context, target)
    if path is None:
        return None
    return Download(file_href(page_path, target), path.stat().st_size)


def agenda(context: BuildContext, meeting: Meeting) -> list[AgendaRow]:
    papers = {paper.stem: paper for paper in meeting.papers}
    decided = meeting.date <= context.as_of and meeting.status != "cancelled"
    rows = []
    for number, entry in enumerate(meeting.agenda, start=1):
        if entry.item is not None:
            rows.append(AgendaRow(number, "item", entry.item))
            continue
        paper = papers.get(entry.paper or "")
        if paper is None or paper.visibility == "draft":
            continue  # a draft is not published at all, not even its title
        if paper.visibility == "private":
            rows.append(AgendaRow(number, "private", "", exempt_reason=paper.exempt_reason))
            continue
        rows.append(AgendaRow(
            number, "public", paper.title, paper,
            decision=paper.decision if decided else None,
            word=download(context, meeting_path(meeting),
                          f"papers/{meeting.id}/{paper.stem}.docx"),
        ))
    return rows


def pages(context: BuildContext) -> list[Page]:
    meetings = context.content.meetings
    result = []
    by_year = [
        (year, list(group))
        for year, group in groupby(reversed(meetings), key=lambda m: m.date.year)
    ]
    result.append(Page("meetings/index.md", "site/meetings-index.md.j2", {
        "root": up("meetings/index.md"),
        "years": by_year,
        "upcoming": [m for m in meetings if m.date >= context.as_of
                     and m.status != "cancelled"],
        "public_count": {m.id: sum(p.is_public for p in m.papers) for m in meetings},
        "href": {m.id: f"{m.id}/index.md" for m in meetings},
    }, nav="Meetings and papers"))
    direction_pages: dict[str, dict[str, str]] = {}  # by the page's depth: one map, not one
    for meeting in meetings:                          # per meeting (meetings × directions)
        path = meeting_path(meeting)
        root = up(path)
        if root not in direction_pages:
            direction_pages[root] = {row.ref: direction_href(row.ref, root)
                                     for row in context.public_log.rows}
        result.append(Page(path, "site/meeting.md.j2", {
            "root": up(path),
            "meeting": meeting,
            "agenda": agenda(context, meeting),
            "agenda_file": download(context, path, f"papers/{meeting.id}/agenda.docx"),
            "board_pack": download(context, path, f"papers/{meeting.id}/board-pack.docx"),
            "direction_pages": direction_pages[root],
        }))
    return result
