"""The sample's directions log on the site: log page, direction pages, summary, open data,
in a real browser with axe-core; the board's log review paper built to Word; `ijbdocs log`."""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from factories import run
from playwright.sync_api import sync_playwright

from ijbdocs.content import read_content
from ijbdocs.log import PRIVATE_TITLE, directions_log

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-23"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def copy_sample(target: Path) -> Path:
    shutil.copytree(REPO / "content", target / "content")
    return target


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with the log review paper for its next meeting, built once."""
    root = copy_sample(tmp_path_factory.mktemp("log-sample"))
    review = run(root, "log-review", "content/meetings/2027-01-21", "--as-of", AS_OF)
    assert review.code == 0, review.out
    result = run(root, "build", "--as-of", AS_OF)
    assert result.code == 0, result.out + result.err
    return root


def page(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def published(root: Path):  # type: ignore[no-untyped-def]
    content = read_content(root / "content").content
    return content, directions_log(content, dt.date.fromisoformat(AS_OF))


def test_log_page_is_a_plain_accessible_table_with_open_data_links(sample: Path) -> None:
    content, log = published(sample)
    markup = page(sample, "directions/index.html")
    assert re.search(r"<caption[^>]*>Directions as of 23 November 2026 \(16 in all\)", markup)
    assert markup.count('<th scope="col"') >= 10
    for row in log.public().rows:
        assert f'id="{row.ref}"' in markup
        assert f'<th scope="row" data-sort="{row.ref}"><a href="{row.ref}/">' in markup
    draft = [p for p in content.papers() if p.visibility == "draft" and p.direction]
    for paper in draft:
        assert paper.direction and paper.direction.ref not in markup
    text = text_of(markup)
    assert "Issued (in force)" in text and "Superseded" in text  # status in words
    for suffix in ("csv", "json", "xlsx"):
        assert f'href="../data/directions.{suffix}"' in markup
        assert (sample / "site" / "data" / f"directions.{suffix}").is_file()
    assert (sample / "site" / "data" / "directions.schema.json").is_file()
    assert '<script src="../assets/ijbdocs-log.js" defer></script>' in markup
    assert (sample / "site" / "assets" / "ijbdocs-log.js").is_file()
    # the summary
    assert "North Ayrshire Council and NHS Ayrshire & Arran" in text
    assert re.search(r"All partners\s+5\s+£350,010,000", text)
    assert "Every delegated function has a direction in force." in text
    assert "Every approved direction has been issued." in text


def test_direction_pages_are_linked_from_the_log_but_not_in_the_nav(sample: Path) -> None:
    _, log = published(sample)
    markup = page(sample, "directions/index.html")
    nav = markup[markup.index('<nav class="md-nav md-nav--primary"'):
                 markup.index('<div class="md-content"')]
    assert "Directions log" in nav and "NAIJB-" not in nav
    for row in log.public().rows:
        assert (sample / "site" / "directions" / row.ref / "index.html").is_file()
    budget = text_of(page(sample, "directions/NAIJB-2021-001/index.html"))
    for expected in ("Superseded since 24 March 2022", "Integrated budget 2021-22",
                     "Payment to North Ayrshire Council for social care functions",
                     "£118,400,000", "Total £281,640,000", "Month 6 financial monitoring",
                     "Outcome 9:", "Unscheduled acute hospital care (set aside)",
                     "Review date 31 March 2022", "Issued 26 March 2021"):
        assert expected in re.sub(r"\s+", " ", budget), expected
    markup = page(sample, "directions/NAIJB-2021-001/index.html")
    # links both ways and the timeline
    assert 'Replaces <a href="../NAIJB-2019-001/">NAIJB-2019-001</a>' in markup
    assert 'Superseded by <a href="../NAIJB-2022-001/">NAIJB-2022-001</a>' in markup
    assert re.search(r'<time datetime="2022-03-24">24 March 2022</time>: Superseded by '
                     r'<a href="../NAIJB-2022-001/">', markup)
    earlier = page(sample, "directions/NAIJB-2019-001/index.html")
    assert 'Superseded by <a href="../NAIJB-2021-001/">NAIJB-2021-001</a>' in earlier
    # the covering report, when public, is the Word paper in the site
    href = re.search(r'href="(\.\./\.\./papers/2021-03-18/05-budget-2021-22\.docx)"', markup)
    if (sample / "site/papers/2021-03-18/05-budget-2021-22.docx").is_file():
        assert href is not None
    # a legacy direction shows where its record comes from
    assert "Imported from the directions spreadsheet, row 2." in text_of(earlier)
    # revoked by an update, with its dated note
    revoked = text_of(page(sample, "directions/NAIJB-2020-004/index.html"))
    assert "30 June 2022 : Revoked" in re.sub(r"\s+", " ", revoked)


def test_private_item_direction_page_shows_the_statutory_minimum_only(sample: Path) -> None:
    content, _ = published(sample)
    private = next(p for p in content.papers() if p.visibility == "private" and p.direction)
    assert private.direction is not None
    markup = page(sample, f"directions/{private.direction.ref}/index.html")
    text = text_of(markup)
    assert PRIVATE_TITLE in text
    assert private.title not in text
    assert private.direction.delivery.strip().splitlines()[0] not in text
    assert ".docx" not in markup
    assert "£21,600,000" in text  # the total resource is in the statutory minimum


@pytest.fixture(scope="module")
def server(sample: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(sample / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_filters_and_sorting_work_by_keyboard_and_pass_axe(server: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        errors: list[str] = []
        tab = browser.new_page()
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(server + "directions/")
        assert tab.is_visible("#log-filters")
        options = {"runOnly": {"type": "tag", "values": WCAG}}
        # filter by status with the keyboard: focus the select, choose, announce
        tab.focus("#filter-status")
        tab.select_option("#filter-status", "issued")
        tab.wait_for_function(
            "document.querySelector('[data-results]').textContent.includes('Showing')")
        assert tab.inner_text("[data-results]") == "Showing 5 of 16 directions."
        assert tab.locator("#log-table tbody tr:not([hidden])").count() == 5
        tab.select_option("#filter-partner", "health_board")  # includes directions to both
        tab.wait_for_function(
            "document.querySelector('[data-results]').textContent.includes('2 of 16')")
        # sort by total resource with Enter on the column's button
        tab.focus("#log-table thead th:nth-child(8) button")
        tab.keyboard.press("Enter")
        tab.wait_for_function(
            "document.querySelector('[data-results]').textContent.includes('Sorted')")
        header = "#log-table thead th:nth-child(8)"
        assert tab.get_attribute(header, "aria-sort") == "ascending"
        assert tab.inner_text("[data-results]") == "Sorted by Total resource, ascending."
        tab.keyboard.press("Enter")
        assert tab.get_attribute(header, "aria-sort") == "descending"
        visible = tab.locator("#log-table tbody tr:not([hidden]) th").all_inner_texts()
        assert visible == ["NAIJB-2023-001", "NAIJB-2023-002"]
        tab.click("#log-filters button[type=reset]")
        tab.wait_for_function(
            "document.querySelector('[data-results]').textContent.includes('16 of 16')")
        # axe on the enhanced page (form shown, buttons in the headings); it takes seconds
        # on a long table, so once, after the interactions
        results = Axe().run(tab, options=options)
        assert results.violations_count == 0, results.generate_report()
        for path in ("directions/NAIJB-2021-001/",):
            tab.goto(server + path)
            results = Axe().run(tab, options=options)
            assert results.violations_count == 0, (path, results.generate_report())
        assert errors == []
        # without JavaScript: the whole table, no filter form
        plain = browser.new_context(java_script_enabled=False).new_page()
        plain.goto(server + "directions/")
        assert not plain.is_visible("#log-filters")
        assert plain.locator("#log-table tbody tr").count() == 16
        assert plain.locator("#log-table thead button").count() == 0
        browser.close()


def test_log_review_paper_lists_the_log(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "review")
    meeting = root / "content" / "meetings" / "2027-01-21"
    before = (meeting / "meeting.yaml").read_text("utf-8")
    result = run(root, "log-review", str(meeting), "--as-of", AS_OF)
    assert result.code == 0, result.out
    assert "changes since the last review on 16 March 2023" in result.out
    paper_file = meeting / "07-directions-log-review.yaml"
    source = paper_file.read_text("utf-8")
    assert source.startswith("# Draft covering report written by `ijbdocs log-review`")
    data = yaml.safe_load(source)
    assert data["direction_required"] == "none"
    assert data["decision"] == "pending" and data["visibility"] == "public"
    sections = {s["heading"]: s["body"] for s in data["sections"]}
    in_force = sections["Directions in force"]
    for ref in ("NAIJB-2021-002", "NAIJB-2021-005", "NAIJB-2022-002", "NAIJB-2023-001",
                "NAIJB-2023-002"):
        assert ref in in_force
    assert PRIVATE_TITLE in in_force  # the paper is public: the private item is redacted
    changed = sections["Changes since the last review on 16 March 2023"]
    assert "**NAIJB-2021-004** Unscheduled care" in changed
    assert "completed on 29 September 2023" in changed
    assert "NAIJB-2018-001" not in changed  # nothing happened to it since the last review
    assert "NAIJB-2022-002" in sections["Delivery issues"]
    assert "Every delegated function" in sections[
        "Delegated functions without a direction in force"]
    assert "No direction in force is past its review date." in sections["Overdue for review"]
    agenda = (meeting / "meeting.yaml").read_text("utf-8")
    assert agenda.replace("  - paper: 07-directions-log-review\n", "") == before
    again = run(root, "log-review", str(meeting), "--as-of", AS_OF)
    assert again.code == 2 and "already exists" in again.out
    # as of after the meeting, the two in force due on 31 January 2027 is overdue
    later = run(root, "log-review", "2027-01-21", "--as-of", "2027-02-01", "--force")
    assert later.code == 0, later.out
    later_data = yaml.safe_load(paper_file.read_text("utf-8"))
    overdue = {s["heading"]: s["body"] for s in later_data["sections"]}["Overdue for review"]
    assert "NAIJB-2021-002" in overdue and "31 January 2027" in overdue
    assert len(later_data["recommendations"]) == 2
    assert run(root, "check", "--as-of", "2027-02-01").code == 0


def test_log_review_paper_builds_to_word(sample: Path, tmp_path: Path) -> None:
    word = sample / "site" / "papers" / "2027-01-21" / "07-directions-log-review.docx"
    assert word.is_file()
    document = docx.Document(str(word))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Directions log review 2027" in text
    assert "Changes since the last review on 16 March 2023" in text
    assert "NAIJB-2021-004 Unscheduled care" in text
    for ref in ("NAIJB-2021-005", "NAIJB-2023-002"):
        assert ref in cells
    assert "£316,200,000" in cells
    pdf = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(word)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert pdf.returncode == 0 and (tmp_path / "07-directions-log-review.pdf").is_file(), pdf


def test_terminal_view_prints_an_aligned_filtered_table(sample: Path) -> None:
    result = run(sample, "log", "--as-of", AS_OF, "--status", "issued", "--partner",
                 "health_board")
    assert result.code == 0, result.out
    lines = result.out.splitlines()
    assert lines[0].startswith("Reference ")
    assert [line.split()[0] for line in lines[2:4]] == ["NAIJB-2023-001", "NAIJB-2023-002"]
    assert lines[2].index("£316,200,000") + len("£316,200,000") == \
        lines[3].index("£6,940,000") + len("£6,940,000")  # money right-aligned
    assert "2 of 16 directions as of 23 November 2026." in result.out
    everything = run(sample, "log", "--as-of", AS_OF)
    assert "[private item]" in everything.out
    public = run(sample, "log", "--as-of", AS_OF, "--public")
    assert "[private item]" in public.out and "(as published)" in public.out
    bad = run(sample, "log", "--status", "lost")
    assert bad.code == 2
