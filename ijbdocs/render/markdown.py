"""Content Markdown to safe HTML: raw HTML, script and dangerous links never get through."""

from __future__ import annotations

from functools import cache, lru_cache

import markdown as md_lib
import nh3
from markupsafe import Markup

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


@cache
def _converter() -> md_lib.Markdown:
    """One converter per process, reset before each use (making one costs more than using it)."""
    return md_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=8192)  # pages repeat texts (a paper's summary on its meeting and log pages)
def to_html(text: str | None, *, inline: bool = False) -> Markup:
    """Markdown → sanitised HTML. `inline` drops the wrapping paragraph of one-line text."""
    if not text:
        return Markup("")
    # Raw HTML in content is shown as text, never interpreted.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    html = _converter().reset().convert(escaped)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
    )
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)
