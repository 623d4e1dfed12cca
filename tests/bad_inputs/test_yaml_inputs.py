"""Bad YAML at the loader: each gives one located finding (never a traceback), fast.

The broken file is a paper (on its meeting's agenda, so nothing else is affected): the
factory's valid paper text with exactly one thing wrong, or a hostile document.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from factories import line_of
from support import (
    PAPER,
    ROOT,
    Expected,
    expect_clean,
    expect_findings,
    paper_text,
    with_raw_paper,
)


def _col(root: Path, rel: str, line_pattern: str, text_pattern: str) -> int:
    """The 1-based column where `text_pattern` starts on the line matching `line_pattern`."""
    number = line_of(root / "content" / rel, line_pattern)
    line = (root / "content" / rel).read_text(encoding="utf-8").splitlines()[number - 1]
    found = re.search(text_pattern, line)
    assert found is not None, line
    return found.start() + 1


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, text
    return text.replace(old, new, 1)


# ---------------------------------------------------------------------------- syntax


def test_syntax_error_points_at_the_problem(tmp_path: Path) -> None:
    text = _replace(paper_text(), "purpose: To tell the board.", "purpose: To tell: the board.")
    with_raw_paper(text).write(tmp_path)
    col = _col(tmp_path, PAPER, r"^purpose:", r": the board")
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^purpose: To tell: the board", "",
                 "YAML syntax error: mapping values are not allowed", col=col),
    )


def test_unclosed_quote_points_at_the_opening_quote(tmp_path: Path) -> None:
    """A quote left open runs to the end of the file; the clerk needs the line it opened on."""
    text = _replace(paper_text(), "summary: A summary.", 'summary: "A summary.')
    with_raw_paper(text).write(tmp_path)
    col = _col(tmp_path, PAPER, r"^summary:", '"')
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r'^summary: "A summary', "", "YAML syntax error", col=col),
    )


def test_unclosed_bracket_is_located(tmp_path: Path) -> None:
    text = _replace(paper_text(), "recommendations:\n- Note the report.",
                    "recommendations: [Note the report.")
    with_raw_paper(text).write(tmp_path)
    expect_findings(
        tmp_path, None,
        # the flow sequence cannot end where the next key starts
        Expected(PAPER, r"^summary:", "", "YAML syntax error"),
    )


def test_tab_indentation(tmp_path: Path) -> None:
    text = _replace(paper_text(), "  name: Alex Smith", "\tname: Alex Smith")
    with_raw_paper(text).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^\tname: Alex Smith", "",
                 "a tab is used for indentation; YAML needs spaces", col=1),
    )


def test_tab_after_spaces(tmp_path: Path) -> None:
    text = _replace(paper_text(), "  title: Chief Officer", "  \ttitle: Chief Officer")
    with_raw_paper(text).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^  \ttitle: Chief Officer", "", "a tab is used for indentation",
                 col=3),
    )


def test_tab_inside_text_is_fine(tmp_path: Path) -> None:
    text = _replace(paper_text(), "summary: A summary.", 'summary: "A\\tsummary."')
    expect_clean(tmp_path, with_raw_paper(text + "# a comment\twith a tab\n"))


def test_duplicate_key_names_the_first_line(tmp_path: Path) -> None:
    with_raw_paper(paper_text() + "title: Another title\n").write(tmp_path)
    first = line_of(tmp_path / "content" / PAPER, r"^title: A paper")
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^title: Another title", "title",
                 f"duplicate key 'title' (first given on line {first})"),
    )


def test_duplicate_nested_key(tmp_path: Path) -> None:
    text = _replace(paper_text(), "  risk: None\n", "  risk: None\n  risk: Low\n")
    with_raw_paper(text).write(tmp_path)
    first = line_of(tmp_path / "content" / PAPER, r"^  risk: None")
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^  risk: Low", "implications.risk",
                 f"duplicate key 'risk' (first given on line {first})"),
    )


# ------------------------------------------------------------------------ hostile input


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        pytest.param("!!python/object/apply:os.mkdir [{target}]",
                     "tag:yaml.org,2002:python/object/apply:os.mkdir", id="python-object-apply"),
        pytest.param("!!python/object:argparse.Namespace {{name: x}}",
                     "tag:yaml.org,2002:python/object:argparse.Namespace", id="python-object"),
        pytest.param("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system",
                     id="python-name"),
        pytest.param("!foo To tell the board.", "!foo", id="custom-tag"),
    ],
)
def test_object_tags_are_refused(tmp_path: Path, value: str, tag: str) -> None:
    target = tmp_path / "pwned"
    text = _replace(paper_text(), "purpose: To tell the board.",
                    f"purpose: {value.format(target=target)}")
    expect_findings(
        tmp_path, with_raw_paper(text),
        Expected(PAPER, r"^purpose: !", "purpose", f"the YAML tag '{tag}' is not allowed"),
    )
    assert not target.exists()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """Billion laughs: 9 levels of 9 aliases would expand to 9**9 (387 million) strings."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    with_raw_paper("\n".join(lines) + "\n").write(tmp_path)
    started = time.monotonic()
    expect_findings(
        tmp_path, None,
        Expected(PAPER, ROOT, "", ("this file expands to more than", "aliases")),
    )
    assert time.monotonic() - started < 5  # two runs (plain and --strict)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    text = _replace(paper_text(), "purpose: To tell the board.",
                    "purpose: " + "[" * 100 + "deep" + "]" * 100)
    with_raw_paper(text).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^purpose: \[\[", re.compile(r"purpose(\[0\])+"),
                 "the content is nested more than 64 levels deep"),
    )


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    """100 levels of `k:` below `extra:`; the 64th mapping down holds the key too deep."""
    nested = "".join(f"{'  ' * depth}k:\n" for depth in range(1, 101)) + "  " * 101 + "v\n"
    with_raw_paper(paper_text() + "extra:\n" + nested).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^ {128}k:$", re.compile(r"extra(\.k)+"),
                 "the content is nested more than 64 levels deep"),
    )


def test_merge_key_is_refused(tmp_path: Path) -> None:
    text = _replace(paper_text(), "report_by:\n  name: Alex Smith\n",
                    "report_by:\n  <<: {name: Alex Smith}\n")
    with_raw_paper(text).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^  <<:", "report_by", "merge keys ('<<') are not supported"),
    )


def test_file_over_10_mb_is_refused(tmp_path: Path) -> None:
    padding = "# " + "x" * (10 * 1024 * 1024 + 512 * 1024) + "\n"
    with_raw_paper(paper_text() + padding).write(tmp_path)
    started = time.monotonic()
    expect_findings(
        tmp_path, None,
        Expected(PAPER, None, "", ("this file is 10.5 MB",
                                   "content files are limited to 10 MB")),
    )
    assert time.monotonic() - started < 5


# ------------------------------------------------------------------------ empty files


def test_empty_file(tmp_path: Path) -> None:
    with_raw_paper("").write(tmp_path)
    # an empty file has no line to search; its finding is on line 1
    expect_findings(tmp_path, None, Expected(PAPER, 1, "", "this file is empty"))


def test_file_of_only_a_comment(tmp_path: Path) -> None:
    with_raw_paper("# to be written\n").write(tmp_path)
    expect_findings(tmp_path, None, Expected(PAPER, r"^# to be written", "",
                                             "this file is empty"))


def test_file_of_only_blank_lines(tmp_path: Path) -> None:
    with_raw_paper("\n\n   \n").write(tmp_path)
    expect_findings(tmp_path, None, Expected(PAPER, 1, "", "this file is empty"))


# ----------------------------------------------------------------------------- encodings


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    raw = _replace(paper_text(), "summary: A summary.", "summary: A caf\xe9 summary.")
    data = raw.encode("latin-1")
    with_raw_paper(data).write(tmp_path)
    lines = data.split(b"\n")
    number = next(n for n, line in enumerate(lines, start=1) if b"\xe9" in line)
    col = lines[number - 1].index(b"\xe9") + 1
    expect_findings(
        tmp_path, None,
        Expected(PAPER, number, "", ("this file is not UTF-8 text (byte 0xe9)", "UTF-8"),
                 col=col),
    )


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    expect_clean(tmp_path, with_raw_paper(b"\xef\xbb\xbf" + paper_text().encode("utf-8")))


def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    data = paper_text().replace("\n", "\r\n").encode("utf-8")
    expect_clean(tmp_path, with_raw_paper(data))


def test_crlf_findings_have_the_right_line(tmp_path: Path) -> None:
    text = _replace(paper_text(), "summary: A summary.", "summary: A summary.\nvisibility: pubic")
    with_raw_paper(text.replace("\n", "\r\n").encode("utf-8")).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^visibility: pubic", "visibility", "did you mean 'public'?"),
    )


def test_bom_findings_have_the_right_line_and_column(tmp_path: Path) -> None:
    text = "title: A paper\ntitle: Again\n" + paper_text().split("\n", 1)[1]
    with_raw_paper(b"\xef\xbb\xbf" + text.encode("utf-8")).write(tmp_path)
    expect_findings(
        tmp_path, None,
        Expected(PAPER, r"^title: Again", "title", "first given on line 1", col=1),
    )


def test_yes_no_stay_text(tmp_path: Path) -> None:
    """YAML 1.1 booleans (`no`, `on`) are prose in the content format, not true/false."""
    text = _replace(paper_text(), "  risk: None", "  risk: no")
    expect_clean(tmp_path, with_raw_paper(text))
