"""Covering reports in Word from small factory projects: the direction box in both house
styles, the direction appendix, the house style, layout overrides and determinism."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from factories import AS_OF, Project, direction, paper

from ijbdocs.content import read_content
from ijbdocs.log import directions_log
from ijbdocs.project import Project as IjbProject
from ijbdocs.render import word
from ijbdocs.render.context import BuildContext
from ijbdocs.render.docx_base import WordTemplateError


def build_word(root: Path, out: Path | None = None) -> Path:
    """Run the Word renderer alone on the project at `root`; returns the staging folder."""
    read = read_content(root / "content")
    assert read.content is not None
    out = out or root / "out"
    context = BuildContext(IjbProject(root), read.content, directions_log(read.content, AS_OF),
                           AS_OF, out / "docs", out / "files", out / "site", out / "private")
    word.render(context)
    return out


def png(width: int = 8, height: int = 4) -> bytes:
    """A small red PNG, made by hand (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def texts(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def box(document: DocxDocument, first_header: str) -> list[list[str]]:
    """The rows (below the header) of the table whose first header cell is `first_header`."""
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {first_header!r}")


@pytest.fixture
def styled(project: Project) -> Project:
    project.partnership["functions"].append(
        {"id": "community-health", "name": "Community health services",
         "delegated_by": "health_board"})
    project.partnership["chair"] = {"name": "Pat Chair", "title": "Chair"}
    project.partnership["council"]["leader"] = "Councillor Lee"
    project.add_paper("2024-03-21", "05-both", paper(
        "Joint services", "both", decision="approved",
        escalation_required="council",
        summary="Costs:\n\n| Item | Cost |\n|---|---|\n| Staff | £1,000 |\n\n- a\n- b\n",
        direction=direction("TIJB-2024-001", to="both", functions=["adult-care",
                            "community-health"], impacted=["carers", "local_communities"],
                            national_outcomes=[2, 9], supersedes=["TIJB-2022-001"],
                            budget={"total": 1250000.5, "lines": [
                                {"description": "Care", "amount": 1000000, "kind": "payment"},
                                {"description": "Beds", "amount": 250000.5,
                                 "kind": "set_aside"}]}),
    ))
    project.add_paper("2024-03-21", "06-none", paper("Nothing to direct"))
    project.add_paper("2024-03-21", "07-pending", paper(
        "Pending one", "council", direction=direction("TIJB-2024-002")))
    return project


def open_paper(out: Path, stem: str, private: bool = False) -> DocxDocument:
    root = out / ("private" if private else "files")
    return docx.Document(str(root / "papers" / "2024-03-21" / f"{stem}.docx"))


def test_table_box_marks_exactly_one_row_with_real_names(styled: Project, tmp_path: Path) -> None:
    out = build_word(styled.write(tmp_path))
    document = open_paper(out, "05-both")
    rows = box(document, "Direction to")
    assert [r[0] for r in rows] == [
        "1. No direction required", "2. Testshire Council", "3. NHS Testshire",
        "4. Testshire Council and NHS Testshire"]
    assert [r[1] for r in rows] == ["", "", "", "X"]
    escalation = box(document, "Escalation to")
    assert [r[1] for r in escalation] == ["", "X", "", ""]
    none_rows = box(open_paper(out, "06-none"), "Direction to")
    assert [r[1] for r in none_rows] == ["X", "", "", ""]


def test_yes_no_box_answers_every_row(styled: Project, tmp_path: Path) -> None:
    styled.partnership["house_style"] = {"direction_box": "yes-no"}
    out = build_word(styled.write(tmp_path))
    document = open_paper(out, "05-both")
    assert "This report requires a direction to be passed to:" in texts(document)
    rows = box(document, "Direction to")
    assert rows == [["NHS Testshire", "No"], ["Testshire Council", "No"],
                    ["Both NHS Testshire and Testshire Council", "Yes"]]
    assert [r[1] for r in box(document, "Escalation to")] == ["No", "Yes", "No"]
    assert [r[1] for r in box(open_paper(out, "06-none"), "Direction to")] == ["No"] * 3
    assert [r[1] for r in box(open_paper(out, "07-pending"), "Direction to")] == [
        "No", "Yes", "No"]


def test_direction_appendix_in_the_standard_format(styled: Project, tmp_path: Path) -> None:
    out = build_word(styled.write(tmp_path))
    document = open_paper(out, "05-both")
    lines = texts(document)
    heading = lines.index("Appendix 1: Direction TIJB-2024-001")
    assert document.paragraphs[heading].style.name == "Heading 1"
    assert document.paragraphs[heading].paragraph_format.page_break_before
    after = lines[heading:]
    assert "To: Chief Executive; and Chief Executive" in after
    assert any("sections 26 to 28 of the Public Bodies (Joint Working) (Scotland) Act 2014"
               in line for line in after)
    facts = {row.cells[0].text: row.cells[1].text for t in document.tables for row in t.rows
             if len(row.cells) == 2}
    assert facts["Reference number"] == "TIJB-2024-001"
    assert facts["Direction to"] == "Testshire Council and NHS Testshire"
    assert facts["Date of the IJB decision"] == (
        "Approved by the Integration Joint Board on 21 March 2024")
    for name in ("Adult social care", "Community health services", "Carers",
                 "Local communities", "Outcome 2: Independent living",
                 "Supersedes TIJB-2022-001: Adult social care 2022 onwards",
                 "Pat Chair, Chair, Testshire Integration Joint Board",
                 "Councillor Lee, Leader of Testshire Council", "The Chair of NHS Testshire"):
        assert name in after, name
    budget = box(document, "Description")
    assert budget == [["Care", "Payment", "£1,000,000"], ["Beds", "Sum set aside", "£250,000.50"],
                      ["Total", "", "£1,250,000.50"]]
    assert "Appendix 1: Direction TIJB-2024-001: Joint services" in lines  # list of appendices
    pending = open_paper(out, "07-pending")
    facts = {row.cells[0].text: row.cells[1].text for t in pending.tables for row in t.rows
             if len(row.cells) == 2}
    assert facts["Date of the IJB decision"] == (
        "For decision by the Integration Joint Board on 21 March 2024")
    assert facts["Date of issue"] == "To be issued as soon as practicable after approval"
    nothing = texts(open_paper(out, "06-none"))
    assert not any(line.startswith("Appendix") for line in nothing)


def test_markdown_tables_and_lists_in_the_report(styled: Project, tmp_path: Path) -> None:
    document = open_paper(build_word(styled.write(tmp_path)), "05-both")
    assert box(document, "Item") == [["Staff", "£1,000"]]
    listed = [p for p in document.paragraphs if p.text in ("a", "b")]
    assert len(listed) == 2 and all(p._p.pPr.numPr is not None for p in listed)
    assert not any("**" in line or "|" in line for line in texts(document))


def test_accessibility_properties_and_no_empty_paragraphs(styled: Project, tmp_path: Path
                                                          ) -> None:
    document = open_paper(build_word(styled.write(tmp_path)), "05-both")
    properties = document.core_properties
    assert properties.title == "Joint services"
    assert properties.subject == "Integration Joint Board, 21 March 2024, agenda item 2"
    assert properties.author == "Alex Smith"
    assert properties.created == properties.modified == dt.datetime(2024, 3, 21, tzinfo=dt.UTC)
    assert properties.language == "en-GB"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    assert not [p for p in document.paragraphs if not p.text.strip()]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["Purpose", "Recommendations", "Executive summary", "Implications"]
    for table in document.tables:
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look.get(qn("w:firstRow")) == "1":
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    header = document.sections[0].header.paragraphs
    assert "Testshire Integration Joint Board" in [p.text for p in header]


def test_private_and_draft_papers_go_to_private_only(styled: Project, tmp_path: Path) -> None:
    styled.papers[("2024-03-21", "06-none")]["visibility"] = "draft"
    styled.papers[("2024-03-21", "05-both")].update(
        visibility="private", exempt_reason="Paragraph 6, Part 1, Schedule 7A")
    out = build_word(styled.write(tmp_path))
    assert not (out / "files" / "papers" / "2024-03-21" / "05-both.docx").exists()
    assert not (out / "files" / "papers" / "2024-03-21" / "06-none.docx").exists()
    private = open_paper(out, "05-both", private=True)
    assert "Not for publication by virtue of Paragraph 6, Part 1, Schedule 7A." in texts(private)
    assert "Draft: not for publication or circulation." in texts(
        open_paper(out, "06-none", private=True))
    agenda = docx.Document(str(out / "files" / "papers" / "2024-03-21" / "agenda.docx"))
    rows = box(agenda, "Item")
    assert ["2", "Private item (exempt: Paragraph 6, Part 1, Schedule 7A)",
            "Alex Smith, Chief Officer"] in rows
    assert ["3", "Report to follow", ""] in rows
    pack = docx.Document(str(out / "files" / "papers" / "2024-03-21" / "board-pack.docx"))
    pack_text = "\n".join(texts(pack))
    assert "Pending one" in pack_text
    assert "Joint services" not in pack_text and "Nothing to direct" not in pack_text
    full = docx.Document(str(out / "private" / "papers" / "2024-03-21" / "board-pack-full.docx"))
    full_text = "\n".join(texts(full))
    assert "Joint services" in full_text and "Nothing to direct" not in full_text


def test_layout_template_override_renames_a_heading(styled: Project, tmp_path: Path) -> None:
    from ijbdocs.project import DEFAULTS

    root = styled.write(tmp_path)
    layout = (DEFAULTS / "templates" / "word" / "report.yaml").read_text(encoding="utf-8")
    override = root / "templates" / "word" / "report.yaml"
    override.parent.mkdir(parents=True)
    override.write_text(layout.replace("heading: Direction required to council, health board "
                                       "or both", "heading: Direction needed"), encoding="utf-8")
    document = open_paper(build_word(root), "06-none")
    assert "Direction needed" in texts(document)


def test_layout_without_the_direction_box_is_refused(styled: Project, tmp_path: Path) -> None:
    root = styled.write(tmp_path)
    override = root / "templates" / "word" / "report.yaml"
    override.parent.mkdir(parents=True)
    override.write_text("blocks:\n  - block: purpose\n    heading: Purpose\n", encoding="utf-8")
    with pytest.raises(WordTemplateError, match="direction_required block is missing"):
        build_word(root)


def test_word_template_and_logo(styled: Project, tmp_path: Path) -> None:
    house = docx.Document()  # python-docx's own template: no IJB styles at all
    house.sections[0].header.paragraphs[0].text = "{short_name} papers"
    house.add_paragraph("Sample text that must not reach the papers.")
    styled.files["images/logo.png"] = png()
    styled.partnership["house_style"] = {"word_template": "house/house.docx",
                                         "brand": {"logo": "images/logo.svg"}}
    styled.files["images/logo.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    root = styled.write(tmp_path)
    (root / "house").mkdir()
    house.save(str(root / "house" / "house.docx"))
    document = open_paper(build_word(root), "05-both")
    header = document.sections[0].header
    assert "Testshire IJB papers" in [p.text for p in header.paragraphs]
    descriptions = [e.get("descr") for e in header._element.iter(qn("wp:docPr"))]
    assert descriptions == ["Testshire Integration Joint Board logo"]
    assert "Sample text that must not reach the papers." not in texts(document)
    assert box(document, "Direction to")  # the IJB table style was added to their template


def test_missing_word_template_is_a_clear_error(styled: Project, tmp_path: Path) -> None:
    styled.partnership["house_style"] = {"word_template": "house/none.docx"}
    with pytest.raises(WordTemplateError, match=r"house/none\.docx not found"):
        build_word(styled.write(tmp_path))


def test_same_input_gives_byte_identical_documents(styled: Project, tmp_path: Path) -> None:
    root = styled.write(tmp_path / "project")
    first = build_word(root, tmp_path / "one")
    second = build_word(root, tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*.docx"))
    assert len(files) == 5  # 3 papers, agenda, pack; no private paper: no full pack
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_paper_docx_path(styled: Project, tmp_path: Path) -> None:
    read = read_content(styled.write(tmp_path) / "content")
    assert read.content is not None
    (first, *_) = read.content.papers()
    assert word.paper_docx_path(first) == "papers/2024-03-21/05-both.docx"


def test_core_properties_are_in_their_namespace_in_papers_and_packs(
        styled: Project, tmp_path: Path) -> None:
    """Title, author and dates are Dublin Core / OPC core properties (Word's File > Info)."""
    import zipfile

    out = build_word(styled.write(tmp_path))
    folder = out / "files" / "papers" / "2024-03-21"
    for name in ("05-both.docx", "board-pack.docx"):
        with zipfile.ZipFile(folder / name) as package:
            core = package.read("docProps/core.xml").decode()
        assert "custom-properties" not in core
        assert "http://schemas.openxmlformats.org/package/2006/metadata/core-properties" in core
    properties = docx.Document(str(folder / "05-both.docx")).core_properties
    assert properties.keywords == "Direction required: Testshire Council and NHS Testshire; " \
                                  "TIJB-2024-001"
    assert properties.category == "Board paper"
    assert properties.last_modified_by == "Testshire Integration Joint Board"
    assert docx.Document(str(folder / "board-pack.docx")).core_properties.category == "Board pack"
