"""The published directions log as open data: site/data/directions.{csv,json,xlsx} + schema.

All three files hold the same records in the same order, from `log_data.record` applied to
the published log (no draft papers' directions; private items at the statutory minimum).

Format decisions:
- CSV is UTF-8 with a byte order mark, so Excel opens names such as "NHS Ayrshire & Arran"
  and "£" correctly (Python's utf-8-sig, pandas and R read it too); RFC 4180 CRLF lines.
  Lists are joined with "; " in one cell; dates are YYYY-MM-DD; money is a plain number.
- Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
  return) gets an apostrophe in front in the CSV and the spreadsheet. JSON is data, not
  executed, so its text is left exactly as written.
- The spreadsheet has a bold, frozen header row with an autofilter, money as numbers in a
  £ format and dates as dates; its zip entries and document dates are fixed from the as-of
  date so the same content gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..log_data import FIELDS, LIST_SEPARATOR, records
from ..write import write_text
from .context import BuildContext

DATA_FOLDER = "data"
BASENAME = "directions"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = '"£"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
SCHEMA_ID = "directions.schema.json"


def render(context: BuildContext) -> None:
    """Write the three open-data files and the JSON Schema into the public files."""
    partnership = context.content.partnership
    site_url = partnership.site_url if partnership else None
    rows = records(context.public_log, site_url)
    folder = context.files / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    publisher = partnership.name if partnership else ""
    (folder / f"{BASENAME}.csv").write_bytes(csv_bytes(rows))
    write_text(folder / f"{BASENAME}.json", json_text(rows, context.as_of, publisher))
    write_text(folder / SCHEMA_ID, json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    (folder / f"{BASENAME}.xlsx").write_bytes(xlsx_bytes(rows, context.as_of, publisher))


def neutralise(text: str) -> str:
    """Text a spreadsheet would execute as a formula, made inert with a leading apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _cell_text(value: Any) -> str:
    """A record value as spreadsheet text (CSV): the one flat form every list and date takes."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([field.key for field in FIELDS])
    for row in rows:
        writer.writerow([
            _cell_text(row[field.key]) if field.type == "money"
            else neutralise(_cell_text(row[field.key]))
            for field in FIELDS
        ])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_text(rows: list[dict[str, Any]], as_of: dt.date, publisher: str) -> str:
    document = {
        "$schema": SCHEMA_ID,
        "publisher": publisher,
        "as_of": as_of.isoformat(),
        "directions": [{key: _json_value(value) for key, value in row.items()} for row in rows],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


_JSON_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": "string", "minLength": 1},
    "code": {"type": "string", "minLength": 1},
    "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "money": {"type": "number", "minimum": 0},
    "list": {"type": "array", "items": {"type": "string", "minLength": 1}},
}
_ENUMS: dict[str, list[str]] = {
    "to": ["council", "health_board", "both"],
    "status": ["proposed", "approved", "issued", "superseded", "revoked", "completed"],
    "origin": ["paper", "private_item", "legacy"],
}


def schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of directions.json, from FIELDS."""
    properties: dict[str, Any] = {}
    for field in FIELDS:
        prop: dict[str, Any] = {"description": field.description, **_JSON_TYPES[field.type]}
        if field.key in _ENUMS:
            prop["enum"] = _ENUMS[field.key]
        if field.type == "list" and field.required:
            prop["minItems"] = 1
        if not field.required and field.type != "list":
            prop = {"description": prop.pop("description"),
                    "anyOf": [prop, {"type": "null"}]}
        properties[field.key] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Directions log",
        "description": "The directions log of an Integration Joint Board (statutory guidance "
        "on directions, paragraph 5.2), as published on its website. Derived from the "
        "board's papers; directions from private items carry the statutory minimum only.",
        "type": "object",
        "required": ["publisher", "as_of", "directions"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "publisher": {"type": "string", "description": "The Integration Joint Board."},
            "as_of": {"description": "The date the log shows the directions as of.",
                      **_JSON_TYPES["date"]},
            "directions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [field.key for field in FIELDS],
                    "additionalProperties": False,
                    "properties": properties,
                },
            },
        },
    }


# ----------------------------------------------------------------------------- spreadsheet


def _xlsx_value(field_type: str, value: Any) -> Any:
    if value is None:
        return None
    if field_type == "money":
        return value  # Decimal: openpyxl writes it as a number
    if field_type == "date":
        return value  # a date: stored as a date serial with DATE_FORMAT
    return neutralise(_cell_text(value))


def xlsx_bytes(rows: list[dict[str, Any]], as_of: dt.date, publisher: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Directions"
    sheet.append([field.key for field in FIELDS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(field.type, row[field.key]) for field in FIELDS])
    for index, field in enumerate(FIELDS, start=1):
        letter = get_column_letter(index)
        if field.type in ("money", "date"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = MONEY_FORMAT if field.type == "money" else DATE_FORMAT
        longest = max([len(field.key)] + [len(str(c.value or "")) for (c,) in sheet.iter_rows(
            min_row=2, min_col=index, max_col=index)])
        sheet.column_dimensions[letter].width = min(max(longest + 2, 12), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = workbook.create_sheet("About")
    about.append(["field", "description"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for field in FIELDS:
        about.append([field.key, field.description])
    about.append([])
    about.append(["publisher", neutralise(publisher)])
    about.append(["as_of", as_of])
    about.cell(about.max_row, 2).number_format = DATE_FORMAT
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 100
    # openpyxl stamps the document with now(): tie it to the as-of date instead
    stamp = dt.datetime.combine(as_of, dt.time())
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = publisher or "ijbdocs"
    workbook.properties.lastModifiedBy = publisher or "ijbdocs"
    workbook.properties.title = "Directions log"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry's timestamp set to `stamp` (zip entries carry now())."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl sets `modified` to now() while saving, whatever we asked for
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    data,
                )
            target.writestr(fixed, data)
    return out.getvalue()


def data_files(files: Path) -> dict[str, int]:
    """The open-data files written so far and their sizes in bytes (for the log page)."""
    folder = files / DATA_FOLDER
    return {
        suffix: (folder / f"{BASENAME}.{suffix}").stat().st_size
        for suffix in ("csv", "json", "xlsx")
        if (folder / f"{BASENAME}.{suffix}").is_file()
    }
