"""The `ijbdocs` command: parse arguments, call the library, print, set the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .findings import Findings, summary_line
from .pipeline import build, check
from .project import Project, ProjectError
from .render.site import SiteBuildError
from .write import BuildLocked

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-C", dest="project", metavar="DIR", type=Path, default=argparse.SUPPRESS,
        help="the project folder (holding content/); default: the current folder",
    )
    main = argparse.ArgumentParser(
        prog="ijbdocs",
        description="Board papers, directions, the directions log and the strategic plan "
        "website for an Integration Joint Board, from one content folder.",
        parents=[common],
    )
    main.add_argument("--version", action="version", version=f"ijbdocs {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def dated(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.add_argument(
            "--as-of", type=_date, metavar="DATE", default=None,
            help="build as things stood on this date (default: today); fixes the log and "
            "all dates for reproducible builds",
        )
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        return sub

    dated("check", "validate the content and run the statutory checks")
    dated("build", "check, then build site/ and build/ from the content")
    return main


def print_findings(findings: Findings) -> None:
    for finding in findings.sorted():
        print(finding)
    print(summary_line(findings))


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    as_of: dt.date = args.as_of or dt.date.today()
    try:
        project = Project.at(getattr(args, "project", Path.cwd()))
    except ProjectError as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "check":
            outcome = check(project, as_of, args.strict)
            print_findings(outcome.findings)
            return EXIT_OK if outcome.ok else EXIT_CONTENT
        result = build(project, as_of, args.strict)
        print_findings(result.check.findings)
        if not result.built:
            print("Nothing was built; site/ is unchanged. Fix the errors above and build again.")
            return EXIT_CONTENT
        counts = result.log.counts() if result.log else {}
        in_log = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        print(f"Built {', '.join(result.outputs)} as of {as_of.isoformat()}"
              f"{f' (directions: {in_log})' if in_log else ''}.")
        return EXIT_OK
    except BuildLocked as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except SiteBuildError as exc:
        print(f"ijbdocs: {exc}; site/ is unchanged", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("ijbdocs: interrupted; site/ is unchanged", file=sys.stderr)
        return 130
    except Exception:  # a bug in ijbdocs, not in the content: keep the details for a report
        log_file = project.build / "ijbdocs-error.log"
        log_file.parent.mkdir(parents=True, exist_ok=True)
        log_file.write_text(traceback.format_exc(), encoding="utf-8")
        print(
            "ijbdocs: internal error (a bug in ijbdocs, not in your content); site/ is "
            f"unchanged. Details are in {log_file}; please report them.",
            file=sys.stderr,
        )
        return EXIT_CONTENT


if __name__ == "__main__":
    sys.exit(main())
