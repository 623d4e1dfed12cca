"""The sample partnership exercises every feature of the content format, with no findings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from ijbdocs.checks import run_checks
from ijbdocs.content import ReadResult, read_content
from ijbdocs.log import directions_log
from ijbdocs.reference import msg_proposals, national_outcomes

CONTENT = Path(__file__).resolve().parents[2] / "content"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample() -> ReadResult:
    return read_content(CONTENT)


def test_sample_checks_clean_even_under_strict(sample: ReadResult) -> None:
    findings = run_checks(sample, AS_OF)
    assert [str(f) for f in findings.sorted()] == []


def test_real_papers_from_the_domain_documents(sample: ReadResult) -> None:
    papers = {(p.meeting.id, p.stem): p for p in sample.content.papers()}
    guidance = papers[("2020-03-19", "07-directions-guidance")]
    assert guidance.direction_required == "none" and "Statutory Guidance" in guidance.title
    msg = next(p for (meeting, _), p in papers.items() if meeting == "2019-05-16")
    assert msg.direction_required == "none"
    evaluation = next(a.self_evaluation for a in msg.appendices if a.self_evaluation)
    assert evaluation is not None
    # as in the real paper: 3.2, 3.3 and 5.3 are "not for local completion" (national bodies)
    rated = {rating.proposal for rating in evaluation.ratings}
    assert set(msg_proposals()) - rated == {"3.2", "3.3", "5.3"}


def test_every_direction_feature_is_exercised(sample: ReadResult) -> None:
    content = sample.content
    log = directions_log(content, AS_OF)
    statuses = Counter(row.status for row in log.rows)
    for status in ("proposed", "issued", "superseded", "revoked", "completed"):
        assert statuses[status], f"no {status} direction in the sample"
    assert {row.to for row in log.rows} >= {"council", "health_board", "both"}
    assert any(row.visibility == "legacy" for row in log.rows)
    assert any(row.revoked_by for row in log.rows), "no revocation by a later direction"
    assert any(u.status == "revoked" for u in content.updates)
    assert any(u.status == "delivery_issue" for u in content.updates)
    kinds = {line.kind for e in content.directions() for line in e.direction.budget.lines}
    assert kinds == {"payment", "set_aside"}
    decisions = {p.decision for p in content.papers()}
    assert decisions >= {"pending", "approved", "not_approved", "deferred", "noted"}
    visibilities = Counter(p.visibility for p in content.papers())
    assert visibilities["private"] and visibilities["draft"]
    assert any(p.escalation_required for p in content.papers())
    assert any(p.links.plan_priorities for p in content.papers())
    assert any(a.file for p in content.papers() for a in p.appendices)


def test_plan_covers_localities_and_all_outcomes(sample: ReadResult) -> None:
    content = sample.content
    assert content.partnership is not None and content.plan is not None
    assert [loc.name for loc in content.partnership.localities] == [
        "Arran", "Garnock Valley", "Irvine", "Kilwinning", "North Coast", "Three Towns"]
    assert {loc.id for loc in content.plan.localities} == {
        loc.id for loc in content.partnership.localities}
    covered = {n for p in content.plan.priorities for n in p.national_outcomes}
    assert covered == set(national_outcomes())
    assert content.plan.financial_statement and content.plan.chapters
    assert content.easy_read is not None and content.easy_read.words
