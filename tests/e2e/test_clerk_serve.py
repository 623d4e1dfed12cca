"""`ijbdocs serve` as a clerk uses it: start it, change a file, see the page change; make
a mistake, see it in the page; stop it cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import Project

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # loopback only
        return response.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting {seconds}s for {what}")


def test_serve_rebuilds_on_change_shows_errors_and_stops(tmp_path: Path) -> None:
    Project().write(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ijbdocs", "-C", str(tmp_path), "serve", "--port",
             str(port), "--as-of", "2024-06-01"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    try:
        wait_for(lambda: "Testshire" in fetch(base), 60, "the first build to be served")
        partnership = tmp_path / "content" / "partnership.yaml"
        partnership.write_text(partnership.read_text().replace(
            "Testshire Integration Joint Board", "Renamed Integration Joint Board"))
        wait_for(lambda: "Renamed Integration Joint Board" in fetch(base), 60,
                 "the rebuilt home page")
        # a content error: the terminal and the page say so; the last good site stays
        partnership.write_text(partnership.read_text().replace("localities:", "localitees:"))
        wait_for(lambda: "ijbdocs-errors" in fetch(base), 60, "the error banner")
        page = fetch(base)
        assert "Renamed Integration Joint Board" in page  # still the last good site
        assert "unknown key" in page and "localitees" in page
        errors = fetch(base + "__ijbdocs__/errors")
        assert "partnership.yaml:" in errors and 'href="/"' in errors
        wait_for(lambda: "unknown key 'localitees'" in log.read_text(), 10, "the terminal")
        assert "^" in log.read_text()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    assert process.returncode == 0, log.read_text()
    assert "Stopped the preview." in log.read_text()
    assert "Traceback" not in log.read_text()
