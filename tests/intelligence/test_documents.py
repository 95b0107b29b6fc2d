"""Document metadata (publication date, publisher, headline period) and HTML tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from xinzhi.intelligence import document_from_text, extract_document, read_document
from xinzhi.intelligence.documents import find_published, find_source

RELEASE = """<html><head><title>2024年10月份全省规模以上工业增加值增长7.8%</title>
<meta name="PubDate" content="2024-11-19 05:31">
<meta name="SiteName" content="四川省统计局">
</head><body>
<h1>2024年10月份全省规模以上工业增加值增长7.8%</h1>
<p>10月份，全省规模以上工业增加值同比增长7.8%。1-10月，全省规模以上工业增加值同比增长5.9%。</p>
<table>
<tr><td rowspan="2">指标</td><td colspan="2">10月</td><td colspan="2">1-10月</td></tr>
<tr><td>绝对量</td><td>同比增长(%)</td><td>绝对量</td><td>同比增长(%)</td></tr>
<tr><td>规模以上工业增加值</td><td>…</td><td>7.8</td><td>…</td><td>5.9</td></tr>
<tr><td>汽车（万辆）</td><td>3.1</td><td>-12.0</td><td>26.6</td><td>8.5</td></tr>
<tr><td>发电量（亿千瓦时）</td><td>371.3</td><td>4.1</td><td>4082.6</td><td>9.2</td></tr>
</table></body></html>"""


@pytest.mark.parametrize(("text", "meta", "filename", "expected"), [
    ("日期:2024-11-19 05:31 来源:工业处\n10月份,四川规模以上工业增加值同比增长7.8%", None, None, dt.date(2024, 11, 19)),
    ("发布时间：2023年2月28日\n全年全省地区生产总值增长6.0%。", None, None, dt.date(2023, 2, 28)),
    ("Updated: 2023-07-18 10:02\nSichuan's GDP grew 4.8 percent.", None, None, dt.date(2023, 7, 18)),
    ("Pub Date:23-10-12 15:21 Source:english.anhuinews.com", None, None, dt.date(2023, 10, 12)),
    ("2023年10月19日10:18 | 来源:人民网-四川频道\n前三季度……", None, None, dt.date(2023, 10, 19)),
    ("GDP grew 5 percent.", {"article:published_time": "2024-01-23T09:45:00+08:00"}, None, dt.date(2024, 1, 23)),
    ("GDP grew 5 percent.", None, "2024-11-19-release.html", dt.date(2024, 11, 19)),
    ("GDP grew 5 percent.", None, "news_20240305.txt", dt.date(2024, 3, 5)),
    ("GDP grew 5 percent in 2023.", None, None, None),
    ("日期:2099-01-01\n一季度增长5%。", None, None, None),  # in the future: not a publication date
])
def test_publication_date_sources(text: str, meta: dict[str, str] | None, filename: str | None,
                                  expected: dt.date | None) -> None:
    assert find_published(text, meta=meta, filename=filename, today=dt.date(2025, 11, 16)) == expected


def test_meta_wins_over_text_and_source() -> None:
    d = document_from_text(RELEASE, fmt="html")
    assert d.published == dt.date(2024, 11, 19)
    assert d.source == "四川省统计局"
    assert d.title.startswith("2024年10月份")
    assert find_source("2023年10月19日10:18 | 来源:人民网-四川频道") == "人民网-四川频道"
    given = document_from_text(RELEASE, fmt="html", published=dt.date(2024, 11, 20), source="x")
    assert (given.published, given.source) == (dt.date(2024, 11, 20), "x")


def test_read_document_takes_the_date_from_the_file_name(tmp_path: Path) -> None:
    p = tmp_path / "2024-03-05-sichuan.txt"
    p.write_text("Sichuan's GDP grew 6 percent last year.", encoding="utf-8")
    d = read_document(p)
    assert d.published == dt.date(2024, 3, 5)
    assert read_document(p, published=dt.date(2024, 3, 6)).published == dt.date(2024, 3, 6)


def test_facts_carry_the_publication_date_and_resolve_relative_periods() -> None:
    d = document_from_text("Sichuan's GDP grew 6 percent last year.", published=dt.date(2024, 3, 5))
    (f,), _ = extract_document(d)
    assert (f.region_code, f.value, f.period, f.published) == ("510000", pytest.approx(0.06), "2023", "2024-03-05")


def test_html_tables_are_read() -> None:
    d = document_from_text(RELEASE, fmt="html")
    assert len(d.tables) == 1 and d.tables[0].rows[3][0] == "汽车（万辆）"
    assert "汽车（万辆） | 3.1 | -12.0 | 26.6 | 8.5" in d.text
    facts, _ = extract_document(d)
    got = {(f.subject, round(f.value, 6), f.unit, f.period, f.measure) for f in facts}
    assert ("汽车", 31000.0, "count", "2024-10", "level") in got
    assert ("汽车", -0.12, "fraction", "2024-10", "growth") in got
    assert ("汽车", 266000.0, "count", "2024-01~10", "level") in got
    assert ("发电量", 4.0826e11, "kwh", "2024-01~10", "level") in got
    assert all(f.region_code == "510000" and f.published == "2024-11-19" for f in facts)
    # the prose and the table both give 7.8 % and 5.9 %: one fact each, read from the prose
    va = [f for f in facts if f.indicator == "above_scale_industrial_va_growth"]
    assert sorted((f.period, f.value) for f in va) == [("2024-01~10", pytest.approx(0.059)),
                                                      ("2024-10", pytest.approx(0.078))]
    assert all(" | " not in f.sentence for f in va)
    # empty cells (…) make no fact
    assert not [f for f in facts if f.subject == "规模以上工业增加值" and f.measure == "level"]
