"""The Word house style for one build: the reference document, prepared once, and what every
generated .docx shares (lists, tables, properties, deterministic saving).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..model import Partnership
from ..project import DEFAULTS, Project
from ..write import write_bytes
from .site import SiteBuildError

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DEFAULT_REFERENCE = DEFAULTS / "templates" / "word" / "reference.docx"
REFERENCE_NAME = "word/reference.docx"

# Styles the renderer uses; a partnership's own reference document gets any it lacks.
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
    "List Paragraph", "Quote", "Header", "Footer", "IJB Table", "Hyperlink",
)
BULLETS = "ijbdocs-bullets"
NUMBERS = "ijbdocs-numbers"
_BULLET_CHARS = ("•", "–", "•")
_NUMBER_FORMATS = (("decimal", "%{0}."), ("lowerLetter", "%{0})"), ("lowerRoman", "%{0}."))
BlockContainer = DocxDocument | _Cell
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class WordTemplateError(SiteBuildError):
    """The Word reference document or a Word layout template cannot be used."""


def normalise_zip(data: bytes) -> bytes:
    """The same .docx with fixed entry dates and attributes, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def docx_bytes(document: DocxDocument) -> bytes:
    """A document's .docx bytes, deterministic (numbering ids fixed, zip entries normalised)."""
    _fix_numbering_ids(document)
    _space_after_tables(document)
    try:
        return _package_bytes(document)
    except _NoWriter:
        buffer = io.BytesIO()
        document.save(buffer)
        return normalise_zip(buffer.getvalue())


class _NoWriter(Exception):
    pass


class _FixedDateZip:
    """python-docx's package writer, with every zip entry dated ZIP_DATE (compressed once)."""

    def __init__(self, target: io.BytesIO):
        self.zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)

    def write(self, uri: object, blob: bytes) -> None:
        info = zipfile.ZipInfo(uri.membername, ZIP_DATE)  # type: ignore[attr-defined]
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        self.zip.writestr(info, blob)

    def close(self) -> None:
        self.zip.close()


def _package_bytes(document: DocxDocument) -> bytes:
    """What `document.save` writes, entry for entry, then normalise_zip: without compressing
    twice. Uses python-docx's package writer steps; if a python-docx release renames them,
    the caller falls back to save + normalise_zip (the same bytes, a little slower)."""
    try:
        from docx.opc.pkgwriter import PackageWriter
    except ImportError as exc:  # pragma: no cover - depends on the python-docx release
        raise _NoWriter from exc
    steps = [getattr(PackageWriter, name, None) for name in (
        "_write_content_types_stream", "_write_pkg_rels", "_write_parts")]
    if not all(steps):  # pragma: no cover
        raise _NoWriter
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = _FixedDateZip(buffer)
    steps[0](writer, parts)  # type: ignore[misc]
    steps[1](writer, package.rels)  # type: ignore[misc]
    steps[2](writer, parts)  # type: ignore[misc]
    writer.close()
    return buffer.getvalue()


def save(document: DocxDocument, path: Path) -> None:
    """Save a document deterministically (see docx_bytes)."""
    write_bytes(path, docx_bytes(document))




def _space_after_tables(document: DocxDocument) -> None:
    # Word has no space after a table: give the paragraph that follows one some space
    # before (rather than an empty paragraph, which screen readers announce as "blank").
    for table in document.element.body.findall(qn("w:tbl")):
        following = table.getnext()
        if following is None or following.tag != qn("w:p"):
            continue
        p_pr = following.get_or_add_pPr()
        style = p_pr.pStyle.val if p_pr.pStyle is not None else ""
        if style.startswith("Heading") or p_pr.spacing_before is not None:
            continue
        p_pr.spacing_before = Pt(8)


def _fix_numbering_ids(document: DocxDocument) -> None:
    # Every list definition needs a unique nsid (a pack may carry copies); Word only needs
    # them unique, so derive them from the definition's number.
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return
    for abstract in numbering.findall(qn("w:abstractNum")):
        nsid = abstract.find(qn("w:nsid"))
        if nsid is not None:
            number = int(abstract.get(qn("w:abstractNumId")))
            nsid.set(qn("w:val"), f"1DB{number:05X}")


def set_properties(
    document: DocxDocument,
    *,
    title: str,
    subject: str,
    author: str,
    day: dt.date,
    category: str,
    status: str,
    language: str,
    keywords: str = "",
    organisation: str = "",
) -> None:
    """Core properties from the content: never the clock, so builds are reproducible."""
    properties = document.core_properties
    when = dt.datetime.combine(day, dt.time())
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = organisation or author
    properties.category = category
    properties.content_status = status
    properties.keywords = keywords
    properties.comments = ""
    properties.language = language
    properties.revision = 1
    properties.created = when
    properties.modified = when
    properties.last_printed = when


# ----------------------------------------------------------------------------- the base


@dataclass(frozen=True)
class WordBase:
    """The prepared reference document: opened once per build, copied for each document."""

    data: bytes
    language: str
    style_ids: dict[str, str]  # style name → id, so no document looks them up again
    text_width: int  # EMU between the page margins, for table column widths

    def new(self) -> DocxDocument:
        return docx.Document(io.BytesIO(self.data))


def reference_file(project: Project, partnership: Partnership) -> Path:
    """house_style.word_template, else the project's templates/word/reference.docx, else ours."""
    chosen = partnership.house_style.word_template
    if chosen:
        path = (project.root / chosen).resolve()
        if not path.is_file():
            raise WordTemplateError(
                f"house_style.word_template: {chosen} not found in {project.root}; give the "
                "path of a .docx file relative to the project folder"
            )
        return path
    for folder in project.template_folders:
        candidate = folder / REFERENCE_NAME
        if candidate.is_file():
            return candidate
    return DEFAULT_REFERENCE


def prepare_base(project: Project, partnership: Partnership) -> WordBase:
    """Open the reference document once and make it ready for every paper of this build."""
    path = reference_file(project, partnership)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise WordTemplateError(f"{path.name} is not a Word document that can be used: {exc}"
                                ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _add_missing_styles(document)
    from .docx_reference import set_language

    set_language(document, partnership.language)
    _add_list_definitions(document)
    values = {
        "partnership": partnership.name,
        "short_name": partnership.short_name,
        "partnership_name": partnership.partnership_name or partnership.name,
    }
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                fill_placeholders(paragraph, values)
    _add_logo(document, project, partnership)
    style_ids = {name: document.styles[name].style_id for name in REQUIRED_STYLES}
    section = document.sections[-1]
    text_width = int((section.page_width or Cm(21)) - (section.left_margin or 0)
                     - (section.right_margin or 0))
    buffer = io.BytesIO()
    document.save(buffer)
    return WordBase(buffer.getvalue(), partnership.language, style_ids, text_width)


def fill_placeholders(paragraph: Paragraph, values: dict[str, str]) -> None:
    """Replace {name} placeholders in a paragraph, even when Word split them across runs."""
    text = paragraph.text
    if "{" not in text:
        return
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    if filled == text:
        return
    runs = paragraph.runs
    runs[0].text = filled
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _add_missing_styles(document: DocxDocument) -> None:
    present = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in present]
    if not missing:
        return
    defaults = docx.Document(str(DEFAULT_REFERENCE)).styles
    for name in missing:
        document.styles.element.append(deepcopy(defaults[name].element))


def _level(ilvl: int, number_format: str, text: str, font: str | None) -> str:
    indent = 720 * (ilvl + 1)
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' \
        if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr>{fonts}</w:lvl>'
    )


def _add_list_definitions(document: DocxDocument) -> None:
    """Bullet and numbered list definitions (9 levels each) the Markdown lists refer to."""
    numbering = document.part.numbering_part.element
    names = {a.find(qn("w:name")).get(qn("w:val")) for a in numbering.findall(qn("w:abstractNum"))
             if a.find(qn("w:name")) is not None}
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    next_id = max(used, default=-1) + 1
    first_num = numbering.find(qn("w:num"))
    for name in (BULLETS, NUMBERS):
        if name in names:
            continue
        if name == BULLETS:
            levels = "".join(_level(i, "bullet", _BULLET_CHARS[i % 3], "Arial") for i in range(9))
        else:
            levels = "".join(
                _level(i, _NUMBER_FORMATS[i % 3][0], _NUMBER_FORMATS[i % 3][1].format(i + 1),
                       None)
                for i in range(9)
            )
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{next_id}">'
            f'<w:nsid w:val="1DB{next_id:05X}"/><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:name w:val="{name}"/>{levels}</w:abstractNum>'
        )
        next_id += 1
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)


def _add_logo(document: DocxDocument, project: Project, partnership: Partnership) -> None:
    logo = partnership.house_style.brand.logo
    if not logo:
        return
    path = (project.content / logo).resolve()
    if path.suffix.lower() == ".svg":
        # Word needs a bitmap beside an SVG; use a PNG or JPEG of the same name if there is one.
        path = next((path.with_suffix(s) for s in (".png", ".jpg", ".jpeg")
                     if path.with_suffix(s).is_file()), path)
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg") or not path.is_file():
        return
    header = document.sections[0].header
    paragraph = header.paragraphs[0].insert_paragraph_before(style="Header")
    picture = paragraph.add_run().add_picture(str(path), height=Cm(1.4))
    set_alt_text(picture._inline, f"{partnership.name} logo")


def set_alt_text(inline: BaseOxmlElement, text: str) -> None:
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", text)
        doc_pr.set("title", text)


# ------------------------------------------------------------------------ lists and tables


class Numbering:
    """Per document: one bullet list definition, and a fresh numbering for each numbered list."""

    def __init__(self, document: DocxDocument):
        self.element = document.part.numbering_part.element
        self.abstract: dict[str, str] = {}
        for abstract in self.element.findall(qn("w:abstractNum")):
            name = abstract.find(qn("w:name"))
            if name is not None:
                self.abstract[name.get(qn("w:val"))] = abstract.get(qn("w:abstractNumId"))
        self.next_id = max((int(n.get(qn("w:numId"))) for n in self.element.findall(qn("w:num"))),
                           default=0) + 1
        self._bullets: int | None = None

    def _new(self, name: str, start: int | None) -> int:
        number = self.next_id
        self.next_id += 1
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/>'
                    "</w:lvlOverride>") if start is not None else ""
        self.element.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{number}">'
            f'<w:abstractNumId w:val="{self.abstract[name]}"/>{override}</w:num>'
        ))
        return number

    def bullets(self) -> int:
        if self._bullets is None:
            self._bullets = self._new(BULLETS, None)
        return self._bullets

    def numbered(self, start: int = 1) -> int:
        """A numbered list that starts again at `start` (not continuing an earlier list)."""
        return self._new(NUMBERS, start)


def set_list(paragraph: Paragraph, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = min(level, 8)
    num_pr.get_or_add_numId().val = num_id


def mark_header_row(row: _Row) -> None:
    """Repeat the row on each page and tell assistive technology it holds column headers."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    cant_split = tr_pr.find(qn("w:cantSplit"))
    if cant_split is None:
        tr_pr.insert(0, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def set_widths(table: Table, total: int, fractions: tuple[float, ...]) -> None:
    """Column widths as fractions of `total` (EMU), on the grid and on every cell."""
    widths = [int(total * f) for f in fractions]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


_RUN_SPECIALS = re.compile(r"[\t\n\r]")


def add_text_run(paragraph: Paragraph, text: str) -> Run:
    """`paragraph.add_run(text)`, the same XML, without python-docx's character-by-character
    pass for tabs and line breaks when the text has neither (nearly always)."""
    if not text or _RUN_SPECIALS.search(text):
        return paragraph.add_run(text)
    r = paragraph._p.add_r()
    r.add_t(text)
    return Run(r, paragraph)


def new_paragraph(container: BlockContainer, style_id: str | None = None) -> Paragraph:
    """A paragraph at the end of `container`, its style set by id (no slow name look-up)."""
    paragraph = container.add_paragraph()
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def style_table(table: Table, style_id: str, *, header_row: bool,
                first_column: bool = False) -> None:
    """The house table style, with the style's header formatting for the first row/column."""
    tbl_pr = table._tbl.tblPr
    tbl_pr.style = style_id
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = parse_xml(f'<w:tblLook {nsdecls("w")}/>')
        tbl_pr.append(look)
    look.set(qn("w:firstRow"), "1" if header_row else "0")
    look.set(qn("w:firstColumn"), "1" if first_column else "0")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    flags = 0x0600 | (0x0020 if header_row else 0) | (0x0080 if first_column else 0)
    look.set(qn("w:val"), f"{flags:04X}")
    if header_row:
        mark_header_row(table.rows[0])
