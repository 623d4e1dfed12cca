"""The directions log pages: the log with its summary, and one page per direction.

Everything here comes from the published log (`context.public_log`): draft papers'
directions are absent, and a private item's direction shows only what the log row keeps
after redaction. The full text of a direction (delivery, budget lines, timescales …) is
taken from the content only for public papers and legacy directions.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from ...log import STATUSES, LogEvent, LogRow
from ...log_data import direction_slug, summarise
from ...model import Direction, DirectionEntry, Paper
from ...project import DEFAULTS
from ...reference import national_outcomes
from ..context import BuildContext
from ..opendata import BASENAME, DATA_FOLDER, data_files
from . import Page
from .paths import file_href, public_file

LOG_PAGE = "directions/index.md"
SCRIPT = "assets/ijbdocs-log.js"


@dataclass(frozen=True)
class Link:
    ref: str
    slug: str
    title: str
    status: str


@dataclass(frozen=True)
class Event:
    event: LogEvent
    by: Link | None  # the direction that superseded or revoked this one


def page_path(ref: str) -> str:
    return f"directions/{direction_slug(ref)}/index.md"


def pages(context: BuildContext) -> list[Page]:
    log = context.public_log
    partnership = context.content.partnership
    assert partnership is not None
    _ship_script(context)
    slugs = {row.ref: direction_slug(row.ref) for row in log.rows}
    files = data_files(context.files)
    log_values: dict[str, Any] = {
        "rows": log.rows,
        "slugs": slugs,
        "summary": summarise(log, partnership),
        "statuses": STATUSES,
        "partner_options": [
            ("council", partnership.council.name),
            ("health_board", partnership.health_board.name),
        ],
        "function_options": [(f.id, f.name) for f in partnership.functions],
        "years": sorted({row.decision_date.year for row in log.rows}, reverse=True),
        "data_files": {
            suffix: {"href": f"../{DATA_FOLDER}/{BASENAME}.{suffix}", "size": size}
            for suffix, size in files.items()
        },
        "schema_href": f"../{DATA_FOLDER}/{BASENAME}.schema.json",
        "script_href": f"../{SCRIPT}",
        "status_order": {status: index for index, status in enumerate(STATUSES)},
    }
    result = [Page(LOG_PAGE, "site/directions-log.md.j2", log_values, nav="Directions log")]
    entries = _entries(context)
    rows = log.by_ref()
    # who names each direction in supersedes / revokes: one pass, not one per page
    named_by: dict[tuple[str, str], list[str]] = {}
    for other in log.rows:
        for field in ("supersedes", "revokes"):
            for ref in getattr(other, field):
                named_by.setdefault((field, ref), []).append(other.ref)
    for row in log.rows:
        result.append(Page(
            page_path(row.ref),
            "site/directions-direction.md.j2",
            _direction_values(context, row, rows, slugs, entries.get(row.ref), named_by),
        ))
    return result


def _ship_script(context: BuildContext) -> None:
    """The log's filter and sort script: progressive enhancement, the table works without."""
    own = context.project.root / "templates" / SCRIPT
    source = own if own.is_file() else DEFAULTS / SCRIPT
    target = context.docs / SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _entries(context: BuildContext) -> dict[str, DirectionEntry]:
    entries: dict[str, DirectionEntry] = {}
    for entry in context.content.directions():
        # a duplicate ref is a check error; like the log, keep the first
        entries.setdefault(entry.ref, entry)
    return entries


def _link(ref: str, rows: dict[str, LogRow], slugs: dict[str, str]) -> Link | None:
    row = rows.get(ref)
    if row is None:  # not in the published log (a draft paper's direction)
        return None
    return Link(ref, slugs[ref], row.title, row.status)


def _direction_values(
    context: BuildContext,
    row: LogRow,
    rows: dict[str, LogRow],
    slugs: dict[str, str],
    entry: DirectionEntry | None,
    named_by: dict[tuple[str, str], list[str]],
) -> dict[str, Any]:
    path = page_path(row.ref)
    full = row.visibility in ("public", "legacy") and entry is not None
    direction: Direction | None = entry.direction if full and entry else None
    paper: Paper | None = entry.paper if full and entry else None
    report_href = None
    if paper is not None and paper.is_public:
        target = f"papers/{paper.meeting.id}/{paper.stem}.docx"
        if public_file(context, target):
            report_href = file_href(path, target)
    outcomes = national_outcomes()

    def links(refs: list[str] | tuple[str, ...]) -> list[Link | str]:
        return [_link(ref, rows, slugs) or ref for ref in refs]

    replaced_by = [
        link for other in named_by.get(("supersedes", row.ref), [])
        if (link := _link(other, rows, slugs))
    ]
    revoked_in = [
        link for other in named_by.get(("revokes", row.ref), [])
        if (link := _link(other, rows, slugs))
    ]
    history = [
        Event(event, _link(event.by, rows, slugs) if event.by else None) for event in row.history
    ]
    return {
        "row": row,
        "direction": direction,
        "paper": paper,
        "source": getattr(direction, "source", None) if direction else None,
        "report_href": report_href,
        "log_href": "../",
        "outcomes": [
            (number, outcomes[number].title if number in outcomes else str(number))
            for number in (direction.national_outcomes if direction else [])
        ],
        "supersedes": links(row.supersedes),
        "revokes": links(row.revokes),
        "replaced_by": replaced_by,
        "revoked_in": revoked_in,
        "history": history,
    }
