"""Colours for the website: contrast ratios (WCAG 2.2) and shades of the brand colour."""

from __future__ import annotations

DEFAULT_PRIMARY = "#005eb8"  # used when house_style.brand sets no colour
TEXT_ON_PRIMARY = "#ffffff"  # the header's text, and the page background links sit on
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 success criterion 1.4.3, normal text


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker(colour: str, amount: float = 0.25) -> str:
    """The colour mixed with `amount` of black (hover and focus states)."""
    r, g, b = (round(c * (1 - amount)) for c in _channels(colour))
    return f"#{r:02x}{g:02x}{b:02x}"
