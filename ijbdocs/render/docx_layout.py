"""Word layout templates: the YAML files in templates/word/ that hold the papers' wording.

Each file is YAML whose text values are Jinja templates, looked up like every template
(the project's templates/ first, then the defaults). A clerk renames a heading or reorders
the report's parts there, without touching Python.
"""

from __future__ import annotations

from typing import Any

import yaml
from jinja2 import Environment, Template, TemplateError, TemplateNotFound

from ..model import Meeting, Paper
from ..project import Project
from .docx_base import WordTemplateError
from .templating import template_environment


class WordLayoutEnvironment(Environment):
    """Jinja for Word layouts: a text sees its paper, its meeting's own details and agenda,
    and the partnership, but not the meeting's other papers.

    That is what lets a build reuse a paper's Word file while other papers of its meeting
    change (ijbdocs.cache): the file's key covers exactly what its templates can reach.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        hidden = _hidden(obj, attribute)
        if hidden:
            return self.undefined(hint=hidden)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        hidden = _hidden(obj, argument) if isinstance(argument, str) else ""
        if hidden:
            return self.undefined(hint=hidden)
        return super().getitem(obj, argument)


def _hidden(obj: Any, name: str) -> str:
    if name.startswith("_"):
        return f"{name!r} is internal to ijbdocs"
    if (isinstance(obj, Paper) and name == "meeting") or (
            isinstance(obj, Meeting) and name == "papers"):
        return (f"Word layouts cannot use {type(obj).__name__.lower()}.{name}: a paper's "
                "text can use `meeting` (its date, body, venue, agenda) and `paper`, not "
                "the meeting's other papers")
    return ""


def word_layout_environment(project: Project) -> Environment:
    """The project's template environment, for Word text: no HTML escaping (python-docx
    writes the XML safely), and papers kept apart (WordLayoutEnvironment)."""
    base = template_environment(project)
    environment = WordLayoutEnvironment(
        loader=base.loader, autoescape=False, undefined=base.undefined,
        keep_trailing_newline=base.keep_trailing_newline, trim_blocks=base.trim_blocks,
        lstrip_blocks=base.lstrip_blocks,
    )
    environment.filters.update(base.filters)
    environment.globals.update(base.globals)
    return environment


class Layouts:
    """The Word layout templates of one project, each read and compiled once per build."""

    def __init__(self, project: Project):
        self.environment: Environment = word_layout_environment(project)
        self._files: dict[str, Layout] = {}

    def __getitem__(self, name: str) -> Layout:
        if name not in self._files:
            path = f"word/{name}.yaml"
            try:
                source, filename, _ = self.environment.loader.get_source(  # type: ignore[union-attr]
                    self.environment, path)
            except TemplateNotFound:
                raise WordTemplateError(f"the Word layout template {path} is missing") from None
            try:
                data = yaml.safe_load(source)
            except yaml.YAMLError as exc:
                raise WordTemplateError(f"{filename}: not valid YAML: {exc}") from None
            if not isinstance(data, dict):
                raise WordTemplateError(f"{filename}: expected a mapping of names to texts")
            self._files[name] = Layout(self, data, filename or path)
        return self._files[name]


class Layout:
    """One layout file: `layout.text("a", "b", **values)` renders the text at a.b."""

    def __init__(self, layouts: Layouts, data: dict[str, Any], filename: str):
        self.layouts = layouts
        self.data = data
        self.filename = filename
        self._compiled: dict[str, Template] = {}

    def get(self, *keys: str | int, default: Any = None) -> Any:
        value: Any = self.data
        for key in keys:
            found = (isinstance(value, dict) and key in value) or (
                isinstance(value, list) and isinstance(key, int) and key < len(value))
            if found:
                value = value[key]
            else:
                return default
        return value

    def render(self, source: Any, values: dict[str, Any], where: str = "") -> str:
        """Render one template text with `values`; whitespace at the ends is trimmed."""
        if source is None:
            return ""
        source = str(source)
        template = self._compiled.get(source)
        try:
            if template is None:
                template = self.layouts.environment.from_string(source)
                self._compiled[source] = template
            return template.render(values).strip()
        except TemplateError as exc:
            raise WordTemplateError(f"{self.filename}: {where or source!r}: {exc}") from None

    def text(self, *keys: str | int, values: dict[str, Any], default: str = "") -> str:
        source = self.get(*keys)
        if source is None:
            return default
        return self.render(source, values, ".".join(str(k) for k in keys))
