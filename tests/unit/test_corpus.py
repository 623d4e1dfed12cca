"""The benchmark corpus: deterministic, valid, and checked in work that grows linearly."""

from __future__ import annotations

import json
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from factories import run

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from benchmarks.work import count_check_work  # noqa: E402

# Work may grow a little faster than the corpus (sorting is n log n) but nowhere near the
# square of it: 4 times the papers with quadratic work would be about 16 times the work.
LINEAR_SLACK = 1.25


def files_below(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_small_corpus_is_deterministic_and_passes_check(tmp_path: Path) -> None:
    first = corpus.write_corpus("S", 7, tmp_path / "a")
    corpus.write_corpus("S", 7, tmp_path / "b")
    a, b = files_below(tmp_path / "a"), files_below(tmp_path / "b")
    assert a == b
    text = {name: data.decode("utf-8") for name, data in a.items()}
    assert corpus.generate("S", 7)[0] == text
    assert corpus.generate("S", 8)[0] != text  # the seed matters
    # what the issue asks of a corpus: 8 meetings a year of 12 papers, directions and
    # their whole life cycle, private and draft papers
    assert first["meetings"] == 9  # 8 held, and the next one after the as-of date
    assert first["papers"] == 9 * 12
    assert first["directions"] > first["papers"] // 4
    for kind in ("variations", "private papers", "draft papers", "legacy directions"):
        assert first.get(kind, 0) > 0, kind
    assert "content/plan/plan.yaml" in a and "content/easy-read/plan.yaml" in a
    papers = [v for k, v in text.items() if k.startswith("content/meetings/")
              and k.endswith(".yaml") and not k.endswith("/meeting.yaml")]
    assert all("|---|---|---|" in v and "\n    - a single team" in v for v in papers)
    result = run(tmp_path / "a", "check", "--as-of", first["as_of"])
    assert result.code == 0, result.out
    assert result.findings == []
    assert "No problems found." in result.out
    assert json.loads(a["corpus.json"])["as_of"] == first["as_of"]


@pytest.fixture(scope="session")
def check_work(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The M and L corpora, generated, read and checked once, in two processes at once."""
    folder = tmp_path_factory.mktemp("corpora")
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        jobs = {size: pool.submit(count_check_work, size, 1, str(folder / size))
                for size in ("L", "M")}
        return {size: job.result() for size, job in jobs.items()}


@pytest.mark.slow
def test_check_and_log_work_grow_linearly_from_m_to_l(
    check_work: dict[str, dict[str, Any]],
) -> None:
    m, large = check_work["M"], check_work["L"]
    assert m["errors"] == [] and large["errors"] == []
    assert m["warnings"] == 0 and large["warnings"] == 0
    papers = large["papers"] / m["papers"]
    directions = large["directions"] / m["directions"]
    check_growth = large["check_work"] / m["check_work"]
    log_growth = large["log_work"] / m["log_work"]
    print(
        f"\nM: {m['papers']} papers, L: {large['papers']} ({papers:.2f}x); directions "
        f"{directions:.2f}x\n"
        f"check work {m['check_work']:,} -> {large['check_work']:,} ({check_growth:.2f}x); "
        f"log work {m['log_work']:,} -> {large['log_work']:,} ({log_growth:.2f}x)\n"
        f"for information, seconds M -> L: read {m['read_seconds']:.1f} -> "
        f"{large['read_seconds']:.1f}, checks {m['check_seconds']:.2f} -> "
        f"{large['check_seconds']:.2f}, log {m['log_seconds']:.3f} -> {large['log_seconds']:.3f}"
    )
    assert 3.5 < papers < 4.5
    # the counters see the per-paper work (not only fixed costs) ...
    assert check_growth > 2 and log_growth > 2
    # ... and it grows no faster than the corpus
    assert check_growth <= LINEAR_SLACK * papers
    assert log_growth <= LINEAR_SLACK * directions
