"""Rules for the strategic plan, from the strategic plan statutory guidance and Annex C."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..findings import Findings, Location
from ..model import Content, Plan
from ..reference import core_indicators, national_outcomes
from .common import did_you_mean, duplicates, resolve_inside
from .partnership import LOCALITIES_CITE


def check(content: Content, root: Path, as_of: dt.date, findings: Findings) -> None:
    partnership = content.partnership
    assert partnership is not None
    plan = content.plan
    if plan is None and (root / "plan" / "plan.yaml").is_file():
        return  # present but invalid: its errors are already reported
    if plan is None:
        findings.warning(
            Location("plan/plan.yaml"), "",
            "there is no strategic plan (plan/plan.yaml); an integration authority must "
            "publish one",
            "plan-missing", "strategic plan guidance 3.6; s.29 of the 2014 Act",
        )
        return
    _dates(plan, as_of, findings)
    _chapters(plan, root, findings)
    duplicates(plan.priorities, "id", "priority id", findings)
    outcomes = national_outcomes()
    indicators = core_indicators()
    covered: set[int] = set()
    for p, priority in enumerate(plan.priorities):
        for index, outcome in enumerate(priority.national_outcomes):
            if outcome in outcomes:
                covered.add(outcome)
            else:
                findings.error(
                    plan.where("priorities", p, "national_outcomes", index),
                    f"priorities[{p}].national_outcomes[{index}]",
                    f"unknown national outcome {outcome}; they are numbered 1 to 9",
                    "unknown-outcome", "strategic plan guidance, Annex B",
                )
        for m, measure in enumerate(priority.measures):
            if measure.indicator not in indicators:
                findings.error(
                    plan.where("priorities", p, "measures", m, "indicator"),
                    f"priorities[{p}].measures[{m}].indicator",
                    f"unknown core integration indicator '{measure.indicator}' (they are "
                    f"core-1 to core-23){did_you_mean(measure.indicator, list(indicators))}",
                    "unknown-indicator",
                )
    for number, outcome in outcomes.items():
        if number not in covered:
            findings.warning(
                plan.where("priorities"), "priorities",
                f"no priority contributes to national outcome {number} ({outcome.title}); the "
                "plan must say how its arrangements contribute to every outcome",
                "outcome-not-covered", "strategic plan guidance 3.1; s.30 of the 2014 Act",
            )
    _localities(content, plan, findings)
    _financial_statement(content, plan, findings)
    _annex_c(content, plan, root, findings)


def _dates(plan: Plan, as_of: dt.date, findings: Findings) -> None:
    if plan.period.end <= plan.period.start:
        findings.error(plan.where("period", "end"), "period.end",
                       f"the plan period ends ({plan.period.end}) before it starts "
                       f"({plan.period.start})", "period-order")
    if plan.review_by and plan.review_by > plan.latest_review:
        findings.error(
            plan.where("review_by"), "review_by",
            f"review_by {plan.review_by} is more than 3 years after approval "
            f"({plan.approved}); the latest allowed is {plan.latest_review}",
            "review-too-late", "strategic plan guidance 3.8; s.37 of the 2014 Act",
        )
    elif plan.review_due < as_of:
        findings.warning(
            plan.where("review_by") if plan.review_by else plan.where("approved"),
            "review_by",
            f"the plan was due for review by {plan.review_due}; review it (at least every "
            "3 years) and record the new approval",
            "plan-review-overdue", "strategic plan guidance 3.8; s.37 of the 2014 Act",
        )


def _chapters(plan: Plan, root: Path, findings: Findings) -> None:
    folder = root / "plan"
    for index, chapter in enumerate(plan.chapters):
        _, problem = resolve_inside(root, folder, chapter.file)
        if problem:
            findings.error(plan.where("chapters", index, "file"),
                           f"chapters[{index}].file", problem, "chapter-file")


def _localities(content: Content, plan: Plan, findings: Findings) -> None:
    partnership = content.partnership
    assert partnership is not None
    names = partnership.locality_names
    priorities = [p.id for p in plan.priorities]
    duplicates(plan.localities, "id", "locality id", findings)
    in_plan = set()
    for index, locality in enumerate(plan.localities):
        in_plan.add(locality.id)
        if locality.id not in names:
            findings.error(
                plan.where("localities", index, "id"), f"localities[{index}].id",
                f"'{locality.id}' is not one of the partnership's localities"
                f"{did_you_mean(locality.id, list(names))}",
                "unknown-locality", LOCALITIES_CITE,
            )
        for p, priority in enumerate(locality.priorities):
            if priority not in priorities:
                findings.error(
                    plan.where("localities", index, "priorities", p),
                    f"localities[{index}].priorities[{p}]",
                    f"unknown priority '{priority}'{did_you_mean(priority, priorities)}",
                    "unknown-priority",
                )
    for locality_id, name in names.items():
        if locality_id not in in_plan:
            findings.error(
                plan.where("localities"), "localities",
                f"the plan sets out no arrangements for the locality '{name}' ({locality_id}); "
                "the arrangements for each locality must be set out separately",
                "locality-missing", LOCALITIES_CITE,
            )


def _financial_statement(content: Content, plan: Plan, findings: Findings) -> None:
    statement = plan.financial_statement
    if statement is None:
        return
    partnership = content.partnership
    assert partnership is not None
    functions = partnership.function_names
    for index, line in enumerate(statement.lines):
        if line.function not in functions:
            findings.error(
                plan.where("financial_statement", "lines", index, "function"),
                f"financial_statement.lines[{index}].function",
                f"unknown function '{line.function}'"
                f"{did_you_mean(line.function, list(functions))}",
                "unknown-function",
            )
    if statement.lines:
        total = sum((line.amount for line in statement.lines), start=statement.total * 0)
        if total != statement.total:
            findings.error(
                plan.where("financial_statement", "total"), "financial_statement.total",
                f"the lines add up to £{total:,.2f} but the total is £{statement.total:,.2f}",
                "financial-sum", "strategic plan guidance 3.10; s.39 of the 2014 Act",
            )


ANNEX_C = "strategic plan guidance, Annex C"


def _annex_c(content: Content, plan: Plan, root: Path, findings: Findings) -> None:
    missing = {
        "equality_impact_assessment": (plan.equality_impact_assessment is None,
                                       "an equality impact assessment"),
        "financial_statement": (plan.financial_statement is None, "a financial statement"),
        "consultation_statement": (plan.consultation_statement is None,
                                   "a consultation statement"),
        "housing_contribution_statement": (plan.housing_contribution_statement is None,
                                           "a housing contribution statement"),
    }
    for key, (absent, what) in missing.items():
        if absent:
            findings.warning(plan.where(), key, f"the plan has no {what} ({key})",
                             f"annex-c-{key.replace('_', '-')}", ANNEX_C)
    if content.easy_read is None and not (root / "easy-read" / "plan.yaml").is_file():
        findings.warning(
            Location("easy-read/plan.yaml"), "",
            "there is no easy-read version of the plan (easy-read/plan.yaml)",
            "annex-c-easy-read", f"{ANNEX_C}; strategic plan guidance 3.6",
        )
