"""The `ijbdocs` command: parse arguments, call the library, print, set the exit code.

Each subcommand lives in its own module under `ijbdocs.commands`.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands import COMMANDS
from .commands.common import EXIT_CONTENT, EXIT_USAGE
from .project import Project, ProjectError
from .write import BuildLocked


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-C", dest="project", metavar="DIR", type=Path, default=argparse.SUPPRESS,
        help="the project folder (holding content/); default: the current folder",
    )
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
        help="print only the problems found and their count (no progress or source excerpts)",
    )
    loudness.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
        help="say more: each step of a build and where every output went",
    )
    main = argparse.ArgumentParser(
        prog="ijbdocs",
        description="Board papers, directions, the directions log and the strategic plan "
        "website for an Integration Joint Board, from one content folder.",
        parents=[common],
    )
    main.add_argument("--version", action="version", version=f"ijbdocs {__version__}")
    subcommands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        sub = subcommands.add_parser(
            name, help=module.HELP, description=module.HELP, parents=[common]
        )
        module.arguments(sub)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    module = COMMANDS[args.command]
    folder = getattr(args, "project", Path.cwd())
    project: Project | None = None
    try:
        if getattr(module, "NEEDS_PROJECT", True):
            project = Project.at(folder)
        return int(module.run(args, project))
    except ProjectError as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildLocked as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("ijbdocs: interrupted; site/ is unchanged", file=sys.stderr)
        return 130
    except Exception:  # a bug in ijbdocs, not in the content: keep the details for a report
        where = (project.build if project else Path(folder)) / "ijbdocs-error.log"
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            where.write_text(traceback.format_exc(), encoding="utf-8")
            detail = f"Details are in {where}; please report them."
        except OSError:
            detail = traceback.format_exc(limit=3)
        print(
            "ijbdocs: internal error (a bug in ijbdocs, not in your content); site/ is "
            f"unchanged. {detail}",
            file=sys.stderr,
        )
        return EXIT_CONTENT


if __name__ == "__main__":
    sys.exit(main())
