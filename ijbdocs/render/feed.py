"""The Atom feed of public papers and directions (feed.xml at the site's root).

Dates come from the content and the as-of date, never the clock, so the feed is the same
for the same content and date. Only public papers and the published log reach it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..log_data import page_address
from ..write import write_text
from .context import BuildContext
from .templating import template_environment

FEED = "feed.xml"
MOST = 50  # entries in the feed, newest first


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: dt.date
    summary: str  # Markdown from the content, or plain words


def entries(context: BuildContext, base: str) -> list[Entry]:
    found = []
    for paper in context.content.papers():
        if not paper.is_public:
            continue
        meeting = paper.meeting
        found.append(Entry(
            f"{base}meetings/{meeting.id}/#{paper.stem}",
            paper.title,
            f"{base}meetings/{meeting.id}/",
            meeting.date,
            paper.purpose,
        ))
    for row in context.public_log.rows:
        found.append(Entry(
            page_address(row.ref, base or None),
            f"Direction {row.ref}: {row.title}",
            page_address(row.ref, base or None),
            row.status_date,
            f"To {row.partners}. Status: {row.status.replace('_', ' ')}.",
        ))
    found.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return found[:MOST]


def render(context: BuildContext) -> None:
    partnership = context.content.partnership
    assert partnership is not None
    base = partnership.site_url or ""
    template = template_environment(context.project).get_template("site/feed.xml.j2")
    write_text(context.files / FEED, template.render(
        partnership=partnership,
        base=base,
        feed_id=f"{base}{FEED}" if base else f"urn:ijbdocs:{_slug(partnership.short_name)}",
        entry_id_prefix="" if base else f"urn:ijbdocs:{_slug(partnership.short_name)}:",
        entries=entries(context, base),
        as_of=context.as_of,
    ))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
