"""Storing into a real workspace, deduplication, promotion, and the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.cli.main import app
from xinzhi.intelligence import document_from_text, extract_document
from xinzhi.intelligence.store import promote_fact, store_extraction
from xinzhi.workspace import open_workspace

TEXT = ("2023年四川省地区生产总值达到60132.9亿元，比上年增长6.0%。2024年1—11月，全省规上工业增加值增长5.7%。"
        "到2027年，全省高新技术企业达到2万家。四川省将培育先进光伏、新型储能、新材料等战略性新兴产业。")

CATALOG = pd.DataFrame({
    "code": ["gdp", "ind_va_growth", "hte"],
    "name_zh": ["地区生产总值", "规上工业增加值增速", "高新技术企业数"],
    "name_en": ["GDP", "above-scale VA growth", "high-tech enterprises"],
    "unit": ["亿元", "%", "家"],
    "frequency": ["year", "month", "year"],
    "cumulative": [False, True, False],
    "higher_is_better": [True, True, True],
})


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    w = open_workspace(tmp_path_factory.mktemp("intel") / "ws")
    w.write("indicator", CATALOG, source="test catalog")
    doc = document_from_text(TEXT)
    facts, prios = extract_document(doc)
    store_extraction(w, [doc], facts, prios)
    return w


def test_store_is_deduplicated(ws) -> None:  # type: ignore[no-untyped-def]
    before = (len(ws.to_pandas("document")), len(ws.to_pandas("fact")), len(ws.to_pandas("priority")))
    doc = document_from_text(TEXT)
    facts, prios = extract_document(doc)
    store_extraction(ws, [doc], facts, prios)
    after = (len(ws.to_pandas("document")), len(ws.to_pandas("fact")), len(ws.to_pandas("priority")))
    assert before == after == (1, 4, 3)


def test_promote_value_converts_units_and_keeps_source(ws) -> None:  # type: ignore[no-untyped-def]
    f = ws.to_pandas("fact")
    gdp = f.loc[f.indicator == "gdp", "fact_id"].item()
    row = promote_fact(ws, gdp)
    assert row["value"] == pytest.approx(60132.9)  # 6.01329e12 yuan in 亿元
    assert row["period"] == "2023"
    assert "地区生产总值达到60132.9亿元" in row["source"]
    growth = f.loc[f.indicator == "above_scale_industrial_va_growth", "fact_id"].item()
    row = promote_fact(ws, growth, indicator="ind_va_growth")
    assert (row["period"], row["value"]) == ("2024-11", pytest.approx(5.7))  # year to date, in %
    iv = ws.to_pandas("indicator_value")
    assert set(iv["indicator"]) == {"gdp", "ind_va_growth"}


def test_promote_target(ws) -> None:  # type: ignore[no-untyped-def]
    f = ws.to_pandas("fact")
    hte = f.loc[f.indicator == "high_tech_enterprises", "fact_id"].item()
    row = promote_fact(ws, hte[:8], indicator="hte")
    assert row["table"] == "target"
    assert (row["target_value"], row["deadline_year"], row["baseline_year"], row["kind"]) == (20000.0, 2027, 2024, "count")


def test_cli_extract_store_and_promote(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text("<html><body><nav>Home</nav><p>Sichuan's GDP reached 6.01 trillion yuan in 2023, "
                    "up 6.0 percent.</p></body></html>", encoding="utf-8")
    runner = CliRunner()
    wsdir = str(tmp_path / "ws")
    r = runner.invoke(app, ["-w", wsdir, "extract", str(page), "--jsonl", str(tmp_path / "f.jsonl")])
    assert r.exit_code == 0, r.output
    lines = (tmp_path / "f.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 2 and '"indicator": "gdp"' in lines[0]
    r = runner.invoke(app, ["-w", wsdir, "extract", str(page), "--store"])
    assert r.exit_code == 0, r.output
    w = open_workspace(wsdir)
    w.write("indicator", CATALOG, source="test catalog")
    fid = w.to_pandas("fact").query("indicator == 'gdp'")["fact_id"].item()
    r = runner.invoke(app, ["-w", wsdir, "extract", "promote", fid])
    assert r.exit_code == 0, r.output
    assert open_workspace(wsdir).to_pandas("indicator_value")["value"].tolist() == [pytest.approx(60100.0)]
    r = runner.invoke(app, ["-w", wsdir, "extract", "promote", "nope"])
    assert r.exit_code == 1 and "no stored fact" in r.output
