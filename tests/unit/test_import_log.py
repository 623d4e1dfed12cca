"""`ijbdocs import-log`: a spreadsheet log back into legacy.yaml, row-by-row reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
import yaml
from factories import AS_OF, Project, run
from openpyxl import Workbook

from ijbdocs.content import read_content
from ijbdocs.log import directions_log
from ijbdocs.log_data import records
from ijbdocs.render.opendata import csv_bytes, xlsx_bytes

REPO = Path(__file__).resolve().parents[2]
SAMPLE_AS_OF = dt.date(2026, 11, 23)


def sample_copy(target: Path) -> Path:
    shutil.copytree(REPO / "content", target / "content")
    return target


def export(root: Path, suffix: str) -> Path:
    """The sample's published log as open data, written outside the project."""
    content = read_content(root / "content").content
    rows = records(directions_log(content, SAMPLE_AS_OF).public(), "https://ijb.example.org/")
    path = root.parent / f"{root.name}-export.{suffix}"
    data = xlsx_bytes(rows, SAMPLE_AS_OF, "Test") if suffix == "xlsx" else csv_bytes(rows)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_round_trip_export_delete_import_gives_the_same_log(tmp_path: Path, suffix: str) -> None:
    root = sample_copy(tmp_path / "sample")
    before = directions_log(read_content(root / "content").content, SAMPLE_AS_OF)
    spreadsheet = export(root, suffix)
    (root / "content" / "directions" / "legacy.yaml").unlink()
    result = run(root, "import-log", str(spreadsheet))
    assert result.code == 0, result.out
    assert "Wrote 2 directions" in result.out
    # the directions kept in papers are left to their papers, and said so
    assert "row 4: NAIJB-2020-001 is not imported: it is in meetings/2020-06-25/" in result.out
    assert "column 'status' is not imported" in result.out
    after = directions_log(read_content(root / "content").content, SAMPLE_AS_OF)
    assert after == before
    legacy = yaml.safe_load((root / "content/directions/legacy.yaml").read_text("utf-8"))
    assert [d["ref"] for d in legacy] == ["NAIJB-2018-001", "NAIJB-2019-001"]
    assert legacy[1]["supersedes"] == ["NAIJB-2018-001"]
    assert legacy[1]["source"].startswith(f"Imported from {spreadsheet.name}, row 3.")
    checked = run(root, "check", "--as-of", SAMPLE_AS_OF.isoformat())
    assert checked.code == 0, checked.out


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


HEADER = ["Reference", "Title", "Directed to", "Functions", "Date of decision",
          "Date of issue", "Total resource", "Review date", "Replaces", "RAG colour"]


def test_bad_rows_are_reported_row_by_row_and_the_good_ones_imported(tmp_path: Path) -> None:
    project = Project(legacy=None)
    project.write(tmp_path)
    sheet = write_csv(tmp_path / "log.csv", [
        HEADER,
        ["TIJB-2019-001", "Good one", "Testshire Council", "Adult social care",
         "21/03/2019", "2019-03-25", "£1,000", "2020-03-31", "", "Green"],
        ["TIJB-2019-002", "Bad date", "council", "adult-care", "31/02/2019", "", "100", "",
         "", "Red"],
        ["TIJB-2019-003", "Vague money", "council", "adult-care", "2019-03-21", "", "£1.2m",
         "", "", ""],
        ["TIJB-2019-004", "Unknown function", "council", "Dentistry", "2019-03-21", "",
         "10", "", "", ""],
        ["", "No reference", "council", "adult-care", "2019-03-21", "", "10", "", "", ""],
        ["TIJB-2019-001", "Same ref again", "council", "adult-care", "2019-03-21", "", "10",
         "", "", ""],
        ["TIJB-2020-001", "Bad review date kept", "NHS Testshire", "adult-care",
         "1 April 2020", "", "2500.50", "soon", "TIJB-2019-001; TIJB-1999-999", ""],
        ["TIJB-2020-002", "Who?", "The Scottish Government", "adult-care", "2020-04-01",
         "", "10", "", "", ""],
    ])
    result = run(tmp_path, "import-log", str(sheet))
    assert result.code == 1
    out = result.out
    assert "column 'RAG colour' is not imported (no field of that name); use --map" in out
    assert "log.csv: row 3, column 'Date of decision': '31/02/2019' is not a real date" in out
    assert "row 3: row not imported" in out
    assert "row 4, column 'Total resource': '£1.2m' is not an amount of money" in out
    assert "row 5, column 'Functions': unknown function 'Dentistry'" in out
    assert "row 6, column 'Reference': the ref is empty (required)" in out
    assert "row 7, column 'Reference': TIJB-2019-001 is already on row 2" in out
    assert "row 8, column 'Review date': 'soon' is not a date" in out
    assert "the review_date is left out" in out
    assert "row 8, column 'Replaces': 'TIJB-1999-999' is not a known direction" in out
    assert "row 9, column 'Directed to': 'The Scottish Government' is not a delivery" in out
    assert "Wrote 2 directions" in out
    legacy = yaml.safe_load((tmp_path / "content/directions/legacy.yaml").read_text("utf-8"))
    assert [d["ref"] for d in legacy] == ["TIJB-2019-001", "TIJB-2020-001"]
    assert legacy[0]["to"] == "council" and legacy[0]["functions"] == ["adult-care"]
    assert legacy[0]["approved"] == dt.date(2019, 3, 21)
    assert legacy[0]["budget"] == {"total": 1000}
    assert legacy[1]["to"] == "health_board" and legacy[1]["supersedes"] == ["TIJB-2019-001"]
    assert legacy[1]["budget"] == {"total": "2500.50"} and "review_date" not in legacy[1]
    checked = run(tmp_path, "check", "--as-of", AS_OF.isoformat())
    assert checked.code == 0, checked.out


def test_never_overwrites_legacy_yaml_without_force(tmp_path: Path) -> None:
    project = Project()  # has a legacy.yaml
    project.write(tmp_path)
    legacy = tmp_path / "content/directions/legacy.yaml"
    before = legacy.read_bytes()
    sheet = write_csv(tmp_path / "log.csv", [
        ["ref", "title", "to", "functions", "approved", "total"],
        ["TIJB-2021-001", "From the sheet", "council", "adult-care", "2021-03-18", "5"],
    ])
    refused = run(tmp_path, "import-log", str(sheet))
    assert refused.code == 2
    assert "already exists; nothing was written. Use --force" in refused.out
    assert legacy.read_bytes() == before
    forced = run(tmp_path, "import-log", str(sheet), "--force")
    assert forced.code == 0, forced.out
    assert "From the sheet" in legacy.read_text("utf-8")


def test_map_overrides_a_header_and_apostrophes_come_off(tmp_path: Path) -> None:
    Project(legacy=None).write(tmp_path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Dir No", "Title", "To", "Functions", "Approved", "Money", "Colour"])
    sheet.append(["TIJB-2021-001", "'=Tricky title", "council", "adult-care",
                  dt.datetime(2021, 3, 18), 1234.5, "Red"])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    unmapped = run(tmp_path, "import-log", str(path))
    assert unmapped.code == 2
    assert "no column for ref, total" in unmapped.out
    result = run(tmp_path, "import-log", str(path), "--map", "Dir No=ref", "--map",
                 "money=total", "--map", "Colour=ignore")
    assert result.code == 0, result.out
    assert "column 'Dir No' → ref" in result.out
    assert "Colour" not in result.out.split("Wrote")[0].replace("column 'Colour'", "")
    legacy = yaml.safe_load((tmp_path / "content/directions/legacy.yaml").read_text("utf-8"))
    assert legacy[0]["title"] == "=Tricky title"
    assert legacy[0]["budget"] == {"total": "1234.50"}
    bad = run(tmp_path, "import-log", str(path), "--force", "--map", "Dir No=reference_no")
    assert bad.code == 2 and "unknown field" in bad.out
    missing = run(tmp_path, "import-log", str(path), "--force", "--map", "Nope=ref")
    assert missing.code == 2 and "there is no column 'Nope'" in missing.out


def test_other_file_types_are_a_usage_error(tmp_path: Path) -> None:
    Project(legacy=None).write(tmp_path)
    (tmp_path / "log.ods").write_bytes(b"not really")
    result = run(tmp_path, "import-log", str(tmp_path / "log.ods"))
    assert result.code == 2 and "import a .csv or .xlsx file" in result.out
    assert not (tmp_path / "content/directions/legacy.yaml").exists()
