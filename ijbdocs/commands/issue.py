"""`ijbdocs issue REF`: record that an approved direction was issued, and when."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..project import Project
from ..scaffold import ScaffoldError, issue
from ..yamledit import EditError
from .common import EXIT_CONTENT, EXIT_OK, iso_date, verbosity

HELP = "record that an approved direction was issued (adds `issued:` to it)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", metavar="REF", help="the direction reference")
    parser.add_argument("--date", type=iso_date, default=None,
                        help="the date it was issued (default: today)")


def run(args: argparse.Namespace, project: Project) -> int:
    today = dt.date.today()
    try:
        change = issue(project, args.ref, args.date or today, today)
    except (ScaffoldError, EditError) as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    if verbosity(args) >= 1:
        print(change.message[0].upper() + change.message[1:] + ".")
    return EXIT_OK
