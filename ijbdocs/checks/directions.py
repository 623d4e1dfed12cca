"""Rules for directions, from the statutory guidance on directions (January 2020)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from ..findings import Findings, Location, format_key
from ..log import directions_log
from ..model import APPROVED_DECISIONS, Content, Direction, DirectionEntry
from ..reference import national_outcomes
from .common import did_you_mean

ISSUE_WITHIN_DAYS = 14


def _at(entry: DirectionEntry, *keys: str | int) -> tuple[Location, str]:
    """Location and key path of a direction's key, as they are in its file."""
    return entry.direction.where(*keys), format_key(entry.direction.key(*keys))


def check(content: Content, as_of: dt.date, findings: Findings) -> None:
    partnership = content.partnership
    assert partnership is not None
    entries = content.directions()
    by_ref: dict[str, DirectionEntry] = {}
    pattern = (
        re.compile(partnership.direction_ref_pattern)
        if partnership.direction_ref_pattern
        else None
    )
    functions = partnership.function_names
    for entry in entries:
        direction = entry.direction
        where, key = _at(entry, "ref")
        if entry.ref in by_ref:
            first = by_ref[entry.ref].direction.where("ref")
            findings.error(
                where, key,
                f"direction reference '{entry.ref}' is already used ({first}); every "
                "direction ever made needs its own reference",
                "duplicate-ref", "directions guidance 5.2",
            )
        else:
            by_ref[entry.ref] = entry
        if pattern and not pattern.fullmatch(entry.ref):
            findings.error(
                where, key,
                f"reference '{entry.ref}' does not follow the partnership's pattern "
                f"{partnership.direction_ref_pattern}",
                "ref-pattern",
            )
        for index, function in enumerate(direction.functions):
            if function not in functions:
                where, key = _at(entry, "functions", index)
                findings.error(
                    where, key,
                    f"unknown function '{function}' (functions are the ids under functions: in "
                    f"partnership.yaml){did_you_mean(function, list(functions))}",
                    "unknown-function", "directions guidance 4.3",
                )
        for index, outcome in enumerate(direction.national_outcomes):
            if outcome not in national_outcomes():
                where, key = _at(entry, "national_outcomes", index)
                findings.error(
                    where, key, f"unknown national outcome {outcome}; they are numbered 1 to 9",
                    "unknown-outcome", "strategic plan guidance, Annex B",
                )
        _budget(entry, findings)
        _timescales(entry, findings)
        _lifecycle_dates(entry, findings)
    _references(entries, by_ref, findings)
    _updates(content, by_ref, findings)
    _warnings(content, entries, as_of, findings)


def _budget(entry: DirectionEntry, findings: Findings) -> None:
    budget = entry.direction.budget
    if budget.lines:
        total = sum((line.amount for line in budget.lines), start=budget.total * 0)
        if total != budget.total:
            where, key = _at(entry, "budget", "total")
            findings.error(
                where, key,
                f"the budget lines add up to £{total:,.2f} but the total is "
                f"£{budget.total:,.2f}; correct the lines or the total",
                "budget-sum", "directions guidance 4.4",
            )


def _timescales(entry: DirectionEntry, findings: Findings) -> None:
    timescales = entry.direction.timescales
    if timescales and timescales.start and timescales.end and timescales.end < timescales.start:
        where, key = _at(entry, "timescales", "end")
        findings.error(
            where, key,
            f"the end date {timescales.end} is before the start date {timescales.start}",
            "timescales-order",
        )


def _lifecycle_dates(entry: DirectionEntry, findings: Findings) -> None:
    direction = entry.direction
    if direction.issued is None:
        return
    where, key = _at(entry, "issued")
    if entry.decision not in APPROVED_DECISIONS:
        findings.error(
            where, key,
            f"the direction has an issue date but its paper's decision is '{entry.decision}'; "
            "only an approved direction can be issued (record the decision first)",
            "issued-not-approved", "directions guidance 3.1, 5.1",
        )
    elif direction.issued < entry.decision_date:
        findings.error(
            where, key,
            f"issued on {direction.issued}, before the IJB decided on "
            f"{entry.decision_date}; a direction is issued after its approval",
            "issued-before-decision", "directions guidance 5.1",
        )


def _references(
    entries: list[DirectionEntry], by_ref: dict[str, DirectionEntry], findings: Findings
) -> None:
    graph: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for field in ("supersedes", "revokes"):
            for index, target in enumerate(getattr(entry.direction, field)):
                where, key = _at(entry, field, index)
                if target == entry.ref:
                    findings.error(where, key, f"a direction cannot {field[:-1]} itself",
                                   "self-reference", "directions guidance 5.2")
                    continue
                earlier = by_ref.get(target)
                if earlier is None:
                    findings.error(
                        where, key,
                        f"unknown direction '{target}'{did_you_mean(target, list(by_ref))}",
                        "unknown-direction", "directions guidance 5.2",
                    )
                    continue
                graph[entry.ref].append(target)
                if earlier.decision_date >= entry.decision_date:
                    findings.error(
                        where, key,
                        f"'{target}' was decided on {earlier.decision_date}, not before this "
                        f"direction ({entry.decision_date}); a direction can only "
                        f"{field[:-1]} an earlier one",
                        "references-later", "directions guidance 5.2",
                    )
    # cycles (possible only through the date rule being broken, reported once more here)
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            children = graph.get(node, [])
            if i < len(children):
                stack.append((node, i + 1))
                child = children[i]
                if state.get(child) == 1:
                    cycle = [*path[path.index(child):], child]
                    entry = by_ref[node]
                    where, key = _at(entry, "supersedes")
                    findings.error(
                        where, key,
                        f"directions replace each other in a circle: {' → '.join(cycle)}",
                        "reference-cycle", "directions guidance 5.2",
                    )
                elif not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()


def _updates(content: Content, by_ref: dict[str, DirectionEntry], findings: Findings) -> None:
    ended: dict[str, tuple[str, dt.date]] = {}
    for index, update in enumerate(content.updates):
        where = update.where("ref")
        key = f"[{index}].ref"
        entry = by_ref.get(update.ref)
        if entry is None:
            findings.error(
                where, key,
                f"unknown direction '{update.ref}'{did_you_mean(update.ref, list(by_ref))}",
                "unknown-direction",
            )
            continue
        issued = entry.direction.issued
        if issued is None or update.date < issued:
            findings.error(
                update.where("date"), f"[{index}].date",
                f"update dated {update.date} but {update.ref} "
                + ("has not been issued" if issued is None else f"was issued on {issued}")
                + "; a status update follows the issue of the direction",
                "update-before-issue", "directions guidance 5.2",
            )
        if update.ref in ended:
            status, date = ended[update.ref]
            findings.error(
                update.where("status"), f"[{index}].status",
                f"{update.ref} was already {status} on {date}; nothing can follow that",
                "update-after-end", "directions guidance 5.2",
            )
        elif update.status in ("completed", "revoked"):
            ended[update.ref] = (update.status, update.date)
    # revoking or superseding a direction that was already completed or revoked
    for entry in by_ref.values():
        issued = entry.direction.issued
        for field in ("supersedes", "revokes"):
            for index, target in enumerate(getattr(entry.direction, field)):
                if target in ended and issued is not None and ended[target][1] < issued:
                    status, date = ended[target]
                    where, key = _at(entry, field, index)
                    findings.error(
                        where, key,
                        f"'{target}' was already {status} on {date}, before this direction "
                        f"was issued on {issued}",
                        "ends-ended-direction", "directions guidance 5.2",
                    )


def _warnings(
    content: Content, entries: list[DirectionEntry], as_of: dt.date, findings: Findings
) -> None:
    partnership = content.partnership
    assert partnership is not None
    log = directions_log(content, as_of)
    rows = log.by_ref()
    for entry in entries:
        row = rows.get(entry.ref)
        if row is None:
            continue
        direction: Direction = entry.direction
        if row.status == "approved" and (as_of - row.decision_date).days > ISSUE_WITHIN_DAYS:
            where, key = _at(entry, "ref")
            findings.warning(
                where, key,
                f"approved on {row.decision_date} but not issued {ISSUE_WITHIN_DAYS} days "
                "later; issue it as soon as practicable and record `issued:`",
                "not-issued", "directions guidance 5.1",
            )
        missing = []
        timescales = direction.timescales
        if timescales is None or not (timescales.start or timescales.end):
            missing.append("timescales")
        if timescales is None or not timescales.milestones:
            missing.append("milestones")
        if not direction.performance:
            missing.append("performance measures")
        if missing and row.status in ("proposed", "approved", "issued"):
            where, key = _at(entry, "ref")
            findings.warning(
                where, key,
                f"{entry.ref} has no {', no '.join(missing)}; a direction should be capable "
                "of being monitored with delivery timescales, milestones and outcomes",
                "not-monitorable", "directions guidance 3.10",
            )
        if row.in_force and direction.review_date and direction.review_date < as_of:
            where, key = _at(entry, "review_date")
            findings.warning(
                where, key,
                f"{entry.ref} was due for review on {direction.review_date}; review it and "
                "vary, revoke or confirm it",
                "review-overdue", "directions guidance 5.2",
            )
    in_force: set[str] = set()
    for row in log.rows:
        if row.in_force:
            in_force.update(row.functions)
    for index, function in enumerate(partnership.functions):
        if function.id not in in_force:
            findings.warning(
                partnership.where("functions", index, "id"),
                f"functions[{index}].id",
                f"no direction in force for '{function.name}' ({function.id}); an IJB must "
                "give a direction for every delegated function",
                "function-without-direction", "directions guidance 1.4",
            )
