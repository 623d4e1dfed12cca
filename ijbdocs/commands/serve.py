"""`ijbdocs serve`: build, serve site/ on this computer, and rebuild when content changes.

The preview is for the person editing: it listens on 127.0.0.1 only. While the latest
build has content errors, the last good site keeps being served with a banner listing
the errors (and / shows an error page if there has never been a good build); the page
reloads itself after each rebuild. Ctrl-C stops it cleanly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import http.server
import json
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from ..findings import Findings, Severity
from ..pipeline import build
from ..project import Project
from ..render.site import SiteBuildError
from ..write import BuildLocked
from .common import EXIT_CONTENT, EXIT_OK, add_as_of, print_findings, source_excerpt, verbosity
from .feedback import progress_for, summary

HELP = "preview the website on this computer, rebuilding it whenever the content changes"
STATE_PATH = "/__ijbdocs__/state"
ERRORS_PATH = "/__ijbdocs__/errors"
MAX_IN_BANNER = 10


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8000,
                        help="the port to serve on (default: %(default)s)")
    add_as_of(parser)


class State:
    """What the server shows: the build number, and the errors of the latest build."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.errors: list[tuple[str, list[str]]] = []  # (finding line, source excerpt)
        self.built_once = False

    def update(self, errors: list[tuple[str, list[str]]], built: bool) -> None:
        with self.lock:
            self.generation += 1
            self.errors = errors
            self.built_once = self.built_once or built

    def snapshot(self) -> tuple[int, list[tuple[str, list[str]]], bool]:
        with self.lock:
            return self.generation, list(self.errors), self.built_once


def rebuild(project: Project, as_of: dt.date | None, state: State, level: int) -> None:
    """One build: report in the terminal and record the errors for the browser."""
    day = as_of or dt.date.today()
    stamp = time.strftime("%H:%M:%S")
    try:
        with progress_for(level) as progress:
            result = build(project, day, False, progress=progress)
    except (SiteBuildError, BuildLocked) as exc:
        print(f"[{stamp}] ijbdocs: {exc}; still showing the last good site", flush=True)
        state.update([(f"ijbdocs: {exc}", [])], built=False)
        return
    findings: Findings = result.check.findings
    print(f"[{stamp}] rebuilt as of {day.isoformat()}", flush=True)
    print_findings(findings, project.content, quiet=level == 0)
    errors = [(str(f), source_excerpt(f.location, project.content))
              for f in findings.sorted() if f.severity is Severity.ERROR]
    if result.built:
        if level >= 1:
            for line in summary(result, project, 1)[:-1]:
                print(line)
    else:
        print("Not rebuilt: fix the errors above; the preview shows them and keeps the last "
              "good site.", flush=True)
    sys.stdout.flush()
    state.update(errors, built=result.built)


def _banner(errors: list[tuple[str, list[str]]]) -> str:
    items = "".join(
        f"<li><code>{html.escape(line)}</code></li>" for line, _ in errors[:MAX_IN_BANNER]
    )
    more = len(errors) - MAX_IN_BANNER
    extra = f"<p>… and {more} more.</p>" if more > 0 else ""
    return (
        '<div id="ijbdocs-errors" role="alert" style="position:relative;z-index:1000;'
        "background:#fff0f0;color:#1a1a1a;border:4px solid #b00020;padding:1rem;"
        'margin:0;font:1rem/1.5 sans-serif">'
        f"<p><strong>ijbdocs found {len(errors)} error{'s' if len(errors) != 1 else ''}; "
        "this preview shows the last good build.</strong> Fix them and save: the page "
        f'reloads by itself. <a href="{ERRORS_PATH}">See every error with its line</a>.</p>'
        f'<ul style="margin:0;padding-left:1.5rem">{items}</ul>{extra}</div>'
    )


def _reload_script(generation: int) -> str:
    # Poll the server's build number and reload when a rebuild has happened.
    return (
        f"<script>(function(){{var g={generation};setInterval(function(){{"
        f"fetch('{STATE_PATH}').then(function(r){{return r.json()}}).then(function(s){{"
        "if(s.generation!==g){location.reload()}}).catch(function(){})},1000)})();</script>"
    )


def error_page(errors: list[tuple[str, list[str]]], generation: int) -> str:
    blocks = "".join(
        f"<li><pre>{html.escape(chr(10).join([line, *excerpt]))}</pre></li>"
        for line, excerpt in errors
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Content errors – ijbdocs preview</title></head>"
        '<body style="font:1.1rem/1.5 sans-serif;max-width:60rem;margin:1rem auto;'
        'padding:0 1rem;color:#1a1a1a">'
        f"<h1>{len(errors)} content error{'s' if len(errors) != 1 else ''}</h1>"
        "<p>The site could not be rebuilt. Fix these in your content files and save; this "
        "page reloads by itself.</p>"
        f'<ol style="padding-left:1.5rem">{blocks}</ol>'
        '<p><a href="/">Back to the site (the last good build)</a></p>'
        f"{_reload_script(generation)}</body></html>"
    )


def handler_for(site: Path, state: State) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal is for build results, not for every request

        def _send(self, body: str, status: int = 200,
                  kind: str = "text/html; charset=utf-8") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            generation, errors, built_once = state.snapshot()
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path == STATE_PATH:
                self._send(json.dumps({"generation": generation, "errors": len(errors)}),
                           kind="application/json")
                return
            if path == ERRORS_PATH or (not built_once and errors):
                self._send(error_page(errors, generation))
                return
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                text = file.read_text(encoding="utf-8", errors="replace")
                extra = (_banner(errors) if errors else "")
                text = _inject(text, extra, _reload_script(generation))
                self._send(text)
                return
            super().do_GET()

    return Handler


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a connection early (a reload, a closed tab) is normal.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def _inject(page: str, banner: str, script: str) -> str:
    """The banner just after <body …>, the reload script just before </body>."""
    lower = page.lower()
    start = lower.find("<body")
    if start != -1 and banner:
        end = page.find(">", start) + 1
        page = page[:end] + banner + page[end:]
        lower = page.lower()
    close = lower.rfind("</body>")
    return page[:close] + script + page[close:] if close != -1 else page + script


def _watched(project: Project) -> list[Path]:
    paths = [project.content]
    for extra in (project.root / "templates", project.root / "mkdocs.yml"):
        if extra.exists():
            paths.append(extra)
    return paths


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace, project: Project) -> int:
    from watchfiles import watch

    level = verbosity(args)
    state = State()
    try:
        server = PreviewServer(("127.0.0.1", args.port), handler_for(project.site, state))
    except OSError as exc:
        print(f"ijbdocs: cannot serve on port {args.port} ({exc.strerror}); another program "
              f"may be using it: try --port {args.port + 1}", file=sys.stderr)
        return EXIT_CONTENT
    # Ctrl-C and a polite kill both stop the preview the same way (SIGINT too, because a
    # process started in the background may begin with it ignored).
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    thread = threading.Thread(target=server.serve_forever, name="ijbdocs-serve", daemon=True)
    stop = threading.Event()
    try:
        rebuild(project, args.as_of, state, level)
        thread.start()
        print(f"Serving http://127.0.0.1:{args.port}/ — watching "
              f"{', '.join(p.name + ('/' if p.is_dir() else '') for p in _watched(project))}"
              " for changes. Press Ctrl-C to stop.", flush=True)
        for changes in watch(*_watched(project), stop_event=stop, debounce=300,
                             raise_interrupt=True):
            if level >= 2:
                for _, changed in sorted(changes):
                    print(f"  changed: {changed}", flush=True)
            rebuild(project, args.as_of, state, level)
    except KeyboardInterrupt:
        print("\nStopped the preview.", flush=True)
    finally:
        stop.set()
        if thread.is_alive():
            server.shutdown()
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return EXIT_OK
