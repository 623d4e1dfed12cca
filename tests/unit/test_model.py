"""Value types of the model: money, dates, times, text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from ijbdocs.model import IsoDate, Meeting, Money, Plan

money = TypeAdapter(Money)
date = TypeAdapter(IsoDate)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250000, Decimal("1250000")),
        (1250000.5, Decimal("1250000.5")),
        ("£1,250,000", Decimal("1250000")),
        ("1250000.50", Decimal("1250000.50")),
        ("£ 1,250,000.50", Decimal("1250000.50")),
        (0, Decimal(0)),
    ],
)
def test_money_accepts_pounds(value: object, expected: Decimal) -> None:
    assert money.validate_python(value) == expected


@pytest.mark.parametrize(
    "value", ["£1.2m", "tbc", "1,25,000", -5, "12.345", True, [1], "£", "1e6", float("nan")]
)
def test_money_refuses_anything_vaguer(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        money.validate_python(value)
    assert "write the amount in pounds" in str(caught.value) or "penny" in str(
        caught.value) or "negative" in str(caught.value)


def test_dates_are_iso_only() -> None:
    assert date.validate_python("2020-03-19") == dt.date(2020, 3, 19)
    assert date.validate_python(dt.date(2020, 3, 19)) == dt.date(2020, 3, 19)
    for bad in ["19/03/2020", "2020-02-30", 1584576000, dt.datetime(2020, 3, 19, 10, 0)]:
        with pytest.raises(ValidationError):
            date.validate_python(bad)


def test_unquoted_time_read_as_sexagesimal_is_restored() -> None:
    meeting = Meeting.model_validate({"date": "2020-03-19", "time": 600, "body": "IJB",
                                      "agenda": []})
    assert meeting.time == "10:00"


def test_plan_review_defaults_to_three_years_after_approval() -> None:
    plan = Plan.model_validate({"title": "P", "period": {"start": "2024-02-29",
                                                        "end": "2027-03-31"},
                                "approved": "2024-02-29"})
    assert plan.review_due == dt.date(2027, 2, 28)
