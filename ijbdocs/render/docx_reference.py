"""Make the default Word reference document (styles, page, header and footer) for board papers.

The shipped file `ijbdocs/defaults/templates/word/reference.docx` is made by this module, so
it can be regenerated after a change here:

    python -m ijbdocs.render.docx_reference ijbdocs/defaults/templates/word/reference.docx

A partnership restyles every paper by editing a copy of that file in Word (fonts, colours,
spacing, header, logo) and naming it in `house_style.word_template`. The header may use the
placeholders {partnership}, {short_name} and {partnership_name}; the footer shows page numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from copy import deepcopy
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from .docx_base import normalise_zip

FONT = "Arial"
DARK = "1F3864"  # headings: dark blue, 10:1 contrast on white
GREY = "404040"

# Paragraph and run properties per style, as WordprocessingML; sizes in half-points.
_PARAGRAPH_STYLES: dict[str, tuple[str, str]] = {
    # Normal's spacing sits in the document defaults instead, so table styles can override it.
    "Normal": ("", '<w:sz w:val="24"/>'),
    "Title": (
        '<w:keepNext/><w:spacing w:before="120" w:after="240" w:line="240" w:lineRule="auto"/>'
        '<w:outlineLvl w:val="9"/>',
        f'<w:b/><w:color w:val="{DARK}"/><w:sz w:val="40"/>',
    ),
    "Subtitle": ('<w:spacing w:after="60"/>', f'<w:color w:val="{GREY}"/><w:sz w:val="24"/>'),
    "Heading 1": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>'
        '<w:outlineLvl w:val="0"/>',
        f'<w:b/><w:color w:val="{DARK}"/><w:sz w:val="32"/>',
    ),
    "Heading 2": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
        '<w:outlineLvl w:val="1"/>',
        f'<w:b/><w:color w:val="{DARK}"/><w:sz w:val="28"/>',
    ),
    "Heading 3": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/>'
        '<w:outlineLvl w:val="2"/>',
        f'<w:b/><w:color w:val="{DARK}"/><w:sz w:val="24"/>',
    ),
    "Heading 4": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/>'
        '<w:outlineLvl w:val="3"/>',
        '<w:b/><w:i/><w:sz w:val="24"/>',
    ),
    "List Paragraph": ('<w:spacing w:after="80"/><w:ind w:left="720"/>', ""),
    "Quote": ('<w:spacing w:after="160"/><w:ind w:left="567" w:right="567"/>', "<w:i/>"),
    "Header": ('<w:spacing w:after="0"/><w:jc w:val="right"/>',
               f'<w:color w:val="{GREY}"/><w:sz w:val="18"/>'),
    "Footer": ('<w:spacing w:after="0"/><w:jc w:val="center"/>',
               f'<w:color w:val="{GREY}"/><w:sz w:val="18"/>'),
}

_TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="IJBTable">
  <w:name w:val="IJB Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblInd w:w="0" w:type="dxa"/>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/>
      <w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/>
      <w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE3EE"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:tblStylePr>
</w:style>
"""

_HYPERLINK_STYLE = f"""
<w:style {nsdecls("w")} w:type="character" w:styleId="Hyperlink">
  <w:name w:val="Hyperlink"/>
  <w:basedOn w:val="DefaultParagraphFont"/>
  <w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/>
  <w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>
</w:style>
"""


def _set_properties(style_element: BaseOxmlElement, ppr: str, rpr: str) -> None:
    """Replace a style's paragraph and run properties (dropping theme fonts and colours)."""
    for tag in ("w:pPr", "w:rPr"):
        for old in style_element.findall(qn(tag)):
            style_element.remove(old)
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    if ppr:
        style_element.append(parse_xml(f'<w:pPr {nsdecls("w")}>{ppr}</w:pPr>'))
    style_element.append(parse_xml(f'<w:rPr {nsdecls("w")}>{fonts}{rpr}</w:rPr>'))


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice both update it on opening."""
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run = paragraph.add_run()
    run._r.append(parse_xml(
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>'))
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run("1")
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def set_language(document: DocxDocument, language: str) -> None:
    """Mark the document's default text, and its Normal style, as written in `language`."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr/>'
                             "</w:rPrDefault></w:docDefaults>")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f'<w:rPrDefault {nsdecls("w")}><w:rPr/></w:rPrDefault>')
        defaults.insert(0, rpr_default)
    targets = [rpr_default.find(qn("w:rPr"))]
    normal = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    if normal is not None:
        targets.append(normal.element.get_or_add_rPr())
    for rpr in targets:
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
            rpr.append(lang)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
        lang.set(qn("w:bidi"), "ar-SA")
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


# Styles kept in the reference document: the ones papers use and what they rest on. The
# dozens of unused table styles python-docx's own template has would slow every style
# lookup and every merge of a board pack.
KEEP_STYLES = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "IJB Table",
    "Title", "Title Char", "Subtitle", "Subtitle Char", "Header", "Header Char", "Footer",
    "Footer Char", "Quote", "Quote Char", "List Paragraph", "List Bullet", "List Number",
    "Hyperlink", "Strong", "Emphasis", "Caption", "No Spacing", "TOC Heading",
    *(f"Heading {n}" for n in range(1, 7)), *(f"Heading {n} Char" for n in range(1, 7)),
}


def _prune_styles(document: DocxDocument) -> None:
    for style in list(document.styles):
        if style.name not in KEEP_STYLES:
            style.element.getparent().remove(style.element)


def build_reference() -> bytes:
    """The default reference document, as bytes (byte-identical on every run)."""
    document = docx.Document()
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for side in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{side}"), FONT)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "160")
    spacing.set(qn("w:line"), "276")
    spacing.set(qn("w:lineRule"), "auto")
    for name, (ppr, rpr) in _PARAGRAPH_STYLES.items():
        _set_properties(styles[name].element, ppr, rpr)
    styles.element.append(parse_xml(_TABLE_STYLE))
    if "Hyperlink" not in [s.name for s in styles]:
        styles.element.append(parse_xml(_HYPERLINK_STYLE))
    set_language(document, "en-GB")
    _prune_styles(document)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    header = section.header.paragraphs[0]
    header.text = "{partnership}"
    header.style = styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")

    properties = document.core_properties
    properties.title = "Board paper reference document"
    properties.subject = "Styles, header and footer for ijbdocs board papers"
    properties.author = properties.last_modified_by = "ijbdocs"
    properties.comments = properties.keywords = properties.category = ""
    properties.language = "en-GB"
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(2020, 1, 1)
    properties.last_printed = dt.datetime(2020, 1, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def default_styles_element() -> BaseOxmlElement:
    """A fresh copy of the default reference document's styles (to fill gaps in others)."""
    from ..project import DEFAULTS

    document = docx.Document(str(DEFAULTS / "templates" / "word" / "reference.docx"))
    return deepcopy(document.styles.element)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from ..project import DEFAULTS

    target = Path(args[0]) if args else DEFAULTS / "templates" / "word" / "reference.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_reference())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
