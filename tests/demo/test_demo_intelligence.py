"""The demo's synthetic news (``xinzhi.demo.intelligence``) on a small hand-built workspace:
the figures written into the articles are summed by hand below, and the stored facts are what
the real extractor read back from the text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from xinzhi.credit_code import make_credit_code
from xinzhi.demo import intelligence as news
from xinzhi.workspace import Workspace, open_workspace

# region, industry (section), year, value_added, investment — in 万元
RIY = [
    ("510104", "3411", 2023, 600_000.0, 100_000.0),  # Chengdu, manufacturing (C)
    ("510104", "3411", 2024, 660_000.0, 120_000.0),
    ("510105", "4411", 2023, 400_000.0, 50_000.0),  # Chengdu, thermal power (D)
    ("510105", "4411", 2024, 440_000.0, 55_000.0),
    ("510104", "5111", 2023, 1_000_000.0, 9.0),  # wholesale (F): not industry, never counted
    ("510104", "5111", 2024, 2_000_000.0, 9.0),
    ("510703", "3971", 2023, 200_000.0, 40_000.0),  # Mianyang, manufacturing
    ("510703", "3971", 2024, 210_000.0, 30_000.0),
]
E1, E2, E3 = (make_credit_code(r, i) for r, i in (("510104", 1), ("510104", 2), ("510703", 3)))


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = open_workspace(Path(tmp_path_factory.mktemp("news")) / "w")
    ws.write("region_industry_year", pd.DataFrame(
        RIY, columns=["region_code", "industry_code", "year", "value_added", "investment"]), source="test")
    ws.write("enterprise", pd.DataFrame([
        {"credit_code": E1, "name": "甲", "region_code": "510104", "industry_code": "3411", "above_scale": True,
         "tags": "高新技术企业;专精特新"},
        {"credit_code": E2, "name": "乙", "region_code": "510104", "industry_code": "5111", "above_scale": True,
         "tags": "高新技术企业"},
        {"credit_code": E3, "name": "丙", "region_code": "510703", "industry_code": "3971", "above_scale": False,
         "tags": "科技型中小企业"},
    ]), source="test")
    news.build(ws, np.random.default_rng(0))
    return ws


def test_figures_are_the_workspace_sums(ws: Workspace) -> None:
    figs = {f.code: f for f in news.region_figures(ws)}
    assert list(figs) == ["510000", "510100", "510700"]  # province first, then cities by value added
    cd, my, sc = figs["510100"], figs["510700"], figs["510000"]
    assert (cd.year, cd.industrial_va, cd.industrial_va_prev) == (2024, 660_000 + 440_000, 600_000 + 400_000)
    assert cd.investment == 120_000 + 55_000
    assert (my.industrial_va, my.investment) == (210_000, 30_000)
    assert sc.industrial_va == 660_000 + 440_000 + 210_000
    # E2 is above scale but wholesale, so not an above-scale *industrial* enterprise
    assert (cd.above_scale, cd.high_tech, cd.srdi, cd.tech_sme) == (1, 2, 1, 0)
    assert (sc.above_scale, sc.high_tech, sc.srdi, sc.tech_sme) == (1, 2, 1, 1)


def _fact(facts: pd.DataFrame, region: str, indicator: str, lang: str, kind: str = "actual") -> float:
    """The value of the one fact read (also) from an article in ``lang``."""
    hit = facts[(facts.region_code == region) & (facts.indicator == indicator) & (facts.kind == kind)
                & (facts.language == lang)]
    assert len(hit) == 1, (region, indicator, lang, hit)
    return float(hit["value"].iloc[0])


def test_extracted_facts_read_back_the_figures(ws: Workspace) -> None:
    sources = ws.to_pandas("fact_source")[["fact_id", "language"]]
    facts = ws.to_pandas("fact").merge(sources, on="fact_id")
    # Chengdu: 1,100,000 万元 = 110.0 亿元 = 11.0 billion yuan, growth 1.1/1.0 - 1 = 10.0%
    assert _fact(facts, "510100", "industrial_va", "zh") == pytest.approx(110.0e8)
    assert _fact(facts, "510100", "industrial_va", "en") == pytest.approx(11.0e9)
    assert _fact(facts, "510100", "industrial_va_growth", "zh") == pytest.approx(0.100)
    assert _fact(facts, "510100", "industrial_investment", "zh") == pytest.approx(17.5e8)
    assert _fact(facts, "510100", "high_tech_enterprises", "zh") == 2
    assert _fact(facts, "510100", "above_scale_enterprises", "en") == 1
    # target: 1.25 × 110 亿元 rounded up to hundreds = 200 亿元, by 2027
    assert _fact(facts, "510100", "industrial_va", "zh", kind="target") == pytest.approx(200e8)
    # Mianyang 21.0 亿元, up 210/200 - 1 = 5.0%
    assert _fact(facts, "510700", "industrial_va", "zh") == pytest.approx(21.0e8)
    assert _fact(facts, "510700", "industrial_va_growth", "en") == pytest.approx(0.050)
    # Sichuan 131.0 亿元, up 1310/1200 - 1 = 9.17% → 9.2%; investment 205/190 - 1 = 7.9%
    assert _fact(facts, "510000", "industrial_va", "zh") == pytest.approx(131.0e8)
    assert _fact(facts, "510000", "industrial_va_growth", "zh") == pytest.approx(0.092)
    assert _fact(facts, "510000", "industrial_investment_growth", "en") == pytest.approx(0.079)
    assert _fact(facts, "510000", "tech_sme", "en") == 1
    assert set(facts.loc[facts.kind == "actual", "period"]) == {"2024"}


def test_facts_carry_publication_dates_and_merge_across_languages(ws: Workspace) -> None:
    docs = ws.to_pandas("document")
    assert sorted(docs["published"].astype(str).unique()) == ["2025-01-20", "2025-01-21", "2025-01-22",
                                                              "2025-01-23"]
    facts = ws.to_pandas("fact")
    assert facts["published"].notna().all()
    # Chengdu's value added: 110.0 亿元 (Chinese) and 11.0 billion yuan (English), one fact
    va = facts[(facts.region_code == "510100") & (facts.indicator == "industrial_va") & (facts.kind == "actual")]
    assert len(va) == 1 and va["sources"].item() == 2
    src = ws.to_pandas("fact_source")
    assert sorted(src.loc[src.fact_id == va["fact_id"].item(), "language"]) == ["en", "zh"]


def test_every_article_is_marked_synthetic_with_provenance(ws: Workspace) -> None:
    docs = ws.to_pandas("document")
    assert len(docs) == 8  # province, two cities and a priority list, in Chinese and in English
    assert (docs.language == "zh").sum() == (docs.language == "en").sum() == 4
    for d in docs.itertuples():
        marker = "【演示】" if d.language == "zh" else "[Demo]"
        assert d.title.startswith(marker) and marker in d.text.split("\n", 1)[1]
        assert ("合成" if d.language == "zh" else "Synthetic") in d.text
    text = dict(zip(docs.document_id, docs.text, strict=True))
    facts = ws.to_pandas("fact")
    for f in facts.itertuples():
        t = text[f.document_id]
        assert t[f.sentence_start:f.sentence_end] == f.sentence
        assert t[f.value_start:f.value_end] in f.sentence
    prios = ws.to_pandas("priority")
    items = dict(zip(prios["item"], prios["region_code"], strict=True))
    assert {k: items.get(k) for k in ("电子信息", "人工智能", "biomedicine")} == {
        "电子信息": "510000", "人工智能": "510000", "biomedicine": "510100"}  # English list: largest city


def test_building_twice_stores_nothing_new(ws: Workspace) -> None:
    tables = ("document", "fact", "fact_source", "priority")
    before = {t: len(ws.to_pandas(t)) for t in tables}
    news.build(ws, np.random.default_rng(1))
    assert {t: len(ws.to_pandas(t)) for t in tables} == before
