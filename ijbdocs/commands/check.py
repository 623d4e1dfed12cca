"""`ijbdocs check`: validate the content and run the statutory checks."""

from __future__ import annotations

import argparse

from ..checks.easyread import readability_lines
from ..pipeline import check
from ..project import Project
from .common import (
    EXIT_CONTENT,
    EXIT_OK,
    add_as_of,
    add_strict,
    as_of,
    print_findings,
    verbosity,
)

HELP = "validate the content and run the statutory checks"


def arguments(parser: argparse.ArgumentParser) -> None:
    add_as_of(parser)
    add_strict(parser)


def run(args: argparse.Namespace, project: Project) -> int:
    outcome = check(project, as_of(args), args.strict)
    if verbosity(args) > 0:
        # Before the findings, so that the last line stays the one-line summary.
        for line in readability_lines(outcome.read.content):
            print(line)
    print_findings(outcome.findings, project.content, quiet=verbosity(args) == 0)
    return EXIT_OK if outcome.ok else EXIT_CONTENT
