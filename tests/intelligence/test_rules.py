"""Rules of the open-vocabulary extractor on short constructed sentences (one rule per test)."""

from __future__ import annotations

import datetime as dt

import pytest

from xinzhi.intelligence.facts import extract_facts
from xinzhi.intelligence.gazetteer import reference_gazetteer

PUB = dt.date(2020, 10, 20)


def _periods(text: str, **kw: object) -> list[tuple[float, str | None]]:
    return [(round(f.value, 6), f.period) for f in extract_facts(text, published=PUB, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("2013-2017年，全省地区生产总值分别为1.1万亿元、1.2万亿元、1.3万亿元、1.4万亿元和1.5万亿元。",
     [(1.1e12, "2013"), (1.2e12, "2014"), (1.3e12, "2015"), (1.4e12, "2016"), (1.5e12, "2017")]),
    ("前三季度，全省城镇调查失业率分别为6.1%、6.0%及5.7%。",
     [(0.061, "2020Q1"), (0.06, "2020Q2"), (0.057, "2020Q3")]),
    ("2021年、2022年和2023年，四川地区生产总值分别增长5.1%、6.2%和7.3%。",
     [(0.051, "2021"), (0.062, "2022"), (0.073, "2023")]),
    ("Sichuan's GDP grew 5.1 percent, 6.2 percent and 7.3 percent in 2021, 2022 and 2023, respectively.",
     [(0.051, "2021"), (0.062, "2022"), (0.073, "2023")]),
    # two subjects and two years: the values belong to the subjects, the period stays the span
    ("2022-2023年，四川地区生产总值和工业增加值分别年均增长5.1%、6.2%。",
     [(0.051, "2022~2023"), (0.062, "2022~2023")]),
])
def test_respectively_over_periods(text: str, expected: list[tuple[float, str]]) -> None:
    assert _periods(text) == expected


def test_ratio_to_a_base_year_is_growth_over_the_span() -> None:
    (f,) = extract_facts("The main business revenues of Sichuan's industrial enterprises reached 8.4 trillion yuan "
                         "in 2011, 7.7 times the amount in 2002.")[1:]
    assert (f.value, f.unit, f.measure, f.period) == (7.7, "times", "growth", "2002~2011")
    zh = extract_facts("2011年四川工业企业主营业务收入8.4万亿元，是2002年的7.7倍。")
    assert [(f.value, f.unit, f.period) for f in zh][1] == (7.7, "times", "2002~2011")


def test_same_period_of_an_earlier_year_takes_the_months_of_the_text() -> None:
    facts = extract_facts("Sichuan's value-added industrial output expanded 6.9 percent in the first half of 2017. "
                          "The growth rose from the 6-percent increase in the same period of 2016.")
    assert [(f.value, f.period) for f in facts] == [(0.069, "2017-01~06"), (0.06, "2016-01~06")]


def test_text_about_the_country_without_a_region() -> None:
    (f,) = extract_facts("From 2003 to 2011, industrial value-added output grew by an average of 15.4 percent "
                         "annually, the country's statistics bureau said.")
    assert (f.region_code, f.period) == ("CN", "2003~2011")
    (g,) = extract_facts("The firms invested 30 million yuan in research in 2024.")
    assert g.region_code is None  # nothing says where


@pytest.mark.parametrize(("text", "expected"), [
    ("上半年绵阳市产业园区", [("绵阳市", ("510700",), False)]),  # the city's parks together: the city
    ("一季度全市工业园区和高新区", [("全市", (), False)]),  # a period and 全市 are not a zone's name
    ("成都高新区", [("成都高新区", (), True)]),
    ("天府新区", [("天府新区", (), True)]),
])
def test_zone_names(text: str, expected: list[tuple[str, tuple[str, ...], bool]]) -> None:
    assert [(m.text, m.candidates, m.zone) for m in reference_gazetteer().find(text)] == expected


def test_counts_of_one_and_lists_of_counts_in_english() -> None:
    facts = extract_facts("Chengdu had 12 industrial enterprises above designated size and 3 specialized and "
                          "sophisticated SMEs at the end of 2024. It ranks No. 1 in the province.")
    assert [(f.subject, f.value, f.period) for f in facts] == [
        ("industrial enterprises above designated size", 12.0, "2024"),
        ("specialized and sophisticated SMEs", 3.0, "2024")]
    (one,) = extract_facts("At the end of 2024, Sichuan had 1 technology-based SMEs.")
    assert (one.value, one.unit) == (1.0, "count")


def test_dateline_is_not_part_of_the_subject() -> None:
    (f,) = extract_facts("CHENGDU, Jan. 20 (Xinhua) -- Value added of industrial firms in Sichuan grew 6.1 percent "
                         "in 2023.")
    assert f.subject.startswith("Value added") and "Xinhua" not in f.subject
