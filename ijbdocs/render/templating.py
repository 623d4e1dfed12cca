"""The Jinja environment every renderer uses: project templates first, then the defaults."""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .. import format as fmt
from ..project import Project
from .markdown import to_html


def template_environment(project: Project) -> Environment:
    """Templates from the project's templates/ first, then the defaults; HTML autoescaped."""
    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(f)) for f in project.template_folders]),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        md=to_html,
        money=fmt.money,
        long_date=fmt.long_date,
        status_words=fmt.status_words,
        decision_words=fmt.decision_words,
        file_size=fmt.file_size,
    )
    return environment
