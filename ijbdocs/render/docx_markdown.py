"""Content Markdown to real Word formatting: runs, hyperlinks, lists and tables.

The Markdown is converted to HTML by the same library as the site (raw HTML in content is
escaped first, so it is shown as text, never interpreted), then the HTML tree is walked
and written with python-docx: bold and italic runs, hyperlinks, bulleted and numbered
lists (real Word numbering, restarting for each list), and tables with a header row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as md_lib
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .docx_base import BlockContainer as Container
from .docx_base import Numbering, add_text_run, new_paragraph, set_list, style_table

_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_BLOCKS = {"p", "ul", "ol", "table", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5",
           "h6", "div"}
# `<` opens raw HTML unless it is a Markdown autolink: <https://…> or <name@example.org>.
_RAW_HTML = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]+>|[^\s<>@]+@[^\s<>@]+>)")
_NEWLINE = re.compile(r"[ \t\r]*\n\s*")
_VOID = {"br", "hr", "img"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> Iterator[Node]:
        return (child for child in self.children if isinstance(child, Node))

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str, converter: md_lib.Markdown | None = None) -> Node:
    """Markdown → a small HTML tree. Raw HTML in the text stays text."""
    escaped = _RAW_HTML.sub("&lt;", text.replace("&", "&amp;"))
    if converter is None:
        converter = md_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    html = converter.reset().convert(escaped)
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class _Format:
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    superscript: bool = False
    subscript: bool = False


class MarkdownWriter:
    """Writes Markdown into one document (its body or its table cells)."""

    def __init__(self, document: DocxDocument, numbering: Numbering, style_ids: dict[str, str]):
        self.document = document
        self.numbering = numbering
        self.style_ids = style_ids
        self.converter = md_lib.Markdown(extensions=["tables", "sane_lists"],
                                         output_format="html")

    def _paragraph(self, container: Container, style: str | None) -> Paragraph:
        return new_paragraph(container, self.style_ids.get(style, style) if style else None)

    # ---------------------------------------------------------------- blocks

    def blocks(self, container: Container, text: str | None, *, heading_level: int = 2,
               style: str | None = None) -> list[Paragraph]:
        """Write Markdown as paragraphs, lists and tables at the end of `container`.

        `heading_level` is the Word heading level of a Markdown `#` heading here.
        """
        if not text or not text.strip():
            return []
        written: list[Paragraph] = []
        self._children(container, parse(text, self.converter), heading_level, style, written, 0)
        return written

    def cell(self, cell: _Cell, text: str | None, *, style: str | None = None) -> None:
        """Fill a table cell with Markdown, without leaving its initial empty paragraph."""
        initial = cell.paragraphs[0] if len(cell.paragraphs) == 1 else None
        written = self.blocks(cell, text, heading_level=0, style=style)
        if initial is not None and written and not initial.text and not initial.runs:
            initial._p.getparent().remove(initial._p)

    def _children(self, container: Container, node: Node, level: int, style: str | None,
                  written: list[Paragraph], depth: int) -> None:
        loose: list[Node | str] = []
        for child in node.children:
            if isinstance(child, Node) and child.tag in _BLOCKS:
                self._flush(container, loose, style, written)
                self._block(container, child, level, style, written, depth)
            else:
                loose.append(child)
        self._flush(container, loose, style, written)

    def _flush(self, container: Container, loose: list[Node | str], style: str | None,
               written: list[Paragraph]) -> None:
        if any(isinstance(c, Node) or c.strip() for c in loose):
            paragraph = self._paragraph(container, style)
            self.inline(paragraph, Node("span", children=list(loose)), strip=True)
            written.append(paragraph)
        loose.clear()

    def _block(self, container: Container, node: Node, level: int, style: str | None,
               written: list[Paragraph], depth: int) -> None:
        tag = node.tag
        if tag == "p":
            paragraph = self._paragraph(container, style)
            self.inline(paragraph, node, strip=True)
            written.append(paragraph)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if level > 0:
                heading = f"Heading {min(level + int(tag[1]) - 1, 4)}"
                paragraph = self._paragraph(container, heading)
                self.inline(paragraph, node, strip=True)
            else:  # no headings inside table cells: bold text instead
                paragraph = self._paragraph(container, style)
                self.inline(paragraph, node, _Format(bold=True), strip=True)
            written.append(paragraph)
        elif tag in ("ul", "ol"):
            self._list(container, node, style, written, depth)
        elif tag == "table":
            self._table(container, node)
        elif tag == "blockquote":
            self._children(container, node, level, "Quote", written, depth)
        elif tag == "pre":
            for line in node.text().rstrip("\n").split("\n"):
                paragraph = self._paragraph(container, style)
                paragraph.paragraph_format.space_after = 0
                run = add_text_run(paragraph, line)
                run.font.name = "Courier New"
                written.append(paragraph)
        elif tag == "div":
            self._children(container, node, level, style, written, depth)
        # hr: a thematic break needs no empty paragraph; the next block follows on

    def _list(self, container: Container, node: Node, style: str | None,
              written: list[Paragraph], depth: int) -> None:
        if node.tag == "ol":
            start = int(node.attrs["start"]) if node.attrs.get("start", "").isdigit() else 1
            num_id = self.numbering.numbered(start)
        else:
            num_id = self.numbering.bullets()
        for item in node.elements():
            if item.tag != "li":
                continue
            loose: list[Node | str] = []
            first = True

            def flush(loose: list[Node | str] = loose) -> None:
                nonlocal first
                if not any(isinstance(c, Node) or c.strip() for c in loose):
                    loose.clear()
                    return
                paragraph = self._paragraph(container, "List Paragraph")
                if first:  # later paragraphs of the same item: indented, no new number
                    set_list(paragraph, num_id, depth)
                    first = False
                self.inline(paragraph, Node("span", children=list(loose)), strip=True)
                written.append(paragraph)
                loose.clear()

            for child in item.children:
                if isinstance(child, Node) and child.tag in ("ul", "ol"):
                    flush()
                    self._list(container, child, style, written, depth + 1)
                elif isinstance(child, Node) and child.tag == "p":
                    flush()
                    loose.extend(child.children)
                    flush()
                elif isinstance(child, Node) and child.tag == "table":
                    flush()
                    self._table(container, child)
                else:
                    loose.append(child)
            flush()

    def _table(self, container: Container, node: Node) -> None:
        rows: list[tuple[bool, list[Node]]] = []
        for section in node.elements():
            for row in section.elements() if section.tag in ("thead", "tbody", "tfoot") \
                    else [section]:
                if row.tag == "tr":
                    cells = [c for c in row.elements() if c.tag in ("th", "td")]
                    rows.append((section.tag == "thead", cells))
        if not rows:
            return
        columns = max(len(cells) for _, cells in rows)
        table = container.add_table(rows=len(rows), cols=columns)
        for row, (_, cells) in zip(table.rows, rows, strict=True):
            for cell, source in zip(row.cells, cells, strict=False):
                paragraph = cell.paragraphs[0]
                self.inline(paragraph, source, strip=True)
                align = source.attrs.get("align") or _style_align(source.attrs.get("style", ""))
                if align in _ALIGN:
                    paragraph.alignment = _ALIGN[align]
        style_table(table, self.style_ids["IJB Table"], header_row=rows[0][0])

    # ---------------------------------------------------------------- inline

    def inline(self, paragraph: Paragraph, node: Node, fmt: _Format | None = None, *,
               strip: bool = False) -> None:
        """Write a node's inline content as runs of `paragraph`."""
        parts: list[tuple[str, _Format, str | None]] = []
        self._collect(node, fmt or _Format(), None, parts)
        if strip:
            while parts and parts[0][0] != "\n" and not parts[0][0].strip():
                parts.pop(0)
            if parts:
                parts[0] = (parts[0][0].lstrip(), *parts[0][1:])
            while parts and parts[-1][0] != "\n" and not parts[-1][0].strip():
                parts.pop()
            if parts:
                parts[-1] = (parts[-1][0].rstrip(), *parts[-1][1:])
        hyperlink = None
        link = None
        for text, part_fmt, url in parts:
            if url != link:
                hyperlink = self._hyperlink(paragraph, url) if url else None
                link = url
            if text == "\n":
                run = paragraph.add_run()
                run.add_break(WD_BREAK.LINE)
            else:
                run = add_text_run(paragraph, _collapse(text))
            _apply(run, part_fmt)
            if hyperlink is not None:
                run._r.style = self.style_ids["Hyperlink"]
                hyperlink.append(run._r)

    def _collect(self, node: Node, fmt: _Format, url: str | None,
                 parts: list[tuple[str, _Format, str | None]]) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child:
                    parts.append((child, fmt, url))
                continue
            tag = child.tag
            if tag == "br":
                parts.append(("\n", fmt, url))
            elif tag == "img":
                alt = child.attrs.get("alt", "").strip()
                if alt:
                    parts.append((f"[Picture: {alt}]", fmt, url))
            elif tag in ("strong", "b"):
                self._collect(child, _with(fmt, bold=True), url, parts)
            elif tag in ("em", "i"):
                self._collect(child, _with(fmt, italic=True), url, parts)
            elif tag == "code":
                self._collect(child, _with(fmt, code=True), url, parts)
            elif tag == "del":
                self._collect(child, _with(fmt, strike=True), url, parts)
            elif tag == "sup":
                self._collect(child, _with(fmt, superscript=True), url, parts)
            elif tag == "sub":
                self._collect(child, _with(fmt, subscript=True), url, parts)
            elif tag == "a":
                href = child.attrs.get("href", "")
                self._collect(child, fmt, href if href.startswith(_SCHEMES) else url, parts)
            else:
                self._collect(child, fmt, url, parts)

    def _hyperlink(self, paragraph: Paragraph, url: str) -> object:
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        element = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}" w:history="1"/>')
        paragraph._p.append(element)
        return element


def _with(fmt: _Format, **changes: bool) -> _Format:
    values = {**fmt.__dict__, **changes}
    return _Format(**values)


def _apply(run: Run, fmt: _Format) -> None:
    if fmt.bold:
        run.bold = True
    if fmt.italic:
        run.italic = True
    if fmt.strike:
        run.font.strike = True
    if fmt.superscript:
        run.font.superscript = True
    if fmt.subscript:
        run.font.subscript = True
    if fmt.code:
        run.font.name = "Courier New"


def _collapse(text: str) -> str:
    # Markdown source lines are wrapped at any width: a newline inside a paragraph is a space.
    return _NEWLINE.sub(" ", text) if "\n" in text else text


def _style_align(style: str) -> str:
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() == "text-align":
            return value.strip()
    return ""


__all__ = ["MarkdownWriter", "Node", "parse"]
