"""黄岩 2022: hand-computed scores from the published formula (benchmarks 24.097, 136.16, ...)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from xinzhi.evaluation import evaluate_permu, load_rulebook


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_rulebook("huangyan-2022")


def run(table, book) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return evaluate_permu(table, book, year=2022).to_pandas().set_index("credit_code")


ROWS = [
    # F1: at every benchmark except energy and emissions
    dict(credit_code="F1", tax=240.97, value_added=1361.6, energy_tce=500.0, emissions=0.5,
         employees=75.0, rd_spending=30.2, main_revenue=1000.0),
    # F2: no emission data
    dict(credit_code="F2", tax=120.0, value_added=500.0, energy_tce=100.0, emissions=None,
         employees=50.0, rd_spending=10.0, main_revenue=1000.0),
    # F3: twice the benchmarks of tax per mu
    dict(credit_code="F3", tax=481.94, value_added=300.0, energy_tce=100.0, emissions=0.1,
         employees=10.0, rd_spending=0.0, main_revenue=500.0),
    # F4: zero land: the per-mu items are missing and earn nothing
    dict(credit_code="F4", land_mu=0.0, tax=1000.0, value_added=1000.0, energy_tce=100.0,
         emissions=1.0, employees=20.0, rd_spending=0.0, main_revenue=100.0),
    # F5: below scale, 5 mu
    dict(credit_code="F5", above_scale=False, land_mu=5.0, tax=57.966, electricity=100.0),
    # F6: below scale, 2 mu: not evaluated
    dict(credit_code="F6", above_scale=False, land_mu=2.0, tax=10.0, electricity=10.0),
    # F7: water supply: class T
    dict(credit_code="F7", industry_code="4610", tax=100.0),
]


def test_above_scale_score_matches_hand_computation(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms(ROWS), book)
    f1 = out.loc["F1"]
    # 24.097/24.097*30 + 136.16/136.16*20 + (1361.6/500)/2.694*20 + (1361.6/0.5)/4929.81*10
    # + (1361.6/75)/18.14*10 + (30.2/1000)/0.0302*10
    expected = 30 + 20 + 2.7232 / 2.694 * 20 + 2723.2 / 4929.81 * 10 + 18.154666666666667 / 18.14 * 10 + 10
    assert f1.score == pytest.approx(expected, abs=1e-9)
    assert f1.s_va_per_energy == pytest.approx(20 * 2.7232 / 2.694, abs=1e-12)
    f3 = out.loc["F3"]
    assert f3.s_tax_per_mu == pytest.approx(60.0, abs=1e-9)  # uncapped: twice the benchmark, twice the weight


def test_missing_emission_gets_the_above_scale_average_item_score(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms(ROWS), book)
    # items of the firms with data: F1 2723.2/4929.81*10, F3 3000/4929.81*10, F4 1000/4929.81*10
    mean = (2723.2 + 3000.0 + 1000.0) / 3 / 4929.81 * 10
    assert out.loc["F2", "s_va_per_emission"] == pytest.approx(mean, abs=1e-12)
    assert math.isnan(out.loc["F2", "v_va_per_emission"])
    assert "单位排放增加值缺失或分母为0: 取同组平均分" in out.loc["F2", "reasons"]


def test_zero_land_is_data_incomplete(firms, book) -> None:  # type: ignore[no-untyped-def]
    # 0 亩 leaves 亩均税收 undefined; the rulebook declares it required (missing: not_evaluated), so
    # F4 is 数据不全，不参评 (it used to be scored on its other items and ranked)
    out = run(firms(ROWS), book)
    f4 = out.loc["F4"]
    assert f4.status == "incomplete" and pd.isna(f4["class"]) and pd.isna(f4.score) and pd.isna(f4["rank"])
    assert math.isnan(f4.v_tax_per_mu) and math.isnan(f4.v_va_per_mu)
    assert "亩均税收缺失或分母为0: 数据不全，不参评" in f4.reasons
    assert "亩均增加值缺失或分母为0: 记0分" in f4.reasons
    assert out[out.cohort == "above"]["group_size"].dropna().eq(3).all()  # F1, F2, F3 ranked without F4


def test_below_scale_and_scope(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms(ROWS), book)
    assert out.loc["F5", "score"] == pytest.approx(50 + 0.57966 / 0.2352 * 50, abs=1e-9)
    assert out.loc["F5", "cohort"] == "below" and out.loc["F5", "rank"] == 1
    assert pd.isna(out.loc["F6", "class"]) and pd.isna(out.loc["F6", "score"])
    assert out.loc["F7", "class"] == "T" and pd.isna(out.loc["F7", "score"])


def test_four_firms_have_no_a_class_under_the_floor_rule(firms, book) -> None:  # type: ignore[no-untyped-def]
    # n = 4 (F4 with 1 亩 instead of 0): A needs rank <= 0.20*4 = 0.8 (none), B rank <= 2.4, C rank <= 3.8, D the rest
    rows = [*ROWS[:3], {**ROWS[3], "land_mu": 1.0}, *ROWS[4:]]
    out = run(firms(rows), book)
    above = out[out.cohort == "above"].sort_values("rank")
    assert above["class"].tolist() == ["B", "B", "C", "D"]
    # the single below-scale firm is alone in its cohort: rank 1 of 1 > 0.95 * 1 -> D
    assert out.loc["F5", "class"] == "D"


def test_surcharge_by_class(firms, book) -> None:  # type: ignore[no-untyped-def]
    rows = [*ROWS[:3]]
    rows[1] = {**rows[1], "electricity": 200.0}  # F2 ranks last of F1-F3: class D
    out = run(firms(rows), book)
    worst = out.sort_values("rank").iloc[-1]
    assert worst.name == "F2"
    assert worst["class"] == "D"
    assert worst.surcharge == pytest.approx(0.3 * worst_electricity(rows, worst.name), abs=1e-12)


def worst_electricity(rows, code):  # type: ignore[no-untyped-def]
    return next(r.get("electricity", 0.0) for r in rows if r["credit_code"] == code)
