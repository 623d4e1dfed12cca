"""`ijbdocs new meeting|paper|update`: write new content with every key in place."""

from __future__ import annotations

import argparse
import sys

from ..project import Project
from ..scaffold import UPDATE_STATUSES, ScaffoldError, new_meeting, new_paper, new_update
from ..yamledit import EditError
from .common import EXIT_CONTENT, EXIT_OK, iso_date, verbosity

HELP = "make a new meeting, paper or direction status update"


def arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="kind", metavar="WHAT", required=True)
    meeting = kinds.add_parser(
        "meeting", help="a meeting folder with meeting.yaml and a starting agenda",
        description="Make meetings/DATE/meeting.yaml with a starting agenda.")
    meeting.add_argument("date", metavar="DATE", type=iso_date, help="the meeting date, YYYY-MM-DD")
    meeting.add_argument("--body", default="Integration Joint Board",
                         help="who meets (default: %(default)s)")
    meeting.add_argument("--time", default="10:00", help="the start time (default: %(default)s)")
    meeting.add_argument("--venue", default="Council Chambers",
                         help="where (default: %(default)s)")
    meeting.add_argument("--suffix", default=None,
                         help="for a second meeting on one day: meetings/DATE-SUFFIX")
    paper = kinds.add_parser(
        "paper", help="a covering report in a meeting, added to its agenda",
        description="Write the next NN-slug.yaml paper in a meeting, with every required key "
        "and a comment on each, and add it to the meeting's agenda. With --direction, the "
        "paper has a direction with the next free reference.")
    paper.add_argument("meeting", metavar="MEETING",
                       help="the meeting folder's name, e.g. 2024-03-21")
    paper.add_argument("title", metavar="TITLE", help="the paper's title, in quotes")
    paper.add_argument("--direction", choices=("none", "council", "health_board", "both"),
                       default="none", help="who a direction goes to, if one is needed "
                       "(default: none)")
    paper.add_argument("--ref", default=None,
                       help="the direction reference to use instead of the next free one")
    update = kinds.add_parser(
        "update", help="a status update for an issued direction",
        description="Add an update to directions/updates.yaml.")
    update.add_argument("ref", metavar="REF", help="the direction reference")
    update.add_argument("status", metavar="STATUS", choices=UPDATE_STATUSES,
                        help=f"one of: {', '.join(UPDATE_STATUSES)}")
    update.add_argument("--date", type=iso_date, default=None,
                        help="the date of the update (default: today)")
    update.add_argument("--note", default=None, help="what happened, in a sentence")


def run(args: argparse.Namespace, project: Project) -> int:
    import datetime as dt

    try:
        if args.kind == "meeting":
            path = new_meeting(project, args.date, args.body, args.time, args.venue,
                               args.suffix)
            messages = [f"wrote {path.relative_to(project.root).as_posix()}"]
        elif args.kind == "paper":
            changes = new_paper(project, args.meeting, args.title, args.direction, args.ref)
            messages = [change.message for change in changes]
        else:
            change = new_update(project, args.ref, args.status, args.date or dt.date.today(),
                                args.note)
            messages = [change.message]
    except (ScaffoldError, EditError) as exc:
        print(f"ijbdocs: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    if verbosity(args) >= 1:
        for message in messages:
            print(message[0].upper() + message[1:] + ("" if message.endswith(".") else "."))
    return EXIT_OK
