"""The loader: values, positions of every key and item, and refusals as findings."""

from __future__ import annotations

import datetime as dt

import pytest

from ijbdocs.load import LoadError, parse_yaml

SOURCE = """\
title: A paper
direction:
  ref: NAIJB-2020-004
  budget:
    total: 1250000
    lines:
      - {description: Day services, amount: 1000000}
      - description: Transport
        amount: 250000
decided: 2020-03-19
answer: no
time: 10:00
"""


def test_values_are_plain_data() -> None:
    doc = parse_yaml(SOURCE, "meetings/x/07-a.yaml")
    assert doc.data["direction"]["budget"]["lines"][1] == {
        "description": "Transport", "amount": 250000}
    assert doc.data["decided"] == dt.date(2020, 3, 19)
    # YAML 1.1 yes/no booleans stay text: the content format has no booleans
    assert doc.data["answer"] == "no"


def test_every_key_and_item_has_its_line_and_column() -> None:
    doc = parse_yaml(SOURCE, "f.yaml")
    assert doc.positions[("direction",)] == (2, 1)
    assert doc.positions[("direction", "budget", "total")] == (5, 5)
    assert doc.positions[("direction", "budget", "lines", 0)] == (7, 9)
    assert doc.positions[("direction", "budget", "lines", 0, "amount")] == (7, 37)
    assert doc.positions[("direction", "budget", "lines", 1, "amount")] == (9, 9)


def test_locate_falls_back_to_the_nearest_existing_ancestor() -> None:
    doc = parse_yaml(SOURCE, "f.yaml")
    location = doc.locate(("direction", "budget", "missing", "deeper"))
    assert (location.file, location.line, location.col) == ("f.yaml", 4, 3)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\na: 2\n", "duplicate-key", 2),
        ("a:\n\tb: 1\n", "yaml-tab", 2),
        ("a: !!python/object:os.system x\n", "yaml-tag", 1),
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 2),
        ("", "empty-file", 1),
        ("# only a comment\n", "empty-file", 1),
        ("a: 2021-02-30\n", "yaml-value", 1),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "yaml-merge", 3),
    ],
)
def test_refusals_are_located_findings(text: str, code: str, line: int) -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, "f.yaml")
    finding = caught.value.finding
    assert (finding.code, finding.location.file, finding.location.line) == (
        code, "f.yaml", line)


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, 10):
        refs = ", ".join(f"*a{n - 1}" for _ in range(9))
        lines.append(f"a{n}: &a{n} [{refs}]")
    with pytest.raises(LoadError) as caught:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert caught.value.finding.code == "yaml-alias-bomb"
