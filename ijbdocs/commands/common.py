"""Options and printing that several commands share."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..findings import Findings, Location, summary_line

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=iso_date, metavar="DATE", default=None,
        help="as things stood on this date (default: today); fixes the log and every date "
        "for reproducible output",
    )


def add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def as_of(args: argparse.Namespace) -> dt.date:
    return args.as_of or dt.date.today()


def verbosity(args: argparse.Namespace) -> int:
    """0 with --quiet, 2 with --verbose, 1 otherwise (the global options in cli.py)."""
    if getattr(args, "quiet", False):
        return 0
    return 2 if getattr(args, "verbose", False) else 1


def print_findings(
    findings: Findings, content_root: Path | None = None, quiet: bool = False
) -> None:
    """Each finding's compiler-style line, then (given the content folder) the source line
    it points at with a caret under the column.

    The first line keeps exactly `path:line:col: severity: key: message [cite]` (editors and
    tests parse it); the excerpt follows on indented lines, also when stdout is not a
    terminal, so that a log file or CI output says as much as the screen. --quiet leaves
    out the excerpts.
    """
    sources: dict[str, list[str] | None] = {}
    for finding in findings.sorted():
        print(finding)
        if content_root is not None and not quiet:
            for line in source_excerpt(finding.location, content_root, sources):
                print(line)
    print(summary_line(findings))


def source_excerpt(
    location: Location, content_root: Path, cache: dict[str, list[str] | None] | None = None
) -> list[str]:
    """`    12 | decision: aproved` and a caret line under the column; [] if unknown."""
    if not location.line:
        return []
    cache = {} if cache is None else cache
    if location.file not in cache:
        try:
            raw = (content_root / location.file).read_bytes()
            text = raw.decode("utf-8-sig", errors="replace")
            cache[location.file] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        except OSError:
            cache[location.file] = None
    lines = cache[location.file]
    if lines is None or location.line > len(lines):
        return []
    text = lines[location.line - 1].replace("\t", " ")
    if len(text) > 160:  # a very long line: show the part around the column
        start = max(0, location.col - 80)
        text, col = text[start:start + 160], location.col - start
    else:
        col = location.col
    number = str(location.line)
    gutter = " " * len(number)
    caret = " " * max(col - 1, 0) + "^"
    return [f"    {number} | {text.rstrip()}", f"    {gutter} | {caret}"]
