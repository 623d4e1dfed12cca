"""End to end: the sample partnership's papers, agendas and packs in Word, read back with
python-docx and converted by LibreOffice; private and draft papers never reach site/."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from factories import run
from test_build import SAMPLE_AS_OF, copy_sample

from ijbdocs import format as fmt
from ijbdocs.content import read_content
from ijbdocs.model import APPROVED_DECISIONS, Content, Paper
from ijbdocs.project import DEFAULTS
from ijbdocs.render.word import paper_docx_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("word"))
    result = run(root, "build", "--as-of", SAMPLE_AS_OF)
    assert result.code == 0, result.out + result.err
    return root


@pytest.fixture(scope="module")
def content(sample: Path) -> Content:
    read = read_content(sample / "content")
    assert read.content is not None
    return read.content


def paper_file(root: Path, paper: Paper) -> Path:
    folder = root / "site" if paper.is_public else root / "build" / "private"
    return folder / paper_docx_path(paper)


def texts(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def heading_order() -> list[str]:
    """The report's fixed headings, in the order report.yaml gives them."""
    layout = yaml.safe_load((DEFAULTS / "templates" / "word" / "report.yaml").read_text("utf-8"))
    return [b["heading"] for b in layout["blocks"] if "heading" in b]


def test_every_sample_paper_reads_back_with_its_sections_and_values(
    sample: Path, content: Content
) -> None:
    papers = list(content.papers())
    assert {p.visibility for p in papers} == {"public", "private", "draft"}
    partnership = content.partnership
    assert partnership is not None
    order = heading_order()
    for paper in papers:
        document = docx.Document(str(paper_file(sample, paper)))
        lines = texts(document)
        assert document.core_properties.title == paper.title
        assert lines[lines.index(paper.title)] and document.paragraphs[
            lines.index(paper.title)].style.name == "Title"
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        fixed = [h for h in headings if h in order]
        assert fixed == sorted(fixed, key=order.index), (paper.stem, fixed)
        for required in ("Purpose", "Recommendations", "Executive summary", "Implications",
                         "Direction required to council, health board or both", "Report by"):
            assert required in headings, (paper.stem, required)
        for section in paper.sections:
            assert section.heading in headings
        # the direction box: the four rows with the real names, an X in exactly one
        # (the report's own box comes first: an appendix may show the template's box too)
        direction_box = next(t for t in document.tables
                             if t.rows[0].cells[0].text == "Direction to")
        rows = [[c.text for c in row.cells] for row in direction_box.rows[1:]]
        assert [r[0] for r in rows][1:] == [
            f"2. {partnership.council.name}", f"3. {partnership.health_board.name}",
            f"4. {partnership.council.name} and {partnership.health_board.name}"]
        marked = [r[0] for r in rows if r[1] == "X"]
        assert len(marked) == 1 and [r[1] for r in rows].count("") == 3
        chosen = ("none", "council", "health_board", "both").index(paper.direction_required)
        assert marked[0] == rows[chosen][0]
        # the direction appendix, present exactly when a direction is required
        appendix = [line for line in lines if line.startswith("Appendix ")
                    and ": Direction " in line and document.paragraphs[
                        lines.index(line)].style.name == "Heading 1"]
        if paper.direction is None:
            assert appendix == [], paper.stem
            continue
        direction = paper.direction
        assert appendix == [f"Appendix {len(paper.appendices) + 1}: Direction {direction.ref}"]
        facts = {row.cells[0].text: row.cells[1].text for t in document.tables
                 for row in t.rows if len(row.cells) == 2}
        assert facts["Reference number"] == direction.ref
        assert facts["Direction to"] == partnership.partner_name(direction.to)
        decided = "Approved by" if paper.decision in APPROVED_DECISIONS else "For decision by"
        assert facts["Date of the IJB decision"] == (
            f"{decided} the {paper.meeting.body} on {fmt.long_date(paper.meeting.date)}")
        (budget,) = [t for t in document.tables if t.rows[0].cells[0].text == "Description"]
        assert [c.text for c in budget.rows[-1].cells] == [
            "Total", "", fmt.money(direction.budget.total)]
        for line in direction.budget.lines:
            assert fmt.money(line.amount) in [r.cells[2].text for r in budget.rows]
        names = partnership.function_names
        for function in direction.functions:
            assert names[function] in lines


def test_markdown_becomes_word_lists_and_tables_never_raw(sample: Path, content: Content
                                                           ) -> None:
    tables_seen = lists_seen = 0
    for paper in content.papers():
        document = docx.Document(str(paper_file(sample, paper)))
        every = texts(document) + [c.text for t in document.tables for r in t.rows
                                   for c in r.cells]
        assert not [line for line in every if "**" in line or "|" in line], paper.stem
        assert not [p for p in document.paragraphs if not p.text.strip()], paper.stem
        lists_seen += sum(1 for p in document.paragraphs
                          if p._p.pPr is not None and p._p.pPr.numPr is not None)
        for table in document.tables:
            if table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "1":
                assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
                tables_seen += 1
    assert lists_seen > 50 and tables_seen > 50
    # the care at home paper's cost table, written in Markdown, is a real table
    care = next(p for p in content.papers() if p.stem == "05-care-at-home-remobilisation")
    document = docx.Document(str(paper_file(sample, care)))
    (costs,) = [t for t in document.tables if t.rows[0].cells[0].text == "Element"]
    assert [c.text for c in costs.rows[-1].cells] == ["Total", "£2,350,000"]
    assert all(r.bold for r in costs.rows[-1].cells[1].paragraphs[0].runs)


def test_self_evaluation_appendix_has_one_tick_per_rated_proposal(sample: Path,
                                                                   content: Content) -> None:
    paper = next(p for p in content.papers() if p.stem == "05-msg-self-evaluation")
    (appendix,) = paper.appendices
    assert appendix.self_evaluation is not None
    ratings = {r.proposal: r.rating for r in appendix.self_evaluation.ratings}
    document = docx.Document(str(paper_file(sample, paper)))
    (summary,) = [t for t in document.tables if t.rows[0].cells[0].text == "Proposal"]
    order = ["not_yet_established", "partly_established", "established", "exemplary"]
    seen: dict[str, str] = {}
    for row in summary.rows[1:]:
        cells = [c.text for c in row.cells]
        proposal = cells[0].split(" ")[0]
        if proposal in ratings:
            assert cells[1:].count("✓") == 1, cells
            seen[proposal] = order[cells[1:].index("✓")]
    assert seen == ratings
    lines = texts(document)
    assert "Proposal 1.1: All leadership development will be focused on shared and " \
           "collaborative practice." in lines
    assert "Rating: Established" in lines and "Improvement actions" in lines


def test_private_and_draft_papers_never_reach_the_site(sample: Path, content: Content) -> None:
    site_files = {p.relative_to(sample / "site").as_posix()
                  for p in (sample / "site").rglob("*.docx")}
    for paper in content.papers():
        rel = paper_docx_path(paper)
        if paper.is_public:
            assert rel in site_files
            assert not (sample / "build" / "private" / rel).exists()
        else:
            assert rel not in site_files
            assert (sample / "build" / "private" / rel).is_file()
    for meeting in content.meetings:
        assert f"papers/{meeting.id}/agenda.docx" in site_files
        assert f"papers/{meeting.id}/board-pack.docx" in site_files
    hidden = [p for p in content.papers() if not p.is_public]
    for rel in site_files:
        document = docx.Document(str(sample / "site" / rel))
        text = "\n".join(texts(document) + [c.text for t in document.tables for r in t.rows
                                            for c in r.cells])
        for paper in hidden:
            assert paper.title not in text, (rel, paper.stem)
    private = next(p for p in hidden if p.visibility == "private")
    agenda = docx.Document(str(sample / "site" / "papers" / private.meeting.id / "agenda.docx"))
    cells = [c.text for t in agenda.tables for r in t.rows for c in r.cells]
    assert f"Private item (exempt: {private.exempt_reason})" in cells
    full = sample / "build" / "private" / "papers" / private.meeting.id / "board-pack-full.docx"
    assert private.title in texts(docx.Document(str(full)))
    draft = next(p for p in hidden if p.visibility == "draft")
    agenda = docx.Document(str(sample / "site" / "papers" / draft.meeting.id / "agenda.docx"))
    assert "Report to follow" in [c.text for t in agenda.tables for r in t.rows for c in r.cells]


def test_board_pack_has_the_agenda_then_each_public_paper_on_a_new_page(
    sample: Path, content: Content
) -> None:
    meeting = next(m for m in content.meetings if m.id == "2020-09-17")
    pack = docx.Document(str(sample / "site" / "papers" / meeting.id / "board-pack.docx"))
    titles = [p for p in pack.paragraphs if p.style.name == "Title"]
    assert [t.text for t in titles] == [f"{meeting.body}: agenda",
                                        *(p.title for p in meeting.papers)]
    # each paper starts with its masthead, on a new page
    starts = [p for p in pack.paragraphs if p.paragraph_format.page_break_before
              and p.style.name == "Subtitle"]
    assert len(starts) == len(meeting.papers)
    assert pack.core_properties.created == dt.datetime(2020, 9, 17, tzinfo=dt.UTC)


def test_board_pack_keeps_each_papers_lists_and_links(sample: Path, content: Content
                                                    ) -> None:
    """Joined papers keep their own list numbering, and their hyperlinks still resolve."""
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for meeting in content.meetings:
        public = [p for p in meeting.papers if p.is_public]
        if not public:
            continue
        pack = docx.Document(str(sample / "site" / "papers" / meeting.id / "board-pack.docx"))
        numbering = pack.part.numbering_part.element
        defined = {n.get(qn("w:numId")) for n in numbering.findall(qn("w:num"))}
        abstracts = {a.get(qn("w:abstractNumId")) for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            assert num.find(qn("w:abstractNumId")).get(qn("w:val")) in abstracts
        used = [n.get(qn("w:val")) for n in pack.element.body.iter(qn("w:numId"))]
        assert set(used) <= defined, meeting.id
        links = [h.get(r_id) for h in pack.element.body.iter(qn("w:hyperlink"))]
        assert all(pack.part.rels[link].is_external for link in links)
        pack_targets = sorted(pack.part.rels[link].target_ref for link in links)
        paper_targets: list[str] = []
        paper_lists = 0
        for paper in public:
            document = docx.Document(str(paper_file(sample, paper)))
            paper_targets += [document.part.rels[h.get(r_id)].target_ref
                              for h in document.element.body.iter(qn("w:hyperlink"))]
            paper_lists += len({n.get(qn("w:val"))
                                for n in document.element.body.iter(qn("w:numId"))})
        assert pack_targets == sorted(paper_targets), meeting.id
        # no two papers share a list: the pack has at least as many lists as its papers
        assert len(set(used)) >= paper_lists, meeting.id


def test_board_pack_reads_back_through_libreoffice_with_lists_restarting(
        sample: Path, content: Content, tmp_path: Path) -> None:
    meeting = next(m for m in content.meetings if m.id == "2020-09-17")
    pack = sample / "site" / "papers" / meeting.id / "board-pack.docx"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(pack)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "board-pack.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    flat = [" ".join(page.split()) for page in pages]  # titles wrap across lines
    for paper in meeting.papers:
        assert any(" ".join(paper.title.split()) in page for page in flat), paper.title
    # each paper's recommendations are numbered from 1 again, under its own heading
    recommendations = [page for page in pages if "Recommendations" in page]
    assert len(recommendations) >= len(meeting.papers)
    for page in recommendations:
        after = page.split("Recommendations", 1)[1]
        first_item = next(line.strip() for line in after.splitlines() if line.strip())
        assert first_item.startswith("1."), first_item


def test_same_content_builds_byte_identical_word_files(sample: Path, tmp_path: Path) -> None:
    again = copy_sample(tmp_path / "again")
    assert run(again, "build", "--as-of", SAMPLE_AS_OF).code == 0
    for folder in ("site", "build/private"):
        first = sorted((sample / folder / "papers").rglob("*.docx"))
        assert first
        for path in first:
            twin = again / folder / path.relative_to(sample / folder)
            assert path.read_bytes() == twin.read_bytes(), path


def test_libreoffice_opens_every_document(sample: Path, content: Content, tmp_path: Path
                                          ) -> None:
    documents = sorted((sample / "site").rglob("*.docx")) + sorted(
        (sample / "build" / "private").rglob("*.docx"))
    # Several documents share a name (agenda.docx in every meeting): convert flat copies.
    flat = tmp_path / "docx"
    flat.mkdir()
    names = []
    for path in documents:
        name = "__".join(path.relative_to(sample).parts)
        shutil.copy(path, flat / name)
        names.append(name)
    out = tmp_path / "pdf"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *names],
        cwd=flat, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in names:
        pdf = out / (Path(name).stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, (name, result.stdout[-500:])
    paper = next(p for p in content.papers() if p.stem == "06-unscheduled-care-set-aside")
    pdf = out / ("__".join(paper_file(sample, paper).relative_to(sample).parts)
                 .removesuffix(".docx") + ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Direction required to council, health board or both" in text
    assert "Appendix 1: Direction NAIJB-2021-004" in text
    assert "sections 26 to 28 of the Public Bodies (Joint Working)" in text
    assert "£6,480,000" in text
    # the first page as a picture, for a person to look at (kept in the test's tmp folder)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20000
