"""`ijbdocs log`: the directions log as a table in the terminal."""

from __future__ import annotations

import argparse
import shutil
from typing import Any

from .. import format as fmt
from ..findings import summary_line
from ..log import STATUSES, directions_log
from ..log_data import record
from ..pipeline import check
from ..project import Project
from .common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, add_as_of, as_of

HELP = "show the directions log as a table"
PARTNERS = ("council", "health_board", "both")
PARTNER_WORDS = {"council": "Council", "health_board": "Health board", "both": "Both"}


def arguments(parser: argparse.ArgumentParser) -> None:
    add_as_of(parser)
    parser.add_argument(
        "--status", choices=[*STATUSES, "in_force"], metavar="STATUS",
        help="only directions with this status: " + ", ".join(STATUSES)
        + " (in_force is the same as issued)",
    )
    parser.add_argument(
        "--partner", metavar="PARTNER",
        help="only directions to this partner: council, health_board (each includes "
        "directions to both) or both; or part of a partner's name",
    )
    parser.add_argument(
        "--public", action="store_true",
        help="show the log as published on the website (no draft papers' directions, "
        "private items at the statutory minimum)",
    )


def _matches_partner(row: dict[str, Any], partner: str) -> bool:
    wanted = partner.strip().lower().replace(" ", "_")
    if wanted in PARTNERS:
        return row["to"] == wanted or (wanted != "both" and row["to"] == "both")
    return partner.strip().lower() in row["delivery_partners"].lower()


COLUMNS = ("Reference", "Status", "Decided", "Issued", "Total resource", "Review", "To",
           "Direction")
RIGHT = {"Total resource"}


def table_rows(records: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """The terminal's cells, from the same exported records as the open data."""
    return [
        (
            item["ref"],
            fmt.status_words(item["status"]),
            item["decision_date"].isoformat(),
            item["issued"].isoformat() if item["issued"] else "-",
            fmt.money(item["total_resource"]),
            item["review_date"].isoformat() if item["review_date"] else "-",
            PARTNER_WORDS[item["to"]],
            ("" if item["origin"] in ("paper", "legacy") else
             f"[{item['origin'].replace('_', ' ')}] ") + item["title"],
        )
        for item in records
    ]


def format_table(rows: list[tuple[str, ...]], width: int) -> str:
    """Aligned plain-text columns; the last (the title) is cut to fit the terminal."""
    widths = [max(len(c) for c in column) for column in zip(COLUMNS, *rows, strict=False)]
    lines = []
    for cells in (COLUMNS, *rows):
        parts = [
            cell.rjust(w) if name in RIGHT else cell.ljust(w)
            for name, cell, w in zip(COLUMNS[:-1], cells[:-1], widths[:-1], strict=True)
        ]
        line = "  ".join([*parts, cells[-1]])
        if len(line) > width:
            line = line[: max(width - 1, 40)] + "…"
        lines.append(line.rstrip())
    rule = "  ".join("-" * w for w in widths)
    lines.insert(1, rule[:width])
    return "\n".join(lines)


def run(args: argparse.Namespace, project: Project) -> int:
    day = as_of(args)
    outcome = check(project, day)
    content = outcome.read.content
    if content.partnership is None:
        print("ijbdocs: partnership.yaml could not be read; run `ijbdocs check` to see why")
        return EXIT_CONTENT
    log = directions_log(content, day)
    if args.public:
        log = log.public()
    records = [record(row) for row in log.rows]
    if args.status:
        wanted = "issued" if args.status == "in_force" else args.status
        records = [item for item in records if item["status"] == wanted]
    if args.partner:
        if not args.partner.strip():
            print("ijbdocs: --partner needs a value such as council or health_board")
            return EXIT_USAGE
        records = [item for item in records if _matches_partner(item, args.partner)]
    width = shutil.get_terminal_size((120, 24)).columns
    if records:
        print(format_table(table_rows(records), width))
    else:
        print("No directions match.")
    shown = f"{len(records)} of {len(log.rows)} directions" if records else ""
    print(f"\n{shown + ' ' if shown else ''}as of {fmt.long_date(day)}"
          f"{' (as published)' if args.public else ''}.")
    if outcome.findings.errors:
        print(f"The content has problems ({summary_line(outcome.findings)}); the log may be "
              "incomplete. Run `ijbdocs check` to see them.")
        return EXIT_CONTENT
    return EXIT_OK
