"""The sample easy-read plan built for real: the web page, the Word file, and the gallery."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from factories import AS_OF, Project, run
from test_build import SAMPLE_AS_OF, copy_sample

from ijbdocs.content import read_content
from ijbdocs.model import EasyReadPlan
from ijbdocs.pictograms import catalogue

pytestmark = pytest.mark.slow

WORD = "site/easy-read/easy-read-plan.docx"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("easy-read"))
    result = run(root, "build", "--as-of", SAMPLE_AS_OF)
    assert result.code == 0, result.out + result.err
    return root


@pytest.fixture(scope="module")
def plan(sample: Path) -> EasyReadPlan:
    easy_read = read_content(sample / "content").content.easy_read
    assert easy_read is not None
    return easy_read


@pytest.fixture(scope="module")
def page(sample: Path) -> str:
    return (sample / "site" / "easy-read" / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    """The page's own content, without the navigation and table of contents."""
    return page[page.index('<article'):page.index('</article>')]


def test_page_has_a_picture_beside_every_block(page: str, plan: EasyReadPlan) -> None:
    body = article(page)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", body)
    assert headings == [s.heading for s in plan.sections] + ["Word list"]
    blocks = re.findall(
        r'<div class="ijb-er-block">\s*<img class="ijb-er-picture" src="([^"]+)" '
        r'alt="([^"]*)"[^>]*>\s*<div class="ijb-er-text">(.*?)</div>', body, re.S)
    expected = [b for s in plan.sections for b in s.blocks]
    assert len(blocks) == len(expected)
    for (src, alt, text), block in zip(blocks, expected, strict=True):
        assert alt == block.alt.replace("'", "&#39;")
        assert src == f"pictures/{block.picture}.svg"
        assert text.count("<p>") == len([ln for ln in block.text.splitlines() if ln.strip()])


def test_pictures_are_copied_and_credited(sample: Path, page: str) -> None:
    assert (sample / "site/easy-read/pictures/ferry.svg").read_bytes() == \
        catalogue().pictograms["ferry"].svg.read_bytes()
    assert 'href="https://openmoji.org/">OpenMoji</a>' in page
    assert "CC BY-SA 4.0" in page


def test_word_list_on_the_page_and_hard_words_in_bold(page: str, plan: EasyReadPlan) -> None:
    body = article(page)
    listed = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", body)
    assert listed == sorted(plan.words.items(), key=lambda item: item[0].lower())
    assert "<strong>Carers</strong> helped us write it too." in body
    assert 'href="#word-list"' in body


def test_page_style_is_large_short_and_stacks_on_phones(sample: Path, page: str) -> None:
    assert '<link rel="stylesheet" href="../assets/easy-read.css">' in page
    css = (sample / "site/assets/easy-read.css").read_text(encoding="utf-8")
    assert "font-size: max(1.1rem, 20px)" in css
    assert "line-height: 1.5" in css and "text-align: left" in css and "max-width: 60ch" in css
    assert "grid-template-columns: 8rem minmax(0, 60ch)" in css
    assert re.search(r"@media \(max-width: 600px\) \{\s*\.md-typeset \.ijb-er-block "
                     r"\{ grid-template-columns: minmax\(0, 1fr\)", css)


def test_page_is_in_the_navigation_and_links_the_word_file(sample: Path, page: str) -> None:
    home = (sample / "site/index.html").read_text(encoding="utf-8")
    nav = re.search(r'<a href="easy-read/" class="md-nav__link">(.*?)</a>', home, re.S)
    assert nav and re.sub(r"<[^>]+>|\s+", " ", nav.group(1)).strip() == "Easy read"
    size = (sample / WORD).stat().st_size
    assert f'<a href="easy-read-plan.docx">Get this plan as a Word document</a> ' \
           f'(Word, {-(-size // 1024)} KB)' in page


def test_word_file_is_two_columns_of_picture_and_text(sample: Path,
                                                      plan: EasyReadPlan) -> None:
    document = docx.Document(str(sample / WORD))
    assert len(document.tables) == len(plan.sections)
    for table, section in zip(document.tables, plan.sections, strict=True):
        assert len(table.columns) == 2
        assert len(table.rows) == len(section.blocks)
        for row, block in zip(table.rows, section.blocks, strict=True):
            # a block never splits across pages
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            picture, text = row.cells
            described = picture._tc.findall(f".//{WP}docPr")
            assert [d.get("descr") for d in described] == [block.alt]
            lines = [p.text for p in text.paragraphs]
            assert lines == [ln.strip() for ln in block.text.splitlines() if ln.strip()]


def test_word_file_type_is_arial_16pt_with_wide_spacing(sample: Path) -> None:
    document = docx.Document(str(sample / WORD))
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial"
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == 1.5
    for name in ("Title", "Heading 1"):
        assert document.styles[name].font.name == "Arial"
        assert document.styles[name].font.size >= Pt(16)
        assert document.styles[name].paragraph_format.keep_with_next
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r.font.size is None or r.font.size >= Pt(16) for r in runs)
    assert all(r.font.name in (None, "Arial") for r in runs)


def test_word_file_has_the_word_list_credit_and_fixed_dates(sample: Path,
                                                           plan: EasyReadPlan) -> None:
    document = docx.Document(str(sample / WORD))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Word list")
    for word, meaning in plan.words.items():
        assert texts[texts.index(word, start) + 1] == meaning
    assert any("OpenMoji" in t and "CC BY-SA 4.0" in t for t in texts)
    content = read_content(sample / "content").content
    assert content.plan is not None
    assert document.core_properties.created.date() == content.plan.approved
    assert document.core_properties.title == plan.title
    with zipfile.ZipFile(sample / WORD) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_libreoffice_converts_the_word_file(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(out), str(sample / WORD)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = out / "easy-read-plan.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        assert "Our plan for health and care" in text and "Word list" in text


def test_pictures_command_writes_a_gallery_anywhere(tmp_path: Path) -> None:
    result = run(tmp_path, "pictures")  # no content/ folder needed
    assert result.code == 0, result.out + result.err
    gallery = (tmp_path / "build" / "pictures.html").read_text(encoding="utf-8")
    for name in catalogue().names():
        assert f'<code class="name">{name}</code>' in gallery
    assert gallery.count('<img src="data:image/svg+xml;base64,') == len(catalogue().names())
    assert "CC BY-SA 4.0" in gallery and "https://openmoji.org/" in gallery
    out = tmp_path / "elsewhere.html"
    assert run(tmp_path, "pictures", "--out", str(out)).code == 0
    assert out.read_text(encoding="utf-8") == gallery


def test_page_passes_axe_and_stacks_on_a_phone(sample: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    url = (sample / "site/easy-read/index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox"])
        try:
            wide = browser.new_page(viewport={"width": 1280, "height": 900})
            wide.goto(url)
            results = Axe().run(wide, options={"runOnly": {"type": "tag", "values": [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
            assert results.violations_count == 0, results.generate_report()
            block = wide.locator(".ijb-er-block").first
            picture = block.locator("img").bounding_box()
            text = block.locator(".ijb-er-text").bounding_box()
            assert picture and text and picture["x"] + picture["width"] <= text["x"]
            size = wide.locator(".ijb-er-text p").first.evaluate(
                "e => parseFloat(getComputedStyle(e).fontSize)")
            assert size >= 20

            phone = browser.new_page(viewport={"width": 375, "height": 800})
            phone.goto(url)
            block = phone.locator(".ijb-er-block").first
            picture = block.locator("img").bounding_box()
            text = block.locator(".ijb-er-text").bounding_box()
            assert picture and text and picture["y"] + picture["height"] <= text["y"]
            assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        finally:
            browser.close()


def test_own_picture_file_reaches_the_page_and_the_word_file(tmp_path: Path) -> None:
    project = Project()
    block = project.easy_read["sections"][0]["blocks"][0]
    block.update(picture="images/our-boat.png", alt="Our island ferry at the pier")
    project.files["easy-read/images/our-boat.png"] = \
        catalogue().pictograms["ferry"].png.read_bytes()
    project.write(tmp_path)
    result = run(tmp_path, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 0, result.out + result.err
    page = (tmp_path / "site/easy-read/index.html").read_text(encoding="utf-8")
    assert 'src="images/our-boat.png" alt="Our island ferry at the pier"' in page
    assert (tmp_path / "site/easy-read/images/our-boat.png").is_file()
    assert "OpenMoji" not in article(page)  # no bundled picture used: nothing to credit
    document = docx.Document(str(tmp_path / WORD))
    described = document.tables[0]._tbl.findall(f".//{WP}docPr")
    assert [d.get("descr") for d in described] == ["Our island ferry at the pier"]
