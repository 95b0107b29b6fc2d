"""Period rules."""

from __future__ import annotations

import datetime as dt

import pytest

from xinzhi.intelligence.periods import find_periods


@pytest.mark.parametrize(
    ("text", "canonical", "target"),
    [
        ("2023年", "2023", False),
        ("2024年一季度", "2024Q1", False),
        ("2024年前三季度", "2024-01~09", False),
        ("2024年上半年", "2024-01~06", False),
        ("2024年1—11月", "2024-01~11", False),
        ("2024年1至11月", "2024-01~11", False),
        ("二〇二三年", "2023", False),
        ("到2027年", "2027", True),
        ("截至2024年6月底", "2024-06", False),
        ("the first three quarters of 2023", "2023-01~09", False),
        ("from January to November 2024", "2024-01~11", False),
        ("the first quarter of 2024", "2024Q1", False),
        ("the first eight months of 2024", "2024-01~08", False),
        ("by 2027", "2027", True),
        ("by the end of June 2024", "2024-06", False),
        ("March 2024", "2024-03", False),
        ("the first-three-quarters of 2024", "2024-01~09", False),  # hyphenated periods
        ("the first-half of 2024", "2024-01~06", False),
    ],
)
def test_period(text: str, canonical: str, target: bool) -> None:
    (p,) = find_periods(text)
    assert (p.canonical, p.target) == (canonical, target)


def test_range_takes_the_year_written_before() -> None:
    ps = find_periods("2024年11月增长5.2%；1—11月增长6.0%。")
    assert [p.canonical for p in ps] == ["2024-11", "2024-01~11"]


def test_a_day_is_an_event_month_not_a_reporting_period() -> None:
    """1月20日 dates an event: it is kept as a 'day' mention, and a period written in the
    sentence wins over it."""
    (p,) = find_periods("1月20日，统计局发布数据")
    assert (p.relative, p.month_from, p.month_to) == ("day", 1, 1)
    from xinzhi.intelligence import extract_facts

    (f,) = extract_facts("1月20日，统计局发布数据：2023年全省地区生产总值增长6.0%。")
    assert f.period == "2023"


@pytest.mark.parametrize(
    ("text", "published", "canonical"),
    [("全年地区生产总值增长6%", dt.date(2025, 1, 20), "2024"), ("今年一季度", dt.date(2024, 5, 1), "2024Q1"),
     ("去年经济总量", dt.date(2022, 4, 25), "2021"), ("Last year, the city", dt.date(2024, 1, 23), "2023"),
     ("截至目前", dt.date(2025, 10, 1), "2025-10"), ("over the past five years", dt.date(2023, 10, 30), "2018~2022"),
     ("2013-2017年", None, "2013~2017"), ("“十四五”时期", None, "2021~2025"), ("到“十四五”末", None, "2025"),
     ("三季度末", dt.date(2020, 10, 20), "2020-09"), ("前11月", dt.date(2022, 12, 20), "2022-01~11"),
     ("the 13th Five-Year Plan period (2016-20)", None, "2016~2020"), ("From January to August", dt.date(2023, 10, 12),
                                                                        "2023-01~08")],
)
def test_relative_and_span_periods(text: str, published: dt.date | None, canonical: str) -> None:
    assert find_periods(text, reference=published)[0].canonical == canonical


def test_a_half_year_figure_is_the_first_half() -> None:
    (p,) = find_periods("Henan registered a half-year economic growth of 9.5 percent", default_year=2001)
    assert p.canonical == "2001-01~06"
    assert find_periods("prices rose over the past half-year") == []


@pytest.mark.parametrize(("text", "canonical"), [
    ("Between January and July, output grew", "2021-01~07"),
    ("during the first six months in 2022", "2022-01~06"),
    ("In the past two months, the added value grew", "2021-06~07"),
    ("The output of the mining industry fell 3.1 percent last month", "2021-07"),
])
def test_english_month_ranges_and_recent_months(text: str, canonical: str) -> None:
    (p,) = find_periods(text, reference=dt.date(2021, 8, 23))
    assert p.canonical == canonical


def test_last_month_as_a_comparison_base_is_no_period() -> None:
    assert find_periods("Output rose 2 percent from last month", reference=dt.date(2021, 8, 23)) == []


def test_last_year_in_an_undated_text_is_the_latest_year_it_reports() -> None:
    text = "Software revenue reached 610.2bn yuan last year. Internet users exceeded 47.29 million in 2019."
    assert [p.canonical for p in find_periods(text)] == ["2019", "2019"]
    assert find_periods("Software revenue reached 610.2bn yuan last year.") == []


def test_a_relative_year_before_a_day_is_the_day_s_year() -> None:
    (p,) = find_periods("去年9月25日，生产线在成都封顶。", reference=dt.date(2025, 3, 1))
    assert (p.canonical, p.relative) == ("2024-09", "day")
    assert [q.canonical for q in find_periods("去年全市GDP增长5%。", reference=dt.date(2025, 3, 1))] == ["2024"]


def test_years_joined_by_and_are_a_list_unless_between() -> None:
    listed = find_periods("In 2011, 2015 and 2018, the economy broke through 2, 3 and 4 trillion yuan respectively.")
    assert [p.canonical for p in listed] == ["2011", "2015", "2018"]
    (span,) = find_periods("Between 2015 and 2018, output doubled.")
    assert span.canonical == "2015~2018"


@pytest.mark.parametrize(("text", "published", "canonical"), [
    ("一年来，全市完成生产总值2231.9亿元", dt.date(2023, 2, 17), "2022"),  # a work report of February
    ("过去的一年，全市生产总值增长5%", dt.date(2023, 1, 10), "2022"),
    ("一年来，全市完成生产总值2231.9亿元", dt.date(2022, 12, 20), "2022"),  # a review of December
])
def test_the_past_year_of_a_review(text: str, published: dt.date, canonical: str) -> None:
    (p,) = find_periods(text, reference=published)
    assert p.canonical == canonical
    assert find_periods("十一年来，全市") == []


def test_a_day_is_not_dated_after_its_publication() -> None:
    ps = find_periods("南海网三亚12月31日消息，记者从2019年元旦三亚旅游市场情况通报会上获悉", reference=dt.date(2019, 1, 2))
    assert [p.canonical for p in ps] == ["2018-12", "2019"]


def test_nowadays_is_the_month_of_publication() -> None:
    (p,) = find_periods("Nowadays, 80 percent of its sales revenue comes from BRI countries.", reference=dt.date(2018, 10, 9))
    assert p.canonical == "2018-10"


def test_jiezhi_dao_is_no_deadline() -> None:
    (p,) = find_periods("截止到2018年9月，宜昌已关停29家化工企业", reference=dt.date(2018, 11, 1))
    assert (p.canonical, p.target) == ("2018-09", False)
    (q,) = find_periods("到2025年，全市产值突破1000亿元", reference=dt.date(2018, 11, 1))
    assert q.target
