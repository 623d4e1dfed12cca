"""`ijbdocs build`: check, then build site/ and build/ from the content."""

from __future__ import annotations

import argparse
import sys

from ..pipeline import build
from ..project import Project
from ..render.site import SiteBuildError
from .common import (
    EXIT_CONTENT,
    EXIT_OK,
    add_as_of,
    add_strict,
    as_of,
    print_findings,
    verbosity,
)
from .feedback import progress_for, summary

HELP = "check, then build site/ and build/ from the content"


def arguments(parser: argparse.ArgumentParser) -> None:
    add_as_of(parser)
    add_strict(parser)
    parser.add_argument(
        "--engine", choices=("mkdocs", "zensical"), default="mkdocs",
        help="the site engine: mkdocs (Material for MkDocs, the default) or zensical, its "
        "successor, which builds the same site",
    )
    parser.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N",
        help="how many processes write Word files at once (default: one per processor core)",
    )
    parser.add_argument(
        "--no-cache", dest="cache", action="store_false",
        help="write every output afresh instead of reusing unchanged ones from build/cache/ "
        "(the result is the same; this only takes longer)",
    )


def _jobs(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return number


def run(args: argparse.Namespace, project: Project) -> int:
    day = as_of(args)
    level = verbosity(args)
    try:
        with progress_for(level) as progress:
            result = build(project, day, args.strict, progress=progress,
                           engine=args.engine, jobs=args.jobs, cache=args.cache)
    except SiteBuildError as exc:
        print(f"ijbdocs: {exc}; site/ is unchanged", file=sys.stderr)
        return EXIT_CONTENT
    print_findings(result.check.findings, project.content, quiet=level == 0)
    if not result.built:
        print("Nothing was built; site/ is unchanged. Fix the errors above and build again.")
        return EXIT_CONTENT
    if level >= 1:
        for line in summary(result, project, level):
            print(line)
    return EXIT_OK
