"""`ijbdocs init DIR`: start a new partnership folder with content that builds at once."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..project import Project
from ..scaffold import ScaffoldError, init_project
from .common import EXIT_OK, EXIT_USAGE, verbosity

HELP = "start a new partnership folder with starter content that builds at once"
NEEDS_PROJECT = False


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", type=Path,
                        help="the new project folder (made if it does not exist)")
    parser.add_argument("--name", default="Example Integration Joint Board",
                        help="the board's full name (default: %(default)s)")


def run(args: argparse.Namespace, project: Project | None) -> int:
    base = getattr(args, "project", None)
    folder = args.folder if args.folder.is_absolute() or base is None else base / args.folder
    try:
        written = init_project(folder, args.name, dt.date.today())
    except ScaffoldError as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if verbosity(args) >= 1:
        print(f"Started {args.name} in {folder}:")
        for path in written:
            print(f"  {path.relative_to(folder).as_posix()}")
        print(f"Next: `ijbdocs -C {folder} build`, then open {folder / 'site' / 'index.html'}"
              f" (or `ijbdocs -C {folder} serve` to preview as you edit).")
    return EXIT_OK
