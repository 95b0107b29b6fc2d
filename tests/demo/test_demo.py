"""The demo workspace: deterministic, plausible, labelled synthetic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from xinzhi.credit_code import is_valid_credit_code
from xinzhi.profile import region_profile
from xinzhi.workspace import Workspace


def test_demo_is_labelled_synthetic(demo_ws: Workspace) -> None:
    assert demo_ws.is_demo
    assert "Synthetic" in (demo_ws.get_meta("demo_note") or "")


def test_demo_sizes(demo_ws: Workspace) -> None:
    riy = demo_ws.to_pandas("region_industry_year")
    regions = demo_ws.to_pandas("region").set_index("code")
    assert set(regions.loc[riy["region_code"].unique(), "level"]) == {"county"}
    assert riy["year"].nunique() >= 6
    assert riy["industry_code"].nunique() >= 200
    ent = demo_ws.to_pandas("enterprise")
    assert 45_000 <= len(ent) <= 55_000
    assert ent["credit_code"].map(is_valid_credit_code).all()
    ey = demo_ws.to_pandas("enterprise_year")
    assert ey["year"].nunique() == 3
    assert len(demo_ws.to_pandas("park")) == 28
    assert set(demo_ws.to_pandas("taxonomy")["taxonomy"]) == {"sei-2018", "future-2024"}


def test_demo_distributions_are_plausible(demo_ws: Workspace) -> None:
    ey = demo_ws.to_pandas("enterprise_year")
    last = ey[ey["year"] == ey["year"].max()]
    rev = last["revenue"].dropna()
    # heavy tail: the top 1 % of firms hold a large share of revenue
    top = rev.sort_values(ascending=False).head(len(rev) // 100).sum() / rev.sum()
    assert 0.15 < top < 0.7
    assert last["land_mu"].isna().mean() > 0.03  # firms without land
    assert (last["land_mu"] == 0).sum() > 0
    assert last["emissions"].isna().mean() > 0.05  # missing values
    tax_rate = (last["tax"] / last["revenue"]).median()
    assert 0.01 < tax_rate < 0.08
    per_mu = (last["revenue"] / last["land_mu"].where(last["land_mu"] > 0)).median()
    assert 100 < per_mu < 600  # 万元 per mu
    ent = demo_ws.to_pandas("enterprise")
    assert set(ent["size_class"]) == {"large", "medium", "small", "micro"}
    assert ent["tags"].fillna("").str.contains("高新技术企业").mean() > 0.05


def test_demo_is_deterministic(tmp_path_factory: object, demo_ws: Workspace) -> None:
    from xinzhi.demo.enterprises import demo_enterprises
    from xinzhi.demo.industries import demo_industries
    from xinzhi.demo.parks import demo_parks
    from xinzhi.demo.statistics import county_attributes, region_industry_year
    from xinzhi.reference import industries, regions

    def small(seed: int) -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        r = regions("51")
        counties = county_attributes(r[r["level"] == "county"], rng)
        inds = demo_industries(industries(), rng)
        riy = region_industry_year(counties, inds, rng)
        _, parks = demo_parks(r)
        ent, _ = demo_enterprises(riy, counties, parks, r, rng, n=500)
        return ent

    pd.testing.assert_frame_equal(small(7), small(7))
    assert not small(7).equals(small(8))


def test_profile_of_demo_province(demo_ws: Workspace) -> None:
    prof = region_profile(demo_ws, "四川")
    assert prof.code == "510000" and prof.synthetic
    assert prof.counts["cities"] == 21 and prof.counts["enterprises"] == len(demo_ws.to_pandas("enterprise"))
    totals = prof.enterprise_totals.set_index("year")
    ey = demo_ws.to_pandas("enterprise_year")
    assert totals.loc[2024, "tax"] == pytest.approx(ey.loc[ey.year == 2024, "tax"].sum(), rel=1e-12)
    city = region_profile(demo_ws, "成都市")
    assert 0 < city.counts["enterprises"] < prof.counts["enterprises"]
