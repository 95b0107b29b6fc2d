"""Specialisation, shift-share, opportunities and degenerate input, checked by hand computations
and accounting identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest

from xinzhi.analytics import complexity
from xinzhi.analytics.opportunities import opportunities, strong_clusters
from xinzhi.analytics.shift_share import dynamic_shift_share, shift_share
from xinzhi.analytics.specialisation import (
    entropy,
    gini,
    herfindahl,
    krugman,
    location_quotient,
)
from xinzhi.errors import InputError


@pytest.fixture
def panel() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = [(r, i, y, float(rng.integers(0, 50))) for r in "ABCDEF" for i in "pqrstu" for y in (2020, 2021, 2022)]
    return pd.DataFrame(rows, columns=["region", "industry", "year", "value"])


def test_lq_with_manufacturing_base_by_hand() -> None:
    t = pd.DataFrame({"region": ["A", "A", "A", "B", "B", "B"], "industry": ["C1", "C2", "S"] * 2,
                      "value": [2.0, 2.0, 96.0, 6.0, 2.0, 2.0]})
    lq = location_quotient(t, base=["C1", "C2"]).set_index(["region", "industry"])["lq"]
    # A: C1 share 2/4 = .5, national C1 share within base 8/12 -> .75
    assert lq[("A", "C1")] == pytest.approx(0.5 / (8 / 12))
    assert ("A", "S") not in lq.index


def test_concentration_by_hand() -> None:
    t = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y"] * 2, "value": [1.0, 3.0, 2.0, 2.0]})
    assert herfindahl(t)["hhi"].tolist() == pytest.approx([1 / 16 + 9 / 16, 0.5])
    assert entropy(t)["entropy"].tolist() == pytest.approx([-(0.25 * np.log2(0.25) + 0.75 * np.log2(0.75)), 1.0])
    # national shares 3/8, 5/8; A: |.25-.375| + |.75-.625| = .25, B: .125 + .125
    assert krugman(t)["krugman"].tolist() == pytest.approx([0.25, 0.25])
    # gini of (1, 2) = |1-2| * 2 / (2 * 4 * 1.5)
    assert gini(t).set_index("industry")["gini"]["x"] == pytest.approx(2 / (2 * 4 * 1.5))


def test_shift_share_identities(panel: pd.DataFrame) -> None:
    r = shift_share(panel, start=2020, end=2022, method="esteban-marquillas")
    np.testing.assert_allclose(r["change"], r["national_share"] + r["industry_mix"] + r["regional_shift"])
    ok = r["base"] > 0
    np.testing.assert_allclose(r.loc[ok, "regional_shift"],
                               r.loc[ok, "competitive_effect"] + r.loc[ok, "allocation_effect"])
    # the national share and industry mix of all regions add up to the nation's change
    tot = r["national_share"].sum() + r["industry_mix"].sum()
    nat = panel[panel.year == 2022].value.sum() - panel[panel.year == 2020].value.sum()
    assert tot + r["regional_shift"].sum() == pytest.approx(nat)
    assert r["regional_shift"].sum() == pytest.approx(0.0, abs=1e-9)
    d = dynamic_shift_share(panel, start=2020, end=2022)
    total = d[d.year == "total"]
    np.testing.assert_allclose(total["change"], total["final"] - total["base"])


def test_polars_input_gives_the_same_result(panel: pd.DataFrame) -> None:
    a = complexity(panel).to_frame()
    b = complexity(pl.from_pandas(panel)).to_frame()
    np.testing.assert_allclose(a["eci"], b["eci"])


def test_negative_values_raise(panel: pd.DataFrame) -> None:
    bad = panel.copy()
    bad.loc[3, "value"] = -1.0
    with pytest.raises(InputError, match="negative"):
        complexity(bad)


def test_duplicates_are_summed_and_reported(panel: pd.DataFrame) -> None:
    extra = panel.iloc[[0]].assign(value=5.0)
    res = complexity(pd.concat([panel, extra]))
    base = complexity(panel.assign(value=panel.value + np.where(np.arange(len(panel)) == 0, 5.0, 0.0)))
    assert res.report.duplicates_summed == 1
    np.testing.assert_allclose(res.to_frame()["rca"], base.to_frame()["rca"])


def test_nan_is_zero_and_empty_rows_dropped(panel: pd.DataFrame) -> None:
    p = panel.copy()
    p.loc[p.region == "F", "value"] = np.nan
    res = complexity(p)
    assert res.report.nan_as_zero == 18
    assert "F" not in set(res.years[0].regions)
    assert res.report.dropped_regions[2020] == ["F"]


def test_single_region_is_defined() -> None:
    t = pd.DataFrame({"region": ["A", "A"], "industry": ["x", "y"], "value": [1.0, 2.0]})
    res = complexity(t)
    assert np.isnan(res.years[0].eci).all()
    assert any("at least 2 regions" in n for n in res.report.notes)


def test_opportunities_rank_and_explain(panel: pd.DataFrame) -> None:
    cy = complexity(panel).year(2022)
    c = list(cy.regions).index("A")
    for strategy in ("low_hanging", "balanced", "long_jumps"):
        o = opportunities(cy, "A", strategy=strategy, top=None)
        assert set(o["industry"]) == set(cy.industries[cy.mcp[c] == 0])
        assert o["score"].is_monotonic_decreasing
    low = opportunities(cy, "A", strategy="low_hanging", top=None)
    # with 60% weight on density, the top pick is at least as dense as the median candidate
    assert low["density"].iloc[0] >= low["density"].median()
    assert low["explanation"].str.contains("density").all()


def test_strong_clusters_quartile_rule() -> None:
    regions = list("abcdefgh")
    emp = [80.0, 40, 20, 10, 10, 10, 10, 10]
    d = pd.DataFrame({"region_code": regions, "industry_code": "3612", "year": 2023, "employment": emp})
    other = d.assign(industry_code="7010", employment=100.0)
    tax = pd.DataFrame({"category": ["elec"], "industry_code": ["36"]})
    r = strong_clusters(pd.concat([d, other]), tax).set_index("region_code")
    # LQs: a 80/180 / (190/990) = 2.32, b 1.48, c 0.87, rest ~0.48; P75 of the eight LQs lies
    # between c and b, so only a and b are strong
    assert set(r.index[r.strong]) == {"a", "b"}
