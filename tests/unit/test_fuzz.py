"""Fuzzing: whatever a clerk's editor saves, reading and checking give findings, never a crash.

Example counts are small for CI; run long with IJBDOCS_FUZZ_EXAMPLES=5000.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from factories import Project, direction, paper
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ijbdocs.checks import run_checks
from ijbdocs.content import read_content
from ijbdocs.load import LoadError, parse_yaml

EXAMPLES = int(os.environ.get("IJBDOCS_FUZZ_EXAMPLES", "60"))
AS_OF = dt.date(2024, 6, 1)

# keys from the content format, so the fuzzer reaches deep into the model
KEYS = [
    "title", "name", "id", "ref", "to", "date", "total", "lines", "amount", "kind", "budget",
    "direction", "direction_required", "functions", "localities", "supersedes", "revokes",
    "issued", "approved", "status", "agenda", "paper", "item", "implications", "financial",
    "priorities", "national_outcomes", "measures", "indicator", "period", "start", "end",
    "sections", "blocks", "picture", "alt", "text", "words", "visibility", "decision",
    "appendices", "file", "self_evaluation", "ratings", "proposal", "rating", "review_date",
    "timescales", "milestones", "council", "health_board", "house_style", "direction_box",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["council", "both", "none", "2021-02-30",
                                           "2020-03-19", "£1,000", "../../etc/passwd",
                                           "P1", "core-1", "adult-care", "TIJB-2022-001"]),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner,
                        max_size=6),
    ),
    max_leaves=40,
)


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.text(max_size=300))
def test_loader_gives_a_document_or_a_finding_for_any_text(text: str) -> None:
    start = time.monotonic()
    try:
        parse_yaml(text, "f.yaml")
    except LoadError as exc:
        assert exc.finding.location.file == "f.yaml"
    assert time.monotonic() - start < 2


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    target=st.sampled_from(["partnership.yaml", "plan/plan.yaml", "easy-read/plan.yaml",
                            "directions/legacy.yaml", "directions/updates.yaml",
                            "meetings/2024-03-21/meeting.yaml",
                            "meetings/2024-03-21/05-paper.yaml"]),
    value=values,
)
def test_reading_and_checking_never_raise(target: str, value: Any) -> None:
    project = Project()
    project.add_paper("2024-03-21", "05-paper", paper(
        "Care", "council", decision="approved",
        direction=direction("TIJB-2024-001", issued="2024-03-25")))
    with tempfile.TemporaryDirectory() as folder:
        root = project.write(Path(folder))
        (root / "content" / target).write_text(_dump(value), encoding="utf-8")
        start = time.monotonic()
        read = read_content(root / "content")
        findings = run_checks(read, AS_OF)
        assert time.monotonic() - start < 5
        for finding in findings:
            assert finding.location.file and finding.message
            assert "\0" not in finding.key


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(["title", "purpose", "summary", "decision", "direction_required",
                              "visibility", "recommendations", "implications", "direction",
                              "appendices", "links", "glossary", "sections"]),
       value=values)
def test_any_value_in_any_paper_field_is_a_finding_or_fine(field: str, value: Any) -> None:
    project = Project()
    fuzzed = paper("Care")
    fuzzed[field] = value
    project.add_paper("2024-03-21", "05-paper", fuzzed)
    with tempfile.TemporaryDirectory() as folder:
        root = project.write(Path(folder))
        findings = run_checks(read_content(root / "content"), AS_OF)
        assert all(f.location.file.startswith(("meetings/", "partnership", "plan", "easy"))
                   for f in findings)


def test_a_control_character_in_a_key_is_shown_escaped_not_printed(tmp_path: Path) -> None:
    """Found by the fuzzer: a NUL key reached the terminal as a raw NUL."""
    root = Project().write(tmp_path)
    (root / "content" / "partnership.yaml").write_text('"\\0": null\n', encoding="utf-8")
    findings = run_checks(read_content(root / "content"), AS_OF)
    unknown = [f for f in findings if f.code == "unknown-key"]
    assert unknown and unknown[0].key == "\\x00"
    assert "unknown key '\\x00'" in unknown[0].message
    assert all("\0" not in str(f) for f in findings)
