"""`ijbdocs build`: check, then build site/ and build/ from the content."""

from __future__ import annotations

import argparse
import sys

from ..pipeline import build
from ..project import Project
from ..render.site import SiteBuildError
from .common import EXIT_CONTENT, EXIT_OK, add_as_of, add_strict, as_of, print_findings

HELP = "check, then build site/ and build/ from the content"


def arguments(parser: argparse.ArgumentParser) -> None:
    add_as_of(parser)
    add_strict(parser)


def run(args: argparse.Namespace, project: Project) -> int:
    day = as_of(args)
    try:
        result = build(project, day, args.strict)
    except SiteBuildError as exc:
        print(f"ijbdocs: {exc}; site/ is unchanged", file=sys.stderr)
        return EXIT_CONTENT
    print_findings(result.check.findings)
    if not result.built:
        print("Nothing was built; site/ is unchanged. Fix the errors above and build again.")
        return EXIT_CONTENT
    counts = result.log.counts() if result.log else {}
    in_log = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    print(f"Built {', '.join(result.outputs)} as of {day.isoformat()}"
          f"{f' (directions: {in_log})' if in_log else ''}.")
    return EXIT_OK
