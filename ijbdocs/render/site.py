"""The public website: generate Markdown pages from templates, then build them with MkDocs.

Only public content reaches the pages: the log they see is the published view (no draft
papers' directions, private ones redacted), and page providers list public papers only.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape

from ..cache import FolderCache, digest, files_digest, software_digest
from ..project import DEFAULTS, Project
from ..write import link_tree, write_text
from .context import BuildContext
from .pages import Page, providers
from .pages.theme import logo_path
from .templating import template_environment

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MATERIAL_LANGUAGES = {"en-GB": "en", "en": "en", "gd": "gd", "cy": "cy"}


class SiteBuildError(Exception):
    """MkDocs could not build the generated pages (not a content problem)."""


_INERT = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"})


def markdown_inert(value: Any) -> Any:
    """Every value a page template prints, made inert as Markdown as well as HTML.

    Pages are Markdown, so text from content such as `[x](javascript:…)` or `{: onclick=…}`
    would otherwise become a link or an attribute. Autoescape handles `<` and `&`; the
    brackets and braces become character references, which read the same in the browser.
    Markup (the sanitised `md` filter's output) passes through.
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(str(escape(value)).translate(_INERT))


def render(context: BuildContext) -> None:
    """Write the generated Markdown to docs/, build the site, then add the public files."""
    pages = [page for provider in providers() for page in provider(context)]
    environment = template_environment(context.project)
    environment.finalize = markdown_inert
    shared: dict[str, Any] = {
        "partnership": context.content.partnership,
        "plan": context.content.plan,
        "content": context.content,
        "log": context.public_log,
        "as_of": context.as_of,
    }
    for page in pages:
        template = environment.get_template(page.template)
        text = template.render({**shared, **page.values})
        if page.path.endswith(".md"):
            text = escaped_title(text)
        write_text(context.docs / page.path, text)
    config_file = context.docs.parent / "mkdocs.yml"
    config = site_config(context.project, context, navigation(pages))
    write_text(config_file, yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False,
                                      allow_unicode=True))
    store = FolderCache(context.cache / "site" if context.cache else Path(),
                        enabled=context.cache is not None)
    key = site_key(context, config, config_file) if store.enabled else ""
    if store.restore(key, context.site):
        context.stats["site"] = "from cache"
    else:
        if context.engine == "zensical":
            run_zensical(config_file, context.as_of)
        else:
            run_mkdocs(config_file, context.as_of)
        store.store(key, context.site)
        context.stats["site"] = "built"
    if context.files.is_dir():
        link_tree(context.files, context.site)  # the staged files are discarded afterwards


def site_key(context: BuildContext, config: dict[str, Any], config_file: Path) -> str:
    """Everything the site engine reads: the generated pages, the config, theme overrides
    and hooks, the project's templates, the date (the sitemap's) and the software."""
    here = config_file.parent
    theme = config.get("theme") or {}
    read = [here / str(theme["custom_dir"])] if theme.get("custom_dir") else []
    read += [here / str(hook) for hook in config.get("hooks") or []]
    return digest({
        "software": software_digest(),
        "engine": context.engine,
        "as_of": context.as_of.isoformat(),
        "config": files_digest([config_file]),
        "pages": files_digest([context.docs]),
        "theme": files_digest(read),
        "templates": files_digest(context.project.template_folders),
    })


def escaped_title(page: str) -> str:
    """The page with its front-matter title HTML-escaped.

    Both engines' themes print a page's title into <title> and the header without
    escaping it, and titles come from content (a paper's or a chapter's title).
    """
    if not page.startswith("---\n"):
        return page
    end = page.find("\n---\n", 4)
    if end < 0:
        return page
    meta = yaml.load(page[4:end], Loader=_LOADER)
    if not isinstance(meta, dict) or not isinstance(meta.get("title"), str):
        return page
    meta["title"] = str(escape(meta["title"]))
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}{page[end + 1:]}"


def navigation(pages: list[Page]) -> list[Any]:
    """The nav: pages with a nav title, grouped by section in order of first appearance."""
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in pages:
        if page.nav is None:
            continue
        entry = {str(escape(page.nav)): page.path}
        if page.section is None:
            nav.append(entry)
        elif page.section in sections:
            sections[page.section].append(entry)
        else:
            sections[page.section] = [entry]
            nav.append({str(escape(page.section)): sections[page.section]})
    return nav


def site_config(project: Project, context: BuildContext, nav: list[Any]) -> dict[str, Any]:
    """The default config, the project's mkdocs.yml over it, then what the content decides."""
    config: dict[str, Any] = {}
    for file in project.mkdocs_files:
        config = deep_merge(config, _read_mkdocs_yaml(file))
    partnership = context.content.partnership
    assert partnership is not None
    config.update(
        # both engines' themes print the site name and nav titles without escaping them
        site_name=str(escape(partnership.name)),
        # relative to the config file beside docs/: Zensical refuses folders outside it
        docs_dir=os.path.relpath(context.docs, context.docs.parent),
        site_dir=os.path.relpath(context.site, context.docs.parent),
        nav=nav,
    )
    if partnership.site_url:
        config["site_url"] = partnership.site_url
    theme = config.setdefault("theme", {})
    theme["language"] = MATERIAL_LANGUAGES.get(partnership.language, theme.get("language", "en"))
    config.setdefault("copyright", f"© {escape(partnership.name)}")
    # the feed link in every page's head; a project's own custom_dir replaces it
    theme.setdefault("custom_dir", str(DEFAULTS / "overrides"))
    logo = logo_path(context)
    if logo:
        theme["logo"] = logo
    return config


def _read_mkdocs_yaml(file: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import get_yaml_loader

    with open(file, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=get_yaml_loader())
    return data or {}


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@contextmanager
def _reproducible(as_of: dt.date) -> Iterator[None]:
    """MkDocs dates the sitemap from SOURCE_DATE_EPOCH: tie it to the as-of date."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, as_of: dt.date) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    noise = io.StringIO()
    try:
        with _reproducible(as_of), redirect_stdout(noise), redirect_stderr(noise):
            config = load_config(config_file=str(config_file))
            build(config)
    except (MkDocsException, SystemExit) as exc:
        detail = "; ".join(collect.messages) or str(exc)
        raise SiteBuildError(f"the site engine (MkDocs) failed: {detail}") from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def run_zensical(config_file: Path, as_of: dt.date) -> None:
    """Build with Zensical, the successor of Material for MkDocs; it reads the same config."""
    import subprocess
    import sys

    epoch = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).timestamp()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(epoch))}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)],
            cwd=config_file.parent, capture_output=True, text=True, env=env, check=False,
        )
    except OSError as exc:
        raise SiteBuildError(f"the site engine (Zensical) could not start: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SiteBuildError(
            "the site engine (Zensical) failed"
            + (f": {detail[-1]}" if detail else "")
            + ("" if _has_zensical() else "; install it with `pip install zensical`")
        )


def _has_zensical() -> bool:
    from importlib.util import find_spec

    return find_spec("zensical") is not None
