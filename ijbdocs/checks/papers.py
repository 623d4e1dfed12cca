"""Rules for covering reports and meetings: direction required, exempt items, agendas."""

from __future__ import annotations

from ..content import ReadResult
from ..findings import Findings, format_key
from ..model import Paper
from ..reference import msg_proposals, national_outcomes
from .common import did_you_mean, resolve_inside

REPORT_CITE = "directions guidance 3.8, 7.5"
SAME_REPORT_CITE = "directions guidance 4.7"


def check(result: ReadResult, findings: Findings) -> None:
    content = result.content
    partnership = content.partnership
    assert partnership is not None
    implications = partnership.house_style.implications
    priorities = [p.id for p in content.plan.priorities] if content.plan else None
    for paper in content.papers():
        _direction_required(paper, findings)
        _exempt(paper, findings)
        _implications(paper, implications, findings)
        _links(paper, priorities, findings)
        _appendices(paper, result, findings)
    for meeting in content.meetings:
        stems = result.paper_files.get(meeting.id, set())
        named: dict[str, int] = {}
        for index, entry in enumerate(meeting.agenda):
            if entry.paper is None:
                continue
            if entry.paper in named:
                findings.error(
                    meeting.where("agenda", index, "paper"),
                    f"agenda[{index}].paper",
                    f"paper '{entry.paper}' is on the agenda twice (first as item "
                    f"{named[entry.paper] + 1}); each paper appears exactly once",
                    "agenda-duplicate",
                )
            named.setdefault(entry.paper, index)
            if entry.paper not in stems:
                findings.error(
                    meeting.where("agenda", index, "paper"),
                    f"agenda[{index}].paper",
                    f"no paper file '{entry.paper}.yaml' in meetings/{meeting.id}/"
                    f"{did_you_mean(entry.paper, sorted(stems))}",
                    "agenda-missing-paper",
                )
        for stem in sorted(stems - set(named)):
            findings.error(
                result.documents[f"meetings/{meeting.id}/{stem}.yaml"].locate(())
                if f"meetings/{meeting.id}/{stem}.yaml" in result.documents
                else meeting.where("agenda"),
                "agenda",
                f"paper '{stem}' is not on the agenda of meetings/{meeting.id}/meeting.yaml; "
                f"add `- paper: {stem}` where it is taken",
                "paper-not-on-agenda",
            )


def _direction_required(paper: Paper, findings: Findings) -> None:
    required = paper.direction_required
    if required == "none" and paper.direction is not None:
        findings.error(
            paper.where("direction"),
            "direction",
            "a direction is given but direction_required is 'none'; set direction_required "
            "to council, health_board or both, or remove the direction",
            "direction-not-required",
            REPORT_CITE,
        )
    elif required != "none" and paper.direction is None:
        findings.error(
            paper.where("direction_required"),
            "direction",
            f"direction_required is '{required}' but the paper has no direction; the "
            "direction belongs in the same report, in the standard format",
            "direction-missing",
            SAME_REPORT_CITE,
        )
    elif paper.direction is not None and paper.decision == "noted":
        findings.error(
            paper.where("decision"),
            "decision",
            "a paper carrying a direction cannot simply be 'noted': the board approves a "
            "direction (approved or approved_with_amendments), or does not "
            "(not_approved, deferred)",
            "direction-noted",
            "directions guidance 3.9",
        )
    if paper.direction is not None and required != "none" and paper.direction.to != required:
        findings.error(
            paper.where("direction", "to"),
            "direction.to",
            f"the direction is to '{paper.direction.to}' but direction_required is "
            f"'{required}'; they must be the same",
            "direction-to-mismatch",
            REPORT_CITE,
        )


def _exempt(paper: Paper, findings: Findings) -> None:
    if paper.visibility == "private" and not paper.exempt_reason:
        findings.error(
            paper.where("visibility"),
            "exempt_reason",
            "a private paper needs exempt_reason: the paragraph of Schedule 7A of the "
            "Local Government (Scotland) Act 1973 that makes it exempt",
            "exempt-reason-missing",
            "Local Government (Scotland) Act 1973, s.50A and Schedule 7A",
        )
    elif paper.visibility != "private" and paper.exempt_reason:
        findings.error(
            paper.where("exempt_reason"),
            "exempt_reason",
            f"exempt_reason is given but the paper is '{paper.visibility}'; set "
            "visibility: private, or remove exempt_reason",
            "exempt-reason-not-private",
        )


def _implications(paper: Paper, expected: list[str], findings: Findings) -> None:
    for name in expected:
        if name not in paper.implications:
            findings.error(
                paper.where("implications"),
                f"implications.{name}",
                f"the '{name}' implication is missing; every paper states each implication "
                "(write None or n/a where there is none)",
                "implication-missing",
            )
        elif paper.implications[name] is None:
            findings.error(
                paper.where("implications", name),
                f"implications.{name}",
                f"the '{name}' implication is empty; write None or n/a explicitly",
                "implication-empty",
            )
    for name in paper.implications:
        if name not in expected:
            findings.error(
                paper.where("implications", name),
                f"implications.{name}",
                f"unknown implication '{name}'{did_you_mean(name, expected)} (the partnership's "
                "house_style.implications lists the ones its papers use)",
                "unknown-implication",
            )


def _links(paper: Paper, priorities: list[str] | None, findings: Findings) -> None:
    for index, priority in enumerate(paper.links.plan_priorities):
        if priorities is None or priority not in priorities:
            findings.error(
                paper.where("links", "plan_priorities", index),
                f"links.plan_priorities[{index}]",
                f"unknown plan priority '{priority}'"
                + (did_you_mean(priority, priorities) if priorities else
                   " (there is no plan/plan.yaml)"),
                "unknown-priority",
            )
    for index, outcome in enumerate(paper.links.national_outcomes):
        if outcome not in national_outcomes():
            findings.error(
                paper.where("links", "national_outcomes", index),
                f"links.national_outcomes[{index}]",
                f"unknown national outcome {outcome}; they are numbered 1 to 9",
                "unknown-outcome",
                "strategic plan guidance, Annex B",
            )


def _appendices(paper: Paper, result: ReadResult, findings: Findings) -> None:
    folder = result.root / "meetings" / paper.meeting.id
    proposals = msg_proposals()
    for index, appendix in enumerate(paper.appendices):
        if appendix.file is not None:
            _, problem = resolve_inside(result.root, folder, appendix.file)
            if problem:
                findings.error(
                    paper.where("appendices", index, "file"),
                    f"appendices[{index}].file",
                    problem,
                    "appendix-file",
                )
        if appendix.self_evaluation is not None:
            seen: set[str] = set()
            for r, rating in enumerate(appendix.self_evaluation.ratings):
                key = format_key(("appendices", index, "self_evaluation", "ratings", r,
                                  "proposal"))
                where = paper.where("appendices", index, "self_evaluation", "ratings", r,
                                    "proposal")
                if rating.proposal not in proposals:
                    findings.error(
                        where,
                        key,
                        f"unknown MSG proposal '{rating.proposal}'; the 25 proposals are "
                        f"numbered 1.1 to 6.3{did_you_mean(rating.proposal, list(proposals))}",
                        "unknown-msg-proposal",
                        "MSG review of integration (2019)",
                    )
                elif rating.proposal in seen:
                    findings.error(where, key, f"proposal {rating.proposal} is rated twice",
                                   "duplicate-msg-proposal")
                seen.add(rating.proposal)
