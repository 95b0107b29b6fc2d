"""Number parsing: values worked out by hand from the statutory magnitudes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xinzhi.intelligence.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("60132.9亿元", 60132.9e8, "money"),
        ("4万亿元", 4e12, "money"),
        ("四百二十亿元", 420e8, "money"),
        ("一千五百二十八家", 1528, "count"),
        ("74.6万辆", 746_000, "count"),
        ("百分之二点六", 0.026, "percent"),
        ("6.5％", 0.065, "percent"),
        ("1.4倍", 1.4, "times"),
        ("11.2个百分点", 0.112, "points"),
        ("6.01 trillion yuan", 6.01e12, "money"),
        ("283.6 billion yuan", 283.6e9, "money"),
        ("12 million yuan", 12e6, "money"),
        ("6.5 percent", 0.065, "percent"),
        ("280,000", 280_000, "bare"),
        ("1.7 billion U.S. dollars", 1.7e9, "money"),
        ("8000万千瓦", 8e7, "physical"),
    ],
)
def test_values(text: str, value: float, kind: str) -> None:
    (m,) = find_numbers(text)
    assert m.value == pytest.approx(value, rel=1e-12)
    assert m.kind == kind


def test_years_dates_and_ranges_are_not_values() -> None:
    assert find_numbers("2023年1月20日，1—11月") == []
    assert find_numbers("in 2023, the 5G network") == []


@pytest.mark.parametrize(
    "text",
    ["渝府发〔2021〕18号", "居全国第3位", "连续8个季度", "“33618”现代制造业集群", "电话 0551-65179860",
     "GB/T 4754-2017", "As of Aug. 31", "for five consecutive years", "the 14th Five-Year Plan", "top 10 cities",
     "500强企业", "6大千亿级产业", "“7·9”特大暴雨", "一批项目", "80,000-100,000"],
)
def test_not_quantities(text: str) -> None:
    """Document and phone numbers, ranks, durations, names, dates and ranges are not quantities."""
    assert find_numbers(text) == [], text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("149.6万户", 1_496_000, "count"), ("1.99 万家", 19_900, "count"), ("545.25 万 户", 5_452_500, "count"),
     ("1516.2万千克", 15_162, "tonne"), ("72GWh", 72e6, "kwh"), ("37.45万亩", 374_500, "mu"),
     ("RMB355.01 billion", 355.01e9, "yuan"), ("¥1.2 trln", 1.2e12, "yuan"), ("US$7 billion", 7e9, "usd"),
     ("85万人", 850_000, "person"), ("0.6百分点", 0.006, "pp"), ("超过九成", 0.9, "fraction"),
     ("-1.3%", -0.013, "fraction"), ("seven major vehicle manufacturers", 7, "count"), ("翻番", 2, "times"),
     ("185,000-square-kilometer area", 185_000, "km2"), ("2.25 million units", 2_250_000, "count")],
)
def test_units(text: str, value: float, unit: str) -> None:
    (m,) = find_numbers(text)
    assert (m.value, m.unit) == (pytest.approx(value, rel=1e-12), unit)


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万元", "亿元", "万亿元"]))
def test_chinese_magnitudes_round_trip(n: int, unit: str) -> None:
    factor = {"万元": 1e4, "亿元": 1e8, "万亿元": 1e12}[unit]
    (m,) = find_numbers(f"投资{n}{unit}")
    assert m.value == pytest.approx(n * factor)


@given(st.integers(min_value=1_000, max_value=999_999_999))
def test_thousands_separators(n: int) -> None:
    (m,) = find_numbers(f"reached {n:,} units")
    assert m.value == n


@pytest.mark.parametrize(("text", "value"), [
    ("菱镁资源保有储量占世界的四分之一", 0.25),
    ("三分之二的企业实现增长", 0.6667),
    ("which translates to around one-sixth of China's total", 0.1667),
])
def test_fractions_written_in_words(text: str, value: float) -> None:
    (n,) = find_numbers(text)
    assert (n.value, n.unit) == (value, "fraction")


def test_the_first_three_quarters_is_no_fraction() -> None:
    assert find_numbers("GDP for the first-three-quarters of the year grew") == []
