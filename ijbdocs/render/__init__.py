"""Renderers: one module per output. They trust the validated model and never re-check it.

A renderer is a function `(BuildContext) -> None` that writes below the context's staging
folders. The order matters: files the site links to are made before the site itself.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import BuildContext

Renderer = Callable[[BuildContext], None]


def renderers() -> list[Renderer]:
    """Every renderer, in the order they run (the site last: it links to the others)."""
    from . import easyread, feed, opendata, site, word

    return [opendata.render, feed.render, easyread.render, word.render, site.render]
