"""Cluster profile on a small real workspace where every figure is computed by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from xinzhi.chains.membership import region_and_descendants
from xinzhi.clusters.definitions import install_system, load_system, system_from_dict
from xinzhi.clusters.profile import cluster_profile
from xinzhi.clusters.scale import crossing_year, trailing_cagr
from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace, open_workspace

S = 100_000.0  # scale: panel values below are in units of 100,000 万元 (1 billion yuan)
SYSTEM = {"system": "t", "name": "测试体系", "region_code": "510100", "tiers": [
    {"tier": "leading", "clusters": [{"code": "A", "name": "汽车", "industries": ["36"]},
                                     {"code": "B", "name": "锂电", "industries": ["3841"]}]},
    {"tier": "new-star", "clusters": [{"code": "C", "name": "链主集群", "tags": ["链主企业"]},
                                      {"code": "D", "name": "待补充", "source": "placeholder"}]},
]}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    w = open_workspace(Path(tmp_path_factory.mktemp("clusters")) / "ws")
    rows = []
    for year, a1, a2, b in ((2022, 50, 50, 40), (2023, 75, 75, 45), (2024, 100, 100, 50)):
        rows += [("510104", "3612", year, a1), ("510105", "3670", year, a2), ("510104", "3841", year, b),
                 ("510104", "1511", year, 50), ("510104", "6513", year, 1000),
                 ("510302", "3612", year, 100), ("510302", "1511", year, 300),
                 ("520102", "3841", year, 200), ("520102", "1511", year, 200)]
    rit = pd.DataFrame(rows, columns=["region_code", "industry_code", "year", "output"])
    rit["output"] = rit["output"] * S
    w.write("region_industry_year", rit, source="test")
    codes = [make_credit_code("510100", i) for i in (1, 2, 3)]
    w.write("enterprise", pd.DataFrame({
        "credit_code": codes, "name": ["企业E1", "企业E2", "企业E3"],
        "region_code": ["510104", "510104", "510302"], "industry_code": ["3612", "3841", "3612"],
        "tags": ["链主企业", None, "链主企业"]}), source="test")
    w.write("enterprise_year", pd.DataFrame({
        "credit_code": codes * 2, "year": [2024] * 3 + [2023] * 3,
        "revenue": [900.0, 500.0, 1000.0, 700.0, 400.0, 900.0],
        "output": [800.0, 450.0, 950.0, 600.0, 300.0, 800.0]}), source="test")
    install_system(w, system_from_dict(SYSTEM))
    return w


def _profile(ws: Workspace) -> pd.DataFrame:
    system = load_system(ws, region="510100")
    return cluster_profile(system, ws.table("region_industry_year"), ws.table("enterprise"),
                           ws.table("enterprise_year"), industries=ws.to_pandas("industry"), region="510100",
                           region_codes=region_and_descendants(ws.to_pandas("region"), "510100"),
                           year=2024).set_index("cluster_code")


def test_size_share_lq_and_strong_by_hand(ws: Workspace) -> None:
    p = _profile(ws)
    assert p.loc["A", "output"] == 200 * S and p.loc["B", "output"] == 50 * S
    # industrial total of Chengdu: 3612 + 3670 + 3841 + 1511 (software 6513 is not industry)
    assert p.loc["A", "share"] == pytest.approx(200 / 300)
    # all cities: A = 300, B = 250, industrial total = 300 + 400 + 400 = 1100
    assert p.loc["A", "lq"] == pytest.approx((200 / 300) / (300 / 1100))
    assert p.loc["B", "lq"] == pytest.approx((50 / 300) / (250 / 1100))
    assert bool(p.loc["A", "strong"]) is True  # top of the 2 cities with A, LQ 2.44
    assert bool(p.loc["B", "strong"]) is False  # LQ 0.73, below Guiyang's 2.2
    assert p.loc["A", "growth"] == pytest.approx(200 / 150 - 1)


def test_thresholds_and_projected_years_by_hand(ws: Workspace) -> None:
    p = _profile(ws)
    # A: 2e7 万元 = 200 billion yuan, already past 100 billion; CAGR 2022-2024 = sqrt(2) - 1
    assert p.loc["A", "cagr"] == pytest.approx(math.sqrt(2) - 1) and p.loc["A", "cagr_years"] == 2
    assert p.loc["A", "progress_100bn"] == pytest.approx(2.0)
    assert p.loc["A", "year_100bn"] == 2024
    # to 1 trillion: ln(5) / ln(sqrt 2) = 4.64 years -> 2029
    assert p.loc["A", "year_1tn"] == 2029
    # B: 5e6 万元, CAGR sqrt(50/40) - 1 = 11.8%; ln 2 / ln 1.118 = 6.21 years -> 2031
    assert p.loc["B", "progress_100bn"] == pytest.approx(0.5)
    assert p.loc["B", "year_100bn"] == 2031


def test_enterprise_based_cluster_and_leading_firms(ws: Workspace) -> None:
    p = _profile(ws)
    assert p.loc["C", "basis"] == "enterprise"
    assert p.loc["C", "enterprises"] == 1 and p.loc["C", "output"] == 800.0  # only E1 is local
    assert p.loc["C", "growth"] == pytest.approx(800 / 600 - 1)
    assert p.loc["A", "leading_enterprises"] == "企业E1"
    assert p.loc["A", "firms"] == 1
    assert bool(p.loc["D", "placeholder"]) and math.isnan(p.loc["D", "output"])


def test_scale_helpers() -> None:
    assert trailing_cagr(100, 200, 1) == pytest.approx(1.0)
    assert math.isnan(trailing_cagr(0, 200, 1))
    assert math.isnan(crossing_year(5e6, 2024, 1e7, -0.01))
    assert crossing_year(5e6, 2024, 1e7, 1.0) == 2025  # doubling in exactly one year
