"""Turn a directions log kept in a spreadsheet (.csv or .xlsx) into directions/legacy.yaml.

Columns are matched to fields by their header (`Reference`, `Date of issue`, `Total
resource` …, or the open-data names ijbdocs exports); `overrides` maps any other header.
Every row or cell that cannot be mapped is reported with its spreadsheet row number (the
header is row 1). Rows whose direction is already in a paper are left out (the paper is
the record). Status columns are not imported: the log derives status from the papers and
directions/updates.yaml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic_core import PydanticCustomError

from .model import Content, Partnership, parse_money

IMPORT_FIELDS = (
    "ref", "title", "to", "functions", "approved", "issued", "total", "review_date",
    "supersedes", "revokes", "purpose", "delivery", "start", "end", "source",
)
REQUIRED = ("ref", "title", "to", "functions", "approved", "total")
IGNORE = "ignore"
SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("reference", "direction_ref", "direction_reference", "reference_number",
            "direction_number", "direction_no", "ref_no", "number", "no"),
    "title": ("direction_title", "subject", "name", "direction", "direction_name"),
    "to": ("directed_to", "delivery_partner", "delivery_partners", "partner", "partners",
           "issued_to", "recipient"),
    "functions": ("function", "function_ids", "function_names", "delegated_functions",
                  "delegated_function", "services", "service"),
    "approved": ("decision_date", "date_approved", "approval_date", "ijb_decision_date",
                 "date_of_decision", "date_of_ijb_decision", "ijb_date", "decided",
                 "date_decided", "meeting_date"),
    "issued": ("date_issued", "issue_date", "date_of_issue"),
    "total": ("total_resource", "total_resource_committed", "resource", "budget",
              "budget_total", "total_budget", "amount", "value"),
    "review_date": ("review", "date_of_review", "review_by", "review_due"),
    "supersedes": ("replaces", "varies"),
    "revokes": ("revoked",),
    "purpose": (),
    "delivery": ("what_is_to_be_delivered", "detail", "details", "description"),
    "start": ("start_date",),
    "end": ("end_date",),
    "source": ("notes", "note", "comments", "comment"),
}
# Columns of the exported log that ijbdocs derives itself: recognised, not imported.
DERIVED = ("status", "status_date", "superseded_by", "revoked_by", "delivery_issues",
           "meeting", "covering_report", "origin", "page")
NO_DELIVERY = "Not recorded in the imported directions log."
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ImportError_(Exception):
    """The file cannot be imported at all (unreadable, no header, unknown --map field)."""


@dataclass
class Problem:
    row: int  # spreadsheet row number (header = 1); 0 for the whole file
    message: str
    column: str | None = None
    fatal: bool = False  # the row cannot be imported without this cell

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return f"{where}{f', column {self.column!r}' if self.column else ''}: {self.message}"


@dataclass
class ImportResult:
    directions: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows or cells not mapped
    notes: list[str] = field(default_factory=list)  # what was left out on purpose
    mapping: dict[str, str] = field(default_factory=dict)  # header → field

    @property
    def ok(self) -> bool:
        return not self.problems


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


# ---------------------------------------------------------------------------------- reading


def read_table(path: Path) -> list[list[Any]]:
    """The rows of the first sheet (the "Directions" sheet if there is one), header first."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252")  # Excel's "CSV" on Windows
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportError_(f"{path.name} is not a readable .xlsx file ({exc})") from None
        sheet = workbook["Directions"] if "Directions" in workbook.sheetnames else \
            workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    raise ImportError_(f"{path.name}: import a .csv or .xlsx file (save other formats as "
                       ".xlsx from your spreadsheet program)")


def map_columns(headers: list[str], overrides: dict[str, str]) -> tuple[dict[int, str],
                                                                        list[str]]:
    """Column index → field; and notes on the columns that are not imported."""
    mapping: dict[int, str] = {}
    notes: list[str] = []
    keys = [normalise(h) for h in headers]
    wanted = {normalise(column): target for column, target in overrides.items()}
    for column in overrides:
        if normalise(column) not in keys:
            raise ImportError_(f"--map {column}=…: there is no column {column!r}; the "
                               f"columns are {', '.join(repr(h) for h in headers if h)}")
    for target in overrides.values():
        if target not in (*IMPORT_FIELDS, IGNORE):
            raise ImportError_(f"--map …={target}: unknown field; use one of "
                               f"{', '.join(IMPORT_FIELDS)} or {IGNORE}")
    taken: set[str] = set()
    for index, key in enumerate(keys):
        if key in wanted and wanted[key] != IGNORE:
            mapping[index] = wanted[key]
            taken.add(wanted[key])
    for index, key in enumerate(keys):  # exact field names first, then other names
        if index not in mapping and key not in wanted and key in IMPORT_FIELDS and \
                key not in taken:
            mapping[index] = key
            taken.add(key)
    for index, key in enumerate(keys):
        if index in mapping or key in wanted or not key:
            continue
        target = next((f for f, names in SYNONYMS.items() if key in names), None)
        if target and target not in taken:
            mapping[index] = target
            taken.add(target)
        elif key in DERIVED:
            notes.append(f"column {headers[index]!r} is not imported: ijbdocs works it out "
                         "from the papers and directions/updates.yaml")
        elif target:
            notes.append(f"column {headers[index]!r} is not imported: the {target} field "
                         "comes from another column")
        else:
            notes.append(f"column {headers[index]!r} is not imported (no field of that name); "
                         f"use --map {headers[index]!r}=FIELD to import it")
    return mapping, notes


# ---------------------------------------------------------------------------------- values


class CellError(ValueError):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_START):
        text = text[1:]  # the apostrophe ijbdocs puts before text that looks like a formula
    return text


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if match:  # UK order: day/month/year
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
        if match and match[2].lower() in _MONTHS:
            return dt.date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        raise CellError(f"{text!r} is not a real date") from None
    raise CellError(f"{text!r} is not a date; write it as YYYY-MM-DD or DD/MM/YYYY")


def parse_total(value: Any) -> Decimal:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        value = Decimal(str(value))
        if value != value.quantize(Decimal("0.01")):
            value = value.quantize(Decimal("0.01"))  # a float's binary noise, not pence
    try:
        return parse_money(value if not isinstance(value, str) else value.strip())
    except PydanticCustomError as exc:  # carries the message that says what to write
        raise CellError(exc.message()) from None


def parse_to(value: Any, partnership: Partnership) -> str:
    text = _text(value).lower()
    key = normalise(text)
    if key in ("council", "health_board", "both"):
        return key
    council = partnership.council.name.lower()
    board = partnership.health_board.name.lower()
    has_council = "council" in text or council in text
    has_board = "health" in text or "nhs" in text or board in text
    if has_council and has_board:
        return "both"
    if has_council:
        return "council"
    if has_board:
        return "health_board"
    raise CellError(f"{_text(value)!r} is not a delivery partner; write council, "
                    "health_board or both (or the partner's name)")


def parse_functions(value: Any, partnership: Partnership) -> list[str]:
    by_key = {}
    for function in partnership.functions:
        by_key[function.id.lower()] = function.id
        by_key[function.name.lower()] = function.id
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[;\n]", _text(value)):
        part = part.strip()
        if not part:
            continue
        if part.lower() in by_key:
            found.append(by_key[part.lower()])
            continue
        for piece in (p.strip() for p in part.split(",")):
            if piece.lower() in by_key:
                found.append(by_key[piece.lower()])
            elif piece:
                unknown.append(piece)
    if unknown:
        raise CellError(
            f"unknown function{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(u) for u in unknown)}; use the ids or names under functions: "
            "in partnership.yaml"
        )
    if not found:
        raise CellError("no function given; a direction covers at least one function")
    return list(dict.fromkeys(found))


def parse_refs(value: Any) -> list[str]:
    return [ref for ref in re.split(r"[;,\s]+", _text(value)) if ref]


# ----------------------------------------------------------------------------------- import


def import_rows(
    rows: list[list[Any]],
    content: Content,
    overrides: dict[str, str] | None = None,
    file_name: str = "the spreadsheet",
) -> ImportResult:
    """The legacy directions in `rows` (header first), and what could not be mapped."""
    partnership = content.partnership
    if partnership is None:
        raise ImportError_("partnership.yaml could not be read; run `ijbdocs check` first")
    if not rows:
        raise ImportError_(f"{file_name} is empty")
    headers = [_text(h) for h in rows[0]]
    mapping, notes = map_columns(headers, overrides or {})
    result = ImportResult(notes=notes, mapping={headers[i]: mapping[i] for i in sorted(mapping)})
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        raise ImportError_(
            f"no column for {', '.join(missing)} (the header row has "
            f"{', '.join(repr(h) for h in headers if h)}); name the columns or use "
            "--map COLUMN=FIELD"
        )
    if "delivery" not in mapping.values():
        result.notes.append(f"no delivery column: each direction says {NO_DELIVERY!r}; "
                            "add what was to be delivered in legacy.yaml")
    in_papers = {entry.ref: entry for entry in content.directions() if entry.paper}
    pattern = re.compile(partnership.direction_ref_pattern) \
        if partnership.direction_ref_pattern else None
    seen: dict[str, int] = {}
    references: list[tuple[int, dict[str, Any], str]] = []
    for number, raw in enumerate(rows[1:], start=2):
        cells = {field_: raw[i] if i < len(raw) else None for i, field_ in mapping.items()}
        if all(_text(value) == "" for value in raw):
            continue  # a blank row
        direction, bad = _direction(number, cells, partnership, headers, mapping, file_name)
        ref = direction.get("ref")
        if ref and pattern and not pattern.fullmatch(ref):
            bad.append(Problem(number, f"reference {ref!r} does not follow the partnership's "
                                       f"pattern {partnership.direction_ref_pattern}",
                               _column(headers, mapping, "ref"), fatal=True))
        if ref and ref in seen:
            bad.append(Problem(number, f"{ref} is already on row {seen[ref]}; every "
                                       "direction needs its own reference",
                               _column(headers, mapping, "ref"), fatal=True))
        if ref and ref in in_papers:
            paper = in_papers[ref].paper
            assert paper is not None
            result.notes.append(f"row {number}: {ref} is not imported: it is in "
                                f"meetings/{paper.meeting.id}/{paper.stem}.yaml")
            continue
        if any(p.fatal for p in bad):
            result.problems.extend(bad)
            result.problems.append(Problem(number, "row not imported"))
            continue
        result.problems.extend(bad)
        seen[str(ref)] = number
        result.directions.append(direction)
        references.append((number, direction, str(ref)))
    _check_references(references, content, headers, mapping, result)
    return result


def _column(headers: list[str], mapping: dict[int, str], field_: str) -> str | None:
    return next((headers[i] for i, f in mapping.items() if f == field_), None)


def _direction(
    number: int, cells: dict[str, Any], partnership: Partnership, headers: list[str],
    mapping: dict[int, str], file_name: str,
) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    parsers = {
        "ref": _text, "title": _text, "purpose": _text, "delivery": _text, "source": _text,
        "to": lambda v: parse_to(v, partnership),
        "functions": lambda v: parse_functions(v, partnership),
        "approved": parse_date, "issued": parse_date, "review_date": parse_date,
        "start": parse_date, "end": parse_date,
        "total": parse_total, "supersedes": parse_refs, "revokes": parse_refs,
    }
    for field_, value in cells.items():
        column = _column(headers, mapping, field_)
        if _text(value) == "" and not isinstance(value, dt.date):
            if field_ in REQUIRED:
                problems.append(Problem(number, f"the {field_} is empty (required)", column,
                                        fatal=True))
            continue
        try:
            values[field_] = parsers[field_](value)
        except CellError as exc:
            fatal = field_ in REQUIRED
            problems.append(Problem(
                number, str(exc) + ("" if fatal else f"; the {field_} is left out"), column,
                fatal=fatal))
    if "approved" in values and "issued" in values and values["issued"] < values["approved"]:
        problems.append(Problem(
            number, f"issued on {values['issued']}, before it was approved on "
                    f"{values['approved']}; the issue date is left out",
            _column(headers, mapping, "issued")))
        del values["issued"]
    source = f"Imported from {file_name}, row {number}."
    if values.get("source"):
        source += f" {values['source']}"
    direction: dict[str, Any] = {"ref": values.get("ref"), "title": values.get("title"),
                                 "to": values.get("to"), "functions": values.get("functions")}
    if values.get("purpose"):
        direction["purpose"] = values["purpose"]
    direction["delivery"] = values.get("delivery") or NO_DELIVERY
    direction["budget"] = {"total": values.get("total")}
    if values.get("start") or values.get("end"):
        direction["timescales"] = {k: values[k] for k in ("start", "end") if values.get(k)}
    for key in ("supersedes", "revokes"):
        if values.get(key):
            direction[key] = values[key]
    for key in ("review_date", "issued", "approved"):
        if values.get(key):
            direction[key] = values[key]
    direction["source"] = source
    return direction, problems


def _check_references(
    references: list[tuple[int, dict[str, Any], str]], content: Content,
    headers: list[str], mapping: dict[int, str], result: ImportResult,
) -> None:
    """Drop supersedes/revokes entries `ijbdocs check` would reject, saying why."""
    decided = {e.ref: e.decision_date for e in content.directions() if e.paper}
    decided.update({ref: d["approved"] for _, d, ref in references})
    for number, direction, ref in references:
        for key in ("supersedes", "revokes"):
            kept = []
            for target in direction.get(key, []):
                if target not in decided:
                    message = f"{target!r} is not a known direction; left out of {key}"
                elif target == ref or decided[target] >= direction["approved"]:
                    message = (f"{target} was not decided before {ref}; a direction can only "
                               f"{key[:-1]} an earlier one; left out")
                else:
                    kept.append(target)
                    continue
                result.problems.append(Problem(number, message, _column(headers, mapping, key)))
            if kept:
                direction[key] = kept
            else:
                direction.pop(key, None)


# ---------------------------------------------------------------------------------- writing


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else f"{value:.2f}"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def legacy_yaml(directions: Iterable[dict[str, Any]], file_name: str) -> str:
    """legacy.yaml text: a comment saying where it came from, then one block per direction."""
    parts = [
        "# Directions made before ijbdocs, imported from the spreadsheet log "
        f"{file_name} by `ijbdocs import-log`.\n"
        "# Each entry has the shape of a direction in a paper, plus `approved` (the IJB "
        "decision date)\n# and `source`. Status comes from directions/updates.yaml and later "
        "directions, not from here.\n"
    ]
    for direction in directions:
        parts.append(yaml.safe_dump([_plain(direction)], sort_keys=False, allow_unicode=True,
                                    width=100))
    return "\n".join(parts)
