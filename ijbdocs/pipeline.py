"""The pipeline as library calls: read → model → checks → renderers → atomic writers.

The CLI is a thin layer over `check` and `build`; tests and other programs call them too.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .cache import BuildRecord, digest, files_digest, software_digest
from .checks import run_checks
from .content import ReadResult, read_content
from .findings import Findings
from .log import DirectionsLog, directions_log
from .project import Project
from .render import renderers
from .render.context import BuildContext
from .write import Stage, build_lock

Progress = Callable[[str, int, int], None]


def _step_name(render: Callable[..., object]) -> str:
    """A renderer's step as people read it, from its module (`render.word` → "building word")."""
    module = getattr(render, "__module__", "") or ""
    return f"building {module.rsplit('.', 1)[-1] or 'outputs'}"


@dataclass
class CheckOutcome:
    read: ReadResult
    findings: Findings
    as_of: dt.date

    @property
    def ok(self) -> bool:
        return not self.findings.errors


@dataclass
class BuildOutcome:
    check: CheckOutcome
    built: bool = False
    log: DirectionsLog | None = None
    outputs: list[str] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)


def available_cores() -> int:
    """The processor cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def inputs_key(project: Project, read: ReadResult, as_of: dt.date, engine: str) -> str:
    """Everything a build reads: the content folder, the project's templates, mkdocs.yml
    and Word reference document, the as-of date, the engine and the software."""
    partnership = read.content.partnership
    chosen = partnership.house_style.word_template if partnership else None
    return digest({
        "software": software_digest(),
        "as_of": as_of.isoformat(),
        "engine": engine,
        "content": files_digest([project.content]),
        "templates": files_digest([project.root / "templates"]),
        "mkdocs": files_digest(project.mkdocs_files),
        "word_template": files_digest([project.root / chosen] if chosen else []),
    })


def check(project: Project, as_of: dt.date, strict: bool = False) -> CheckOutcome:
    """Read the content and run every check; `strict` makes warnings errors."""
    read = read_content(project.content)
    findings = run_checks(read, as_of)
    if strict:
        findings = findings.strict()
    return CheckOutcome(read, findings, as_of)


def build(
    project: Project, as_of: dt.date, strict: bool = False, progress: Progress | None = None,
    engine: str = "mkdocs", jobs: int | None = None, cache: bool = True,
) -> BuildOutcome:
    """Check, then run every renderer into a staging folder and swap it into place.

    Nothing under site/ or build/ changes unless the whole build succeeds. `progress`, if
    given, is called as progress(step, done, total) before each step and once at the end.
    `jobs` is how many processes may render Word files (all cores if None); with `cache`,
    outputs whose inputs are unchanged are reused from build/cache/ (ijbdocs.cache).
    """
    report: Progress = progress or (lambda step, done, total: None)
    steps = renderers()
    total = len(steps) + 2  # checking, each renderer, putting the outputs in place
    report("checking the content", 0, total)
    checked = check(project, as_of, strict)
    outcome = BuildOutcome(checked)
    if not checked.ok:
        return outcome
    content = checked.read.content
    log = directions_log(content, as_of)
    outputs = {"site": project.site, "docs": project.build / "docs",
               "private": project.build / "private"}
    with build_lock(project.root):
        record = BuildRecord(project.build / "cache" / "last-build.json", outputs)
        key = inputs_key(project, checked.read, as_of, engine)
        if cache and record.matches(key):
            stats: dict[str, object] = {"up to date": True}
        else:
            record.forget()  # until the new outputs are in place
            with Stage(project.root) as stage:
                context = BuildContext(
                    project=project,
                    content=content,
                    log=log,
                    as_of=as_of,
                    docs=stage.folder("docs"),
                    files=stage.folder("files"),
                    site=stage.path / "site",
                    private=stage.folder("private"),
                    engine=engine,
                    cache=project.build / "cache" if cache else None,
                    jobs=jobs if jobs is not None else available_cores(),
                )
                for done, render in enumerate(steps, start=1):
                    report(_step_name(render), done, total)
                    render(context)
                report("putting the outputs in place", total - 1, total)
                stage.commit(outputs)
            stats = dict(context.stats)
            record.save(key)  # with or without the cache, these are the outputs of `key`
    report("done", total, total)
    outcome.built = True
    outcome.log = log
    outcome.outputs = ["site/", "build/docs/", "build/private/"]
    outcome.stats = stats
    return outcome
