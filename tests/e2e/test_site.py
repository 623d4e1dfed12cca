"""The public website built from the sample: plan, localities, meetings, feed, engines.

Builds the repository's sample once and reads the pages back as a reader would get them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_build import SAMPLE_AS_OF

from ijbdocs.content import read_content
from ijbdocs.model import Content
from ijbdocs.reference import annex_c_checklist, national_outcomes

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def sample(built_sample: Path) -> Path:
    return built_sample


@pytest.fixture(scope="module")
def content(sample: Path) -> Content:
    return read_content(sample / "content").content


def text(root: Path, rel: str) -> str:
    """A page's visible text, tags removed and entities decoded, whitespace collapsed."""
    raw = (root / "site" / rel).read_text(encoding="utf-8")
    body = raw.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    words = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(words).split())


def test_plan_pages_carry_every_part_of_the_plan(sample: Path, content: Content) -> None:
    plan = content.plan
    assert plan is not None and content.partnership is not None
    front = text(sample, "plan/index.html")
    for words in ("Approved by the board 20 March 2025", "Takes effect 1 April 2025",
                  "To be reviewed by 20 March 2028", "In effect (as of 23 November 2026)"):
        assert words in front
    assert "Introduction" in text(sample, "plan/introduction/index.html")
    assert "Why we refreshed the plan" in text(sample, "plan/introduction/index.html")
    outcomes = national_outcomes()
    indicators = {"core-1": "Percentage of adults able to look after their health"}
    p1 = text(sample, "plan/priorities/p1/index.html")
    for number in plan.priorities[0].national_outcomes:
        assert f"Outcome {number}: {outcomes[number].title}" in p1
    assert plan.priorities[0].actions[0] in p1
    assert indicators["core-1"] in p1 and "Target: Maintain at or above" in p1
    names = content.partnership.locality_names
    for locality in plan.localities:
        page = text(sample, f"plan/localities/{locality.id}/index.html")
        assert f"Arrangements for {names[locality.id]}" in page
        assert f"{locality.profile.population:,}" in page  # type: ignore[union-attr]
    finance = text(sample, "plan/financial-statement/index.html")
    assert "Total £349,150,000" in finance and "£72,350,000" in finance
    for path, words in (("plan/housing/index.html", "Local Housing Strategy"),
                        ("plan/consultation/index.html", "Online and paper survey"),
                        ("plan/equality/index.html", "island communities impact assessment"),
                        ("plan/delivery-principles/index.html", "respects the rights")):
        assert words in text(sample, path), path


def test_outcomes_table_is_a_real_table_of_priorities_and_outcomes(
    sample: Path, content: Content
) -> None:
    raw = (sample / "site" / "plan/national-outcomes/index.html").read_text(encoding="utf-8")
    table = raw.split('<table class="ijb-matrix">', 1)[1].split("</table>", 1)[0]
    assert "<caption" in table
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert content.plan is not None
    header = re.findall(r'<th scope="col">(.*?)</th>', rows[0])
    assert header[1:] == [html.escape(p.title, quote=True) for p in content.plan.priorities]
    for row, outcome in zip(rows[1:], national_outcomes().values(), strict=True):
        assert f'<th scope="row">{outcome.number}. {outcome.title}</th>' in row
        cells = re.findall(r"<td>(.*?)</td>", row)
        expected = ["Yes" if outcome.number in p.national_outcomes else "No"
                    for p in content.plan.priorities]
        assert cells == expected


def test_checklist_shows_every_annex_c_item_met_or_not(sample: Path) -> None:
    page = text(sample, "plan/checklist/index.html")
    for item in annex_c_checklist():
        assert " ".join(item.text.split()) in page
    assert page.count("Not met.") + page.count("Met.") == len(annex_c_checklist())
    assert "Equality impact assessment" in page


def test_easy_read_link_on_home_and_every_plan_page(sample: Path) -> None:
    pages = ["index.html", *(p.relative_to(sample / "site").as_posix()
                             for p in (sample / "site" / "plan").rglob("index.html"))]
    assert len(pages) > 15
    for rel in pages:
        raw = (sample / "site" / rel).read_text(encoding="utf-8")
        link = re.search(r'<a class="ijb-easy-read" href="([^"]+)"', raw)
        assert link, rel
        target = (sample / "site" / rel).parent / link.group(1)
        assert (target / "index.html").is_file() or target.is_file(), (rel, link.group(1))


def test_meetings_index_groups_by_year_and_links_every_meeting(
    sample: Path, content: Content
) -> None:
    page = text(sample, "meetings/index.html")
    assert "Coming up" in page
    for meeting in content.meetings:
        assert (sample / "site" / "meetings" / meeting.id / "index.html").is_file()
    raw = (sample / "site" / "meetings/index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="(\d{4})">', raw)
    assert headings == sorted(headings, reverse=True) and len(headings) >= 5


def test_meeting_page_has_public_papers_private_items_and_no_drafts(
    sample: Path, content: Content
) -> None:
    meeting = next(m for m in content.meetings if m.id == "2021-03-18")
    raw = (sample / "site" / "meetings" / meeting.id / "index.html").read_text(encoding="utf-8")
    page = text(sample, f"meetings/{meeting.id}/index.html")
    public = [p for p in meeting.papers if p.is_public]
    private = [p for p in meeting.papers if p.visibility == "private"]
    assert public and private
    for paper in public:
        assert paper.title in page
        assert " ".join(paper.purpose.split())[:60] in page
        assert "Decision Approved" in page
        docx = sample / "site" / "papers" / meeting.id / f"{paper.stem}.docx"
        if docx.is_file():  # written by the Word renderer
            href = f"../../papers/{meeting.id}/{paper.stem}.docx"
            assert f'href="{href}"' in raw
            size = docx.stat().st_size
            assert f"(Word document, {round(size / 1000)} KB)" in page
    for paper in private:
        assert "Private item" in page
        assert f"exempt from publication under {paper.exempt_reason}" in page
        assert paper.title not in page
    if (sample / "site" / "papers" / meeting.id / "board-pack.docx").is_file():
        assert "Board pack" in page
    drafts = [p for p in content.papers() if p.visibility == "draft"]
    assert drafts
    for draft in drafts:
        assert draft.title not in text(sample, f"meetings/{draft.meeting.id}/index.html")


def test_undecided_meeting_says_so(sample: Path, content: Content) -> None:
    future = [m for m in content.meetings if m.date > dt.date.fromisoformat(SAMPLE_AS_OF)]
    assert future
    page = text(sample, f"meetings/{future[0].id}/index.html")
    assert "To be decided at the meeting" in page and "Decision Approved" not in page


def test_home_has_next_meeting_latest_papers_and_directions(
    sample: Path, content: Content
) -> None:
    page = text(sample, "index.html")
    assert "The next meeting of the Integration Joint Board is on 21 January 2027" in page
    assert "Latest papers" in page and "Latest directions" in page
    assert "Easy read version of our plan" in page
    assert "All people who live in North Ayrshire are able to have a safe" in page


def test_accessibility_statement_has_what_the_regulations_require(sample: Path) -> None:
    page = text(sample, "accessibility/index.html")
    for words in ("partially compliant", "Non-accessible content", "Enforcement procedure",
                  "Equality and Human Rights Commission", "different format",
                  "This statement was prepared on 23 November 2026",
                  "last reviewed on 23 November 2026"):
        assert words in page, words


def test_atom_feed_lists_public_papers_and_directions(sample: Path, content: Content) -> None:
    feed = ET.parse(sample / "site" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == f"{SAMPLE_AS_OF}T00:00:00Z"
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)) and all(i and i.startswith("https://ijb.example.org/")
                                             for i in ids)
    public_titles = {p.title for p in content.papers() if p.is_public}
    assert public_titles & set(titles)
    assert any(t and t.startswith("Direction NAIJB-") for t in titles)
    home = (sample / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*'
                     r'href="\./feed\.xml"', home)


def test_navigation_stays_short(sample: Path, content: Content) -> None:
    raw = (sample / "site" / "index.html").read_text(encoding="utf-8")
    nav = raw.split('<nav class="md-nav md-nav--primary"', 1)[1].split(
        'md-sidebar--secondary', 1)[0]
    assert "Meetings and papers" in nav and "Directions log" in nav
    for meeting in content.meetings:
        assert f"meetings/{meeting.id}/" not in nav
    assert "NAIJB-" not in nav


def test_search_index_has_plan_and_meeting_pages(sample: Path) -> None:
    index = (sample / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"plan/priorities/p1/"' in index.replace(" ", "")
    assert '"location":"meetings/2021-03-18/"' in index.replace(" ", "")
