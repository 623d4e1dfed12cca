"""Builds that are killed, or run twice at once, never leave a damaged or mixed site/."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import AS_OF, Project, direction, paper

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def start_build(root: Path, as_of: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ijbdocs", "-C", str(root), "build", "--as-of", as_of],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )


def sample_project(root: Path) -> Path:
    project = Project()
    for n in range(1, 6):
        project.add_paper("2024-03-21", f"0{n}-item", paper(
            f"Item {n}", "council", decision="approved",
            direction=direction(f"TIJB-2024-00{n}", issued="2024-03-25")))
    return project.write(root)


def test_killed_build_leaves_previous_site_intact_and_next_build_clean(tmp_path: Path) -> None:
    root = sample_project(tmp_path)
    first = start_build(root, AS_OF.isoformat())
    assert first.wait(timeout=120) == 0, first.communicate()
    before = tree(root / "site")
    reference = sample_project(tmp_path / "reference")
    clean = start_build(reference, "2024-06-02")
    assert clean.wait(timeout=120) == 0
    after = tree(reference / "site")
    assert after != before
    # kill builds for the later date at several points of their run
    for delay in (0.3, 0.8, 1.5, 2.5):
        build = start_build(root, "2024-06-02")
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        now = tree(root / "site")
        assert now in (before, after), f"site/ is neither old nor new after a kill at {delay}s"
    final = start_build(root, "2024-06-02")
    assert final.wait(timeout=120) == 0, final.communicate()
    assert not list(root.glob(".ijbdocs-stage-*")), "a killed build's staging folder remains"
    assert tree(root / "site") == after


def test_two_builds_at_once_never_mix(tmp_path: Path) -> None:
    root = sample_project(tmp_path / "a")
    builds = [start_build(root, AS_OF.isoformat()) for _ in range(2)]
    results = [(b.wait(timeout=120), *b.communicate()) for b in builds]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 1]), results
    for code, _out, err in results:
        if code == 1:
            assert "another ijbdocs build of this folder is running" in err
        assert "Traceback" not in err
    reference = sample_project(tmp_path / "b")
    single = start_build(reference, AS_OF.isoformat())
    assert single.wait(timeout=120) == 0
    assert tree(root / "site") == tree(reference / "site")
