"""Options and printing that several commands share."""

from __future__ import annotations

import argparse
import datetime as dt

from ..findings import Findings, summary_line

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


def print_findings(findings: Findings) -> None:
    for finding in findings.sorted():
        print(finding)
    print(summary_line(findings))
