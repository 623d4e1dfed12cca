"""What a person sees while and after a build: a progress bar, then a short summary.

The bar is drawn with rich on the terminal's error stream, only when that is a terminal
and only once a build has taken more than a moment; stdout keeps just the findings and
the summary, so output piped to a file or read by a test is plain text.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from ..pipeline import BuildOutcome
from ..project import Project

SHOW_AFTER_SECONDS = 0.7  # a quick build should not flash a bar


class BuildProgress:
    """A progress callback for pipeline.build that draws a bar when it is worth it."""

    def __init__(self, enabled: bool, verbose: bool = False):
        self.console = Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.verbose = verbose
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.verbose:
            print(f"  [{done}/{total}] {step}", file=sys.stderr)
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < SHOW_AFTER_SECONDS and done < total:
                return
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(step, total=total)
        assert self.task is not None
        self.bar.update(self.task, description=step, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def progress_for(level: int) -> Iterator[BuildProgress]:
    """The progress callback for a verbosity level (0 quiet, 1 normal, 2 verbose)."""
    with BuildProgress(enabled=level >= 1, verbose=level >= 2) as progress:
        yield progress


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def summary(result: BuildOutcome, project: Project, level: int = 1) -> list[str]:
    """The lines printed after a successful build: what was built, and where it went."""
    content = result.check.read.content
    papers = list(content.papers())
    kinds = {kind: sum(1 for p in papers if p.visibility == kind)
             for kind in ("public", "private", "draft")}
    detail = ", ".join(f"{n} {kind}" for kind, n in kinds.items() if n)
    lines = [
        f"Built as of {result.check.as_of.isoformat()}: "
        f"{_plural(len(content.meetings), 'meeting')}, "
        f"{_plural(len(papers), 'paper')}{f' ({detail})' if detail else ''}."
    ]
    if result.log is not None:
        counts = {status: n for status, n in result.log.counts().items() if n}
        if counts:
            words = ", ".join(f"{n} {status}" for status, n in counts.items())
            lines.append(f"Directions: {words}.")
        else:
            lines.append("Directions: none yet.")
    if result.stats.get("up to date"):
        lines.append("Nothing has changed since the last build: site/ and build/ are up to "
                     "date.")
    written = result.stats.get("word written")
    reused = result.stats.get("word from cache")
    if isinstance(written, int) and isinstance(reused, int) and written + reused:
        lines.append(f"Word files: {_plural(written + reused, 'file')}, "
                     + (f"{written} written, {reused} unchanged since the last build."
                        if reused else "all written."))
    warnings = len(result.check.findings.warnings)
    if warnings:
        lines.append(f"{_plural(warnings, 'warning')} (listed above); the build went ahead.")
    where = {
        "site/": "the public website (open site/index.html, or run `ijbdocs serve`)",
        "build/docs/": "the generated pages the website is made from",
        "build/private/": "private and draft material (never published)",
    }
    if level >= 2:
        lines.append("Outputs:")
        for output in result.outputs:
            path = project.root / output
            lines.append(f"  {path}  {where.get(output, '')}".rstrip())
    else:
        lines.append(f"Website: {project.site / 'index.html'}")
    return lines
