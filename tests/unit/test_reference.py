"""Tests for the packaged statutory reference data (ijbdocs.reference)."""

import dataclasses
import re
from pathlib import Path

import pytest

from ijbdocs import reference
from ijbdocs.reference import (
    annex_c_checklist,
    core_indicators,
    delivery_principles,
    msg_proposals,
    national_outcomes,
)

DOMAIN = Path(__file__).resolve().parents[3] / "shared" / "domain"
STRATEGIC_PLANS_GUIDANCE = "004_1f08b46ae56b8b6e.txt"
SPICE_BRIEFING = "001_063b4694d1d92ad6.txt"
MSG_REVIEW = "000_a64963acd6aec5e4.txt"
MSG_SELF_EVALUATION = "002_3f72861613464fe3.txt"

MSG_FEATURE_SIZES = {1: 3, 2: 6, 3: 5, 4: 5, 5: 3, 6: 3}
REQUIRED_ANNEX_C_IDS = {
    "equality-impact-assessment",
    "financial-statement",
    "consultation-statement",
    "housing-contribution-statement",
    "easy-read-version",
    "review",
}


def _normalise(text: str) -> str:
    """Collapse the PDF-to-text layout: bullets, line wraps, words hyphenated at line ends."""
    text = text.replace("\uf0b7", " ")
    text = re.sub(r"(\w)-\n\s*", r"\1-", text)
    return re.sub(r"\s+", " ", text).strip()


def _source(filename: str) -> str:
    path = DOMAIN / filename
    if not path.is_file():
        pytest.skip(f"domain document not available: {path}")
    return _normalise(path.read_text(encoding="utf-8"))


def _all_texts() -> list[str]:
    texts: list[str] = []
    for outcome in national_outcomes().values():
        texts += [outcome.title, outcome.text]
    texts += [p.id for p in delivery_principles()] + [p.text for p in delivery_principles()]
    for indicator in core_indicators().values():
        texts += [indicator.id, indicator.title, indicator.kind]
    for item in annex_c_checklist():
        texts += [item.id, item.text]
    for proposal in msg_proposals().values():
        texts += [proposal.id, proposal.feature_title, proposal.text, proposal.timescale]
    return texts


def test_nine_national_outcomes_numbered_in_order() -> None:
    outcomes = national_outcomes()
    assert list(outcomes) == list(range(1, 10))
    assert all(key == outcome.number for key, outcome in outcomes.items())
    assert outcomes[1].title == "Healthier living"
    assert outcomes[9].title == "Resources are used effectively"


def test_delivery_principles() -> None:
    principles = delivery_principles()
    assert principles[0].id == "main-purpose"
    assert "improve the wellbeing of service-users" in principles[0].text
    assert len(principles) == 13
    assert len({p.id for p in principles}) == len(principles)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.id) for p in principles)


def test_23_core_indicators_with_kinds() -> None:
    indicators = core_indicators()
    assert list(indicators) == [f"core-{n}" for n in range(1, 24)]
    assert [i.number for i in indicators.values()] == list(range(1, 24))
    assert {i.kind for i in indicators.values()} == {"outcome", "data"}
    # The SPICe briefing groups 1-10 as survey-based outcome indicators, 11-23 as data.
    assert all(indicators[f"core-{n}"].kind == "outcome" for n in range(1, 11))
    assert all(indicators[f"core-{n}"].kind == "data" for n in range(11, 24))
    assert indicators["core-11"].title == "Premature mortality rate."


def test_25_msg_proposals_in_six_features() -> None:
    proposals = msg_proposals()
    expected_ids = [f"{f}.{n}" for f, size in MSG_FEATURE_SIZES.items() for n in range(1, size + 1)]
    assert list(proposals) == expected_ids
    assert len(proposals) == 25
    assert all(isinstance(key, str) and key == p.id for key, p in proposals.items())
    assert {p.feature for p in proposals.values()} == set(range(1, 7))
    for proposal in proposals.values():
        assert proposal.id.split(".")[0] == str(proposal.feature)
    # One feature title per feature.
    titles = {p.feature: p.feature_title for p in proposals.values()}
    assert all(p.feature_title == titles[p.feature] for p in proposals.values())
    assert titles[1] == "Collaborative leadership and building relationships"
    assert proposals["2.4"].timescale == "3 months"


def test_required_annex_c_ids_exist() -> None:
    items = annex_c_checklist()
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED_ANNEX_C_IDS
    by_id = {item.id: item for item in items}
    assert "easy read" in by_id["easy-read-version"].text
    assert "housing contribution statement" in by_id["housing-contribution-statement"].text
    assert "equality impact assessment" in by_id["equality-impact-assessment"].text
    assert "consultation statement" in by_id["consultation-statement"].text
    assert "annual financial statement" in by_id["financial-statement"].text


def test_no_empty_texts() -> None:
    assert all(isinstance(t, str) and t.strip() == t and t for t in _all_texts())


def test_records_are_frozen_and_cached_data_is_not_shared() -> None:
    outcome = national_outcomes()[1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.text = "changed"  # type: ignore[misc]
    first = msg_proposals()
    first.clear()
    assert len(msg_proposals()) == 25
    assert national_outcomes()[1] is outcome


def test_national_outcomes_are_verbatim_from_annex_b() -> None:
    source = _source(STRATEGIC_PLANS_GUIDANCE)
    assert (
        "People are able to look after and improve their own health and wellbeing and live "
        "in good health for longer." in source
    )
    for outcome in national_outcomes().values():
        assert f"{outcome.number}. {outcome.text}" in source


def test_delivery_principles_and_annex_c_are_verbatim() -> None:
    source = _source(STRATEGIC_PLANS_GUIDANCE)
    for principle in delivery_principles():
        assert principle.text in source, principle.id
    annex_c = source[source.index("ANNEX C: Checklist in preparing a strategic plan This") :]
    for item in annex_c_checklist():
        assert item.text in annex_c, item.id


def test_core_indicators_are_verbatim() -> None:
    source = _source(SPICE_BRIEFING)
    annex_b = source[source.index("ANNEX B: INTEGRATION INDICATORS") :]
    for indicator in core_indicators().values():
        assert indicator.title in annex_b, indicator.id


def test_msg_proposals_are_verbatim() -> None:
    review = _source(MSG_REVIEW)
    for proposal in msg_proposals().values():
        roman = ["i", "ii", "iii", "iv", "v", "vi"][int(proposal.id.split(".")[1]) - 1]
        assert f"{proposal.feature}. ({roman}) {proposal.text}" in review, proposal.id
        assert f"Timescale: {proposal.timescale}" in review, proposal.id
        assert f"{proposal.feature}. {proposal.feature_title}" in review, proposal.id
    # The self-evaluation uses the same 1.1 ... 6.3 numbering and headline texts.
    self_evaluation = _source(MSG_SELF_EVALUATION)
    assert "1.1: All leadership development will be focused on shared and collaborative" in (
        self_evaluation
    )
    assert f"Proposal 6.3 {msg_proposals()['6.3'].text}" in self_evaluation


def test_module_exports() -> None:
    assert set(reference.__all__) >= {
        "NationalOutcome",
        "DeliveryPrinciple",
        "CoreIndicator",
        "ChecklistItem",
        "MsgProposal",
    }
