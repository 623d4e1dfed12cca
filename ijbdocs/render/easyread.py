"""The easy-read plan as a Word document: a picture beside each block, large clear type.

Layout follows easy-read practice: Arial 16 pt with 1.5 line spacing, left aligned; each
block is one row of a two-column table (picture | text) that Word may not split across a
page; every picture carries its alt text. The wording around the content is in the
template `word/easy-read.yaml.j2`. The bytes depend only on the content: fixed document
dates (from the plan) and fixed zip entry dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
import yaml
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from ..checks.easyread import is_picture_file
from ..model import EasyReadPlan
from ..pictograms import catalogue
from ..readability import sentences
from .context import BuildContext
from .pages.easyread import WORD_FILE, uses_bundled, word_pattern
from .templating import template_environment

FONT = "Arial"
BODY = Pt(16)
SIZES = {"Title": Pt(28), "Heading 1": Pt(22), "Heading 2": Pt(18)}
TEXT_COLOUR = RGBColor(0, 0, 0)
PICTURE = Cm(3.5)
PICTURE_COLUMN = Cm(4.5)
TEXT_COLUMN = Cm(12.5)
BLOCK_GAP = Pt(24)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def render(context: BuildContext) -> None:
    easy_read = context.content.easy_read
    if easy_read is None:
        return
    wording = _wording(context, easy_read)
    document = build_document(context, easy_read, wording)
    buffer = io.BytesIO()
    document.save(buffer)
    target = context.files / WORD_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    core = core_properties(context, easy_read)
    target.write_bytes(fixed_zip(buffer.getvalue(), {"docProps/core.xml": core}))


def _wording(context: BuildContext, easy_read: EasyReadPlan) -> dict[str, Any]:
    template = template_environment(context.project).get_template("word/easy-read.yaml.j2")
    text = template.render(
        partnership=context.content.partnership,
        easy_read=easy_read,
        words=bool(easy_read.words),
        attribution=catalogue().attribution if uses_bundled(easy_read) else None,
    )
    return yaml.safe_load(text) or {}


def document_date(context: BuildContext) -> dt.datetime:
    """The document's dates: the plan's approval (fixed by the content), else the as-of day."""
    plan = context.content.plan
    day = plan.approved if plan else context.as_of
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def build_document(context: BuildContext, easy_read: EasyReadPlan,
                   wording: dict[str, Any]) -> DocxDocument:
    document = docx.Document()
    partnership = context.content.partnership
    language = partnership.language if partnership else "en-GB"
    _styles(document, language)
    _page(document, wording.get("footer", easy_read.title))
    document.core_properties  # noqa: B018 - makes sure the part exists; render() rewrites it

    document.add_paragraph(easy_read.title, style="Title")
    for line in wording.get("intro", []):
        document.add_paragraph(str(line))

    pattern = word_pattern(list(easy_read.words))
    for section in easy_read.sections:
        document.add_paragraph(section.heading, style="Heading 1")
        table = document.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _describe_table(table, section.heading)
        # Word and LibreOffice lay a table out from its grid, not from the cells alone.
        table.columns[0].width, table.columns[1].width = PICTURE_COLUMN, TEXT_COLUMN
        seen: set[str] = set()
        for block in section.blocks:
            row = table.add_row()
            _cant_split(row)
            picture_cell, text_cell = row.cells
            picture_cell.width, text_cell.width = PICTURE_COLUMN, TEXT_COLUMN
            _picture(picture_cell.paragraphs[0], _picture_file(context, block.picture),
                     block.alt)
            paragraph = text_cell.paragraphs[0]
            for number, sentence in enumerate(sentences(block.text)):
                paragraph = text_cell.paragraphs[0] if number == 0 else text_cell.add_paragraph()
                _runs(paragraph, sentence.text, pattern, seen)
            paragraph.paragraph_format.space_after = BLOCK_GAP  # room between blocks

    if easy_read.words:
        document.add_paragraph(wording.get("word_list_heading", "Word list"),
                               style="Heading 1")
        for word, meaning in sorted(easy_read.words.items(), key=lambda i: i[0].lower()):
            term = document.add_paragraph()
            term.paragraph_format.keep_with_next = True
            term.paragraph_format.space_after = Pt(0)
            term.add_run(word).bold = True
            document.add_paragraph(meaning)
    if wording.get("credit"):
        document.add_paragraph(str(wording["credit"]))
    return document


def _picture_file(context: BuildContext, picture: str) -> Path:
    if is_picture_file(picture):
        return context.project.content / "easy-read" / picture.replace("\\", "/")
    return catalogue().pictograms[picture].png


def _picture(paragraph: Paragraph, file: Path, alt: str) -> None:
    shape = paragraph.add_run().add_picture(str(file), width=PICTURE)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)  # alt text, read out by screen readers
    doc_pr.set("title", alt)


def _runs(paragraph: Paragraph, text: str, pattern: re.Pattern[str] | None,
          seen: set[str]) -> None:
    """The sentence, with each word-list word bold the first time a section uses it."""
    at = 0
    for match in pattern.finditer(text) if pattern else ():
        key = match.group(1).lower()
        if key in seen:
            continue
        seen.add(key)
        if match.start() > at:
            paragraph.add_run(text[at:match.start()])
        paragraph.add_run(match.group()).bold = True
        at = match.end()
    if at < len(text):
        paragraph.add_run(text[at:])


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _describe_table(table: Any, heading: str) -> None:
    # A layout table: no borders; its caption tells assistive technology what it holds.
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{_attr(heading)}"/>'))


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _set_font(style: BaseStyle, size: Pt, bold: bool | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = size
    font.color.rgb = TEXT_COLOUR
    if bold is not None:
        font.bold = bold
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        r_fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        r_fonts.set(qn(f"w:{attribute}"), FONT)


def _styles(document: DocxDocument, language: str) -> None:
    normal = document.styles["Normal"]
    _set_font(normal, BODY)
    fmt = normal.paragraph_format  # type: ignore[attr-defined]
    fmt.line_spacing = 1.5
    fmt.space_after = Pt(8)
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    r_pr = normal.element.get_or_add_rPr()
    r_pr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{_attr(language)}"/>'))
    for name, size in SIZES.items():
        style = document.styles[name]
        _set_font(style, size, bold=True)
        style.font.italic = False  # type: ignore[attr-defined]
        heading = style.paragraph_format  # type: ignore[attr-defined]
        heading.keep_with_next = True
        heading.line_spacing = 1.2
        heading.space_before = Pt(18)
        heading.space_after = Pt(8)
    # The default Title has a coloured rule under it; plain is clearer.
    title_pr = document.styles["Title"].element.pPr
    if title_pr is not None:
        for border in title_pr.findall(qn("w:pBdr")):
            title_pr.remove(border)


def _page(document: DocxDocument, footer_text: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{footer_text} ")
    field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r>'
                      "</w:fldSimple>")
    footer._p.append(field)


def core_properties(context: BuildContext, easy_read: EasyReadPlan) -> bytes:
    """docProps/core.xml, written here rather than through python-docx.

    Writing the part ourselves keeps its bytes a function of the content alone, whatever
    else the process has imported (some docx libraries remap python-docx's `cp` prefix).
    """
    when = document_date(context).strftime("%Y-%m-%dT%H:%M:%SZ")
    partnership = context.content.partnership
    author = escape(partnership.name if partnership else "")
    language = escape(partnership.language if partnership else "en-GB")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(easy_read.title)}</dc:title>"
        "<dc:subject>Easy read version of the strategic plan</dc:subject>"
        f"<dc:creator>{author}</dc:creator><cp:keywords>easy read</cp:keywords>"
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        f"<dc:language>{language}</dc:language>"
        "</cp:coreProperties>"
    ).encode()


def fixed_zip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The .docx with some parts replaced and fixed entry dates: equal input, equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0
            target.writestr(info, replace.get(entry.filename) or source.read(entry.filename))
    return out.getvalue()
