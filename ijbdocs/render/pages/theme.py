"""The site's look: the stylesheet (brand colour, readable sizes, contrast fixes) and logo.

The stylesheet is a template (`site/ijbdocs.css.j2`) so a partnership can change it like
any page. The logo is copied from the content into the docs, where the engine finds it.
"""

from __future__ import annotations

import shutil
from pathlib import PurePosixPath

from ...colour import DEFAULT_PRIMARY, TEXT_ON_PRIMARY, darker
from ..context import BuildContext
from . import Page

STYLESHEET = "assets/ijbdocs.css"


def logo_path(context: BuildContext) -> str | None:
    """Where the logo is below docs/ (theme.logo), if the partnership has one."""
    partnership = context.content.partnership
    logo = partnership.house_style.brand.logo if partnership else None
    if not logo:
        return None
    return f"assets/logo{PurePosixPath(logo).suffix.lower()}"


def pages(context: BuildContext) -> list[Page]:
    partnership = context.content.partnership
    brand = partnership.house_style.brand if partnership else None
    primary = (brand.primary_colour if brand else None) or DEFAULT_PRIMARY
    target = logo_path(context)
    if brand and brand.logo and target:
        # checks/site.py has made sure the file exists inside content/
        destination = context.docs / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(context.project.content / brand.logo, destination)
    return [Page(STYLESHEET, "site/ijbdocs.css.j2", {
        "primary": primary.lower(),
        "primary_dark": darker(primary),
        "text_on_primary": TEXT_ON_PRIMARY,
    })]
