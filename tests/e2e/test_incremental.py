"""The build cache and parallel Word rendering: faster, never different.

Every test compares against a build that used neither (a fresh folder, `--no-cache`,
one process): the outputs must be the same bytes. Time is never asserted here; the
benchmarks in benchmarks/ measure it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
from factories import run
from test_build import SAMPLE_AS_OF, copy_sample, tree

from ijbdocs.pipeline import BuildOutcome, build
from ijbdocs.project import DEFAULTS, Project

pytestmark = pytest.mark.slow

AS_OF = dt.date.fromisoformat(SAMPLE_AS_OF)


def outputs(root: Path) -> dict[str, str]:
    """Every output file (site/ and build/ but not the cache) with the hash of its bytes."""
    found = {f"site/{k}": v for k, v in tree(root / "site").items()}
    for folder in ("docs", "private"):
        found.update({f"build/{folder}/{k}": v for k, v in tree(root / "build" / folder).items()})
    return found


def make(root: Path, **options: object) -> BuildOutcome:
    outcome = build(Project.at(root), AS_OF, **options)  # type: ignore[arg-type]
    assert outcome.built, [str(f) for f in outcome.check.findings]
    return outcome


def word_files(root: Path) -> list[Path]:
    return sorted([*(root / "site" / "papers").rglob("*.docx"),
                   *(root / "build" / "private").rglob("*.docx")])


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample built without the cache, in one process: what every build must equal."""
    root = copy_sample(tmp_path_factory.mktemp("fresh"))
    make(root, cache=False, jobs=1)
    assert not (root / "build" / "cache" / "word").exists()  # nothing kept for reuse
    assert not (root / "build" / "cache" / "site").exists()
    return outputs(root)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "project")


def test_a_rebuild_with_nothing_changed_reuses_everything_and_changes_nothing(
        sample: Path, fresh: dict[str, str]) -> None:
    first = make(sample)
    total = first.stats["word written"]
    assert isinstance(total, int) and total > 20
    assert first.stats["word from cache"] == 0 and first.stats["site"] == "built"
    assert outputs(sample) == fresh

    again = make(sample)
    assert again.stats == {"up to date": True}  # nothing read, nothing written
    assert outputs(sample) == fresh

    shutil.rmtree(sample / "site")  # the outputs are gone, the cache is not
    restored = make(sample)
    assert restored.stats["word written"] == 0
    assert restored.stats["word from cache"] == total
    assert restored.stats["site"] == "from cache"
    assert outputs(sample) == fresh


@pytest.mark.parametrize("change", ["edit", "delete", "add"])
def test_outputs_changed_by_hand_are_put_right_by_the_next_build(
        sample: Path, fresh: dict[str, str], change: str) -> None:
    make(sample)
    page = sample / "site" / "index.html"
    if change == "edit":
        page.write_text("edited by hand", encoding="utf-8")
    elif change == "delete":
        page.unlink()
    else:
        (sample / "site" / "extra.html").write_text("x", encoding="utf-8")
    outcome = make(sample)
    assert "up to date" not in outcome.stats
    assert outputs(sample) == fresh


def test_parallel_and_serial_builds_write_the_same_bytes(
        sample: Path, fresh: dict[str, str]) -> None:
    outcome = make(sample, cache=False, jobs=2)
    assert isinstance(outcome.stats["word written"], int)
    assert outcome.stats["word written"] >= 8  # enough to use the worker processes
    assert outputs(sample) == fresh


def test_changing_a_word_template_rewrites_every_paper(sample: Path) -> None:
    make(sample)
    before = {p: p.read_bytes() for p in word_files(sample)}
    layout = (DEFAULTS / "templates" / "word" / "report.yaml").read_text(encoding="utf-8")
    assert "heading: Recommendations\n" in layout
    own = sample / "templates" / "word" / "report.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(layout.replace("heading: Recommendations\n",
                                  "heading: What the board is asked to do\n"), encoding="utf-8")

    outcome = make(sample)
    assert outcome.stats["word from cache"] == 0
    assert outcome.stats["word written"] == len(before)
    papers = [p for p in word_files(sample) if p.stem not in ("agenda",)]
    for path in papers:
        text = docx_text(path)
        assert "What the board is asked to do" in text, path
        assert "\nRecommendations\n" not in f"\n{text}\n", path
    # what a fresh build of the changed project gives, byte for byte
    again = copy_sample(sample.parent / "again")
    shutil.copytree(sample / "templates", again / "templates", dirs_exist_ok=True)
    make(again, cache=False, jobs=1)
    assert outputs(sample) == outputs(again)


def test_changing_the_word_reference_document_rewrites_every_file(sample: Path) -> None:
    make(sample)
    count = len(word_files(sample))
    reference = sample / "templates" / "word" / "reference.docx"
    reference.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document(str(DEFAULTS / "templates" / "word" / "reference.docx"))
    document.styles["Normal"].font.name = "Verdana"
    document.save(str(reference))

    outcome = make(sample)
    assert outcome.stats["word from cache"] == 0
    assert outcome.stats["word written"] == count
    paper = next(p for p in word_files(sample) if p.stem not in ("agenda", "board-pack"))
    assert docx.Document(str(paper)).styles["Normal"].font.name == "Verdana"


def same_as_fresh(sample: Path, tmp_path: Path) -> None:
    """The project built afresh elsewhere (no cache, one process) gives the same outputs."""
    fresh_copy = tmp_path / "fresh-copy"
    shutil.copytree(sample / "content", fresh_copy / "content")
    for extra in ("templates", "mkdocs.yml"):
        source = sample / extra
        if source.is_dir():
            shutil.copytree(source, fresh_copy / extra)
        elif source.is_file():
            shutil.copy(source, fresh_copy / extra)
    make(fresh_copy, cache=False, jobs=1)
    assert outputs(sample) == outputs(fresh_copy)


def test_changing_one_paper_rewrites_it_and_its_meetings_agenda_and_packs(
        sample: Path, tmp_path: Path) -> None:
    make(sample)
    before = {p.relative_to(sample): p.read_bytes() for p in word_files(sample)}
    meeting = sample / "content" / "meetings" / "2025-03-20"
    paper = sorted(p for p in meeting.glob("*.yaml") if p.name != "meeting.yaml")[0]
    text = paper.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    paper.write_text(text.replace(title_line, "title: A changed title for the board",
                                  1), encoding="utf-8")

    outcome = make(sample)
    after = {p.relative_to(sample): p.read_bytes() for p in word_files(sample)}
    changed = {path for path in after if before.get(path) != after[path]}
    expected = {path for path in after if "2025-03-20" in path.parts
                and (path.stem in (paper.stem, "agenda") or path.stem.startswith("board-pack"))}
    assert changed == expected  # the agenda shows the title, the packs the paper
    assert outcome.stats["word written"] == len(expected)
    assert outcome.stats["word from cache"] == len(after) - len(expected)
    assert outcome.stats["site"] == "built"  # its pages show the title
    own = next(path for path in after if path.name == f"{paper.stem}.docx")
    assert "A changed title for the board" in docx_text(sample / own)
    same_as_fresh(sample, tmp_path)


def test_changing_a_markdown_appendix_rewrites_its_paper(sample: Path, tmp_path: Path) -> None:
    make(sample)
    folder = sample / "content" / "meetings" / "2020-03-19"
    appendix = folder / "appendices" / "directions-template.md"
    appendix.write_text(appendix.read_text(encoding="utf-8")
                        + "\nA sentence added to the appendix.\n", encoding="utf-8")
    outcome = make(sample)
    paper = sample / "site" / "papers" / "2020-03-19" / "07-directions-guidance.docx"
    assert "A sentence added to the appendix." in docx_text(paper)
    # the paper and the pack; the agenda too (it is keyed by the whole meeting), unchanged
    assert outcome.stats["word written"] == 3
    same_as_fresh(sample, tmp_path)


def test_word_layouts_cannot_reach_other_papers(sample: Path) -> None:
    """What a paper's file is keyed by is all its templates can see."""
    layout = (DEFAULTS / "templates" / "word" / "report.yaml").read_text(encoding="utf-8")
    own = sample / "templates" / "word" / "report.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    for reach in ("meeting.papers[0].title", "paper.meeting.body", "meeting._papers"):
        own.write_text(layout.replace('text: "{{ paper.title }}"', f'text: "{{{{ {reach} }}}}"',
                                      1), encoding="utf-8")
        result = run(sample, "build", "--as-of", SAMPLE_AS_OF)
        assert result.code == 1, reach
        assert "report.yaml" in result.err and "site/ is unchanged" in result.err, result.err
        assert "Traceback" not in result.err
    assert "other papers" in result.err or "internal" in result.err


def site_text(root: Path) -> str:
    """Every file under site/, Word files and other zips unpacked, as one text."""
    import zipfile

    parts = []
    for path in (root / "site").rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as package:
                data = b"".join(package.read(name) for name in package.namelist())
        parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


def test_a_paper_made_private_leaves_the_site_though_its_public_file_is_cached(
        sample: Path) -> None:
    """Only `visibility` changes: the cached public rendering must not be served."""
    marker = "MARKER-made-private-4417"
    paper = sample / "content" / "meetings" / "2025-03-20" / "05-strategic-plan-review.yaml"
    text = paper.read_text(encoding="utf-8")
    text = text.replace("summary: |\n", f"summary: |\n  {marker}.\n", 1)
    paper.write_text(text, encoding="utf-8")
    make(sample)
    assert marker in site_text(sample)  # public, so on the site (and now in the cache)

    paper.write_text(text.replace(
        "visibility: public\n",
        "visibility: private\nexempt_reason: Paragraph 6, Part 1, Schedule 7A of the Local "
        "Government (Scotland) Act 1973\n", 1), encoding="utf-8")
    make(sample)
    assert marker not in site_text(sample)
    assert not list((sample / "site").rglob("05-strategic-plan-review.docx"))
    private = sample / "build" / "private" / "papers" / "2025-03-20"
    assert marker in docx_text(private / "05-strategic-plan-review.docx")
    assert marker in docx_text(private / "board-pack-full.docx")


def test_a_damaged_cache_is_written_again_not_served(
        sample: Path, fresh: dict[str, str]) -> None:
    make(sample)
    cache = sample / "build" / "cache"
    entries = sorted(p for p in (cache / "word").rglob("*")
                     if p.is_file() and p.name != "index.json")
    assert entries
    entries[0].write_bytes(entries[0].read_bytes()[:-10])  # truncated
    entries[1].write_bytes(entries[1].read_bytes()[:40] + b"X" + entries[1].read_bytes()[41:])
    site_page = next(p for p in (cache / "site").rglob("index.html"))
    site_page.write_text("tampered", encoding="utf-8")

    shutil.rmtree(sample / "site")  # so that the build needs the cache
    outcome = make(sample)
    assert outcome.stats["word written"] == 2
    assert outcome.stats["site"] == "built"
    assert outputs(sample) == fresh


def test_the_cli_says_what_it_reused_and_can_turn_the_cache_off(sample: Path) -> None:
    first = run(sample, "build", "--as-of", SAMPLE_AS_OF, "--jobs", "2")
    assert first.code == 0, first.err
    assert "all written" in first.out
    second = run(sample, "build", "--as-of", SAMPLE_AS_OF)
    assert second.code == 0, second.err
    assert "Nothing has changed since the last build" in second.out
    (sample / "site" / "index.html").unlink()
    third = run(sample, "build", "--as-of", SAMPLE_AS_OF)
    assert "0 written" in third.out and "unchanged since the last build" in third.out
    fourth = run(sample, "build", "--as-of", SAMPLE_AS_OF, "--no-cache")
    assert fourth.code == 0 and "all written" in fourth.out
    # what --no-cache built is recorded like any build: nothing to do after it
    fifth = run(sample, "build", "--as-of", SAMPLE_AS_OF)
    assert "Nothing has changed since the last build" in fifth.out
    bad = run(sample, "build", "--as-of", SAMPLE_AS_OF, "--jobs", "0")
    assert bad.code == 2 and "at least 1" in bad.err


def test_a_refused_build_leaves_the_cache_usable(sample: Path, fresh: dict[str, str]) -> None:
    make(sample)
    partnership = sample / "content" / "partnership.yaml"
    good = partnership.read_text(encoding="utf-8")
    partnership.write_text(good + "\nnot_a_key: 1\n", encoding="utf-8")
    refused = build(Project.at(sample), AS_OF)
    assert not refused.built
    partnership.write_text(good, encoding="utf-8")
    outcome = make(sample)
    assert outcome.stats == {"up to date": True}
    assert outputs(sample) == fresh
