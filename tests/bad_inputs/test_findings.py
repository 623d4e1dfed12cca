"""One bad input, one finding: every schema and cross-file rule of the content contract.

Each case starts from the valid `Project()` (sometimes plus valid content, checked clean in
`test_setups_are_clean`), makes exactly one problem, runs `ijbdocs check --as-of
2024-06-01` with and without `--strict`, and asserts the finding(s) exactly: file, line,
key path, severity, message and, for statutory rules, the guidance cited.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factories import Project, direction, dump, legacy_direction, line_of, paper, run
from support import (
    LEGACY,
    MEETING,
    MEETING_FILE,
    PAPER,
    PARTNERSHIP,
    PLAN,
    ROOT,
    STEM,
    UPDATES,
    Expected,
    expect_clean,
    expect_findings,
    with_paper,
)

REF = "TIJB-2024-001"  # the direction in the test paper
LEGACY_REF = "TIJB-2022-001"  # the factory's legacy direction (in force for adult-care)
LATER_REF = "TIJB-2023-001"

REPORT_CITE = "directions guidance 3.8, 7.5"
LOCALITIES_CITE = "strategic plan guidance 3; s.29 of the 2014 Act"
ANNEX_B = "strategic plan guidance, Annex B"
ANNEX_C = "strategic plan guidance, Annex C"
REVIEW_CITE = "strategic plan guidance 3.8; s.37 of the 2014 Act"
EXEMPT_CITE = "Local Government (Scotland) Act 1973, s.50A and Schedule 7A"
MONEY_HINT = 'write the amount in pounds as a number such as 1250000 or "£1,250,000"'

Builder = Callable[[Path], Project]


# ----------------------------------------------------------------------- valid starting points


def base(_: Path | None = None) -> Project:
    return Project()


def one_paper(_: Path | None = None, **changes: Any) -> Project:
    """The valid project plus a valid paper without a direction."""
    return with_paper(**changes)


def paper_data(project: Project) -> dict[str, Any]:
    return project.papers[(MEETING, STEM)]


def with_direction(decision: str = "pending", **direction_changes: Any) -> Project:
    """The valid project plus a paper requiring a valid direction to the council."""
    return with_paper(direction_required="council", decision=decision,
                      direction=direction(REF, **direction_changes))


def direction_data(project: Project) -> dict[str, Any]:
    return paper_data(project)["direction"]


def two_legacy(_: Path | None = None) -> Project:
    """Two valid legacy directions: the factory's (2022) and a later one (2023)."""
    project = Project()
    assert project.legacy is not None
    project.legacy.append(
        legacy_direction(LATER_REF, approved="2023-01-10", issued="2023-01-12")
    )
    return project


def later_supersedes_earlier(_: Path | None = None) -> Project:
    project = two_legacy()
    assert project.legacy is not None
    project.legacy[1]["supersedes"] = [LEGACY_REF]
    return project


def earlier_completed(_: Path | None = None) -> Project:
    project = two_legacy()
    project.updates = [{"ref": LEGACY_REF, "date": "2023-06-01", "status": "completed"}]
    return project


def approved_and_issued(_: Path | None = None) -> Project:
    return with_direction(decision="approved", issued="2024-05-03")


SETUPS: list[Any] = [
    pytest.param(base, id="factory-project"),
    pytest.param(one_paper, id="with-paper"),
    pytest.param(lambda _: with_direction(), id="with-direction-pending"),
    pytest.param(approved_and_issued, id="with-direction-approved-issued"),
    pytest.param(two_legacy, id="two-legacy-directions"),
    pytest.param(later_supersedes_earlier, id="later-supersedes-earlier"),
    pytest.param(earlier_completed, id="earlier-completed-by-update"),
]


@pytest.mark.parametrize("setup", SETUPS)
def test_setups_are_clean(tmp_path: Path, setup: Builder) -> None:
    """The starting points of the cases below have no findings at all, even --strict."""
    expect_clean(tmp_path, setup(tmp_path))


def test_unquoted_time_is_accepted(tmp_path: Path) -> None:
    """`time: 10:00` unquoted is a YAML 1.1 base-60 number (600); ijbdocs reads it as 10:00."""
    project = one_paper()
    text = dump(project.meetings[MEETING])
    assert "time: '10:00'" in text
    project.files[MEETING_FILE] = text.replace("time: '10:00'", "time: 10:00")
    expect_clean(tmp_path, project)
    assert "time: 10:00\n" in (tmp_path / "content" / MEETING_FILE).read_text()


def test_direction_approved_14_days_ago_not_yet_issued_is_fine(tmp_path: Path) -> None:
    """The 5.1 warning starts after 14 days: decided 2024-05-18, as of 2024-06-01 is fine."""
    project = base()
    project.add_paper("2024-05-18", STEM, paper(
        direction_required="council", decision="approved", direction=direction(REF)))
    expect_clean(tmp_path, project)


# ------------------------------------------------------------------------------------ cases

CASES: list[Any] = []


def case(case_id: str, *expected: Expected) -> Callable[[Builder], Builder]:
    """Register a builder (the one problem) with the findings it must give."""

    def register(builder: Builder) -> Builder:
        CASES.append(pytest.param(builder, list(expected), id=case_id))
        return builder

    return register


def raw(project: Project, rel: str, value: Any, old: str, new: str) -> Project:
    """Write `value` as the factories would, with `old` replaced by `new` in the text."""
    text = dump(value)
    assert old in text, text
    project.files[rel] = text.replace(old, new, 1)
    return project


# --- schema: missing required keys -----------------------------------------------------------

for _name in ("name", "short_name", "localities", "functions"):

    def _missing_partnership_key(_: Path, name: str = _name) -> Project:
        project = base()
        assert project.partnership is not None
        del project.partnership[name]
        return project

    case(
        f"partnership-missing-{_name}",
        Expected(PARTNERSHIP, ROOT, _name, f"required key '{_name}' is missing"),
    )(_missing_partnership_key)

for _parent in ("council", "health_board"):

    def _missing_partner_name(_: Path, parent: str = _parent) -> Project:
        project = base()
        assert project.partnership is not None
        del project.partnership[parent]["name"]
        return project

    case(
        f"partnership-missing-{_parent}-name",
        Expected(PARTNERSHIP, rf"^{_parent}:", f"{_parent}.name", "required key 'name' is missing"),
    )(_missing_partner_name)

for _name in ("date", "body", "agenda"):

    def _missing_meeting_key(_: Path, name: str = _name) -> Project:
        project = one_paper()
        del project.meetings[MEETING][name]
        return project

    case(
        f"meeting-missing-{_name}",
        Expected(MEETING_FILE, ROOT, _name, f"required key '{_name}' is missing"),
    )(_missing_meeting_key)

for _name in ("title", "report_by", "purpose", "recommendations", "summary", "implications",
              "direction_required"):

    def _missing_paper_key(_: Path, name: str = _name) -> Project:
        project = one_paper()
        del paper_data(project)[name]
        return project

    case(
        f"paper-missing-{_name}",
        Expected(PAPER, ROOT, _name, f"required key '{_name}' is missing"),
    )(_missing_paper_key)


@case("paper-missing-report_by-name",
      Expected(PAPER, r"^report_by:", "report_by.name", "required key 'name' is missing"))
def _(_: Path) -> Project:
    return one_paper(report_by={"title": "Chief Officer"})


@case("direction-missing-delivery",
      Expected(PAPER, r"^direction:", "direction.delivery", "required key 'delivery' is missing"))
def _(_: Path) -> Project:
    project = with_direction()
    del direction_data(project)["delivery"]
    return project


@case("direction-missing-budget-total",
      Expected(PAPER, r"^  budget:", "direction.budget.total", "required key 'total' is missing"))
def _(_: Path) -> Project:
    return with_direction(budget={"note": "To follow."})


# --- schema: unknown keys -----------------------------------------------------------------


@case("paper-unknown-key-recomendations",
      Expected(PAPER, r"^recomendations:", "recomendations",
               "unknown key 'recomendations'; did you mean 'recommendations'?"))
def _(_: Path) -> Project:
    return one_paper(recomendations=["Approve."])


@case("paper-misspelt-recommendations",
      Expected(PAPER, r"^recomendations:", "recomendations",
               "unknown key 'recomendations'; did you mean 'recommendations'?"),
      Expected(PAPER, ROOT, "recommendations", "required key 'recommendations' is missing"))
def _(_: Path) -> Project:
    project = one_paper()
    data = paper_data(project)
    data["recomendations"] = data.pop("recommendations")
    return project


@case("direction-unknown-key-budjet",
      Expected(PAPER, r"^  budjet:", "direction.budjet",
               "unknown key 'budjet'; did you mean 'budget'?"))
def _(_: Path) -> Project:
    return with_direction(budjet={"total": 5})


@case("partnership-unknown-key-short_nmae",
      Expected(PARTNERSHIP, r"^short_nmae:", "short_nmae",
               "unknown key 'short_nmae'; did you mean 'short_name'?"))
def _(_: Path) -> Project:
    project = base()
    assert project.partnership is not None
    project.partnership["short_nmae"] = "Testshire"
    return project


@case("meeting-unknown-key-venu",
      Expected(MEETING_FILE, r"^venu:", "venu", "unknown key 'venu'; did you mean 'venue'?"))
def _(_: Path) -> Project:
    project = one_paper()
    project.meetings[MEETING]["venu"] = "Council Chambers"
    return project


@case("plan-unknown-key-visoin",
      Expected(PLAN, r"^visoin:", "visoin", "unknown key 'visoin'; did you mean 'vision'?"))
def _(_: Path) -> Project:
    # an invalid plan is still a plan: no "there is no strategic plan" on top
    project = base()
    assert project.plan is not None
    project.plan["visoin"] = "Typo."
    return project


@case("easy-read-unknown-key-wrods",
      Expected("easy-read/plan.yaml", r"^wrods:", "wrods",
               "unknown key 'wrods'; did you mean 'words'?"))
def _(_: Path) -> Project:
    # an invalid easy-read plan is still there: no "there is no easy-read version" on top
    project = base()
    assert project.easy_read is not None
    project.easy_read["wrods"] = {}
    return project


# --- schema: choices --------------------------------------------------------------------


@case("paper-decision-aproved",
      Expected(PAPER, r"^decision: aproved", "decision",
               "'aproved' is not allowed here; write one of: pending, approved, "
               "approved_with_amendments, not_approved, deferred, noted; "
               "did you mean 'approved'?"))
def _(_: Path) -> Project:
    return one_paper(decision="aproved")


@case("paper-visibility-pubic",
      Expected(PAPER, r"^visibility: pubic", "visibility",
               "write one of: public, private, draft; did you mean 'public'?"))
def _(_: Path) -> Project:
    return one_paper(visibility="pubic")


@case("paper-direction_required-yes",
      # YAML 1.1 reads `yes` as true; the clerk wrote `yes` and should see `yes` quoted
      Expected(PAPER, r"^direction_required: yes", "direction_required",
               ("'yes'", "write one of: none, council, health_board, both")))
def _(_: Path) -> Project:
    project = one_paper()
    return raw(project, PAPER, paper_data(project), "direction_required: none",
               "direction_required: yes")


@case("paper-direction_required-counsil",
      Expected(PAPER, r"^direction_required: counsil", "direction_required",
               "write one of: none, council, health_board, both; did you mean 'council'?"))
def _(_: Path) -> Project:
    return one_paper(direction_required="counsil")


@case("direction-to-helth_board",
      Expected(PAPER, r"^  to: helth_board", "direction.to",
               "write one of: council, health_board, both; did you mean 'health_board'?"))
def _(_: Path) -> Project:
    project = with_direction()
    direction_data(project)["to"] = "helth_board"
    return project


@case("update-status-complete",
      Expected(UPDATES, r"status: complete$", "[0].status",
               "did you mean 'completed'?"))
def _(_: Path) -> Project:
    project = base()
    project.updates = [{"ref": LEGACY_REF, "date": "2023-01-01", "status": "complete"}]
    return project


# --- schema: dates -------------------------------------------------------------------------


@case("date-impossible-quoted",
      Expected(PAPER, r"review_date: '2021-02-30'", "direction.review_date",
               "'2021-02-30' is not a real date"))
def _(_: Path) -> Project:
    return with_direction(review_date="2021-02-30")


@case("date-impossible-unquoted",
      Expected(PAPER, r"review_date: 2021-02-30$", "direction.review_date",
               "'2021-02-30' cannot be read"))
def _(_: Path) -> Project:
    project = with_direction(review_date="2021-02-30")
    return raw(project, PAPER, paper_data(project), "'2021-02-30'", "2021-02-30")


@case("date-not-iso",
      Expected(PAPER, r"review_date: 30/03/2026", "direction.review_date",
               "write it as YYYY-MM-DD"))
def _(_: Path) -> Project:
    return with_direction(review_date="30/03/2026")


@case("datetime-instead-of-date",
      Expected(PAPER, r"review_date: 2026-03-31 10:00:00$", "direction.review_date",
               "write a date only, as YYYY-MM-DD (no time of day)"))
def _(_: Path) -> Project:
    project = with_direction()
    return raw(project, PAPER, paper_data(project), "review_date: '2026-03-31'",
               "review_date: 2026-03-31 10:00:00")


@case("meeting-date-impossible",
      Expected("meetings/2024-02-30/meeting.yaml", r"^date: '2024-02-30'", "date",
               "'2024-02-30' is not a real date"))
def _(_: Path) -> Project:
    project = base()
    project.add_paper("2024-02-30", STEM, paper())  # folder name has the right shape
    return project


# --- schema: money -------------------------------------------------------------------------

_MONEY: list[tuple[str, Any, str]] = [
    ("1.2m", "£1.2m", "'£1.2m' is not an amount of money"),
    ("tbc", "tbc", "'tbc' is not an amount of money"),
    ("negative", -1000, "'-1000' is negative"),
    ("fraction-of-penny", 1000.125, "'1000.125' has fractions of a penny"),
    ("list", [1000], "is not an amount of money"),
]
for _id, _value, _message in _MONEY:

    def _money(_: Path, value: Any = _value) -> Project:
        return with_direction(budget={"total": value})

    case(
        f"money-{_id}",
        # every money error says what is wrong and what to write instead
        Expected(PAPER, r"^    total:", "direction.budget.total", (_message, MONEY_HINT)),
    )(_money)


@case("money-1.2m-in-financial-statement",
      Expected(PLAN, r"^  total:", "financial_statement.total", MONEY_HINT))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["financial_statement"]["total"] = "£1.2m"
    return project


@case("money-text-with-pound-sign-and-commas-accepted")
def _(_: Path) -> Project:
    return with_direction(budget={"total": "£1,250,000.50", "lines": [
        {"description": "Care", "amount": 1250000.5, "kind": "payment"}]})


# --- schema: lists and types ---------------------------------------------------------------


@case("recommendations-empty",
      Expected(PAPER, r"^recommendations:", "recommendations", "needs at least 1 entry"))
def _(_: Path) -> Project:
    return one_paper(recommendations=[])


@case("direction-functions-empty",
      Expected(PAPER, r"^  functions:", "direction.functions", "needs at least 1 entry"))
def _(_: Path) -> Project:
    return with_direction(functions=[])


@case("paper-file-is-a-list",
      Expected(PAPER, ROOT, "", ("this file must be a mapping of keys and values",
                                 "not a list")))
def _(_: Path) -> Project:
    project = one_paper()
    project.files[PAPER] = dump([paper_data(project)])
    return project


@case("legacy-file-is-a-mapping",
      Expected(LEGACY, ROOT, "", "this file must be a list of entries, each starting with '- '"),
      # the only legacy direction is unreadable, so nothing is in force for adult-care
      Expected(PARTNERSHIP, r"- id: adult-care", "functions[0].id",
               "no direction in force for 'Adult social care'", severity="warning",
               cite="directions guidance 1.4"))
def _(_: Path) -> Project:
    project = base()
    assert project.legacy is not None
    project.files[LEGACY] = dump(project.legacy[0])
    project.legacy = None
    return project


@case("recommendations-text-not-list",
      Expected(PAPER, r"^recommendations: Note", "recommendations", "expected a list here"))
def _(_: Path) -> Project:
    return one_paper(recommendations="Note the report.")


@case("purpose-empty-text",
      Expected(PAPER, r"^purpose: ''", "purpose", "must not be empty"))
def _(_: Path) -> Project:
    return one_paper(purpose="")


# --- cross-file: direction required --------------------------------------------------------


@case("direction-given-when-none-required",
      Expected(PAPER, r"^direction:", "direction", "direction_required is 'none'",
               cite=REPORT_CITE))
def _(_: Path) -> Project:
    return one_paper(direction=direction(REF))


@case("direction-missing-when-required",
      Expected(PAPER, r"^direction_required: council", "direction",
               "direction_required is 'council' but the paper has no direction",
               cite="directions guidance 4.7"))
def _(_: Path) -> Project:
    return one_paper(direction_required="council")


@case("direction-to-differs-from-direction_required",
      Expected(PAPER, r"^  to: health_board", "direction.to",
               "the direction is to 'health_board' but direction_required is 'council'",
               cite=REPORT_CITE))
def _(_: Path) -> Project:
    project = with_direction()
    direction_data(project)["to"] = "health_board"
    return project


# --- cross-file: ids ----------------------------------------------------------------------


@case("direction-unknown-function",
      Expected(PAPER, r"^  - adult-cae", "direction.functions[0]",
               ("unknown function 'adult-cae'", "did you mean 'adult-care'?"),
               cite="directions guidance 4.3"))
def _(_: Path) -> Project:
    return with_direction(functions=["adult-cae"])


@case("financial-statement-unknown-function",
      Expected(PLAN, r"- function: adult-cae", "financial_statement.lines[0].function",
               "unknown function 'adult-cae'; did you mean 'adult-care'?"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["financial_statement"]["lines"][0]["function"] = "adult-cae"
    return project


@case("plan-locality-not-in-partnership",
      Expected(PLAN, r"- id: east", "localities[2].id",
               "'east' is not one of the partnership's localities", cite=LOCALITIES_CITE))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["localities"].append({"id": "east", "arrangements": "East arrangements."})
    return project


@case("partnership-locality-missing-from-plan",
      Expected(PLAN, r"^localities:", "localities",
               "no arrangements for the locality 'South' (south)", cite=LOCALITIES_CITE))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    del project.plan["localities"][1]
    return project


@case("plan-locality-unknown-priority",
      Expected(PLAN, r"^  - P9$", "localities[0].priorities[0]", "unknown priority 'P9'"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["localities"][0]["priorities"] = ["P9"]
    return project


@case("paper-links-unknown-priority",
      Expected(PAPER, r"^  - P3$", "links.plan_priorities[0]", "unknown plan priority 'P3'"))
def _(_: Path) -> Project:
    return one_paper(links={"plan_priorities": ["P3"]})


@case("paper-links-unknown-national-outcome",
      Expected(PAPER, r"^  - 10$", "links.national_outcomes[0]",
               "unknown national outcome 10; they are numbered 1 to 9", cite=ANNEX_B))
def _(_: Path) -> Project:
    return one_paper(links={"national_outcomes": [10]})


@case("direction-unknown-national-outcome",
      Expected(PAPER, r"^  - 10$", "direction.national_outcomes[0]",
               "unknown national outcome 10; they are numbered 1 to 9", cite=ANNEX_B))
def _(_: Path) -> Project:
    return with_direction(national_outcomes=[10])


@case("priority-unknown-national-outcome",
      Expected(PLAN, r"^\s*- 10$", "priorities[0].national_outcomes[5]",
               "unknown national outcome 10; they are numbered 1 to 9", cite=ANNEX_B))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["priorities"][0]["national_outcomes"].append(10)
    return project


@case("priority-unknown-indicator-core-24",
      Expected(PLAN, r"indicator: core-24", "priorities[0].measures[0].indicator",
               "unknown core integration indicator 'core-24'"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["priorities"][0]["measures"][0]["indicator"] = "core-24"
    return project


# --- cross-file: references --------------------------------------------------------------


@case("duplicate-ref-paper-and-legacy",
      Expected(PAPER, rf"^  ref: {LEGACY_REF}", "direction.ref",
               f"direction reference '{LEGACY_REF}' is already used (directions/legacy.yaml:",
               cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = with_direction()
    direction_data(project)["ref"] = LEGACY_REF
    return project


@case("duplicate-ref-in-legacy",
      Expected(LEGACY, rf"- ref: {LEGACY_REF}", "[1].ref",
               f"direction reference '{LEGACY_REF}' is already used", occurrence=2,
               cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = two_legacy()
    assert project.legacy is not None
    project.legacy[1]["ref"] = LEGACY_REF
    return project


@case("ref-breaks-pattern",
      Expected(PAPER, r"^  ref: TIJB-24-1$", "direction.ref",
               "reference 'TIJB-24-1' does not follow the partnership's pattern"))
def _(_: Path) -> Project:
    project = with_direction()
    direction_data(project)["ref"] = "TIJB-24-1"
    return project


@case("supersedes-unknown-direction",
      Expected(PAPER, r"^  - TIJB-2022-009$", "direction.supersedes[0]",
               "unknown direction 'TIJB-2022-009'", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    return with_direction(supersedes=["TIJB-2022-009"])


@case("revokes-unknown-direction",
      Expected(PAPER, r"^  - TIJB-2021-001$", "direction.revokes[0]",
               "unknown direction 'TIJB-2021-001'", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    return with_direction(revokes=["TIJB-2021-001"])


@case("supersedes-itself",
      Expected(PAPER, rf"^  - {REF}$", "direction.supersedes[0]",
               "a direction cannot supersede itself", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    return with_direction(supersedes=[REF])


@case("revokes-itself",
      Expected(LEGACY, rf"^  - {LEGACY_REF}$", "[0].revokes[0]",
               "a direction cannot revoke itself", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = base()
    assert project.legacy is not None
    project.legacy[0]["revokes"] = [LEGACY_REF]
    return project


@case("supersedes-later-direction",
      Expected(LEGACY, rf"^  - {LATER_REF}$", "[0].supersedes[0]",
               f"'{LATER_REF}' was decided on 2023-01-10, not before this direction "
               "(2022-03-17)", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = two_legacy()
    assert project.legacy is not None
    project.legacy[0]["supersedes"] = [LATER_REF]
    return project


@case("supersedes-cycle",
      # the earlier direction names the later one (the date rule) and so closes a circle
      Expected(LEGACY, rf"^  - {LATER_REF}$", "[0].supersedes[0]",
               "a direction can only supersede an earlier one", cite="directions guidance 5.2"),
      Expected(LEGACY, r"^  supersedes:", "[1].supersedes",
               f"directions replace each other in a circle: {LEGACY_REF} → {LATER_REF} → "
               f"{LEGACY_REF}", cite="directions guidance 5.2", occurrence=2))
def _(_: Path) -> Project:
    project = later_supersedes_earlier()
    assert project.legacy is not None
    project.legacy[0]["supersedes"] = [LATER_REF]
    return project


# --- cross-file: sums and counts ----------------------------------------------------------


@case("budget-lines-do-not-add-up",
      Expected(PAPER, r"^    total: 1000$", "direction.budget.total",
               "the budget lines add up to £900.00 but the total is £1,000.00",
               cite="directions guidance 4.4"))
def _(_: Path) -> Project:
    return with_direction(budget={"total": 1000, "lines": [
        {"description": "Day services", "amount": 600, "kind": "payment"},
        {"description": "Transport", "amount": 300, "kind": "set_aside"},
    ]})


@case("financial-statement-lines-do-not-add-up",
      Expected(PLAN, r"^  total: 1000$", "financial_statement.total",
               "the lines add up to £900.00 but the total is £1,000.00",
               cite="strategic plan guidance 3.10; s.39 of the 2014 Act"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["financial_statement"]["lines"][0]["amount"] = 900
    return project


@case("fewer-than-two-localities",
      Expected(PARTNERSHIP, r"^localities:", "localities",
               "a partnership needs at least 2 localities, found 1", cite=LOCALITIES_CITE))
def _(_: Path) -> Project:
    project = base()
    assert project.partnership is not None and project.plan is not None
    del project.partnership["localities"][1]
    del project.plan["localities"][1]  # the plan agrees: the one problem is the count
    return project


# --- cross-file: papers ---------------------------------------------------------------


@case("private-paper-without-exempt_reason",
      Expected(PAPER, r"^visibility: private", "exempt_reason",
               "a private paper needs exempt_reason", cite=EXEMPT_CITE))
def _(_: Path) -> Project:
    return one_paper(visibility="private")


@case("exempt_reason-on-public-paper",
      Expected(PAPER, r"^exempt_reason:", "exempt_reason",
               "exempt_reason is given but the paper is 'public'"))
def _(_: Path) -> Project:
    return one_paper(exempt_reason="Paragraph 6, Part 1, Schedule 7A")


@case("implication-missing",
      Expected(PAPER, r"^implications:", "implications.risk",
               "the 'risk' implication is missing"))
def _(_: Path) -> Project:
    project = one_paper()
    del paper_data(project)["implications"]["risk"]
    return project


@case("implication-empty",
      Expected(PAPER, r"^  risk: null$", "implications.risk",
               "the 'risk' implication is empty; write None or n/a explicitly"))
def _(_: Path) -> Project:
    project = one_paper()
    paper_data(project)["implications"]["risk"] = None
    return project


@case("implication-unknown",
      Expected(PAPER, r"^  risks:", "implications.risks",
               "unknown implication 'risks'; did you mean 'risk'?"))
def _(_: Path) -> Project:
    project = one_paper()
    paper_data(project)["implications"]["risks"] = "None"
    return project


@case("self-evaluation-unknown-msg-proposal",
      Expected(PAPER, r"proposal: '7.1'", "appendices[0].self_evaluation.ratings[0].proposal",
               "unknown MSG proposal '7.1'", cite="MSG review of integration (2019)"))
def _(_: Path) -> Project:
    return one_paper(appendices=[{"title": "MSG self-evaluation", "self_evaluation": {
        "completed": "2019-04-18",
        "ratings": [{"proposal": "7.1", "rating": "established"}],
    }}])


@case("appendix-file-missing",
      Expected(PAPER, r"file: appendices/missing.pdf", "appendices[0].file",
               "file 'appendices/missing.pdf' does not exist"))
def _(_: Path) -> Project:
    return one_paper(appendices=[{"title": "Guidance", "file": "appendices/missing.pdf"}])


@case("appendix-file-escapes-content",
      Expected(PAPER, r"file: \.\./\.\./\.\./outside.pdf", "appendices[0].file",
               "points outside the content folder"))
def _(tmp_path: Path) -> Project:
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4\n")  # it exists, but outside content/
    return one_paper(appendices=[{"title": "Guidance", "file": "../../../outside.pdf"}])


@case("appendix-file-absolute-path",
      Expected(PAPER, r"file: /", "appendices[0].file", "is an absolute path"))
def _(tmp_path: Path) -> Project:
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    return one_paper(appendices=[{"title": "Guidance", "file": str(outside)}])


@case("chapter-file-missing",
      Expected(PLAN, r"file: 01-introduction.md", "chapters[0].file",
               "file '01-introduction.md' does not exist"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["chapters"] = [{"title": "Introduction", "file": "01-introduction.md"}]
    return project


@case("chapter-file-escapes-content",
      Expected(PLAN, r"file: \.\./\.\./intro.md", "chapters[0].file",
               "points outside the content folder"))
def _(tmp_path: Path) -> Project:
    (tmp_path / "intro.md").write_text("# Introduction\n")
    project = base()
    assert project.plan is not None
    project.plan["chapters"] = [{"title": "Introduction", "file": "../../intro.md"}]
    return project


# --- cross-file: meetings and agendas ------------------------------------------------------


@case("agenda-names-missing-paper",
      Expected(MEETING_FILE, r"- paper: 02-missing", "agenda[2].paper",
               "no paper file '02-missing.yaml' in meetings/2024-05-01/"))
def _(_: Path) -> Project:
    project = one_paper()
    project.meetings[MEETING]["agenda"].append({"paper": "02-missing"})
    return project


@case("paper-not-on-agenda",
      Expected(PAPER, ROOT, "agenda",
               f"paper '{STEM}' is not on the agenda of meetings/{MEETING}/meeting.yaml"))
def _(_: Path) -> Project:
    project = one_paper()
    project.meetings[MEETING]["agenda"].remove({"paper": STEM})
    return project


@case("paper-twice-on-agenda",
      Expected(MEETING_FILE, rf"- paper: {STEM}", "agenda[2].paper",
               f"paper '{STEM}' is on the agenda twice (first as item 2)", occurrence=2))
def _(_: Path) -> Project:
    project = one_paper()
    project.meetings[MEETING]["agenda"].append({"paper": STEM})
    return project


@case("agenda-entry-both-item-and-paper",
      Expected(MEETING_FILE, r"- item: Apologies", "agenda[0]", "an agenda entry is either"))
def _(_: Path) -> Project:
    project = one_paper()
    project.meetings[MEETING]["agenda"][0]["paper"] = STEM
    return project


@case("meeting-date-differs-from-folder",
      Expected(MEETING_FILE, r"^date:", "date",
               "the meeting date 2024-05-02 does not match its folder name '2024-05-01'"))
def _(_: Path) -> Project:
    project = one_paper()
    project.meetings[MEETING]["date"] = "2024-05-02"
    return project


@case("meeting-folder-badly-named",
      Expected("meetings/2024-5-1", None, "",
               "meeting folder '2024-5-1' must be named by the meeting date, YYYY-MM-DD"))
def _(_: Path) -> Project:
    project = base()
    project.add_paper("2024-5-1", STEM, paper())
    project.meetings["2024-5-1"]["date"] = MEETING
    return project


@case("paper-file-badly-named",
      Expected(f"meetings/{MEETING}/1-Report.yaml", None, "",
               "paper file '1-Report.yaml' must be named NN-slug.yaml"))
def _(_: Path) -> Project:
    project = base()
    project.add_paper(MEETING, "1-Report", paper())
    return project


@case("meeting-without-meeting-yaml",
      Expected(f"meetings/{MEETING}", None, "", "has no meeting.yaml"))
def _(_: Path) -> Project:
    project = base()
    project.files[PAPER] = dump(paper())
    return project


@case("yml-extension",
      Expected("directions/updates.yml", None, "",
               "ijbdocs reads .yaml files only; rename this file to updates.yaml"))
def _(_: Path) -> Project:
    project = base()
    project.files["directions/updates.yml"] = dump(
        [{"ref": LEGACY_REF, "date": "2023-01-01", "status": "in_progress"}])
    return project


@case("partnership-missing",
      Expected(PARTNERSHIP, None, "", "partnership.yaml is missing"))
def _(_: Path) -> Project:
    project = base()
    project.partnership = None
    return project


# --- cross-file: plan dates ---------------------------------------------------------------


@case("plan-review_by-more-than-3-years",
      Expected(PLAN, r"^review_by:", "review_by",
               "review_by 2026-03-17 is more than 3 years after approval (2023-03-16); the "
               "latest allowed is 2026-03-16", cite=REVIEW_CITE))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["review_by"] = "2026-03-17"
    return project


@case("plan-period-ends-before-start",
      Expected(PLAN, r"^  end:", "period.end",
               "the plan period ends (2023-01-01) before it starts"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["period"]["end"] = "2023-01-01"
    return project


# --- cross-file: lifecycle of directions -----------------------------------------------


@case("update-unknown-direction",
      Expected(UPDATES, r"- ref: TIJB-2022-009", "[0].ref", "unknown direction 'TIJB-2022-009'"))
def _(_: Path) -> Project:
    project = base()
    project.updates = [{"ref": "TIJB-2022-009", "date": "2023-01-01", "status": "in_progress"}]
    return project


@case("update-before-issue",
      Expected(UPDATES, r"date: '2022-03-19'", "[0].date",
               f"update dated 2022-03-19 but {LEGACY_REF} was issued on 2022-03-20",
               cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = base()
    project.updates = [{"ref": LEGACY_REF, "date": "2022-03-19", "status": "in_progress"}]
    return project


@case("update-after-completed",
      Expected(UPDATES, r"status: in_progress", "[1].status",
               f"{LEGACY_REF} was already completed on 2023-06-01; nothing can follow that",
               cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = earlier_completed()
    assert project.updates is not None
    project.updates.append({"ref": LEGACY_REF, "date": "2023-07-01", "status": "in_progress"})
    return project


@case("issued-before-decision",
      Expected(PAPER, r"^  issued:", "direction.issued",
               "issued on 2024-04-30, before the IJB decided on 2024-05-01",
               cite="directions guidance 5.1"))
def _(_: Path) -> Project:
    project = approved_and_issued()
    direction_data(project)["issued"] = "2024-04-30"
    return project


@case("issued-while-decision-pending",
      Expected(PAPER, r"^  issued:", "direction.issued",
               "the direction has an issue date but its paper's decision is 'pending'",
               cite="directions guidance 3.1, 5.1"))
def _(_: Path) -> Project:
    project = approved_and_issued()
    paper_data(project)["decision"] = "pending"
    return project


@case("legacy-issued-before-approval",
      Expected(LEGACY, r"issued: '2022-03-16'", "[0].issued",
               "issued on 2022-03-16, before the IJB decided on 2022-03-17",
               cite="directions guidance 5.1"))
def _(_: Path) -> Project:
    project = base()
    assert project.legacy is not None
    project.legacy[0]["issued"] = "2022-03-16"
    return project


# --- warnings (statutory guidance; errors under --strict) ---------------------------------


@case("warning-approved-not-issued-after-14-days",
      Expected(PAPER, rf"^  ref: {REF}", "direction.ref",
               "approved on 2024-05-01 but not issued 14 days later", severity="warning",
               cite="directions guidance 5.1"))
def _(_: Path) -> Project:
    return with_direction(decision="approved")


@case("warning-direction-without-timescales",
      Expected(PAPER, rf"^  ref: {REF}", "direction.ref",
               f"{REF} has no timescales, no milestones; a direction should be capable of "
               "being monitored", severity="warning", cite="directions guidance 3.10"))
def _(_: Path) -> Project:
    project = with_direction()
    del direction_data(project)["timescales"]
    return project


@case("warning-direction-without-milestones",
      Expected(PAPER, rf"^  ref: {REF}", "direction.ref", f"{REF} has no milestones;",
               severity="warning", cite="directions guidance 3.10"))
def _(_: Path) -> Project:
    project = with_direction()
    del direction_data(project)["timescales"]["milestones"]
    return project


@case("warning-direction-without-performance",
      Expected(PAPER, rf"^  ref: {REF}", "direction.ref", f"{REF} has no performance measures;",
               severity="warning", cite="directions guidance 3.10"))
def _(_: Path) -> Project:
    project = with_direction()
    del direction_data(project)["performance"]
    return project


@case("warning-function-without-direction-in-force",
      Expected(PARTNERSHIP, r"- id: hospital-care", "functions[1].id",
               "no direction in force for 'Unscheduled hospital care' (hospital-care)",
               severity="warning", cite="directions guidance 1.4"))
def _(_: Path) -> Project:
    project = base()
    assert project.partnership is not None
    project.partnership["functions"].append(
        {"id": "hospital-care", "name": "Unscheduled hospital care",
         "delegated_by": "health_board"})
    return project


@case("warning-direction-past-review-date",
      Expected(LEGACY, r"review_date: '2024-05-01'", "[0].review_date",
               f"{LEGACY_REF} was due for review on 2024-05-01", severity="warning",
               cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = base()
    assert project.legacy is not None
    project.legacy[0]["review_date"] = "2024-05-01"
    return project


@case("warning-plan-past-review_by",
      Expected(PLAN, r"^review_by:", "review_by", "the plan was due for review by 2024-05-01",
               severity="warning", cite=REVIEW_CITE))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["review_by"] = "2024-05-01"
    return project


@case("warning-plan-past-default-review",
      Expected(PLAN, r"^approved:", "review_by", "the plan was due for review by 2024-03-16",
               severity="warning", cite=REVIEW_CITE))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["approved"] = "2021-03-16"  # review due 3 years later, before AS_OF
    return project


@case("warning-national-outcome-without-priority",
      Expected(PLAN, r"^priorities:", "priorities",
               "no priority contributes to national outcome 9", severity="warning",
               cite="strategic plan guidance 3.1; s.30 of the 2014 Act"))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["priorities"][1]["national_outcomes"].remove(9)
    return project


for _key, _what in (
    ("equality_impact_assessment", "an equality impact assessment"),
    ("financial_statement", "a financial statement"),
    ("consultation_statement", "a consultation statement"),
    ("housing_contribution_statement", "a housing contribution statement"),
):

    def _annex_c(_: Path, key: str = _key) -> Project:
        project = base()
        assert project.plan is not None
        del project.plan[key]
        return project

    case(
        f"warning-plan-without-{_key}",
        Expected(PLAN, ROOT, _key, f"the plan has no {_what} ({_key})", severity="warning",
                 cite=ANNEX_C),
    )(_annex_c)


@case("warning-no-easy-read-version",
      Expected("easy-read/plan.yaml", None, "",
               "there is no easy-read version of the plan (easy-read/plan.yaml)",
               severity="warning", cite=f"{ANNEX_C}; strategic plan guidance 3.6"))
def _(_: Path) -> Project:
    project = base()
    project.easy_read = None
    return project


@case("warning-no-plan",
      Expected(PLAN, None, "", "there is no strategic plan (plan/plan.yaml)",
               severity="warning", cite="strategic plan guidance 3.6; s.29 of the 2014 Act"))
def _(_: Path) -> Project:
    project = base()
    project.plan = None
    return project


# --- further rules of the product (beyond the contract's list) -----------------------------


@case("revokes-later-direction",
      Expected(LEGACY, rf"^  - {LATER_REF}$", "[0].revokes[0]",
               "a direction can only revoke an earlier one", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = two_legacy()
    assert project.legacy is not None
    project.legacy[0]["revokes"] = [LATER_REF]
    return project


@case("supersedes-direction-already-completed",
      Expected(LEGACY, rf"^  - {LEGACY_REF}$", "[2].supersedes[0]",
               f"'{LEGACY_REF}' was already completed on 2023-06-01, before this direction "
               "was issued on 2023-07-03", cite="directions guidance 5.2"))
def _(_: Path) -> Project:
    project = earlier_completed()
    assert project.legacy is not None
    project.legacy.append(legacy_direction("TIJB-2023-002", approved="2023-07-01",
                                           issued="2023-07-03", supersedes=[LEGACY_REF]))
    return project


@case("duplicate-function-id",
      Expected(PARTNERSHIP, r"- id: adult-care", "functions[1].id",
               "function id 'adult-care' is given twice", occurrence=2))
def _(_: Path) -> Project:
    project = base()
    assert project.partnership is not None
    project.partnership["functions"].append(
        {"id": "adult-care", "name": "Adult care again", "delegated_by": "council"})
    return project


@case("duplicate-locality-id",
      Expected(PARTNERSHIP, r"- id: north", "localities[2].id",
               "locality id 'north' is given twice", occurrence=2))
def _(_: Path) -> Project:
    project = base()
    assert project.partnership is not None
    project.partnership["localities"].append({"id": "north", "name": "North again"})
    return project


@case("duplicate-priority-id",
      Expected(PLAN, r"- id: P1$", "priorities[2].id", "priority id 'P1' is given twice",
               occurrence=2))
def _(_: Path) -> Project:
    project = base()
    assert project.plan is not None
    project.plan["priorities"].append({"id": "P1", "title": "Wellbeing again"})
    return project


@case("timescales-end-before-start",
      Expected(PAPER, r"^    end:", "direction.timescales.end",
               "the end date 2021-03-31 is before the start date 2022-04-01"))
def _(_: Path) -> Project:
    project = with_direction()
    direction_data(project)["timescales"]["end"] = "2021-03-31"
    return project


@case("self-evaluation-proposal-rated-twice",
      Expected(PAPER, r"proposal: '1.1'", "appendices[0].self_evaluation.ratings[1].proposal",
               "proposal 1.1 is rated twice", occurrence=2))
def _(_: Path) -> Project:
    return one_paper(appendices=[{"title": "MSG self-evaluation", "self_evaluation": {
        "completed": "2019-04-18",
        "ratings": [{"proposal": "1.1", "rating": "established"},
                    {"proposal": "1.1", "rating": "exemplary"}],
    }}])


@case("easy-read-picture-file-missing",
      Expected("easy-read/plan.yaml", r"picture: images/ferry.png",
               "sections[0].blocks[0].picture", "file 'images/ferry.png' does not exist"))
def _(_: Path) -> Project:
    project = base()
    assert project.easy_read is not None
    project.easy_read["sections"][0]["blocks"][0]["picture"] = "images/ferry.png"
    return project


@case("paper-outside-a-meeting-folder",
      Expected("meetings/01-report.yaml", None, "", "papers belong in a meeting folder"))
def _(_: Path) -> Project:
    project = base()
    project.files["meetings/01-report.yaml"] = dump(paper())
    return project


@case("direction_ref_pattern-not-a-regex",
      Expected(PARTNERSHIP, r"^direction_ref_pattern:", "direction_ref_pattern",
               "not a valid pattern"))
def _(_: Path) -> Project:
    project = base()
    assert project.partnership is not None
    project.partnership["direction_ref_pattern"] = "^TIJB-(\\d{4}$"
    return project


# ------------------------------------------------------------------------------------ runner


@pytest.mark.parametrize(("build", "expected"), CASES)
def test_finding(tmp_path: Path, build: Builder, expected: list[Expected]) -> None:
    expect_findings(tmp_path, build(tmp_path), *expected)


def test_appendix_symlink_pointing_outside_content(tmp_path: Path) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    project = one_paper(appendices=[{"title": "Guidance", "file": "appendices/guidance.pdf"}])
    project.write(tmp_path)
    link = tmp_path / "content" / "meetings" / MEETING / "appendices" / "guidance.pdf"
    link.parent.mkdir(parents=True)
    os.symlink(outside, link)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"file: appendices/guidance.pdf", "appendices[0].file",
                 "points outside the content folder"),
    )


def test_appendix_symlink_inside_content_is_fine(tmp_path: Path) -> None:
    project = one_paper(appendices=[{"title": "Guidance", "file": "appendices/guidance.pdf"}])
    project.files["shared/guidance.pdf"] = b"%PDF-1.4\n"
    project.write(tmp_path)
    link = tmp_path / "content" / "meetings" / MEETING / "appendices" / "guidance.pdf"
    link.parent.mkdir(parents=True)
    os.symlink(tmp_path / "content" / "shared" / "guidance.pdf", link)
    expect_clean(tmp_path, None)


def test_chapter_symlink_pointing_outside_content(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Private notes\n")
    project = base()
    assert project.plan is not None
    project.plan["chapters"] = [{"title": "Introduction", "file": "01-introduction.md"}]
    project.write(tmp_path)
    os.symlink(tmp_path / "notes.md", tmp_path / "content" / "plan" / "01-introduction.md")
    expect_findings(
        tmp_path, None,
        Expected(PLAN, r"file: 01-introduction.md", "chapters[0].file",
                 "points outside the content folder"),
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("templates/word/missing.docx", "does not exist; the path is relative to the project"),
        ("templates/word/house.dotx", "is not a Word document (.docx)"),
        ("../elsewhere/house.docx", "points outside the project folder"),
    ],
)
def test_word_template_must_be_a_docx_in_the_project(
    tmp_path: Path, value: str, message: str
) -> None:
    project = Project()
    assert project.partnership is not None
    project.partnership["house_style"] = {"word_template": value}
    root = project.write(tmp_path / "p")
    result = run(root, "check", "--as-of", "2024-06-01")
    line = line_of(root / "content" / "partnership.yaml", r"word_template:")
    assert result.code == 1
    assert f"partnership.yaml:{line}:3: error: house_style.word_template: " in result.out
    assert message in result.out
