"""`ijbdocs import-log FILE`: a spreadsheet directions log → content/directions/legacy.yaml."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..content import read_content
from ..log_import import IGNORE, IMPORT_FIELDS, ImportError_, import_rows, legacy_yaml, read_table
from ..pipeline import check
from ..project import Project
from ..write import write_text
from .common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, print_findings

HELP = "import a directions log spreadsheet (.csv or .xlsx) into directions/legacy.yaml"
LEGACY = Path("directions") / "legacy.yaml"


def _mapping(text: str) -> tuple[str, str]:
    column, sep, target = text.partition("=")
    if not sep or not column.strip() or not target.strip():
        raise argparse.ArgumentTypeError(f"'{text}': write --map 'COLUMN=field'")
    return column.strip(), target.strip()


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the spreadsheet (.csv or .xlsx)")
    parser.add_argument(
        "--map", type=_mapping, action="append", default=[], metavar="COLUMN=FIELD",
        help="import the column headed COLUMN as FIELD (one of " + ", ".join(IMPORT_FIELDS)
        + f"), or '{IGNORE}' to leave it out; repeat for more columns",
    )
    parser.add_argument("--force", action="store_true",
                        help="replace an existing directions/legacy.yaml")


def run(args: argparse.Namespace, project: Project) -> int:
    target = project.content / LEGACY
    if target.exists() and not args.force:
        print(f"ijbdocs: content/{LEGACY.as_posix()} already exists; nothing was written. "
              "Use --force to replace it (its directions are then taken from the spreadsheet).")
        return EXIT_USAGE
    source: Path = args.file
    if not source.is_file():
        print(f"ijbdocs: {source} is not a file")
        return EXIT_USAGE
    read = read_content(project.content)
    try:
        result = import_rows(read_table(source), read.content, dict(args.map), source.name)
    except ImportError_ as exc:
        print(f"ijbdocs: {exc}")
        return EXIT_USAGE
    for header, field in result.mapping.items():
        print(f"column {header!r} → {field}")
    for note in result.notes:
        print(f"note: {note}")
    for problem in result.problems:
        print(f"{source.name}: {problem}")
    write_text(target, legacy_yaml(result.directions, source.name))
    print(f"Wrote {len(result.directions)} direction{'s' if len(result.directions) != 1 else ''}"
          f" to content/{LEGACY.as_posix()}.")
    outcome = check(project, dt.date.today())
    if outcome.findings.errors:
        print("The imported directions do not pass `ijbdocs check` yet:")
        print_findings(outcome.findings, project.content)
        return EXIT_CONTENT
    if result.problems:
        count = len({problem.row for problem in result.problems})
        print(f"Problems on {count} row{'s' if count != 1 else ''}"
              " above: fix them in the spreadsheet and import again with --force, or edit "
              f"content/{LEGACY.as_posix()}.")
        return EXIT_CONTENT
    print("`ijbdocs check` finds no errors.")
    return EXIT_OK
