"""Statutory reference data for Integration Joint Boards, loaded from packaged YAML files."""

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = [
    "ChecklistItem",
    "CoreIndicator",
    "DeliveryPrinciple",
    "MsgProposal",
    "NationalOutcome",
    "annex_c_checklist",
    "core_indicators",
    "delivery_principles",
    "msg_proposals",
    "national_outcomes",
]

INDICATOR_KINDS: frozenset[str] = frozenset({"outcome", "data"})


@dataclass(frozen=True)
class NationalOutcome:
    """One of the nine national health and wellbeing outcomes."""

    number: int
    title: str
    text: str


@dataclass(frozen=True)
class DeliveryPrinciple:
    """One integration delivery principle (section 31 of the 2014 Act)."""

    id: str
    text: str


@dataclass(frozen=True)
class CoreIndicator:
    """One of the 23 core integration indicators; `kind` is "outcome" or "data"."""

    id: str
    number: int
    title: str
    kind: str
    note: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the Annex C checklist for preparing a strategic plan."""

    id: str
    text: str
    paragraph: str | None = None


@dataclass(frozen=True)
class MsgProposal:
    """One of the 25 Ministerial Strategic Group proposals; `text` is its headline sentence.

    `detail` is the rest of the proposal's paragraph in the review, where there is one.
    """

    id: str
    feature: int
    feature_title: str
    text: str
    timescale: str
    detail: str | None = None


class ReferenceDataError(ValueError):
    """A packaged reference file does not have the expected shape."""


def _entries(filename: str) -> list[dict[str, Any]]:
    """Parse one packaged YAML file, which must be a list of mappings."""
    raw = files(__package__ or __name__).joinpath(filename).read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ReferenceDataError(f"{filename}: expected a list of mappings")
    return data


def _str(filename: str, item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReferenceDataError(f"{filename}: {key!r} must be a non-empty string in {item!r}")
    return value


def _opt_str(filename: str, item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    return _str(filename, item, key)


def _int(filename: str, item: dict[str, Any], key: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ReferenceDataError(f"{filename}: {key!r} must be an integer in {item!r}")
    return value


def _unique(filename: str, keys: list[Any]) -> None:
    seen: set[Any] = set()
    for key in keys:
        if key in seen:
            raise ReferenceDataError(f"{filename}: duplicate key {key!r}")
        seen.add(key)


# The parsed data is cached as tuples of frozen dataclasses; the public functions build a
# fresh dict or list from them on each call, so callers cannot corrupt the cache.


@cache
def _national_outcomes() -> tuple[NationalOutcome, ...]:
    name = "national_outcomes.yaml"
    items = tuple(
        NationalOutcome(
            number=_int(name, e, "number"), title=_str(name, e, "title"), text=_str(name, e, "text")
        )
        for e in _entries(name)
    )
    _unique(name, [o.number for o in items])
    return items


@cache
def _delivery_principles() -> tuple[DeliveryPrinciple, ...]:
    name = "delivery_principles.yaml"
    items = tuple(
        DeliveryPrinciple(id=_str(name, e, "id"), text=_str(name, e, "text"))
        for e in _entries(name)
    )
    _unique(name, [p.id for p in items])
    return items


@cache
def _core_indicators() -> tuple[CoreIndicator, ...]:
    name = "core_indicators.yaml"
    items = tuple(
        CoreIndicator(
            id=_str(name, e, "id"),
            number=_int(name, e, "number"),
            title=_str(name, e, "title"),
            kind=_str(name, e, "kind"),
            note=_opt_str(name, e, "note"),
        )
        for e in _entries(name)
    )
    for indicator in items:
        if indicator.kind not in INDICATOR_KINDS:
            raise ReferenceDataError(f"{name}: unknown kind {indicator.kind!r} in {indicator.id}")
    _unique(name, [i.id for i in items])
    return items


@cache
def _annex_c_checklist() -> tuple[ChecklistItem, ...]:
    name = "annex_c.yaml"
    items = tuple(
        ChecklistItem(
            id=_str(name, e, "id"),
            text=_str(name, e, "text"),
            paragraph=_opt_str(name, e, "paragraph"),
        )
        for e in _entries(name)
    )
    _unique(name, [c.id for c in items])
    return items


@cache
def _msg_proposals() -> tuple[MsgProposal, ...]:
    name = "msg_proposals.yaml"
    items = tuple(
        MsgProposal(
            id=_str(name, e, "id"),
            feature=_int(name, e, "feature"),
            feature_title=_str(name, e, "feature_title"),
            text=_str(name, e, "text"),
            timescale=_str(name, e, "timescale"),
            detail=_opt_str(name, e, "detail"),
        )
        for e in _entries(name)
    )
    _unique(name, [p.id for p in items])
    return items


def national_outcomes() -> dict[int, NationalOutcome]:
    """The nine national health and wellbeing outcomes, keyed by number 1-9, in order."""
    return {o.number: o for o in _national_outcomes()}


def delivery_principles() -> list[DeliveryPrinciple]:
    """The integration delivery principles, in the order the guidance lists them."""
    return list(_delivery_principles())


def core_indicators() -> dict[str, CoreIndicator]:
    """The 23 core integration indicators, keyed by "core-1" ... "core-23", in order."""
    return {i.id: i for i in _core_indicators()}


def annex_c_checklist() -> list[ChecklistItem]:
    """The Annex C checklist for preparing a strategic plan, in the order printed."""
    return list(_annex_c_checklist())


def msg_proposals() -> dict[str, MsgProposal]:
    """The 25 MSG proposals, keyed by "1.1" ... "6.3", in order."""
    return {p.id: p for p in _msg_proposals()}
