"""Shared helpers for the bad-input tests: run `check` on a project and match its findings.

A finding is printed as `file:line:col: severity: key.path: message [cite]` (or `file:
severity: …` for a problem with a whole file or folder). `expect_findings` writes a project,
runs `ijbdocs check --as-of AS_OF` in-process and asserts that exactly the expected findings
appear, each in the right file, on the right line (found with `line_of` in the written
file), with the right key path, severity, message and guidance cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from factories import AS_OF, Project, Run, dump, line_of, paper, run

MEETING = "2024-05-01"
STEM = "01-report"
PAPER = f"meetings/{MEETING}/{STEM}.yaml"
MEETING_FILE = f"meetings/{MEETING}/meeting.yaml"
PARTNERSHIP = "partnership.yaml"
PLAN = "plan/plan.yaml"
LEGACY = "directions/legacy.yaml"
UPDATES = "directions/updates.yaml"
ROOT = r"^\S"  # the first line of a file: where a whole document's findings point

FINDING = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning): "
    r"(?P<rest>.*)$"
)
KEY = re.compile(r"^(?P<key>[\w\-]*(?:\[\d+\])*(?:\.[\w\-]+(?:\[\d+\])*)*|(?:\[\d+\])+"
                 r"(?:\.[\w\-]+(?:\[\d+\])*)*): ")
CITE = re.compile(r" \[(?P<cite>[^\[\]]+)\]$")


@dataclass(frozen=True)
class Expected:
    """One finding a test expects.

    `at` is a regex for the line the finding points to, searched in the written file with
    `line_of` (its `occurrence`-th match); None for a finding about a whole file or folder
    (printed without a line); an int only where no line can be searched (an empty file).
    `key` is the exact key path ("" for none) or a compiled regex; `message` a distinctive
    part of the message (or several, all required); `cite` the exact guidance cited in
    brackets (None: not checked).
    """

    file: str
    at: str | int | None
    key: str | re.Pattern[str]
    message: str | tuple[str, ...]
    severity: str = "error"
    cite: str | None = None
    occurrence: int = 1
    col: int | None = None


@dataclass(frozen=True)
class Parsed:
    text: str
    file: str
    line: int | None
    col: int | None
    severity: str
    key: str
    message: str
    cite: str | None


def parse(line: str) -> Parsed | None:
    match = FINDING.match(line)
    if not match:
        return None
    rest = match["rest"]
    cite = None
    if found := CITE.search(rest):
        cite = found["cite"]
        rest = rest[: found.start()]
    key = ""
    if found := KEY.match(rest):
        key = found["key"]
        rest = rest[found.end():]
    return Parsed(
        line,
        match["file"],
        int(match["line"]) if match["line"] else None,
        int(match["col"]) if match["col"] else None,
        match["severity"],
        key,
        rest,
        cite,
    )


def findings_of(result: Run) -> list[Parsed]:
    parsed = []
    for line in result.out.splitlines():
        if ": error: " in line or ": warning: " in line:
            item = parse(line)
            assert item is not None, f"a finding line not in the compiler format: {line!r}"
            parsed.append(item)
    return parsed


def _expected_line(root: Path, expected: Expected) -> int | None:
    if expected.at is None or isinstance(expected.at, int):
        return expected.at
    return line_of(root / "content" / expected.file, expected.at, expected.occurrence)


def _matches(found: Parsed, expected: Expected, line: int | None, severity: str) -> bool:
    key_ok = (
        expected.key.fullmatch(found.key) is not None
        if isinstance(expected.key, re.Pattern)
        else found.key == expected.key
    )
    return (
        found.file == expected.file
        and found.line == line
        and (expected.col is None or found.col == expected.col)
        and found.severity == severity
        and key_ok
        and all(part in found.message for part in _parts(expected.message))
        and (expected.cite is None or found.cite == expected.cite)
    )


def _parts(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else message


def _describe(expected: Expected, line: int | None, severity: str) -> str:
    where = expected.file if line is None else f"{expected.file}:{line}"
    if expected.col is not None:
        where += f":{expected.col}"
    cite = f" [{expected.cite}]" if expected.cite else ""
    key = expected.key.pattern if isinstance(expected.key, re.Pattern) else expected.key
    message = "…".join(_parts(expected.message))
    return f"{where}: {severity}: {key}: …{message}…{cite}"


def assert_findings(root: Path, result: Run, expected: list[Expected], strict: bool) -> None:
    """Exactly `expected` (in any order), nothing else, no traceback, a right summary."""
    report = f"\n--- stdout ---\n{result.out}--- stderr ---\n{result.err}"
    assert "Traceback" not in result.out + result.err, report
    assert result.err == "", report
    found = findings_of(result)
    wanted = []
    for item in expected:
        severity = "error" if strict else item.severity
        wanted.append((item, _expected_line(root, item), severity))
    unmatched = list(found)
    missing = []
    for item, line, severity in wanted:
        hit = next((f for f in unmatched if _matches(f, item, line, severity)), None)
        if hit is None:
            missing.append(_describe(item, line, severity))
        else:
            unmatched.remove(hit)
    problems = []
    if missing:
        problems.append("expected but not found:\n  " + "\n  ".join(missing))
    if unmatched:
        problems.append("unexpected findings:\n  " + "\n  ".join(f.text for f in unmatched))
    assert not problems, "\n".join(problems) + report
    errors = sum(1 for _, _, severity in wanted if severity == "error")
    warnings = len(wanted) - errors
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    summary = (
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}."
        if wanted
        else "No problems found."
    )
    assert result.out.splitlines()[-1] == summary, report


def check(root: Path, strict: bool = False) -> Run:
    args = ["check", "--as-of", AS_OF.isoformat()]
    return run(root, *args, *(["--strict"] if strict else []))


def expect_findings(root: Path, project: Project | None, *expected: Expected) -> None:
    """Write `project` (None: already written) and check it, with and without --strict.

    Errors give exit code 1 either way; a project with only warnings exits 0 without
    --strict and 1 with it (the warnings then printed as errors).
    """
    if project is not None:
        project.write(root)
    items = list(expected)
    plain = check(root)
    has_errors = any(item.severity == "error" for item in items)
    assert plain.code == (1 if has_errors else 0), plain
    assert_findings(root, plain, items, strict=False)
    strict = check(root, strict=True)
    assert strict.code == (1 if items else 0), strict
    assert_findings(root, strict, items, strict=True)
    if items:
        assert_build_refused_and_site_untouched(root)


def assert_build_refused_and_site_untouched(root: Path) -> None:
    """A build of content with problems (under --strict) exits 1 and leaves the previous
    site/ byte for byte as it was, with no staging folder left behind."""
    site = root / "site"
    if not site.exists():
        (site / "assets").mkdir(parents=True)
        (site / "index.html").write_text("<p>the previous, good site</p>", encoding="utf-8")
        (site / "assets" / "logo.png").write_bytes(bytes(range(256)))
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = run(root, "build", "--strict", "--as-of", AS_OF.isoformat())
    assert result.code == 1, result
    assert "Traceback" not in result.out + result.err
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "a refused build changed site/"
    assert not list(root.glob(".ijbdocs-stage-*"))


def expect_clean(root: Path, project: Project | None) -> None:
    """No findings at all, even under --strict."""
    expect_findings(root, project)


# ------------------------------------------------------------------------------ projects


def with_paper(**changes: object) -> Project:
    """The valid project plus one valid paper at MEETING (no direction)."""
    project = Project()
    project.add_paper(MEETING, STEM, paper(**changes))
    return project


def with_raw_paper(text: str | bytes) -> Project:
    """The valid project plus a paper file at PAPER with exactly this text (on the agenda)."""
    project = with_paper()
    project.files[PAPER] = text
    return project


def paper_text(**changes: object) -> str:
    """The YAML text of a valid paper, as the factories write it."""
    return dump(paper(**changes))
