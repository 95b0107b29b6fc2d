"""Cross-language merging, conflicts with workspace values, and their storage and CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.cli.main import app
from xinzhi.intelligence import document_from_text, extract_document
from xinzhi.intelligence.conflicts import find_conflicts
from xinzhi.intelligence.facts import extract_facts
from xinzhi.intelligence.merge import merge_facts, written_precision
from xinzhi.intelligence.store import store_extraction
from xinzhi.workspace import open_workspace

ZH = "2023年，四川省地区生产总值60132.9亿元，比上年增长6.0%。全省规模以上工业增加值增长6.1%。"
EN = ("CHENGDU, Jan. 24 (Xinhua) -- Sichuan's GDP reached 6.01 trillion yuan in 2023, up 6 percent "
      "year on year. Value added of industrial firms above designated size grew 6.1 percent.")


def test_written_precision() -> None:
    (f,) = extract_facts("Sichuan's GDP reached 6.01 trillion yuan in 2023.")
    assert written_precision(f) == pytest.approx(0.005e12)
    (g,) = extract_facts("2023年四川省地区生产总值60132.9亿元。")
    assert written_precision(g) == pytest.approx(0.05e8)


def test_chinese_and_english_figures_merge_with_both_sources() -> None:
    zh = extract_facts(ZH, document_id="zh", published=dt.date(2024, 1, 24))
    en = extract_facts(EN, document_id="en", published=dt.date(2024, 1, 24))
    merged = merge_facts(zh + en, {"zh": "zh", "en": "en"})
    assert len(merged) == 3
    by_code = {m.fact.indicator: m for m in merged}
    gdp = by_code["gdp"]
    assert gdp.fact.value == pytest.approx(6.01329e12)  # the more precise figure is kept
    assert [(s.document_id, s.language) for s in gdp.sources] == [("zh", "zh"), ("en", "en")]
    assert [s.value_text for s in gdp.sources] == ["60132.9亿元", "6.01 trillion yuan"]
    assert [s.document_id for s in by_code["gdp_growth"].sources] == ["zh", "en"]
    assert len(by_code["above_scale_industrial_va_growth"].sources) == 2


def test_different_figures_do_not_merge() -> None:
    zh = extract_facts("2023年四川省地区生产总值60132.9亿元。", document_id="a")
    other_year = extract_facts("Sichuan's GDP reached 6.01 trillion yuan in 2022.", document_id="b")
    other_value = extract_facts("Sichuan's GDP reached 5.9 trillion yuan in 2023.", document_id="c")
    other_region = extract_facts("Chongqing's GDP reached 6.01 trillion yuan in 2023.", document_id="d")
    assert len(merge_facts(zh + other_year + other_value + other_region)) == 4
    same_doc = extract_facts("四川省地区生产总值60132.9亿元，2023年全省地区生产总值60132.9亿元。", document_id="a")
    assert len(merge_facts(same_doc)) == len(same_doc)  # one document: never merged


CATALOG = pd.DataFrame({
    "code": ["gdp", "ind_va_growth"],
    "name_zh": ["地区生产总值", "规模以上工业增加值增速"],
    "name_en": ["GDP", "above-scale VA growth"],
    "unit": ["亿元", "%"],
    "frequency": ["year", "year"],
    "cumulative": [False, False],
    "higher_is_better": [True, True],
})


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    w = open_workspace(tmp_path / "ws")
    w.write("indicator", CATALOG, source="test catalog")
    w.write("indicator_value", pd.DataFrame({
        "indicator": ["gdp", "gdp"], "region_code": ["510000", "500000"], "period": ["2023", "2023"],
        "value": [60132.9, 30145.8], "growth": [0.060, 0.061]}), source="统计公报")
    # 成都 (510100) through two districts: value added of sections B-D, 万元
    w.write("region_industry_year", pd.DataFrame({
        "region_code": ["510104", "510105", "510104", "510104", "510105"],
        "industry_code": ["3612", "3670", "2511", "3612", "3670"],
        "year": [2023, 2023, 2023, 2022, 2022],
        "value_added": [6.0e6, 4.0e6, 1.0e6, 5.0e6, 5.0e6]}), source="test")
    return w


def test_conflicts_with_indicator_values(ws) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts("2023年四川省地区生产总值60132.9亿元，比上年增长6.0%。重庆市地区生产总值3.2万亿元，增长6.1%。",
                          document_id="x")
    from xinzhi.intelligence.facts import facts_frame

    c = find_conflicts(ws, facts_frame(facts)).sort_values(["region_code", "measure"])
    got = [(r.region_code, r.measure, r.conflict) for r in c.itertuples()]
    assert got == [("500000", "growth", False), ("500000", "level", True),
                   ("510000", "growth", False), ("510000", "level", False)]
    cq = c[(c.region_code == "500000") & (c.measure == "level")].iloc[0]
    assert (cq.fact_value, cq.workspace_value) == (pytest.approx(3.2e12), pytest.approx(3.01458e12))
    assert cq.workspace_source == "indicator_value gdp 2023"


def test_conflicts_with_region_statistics(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.intelligence.facts import facts_frame

    facts = extract_facts("2023年成都市工业增加值1100亿元，增长9%。", document_id="y")
    c = find_conflicts(ws, facts_frame(facts)).sort_values("measure")
    assert c["workspace_source"].str.contains("region_industry_year.value_added 510100 2023").all()
    growth, level = c.iloc[0], c.iloc[1]
    assert level.workspace_value == pytest.approx(1.1e11) and not level.conflict
    assert growth.workspace_value == pytest.approx(0.1) and growth.conflict  # 11 / 10 - 1 = 10 %, not 9 %


def test_store_merges_sources_and_flags_conflicts(ws) -> None:  # type: ignore[no-untyped-def]
    zh = document_from_text(ZH, published=dt.date(2024, 1, 25))
    en = document_from_text(EN, published=dt.date(2024, 1, 24))
    for doc in (zh, en):
        facts, _ = extract_document(doc)
        store_extraction(ws, [doc], facts)
    f = ws.to_pandas("fact")
    assert len(f) == 3
    gdp = f[f.indicator == "gdp"].iloc[0]
    assert (gdp.sources, bool(gdp.conflict), gdp.workspace_value) == (2, False, pytest.approx(6.01329e12))
    assert pd.Timestamp(gdp.published).date() == dt.date(2024, 1, 25)
    src = ws.to_pandas("fact_source")
    assert sorted(src[src.fact_id == gdp.fact_id]["language"]) == ["en", "zh"]
    assert set(ws.to_pandas("document")["published"].astype(str)) == {"2024-01-24", "2024-01-25"}
    # storing again changes nothing
    facts, _ = extract_document(en)
    store_extraction(ws, [en], facts)
    assert len(ws.to_pandas("fact")) == 3 and len(ws.to_pandas("fact_source")) == len(src)


def test_cli_published_and_conflicts(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "cq.txt"
    page.write_text("2023年重庆市地区生产总值3.2万亿元，增长6.1%。", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["-w", str(ws.path), "extract", str(page), "--published", "2024-01-30",
                            "--jsonl", str(tmp_path / "f.jsonl"), "--store"])
    assert r.exit_code == 0, r.output
    assert "2024-01-30" in r.output
    assert '"published": "2024-01-30"' in (tmp_path / "f.jsonl").read_text("utf-8")
    assert "disagree with the workspace" in r.output and "32,000 亿元" in r.output
    r = runner.invoke(app, ["-w", str(ws.path), "extract", "conflicts", "--out", str(tmp_path / "c.csv")])
    assert r.exit_code == 0, r.output
    c = pd.read_csv(tmp_path / "c.csv", dtype={"region_code": str})
    assert sorted(zip(c["region_code"], c["measure"], c["conflict"], strict=True)) == [("500000", "growth", False),
                                                                          ("500000", "level", True)]
    r = runner.invoke(app, ["-w", str(ws.path), "extract", "x.txt", "--published", "2024-13-01"])
    assert r.exit_code != 0
