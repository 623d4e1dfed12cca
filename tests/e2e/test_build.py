"""End to end: build real content folders and inspect what lands in site/ and build/."""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import AS_OF, Project, direction, paper, run

from ijbdocs.content import read_content
from ijbdocs.log import directions_log

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SAMPLE_AS_OF = "2026-11-23"


def tree(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_sample(target: Path) -> Path:
    """The repository's sample partnership (content, templates, mkdocs.yml) in `target`."""
    shutil.copytree(REPO / "content", target / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", target / "templates")
    if (REPO / "mkdocs.yml").is_file():
        shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    result = run(root, "build", "--as-of", SAMPLE_AS_OF)
    assert result.code == 0, result.out + result.err
    return root


def page(root: Path, rel: str) -> str:
    return html.unescape((root / "site" / rel).read_text(encoding="utf-8"))


def test_sample_builds_a_site_with_home_and_log(sample_site: Path) -> None:
    home = page(sample_site, "index.html")
    read = read_content(sample_site / "content")
    content = read.content
    assert content.partnership and content.plan
    assert content.partnership.name in home
    assert content.plan.title in home
    log_page = page(sample_site, "directions/index.html")
    public = directions_log(content, __import__("datetime").date.fromisoformat(SAMPLE_AS_OF))
    for row in public.public().rows:
        assert f'id="{row.ref}"' in log_page
    assert (sample_site / "site" / "sitemap.xml").is_file()
    assert (sample_site / "build" / "docs" / "index.md").is_file()


def test_private_and_draft_papers_stay_off_the_site(sample_site: Path) -> None:
    content = read_content(sample_site / "content").content
    site_text = "\n".join(
        html.unescape(p.read_text(encoding="utf-8", errors="replace"))
        for p in (sample_site / "site").rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml")
    )
    hidden = [p for p in content.papers() if p.visibility != "public"]
    assert {p.visibility for p in hidden} == {"private", "draft"}
    for secret in hidden:
        assert secret.title not in site_text
        assert secret.summary.strip().splitlines()[0] not in site_text
        if secret.direction and secret.visibility == "draft":
            assert secret.direction.ref not in site_text
        if secret.direction and secret.visibility == "private":
            # the statutory log entry is public; the report's content is not
            assert secret.direction.ref in site_text
            assert secret.direction.delivery.strip().splitlines()[0] not in site_text


def test_same_content_and_date_build_byte_identical_outputs(
    sample_site: Path, tmp_path: Path
) -> None:
    again = copy_sample(tmp_path / "again")
    result = run(again, "build", "--as-of", SAMPLE_AS_OF)
    assert result.code == 0, result.out
    for folder in ("site", "build/docs"):
        first, second = tree(sample_site / folder), tree(again / folder)
        assert first == second, sorted(set(first.items()) ^ set(second.items()))[:5]


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    project = Project()
    project.write(tmp_path)
    assert run(tmp_path, "build", "--as-of", AS_OF.isoformat()).code == 0
    before = tree(tmp_path / "site")
    # a content error: nothing is built
    project.add_paper("2024-03-21", "05-bad", paper("Bad", "council"))  # direction missing
    project.write(tmp_path)
    result = run(tmp_path, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 1
    assert "meetings/2024-03-21/05-bad.yaml:" in result.out
    assert "but the paper has no direction" in result.out
    assert "site/ is unchanged" in result.out
    assert tree(tmp_path / "site") == before
    # a failure while rendering (a broken template override): nothing is swapped in
    project.papers.clear()
    project.meetings.clear()
    project.write(tmp_path)
    shutil.rmtree(tmp_path / "content" / "meetings")
    (tmp_path / "templates" / "site").mkdir(parents=True)
    (tmp_path / "templates" / "site" / "home.md.j2").write_text("{{ no_such_value.x }}")
    result = run(tmp_path, "build", "--as-of", "2024-06-02")
    assert result.code == 1
    assert "site/ is unchanged" in result.err
    assert tree(tmp_path / "site") == before
    assert not list(tmp_path.glob(".ijbdocs-stage-*"))


def test_folder_with_only_content_builds(tmp_path: Path) -> None:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper(
        "Care at home", "council", decision="approved",
        direction=direction("TIJB-2024-001", issued="2024-03-25")))
    project.write(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
    result = run(tmp_path, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 0, result.out
    log_page = page(tmp_path, "directions/index.html")
    assert "TIJB-2024-001" in log_page and "Issued (in force)" in log_page
    assert "Testshire Council" in log_page


def test_command_line_reports_content_errors_without_traceback(tmp_path: Path) -> None:
    project = Project()
    project.partnership["localities"] = project.partnership["localities"][:1]  # type: ignore[index]
    project.write(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "ijbdocs", "-C", str(tmp_path), "check", "--as-of",
         AS_OF.isoformat()],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 1
    assert "partnership.yaml:" in result.stdout
    assert "error: localities: a partnership needs at least 2 localities" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "ijbdocs", "-C", str(tmp_path / "nowhere"), "check"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_build_py_is_ijbdocs_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    shutil.copy(REPO / "build.py", root / "build.py")
    result = subprocess.run(
        [sys.executable, "build.py", "--as-of", SAMPLE_AS_OF],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "index.html").is_file()


def test_names_with_spaces_and_accents_are_accepted(tmp_path: Path) -> None:
    root = tmp_path / "Comataidh ùr"  # the project folder too
    project = Project()
    project.add_paper("2024-03-21", "05-item", paper(
        "Item", appendices=[{"title": "Gàidhlig", "file": "appendices/Pàipear ùr 1.md"}]))
    project.files["meetings/2024-03-21/appendices/Pàipear ùr 1.md"] = "Teacsa na h-eàrr-ràdh."
    assert project.plan is not None
    project.plan["chapters"] = [{"title": "Ro-ràdh", "file": "01 ro-ràdh.md"}]
    project.files["plan/01 ro-ràdh.md"] = "Fàilte gu ar plana."
    project.write(root)
    result = run(root, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 0, result.out + result.err
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))
    assert "Fàilte gu ar plana." in pages
