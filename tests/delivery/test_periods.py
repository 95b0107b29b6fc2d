"""Period strings: parsing, shifting and year-ago comparisons."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.delivery.periods import Period, parse_period, period_columns
from xinzhi.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", Period(2024, "year", 1)),
        ("2024Q3", Period(2024, "quarter", 3)),
        ("2024q1", Period(2024, "quarter", 1)),
        ("2024-11", Period(2024, "month", 11)),
        ("2024-3", Period(2024, "month", 3)),
        ("2024年3月", Period(2024, "month", 3)),
    ],
)
def test_parse(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


def test_labels_and_shifts() -> None:
    assert parse_period("2024-3").label == "2024-03"
    assert parse_period("2024Q1").shift(-1).label == "2023Q4"
    assert parse_period("2024-12").shift(1).label == "2025-01"
    assert parse_period("2024Q3").year_ago().label == "2023Q3"
    assert parse_period("2024Q3").last_month() == 9
    assert parse_period("2024").last_month() == 12


@pytest.mark.parametrize("bad", ["2024Q5", "2024-13", "24Q1", "Q3 2024", ""])
def test_bad_period_is_rejected(bad: str) -> None:
    with pytest.raises(InputError, match="2024Q3"):
        parse_period(bad)


def test_period_columns() -> None:
    out = period_columns(pd.Series(["2024", "2024Q2", "2024-1"]))
    assert out["period"].tolist() == ["2024", "2024Q2", "2024-01"]
    assert out["frequency"].tolist() == ["year", "quarter", "month"]
