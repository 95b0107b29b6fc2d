"""Indicator series: cumulative ↔ single-period values, growth, shares, per capita, annual values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from xinzhi.delivery.indicators import (
    annual_values,
    per_capita,
    share,
    to_cumulative,
    to_single_period,
    yoy_growth,
)
from xinzhi.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data" / "delivery"


def province_gdp() -> pd.DataFrame:
    d = pd.read_csv(DATA / "province_gdp.csv", dtype={"province_code": str})
    return pd.DataFrame({
        "indicator": "gdp",
        "region_code": d["province_code"] + "0000",
        "period": d["year"].astype(str),
        "value": d["gdp_100m_yuan"],
        "growth": d["real_growth_pct"] / 100.0,
    })


def test_cumulative_to_monthly_worked_example() -> None:
    # Industrial investment, cumulative 1-N月 (万元). January is not published (1–2月 together),
    # so February's single value covers two months. Hand computation:
    #   Jan–Feb 250; Mar 400-250 = 150; Apr 520-400 = 120; May 700-520 = 180.
    cum = pd.DataFrame({
        "indicator": "industrial_investment", "region_code": "510000",
        "period": ["2024-02", "2024-03", "2024-04", "2024-05", "2025-02", "2025-03"],
        "value": [250.0, 400.0, 520.0, 700.0, 300.0, 420.0],
    })
    out = to_single_period(cum)
    assert out["single"].tolist() == [250.0, 150.0, 120.0, 180.0, 300.0, 120.0]
    assert out["covers"].tolist() == [2, 1, 1, 1, 2, 1]


def test_quarterly_cumulative_gdp_to_single_quarters() -> None:
    # A published pattern: GDP 1–3 quarters 4,338.7 (hundred million yuan) after H1 2,800.0 and
    # Q1 1,350.5 gives Q3 alone = 4,338.7 - 2,800.0 = 1,538.7, Q2 alone = 1,449.5.
    cum = pd.DataFrame({"indicator": "gdp", "region_code": "510100",
                        "period": ["2024Q1", "2024Q2", "2024Q3"], "value": [1350.5, 2800.0, 4338.7]})
    single = to_single_period(cum)["single"].round(6).tolist()
    assert single == [1350.5, 1449.5, 1538.7]


def test_single_to_cumulative_round_trip_and_gap() -> None:
    single = pd.DataFrame({"indicator": "x", "region_code": "A",
                           "period": ["2024-01", "2024-02", "2024-03", "2024-05"],
                           "value": [10.0, 20.0, 30.0, 50.0]})
    cum = to_cumulative(single)["cumulative"].tolist()
    assert cum[:3] == [10.0, 30.0, 60.0]
    assert np.isnan(cum[3])  # April missing: Jan–May unknown
    back = to_single_period(single.assign(value=[10.0, 30.0, 60.0, np.nan]).iloc[:3])
    assert back["single"].tolist() == [10.0, 20.0, 30.0]


def test_annual_periods_rejected_by_single_conversion() -> None:
    with pytest.raises(InputError, match="monthly or quarterly"):
        to_single_period(pd.DataFrame({"indicator": "x", "region_code": "A", "period": ["2024"], "value": [1.0]}))


def test_nominal_growth_on_real_provincial_gdp() -> None:
    g = yoy_growth(province_gdp())
    sc = g[(g["region_code"] == "510000") & (g["period"] == "2024")].iloc[0]
    # Sichuan: 64,697.00 in 2024 over 60,132.90 in 2023 (first releases)
    assert sc["growth_nominal"] == pytest.approx(64697.00 / 60132.90 - 1)
    assert round(sc["growth_nominal"], 4) == 0.0759
    assert np.isnan(sc["growth_real"])  # no published real growth for Sichuan 2024
    sc23 = g[(g["region_code"] == "510000") & (g["period"] == "2023")].iloc[0]
    assert sc23["growth_real"] == pytest.approx(0.060)
    assert sc23["real_basis"] == "published"
    first = g[g["period"] == "2019"]
    assert first["growth_nominal"].isna().all()


def test_real_growth_from_a_deflator() -> None:
    # nominal +8.0 %, prices +2.0 % → real = 1.08 / 1.02 - 1 = 5.882 %
    v = pd.DataFrame({"indicator": "va", "region_code": "A", "period": ["2023Q3", "2024Q3"],
                      "value": [100.0, 108.0], "deflator": [np.nan, 1.02], "growth": [np.nan, 0.07]})
    out = yoy_growth(v).iloc[1]
    assert out["growth_real"] == pytest.approx(0.0588235, abs=1e-7)
    assert out["real_basis"] == "deflator"  # the deflator wins over the published figure


def test_share_and_per_capita() -> None:
    v = pd.DataFrame({"indicator": ["hitech_mfg_va", "mfg_va", "hitech_mfg_va", "mfg_va"],
                      "region_code": ["A", "A", "B", "B"], "period": "2024",
                      "value": [1800.0, 9000.0, 0.0, 0.0]})
    s = share(v, numerator="hitech_mfg_va", denominator="mfg_va")
    assert s.loc[s.region_code == "A", "share"].item() == pytest.approx(0.20)
    assert np.isnan(s.loc[s.region_code == "B", "share"].item())
    # per-capita GDP: 64,697 亿元 over the mean of 8,368 and 8,364 万人 → 元 per person
    gdp = pd.DataFrame({"indicator": "gdp", "region_code": "510000", "period": ["2024"], "value": [64697.0]})
    pop = pd.DataFrame({"region_code": "510000", "period": ["2023", "2024"], "value": [8368.0, 8364.0]})
    pc = per_capita(gdp, pop, factor=1e4)["per_capita"].item()
    assert pc == pytest.approx(64697.0e4 / 8366.0)
    pc_end = per_capita(gdp, pop, factor=1e4, average=False)["per_capita"].item()
    assert pc_end == pytest.approx(64697.0e4 / 8364.0)


def test_annual_values_by_nature() -> None:
    catalog = pd.DataFrame({"code": ["inv", "firms", "exports"], "cumulative": [True, False, False],
                            "measure": ["flow", "stock", "flow"]})
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    v = pd.concat([
        pd.DataFrame({"indicator": "inv", "region_code": "A", "period": ["2024-11", "2024-12"], "value": [90.0, 100.0]}),
        pd.DataFrame({"indicator": "firms", "region_code": "A", "period": ["2024Q3", "2024Q4"], "value": [50.0, 55.0]}),
        pd.DataFrame({"indicator": "exports", "region_code": "A", "period": months, "value": [1.0] * 12}),
        pd.DataFrame({"indicator": "exports", "region_code": "A", "period": ["2025-01"], "value": [1.0]}),
    ])
    a = annual_values(v, catalog).set_index("indicator")
    assert a.loc["inv", "value"] == 100.0
    assert a.loc["firms", "value"] == 55.0
    assert a.loc["exports", "value"] == 12.0  # 2025 incomplete: not annualised
    assert len(a) == 3
