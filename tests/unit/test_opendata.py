"""Open data: the three files agree row for row, validate, are inert in a spreadsheet, and
are byte-identical from one build to the next."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from factories import AS_OF, Project, direction, paper
from openpyxl import load_workbook

from ijbdocs.content import read_content
from ijbdocs.log import PRIVATE_TITLE, directions_log
from ijbdocs.log_data import FIELDS, LIST_SEPARATOR, records
from ijbdocs.project import Project as IjbProject
from ijbdocs.render.context import BuildContext
from ijbdocs.render.opendata import neutralise, render

FORMULA_TITLE = '=HYPERLINK("http://evil.example","Click")'
PRIVATE_DELIVERY = "Close the Seaview unit and move residents."


def sample_project() -> Project:
    project = Project(updates=[
        {"ref": "TIJB-2023-001", "date": "2024-01-10", "status": "delivery_issue",
         "note": "@SUM(1+1) staff shortages"},
        {"ref": "TIJB-2023-002", "date": "2024-02-10", "status": "delivery_issue",
         "note": "A private note about Seaview."},
    ])
    project.add_paper("2023-03-16", "05-formula", paper(
        FORMULA_TITLE, "council", decision="approved",
        direction=direction("TIJB-2023-001", title=FORMULA_TITLE, issued="2023-03-20",
                            supersedes=["TIJB-2022-001"], budget={"total": "£1,250,000.50"})))
    project.add_paper("2023-03-16", "06-private", paper(
        "Seaview closure", "council", decision="approved", visibility="private",
        exempt_reason="Paragraph 6", direction=direction(
            "TIJB-2023-002", title="Seaview closure", issued="2023-03-21",
            delivery=PRIVATE_DELIVERY)))
    project.add_paper("2024-03-21", "05-draft", paper(
        "Secret plans", "health_board", visibility="draft",
        direction=direction("TIJB-2024-009", to="health_board", title="+44 plans")))
    project.add_paper("2024-03-21", "06-minus", paper(
        "-1 beds", "both", direction=direction("TIJB-2024-001", to="both", title="-1 beds")))
    return project


def build_data(root: Path, as_of: dt.date = AS_OF) -> tuple[Path, BuildContext]:
    read = read_content(root / "content")
    assert not read.findings.errors, read.findings.sorted()
    context = BuildContext(
        project=IjbProject(root), content=read.content,
        log=directions_log(read.content, as_of), as_of=as_of,
        docs=root / "stage" / "docs", files=root / "stage" / "files",
        site=root / "stage" / "site", private=root / "stage" / "private",
    )
    render(context)
    return context.files / "data", context


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildContext]:
    root = sample_project().write(tmp_path_factory.mktemp("opendata"))
    return build_data(root)


def flat(field_type: str, value: Any) -> str:
    """A record value in the one flat form all three files are compared in."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if field_type == "money":
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    return str(value)


def unneutralise(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in "=+-@\t\r" and text[1:] else text


def test_csv_json_and_xlsx_hold_the_same_rows(data: tuple[Path, BuildContext]) -> None:
    folder, context = data
    expected = [
        [flat(f.type, row[f.key]) for f in FIELDS]
        for row in records(context.public_log, None)
    ]
    # legacy, the formula paper, the private item, the proposed one; not the draft
    assert len(expected) == 4
    text = (folder / "directions.csv").read_bytes().decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))
    assert csv_rows[0] == [f.key for f in FIELDS]
    from_csv = [
        [unneutralise(cell) if f.type != "money" else flat("money", cell)
         for f, cell in zip(FIELDS, row, strict=True)]
        for row in csv_rows[1:]
    ]
    document = json.loads((folder / "directions.json").read_text(encoding="utf-8"))
    from_json = [[flat(f.type, item[f.key]) for f in FIELDS] for item in document["directions"]]
    sheet = load_workbook(folder / "directions.xlsx")["Directions"]
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert list(xlsx_rows[0]) == [f.key for f in FIELDS]
    from_xlsx = [
        [unneutralise(flat(f.type, cell)) for f, cell in zip(FIELDS, row, strict=True)]
        for row in xlsx_rows[1:]
    ]
    assert from_csv == expected
    assert from_json == expected
    assert from_xlsx == expected
    assert [row[0] for row in expected] == [
        "TIJB-2022-001", "TIJB-2023-001", "TIJB-2023-002", "TIJB-2024-001"]


def test_json_validates_against_the_published_schema(data: tuple[Path, BuildContext]) -> None:
    folder, _ = data
    schema = json.loads((folder / "directions.schema.json").read_text(encoding="utf-8"))
    document = json.loads((folder / "directions.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(document)
    assert document["as_of"] == AS_OF.isoformat()
    money = {item["ref"]: item["total_resource"] for item in document["directions"]}
    assert money["TIJB-2023-001"] == 1250000.5
    broken = json.loads(json.dumps(document))
    broken["directions"][0]["status"] = "lost"
    assert not validator.is_valid(broken)


def test_formulas_are_neutralised_in_csv_and_xlsx_but_not_json(
    data: tuple[Path, BuildContext]
) -> None:
    folder, _ = data
    text = (folder / "directions.csv").read_bytes().decode("utf-8-sig")
    rows = {row["ref"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["TIJB-2023-001"]["title"] == "'" + FORMULA_TITLE
    assert rows["TIJB-2023-001"]["covering_report"] == "'" + FORMULA_TITLE
    sheet = load_workbook(folder / "directions.xlsx")["Directions"]
    titles = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    cell = titles["TIJB-2023-001"]
    assert cell.value == "'" + FORMULA_TITLE
    assert cell.data_type == "s"  # text, not a formula
    document = json.loads((folder / "directions.json").read_text(encoding="utf-8"))
    assert document["directions"][1]["title"] == FORMULA_TITLE
    for text_in in ("=1+1", "+44 1234", "-1 beds", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text_in) == "'" + text_in
    assert neutralise("Care at home") == "Care at home"
    assert neutralise("") == ""


def test_spreadsheet_header_filter_money_and_dates(data: tuple[Path, BuildContext]) -> None:
    folder, _ = data
    sheet = load_workbook(folder / "directions.xlsx")["Directions"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    columns = {cell.value: cell.column for cell in sheet[1]}
    money = sheet.cell(3, columns["total_resource"])
    assert isinstance(money.value, int | float) and money.value == 1250000.5
    assert "£" in money.number_format
    decided = sheet.cell(3, columns["decision_date"])
    assert isinstance(decided.value, dt.datetime) and decided.is_date
    assert decided.value.date() == dt.date(2023, 3, 16)
    assert sheet.cell(2, columns["issued"]).value.date() == dt.date(2022, 3, 20)


def test_csv_is_utf8_with_bom_and_crlf(data: tuple[Path, BuildContext]) -> None:
    folder, _ = data
    raw = (folder / "directions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfref,title,")
    assert raw.count(b"\r\n") == 5 and b"\n" not in raw.replace(b"\r\n", b"")


def test_private_and_draft_directions_are_published_at_the_minimum_only(
    data: tuple[Path, BuildContext]
) -> None:
    folder, _ = data
    everything = "".join(
        (folder / name).read_bytes().decode("utf-8-sig")
        for name in ("directions.csv", "directions.json")
    )
    with zipfile.ZipFile(folder / "directions.xlsx") as archive:
        everything += "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "TIJB-2023-002" in everything and PRIVATE_TITLE in everything
    for secret in ("Seaview", PRIVATE_DELIVERY, "TIJB-2024-009", "+44 plans", "Secret plans"):
        assert secret not in everything
    document = json.loads((folder / "directions.json").read_text(encoding="utf-8"))
    private = next(d for d in document["directions"] if d["ref"] == "TIJB-2023-002")
    assert private["origin"] == "private_item"
    assert private["covering_report"] is None
    assert private["delivery_issues"] == ["2024-02-10"]


def test_same_content_and_date_give_the_same_bytes(tmp_path: Path) -> None:
    first = sample_project().write(tmp_path / "a")
    second = sample_project().write(tmp_path / "b")
    folder_a, _ = build_data(first)
    folder_b, _ = build_data(second)
    names = sorted(p.name for p in folder_a.iterdir())
    assert names == ["directions.csv", "directions.json", "directions.schema.json",
                     "directions.xlsx"]
    for name in names:
        assert (folder_a / name).read_bytes() == (folder_b / name).read_bytes(), name
    with zipfile.ZipFile(folder_a / "directions.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 6, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-06-01T00:00:00Z" in core
    before = (folder_a / "directions.xlsx").read_bytes()
    later, _ = build_data(first, AS_OF + dt.timedelta(days=1))
    assert (later / "directions.xlsx").read_bytes() != before
