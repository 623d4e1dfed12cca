"""`ijbdocs log-review MEETING_DIR`: write the board's directions log review paper."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..format import long_date
from ..log_review import ReviewError, write_review
from ..pipeline import check
from ..project import Project
from .common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, add_as_of, as_of, print_findings

HELP = "write a draft paper presenting the directions log to the board for review"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "meeting", type=Path, metavar="MEETING_DIR",
        help="the meeting folder, e.g. content/meetings/2027-01-21 (or just 2027-01-21)",
    )
    add_as_of(parser)
    parser.add_argument("--force", action="store_true",
                        help="write the review paper again if the meeting already has one")


def _folder(project: Project, given: Path) -> Path:
    """The meeting folder as given (from here or the project folder), or by its name."""
    meetings = (project.content / "meetings").resolve()
    candidates = [given]
    if not given.is_absolute():
        candidates += [project.root / given, project.content / "meetings" / given]
    for candidate in candidates:
        if candidate.is_dir() and candidate.resolve().parent == meetings:
            return candidate
    return given


def run(args: argparse.Namespace, project: Project) -> int:
    day = as_of(args)
    try:
        review = write_review(project, _folder(project, args.meeting), day, args.force)
    except ReviewError as exc:
        print(f"ijbdocs: {exc}")
        return EXIT_USAGE
    relative = review.path.relative_to(project.content).as_posix()
    since = (f"the last review on {long_date(review.since)}" if review.last_review
             else f"{long_date(review.since)} (12 months before the meeting; no earlier review)")
    print(f"Wrote {relative}: the directions log as of {long_date(day)}, with changes since "
          f"{since}.")
    if review.agenda_edited:
        print(f"Added `- paper: {review.stem}` to the agenda in "
              f"{review.path.parent.relative_to(project.content).as_posix()}/meeting.yaml.")
    outcome = check(project, day)
    if outcome.findings.errors:
        print_findings(outcome.findings, project.content)
        return EXIT_CONTENT
    print("It is a draft with decision: pending. Check the wording, then build as usual.")
    return EXIT_OK
