"""The bundled reference data, against the counts their sources state."""

from __future__ import annotations

from xinzhi.reference import (
    available_io_tables,
    bundled_taxonomies,
    industries,
    province_boundaries,
    regions,
    taxonomy,
)


def test_divisions() -> None:
    r = regions()
    counts = r["level"].value_counts().to_dict()
    assert counts["province"] == 31
    assert counts["city"] == 333  # 342 prefecture rows less 9 pseudo-units
    # 2,978 county rows less the three prefecture-level cities without counties
    assert counts["county"] == 2975
    assert r["code"].is_unique and r["code"].str.fullmatch(r"\d{6}").all()
    parents = set(r["code"])
    assert r.loc[r["level"] != "province", "parent_code"].isin(parents).all()
    sichuan = regions("51")
    assert (sichuan["level"] == "city").sum() == 21 and (sichuan["level"] == "county").sum() == 183
    assert sichuan.set_index("code").loc["510100", "name_en"] == "Chengdu"


def test_gbt4754_levels() -> None:
    ind = industries()
    assert ind["level"].value_counts().to_dict() == {1: 20, 2: 97, 3: 473, 4: 1381}
    assert ind["code"].is_unique
    assert ind.loc[ind["level"] > 1, "parent_code"].isin(set(ind["code"])).all()


def test_taxonomies_map_to_existing_codes() -> None:
    codes = set(industries()["code"])
    assert bundled_taxonomies() == ["future-2024", "sei-2018"]
    for name in bundled_taxonomies():
        t = taxonomy(name)
        assert t["industry_code"].isin(codes).all()
    assert taxonomy("sei-2018")["category"].nunique() == 8


def test_boundaries_and_io_tables() -> None:
    geo = province_boundaries()
    ids = {f["properties"]["id"] for f in geo["features"]}
    assert len(ids) == 34 and "510000" in ids
    assert (2020, 153) in available_io_tables() and (2017, 42) in available_io_tables()
