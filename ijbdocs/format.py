"""How values read in every output: money, dates, partners, statuses (one place for each)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

STATUS_WORDS = {
    "proposed": "Proposed",
    "approved": "Approved, not yet issued",
    "issued": "Issued (in force)",
    "superseded": "Superseded",
    "revoked": "Revoked",
    "completed": "Completed",
}

DECISION_WORDS = {
    "pending": "Awaiting decision",
    "approved": "Approved",
    "approved_with_amendments": "Approved with amendments",
    "not_approved": "Not approved",
    "deferred": "Deferred",
    "noted": "Noted",
}


def money(amount: Decimal | int | float) -> str:
    """£1,250,000 or £1,250,000.50: pence only when there are any."""
    value = Decimal(str(amount))
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def long_date(day: dt.date | None) -> str:
    """19 March 2020 (the form Scottish public bodies use in papers)."""
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


def decision_words(decision: str) -> str:
    return DECISION_WORDS.get(decision, decision.replace("_", " ").capitalize())


def file_size(size: int) -> str:
    """A download's size as people read it: 850 bytes, 45 KB, 1.2 MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"
