"""Rules for the public website: a brand colour people can read, a logo that exists."""

from __future__ import annotations

from pathlib import Path

from ..colour import MINIMUM_CONTRAST, TEXT_ON_PRIMARY, contrast_ratio
from ..findings import Findings
from ..model import Content
from .common import resolve_inside

WCAG_CONTRAST = "WCAG 2.2 success criterion 1.4.3; Public Sector Bodies Accessibility " \
    "Regulations 2018"


def check(content: Content, root: Path, findings: Findings) -> None:
    partnership = content.partnership
    assert partnership is not None
    brand = partnership.house_style.brand
    colour = brand.primary_colour
    if colour is not None:
        ratio = contrast_ratio(colour, TEXT_ON_PRIMARY)
        if ratio < MINIMUM_CONTRAST:
            findings.error(
                partnership.where("house_style", "brand", "primary_colour"),
                "house_style.brand.primary_colour",
                f"the brand colour {colour} gives {ratio:.2f}:1 contrast with the white text "
                f"on it; it needs at least {MINIMUM_CONTRAST}:1 so everyone can read the "
                "site's header and links: choose a darker shade",
                "brand-contrast", WCAG_CONTRAST,
            )
    if brand.logo is not None:
        _, problem = resolve_inside(root, root, brand.logo)
        if problem:
            findings.error(
                partnership.where("house_style", "brand", "logo"),
                "house_style.brand.logo", problem, "logo-file",
            )
