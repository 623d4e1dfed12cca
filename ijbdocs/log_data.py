"""The directions log as records and summaries: one definition shared by every log output.

`record(row)` is the one place a log row becomes the exported record (open data files,
terminal view); `FIELDS` describes each field (the JSON Schema, the spreadsheet's About
sheet and the importer's column names come from it); `summarise(log)` is what the summary
page and the board's log review present. Callers pass the published log (`.public()`)
for anything public.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from .log import STATUSES, DirectionsLog, LogRow
from .model import Partnership

FieldType = Literal["text", "date", "money", "list", "code"]


@dataclass(frozen=True)
class Field:
    key: str
    type: FieldType
    description: str
    required: bool = True  # always has a value (never null or empty)


FIELDS: tuple[Field, ...] = (
    Field("ref", "text", "The direction's reference, unique across all directions."),
    Field("title", "text", "What the direction is about. A direction from a private (exempt) "
          "item is titled 'Direction from a private item'."),
    Field("to", "code", "Who it is to: council, health_board or both."),
    Field("delivery_partners", "text", "The delivery partner(s) by name."),
    Field("functions", "list", "Ids of the delegated functions it covers."),
    Field("function_names", "list", "Names of the delegated functions it covers."),
    Field("decision_date", "date", "Date of the IJB decision it flows from."),
    Field("issued", "date", "Date it was issued to the delivery partner(s); empty until "
          "issued.", required=False),
    Field("status", "code", "Status on the as-of date: proposed, approved, issued, "
          "superseded, revoked or completed."),
    Field("status_date", "date", "Date the status took effect."),
    Field("total_resource", "money", "Total resource committed, in pounds."),
    Field("delivery_issues", "list", "Delivery issues recorded, each 'YYYY-MM-DD: note'.",
          required=False),
    Field("review_date", "date", "Date it is due for review.", required=False),
    Field("supersedes", "list", "References of earlier directions it varies or replaces.",
          required=False),
    Field("revokes", "list", "References of earlier directions it revokes.", required=False),
    Field("superseded_by", "text", "Reference of the direction that superseded it.",
          required=False),
    Field("revoked_by", "text", "Reference of the direction that revoked it.", required=False),
    Field("meeting", "text", "The meeting that decided it (its date, as YYYY-MM-DD and any "
          "suffix); empty for directions made before the papers were kept in ijbdocs.",
          required=False),
    Field("covering_report", "text", "Title of the covering report; empty for a private item "
          "or a direction made before the papers were kept in ijbdocs.", required=False),
    Field("origin", "code", "Where it is recorded: paper (a public covering report), "
          "private_item (an exempt item: statutory minimum only) or legacy (made before "
          "ijbdocs)."),
    Field("page", "text", "Address of the direction's page on the website."),
)
FIELD_KEYS = tuple(field.key for field in FIELDS)
ORIGINS = {"public": "paper", "private": "private_item", "draft": "draft", "legacy": "legacy"}
LIST_SEPARATOR = "; "  # how list fields are joined in one spreadsheet cell


def direction_slug(ref: str) -> str:
    """A direction reference as a safe folder name for its page (refs are free text)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ref).strip("-.") or "direction"


def page_address(ref: str, site_url: str | None) -> str:
    path = f"directions/{direction_slug(ref)}/"
    return f"{site_url}{path}" if site_url else path


def _one_line(text: str) -> str:
    return " ".join(text.split())


def record(row: LogRow, site_url: str | None = None) -> dict[str, Any]:
    """The exported record of one log row, with typed values (dates, Decimal, lists).

    Writers turn the values into their format; none adds, drops or reorders fields.
    """
    issues = [
        f"{issue.date.isoformat()}: {_one_line(issue.note)}" if issue.note
        else issue.date.isoformat()
        for issue in row.delivery_issues
    ]
    return {
        "ref": row.ref,
        "title": row.title,
        "to": row.to,
        "delivery_partners": row.partners,
        "functions": list(row.functions),
        "function_names": list(row.function_names),
        "decision_date": row.decision_date,
        "issued": row.issued,
        "status": row.status,
        "status_date": row.status_date,
        "total_resource": row.total,
        "delivery_issues": issues,
        "review_date": row.review_date,
        "supersedes": list(row.supersedes),
        "revokes": list(row.revokes),
        "superseded_by": row.superseded_by,
        "revoked_by": row.revoked_by,
        "meeting": row.meeting,
        "covering_report": row.paper_title,
        "origin": ORIGINS[row.visibility],
        "page": page_address(row.ref, site_url),
    }


def records(log: DirectionsLog, site_url: str | None = None) -> list[dict[str, Any]]:
    """Every row of the log as a record, in the log's order (decision date, then ref)."""
    return [record(row, site_url) for row in log.rows]


# -------------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class PartnerTotal:
    to: str
    partners: str
    count: int
    total: Decimal


@dataclass(frozen=True)
class FunctionGap:
    id: str
    name: str
    delegated_by: str


@dataclass(frozen=True)
class LogSummary:
    as_of: dt.date
    counts: dict[str, int]
    in_force: tuple[LogRow, ...]
    in_force_by_partner: tuple[PartnerTotal, ...]
    in_force_total: Decimal
    functions_without_direction: tuple[FunctionGap, ...]
    overdue_review: tuple[LogRow, ...]
    approved_not_issued: tuple[LogRow, ...]
    delivery_issues: tuple[LogRow, ...]  # in force or approved, with an issue recorded


PARTNER_ORDER = ("council", "health_board", "both")


def summarise(log: DirectionsLog, partnership: Partnership | None) -> LogSummary:
    """What the board monitors: in force by partner, counts, gaps, overdue, not issued."""
    in_force = tuple(row for row in log.rows if row.in_force)
    by_partner = []
    for to in PARTNER_ORDER:
        rows = [row for row in in_force if row.to == to]
        if rows:
            by_partner.append(PartnerTotal(
                to, rows[0].partners, len(rows), sum((r.total for r in rows), Decimal(0))
            ))
    covered = {function for row in in_force for function in row.functions}
    gaps = tuple(
        FunctionGap(function.id, function.name, function.delegated_by)
        for function in (partnership.functions if partnership else [])
        if function.id not in covered
    )
    return LogSummary(
        as_of=log.as_of,
        counts={status: log.counts()[status] for status in STATUSES},
        in_force=in_force,
        in_force_by_partner=tuple(by_partner),
        in_force_total=sum((row.total for row in in_force), Decimal(0)),
        functions_without_direction=gaps,
        overdue_review=tuple(
            row for row in in_force if row.review_date and row.review_date < log.as_of
        ),
        approved_not_issued=tuple(row for row in log.rows if row.status == "approved"),
        delivery_issues=tuple(
            row for row in log.rows
            if row.delivery_issues and row.status in ("approved", "issued")
        ),
    )
