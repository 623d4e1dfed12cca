"""Count the work the checks and the log derivation do on a corpus, in operations, not seconds.

Wall-clock time on a shared machine says little; the number of Python function calls
(including calls into C builtins) plus the number of lines executed in ijbdocs's own code is
the same on every run and grows with the algorithm, not with the load. A quadratic rule
shows as work growing with the square of the corpus.

    python benchmarks/work.py --size M --out /tmp/corpus-m
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import ijbdocs  # noqa: E402
from benchmarks import corpus  # noqa: E402

IJBDOCS = str(Path(ijbdocs.__file__).resolve().parent)


class WorkCounter:
    """Counts calls (Python and C) everywhere, and lines executed in ijbdocs's modules."""

    def __init__(self) -> None:
        self.calls = 0
        self.lines = 0

    def _profile(self, frame: FrameType, event: str, arg: Any) -> None:
        if event in ("call", "c_call"):
            self.calls += 1

    def _trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename.startswith(IJBDOCS):
            return self._line
        return None

    def _line(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.lines += 1
        return self._line

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        sys.setprofile(self._profile)
        sys.settrace(self._trace)
        try:
            return function(*args)
        finally:
            sys.settrace(None)
            sys.setprofile(None)

    @property
    def total(self) -> int:
        return self.calls + self.lines


def count_check_work(size: str, seed: int, folder: str) -> dict[str, Any]:
    """Generate a corpus, read it, then count the work of the checks and of the log."""
    from ijbdocs.checks import run_checks
    from ijbdocs.content import read_content
    from ijbdocs.log import directions_log

    project = Path(folder)
    meta = corpus.write_corpus(size, seed, project)
    day = dt.date.fromisoformat(meta["as_of"])
    start = time.perf_counter()
    read = read_content(project / "content")
    read_s = time.perf_counter() - start
    checks = WorkCounter()
    findings = checks.run(run_checks, read, day)
    log = WorkCounter()
    rows = log.run(directions_log, read.content, day).rows
    # the same again untimed by tracing, for information only
    start = time.perf_counter()
    run_checks(read, day)
    checks_s = time.perf_counter() - start
    start = time.perf_counter()
    directions_log(read.content, day)
    log_s = time.perf_counter() - start
    return {
        "size": size,
        "papers": meta["papers"],
        "directions": meta["directions"],
        "files": len(read.documents),
        "errors": [str(f) for f in findings.errors[:5]],
        "warnings": len(findings.warnings),
        "log_rows": len(rows),
        "check_work": checks.total,
        "check_calls": checks.calls,
        "check_lines": checks.lines,
        "log_work": log.total,
        "read_seconds": read_s,
        "check_seconds": checks_s,
        "log_seconds": log_s,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(corpus.SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="the project folder to write")
    args = parser.parse_args(argv)
    print(json.dumps(count_check_work(args.size, args.seed, str(args.out)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
