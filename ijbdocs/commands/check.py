"""`ijbdocs check`: validate the content and run the statutory checks."""

from __future__ import annotations

import argparse

from ..pipeline import check
from ..project import Project
from .common import EXIT_CONTENT, EXIT_OK, add_as_of, add_strict, as_of, print_findings

HELP = "validate the content and run the statutory checks"


def arguments(parser: argparse.ArgumentParser) -> None:
    add_as_of(parser)
    add_strict(parser)


def run(args: argparse.Namespace, project: Project) -> int:
    outcome = check(project, as_of(args), args.strict)
    print_findings(outcome.findings)
    return EXIT_OK if outcome.ok else EXIT_CONTENT
