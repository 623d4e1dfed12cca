"""Markdown in content becomes real Word formatting: runs, links, lists and tables."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import nsmap, qn
from docx.text.paragraph import Paragraph

from ijbdocs.model import Partnership
from ijbdocs.project import Project
from ijbdocs.render.docx_base import Numbering, WordBase, prepare_base
from ijbdocs.render.docx_markdown import MarkdownWriter


def _partnership() -> Partnership:
    from factories import partnership

    return Partnership.model_validate(partnership())


def _writer(tmp_path: Path) -> tuple[DocxDocument, MarkdownWriter]:
    (tmp_path / "content").mkdir()
    base: WordBase = prepare_base(Project(tmp_path), _partnership())
    document = base.new()
    return document, MarkdownWriter(document, Numbering(document), base.style_ids)


def _num(paragraph: Paragraph) -> tuple[int, int] | None:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if num_pr is None:
        return None
    return num_pr.numId.val, num_pr.ilvl.val


def test_bold_italic_and_links_are_runs_and_hyperlinks(tmp_path: Path) -> None:
    document, writer = _writer(tmp_path)
    writer.blocks(document, "Some **bold** and *italic* text, a [link](https://example.org/x)"
                            " and an address <someone@example.org>.")
    paragraph = document.paragraphs[0]
    assert paragraph.text.startswith("Some bold and italic text, a ")
    assert "**" not in paragraph.text and "*" not in paragraph.text
    bold = [r.text for r in paragraph.runs if r.bold]
    italic = [r.text for r in paragraph.runs if r.italic]
    assert bold == ["bold"] and italic == ["italic"]
    links = paragraph._p.findall(qn("w:hyperlink"))
    assert len(links) == 2
    targets = [document.part.rels[link.get(qn("r:id"))].target_ref for link in links]
    assert targets == ["https://example.org/x", "mailto:someone@example.org"]
    assert "link" in "".join(t.text for t in links[0].iter(qn("w:t")))


def test_lists_are_word_numbering_and_each_numbered_list_restarts(tmp_path: Path) -> None:
    document, writer = _writer(tmp_path)
    writer.blocks(document, "- one\n- two\n    - nested\n\n"
                            "Between.\n\n1. first\n2. second\n\nAgain.\n\n1. restart\n")
    items = {p.text: _num(p) for p in document.paragraphs}
    assert items["Between."] is None
    bullet = items["one"]
    assert bullet is not None and items["two"] == bullet
    assert items["nested"] == (bullet[0], 1)
    first, restart = items["first"], items["restart"]
    assert first is not None and restart is not None
    assert items["second"] == first and first[1] == 0
    assert restart[0] != first[0]  # a new numbering, so it starts again at 1
    numbering = document.part.numbering_part.element
    num = numbering.xpath(f'w:num[@w:numId="{restart[0]}"]')[0]
    assert num.xpath("w:lvlOverride/w:startOverride/@w:val") == ["1"]
    abstract_id = num.xpath("w:abstractNumId/@w:val")[0]
    abstract = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    assert abstract.xpath('w:lvl[@w:ilvl="0"]/w:numFmt/@w:val', namespaces=nsmap) == ["decimal"]


def test_markdown_table_becomes_a_word_table_with_a_header_row(tmp_path: Path) -> None:
    document, writer = _writer(tmp_path)
    writer.blocks(document, "Costs:\n\n| Element | Cost |\n|---|---:|\n| Staff | £1,000 |\n"
                            "| **Total** | **£1,000** |\n")
    assert [p.text for p in document.paragraphs] == ["Costs:"]
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Element", "Cost"], ["Staff", "£1,000"], ["Total", "£1,000"]]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert table.style.name == "IJB Table"
    assert all(r.bold for r in table.rows[2].cells[0].paragraphs[0].runs)
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right, as the Markdown says


def test_raw_html_is_text_not_markup(tmp_path: Path) -> None:
    document, writer = _writer(tmp_path)
    writer.blocks(document, 'Hello <b>there</b> & <script>alert("x")</script>')
    (paragraph,) = document.paragraphs
    assert paragraph.text == 'Hello <b>there</b> & <script>alert("x")</script>'
    assert not any(r.bold for r in paragraph.runs)


def test_no_empty_paragraphs_and_wrapped_lines_join(tmp_path: Path) -> None:
    document, writer = _writer(tmp_path)
    writer.blocks(document, "A line\n   wrapped here.\n\n---\n\n\n> quoted\n\n    code\n")
    texts = [p.text for p in document.paragraphs]
    assert texts == ["A line wrapped here.", "quoted", "code"]
    assert document.paragraphs[1].style.name == "Quote"


def test_cell_keeps_no_leading_empty_paragraph(tmp_path: Path) -> None:
    document, writer = _writer(tmp_path)
    table = document.add_table(rows=1, cols=1)
    writer.cell(table.cell(0, 0), "First.\n\nSecond with *emphasis*.")
    assert [p.text for p in table.cell(0, 0).paragraphs] == ["First.", "Second with emphasis."]


def test_a_document_round_trips_through_save(tmp_path: Path) -> None:
    from ijbdocs.render.docx_base import save

    document, writer = _writer(tmp_path)
    writer.blocks(document, "# Heading\n\nText with [a link](https://example.org/).\n\n1. a\n")
    save(document, tmp_path / "out.docx")
    again = docx.Document(str(tmp_path / "out.docx"))
    assert [p.text for p in again.paragraphs] == ["Heading", "Text with a link.", "a"]
    assert again.paragraphs[0].style.name == "Heading 2"
