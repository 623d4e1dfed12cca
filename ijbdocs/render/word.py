"""Board papers in Word: each covering report with its direction, each meeting's agenda and packs.

Wording and order come from the layout templates in templates/word/ (report.yaml,
direction.yaml, self-evaluation.yaml, agenda.yaml); the look comes from the Word reference
document (house_style.word_template, or templates/word/reference.docx). Public papers go
to the site's files; private and draft papers only to build/private/.
"""

from __future__ import annotations

import gc
import hashlib
import io
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .. import format as fmt
from ..cache import Cache, digest, files_digest, software_digest
from ..model import APPROVED_DECISIONS, Appendix, Direction, Meeting, Paper, Partnership
from ..reference import msg_proposals, national_outcomes
from .context import BuildContext
from .docx_base import (
    Numbering,
    WordBase,
    WordTemplateError,
    add_text_run,
    docx_bytes,
    new_paragraph,
    prepare_base,
    reference_file,
    set_list,
    set_properties,
    set_widths,
    style_table,
)
from .docx_compose import Pack
from .docx_layout import Layout, Layouts
from .docx_markdown import MarkdownWriter

PARTNERS = ("council", "health_board")
BOX_ROWS = {"table": ("none", "council", "health_board", "both"),
            "yes-no": ("health_board", "council", "both")}


def paper_docx_path(paper: Paper) -> str:
    """Where a paper's .docx is, relative to the site root (public papers) or build/private/."""
    return f"papers/{paper.meeting.id}/{paper.stem}.docx"


def agenda_docx_path(meeting: Meeting) -> str:
    return f"papers/{meeting.id}/agenda.docx"


def pack_docx_path(meeting: Meeting) -> str:
    return f"papers/{meeting.id}/board-pack.docx"


# Fewer documents than this to write are written in this process: starting workers costs
# more than it saves.
PARALLEL_FROM = 8
PACKS = ("pack", "full-pack")


@dataclass(frozen=True)
class Output:
    """One Word file of the build, and the key of everything it is made from."""

    kind: str  # "paper", "agenda", "pack" (public) or "full-pack" (private, for members)
    meeting: int  # index in content.meetings
    path: str  # relative to its root
    private: bool  # build/private/ rather than the site's files
    key: str
    paper: str = ""  # the paper's stem, for a paper


def render(context: BuildContext) -> None:
    """Write every paper, and each meeting's agenda and board pack(s).

    A file whose inputs are unchanged since an earlier build is linked from the build cache
    (build/cache/word/); the rest are written, in parallel worker processes when there are
    many. Papers first, then packs, which are made from the papers.
    """
    partnership = context.content.partnership
    if partnership is None:
        return
    writer = WordWriter(context, partnership)
    store = Cache(context.cache / "word" if context.cache else Path(),
                  enabled=context.cache is not None)
    inputs = writer.inputs_digest() if store.enabled else ""
    papers: list[Output] = []
    packs: list[Output] = []
    for index, meeting in enumerate(context.content.meetings):
        details = digest([inputs, writer.meeting_details(meeting)]) if store.enabled else ""
        keys = {p.stem: writer.paper_key(details, p) if store.enabled else ""
                for p in meeting.papers}
        for output in meeting_outputs(meeting, index, keys, digest([details, keys])):
            if not store.place(output.key, writer.target(output)):
                (packs if output.kind in PACKS else papers).append(output)
    for output, data in produce(writer, [papers, packs], context.jobs):
        store.put(output.key, data, writer.target(output))
    store.prune()
    context.stats["word written"] = len(papers) + len(packs)
    context.stats["word from cache"] = store.hits


def meeting_outputs(meeting: Meeting, index: int, paper_keys: dict[str, str],
                    meeting_key: str) -> list[Output]:
    """The Word files of one meeting: its papers, its agenda and its pack(s).

    A paper's file is keyed by its paper (paper_keys); the agenda and the packs, which
    show every paper, by the meeting with all its papers (meeting_key).
    """

    def output(kind: str, path: str, private: bool, paper: str = "") -> Output:
        base = paper_keys[paper] if paper else meeting_key
        key = hashlib.sha256(f"{base}\0{kind}\0{paper}".encode()).hexdigest()
        return Output(kind, index, path, private, key, paper)

    outputs = [output("paper", paper_docx_path(p), not p.is_public, p.stem)
               for p in meeting.papers]
    outputs.append(output("agenda", agenda_docx_path(meeting), False))
    outputs.append(output("pack", pack_docx_path(meeting), False))
    if any(p.visibility == "private" for p in meeting.papers):
        outputs.append(output("full-pack", full_pack_docx_path(meeting), True))
    return outputs


def full_pack_docx_path(meeting: Meeting) -> str:
    return f"papers/{meeting.id}/board-pack-full.docx"


_WORKER: WordWriter | None = None  # the writer a forked worker process inherits


def produce(writer: WordWriter, batches: list[list[Output]], jobs: int
            ) -> Iterator[tuple[Output, bytes]]:
    """Each output with its bytes, batch after batch, in order; in `jobs` forked processes
    when there are many. A batch starts once the caller has taken (and written) every
    output of the one before: packs are made from the papers' files.

    Workers are forked, so they inherit the validated content and the prepared Word base
    instead of reading them again. Results are the same bytes either way.
    """
    global _WORKER
    total = sum(len(batch) for batch in batches)
    parallel = (jobs > 1 and total >= PARALLEL_FROM
                and "fork" in multiprocessing.get_all_start_methods())
    if not parallel:
        for batch in batches:
            for output in batch:
                yield output, writer.produce(output)
        return
    _WORKER = writer
    # Keep the collector away from the objects the workers inherit: it would write to
    # each of them and so copy every page of the parent into every worker.
    gc.freeze()
    try:
        workers = min(jobs, max(len(batch) for batch in batches))
        with multiprocessing.get_context("fork").Pool(workers, _die_with_parent) as pool:
            for batch in batches:
                chunk = max(1, min(8, len(batch) // (workers * 8)))
                yield from zip(batch, pool.imap(_produce_in_worker, batch, chunksize=chunk),
                               strict=True)
    finally:
        _WORKER = None
        gc.unfreeze()


def _die_with_parent() -> None:
    """A worker whose build is killed stops too, instead of waiting for work for ever."""
    import ctypes
    import ctypes.util
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: an orphaned worker ends when the pool's pipe closes


def _produce_in_worker(output: Output) -> bytes:
    assert _WORKER is not None
    return _WORKER.produce(output)


class WordWriter:
    """Everything shared by the documents of one build: house style, layouts, names."""

    def __init__(self, context: BuildContext, partnership: Partnership):
        self.context = context
        self.partnership = partnership
        self.base: WordBase = prepare_base(context.project, partnership)
        self.layouts = Layouts(context.project)
        self.titles = {entry.ref: entry.title for entry in context.content.directions()}

    # ---------------------------------------------------------------- what a file is made of

    def inputs_digest(self) -> str:
        """What every Word file of the build is made from, besides its meeting."""
        project, partnership = self.context.project, self.partnership
        logo = partnership.house_style.brand.logo
        logos = ([(project.content / logo).with_suffix(s) for s in (".svg", ".png", ".jpg",
                                                                    ".jpeg")] if logo else [])
        return digest({
            "software": software_digest(),
            "templates": files_digest(project.template_folders),
            "reference": files_digest([reference_file(project, partnership)]),
            "logo": files_digest(logos),
            "partnership": partnership.model_dump(mode="json"),
        })

    def meeting_details(self, meeting: Meeting) -> str:
        """A meeting's own content (date, body, venue, status, agenda), not its papers."""
        return digest({"id": meeting.id, "meeting": meeting.model_dump(mode="json")})

    def paper_key(self, details: str, paper: Paper) -> str:
        """Everything a paper's Word file shows: the paper, its Markdown appendix files, its
        meeting's details (`details`), and the titles of the directions it varies or revokes.
        Its layout templates cannot reach other papers (docx_layout.WordLayoutEnvironment).
        """
        folder = self.context.project.content / "meetings" / paper.meeting.id
        refs = sorted({*paper.direction.supersedes, *paper.direction.revokes}
                      if paper.direction else set())
        return digest({
            "meeting": details,
            "stem": paper.stem,
            "paper": paper.model_dump(mode="json"),
            "appendix_files": files_digest([folder / a.file for a in paper.appendices
                                            if a.file]),
            "titles": {ref: self.titles.get(ref) for ref in refs},
        })

    def target(self, output: Output) -> Path:
        return (self.context.private if output.private else self.context.files) / output.path

    def produce(self, output: Output) -> bytes:
        """The bytes of one output (packs read their papers from where they were written)."""
        meeting = self.context.content.meetings[output.meeting]
        if output.kind == "paper":
            paper = next(p for p in meeting.papers if p.stem == output.paper)
            return docx_bytes(self.paper(paper))
        if output.kind == "agenda":
            return docx_bytes(self.agenda(meeting, full=False))
        full = output.kind == "full-pack"
        members = [p for p in meeting.papers
                   if (p.visibility != "draft" if full else p.is_public)]
        files = {p.stem: (self.context.files if p.is_public else self.context.private)
                 / paper_docx_path(p) for p in members}
        return docx_bytes(self.pack(meeting, members, files, full=full))

    def common(self, meeting: Meeting) -> dict[str, Any]:
        return {
            "partnership": self.partnership,
            "council": self.partnership.council,
            "health_board": self.partnership.health_board,
            "meeting": meeting,
        }

    # ---------------------------------------------------------------- a paper

    def paper(self, paper: Paper) -> DocxDocument:
        return PaperWriter(self, paper).write()

    # ---------------------------------------------------------------- agenda and packs

    def agenda(self, meeting: Meeting, *, full: bool, pack: bool = False) -> DocxDocument:
        layout = self.layouts["agenda"]
        document = self.base.new()
        page = Page(document, self.base)
        values = self.common(meeting)
        for index, _ in enumerate(layout.get("masthead", default=[]) or []):
            line = layout.text("masthead", index, values=values)
            if line:
                page.paragraph(line, "Subtitle")
        title = layout.text("title", values=values)
        page.paragraph(title, "Title")
        for index, _ in enumerate(layout.get("details", default=[]) or []):
            value = layout.text("details", index, "value", values=values)
            if value:
                paragraph = page.paragraph(layout.text("details", index, "label", values=values)
                                           + ": ", bold=True)
                add_text_run(paragraph, value)
        if meeting.status == "cancelled":
            page.markdown(document, layout.text("cancelled", values=values))
        page.heading(layout.text("heading", values=values), 1)
        columns = [layout.render(c, values) for c in layout.get("columns", default=[])]
        rows: list[list[str]] = []
        papers = {p.stem: p for p in meeting.papers}
        any_private = False
        for number, entry in enumerate(meeting.agenda, start=1):
            item_values = {**values, "number": number, "text": entry.item or ""}
            paper = papers.get(entry.paper or "")
            if paper is None:
                rows.append([str(number), layout.text("item", values=item_values), ""])
                continue
            item_values["paper"] = paper
            by = layout.text("report_by", values=item_values)
            if paper.visibility == "private":
                any_private = True
                key = "private_full" if full else "private"
                rows.append([str(number), layout.text(key, values=item_values), by])
            elif paper.visibility == "draft":
                key = "draft_full" if full else "draft"
                rows.append([str(number), layout.text(key, values=item_values), by if full else ""])
            else:
                rows.append([str(number), layout.text("paper", values=item_values), by])
        table = page.table(columns, rows, widths=(0.1, 0.58, 0.32))
        for row in table.rows[1:]:
            row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if any_private:
            page.markdown(document, layout.text("private_note", values=values))
        if pack:
            page.markdown(document, layout.text("pack_note", values=values))
        set_properties(
            document,
            title=title,
            subject=f"{meeting.body}, {fmt.long_date(meeting.date)}",
            author=self.partnership.name,
            day=meeting.date,
            category="Agenda",
            status="Private" if full else "Public",
            language=self.partnership.language,
        )
        return document

    def pack(self, meeting: Meeting, papers: list[Paper], saved: dict[str, Path], *,
             full: bool) -> DocxDocument:
        """The agenda, then each paper (as written to `saved`) starting on a new page."""
        joined = Pack(self.agenda(meeting, full=full, pack=True))
        for paper in papers:
            joined.append(docx.Document(io.BytesIO(saved[paper.stem].read_bytes())))
        pack = joined.finish()
        set_properties(
            pack,
            title=f"{meeting.body}, {fmt.long_date(meeting.date)}: "
                  f"{'full board pack' if full else 'board pack'}",
            subject=f"Agenda and reports for the {meeting.body} on {fmt.long_date(meeting.date)}",
            author=self.partnership.name,
            day=meeting.date,
            category="Board pack",
            status="Private" if full else "Public",
            language=self.partnership.language,
        )
        return pack


class Page:
    """Small helpers for writing one document of the build."""

    def __init__(self, document: DocxDocument, base: WordBase):
        self.document = document
        self.style_ids = base.style_ids
        self.text_width = base.text_width
        self.numbering = Numbering(document)
        self.md = MarkdownWriter(document, self.numbering, base.style_ids)

    def paragraph(self, text: str, style: str | None = None, *, bold: bool = False,
                  container: DocxDocument | _Cell | None = None) -> Paragraph:
        target = container if container is not None else self.document
        paragraph = new_paragraph(target, self.style_ids[style] if style else None)
        if text:
            run = add_text_run(paragraph, text)
            if bold:
                run.bold = True
        return paragraph

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.paragraph(text, f"Heading {level}")
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def markdown(self, container: DocxDocument | _Cell, text: str | None, *,
                 level: int = 2, style: str | None = None) -> list[Paragraph]:
        return self.md.blocks(container, text, heading_level=level, style=style)

    def table(self, columns: list[str], rows: list[list[str]], *, header: bool = True,
              first_column: bool = False, widths: tuple[float, ...] = ()) -> Table:
        """A table of plain text; with `header`, `columns` is its marked header row."""
        count = len(columns) if header else max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows) + (1 if header else 0), cols=count)
        all_rows = [columns, *rows] if header else rows
        for row, values in zip(table.rows, all_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                if value:
                    add_text_run(cell.paragraphs[0], value)
        style_table(table, self.style_ids["IJB Table"], header_row=header,
                    first_column=first_column)
        if widths:
            set_widths(table, self.text_width, widths)
        return table

    def bullets(self, items: list[str], *, markdown: bool = False) -> None:
        num_id = self.numbering.bullets()
        for item in items:
            if markdown:
                written = self.markdown(self.document, item, style="List Paragraph")
                if written:
                    set_list(written[0], num_id, 0)
            else:
                set_list(self.paragraph(item, "List Paragraph"), num_id, 0)


class PaperWriter:
    """One covering report, block by block, as report.yaml lays it out."""

    def __init__(self, writer: WordWriter, paper: Paper):
        self.writer = writer
        self.paper = paper
        self.meeting = paper.meeting
        self.partnership = writer.partnership
        self.document = writer.base.new()
        self.page = Page(self.document, writer.base)
        self.layout: Layout = writer.layouts["report"]
        # Content appendices keep the numbers their authors use in the text; the direction
        # comes after them.
        self.appendices: list[Appendix] = list(paper.appendices)
        self.direction_number = len(self.appendices) + 1 if paper.direction else None
        self.values = {
            **writer.common(self.meeting),
            "paper": paper,
            "item": self.meeting.item_number(paper),
            "contact": paper.contact,
            "direction": paper.direction,
            "direction_appendix": self.direction_number,
        }

    def write(self) -> DocxDocument:
        blocks = self.layout.get("blocks", default=[])
        if not isinstance(blocks, list):
            raise WordTemplateError(f"{self.layout.filename}: `blocks` must be a list")
        names = [b.get("block") if isinstance(b, dict) else None for b in blocks]
        if "direction_required" not in names:
            raise WordTemplateError(
                f"{self.layout.filename}: the direction_required block is missing; every "
                "covering report must say whether a direction is required (guidance 7.5)"
            )
        for index, block in enumerate(blocks):
            name = names[index]
            handler = getattr(self, f"block_{name}", None) if isinstance(name, str) else None
            if handler is None:
                raise WordTemplateError(
                    f"{self.layout.filename}: blocks[{index}]: unknown block {name!r}; the "
                    f"blocks are {', '.join(sorted(_BLOCK_NAMES))}"
                )
            handler(block, index)
        self.write_appendices()
        paper, meeting = self.paper, self.meeting
        item = meeting.item_number(paper)
        required = self.partnership.partner_name(paper.direction_required)
        keywords = [f"Direction required: {required}"]
        if paper.direction:
            keywords.append(paper.direction.ref)
        set_properties(
            self.document,
            title=paper.title,
            subject=f"{meeting.body}, {fmt.long_date(meeting.date)}"
                    + (f", agenda item {item}" if item else ""),
            author=paper.report_by.name,
            organisation=self.partnership.name,
            day=meeting.date,
            category="Board paper",
            status={"public": "Public", "private": "Private", "draft": "Draft"}[paper.visibility],
            keywords="; ".join(keywords),
            language=self.partnership.language,
        )
        return self.document

    # ---------------------------------------------------------------- helpers

    def text(self, block: dict[str, Any], key: str, **extra: Any) -> str:
        source = block.get(key)
        if source is None:
            return ""
        return self.layout.render(source, {**self.values, **extra}, f"{block.get('block')}.{key}")

    def heading(self, block: dict[str, Any], level: int = 1) -> None:
        text = self.text(block, "heading")
        if text:
            self.page.heading(text, level)

    def prose(self, block: dict[str, Any], value: str | None) -> None:
        if value and value.strip():
            self.heading(block)
            self.page.markdown(self.document, value)

    # ---------------------------------------------------------------- blocks

    def block_masthead(self, block: dict[str, Any], index: int) -> None:
        for line in block.get("lines") or []:
            text = self.layout.render(line, self.values, "masthead.lines")
            if text:
                self.page.paragraph(text, "Subtitle")

    def block_title(self, block: dict[str, Any], index: int) -> None:
        self.page.paragraph(self.text(block, "text") or self.paper.title, "Title")

    def block_notice(self, block: dict[str, Any], index: int) -> None:
        if self.paper.visibility in ("private", "draft"):
            self.page.markdown(self.document, self.text(block, self.paper.visibility))

    def block_purpose(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.paper.purpose)

    def block_recommendations(self, block: dict[str, Any], index: int) -> None:
        self.heading(block)
        num_id = self.page.numbering.numbered()
        for recommendation in self.paper.recommendations:
            written = self.page.markdown(self.document, recommendation, style="List Paragraph")
            if written:
                set_list(written[0], num_id, 0)

    def block_glossary(self, block: dict[str, Any], index: int) -> None:
        if not self.paper.glossary:
            return
        self.heading(block)
        columns = [self.layout.render(c, self.values) for c in block.get("columns") or []]
        self.page.table(columns, [[term, meaning] for term, meaning in
                                  self.paper.glossary.items()], widths=(0.3, 0.7))

    def block_summary(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.paper.summary)

    def block_sections(self, block: dict[str, Any], index: int) -> None:
        for section in self.paper.sections:
            self.page.heading(section.heading, 1)
            self.page.markdown(self.document, section.body)

    def block_anticipated_outcomes(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.paper.anticipated_outcomes)

    def block_measuring_impact(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.paper.measuring_impact)

    def block_consultation(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.paper.consultation)

    def block_conclusion(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.paper.conclusion)

    def block_implications(self, block: dict[str, Any], index: int) -> None:
        implications = self.paper.implications
        if not implications:
            return
        order = [k for k in self.partnership.house_style.implications if k in implications]
        order += [k for k in implications if k not in order]
        labels = block.get("labels") or {}
        self.heading(block)
        columns = [self.layout.render(c, self.values) for c in block.get("columns") or []]
        table = self.page.table(columns, [[self.layout.render(labels[k], self.values)
                                           if k in labels else _words(k), ""] for k in order],
                                widths=(0.3, 0.7))
        for row, key in zip(table.rows[1:], order, strict=True):
            self.page.md.cell(row.cells[1], implications[key] or "None")

    def _box(self, block: dict[str, Any], choice: str) -> None:
        style = self.partnership.house_style.direction_box
        section = block.get(style) or {}
        values = self.values
        where = f"{block.get('block')}.{style}"
        if style == "yes-no" and section.get("question"):
            self.page.paragraph(self.layout.render(section["question"], values, where))
        columns = [self.layout.render(c, values, where) for c in section.get("columns") or []]
        rows_text = section.get("rows") or {}
        rows: list[list[str]] = []
        for key in BOX_ROWS[style]:
            label = self.layout.render(rows_text.get(key, _words(key)), values, where)
            if style == "table":
                mark = self.layout.render(section.get("mark", "X"), values, where)
                rows.append([label, mark if key == choice else ""])
            else:
                answer = "yes" if key == choice else "no"
                rows.append([label, self.layout.render(section.get(answer, answer.title()),
                                                       values, where)])
        table = self.page.table(columns or ["", ""], rows, widths=(0.75, 0.25))
        for row in table.rows[1:]:
            row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def block_direction_required(self, block: dict[str, Any], index: int) -> None:
        self.heading(block)
        intro = self.text(block, "intro")
        if intro:
            self.page.markdown(self.document, intro)
        self._box(block, self.paper.direction_required)

    def block_escalation_required(self, block: dict[str, Any], index: int) -> None:
        if self.paper.escalation_required is None:
            return
        self.heading(block)
        self._box(block, self.paper.escalation_required)

    def block_report_by(self, block: dict[str, Any], index: int) -> None:
        self.prose(block, self.text(block, "text"))

    def block_contact(self, block: dict[str, Any], index: int) -> None:
        if self.paper.contact is not None:
            self.prose(block, self.text(block, "text"))

    def block_appendices(self, block: dict[str, Any], index: int) -> None:
        entries: list[str] = []
        for number, appendix in enumerate(self.appendices, start=1):
            separate = appendix.file and not appendix.file.lower().endswith(".md")
            entries.append(self.text(block, "separate" if separate else "item", number=number,
                                     title=appendix.title, file=Path(appendix.file or "").name))
        if self.paper.direction and self.direction_number:
            title = self.text(block, "direction", title=self._direction_title())
            entries.append(self.text(block, "item", number=self.direction_number, title=title))
        if entries:
            self.heading(block)
            for entry in entries:
                self.page.paragraph(entry)

    # ---------------------------------------------------------------- appendices

    def write_appendices(self) -> None:
        for number, appendix in enumerate(self.appendices, start=1):
            if appendix.self_evaluation is not None:
                SelfEvaluationWriter(self, appendix, number).write()
            elif appendix.file and appendix.file.lower().endswith(".md"):
                self._markdown_appendix(appendix, number)
        if self.paper.direction is not None and self.direction_number:
            DirectionWriter(self, self.paper.direction, self.direction_number).write()

    def _markdown_appendix(self, appendix: Appendix, number: int) -> None:
        content = self.writer.context.project.content
        path = (self.paper_folder() / (appendix.file or "")).resolve()
        if not path.is_file() or not path.is_relative_to(content.resolve()):
            return  # a check reports it; the list of appendices still names it
        heading = self.layout.text("appendix_heading", values={
            **self.values, "number": number, "title": appendix.title})
        self.page.heading(heading, 1, new_page=True)
        self.page.markdown(self.document, path.read_text(encoding="utf-8"), level=2)

    def paper_folder(self) -> Path:
        return self.writer.context.project.content / "meetings" / self.meeting.id

    def _direction_title(self) -> str:
        assert self.paper.direction is not None
        return self.paper.direction.title or self.paper.title


class DirectionWriter:
    """The direction in the standard format (directions guidance 2.5, 3.9, 4.1–4.8, 5.2)."""

    def __init__(self, paper_writer: PaperWriter, direction: Direction, number: int):
        self.pw = paper_writer
        self.page = paper_writer.page
        self.document = paper_writer.document
        self.direction = direction
        self.layout = paper_writer.writer.layouts["direction"]
        partnership = paper_writer.partnership
        partners = PARTNERS if direction.to == "both" else (direction.to,)
        self.values = {
            **paper_writer.values,
            "direction": direction,
            "number": number,
            "title": direction.title or paper_writer.paper.title,
            "approved": paper_writer.paper.decision in APPROVED_DECISIONS,
            "partners": [getattr(partnership, p) for p in partners],
            "to_names": partnership.partner_name(direction.to),
        }

    def text(self, *keys: str | int, **extra: Any) -> str:
        return self.layout.text(*keys, values={**self.values, **extra})

    def write(self) -> None:
        self.page.heading(self.text("heading"), 1, new_page=True)
        for index, _ in enumerate(self.layout.get("address", default=[]) or []):
            line = self.text("address", index)
            if line:
                self.page.markdown(self.document, line)
        facts = self.layout.get("facts", default=[]) or []
        rows = [[self.text("facts", i, "label"), self.text("facts", i, "value")]
                for i in range(len(facts))]
        if rows:
            self.page.table([], rows, header=False, first_column=True, widths=(0.35, 0.65))
        for name in self.layout.get("order", default=[]) or []:
            handler = getattr(self, f"section_{name}", None)
            if handler is None:
                raise WordTemplateError(f"{self.layout.filename}: order: unknown section {name!r}")
            handler()

    def heading(self, name: str) -> None:
        text = self.text("sections", name, "heading")
        if text:
            self.page.heading(text, 2)

    def section_functions(self) -> None:
        self.heading("functions")
        names = self.pw.partnership.function_names
        self.page.bullets([names.get(f, f) for f in self.direction.functions])

    def section_purpose(self) -> None:
        self.heading("purpose")
        self.page.markdown(self.document, self.direction.purpose or self.pw.paper.purpose)

    def section_delivery(self) -> None:
        self.heading("delivery")
        self.page.markdown(self.document, self.direction.delivery)

    def section_impacted(self) -> None:
        self.heading("impacted")
        words = self.layout.get("sections", "impacted", "words", default={}) or {}
        if self.direction.impacted:
            self.page.bullets([self.layout.render(words[i], self.values) if i in words
                               else _words(i) for i in self.direction.impacted])
        else:
            self.page.paragraph(self.text("sections", "impacted", "none"))

    def section_budget(self) -> None:
        budget = self.direction.budget
        self.heading("budget")
        intro = self.text("sections", "budget", "intro")
        if intro:
            self.page.markdown(self.document, intro)
        kinds = self.layout.get("sections", "budget", "kinds", default={}) or {}
        columns = [self.layout.render(c, self.values)
                   for c in self.layout.get("sections", "budget", "columns", default=[]) or []]
        rows = [[line.description, self.layout.render(kinds.get(line.kind, _words(line.kind)),
                                                      self.values), fmt.money(line.amount)]
                for line in budget.lines]
        rows.append([self.text("sections", "budget", "total"), "", fmt.money(budget.total)])
        table = self.page.table(columns, rows, widths=(0.5, 0.25, 0.25))
        for row in table.rows:
            row.cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for cell in table.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
        if budget.note:
            self.page.markdown(self.document, budget.note)

    def section_timescales(self) -> None:
        self.heading("timescales")
        timescales = self.direction.timescales
        if timescales is None or not (timescales.start or timescales.end or timescales.milestones):
            self.page.paragraph(self.text("sections", "timescales", "none"))
            return
        period = self.text("sections", "timescales", "period")
        if period:
            self.page.markdown(self.document, period)
        if timescales.milestones:
            columns = [self.layout.render(c, self.values) for c in
                       self.layout.get("sections", "timescales", "columns", default=[]) or []]
            table = self.page.table(columns, [[fmt.long_date(m.date), ""]
                                              for m in timescales.milestones], widths=(0.3, 0.7))
            for row, milestone in zip(table.rows[1:], timescales.milestones, strict=True):
                self.page.md.cell(row.cells[1], milestone.description)

    def section_performance(self) -> None:
        self.heading("performance")
        if self.direction.performance:
            self.page.bullets(self.direction.performance, markdown=True)
        else:
            self.page.paragraph(self.text("sections", "performance", "none"))

    def section_national_outcomes(self) -> None:
        self.heading("national_outcomes")
        outcomes = national_outcomes()
        chosen = [outcomes[n] for n in self.direction.national_outcomes if n in outcomes]
        if chosen:
            self.page.bullets([self.text("sections", "national_outcomes", "item", outcome=o)
                               for o in chosen])
        else:
            self.page.paragraph(self.text("sections", "national_outcomes", "none") or "None.")

    def section_supersedes(self) -> None:
        self.heading("supersedes")
        titles = self.pw.writer.titles
        lines = [self.text("sections", "supersedes", kind, ref=ref, title=titles.get(ref, ""))
                 for kind in ("supersedes", "revokes")
                 for ref in getattr(self.direction, kind)]
        if lines:
            self.page.bullets(lines)
        else:
            self.page.paragraph(self.text("sections", "supersedes", "none"))

    def section_issued_by(self) -> None:
        self.heading("issued_by")
        self.page.markdown(self.document, self.text("sections", "issued_by", "text"))

    def section_copy_to(self) -> None:
        self.heading("copy_to")
        lines = [self.text("sections", "copy_to", key) for key in ("chair", "leader",
                                                                    "board_chair")]
        self.page.bullets([line for line in lines if line])


class SelfEvaluationWriter:
    """An MSG self-evaluation: the summary of ratings, then evidence and actions."""

    def __init__(self, paper_writer: PaperWriter, appendix: Appendix, number: int):
        assert appendix.self_evaluation is not None
        self.page = paper_writer.page
        self.document = paper_writer.document
        self.evaluation = appendix.self_evaluation
        self.layout = paper_writer.writer.layouts["self-evaluation"]
        self.values = {**paper_writer.values, "appendix": appendix,
                       "evaluation": self.evaluation, "number": number}

    def text(self, *keys: str | int, **extra: Any) -> str:
        return self.layout.text(*keys, values={**self.values, **extra})

    def write(self) -> None:
        proposals = msg_proposals()
        ratings = {r.proposal: r for r in self.evaluation.ratings}
        order = ("not_yet_established", "partly_established", "established", "exemplary")
        self.page.heading(self.text("heading"), 1, new_page=True)
        self.page.markdown(self.document, self.text("intro"))
        self.page.heading(self.text("summary", "heading"), 2)
        columns = [self.layout.render(c, self.values)
                   for c in self.layout.get("summary", "columns", default=[]) or []]
        features: dict[int, list[str]] = {}
        for proposal in proposals.values():
            features.setdefault(proposal.feature, []).append(proposal.id)
        rows: list[list[str]] = []
        merged: list[tuple[int, str]] = []  # (row index, kind)
        tick = self.text("summary", "tick")
        for feature, ids in features.items():
            first = proposals[ids[0]]
            feature_values = {"feature": {"number": feature, "title": first.feature_title}}
            rows.append([self.text("summary", "feature", **feature_values), "", "", "", ""])
            merged.append((len(rows), "feature"))
            for proposal_id in ids:
                proposal = proposals[proposal_id]
                label = self.text("summary", "proposal", proposal=proposal)
                rating = ratings.get(proposal_id)
                if rating is None:
                    rows.append([label, self.text("summary", "not_rated"), "", "", ""])
                    merged.append((len(rows), "unrated"))
                else:
                    rows.append([label, *(tick if rating.rating == r else "" for r in order)])
        table = self.page.table(columns, rows, widths=(0.36, 0.16, 0.16, 0.16, 0.16))
        for row in table.rows[1:]:
            for cell in row.cells[1:]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, kind in merged:
            row = table.rows[index]
            if kind == "feature":
                cell = row.cells[0].merge(row.cells[4])
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            else:
                row.cells[1].merge(row.cells[4])

        self.page.heading(self.text("details", "heading"), 2)
        words = self.layout.get("ratings", default={}) or {}
        shown_feature = None
        for proposal_id, proposal in proposals.items():
            rating = ratings.get(proposal_id)
            if rating is None:
                continue
            if proposal.feature != shown_feature:
                shown_feature = proposal.feature
                self.page.heading(self.text("details", "feature", feature={
                    "number": proposal.feature, "title": proposal.feature_title}), 3)
            self.page.heading(self.text("details", "proposal", proposal=proposal), 4)
            rating_words = self.layout.render(words.get(rating.rating, _words(rating.rating)),
                                              self.values)
            self.page.paragraph(self.text("details", "rating", rating=rating_words,
                                          proposal=proposal), bold=True)
            timescale = self.text("details", "timescale", proposal=proposal)
            if timescale:
                self.page.paragraph(timescale)
            if rating.evidence:
                self.page.paragraph(self.text("details", "evidence"), bold=True)
                self.page.markdown(self.document, rating.evidence, level=5)
            self.page.paragraph(self.text("details", "actions"), bold=True)
            if rating.actions:
                self.page.bullets(rating.actions, markdown=True)
            else:
                self.page.paragraph(self.text("details", "no_actions"))


_BLOCK_NAMES = {name[len("block_"):] for name in dir(PaperWriter) if name.startswith("block_")}


def _words(key: str) -> str:
    return key.replace("_", " ").replace("-", " ").capitalize()


__all__ = ["agenda_docx_path", "full_pack_docx_path", "pack_docx_path", "paper_docx_path",
           "render"]
