"""The directions log: examples of each status, and its invariants as properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factories import IMPLICATIONS, partnership
from hypothesis import given, settings
from hypothesis import strategies as st

from ijbdocs.log import STATUSES, directions_log
from ijbdocs.model import Content, LegacyDirection, Meeting, Paper, Partnership, Update

BASE = dt.date(2020, 1, 1)


def _paper_for(direction: dict[str, Any], decision: str, meeting: Meeting, stem: str) -> Paper:
    paper = Paper.model_validate(
        {
            "title": f"Paper for {direction['ref']}",
            "report_by": {"name": "A"},
            "purpose": "p",
            "recommendations": ["r"],
            "summary": "s",
            "implications": dict(IMPLICATIONS),
            "direction_required": direction["to"],
            "direction": direction,
            "decision": decision,
        }
    )
    paper._meeting = meeting
    paper._stem = stem
    return paper


def make_content(
    directions: list[dict[str, Any]], updates: list[dict[str, Any]] | None = None
) -> Content:
    """Content from direction specs: `decided` (date), `decision`, `legacy`, and the
    direction's own keys."""
    meetings: dict[dt.date, Meeting] = {}
    legacy = []
    for index, spec in enumerate(directions):
        spec = dict(spec)
        decided, decision, is_legacy = spec.pop("decided"), spec.pop("decision"), spec.pop(
            "legacy", False)
        body = {"to": "council", "functions": ["adult-care"], "delivery": "d",
                "budget": {"total": 100}, **spec}
        if is_legacy:
            legacy.append(LegacyDirection.model_validate(
                {"title": "Legacy", "approved": decided, **body}))
            continue
        meeting = meetings.get(decided)
        if meeting is None:
            meeting = Meeting.model_validate({"date": decided, "body": "IJB", "agenda": []})
            meeting._id = decided.isoformat()
            meetings[decided] = meeting
        meeting._papers.append(_paper_for(body, decision, meeting, f"{index:02d}-paper"))
    return Content(
        Partnership.model_validate(partnership()),
        list(meetings.values()),
        None,
        None,
        legacy,
        [Update.model_validate(u) for u in updates or []],
    )


def day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


# ------------------------------------------------------------------------------- examples


def status_of(content: Content, ref: str, as_of: dt.date) -> str:
    return directions_log(content, as_of).by_ref()[ref].status


def test_lifecycle_of_one_direction() -> None:
    content = make_content(
        [{"ref": "D1", "decided": day(10), "decision": "approved", "issued": day(15)}],
        [{"ref": "D1", "date": day(100), "status": "completed"}],
    )
    assert status_of(content, "D1", day(9)) == "proposed"  # the day before the meeting
    assert status_of(content, "D1", day(10)) == "approved"
    assert status_of(content, "D1", day(15)) == "issued"
    assert status_of(content, "D1", day(99)) == "issued"
    assert status_of(content, "D1", day(100)) == "completed"


def test_pending_decision_is_proposed_and_rejected_ones_are_not_in_the_log() -> None:
    content = make_content(
        [
            {"ref": "D1", "decided": day(10), "decision": "pending"},
            {"ref": "D2", "decided": day(10), "decision": "not_approved"},
            {"ref": "D3", "decided": day(10), "decision": "deferred"},
        ]
    )
    rows = directions_log(content, day(20)).by_ref()
    assert rows["D1"].status == "proposed"
    assert "D2" not in rows and "D3" not in rows
    # before the meeting a deferred paper's direction is still only proposed
    assert directions_log(content, day(9)).by_ref()["D3"].status == "proposed"


def test_superseded_and_revoked_by_later_issued_directions() -> None:
    content = make_content(
        [
            {"ref": "D1", "decided": day(10), "decision": "approved", "issued": day(12)},
            {"ref": "D2", "decided": day(10), "decision": "approved", "issued": day(12)},
            {"ref": "D3", "decided": day(50), "decision": "approved_with_amendments",
             "issued": day(55), "supersedes": ["D1"], "revokes": ["D2"]},
        ]
    )
    assert status_of(content, "D1", day(54)) == "issued"  # D3 approved but not yet issued
    rows = directions_log(content, day(55)).by_ref()
    assert (rows["D1"].status, rows["D1"].superseded_by, rows["D1"].status_date) == (
        "superseded", "D3", day(55))
    assert (rows["D2"].status, rows["D2"].revoked_by) == ("revoked", "D3")
    assert rows["D3"].status == "issued"


def test_earliest_ending_event_decides() -> None:
    content = make_content(
        [
            {"ref": "D1", "decided": day(10), "decision": "approved", "issued": day(12)},
            {"ref": "D2", "decided": day(50), "decision": "approved", "issued": day(60),
             "supersedes": ["D1"]},
        ],
        [{"ref": "D1", "date": day(40), "status": "completed"},
         {"ref": "D1", "date": day(30), "status": "delivery_issue", "note": "Staffing."}],
    )
    row = directions_log(content, day(70)).by_ref()["D1"]
    assert row.status == "completed" and row.status_date == day(40)
    assert [e.kind for e in row.history] == [
        "proposed", "approved", "issued", "delivery_issue", "completed"]
    assert row.delivery_issues[0].note == "Staffing."


def test_legacy_direction_counts_from_its_approval() -> None:
    content = make_content(
        [{"ref": "L1", "decided": day(5), "decision": "approved", "legacy": True,
          "issued": day(6)}]
    )
    assert status_of(content, "L1", day(5)) == "approved"
    assert status_of(content, "L1", day(6)) == "issued"
    assert directions_log(content, day(6)).by_ref()["L1"].visibility == "legacy"


def test_public_view_drops_drafts_and_redacts_private_items() -> None:
    content = make_content(
        [
            {"ref": "D1", "decided": day(10), "decision": "approved", "issued": day(12)},
            {"ref": "D2", "decided": day(10), "decision": "approved", "issued": day(12)},
        ],
        [{"ref": "D1", "date": day(20), "status": "delivery_issue", "note": "Secret"}],
    )
    papers = list(content.papers())
    papers[0].visibility = "private"
    papers[1].visibility = "draft"
    public = directions_log(content, day(30)).public()
    assert [row.ref for row in public.rows] == ["D1"]
    row = public.rows[0]
    assert row.title == "Direction from a private item" and row.paper is None
    assert row.delivery_issues[0].note is None and row.total == 100  # s.5.2 minimum stays


# ----------------------------------------------------------------------------- properties

DECISIONS = ["pending", "approved", "approved_with_amendments", "not_approved", "deferred",
             "noted"]


@st.composite
def logs(draw: st.DrawFn) -> tuple[Content, dt.date, list[dict[str, Any]]]:
    count = draw(st.integers(1, 8))
    specs: list[dict[str, Any]] = []
    for index in range(count):
        decided = draw(st.integers(0, 400))
        spec: dict[str, Any] = {
            "ref": f"D{index}",
            "decided": day(decided),
            "decision": draw(st.sampled_from(DECISIONS)),
            "legacy": draw(st.booleans()),
        }
        if spec["legacy"]:
            spec["decision"] = "approved"
        if draw(st.booleans()):
            spec["issued"] = day(decided + draw(st.integers(0, 60)))
        earlier = [s["ref"] for s in specs if s["decided"] < spec["decided"]]
        if earlier:
            spec["supersedes"] = draw(st.lists(st.sampled_from(earlier), max_size=2,
                                               unique=True))
            spec["revokes"] = draw(st.lists(st.sampled_from(earlier), max_size=1, unique=True))
        specs.append(spec)
    updates = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "ref": st.sampled_from([s["ref"] for s in specs]),
                    "date": st.integers(0, 500).map(day),
                    "status": st.sampled_from(
                        ["in_progress", "delivery_issue", "completed", "revoked"]),
                }
            ),
            max_size=5,
        )
    )
    as_of = day(draw(st.integers(0, 500)))
    return make_content(specs, updates), as_of, specs


@settings(max_examples=200, deadline=None)
@given(logs())
def test_every_direction_has_exactly_one_status(case: Any) -> None:
    content, as_of, specs = case
    log = directions_log(content, as_of)
    refs = [row.ref for row in log.rows]
    assert len(refs) == len(set(refs))
    for row in log.rows:
        assert row.status in STATUSES
    expected = {
        s["ref"] for s in specs
        if s["decided"] > as_of or s["decision"] in ("pending", "approved",
                                                     "approved_with_amendments")
    }
    assert set(refs) == expected
    assert sum(log.counts().values()) == len(log.rows)


@settings(max_examples=200, deadline=None)
@given(logs())
def test_superseded_or_revoked_only_by_a_later_issued_direction(case: Any) -> None:
    content, as_of, _ = case
    rows = directions_log(content, as_of).by_ref()
    for row in rows.values():
        by = row.superseded_by or row.revoked_by
        if by is None:
            continue
        other = rows[by]
        assert other.issued is not None and other.issued <= as_of
        assert other.decision_date > row.decision_date
        assert row.status_date == other.issued
        assert row.ref in (other.supersedes if row.superseded_by else other.revokes)


@settings(max_examples=200, deadline=None)
@given(logs())
def test_nothing_after_the_as_of_date_changes_any_status(case: Any) -> None:
    content, as_of, specs = case
    before = {row.ref: (row.status, row.status_date, row.history)
              for row in directions_log(content, as_of).rows}
    # The same content with everything dated after as_of taken out (or not yet done).
    past = []
    for spec in specs:
        spec = dict(spec)
        if spec["decided"] > as_of:
            spec["decision"] = "pending"
        if spec.get("issued") and spec["issued"] > as_of:
            del spec["issued"]
        past.append(spec)
    updates = [
        {"ref": u.ref, "date": u.date, "status": u.status}
        for u in content.updates if u.date <= as_of
    ]
    after = {row.ref: (row.status, row.status_date, row.history)
             for row in directions_log(make_content(past, updates), as_of).rows}
    assert before == after
    for status, status_date, history in after.values():
        if status != "proposed":
            assert status_date <= as_of
        assert all(event.date <= as_of for event in history if event.kind != "proposed")


@settings(max_examples=100, deadline=None)
@given(logs())
def test_log_is_a_pure_function(case: Any) -> None:
    content, as_of, _ = case
    assert directions_log(content, as_of) == directions_log(content, as_of)
