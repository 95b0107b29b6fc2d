"""``xinzhi.analytics.levels``: the level totals behind the structure page and ``xinzhi
structure`` (placed here because the web engineer owns it; it tests a pure function). Every
expected total is summed by hand in the test."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from xinzhi.analytics import levels
from xinzhi.analytics.levels import sum_to_level
from xinzhi.errors import InputError

REGIONS = pd.DataFrame({
    "code": ["510000", "510100", "510104", "510105", "510700", "510703", "510104P01"],
    "level": ["province", "city", "county", "county", "city", "county", "park"],
    "parent_code": [None, "510000", "510100", "510100", "510000", "510700", "510104"],
})
DATA = pd.DataFrame({
    "region_code": ["510104", "510105", "510104", "510703", "510700", "510104P01", "510000", "510104"],
    "industry_code": ["36", "36", "39", "36", "39", "36", "36", "36"],
    "year": [2023, 2023, 2023, 2023, 2023, 2023, 2023, 2022],
    "output": [5.0, 2.0, 1.0, 4.0, 3.0, 0.5, 100.0, 9.0],
})


def _as_dict(panel: pd.DataFrame) -> dict[tuple[str, str, int], float]:
    return {(r.region, r.industry, r.year): r.value for r in panel.itertuples()}


def test_counties_parks_and_city_rows_sum_to_cities() -> None:
    got = _as_dict(sum_to_level(DATA, REGIONS, level="city", value="output"))
    # Chengdu 36 in 2023: 510104 (5) + 510105 (2) + the park under 510104 (0.5); the province
    # row (100) has no city ancestor and is dropped; Mianyang 39 is its own city-level row (3).
    assert got == {
        ("510100", "36", 2022): 9.0,
        ("510100", "36", 2023): 5.0 + 2.0 + 0.5,
        ("510100", "39", 2023): 1.0,
        ("510700", "36", 2023): 4.0,
        ("510700", "39", 2023): 3.0,
    }


def test_counties_with_year_filter_and_columns() -> None:
    panel = sum_to_level(DATA, REGIONS, level="county", value="output", year=2023)
    assert list(panel.columns) == ["region", "industry", "year", "value"]
    # the park's 0.5 goes to its county 510104; the city-level 510700 row has no county
    assert _as_dict(panel) == {("510104", "36", 2023): 5.5, ("510104", "39", 2023): 1.0,
                               ("510105", "36", 2023): 2.0, ("510703", "36", 2023): 4.0}


def test_province_total_equals_all_rows_under_it() -> None:
    panel = sum_to_level(DATA, REGIONS, level="province", value="output", year=2023)
    assert panel["value"].sum() == pytest.approx(5 + 2 + 1 + 4 + 3 + 0.5 + 100)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"level": "town", "value": "output"}, "level must be one of"),
    ({"level": "city", "value": "exports"}, "no column 'exports'"),
    ({"level": "city", "value": "output", "year": 1999}, "no region_industry_year rows for 1999"),
])
def test_bad_input(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        sum_to_level(DATA, REGIONS, **kwargs)  # type: ignore[arg-type]


def test_no_rows_under_level() -> None:
    with pytest.raises(InputError, match="no region_industry_year rows fall under regions of level 'park'"):
        sum_to_level(DATA[DATA["region_code"] == "510000"], REGIONS, level="park", value="output")


def test_docstring_example() -> None:
    assert doctest.testmod(levels).failed == 0
