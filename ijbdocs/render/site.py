"""The public website: generate Markdown pages from templates, then build them with MkDocs.

Only public content reaches this renderer's context: the directions log is the published
view (no draft papers' directions, private ones redacted).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..log import DirectionsLog
from ..model import Content
from ..project import Project
from ..write import write_text
from . import template_environment

# page file (relative to docs/) → template, in navigation order
PAGES: list[tuple[str, str, str]] = [
    ("Home", "index.md", "site/home.md.j2"),
    ("Directions log", "directions/index.md", "site/directions-log.md.j2"),
]

MATERIAL_LANGUAGES = {"en-GB": "en", "en": "en", "gd": "gd", "cy": "cy"}


class SiteBuildError(Exception):
    """MkDocs could not build the generated pages (not a content problem)."""


@dataclass(frozen=True)
class SiteContext:
    content: Content
    log: DirectionsLog  # the public view of the log
    as_of: dt.date


def render_site(project: Project, context: SiteContext, docs_dir: Path, site_dir: Path) -> None:
    """Write the generated Markdown to `docs_dir`, then the built site to `site_dir`."""
    environment = template_environment(project)
    values: dict[str, Any] = {
        "partnership": context.content.partnership,
        "plan": context.content.plan,
        "log": context.log,
        "as_of": context.as_of,
    }
    for _, page, template in PAGES:
        write_text(docs_dir / page, environment.get_template(template).render(values) + "\n")
    config_file = docs_dir.parent / "mkdocs.yml"
    write_text(config_file, yaml.dump(site_config(project, context, docs_dir, site_dir),
                                      Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True))
    run_mkdocs(config_file, context.as_of)


def site_config(
    project: Project, context: SiteContext, docs_dir: Path, site_dir: Path
) -> dict[str, Any]:
    """The default config, the project's mkdocs.yml over it, then what the content decides."""
    config: dict[str, Any] = {}
    for file in project.mkdocs_files:
        config = deep_merge(config, _read_mkdocs_yaml(file))
    partnership = context.content.partnership
    assert partnership is not None
    config.update(
        site_name=partnership.name,
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        nav=[{title: page} for title, page, _ in PAGES],
    )
    if partnership.site_url:
        config["site_url"] = partnership.site_url
    theme = config.setdefault("theme", {})
    theme["language"] = MATERIAL_LANGUAGES.get(partnership.language, theme.get("language", "en"))
    config.setdefault("copyright", f"© {partnership.name}")
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
