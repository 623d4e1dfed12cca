"""The strategic plan: its chapters, priorities, localities and statutory statements.

One page per chapter, per priority and per locality; the overview, the national outcomes
(with the priority × outcome table), the delivery principles, the financial, housing,
consultation and equality statements and the Annex C checklist. Only the overview and the
statements are in the navigation; priorities and localities are reached from their index
pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...model import Content, Paper, Plan, Priority
from ...reference import (
    annex_c_checklist,
    core_indicators,
    delivery_principles,
    national_outcomes,
)
from ..context import BuildContext
from . import Page
from .paths import slug, up

SECTION = "Our plan"


def priority_path(priority: Priority) -> str:
    return f"plan/priorities/{slug(priority.id)}.md"


def locality_path(locality_id: str) -> str:
    return f"plan/localities/{slug(locality_id)}.md"


def chapter_text(context: BuildContext, file: str) -> str:
    """A chapter's Markdown without its leading `# Title` (the page has the title)."""
    text = (context.project.content / "plan" / file).read_text(encoding="utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].startswith("# "):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def public_papers_about(content: Content, priority_id: str) -> list[Paper]:
    return [
        paper for paper in content.papers()
        if paper.is_public and priority_id in paper.links.plan_priorities
    ]


NOT_SHOWN = "The published plan does not show this."


@dataclass(frozen=True)
class ChecklistRow:
    id: str
    text: str
    met: bool
    evidence: str  # plain words on how the content shows it, or that it does not
    link: tuple[str, str] | None = None  # (words, page below plan/) that shows it


def checklist(content: Content, as_of: dt.date) -> list[ChecklistRow]:
    """The Annex C items, each met or not as the content shows."""
    plan = content.plan
    assert plan is not None and content.partnership is not None
    covered = {n for p in plan.priorities for n in p.national_outcomes}
    localities_done = set(content.partnership.locality_names) <= {
        loc.id for loc in plan.localities}
    # item id: (met, evidence when met, link to where the plan shows it)
    derived: dict[str, tuple[bool, str, tuple[str, str] | None]] = {
        "review": (
            plan.review_due >= as_of,
            f"Approved on {_date(plan.approved)}; to be reviewed by {_date(plan.review_due)}.",
            None,
        ),
        "equality-impact-assessment": (
            plan.equality_impact_assessment is not None, "Published with the plan.",
            ("Equality impact assessment", "equality.md")),
        "content-requirements": (
            covered >= set(national_outcomes()) and localities_done,
            "The plan sets out arrangements for every locality and contributes to every "
            "national outcome.",
            ("National outcomes", "national-outcomes.md")),
        "housing-contribution-statement": (
            plan.housing_contribution_statement is not None, "Published with the plan.",
            ("Housing contribution statement", "housing.md")),
        "implementation-plan": (
            plan.implementation_plan is not None, "The plan says how it will be delivered.",
            ("About the plan", "index.md")),
        "financial-statement": (
            plan.financial_statement is not None, "Published with the plan.",
            ("Financial statement", "financial-statement.md")),
        "consultation-statement": (
            plan.consultation_statement is not None, "Published with the plan.",
            ("Consultation statement", "consultation.md")),
        "easy-read-version": (
            content.easy_read is not None, "Published with the plan.",
            ("Easy read version", "../easy-read/index.md")),
        "publication-approach": (
            content.easy_read is not None,
            "Published on this website as web pages, with an easy read version.", None),
        "annual-performance-reports": (
            bool(plan.priorities) and all(p.measures for p in plan.priorities),
            "Every priority has measures from the core integration indicators.",
            ("Our priorities", "priorities/index.md")),
    }
    rows = []
    for item in annex_c_checklist():
        met, evidence, link = derived.get(item.id, (False, NOT_SHOWN, None))
        if not met:
            evidence, link = NOT_SHOWN, None
            if item.id == "review":
                evidence = f"The review was due by {_date(plan.review_due)}."
        rows.append(ChecklistRow(item.id, item.text, met, evidence, link))
    return rows


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def pages(context: BuildContext) -> list[Page]:
    content = context.content
    plan = content.plan
    if plan is None or content.partnership is None:
        return []
    outcomes = national_outcomes()
    indicators = core_indicators()
    priorities = {p.id: p for p in plan.priorities}
    names = content.partnership.locality_names
    function_names = content.partnership.function_names
    functions = {f.id: f for f in content.partnership.functions}

    def page(path: str, template: str, nav: str | None = None, **values: Any) -> Page:
        shared = {"root": up(path), "easy_read": content.easy_read is not None}
        return Page(path, template, {**shared, **values}, nav=nav, section=SECTION)

    result = [
        page("plan/index.md", "site/plan-index.md.j2", "About the plan",
             chapters=[(c, f"{slug(c.title)}.md") for c in plan.chapters],
             in_force=_in_force(plan, context.as_of)),
    ]
    for chapter in plan.chapters:
        result.append(page(f"plan/{slug(chapter.title)}.md", "site/plan-chapter.md.j2",
                           chapter.title, chapter=chapter,
                           text=chapter_text(context, chapter.file)))
    result.append(page("plan/priorities/index.md", "site/plan-priorities.md.j2",
                       "Our priorities", priorities=[
                           (p, f"{slug(p.id)}.md") for p in plan.priorities]))
    for priority in plan.priorities:
        result.append(page(
            priority_path(priority), "site/plan-priority.md.j2",
            priority=priority,
            outcomes=[outcomes[n] for n in priority.national_outcomes if n in outcomes],
            measures=[(indicators.get(m.indicator), m) for m in priority.measures],
            localities=[(names.get(loc.id, loc.id), f"../localities/{slug(loc.id)}.md")
                        for loc in plan.localities if priority.id in loc.priorities],
            papers=[(p, f"../../meetings/{p.meeting.id}/index.md")
                    for p in public_papers_about(content, priority.id)],
        ))
    result.append(page("plan/localities/index.md", "site/plan-localities.md.j2",
                       "Our localities", localities=[
                           (loc, names.get(loc.id, loc.id), f"{slug(loc.id)}.md")
                           for loc in plan.localities]))
    for locality in plan.localities:
        result.append(page(
            locality_path(locality.id), "site/plan-locality.md.j2",
            locality=locality, name=names.get(locality.id, locality.id),
            priorities=[(priorities[p], f"../priorities/{slug(p)}.md")
                        for p in locality.priorities if p in priorities],
        ))
    result.append(page(
        "plan/national-outcomes.md", "site/plan-outcomes.md.j2", "National outcomes",
        outcomes=list(outcomes.values()),
        priorities=[(p, f"priorities/{slug(p.id)}.md") for p in plan.priorities],
    ))
    principles = delivery_principles()
    result.append(page("plan/delivery-principles.md", "site/plan-principles.md.j2",
                       "Delivery principles", main=principles[0], others=principles[1:]))
    if plan.financial_statement is not None:
        result.append(page(
            "plan/financial-statement.md", "site/plan-finance.md.j2", "Financial statement",
            statement=plan.financial_statement,
            lines=[(function_names.get(line.function, line.function),
                    functions[line.function].delegated_by if line.function in functions
                    else None, line.amount)
                   for line in plan.financial_statement.lines],
        ))
    if plan.housing_contribution_statement is not None:
        result.append(page("plan/housing.md", "site/plan-housing.md.j2",
                           "Housing contribution"))
    if plan.consultation_statement is not None:
        result.append(page("plan/consultation.md", "site/plan-consultation.md.j2",
                           "Consultation"))
    if plan.equality_impact_assessment is not None:
        result.append(page("plan/equality.md", "site/plan-equality.md.j2",
                           "Equality impact assessment"))
    result.append(page("plan/checklist.md", "site/plan-checklist.md.j2",
                       "Statutory checklist", items=checklist(content, context.as_of)))
    return result


def _in_force(plan: Plan, as_of: dt.date) -> str:
    """Where the plan stands on the as-of date: not yet in effect, in effect, or ended."""
    start = plan.takes_effect or plan.period.start
    if as_of < start:
        return "not_yet"
    if as_of > plan.period.end:
        return "ended"
    return "in_effect"
