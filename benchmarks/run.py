"""Measure an ijbdocs build of a synthetic corpus against the parts it is made of, in one run.

    python benchmarks/run.py --size M [--seed 1] [--work DIR] [--json FILE] [--markdown FILE]

Every figure is printed beside a baseline measured in the same run, and their ratio:

- full build wall time and peak memory against (a) a bare `mkdocs build` of the very
  Markdown pages and mkdocs.yml ijbdocs generated plus (b) bare python-docx writing the same
  number of Word documents of similar size, with no templating or checks;
- load + validate + check time against bare PyYAML parsing the same files; log derivation;
- Word documents per second in one process against the bare python-docx rate, and the
  Word step in one process against two (nothing reused from the cache in either);
- the full build starts with no cache (build/cache/ absent) and uses every core; a no-op
  rebuild, and a rebuild after one paper changed, then reuse what it cached, as fractions
  of the full build;
- with Zensical importable, the same site built by Zensical, side by side.

Builds and baselines run in child processes, so wall time includes start-up (as a clerk
running `ijbdocs build` sees it) and peak memory (ru_maxrss from os.wait4) is each one's own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # `python benchmarks/run.py` from anywhere
    sys.path.insert(0, str(HERE.parent))

from benchmarks import corpus  # noqa: E402

DOCX_SAMPLE = 40  # Word files inspected to size the python-docx baseline


# ------------------------------------------------------------------- child process runs


@dataclass
class Measured:
    seconds: float
    peak_mb: float  # the largest single process (ru_maxrss)
    total_pss_mb: float = 0.0  # all its processes at once (sampled PSS: shared pages once)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Measured:
    """Run `command` to the end; its wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        total_kb = 0
        while True:  # sample the process and its workers until it ends
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            total_kb = max(total_kb, sum(_pss_kb(p) for p in _tree(process.pid)))
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            tail = output.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    return Measured(seconds, usage.ru_maxrss / 1024, total_kb / 1024)  # Linux: kilobytes


def worker(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "_worker", *args]


def epoch_env(as_of: dt.date) -> dict[str, str]:
    epoch = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).timestamp()
    return {**os.environ, "SOURCE_DATE_EPOCH": str(int(epoch))}


# -------------------------------------------------------------------------------- workers


def _build_worker(project: str, as_of: str, out: str, capture: str, engine: str,
                  jobs: str = "", cache: str = "yes") -> None:
    """`ijbdocs build` as the CLI calls it, timing each step and keeping the site config."""
    from ijbdocs.pipeline import build
    from ijbdocs.project import Project
    from ijbdocs.render import site

    if capture:
        # ijbdocs writes mkdocs.yml into its staging folder and discards it; keep a copy for
        # the bare-engine baseline (a file copy: nothing measurable)
        for name in ("run_mkdocs", "run_zensical"):
            original = getattr(site, name)

            def keep(config_file: Path, day: dt.date, _original: Any = original) -> None:
                Path(capture).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(config_file, Path(capture) / "mkdocs.yml")
                _original(config_file, day)

            setattr(site, name, keep)
    steps: dict[str, float] = {}
    current: list[Any] = [None, time.perf_counter()]

    def progress(step: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if current[0] is not None:
            steps[current[0]] = steps.get(current[0], 0.0) + now - current[1]
        current[:] = [step, now]

    start = time.perf_counter()
    outcome = build(Project(Path(project)), dt.date.fromisoformat(as_of), progress=progress,
                    engine=engine, jobs=int(jobs) if jobs else None, cache=cache == "yes")
    total = time.perf_counter() - start
    errors = [str(f) for f in outcome.check.findings.errors]
    Path(out).write_text(json.dumps({"built": outcome.built, "errors": errors[:5],
                                     "steps": steps, "in_process": total,
                                     "stats": outcome.stats}))
    if not outcome.built:
        raise SystemExit(f"the build failed: {errors[:5]}")


def _check_worker(project: str, as_of: str, out: str) -> None:
    """Load + validate, checks and log derivation, each timed on its own."""
    from ijbdocs.checks import run_checks
    from ijbdocs.content import read_content
    from ijbdocs.log import directions_log

    day = dt.date.fromisoformat(as_of)
    root = Path(project) / "content"
    start = time.perf_counter()
    read = read_content(root)
    loaded = time.perf_counter()
    findings = run_checks(read, day)
    checked = time.perf_counter()
    log = directions_log(read.content, day)
    logged = time.perf_counter()
    Path(out).write_text(json.dumps({
        "load_validate": loaded - start, "checks": checked - loaded, "log": logged - checked,
        "errors": len(findings.errors), "warnings": len(findings.warnings),
        "log_rows": len(log.rows),
    }))


def _yaml_worker(project: str, out: str, loader: str) -> None:
    """Bare PyYAML: parse every content file, nothing else."""
    files = sorted((Path(project) / "content").rglob("*.yaml"))
    cls = getattr(yaml, loader)
    start = time.perf_counter()
    for file in files:
        yaml.load(file.read_text(encoding="utf-8"), Loader=cls)
    Path(out).write_text(json.dumps({"seconds": time.perf_counter() - start,
                                     "files": len(files)}))


def _docx_worker(count: str, shape: str, folder: str, out: str) -> None:
    """Naive python-docx: `count` documents of the given shape, no templates or checks."""
    import docx

    size = json.loads(shape)
    text = "x" * max(1, int(size["chars_per_paragraph"]))
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for n in range(int(count)):
        document = docx.Document()
        document.add_heading(f"Document {n}", 0)
        for p in range(int(size["paragraphs"])):
            if p % 8 == 0:
                document.add_heading("Section heading", 1)
            else:
                document.add_paragraph(text)
        for _ in range(int(size["tables"])):
            rows, cols = int(size["table_rows"]), int(size["table_cols"])
            table = document.add_table(rows=rows, cols=cols)
            for r in range(rows):
                for c in range(cols):
                    table.cell(r, c).text = "cell"
        document.save(str(target / f"{n:05d}.docx"))
    Path(out).write_text(json.dumps({"seconds": time.perf_counter() - start}))


WORKERS = {"build": _build_worker, "check": _check_worker, "yaml": _yaml_worker,
           "docx": _docx_worker}


# ------------------------------------------------------------------------------- figures


def docx_files(project: Path) -> list[Path]:
    return sorted([*(project / "site").rglob("*.docx"), *(project / "build").rglob("*.docx")])


def docx_shape(files: list[Path]) -> dict[str, float]:
    """The average size of the Word files ijbdocs wrote, from an even sample of them."""
    import docx

    step = max(1, len(files) // DOCX_SAMPLE)
    sample = files[::step][:DOCX_SAMPLE]
    paragraphs = chars = tables = rows = cols = 0
    for file in sample:
        document = docx.Document(str(file))
        paragraphs += len(document.paragraphs)
        chars += sum(len(p.text) for p in document.paragraphs)
        tables += len(document.tables)
        for table in document.tables:
            rows += len(table.rows)
            cols += len(table.columns)
    n = len(sample)
    return {
        "paragraphs": paragraphs / n,
        "chars_per_paragraph": chars / max(1, paragraphs),
        "tables": tables / n,
        "table_rows": rows / max(1, tables),
        "table_cols": cols / max(1, tables),
        "sampled": n,
    }


def change_one_paper(project: Path) -> str:
    """Add a sentence to one public paper at the last meeting held; its path."""
    meetings = sorted((project / "content" / "meetings").iterdir())
    for file in sorted(meetings[-2].glob("[0-9]*.yaml")):
        value = yaml.safe_load(file.read_text(encoding="utf-8"))
        if value.get("visibility", "public") == "public":
            value["summary"] += "This sentence was added to measure a one-paper rebuild.\n"
            file.write_text(corpus.dump(value), encoding="utf-8")
            return file.relative_to(project).as_posix()
    raise RuntimeError("no public paper at the last meeting")


def machine() -> dict[str, Any]:
    memory = ""
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    import docx  # noqa: F401
    import mkdocs

    versions = {}
    for name in ("ijbdocs", "mkdocs", "mkdocs-material", "python-docx", "zensical", "PyYAML"):
        try:
            from importlib.metadata import version
            versions[name] = version(name)
        except Exception:  # not installed
            versions[name] = None
    del mkdocs
    return {
        "date": dt.date.today().isoformat(),
        "nproc": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_start": os.getloadavg(),
        "versions": versions,
    }


def ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return value / base


def run(size: str, seed: int, work: Path, zensical: bool) -> dict[str, Any]:
    info = machine()
    work.mkdir(parents=True, exist_ok=True)
    project = work / "project"
    for folder in ("project", "bare-mkdocs", "bare-zensical", "bare-docx", "capture"):
        shutil.rmtree(work / folder, ignore_errors=True)
    meta = corpus.write_corpus(size, seed, project)
    as_of = meta["as_of"]
    day = dt.date.fromisoformat(as_of)
    out = work / "worker.json"

    def read_out() -> dict[str, Any]:
        return json.loads(out.read_text())

    print(f"corpus {size} (seed {seed}): {meta['papers']} papers, {meta['meetings']} meetings,"
          f" {meta['directions']} directions; as of {as_of}", flush=True)

    # load + validate + check, and the log, against bare YAML parsing
    checked = measure(worker("check", str(project), as_of, str(out)))
    check = read_out()
    if check["errors"]:
        raise RuntimeError(f"the corpus has {check['errors']} check errors")
    bare_yaml = measure(worker("yaml", str(project), str(out), "SafeLoader"))
    bare_yaml_s = read_out()["seconds"]
    measure(worker("yaml", str(project), str(out), "CSafeLoader"))
    bare_cyaml_s = read_out()["seconds"]
    print("  check measured", flush=True)

    # the full build
    full = measure(worker("build", str(project), as_of, str(out), str(work / "capture"),
                          "mkdocs"))
    build = read_out()
    steps = build["steps"]
    word_s = steps.get("building word")
    files = docx_files(project)
    papers = [f for f in files if f.stem[:2].isdigit()]  # NN-slug: papers, not agendas or packs
    word_available = importlib.util.find_spec("ijbdocs.render.word") is not None and bool(files)
    print(f"  full build {full.seconds:.1f} s, {len(files)} Word files", flush=True)

    # the Word step on its own terms: one process, then two, nothing reused
    serial = measure(worker("build", str(project), as_of, str(out), "", "mkdocs", "1", "no"))
    word_1 = read_out()["steps"].get("building word")
    measure(worker("build", str(project), as_of, str(out), "", "mkdocs", "2", "no"))
    word_2 = read_out()["steps"].get("building word")
    print(f"  Word step {word_1:.1f} s in one process, {word_2:.1f} s in two", flush=True)

    # (a) bare mkdocs of the same pages and config
    bare = work / "bare-mkdocs"
    shutil.copytree(project / "build" / "docs", bare / "docs")
    shutil.copyfile(work / "capture" / "mkdocs.yml", bare / "mkdocs.yml")
    mkdocs_bare = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"],
                          cwd=bare, env=epoch_env(day))
    pages = sum(1 for _ in (bare / "docs").rglob("*.md"))
    print(f"  bare mkdocs {mkdocs_bare.seconds:.1f} s ({pages} pages)", flush=True)

    # (b) bare python-docx, the same number of documents of similar size
    docx_bare: Measured | None = None
    docx_inner = None
    shape = None
    if word_available:
        shape = docx_shape(files)
        docx_bare = measure(worker("docx", str(len(files)), json.dumps(shape),
                                   str(work / "bare-docx"), str(out)))
        docx_inner = read_out()["seconds"]
        print(f"  bare python-docx {docx_bare.seconds:.1f} s", flush=True)

    # rebuilds: the no-cache builds above neither read nor changed the full build's cache
    noop = measure(worker("build", str(project), as_of, str(out), "", "mkdocs"))
    noop_stats = read_out()["stats"]
    changed_file = change_one_paper(project)
    changed = measure(worker("build", str(project), as_of, str(out), "", "mkdocs"))
    changed_out = read_out()
    changed_steps, changed_stats = changed_out["steps"], changed_out["stats"]
    print(f"  no-op {noop.seconds:.1f} s, one paper changed {changed.seconds:.1f} s",
          flush=True)

    # Zensical side by side
    zen: dict[str, Any] | None = None
    if zensical and importlib.util.find_spec("zensical") is not None:
        zen_full = measure(worker("build", str(project), as_of, str(out), "", "zensical", "",
                                  "no"))  # a full build, like the mkdocs one: nothing reused
        zen_site = read_out()["steps"].get("building site")
        zbare = work / "bare-zensical"
        shutil.copytree(project / "build" / "docs", zbare / "docs")
        shutil.copyfile(work / "capture" / "mkdocs.yml", zbare / "mkdocs.yml")
        zen_bare = measure([sys.executable, "-m", "zensical", "build", "--clean", "-f",
                            "mkdocs.yml"], cwd=zbare, env=epoch_env(day))
        zen = {"full_build": asdict(zen_full), "site_step": zen_site, "bare": asdict(zen_bare)}
        print(f"  zensical build {zen_full.seconds:.1f} s, bare {zen_bare.seconds:.1f} s",
              flush=True)

    baseline = mkdocs_bare.seconds + (docx_bare.seconds if docx_bare else 0.0)
    peak_base = max(mkdocs_bare.peak_mb, docx_bare.peak_mb if docx_bare else 0.0)
    info["load_average_end"] = os.getloadavg()
    na = "not available (no Word renderer output)"
    rows = [
        ("full build, wall (s)", full.seconds, baseline,
         "bare mkdocs + bare python-docx" if docx_bare else "bare mkdocs only (Word: " + na + ")",
         "≤ 1.3 (M)"),
        ("full build, peak memory (MB)", full.peak_mb, peak_base,
         "larger of bare mkdocs, bare python-docx", "≤ 1 GB on L"),
        ("  all its processes at once (MB)", full.total_pss_mb, peak_base,
         "the same", ""),
        ("site step (s)", steps.get("building site"), mkdocs_bare.seconds,
         "bare mkdocs build (process)", ""),
        ("Word step (s)", word_s if word_available else None,
         docx_bare.seconds if docx_bare else None, "bare python-docx (process)", ""),
        ("Word documents per second, one process",
         len(files) / word_1 if word_available and word_1 else None,
         len(files) / docx_inner if docx_inner else None,
         "bare python-docx documents per second", "≥ 1"),
        ("Word step, one process (s)", word_1, word_2, "the same with two processes",
         "≥ 1.7"),
        ("load + validate + check (s)", check["load_validate"] + check["checks"], bare_yaml_s,
         "bare PyYAML safe_load (SafeLoader) of the same files", ""),
        ("  of which load + validate (s)", check["load_validate"], bare_cyaml_s,
         "bare PyYAML CSafeLoader (libyaml) of the same files", ""),
        ("log derivation (s)", check["log"], check["load_validate"] + check["checks"],
         "load + validate + check", ""),
        ("no-op rebuild (s)", noop.seconds, full.seconds, "full build", "≤ 0.10 (M)"),
        ("one paper changed, rebuild (s)", changed.seconds, full.seconds, "full build", ""),
        ("one paper changed, Word step (s)",
         changed_steps.get("building word") if word_available else None, 1.0,
         "the 1 s target", "≤ 1"),
    ]
    if zen:
        rows += [
            ("Zensical full build, wall (s)", zen["full_build"]["seconds"], full.seconds,
             "ijbdocs build with mkdocs", ""),
            ("Zensical site step (s)", zen["site_step"], zen["bare"]["seconds"],
             "bare zensical build (process)", ""),
            ("bare zensical vs bare mkdocs (s)", zen["bare"]["seconds"], mkdocs_bare.seconds,
             "bare mkdocs build", ""),
        ]
    figures = [
        {"figure": name, "value": value, "baseline": base, "baseline_is": what,
         "ratio": ratio(value, base), "target": target}
        for name, value, base, what, target in rows
    ]
    return {
        "size": size, "seed": seed, "corpus": meta, "machine": info,
        "counts": {"pages": pages, "word_files": len(files), "word_papers": len(papers),
                   "log_rows": check["log_rows"], "check_warnings": check["warnings"]},
        "changed_file": changed_file,
        "rebuild_stats": {"noop": noop_stats, "changed": changed_stats},
        "word_step": {"one_process": word_1, "two_processes": word_2,
                      "one_process_build": asdict(serial)},
        "word_available": word_available,
        "docx_shape": shape,
        "steps": steps,
        "processes": {"check": asdict(checked), "bare_yaml": asdict(bare_yaml),
                      "full_build": asdict(full), "bare_mkdocs": asdict(mkdocs_bare),
                      "bare_docx": asdict(docx_bare) if docx_bare else None,
                      "noop": asdict(noop), "changed": asdict(changed)},
        "zensical": zen,
        "figures": figures,
    }


def run_build_only(size: str, seed: int, work: Path) -> dict[str, Any]:
    """One full build with no cache, for the largest corpus: time, steps and peak memory."""
    info = machine()
    work.mkdir(parents=True, exist_ok=True)
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    meta = corpus.write_corpus(size, seed, project)
    out = work / "worker.json"
    print(f"corpus {size} (seed {seed}): {meta['papers']} papers; building", flush=True)
    full = measure(worker("build", str(project), meta["as_of"], str(out), "", "mkdocs"))
    build = json.loads(out.read_text())
    pages = sum(1 for _ in (project / "build" / "docs").rglob("*.md"))
    files = docx_files(project)
    info["load_average_end"] = os.getloadavg()
    steps = build["steps"]
    rows = [
        ("full build, wall (s)", full.seconds, None, "", ""),
        ("full build, peak memory (MB)", full.peak_mb, 1024.0, "1 GB",
         "≤ 1 GB on L (largest process)"),
        ("  all its processes at once (MB)", full.total_pss_mb, 1024.0, "1 GB",
         "≤ 1 GB on L (PSS, sampled)"),
        ("load + validate + check (s)", steps.get("checking the content"), None, "", ""),
        ("site step (s)", steps.get("building site"), None, "", "≤ 4.5 × M's"),
        ("Word step (s)", steps.get("building word"), None, "", ""),
    ]
    figures = [{"figure": name, "value": value, "baseline": base, "baseline_is": what,
                "ratio": ratio(value, base), "target": target}
               for name, value, base, what, target in rows]
    return {"size": size, "seed": seed, "corpus": meta, "machine": info, "build_only": True,
            "counts": {"pages": pages, "word_files": len(files)}, "steps": steps,
            "processes": {"full_build": asdict(full)}, "figures": figures}


def _cell(value: float | None, digits: int = 2) -> str:
    return "not available" if value is None else f"{value:,.{digits}f}"


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    c = result["corpus"]
    lines = [
        f"### Size {result['size']} (seed {result['seed']}): {c['papers']} papers, "
        f"{c['meetings']} meetings, {c['directions']} directions, "
        f"{result['counts']['pages']} pages, {result['counts']['word_files']} Word files",
        "",
        f"{m['date']}; {m['nproc']} cores, {m['memory']}, Python {m['python']}; load average "
        f"{m['load_average_start'][0]:.1f} at start, {m['load_average_end'][0]:.1f} at end.",
        "",
        "| figure | ijbdocs | baseline | ratio | baseline is | target |",
        "|---|---:|---:|---:|---|---|",
    ]
    for f in result["figures"]:
        lines.append(f"| {f['figure']} | {_cell(f['value'])} | {_cell(f['baseline'])} | "
                     f"{_cell(f['ratio'])} | {f['baseline_is']} | {f['target']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "_worker":
        WORKERS[argv[1]](*argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(corpus.SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None,
                        help="where to build (default: a fresh temporary folder)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here "
                        "(default: benchmarks/results/<size>.json)")
    parser.add_argument("--markdown", type=Path, default=None, help="write the table here "
                        "(default: benchmarks/results/<size>.md)")
    parser.add_argument("--no-zensical", action="store_true",
                        help="skip the Zensical builds even if it is installed")
    parser.add_argument("--build-only", action="store_true",
                        help="only one full build (time, steps, peak memory): for size L")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix=f"ijbdocs-bench-{args.size}-"))
    if args.build_only:
        result = run_build_only(args.size, args.seed, work)
    else:
        result = run(args.size, args.seed, work, zensical=not args.no_zensical)
    table = markdown(result)
    json_file = args.json or HERE / "results" / f"{args.size}.json"
    md_file = args.markdown or HERE / "results" / f"{args.size}.md"
    json_file.parent.mkdir(parents=True, exist_ok=True)
    md_file.parent.mkdir(parents=True, exist_ok=True)
    json_file.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    md_file.write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"figures: {json_file}\ntable: {md_file}\nbuilt in: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
