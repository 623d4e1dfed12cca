"""The directions log: one pure function from the content and an as-of date to log rows.

Status rules are the contract's table: proposed → approved → issued, then superseded,
revoked or completed, the earliest-dated of these deciding. Nothing dated after the as-of
date counts. Every output (site, Word, open data, terminal) uses this function.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from .model import APPROVED_DECISIONS, Content, DirectionEntry

Status = Literal["proposed", "approved", "issued", "superseded", "revoked", "completed"]
STATUSES: tuple[Status, ...] = (
    "proposed", "approved", "issued", "superseded", "revoked", "completed"
)
EventKind = Literal[
    "proposed",
    "approved",
    "issued",
    "in_progress",
    "delivery_issue",
    "superseded",
    "revoked",
    "completed",
]
TERMINAL: tuple[EventKind, ...] = ("revoked", "superseded", "completed")  # tie order
IN_FORCE: tuple[Status, ...] = ("issued",)
PRIVATE_TITLE = "Direction from a private item"


@dataclass(frozen=True)
class LogEvent:
    date: dt.date
    kind: EventKind
    note: str | None = None
    by: str | None = None  # the direction that superseded or revoked this one


@dataclass(frozen=True)
class LogRow:
    ref: str
    title: str
    to: str  # council | health_board | both
    partners: str  # the delivery partner(s) by name
    functions: tuple[str, ...]
    function_names: tuple[str, ...]
    decision_date: dt.date
    issued: dt.date | None
    status: Status
    status_date: dt.date
    total: Decimal
    delivery_issues: tuple[LogEvent, ...]
    review_date: dt.date | None
    supersedes: tuple[str, ...]
    revokes: tuple[str, ...]
    superseded_by: str | None
    revoked_by: str | None
    meeting: str | None  # meeting folder id, None for legacy directions
    paper: str | None  # paper file stem
    paper_title: str | None
    visibility: Literal["public", "private", "draft", "legacy"]
    history: tuple[LogEvent, ...]

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def is_public(self) -> bool:
        return self.visibility in ("public", "legacy")

    def redacted(self) -> LogRow:
        """What of a private item's direction is published: the statutory log minimum
        (s.5.2: functions, reference, dates, partners, total resource, status) without
        the private report's title, notes or link."""
        if self.visibility != "private":
            return self
        return replace(
            self,
            title=PRIVATE_TITLE,
            paper=None,
            paper_title=None,
            delivery_issues=tuple(replace(e, note=None) for e in self.delivery_issues),
            history=tuple(replace(e, note=None) for e in self.history),
        )


@dataclass(frozen=True)
class DirectionsLog:
    as_of: dt.date
    rows: tuple[LogRow, ...]

    def by_ref(self) -> dict[str, LogRow]:
        return {row.ref: row for row in self.rows}

    def public(self) -> DirectionsLog:
        """The log as published: no draft papers' directions; private ones redacted."""
        rows = tuple(row.redacted() for row in self.rows if row.visibility != "draft")
        return DirectionsLog(self.as_of, rows)

    def counts(self) -> dict[Status, int]:
        counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


def _effective_decision(entry: DirectionEntry, as_of: dt.date) -> str:
    """The decision as known on the as-of date: a meeting after it has decided nothing."""
    if entry.decision_date > as_of:
        return "pending"
    return entry.decision


def _in_log(entry: DirectionEntry, as_of: dt.date) -> bool:
    return _effective_decision(entry, as_of) in ("pending", *APPROVED_DECISIONS)


def directions_log(content: Content, as_of: dt.date) -> DirectionsLog:
    """Every direction in the log with exactly one status as of `as_of`."""
    entries = [e for e in content.directions() if _in_log(e, as_of)]
    refs_seen: set[str] = set()
    unique: list[DirectionEntry] = []
    for entry in entries:  # a duplicate ref is a check error; the log keeps the first
        if entry.ref not in refs_seen:
            refs_seen.add(entry.ref)
            unique.append(entry)

    def approved(entry: DirectionEntry) -> bool:
        return _effective_decision(entry, as_of) in APPROVED_DECISIONS

    def issued_on(entry: DirectionEntry) -> dt.date | None:
        issued = entry.direction.issued
        if issued is None or issued > as_of or not approved(entry):
            return None
        return issued

    # events that end a direction, from later issued directions and from updates
    ending: dict[str, list[LogEvent]] = defaultdict(list)
    by_ref = {entry.ref: entry for entry in unique}
    for entry in unique:
        issued = issued_on(entry)
        if issued is None:
            continue
        for kind, targets in (
            ("superseded", entry.direction.supersedes),
            ("revoked", entry.direction.revokes),
        ):
            for target in targets:
                earlier = by_ref.get(target)
                if earlier is None or earlier.decision_date >= entry.decision_date:
                    continue  # only a later direction ends an earlier one (a check error)
                ending[target].append(LogEvent(issued, kind, by=entry.ref))  # type: ignore[arg-type]
    progress: dict[str, list[LogEvent]] = defaultdict(list)
    for update in content.updates:
        if update.date > as_of or update.ref not in by_ref:
            continue
        event = LogEvent(update.date, update.status, update.note)
        (ending if update.status in TERMINAL else progress)[update.ref].append(event)

    partnership = content.partnership
    function_names = partnership.function_names if partnership else {}
    rows = []
    for entry in unique:
        direction = entry.direction
        history: list[LogEvent] = []
        if entry.paper is not None:
            history.append(LogEvent(entry.decision_date, "proposed"))
        status: Status = "proposed"
        status_date = entry.decision_date
        issued = issued_on(entry)
        if approved(entry):
            status, status_date = "approved", entry.decision_date
            history.append(LogEvent(entry.decision_date, "approved"))
            if issued is not None:
                status, status_date = "issued", issued
                history.append(LogEvent(issued, "issued"))
        progress_events = progress.get(entry.ref, [])
        history.extend(progress_events)
        endings = sorted(
            ending.get(entry.ref, []), key=lambda e: (e.date, TERMINAL.index(e.kind))
        )
        superseded_by = revoked_by = None
        if endings and status in ("approved", "issued"):
            first = endings[0]
            status, status_date = first.kind, first.date  # type: ignore[assignment]
            history.append(first)
            if first.kind == "superseded":
                superseded_by = first.by
            elif first.kind == "revoked":
                revoked_by = first.by
        history.sort(key=lambda e: (e.date, _EVENT_ORDER[e.kind]))
        paper = entry.paper
        rows.append(
            LogRow(
                ref=entry.ref,
                title=entry.title,
                to=direction.to,
                partners=partnership.partner_name(direction.to) if partnership else direction.to,
                functions=tuple(direction.functions),
                function_names=tuple(function_names.get(f, f) for f in direction.functions),
                decision_date=entry.decision_date,
                issued=issued,
                status=status,
                status_date=status_date,
                total=direction.budget.total,
                delivery_issues=tuple(e for e in progress_events if e.kind == "delivery_issue"),
                review_date=direction.review_date,
                supersedes=tuple(direction.supersedes),
                revokes=tuple(direction.revokes),
                superseded_by=superseded_by,
                revoked_by=revoked_by,
                meeting=paper.meeting.id if paper else None,
                paper=paper.stem if paper else None,
                paper_title=paper.title if paper else None,
                visibility=paper.visibility if paper else "legacy",
                history=tuple(history),
            )
        )
    rows.sort(key=lambda r: (r.decision_date, r.ref))
    return DirectionsLog(as_of, tuple(rows))


_EVENT_ORDER: dict[str, int] = {
    "proposed": 0,
    "approved": 1,
    "issued": 2,
    "in_progress": 3,
    "delivery_issue": 4,
    "superseded": 5,
    "revoked": 6,
    "completed": 7,
}

