"""What a clerk reads: findings with the source line and a caret, --quiet, --verbose, and
the summary at the end of a build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import AS_OF, Project, direction, paper, run

from ijbdocs.commands.common import source_excerpt
from ijbdocs.findings import Location


def bad_project(tmp_path: Path) -> Path:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper("Care", decision="aproved"))
    project.write(tmp_path)
    return tmp_path


def test_finding_line_then_source_line_and_caret(tmp_path: Path) -> None:
    result = run(bad_project(tmp_path), "check", "--as-of", AS_OF.isoformat())
    assert result.code == 1
    lines = result.out.splitlines()
    first = next(n for n, line in enumerate(lines) if ": error: " in line)
    # the first line stays in the compiler format that editors and tests parse
    match = re.match(r"^(\S+):(\d+):(\d+): error: decision: .*did you mean 'approved'\?$",
                     lines[first])
    assert match, lines[first]
    line, col = int(match[2]), int(match[3])
    source = (tmp_path / "content" / match[1]).read_text().splitlines()[line - 1]
    assert lines[first + 1] == f"    {line} | {source}"
    caret = lines[first + 2]
    assert caret.startswith(f"    {' ' * len(str(line))} | ")
    prefix = f"    {' ' * len(str(line))} | "
    assert caret[len(prefix):] == " " * (col - 1) + "^"
    assert source[col - 1:].startswith("decision")
    assert lines[-1] == "1 error, 0 warnings."


def test_quiet_prints_only_the_problems(tmp_path: Path) -> None:
    result = run(bad_project(tmp_path), "-q", "check", "--as-of", AS_OF.isoformat())
    assert result.code == 1
    assert all(not line.startswith(" ") for line in result.out.splitlines())
    assert result.out.splitlines()[-1] == "1 error, 0 warnings."


def test_excerpt_of_a_long_line_keeps_the_caret_under_the_column(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("x: " + "a" * 300 + "BAD" + "b" * 100 + "\n")
    text, caret = source_excerpt(Location("f.yaml", 1, 304), tmp_path)
    assert caret.index("^") == text.index("BAD")
    assert source_excerpt(Location("f.yaml"), tmp_path) == []
    assert source_excerpt(Location("missing.yaml", 3, 1), tmp_path) == []


@pytest.mark.slow
def test_build_summary_and_verbose_outputs(tmp_path: Path) -> None:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper(
        "Care", "council", decision="approved",
        direction=direction("TIJB-2024-001", issued="2024-03-25")))
    project.add_paper("2024-03-21", "06-secret", paper(
        "Secret", visibility="private", exempt_reason="Paragraph 6"))
    project.write(tmp_path)
    result = run(tmp_path, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 0, result.out + result.err
    assert "1 meeting, 2 papers (1 public, 1 private)" in result.out
    assert "Directions: 2 issued." in result.out
    assert f"Website: {tmp_path.resolve() / 'site' / 'index.html'}" in result.out
    assert result.err == ""  # no progress bar when not on a terminal
    verbose = run(tmp_path, "-v", "build", "--as-of", AS_OF.isoformat())
    assert verbose.code == 0
    assert "Outputs:" in verbose.out and "build/private" in verbose.out
    assert "checking the content" in verbose.err and "done" in verbose.err
    quiet = run(tmp_path, "build", "-q", "--as-of", AS_OF.isoformat())
    assert quiet.code == 0 and quiet.out == "No problems found.\n"
