"""Scope before special classes, missing data never helps, D classes and uncapped items: worked examples.

Each test was checked to fail on the engine and rulebooks before these rules (issue 13).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from xinzhi.evaluation import evaluate_permu, load_rulebook

PARK = "510100P01"


def run(firms, book, rows, year):  # type: ignore[no-untyped-def]
    return evaluate_permu(firms(rows), book, year=year).to_pandas().set_index("credit_code")


# --------------------------------------------------------------------------- scope before T

def _sichuan_previous() -> list[dict[str, object]]:
    return [dict(credit_code=f"P{i}", year=2021, region_code="510104", park_code=PARK, tax=10.0, land_mu=10.0,
                 revenue=100.0, employees=10.0, energy_tce=10.0, rd_spending=1.0, value_added=30.0) for i in (1, 2)]


def test_a_utility_outside_the_parks_is_not_evaluated_not_t(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("sichuan-parks-2022")
    util = dict(industry_code="4411", tax=50.0, land_mu=10.0, revenue=500.0, employees=10.0, energy_tce=10.0)
    rows = [*_sichuan_previous(),
            dict(credit_code="U_PARK", year=2022, region_code="510104", park_code=PARK, **util),
            dict(credit_code="U_OUT", year=2022, region_code="510104", park_code="", **util),
            dict(credit_code="U_SMALL", year=2022, region_code="510104", park_code=PARK, above_scale=False, **util)]
    out = run(firms, book, rows, 2022)
    # in scope (a 规上 firm in a park): the utility is T; outside the scope: 不参评, whatever its industry
    assert out.loc["U_PARK", "class"] == "T" and out.loc["U_PARK", "status"] == "fixed"
    for code in ("U_OUT", "U_SMALL"):
        assert pd.isna(out.loc[code, "class"]), code
        assert out.loc[code, "status"] == "out_of_scope" and out.loc[code, "cohort"] == "other"
        assert "T类" not in out.loc[code, "reasons"]


def test_huaian_t_only_inside_the_scope(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("huaian-2024")
    prev = dict(credit_code="P", year=2023, region_code="320803", tax=10.0, land_mu=10.0, revenue=100.0, energy_tce=10.0)
    rows = [prev,
            # a new firm and a utility, each below scale on 2 mu (outside the scope) and on 10 mu (inside)
            dict(credit_code="NEW2", year=2024, region_code="320803", above_scale=False, established_year=2024, land_mu=2.0),
            dict(credit_code="NEW10", year=2024, region_code="320803", above_scale=False, established_year=2024, land_mu=10.0),
            dict(credit_code="UT2", year=2024, region_code="320803", above_scale=False, industry_code="4610", land_mu=2.0),
            dict(credit_code="UT10", year=2024, region_code="320803", above_scale=False, industry_code="4610", land_mu=10.0)]
    out = run(firms, book, rows, 2024)
    assert out.loc["NEW10", "class"] == "T" and out.loc["UT10", "class"] == "T"
    assert pd.isna(out.loc["NEW2", "class"]) and out.loc["NEW2", "cohort"] == "below_small"
    assert pd.isna(out.loc["UT2", "class"]) and out.loc["UT2", "cohort"] == "below_small"


def test_a_fixed_class_listed_after_the_scope_still_applies_inside_it(firms) -> None:  # type: ignore[no-untyped-def]
    # the engine, not the order in the file, puts T after scope: T listed last still wins in scope
    huangyan = load_rulebook("huangyan-2022")
    book = huangyan.model_copy(update={"cohorts": [*huangyan.cohorts[1:], huangyan.cohorts[0]]})
    assert [c.id for c in book.cohorts] == ["above", "below", "below_small", "utilities"]
    rows = [dict(credit_code="U", year=2022, industry_code="4430", tax=100.0),
            dict(credit_code="U_SMALL", year=2022, industry_code="4430", above_scale=False, land_mu=1.0),
            dict(credit_code="F", year=2022, tax=100.0)]
    out = run(firms, book, rows, 2022)
    assert out.loc["U", "class"] == "T" and out.loc["U", "cohort"] == "utilities"
    assert pd.isna(out.loc["U_SMALL", "class"]) and out.loc["U_SMALL", "cohort"] == "below_small"
    assert out.loc["F", "status"] == "evaluated"


# --------------------------------------------------------------------------- missing never helps

def test_sichuan_missing_tax_is_data_incomplete_not_a(firms) -> None:  # type: ignore[no-untyped-def]
    # the demo case: the strongest firm reports no tax. Ten firms; with the tax reported as 0 it
    # still ranks first (A); missing, it is 数据不全，不参评 and the nine others are ranked alone.
    book = load_rulebook("sichuan-parks-2022")
    current = [dict(credit_code=f"F{i:02d}", year=2022, region_code="510104", park_code=PARK, tax=2.0 * i,
                    land_mu=10.0, revenue=100.0 * i, employees=10.0, energy_tce=10.0, rd_spending=1.0,
                    value_added=30.0 * i) for i in range(1, 10)]
    star = dict(credit_code="STAR", year=2022, region_code="510104", park_code=PARK, land_mu=10.0,
                revenue=5000.0, employees=10.0, energy_tce=10.0, rd_spending=1.0, value_added=2000.0)
    zero = run(firms, book, [*_sichuan_previous(), *current, {**star, "tax": 0.0}], 2022)
    assert zero.loc["STAR", "class"] == "A" and zero.loc["STAR", "rank"] == 1
    missing = run(firms, book, [*_sichuan_previous(), *current, {**star, "tax": None}], 2022)
    star_row = missing.loc["STAR"]
    assert star_row["status"] == "incomplete" and pd.isna(star_row["class"]) and pd.isna(star_row["score"])
    assert pd.isna(star_row["rank"]) and star_row["n_missing"] == 1
    assert "亩均税收缺失或分母为0: 数据不全，不参评" in star_row["reasons"]
    assert missing["group_size"].dropna().eq(9).all()  # the nine others, ranked among themselves


def test_a_missing_numerator_never_gets_the_cohort_mean(firms) -> None:  # type: ignore[no-untyped-def]
    # 黄岩: "no emission data" gets the 规上 average item score. A firm that reports emissions but
    # no 增加值 is not in that case: reported as 0, its item would be 0/1 / 4929.81 × 10 = 0.
    book = load_rulebook("huangyan-2022")
    base = dict(year=2022, tax=100.0, energy_tce=100.0, employees=10.0, rd_spending=1.0, main_revenue=100.0)
    rows = [dict(credit_code="A1", value_added=1000.0, emissions=1.0, **base),
            dict(credit_code="A2", value_added=2000.0, emissions=1.0, **base),
            dict(credit_code="NO_VA", value_added=None, emissions=1.0, **base),
            dict(credit_code="NO_EM", value_added=1000.0, emissions=None, **base)]
    out = run(firms, book, rows, 2022)
    mean = (1000.0 + 2000.0) / 2 / 4929.81 * 10  # the items of A1 and A2
    assert out.loc["NO_EM", "s_va_per_emission"] == pytest.approx(mean, abs=1e-12)
    assert out.loc["NO_VA", "s_va_per_emission"] == 0.0
    assert out.loc["NO_VA", "n_missing"] == 4  # 亩均增加值, 单位能耗增加值, 单位排放增加值, 全员劳动生产率
    zero = run(firms, book, [*rows[:2], {**rows[2], "value_added": 0.0}, rows[3]], 2022)
    assert zero.loc["NO_VA", "score"] == pytest.approx(out.loc["NO_VA", "score"], abs=1e-12)


def test_zero_points_for_a_missing_item_are_flagged(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("huaian-2024")
    prev = dict(credit_code="P", year=2023, region_code="320803", tax=10.0, land_mu=10.0, revenue=100.0, energy_tce=10.0)
    rows = [prev,
            dict(credit_code="Q", year=2024, region_code="320803", tax=20.0, land_mu=10.0, revenue=200.0, energy_tce=None),
            dict(credit_code="NOTAX", year=2024, region_code="320803", tax=None, land_mu=10.0, revenue=200.0,
                 energy_tce=10.0)]
    out = run(firms, book, rows, 2024)
    q = out.loc["Q"]
    # benchmarks 2 × the 2023 county values: tax/mu 2, sales/mu 20, tax/energy 2
    # tax/mu 2/2 × 45 + sales/mu 20/20 × 35 + tax/energy missing: 0 points, flagged
    assert q["score"] == pytest.approx(80.0, abs=1e-12) and q["n_missing"] == 1 and q["status"] == "evaluated"
    assert "单位能(电)耗税收缺失或分母为0: 记0分" in q["reasons"]
    # 亩均税收 is required (missing: not_evaluated): no tax figure, 数据不全，不参评
    assert out.loc["NOTAX", "status"] == "incomplete" and pd.isna(out.loc["NOTAX", "class"])


def _rulebook_with(tmp_path: Path, extra: str) -> Path:
    text = (Path(__file__).parents[2] / "src/xinzhi/evaluation/rulebooks/template.yaml").read_text(encoding="utf-8")
    text = text.replace("vetoes:                          # 一票否决: the firm cannot be in these classes (moves down)\n",
                        "vetoes:\n" + extra)
    path = tmp_path / "county.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_veto_on_a_figure_holds_when_the_figure_is_missing(firms, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 一票否决 for 亩均税收 below 1万元: reported as 0 the firm is vetoed, so missing it is too
    book = load_rulebook(_rulebook_with(
        tmp_path, "  - {id: low_tax, label: 亩均税收低于1万元, when: \"tax / land_mu < 1\", bars: [A, B]}\n"))
    rows = [dict(credit_code=f"F{i}", year=2025, region_code="000000", tax=40.0 * i, land_mu=10.0, revenue=100.0 * i)
            for i in range(1, 6)]
    prev = [dict(credit_code=f"F{i}", year=2024, region_code="000000", tax=40.0, land_mu=10.0, revenue=100.0)
            for i in range(1, 6)]
    star = dict(credit_code="STAR", year=2025, region_code="000000", land_mu=10.0, revenue=10_000.0)
    out_zero = run(firms, book, [*prev, *rows, {**star, "tax": 0.0}], 2025)
    out_missing = run(firms, book, [*prev, *rows, {**star, "tax": None}], 2025)
    assert bool(out_zero.loc["STAR", "vetoed"]) and out_zero.loc["STAR", "class"] == "C"
    assert bool(out_missing.loc["STAR", "vetoed"]) and out_missing.loc["STAR", "class"] == "C"


# --------------------------------------------------------------------------- D classes, caps, notes

def test_sichuan_has_d_by_criteria_only_and_says_so(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("sichuan-parks-2022")
    assert book.classes.order == ["A", "B", "C", "D"]
    assert any("未公布D类" in n for n in book.notes)
    rows = [*_sichuan_previous(),
            *[dict(credit_code=f"F{i:02d}", year=2022, region_code="510104", park_code=PARK, tax=2.0 * i,
                   land_mu=10.0, revenue=200.0, employees=10.0, energy_tce=10.0, rd_spending=2.0,
                   value_added=60.0) for i in range(1, 11)]]
    out = run(firms, book, rows, 2022)
    assert out["class"].value_counts().to_dict() == {"B": 6, "A": 3, "C": 1}  # no D by rank


def test_an_uncapped_item_far_above_its_weight_is_flagged(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("huangyan-2022")
    base = dict(year=2022, value_added=100.0, energy_tce=100.0, emissions=1.0, employees=10.0, rd_spending=1.0,
                main_revenue=100.0)
    rows = [dict(credit_code="X3", tax=722.91, **base),  # 72.291/24.097 = 3 × the benchmark: 90 points for weight 30
            dict(credit_code="X1", tax=240.97, **base)]  # at the benchmark: 30 points
    out = run(firms, book, rows, 2022)
    assert out.loc["X3", "s_tax_per_mu"] == pytest.approx(90.0, abs=1e-9)
    assert out.loc["X3", "max_item_ratio"] == pytest.approx(3.0, abs=1e-9)
    assert bool(out.loc["X3", "over_weight"]) and not bool(out.loc["X1", "over_weight"])
    assert "亩均税收得分超过权重的2倍（来源未设上限）" in out.loc["X3", "reasons"]
    assert math.isclose(out.loc["X1", "max_item_ratio"], 1.0, abs_tol=1e-9)


def test_every_shipped_rulebook_says_what_its_source_leaves_out() -> None:
    for rid in ("sichuan-parks-2022", "huangyan-2022", "huaian-2024", "changle-2023"):
        book = load_rulebook(rid)
        assert book.notes, rid
        assert any("D类" in n for n in book.notes) and any("上限" in n for n in book.notes), rid
