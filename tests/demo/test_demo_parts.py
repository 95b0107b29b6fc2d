"""Parts of the demo generator on small inputs: raking, firm allocation, size classes, names and
the calibration tables (every figure with its origin)."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pandas as pd
import pytest

from xinzhi.demo.calibration import city_gdp, city_output, data_table
from xinzhi.demo.enterprises import size_class
from xinzhi.demo.names import place_name
from xinzhi.demo.statistics import MIN_ABOVE_REVENUE, above_scale_counts, ipf


@pytest.mark.parametrize("name", ["statistics", "names", "enterprises"])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"xinzhi.demo.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_ipf_meets_both_margins_and_keeps_zeros() -> None:
    rng = np.random.default_rng(0)
    pattern = rng.random((6, 9)) < 0.7
    pattern[:, 0] = pattern[0, :] = True
    truth = rng.lognormal(0, 1, (6, 9)) * pattern  # margins of a matrix with this pattern: feasible
    seed = rng.random((6, 9)) * pattern
    m = ipf(seed, truth.sum(axis=1), truth.sum(axis=0))
    np.testing.assert_allclose(m.sum(axis=1), truth.sum(axis=1), rtol=1e-5)
    np.testing.assert_allclose(m.sum(axis=0), truth.sum(axis=0), rtol=1e-5)
    assert (m[~pattern] == 0).all()


def test_above_scale_counts_fill_cells_within_their_capacity() -> None:
    cells = pd.DataFrame({"city_code": ["A"] * 4 + ["B"] * 2,
                          "revenue": [100_000.0, 20_000.0, 3_000.0, 1_000.0, 50_000.0, 5_000.0]})
    k = above_scale_counts(cells, 20, pd.Series({"A": 3.0, "B": 1.0}))
    assert k.sum() == 20 and k[:4].sum() == 15 and k[4:].sum() == 5
    assert (k <= np.floor(cells["revenue"] / MIN_ABOVE_REVENUE)).all()
    assert k[3] == 0 and (k[:3] > 0).all()  # a cell too small for one firm gets none; the others one at least
    assert k[0] > k[1] > k[2]


def test_size_class_needs_every_bound() -> None:
    emp = np.array([1000, 999, 300, 20, 19, 5000])
    rev = np.array([40000.0, 40000.0, 2000.0, 300.0, 100000.0, 299.0])
    assert size_class(emp, rev).tolist() == ["large", "medium", "medium", "small", "micro", "micro"]


@pytest.mark.parametrize(("name", "short"), [
    ("都江堰市", "都江堰"), ("郫都区", "郫都"), ("龙泉驿区", "龙泉驿"), ("茂县", "茂县"), ("理县", "理县"),
    ("北川羌族自治县", "北川"), ("峨边彝族自治县", "峨边"), ("木里藏族自治县", "木里"),
    ("阿坝藏族羌族自治州", "阿坝"), ("凉山彝族自治州", "凉山"), ("成都市", "成都"), ("金口河区", "金口河"),
])
def test_place_names_are_whole(name: str, short: str) -> None:
    assert place_name(name) == short


def test_every_published_figure_has_a_source_and_every_estimate_a_rule() -> None:
    for table in ("city_gdp.csv", "city_industry.csv", "province.csv"):
        t = data_table(table)
        assert set(t["kind"]) <= {"published", "estimated", "unverified"}, table
        pub = t[t["kind"] == "published"]
        assert (pub["source_url"].str.len() > 0).all(), table
        est = t[t["kind"] == "estimated"]
        assert est["note"].str.startswith("estimate:").all(), table
    spec = data_table("specialisations.csv")
    assert ((spec["source_url"].str.len() > 0) | spec["note"].str.startswith("assumption")).all()
    gdp = data_table("city_gdp.csv")
    assert not gdp.duplicated(["city_code", "year"]).any()
    assert len(gdp) == 22 * 6  # 21 cities and the province, 2019–2024


def test_city_output_meets_the_published_totals() -> None:
    out = city_output(city_gdp()).groupby("year")["output"].sum() / 1e4  # 亿元
    assert out[2023] == pytest.approx(49344.7, rel=1e-6)  # 2023 provincial communiqué
    assert out[2024] == pytest.approx(49196.3, rel=1e-6)  # 2024 provincial communiqué
    assert (out.diff().dropna().iloc[:4] > 0).all()  # 2019–2023 grow


def test_division_shares_agree_with_the_published_section_shares() -> None:
    """Value added by section from the division parameters against the 2021 shares (B 8.5 %,
    C 79.9 %, D 11.6 % of above-scale value added) and the top-ten share (65.4 %)."""
    d = data_table("divisions.csv")
    va = d["output_share_pct"].astype(float) * d["va_ratio"].astype(float)
    va = va / va.sum() * 100
    section = np.select([d["division"] <= "10", d["division"] >= "44"], ["B", "D"], default="C")
    by = va.groupby(section).sum()
    assert by["B"] == pytest.approx(8.5, abs=1.5)
    assert by["C"] == pytest.approx(79.9, abs=3.0)
    assert by["D"] == pytest.approx(11.6, abs=2.0)
    assert va.nlargest(10).sum() == pytest.approx(65.4, abs=3.0)
    named = va.set_axis(d["division"])
    assert {"15", "39"} <= set(named.nlargest(5).index)  # the two divisions the analysis names first
