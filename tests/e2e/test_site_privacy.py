"""Nothing private, draft or scripted gets onto the public site, with either engine.

Every file under site/ is read: pages, the search index (search/search_index.json for
MkDocs, search.json for Zensical), the sitemap, the feed, open data and the Word files
(their XML read from inside the zip).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factories import AS_OF, Project, direction, paper, run
from test_build import SAMPLE_AS_OF, copy_sample

from ijbdocs.content import read_content

pytestmark = pytest.mark.slow


def everything(site: Path) -> dict[str, str]:
    """Every file's text; zip files (docx, xlsx) by their members' XML."""
    out = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if data[:2] == b"PK":
            with zipfile.ZipFile(path) as archive:
                out[rel] = "\n".join(
                    re.sub(r"<[^>]+>", "", archive.read(n).decode("utf-8", "replace"))
                    for n in archive.namelist() if n.endswith((".xml", ".rels")))
        elif path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".md", ".js", ".css"):
            out[rel] = data.decode("utf-8", "replace")
    return out


def first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


def secrets_of(root: Path) -> list[str]:
    content = read_content(root / "content").content
    hidden = [p for p in content.papers() if p.visibility != "public"]
    assert {p.visibility for p in hidden} == {"private", "draft"}
    found = []
    for secret in hidden:
        found += [secret.title, first_words(secret.summary), first_words(secret.purpose)]
        if secret.direction:
            found.append(first_words(secret.direction.delivery))
            if secret.visibility == "draft":
                found.append(secret.direction.ref)
    return found


@pytest.fixture(scope="module")
def zensical_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("zensical"))
    result = run(root, "build", "--as-of", SAMPLE_AS_OF, "--engine", "zensical")
    assert result.code == 0, result.out + result.err
    return root


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_private_and_draft_text_is_nowhere_under_site(
    request: pytest.FixtureRequest, engine: str
) -> None:
    root: Path = request.getfixturevalue(
        "zensical_sample" if engine == "zensical" else "built_sample")
    site = root / "site"
    index = "search.json" if engine == "zensical" else "search/search_index.json"
    assert (site / index).is_file()
    assert (site / "sitemap.xml").is_file() and (site / "feed.xml").is_file()
    files = everything(site)
    assert any(rel.endswith(".docx") for rel in files)  # Word files are scanned too
    for rel, body in files.items():
        plain = " ".join(html.unescape(body.replace("\\n", " ")).split())
        for secret in secrets_of(root):
            assert " ".join(secret.split()) not in plain, (rel, secret)
    # the site really has pages for every part, whichever engine built it
    for rel in ("index.html", "plan/priorities/p1/index.html", "meetings/index.html",
                "meetings/2021-03-18/index.html", "plan/checklist/index.html"):
        assert (site / rel).is_file(), rel


class Scripts(HTMLParser):
    """Collects script bodies, event-handler attributes and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            if name in ("href", "src") and value and value.strip().lower().startswith(
                    "javascript:"):
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


HOSTILE = "<script>alert('pwned')</script>"


def test_script_in_content_never_reaches_a_page_as_script(tmp_path: Path) -> None:
    project = Project()
    project.partnership["name"] = f"Testshire {HOSTILE} Board"  # type: ignore[index]
    assert project.plan is not None
    project.plan["vision"] = f"Live well. {HOSTILE} [click](javascript:alert('pwned'))"
    project.plan["priorities"][0]["title"] = "Wellbeing {: onclick=\"alert('pwned')\" }"
    project.plan["localities"][0]["arrangements"] = (
        f'<img src=x onerror="alert(\'pwned\')"> {HOSTILE}')
    project.add_paper("2024-03-21", "05-care", paper(
        f"Care [at home](javascript:alert('pwned')) {HOSTILE}", "council",
        purpose=f"To decide. {HOSTILE} <a href=\"javascript:alert('pwned')\">x</a>",
        decision="approved",
        direction=direction("TIJB-2024-001", issued="2024-03-25")))
    project.write(tmp_path)
    result = run(tmp_path, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 0, result.out + result.err
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        parser = Scripts()
        parser.feed(path.read_text(encoding="utf-8"))
        assert not [s for s in parser.scripts if "pwned" in s], path
        assert not [h for h in parser.handlers if "pwned" in h], path
        assert not parser.urls, path
    meeting = (tmp_path / "site" / "meetings" / "2024-03-21" / "index.html").read_text(
        encoding="utf-8")
    assert "&lt;script&gt;alert(" in meeting  # shown as text, not run
    # the feed's summaries are HTML (type="html"): as HTML they hold no script either
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    summaries = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any("To decide." in s for s in summaries)
    for summary in summaries:
        parser = Scripts()
        parser.feed(summary)
        assert not parser.scripts and not parser.handlers and not parser.urls, summary
