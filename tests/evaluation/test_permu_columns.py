"""Columns a rulebook names outside the indicator formulas reach the stages that read them, and
integer constants in formulas neither overflow narrow integer columns nor change comparisons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pytest

from xinzhi.evaluation import evaluate_permu, load_rulebook
from xinzhi.evaluation.formula import parse_formula
from xinzhi.evaluation.loader import rulebook_dir

TEMPLATE = (rulebook_dir() / "template.yaml").read_text(encoding="utf-8")


def _variant(tmp_path: Path, old: str, new: str) -> Any:
    assert old in TEMPLATE
    p = tmp_path / "variant.yaml"
    p.write_text(TEMPLATE.replace(old, new), encoding="utf-8")
    return load_rulebook(p)


def _two_years(firms: Callable[[list[dict[str, Any]]], ir.Table]) -> ir.Table:
    rows = []
    for year in (2022, 2023):
        for k, size in enumerate(("small", "small", "large", "large")):
            rows.append({"credit_code": f"X{k}", "year": year, "size_class": size, "land_mu": 10.0,
                         "tax": 10.0 * (k + 1), "revenue": 100.0 * (k + 1)})
    return firms(rows)


def test_benchmark_within_a_column_that_is_not_a_result_key(
    tmp_path: Path, firms: Callable[[list[dict[str, Any]]], ir.Table]
) -> None:
    # previous-year benchmark per size class: Σrevenue / Σland is 300 / 20 = 15 for the small
    # firms and 700 / 20 = 35 for the large ones (a county-wide one would be 50)
    book = _variant(tmp_path, "times: 2, within: [region_code]", "times: 1, within: [size_class]")
    out = evaluate_permu(_two_years(firms), book, year=2023).to_pandas().set_index("credit_code")
    sales = out["s_sales_per_mu"]
    assert sales["X0"] == pytest.approx(10.0 / 15.0 * 40)
    assert sales["X3"] == pytest.approx(40.0 / 35.0 * 40)


def test_cohort_mean_with_an_applies_condition(
    tmp_path: Path, firms: Callable[[list[dict[str, Any]]], ir.Table]
) -> None:
    # the item applies only where tax > 15; elsewhere it scores 0; a missing value (zero land)
    # takes the cohort mean of the points where it applies
    book = _variant(tmp_path, "        missing: zero            #",
                    "        applies: \"tax > 15\"\n        missing: cohort_mean     #")
    rows = [{"credit_code": f"X{k}", "year": y, "land_mu": 10.0, "tax": t, "revenue": 100.0}
            for y in (2022, 2023) for k, t in enumerate((10.0, 20.0, 40.0))]
    rows.append({"credit_code": "X9", "year": 2023, "land_mu": 0.0, "tax": 30.0, "revenue": 100.0})
    rows.append({"credit_code": "X9", "year": 2022, "land_mu": 10.0, "tax": 30.0, "revenue": 100.0})
    out = evaluate_permu(firms(rows), book, year=2023).to_pandas().set_index("credit_code")
    pts = out["s_tax_per_mu"]
    assert pts["X0"] == 0.0
    assert pts["X1"] == pytest.approx(2.0 / 20.0 * 60)
    assert pts["X2"] == pytest.approx(4.0 / 20.0 * 60)
    assert pts["X9"] == pytest.approx((pts["X1"] + pts["X2"]) / 2)


def _value(formula: str, **columns: Any) -> Any:
    t = ibis.memtable(pd.DataFrame(columns))
    expr = parse_formula(formula).compile({c: t[c] for c in t.columns})
    return t.select(v=expr).to_pandas()["v"].iloc[0]


def test_integer_constants_do_not_overflow_narrow_columns() -> None:
    a = pd.array([30000], dtype="int32")
    u = pd.array([3], dtype="uint8")
    assert _value("a * 100000", a=a) == 3_000_000_000
    assert _value("u - 5", u=u) == -2
    assert bool(_value("a * 100000 > 5", a=a))
    assert _value("99999999999999999999 * a", a=a) == pytest.approx(3e24)


def test_integer_comparisons_are_exact() -> None:
    y = pd.array([2024], dtype="int64")
    e = pd.array([2022], dtype="int64")
    assert not bool(_value("year - established_year < 2", year=y, established_year=e))
    assert bool(_value("year - established_year <= 2", year=y, established_year=e))
    assert bool(_value("2 == year - established_year", year=y, established_year=e))


def test_ranks_within_two_columns_with_missing_values(
    tmp_path: Path, firms: Callable[[list[dict[str, Any]]], ir.Table]
) -> None:
    # classes within (region_code, park_code): a missing park is a group of its own, and each of
    # the four groups is ranked separately; equal scores share the better rank
    book = _variant(tmp_path, "  within: [region_code]          # rank within each county",
                    "  within: [region_code, park_code]")
    groups = [("331003", "P1"), ("331003", None), ("331004", "P1"), ("331004", None)]
    taxes = [(30.0, 10.0, 20.0), (10.0, 10.0, 50.0), (5.0, 15.0, 25.0), (40.0, 40.0, 1.0)]
    rows = [{"credit_code": f"X{g}{k}", "year": y, "region_code": r, "park_code": p, "tax": t, "revenue": 100.0}
            for y in (2022, 2023) for g, ((r, p), ts) in enumerate(zip(groups, taxes, strict=True))
            for k, t in enumerate(ts)]
    out = evaluate_permu(firms(rows), book, year=2023).to_pandas().set_index("credit_code")
    expected = {"X00": 1, "X01": 3, "X02": 2, "X10": 2, "X11": 2, "X12": 1,
                "X20": 3, "X21": 2, "X22": 1, "X30": 1, "X31": 1, "X32": 3}
    assert out["rank"].to_dict() == expected
    assert set(out["group_size"]) == {3}
