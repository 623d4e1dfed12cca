"""`ijbdocs decide PAPER DECISION`: record the board's decision in the paper file."""

from __future__ import annotations

import argparse
import sys

from ..project import Project
from ..scaffold import DECISIONS, ScaffoldError, decide
from ..yamledit import EditError
from .common import EXIT_CONTENT, EXIT_OK, verbosity

HELP = "record the board's decision on a paper (keeps the file's comments and layout)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paper", metavar="PAPER",
                        help="the paper file's path, or MEETING/STEM such as "
                        "2024-03-21/05-care-at-home")
    parser.add_argument("decision", metavar="DECISION", choices=DECISIONS,
                        help=f"one of: {', '.join(DECISIONS)}")


def run(args: argparse.Namespace, project: Project) -> int:
    try:
        change = decide(project, args.paper, args.decision)
    except (ScaffoldError, EditError) as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    if verbosity(args) >= 1:
        print(change.message[0].upper() + change.message[1:] + ".")
    return EXIT_OK
