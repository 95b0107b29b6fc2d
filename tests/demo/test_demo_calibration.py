"""The demo has Sichuan's real proportions (issue 15), checked on the built demo against
references: the published city GDP of 2023 (first releases, 中国城市统计年鉴2024 and city
communiqués), the bundled six competitive industries (``sc-six``), the SME size-class rule and
the specialisations named in the issue."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from xinzhi.clusters.definitions import bundled_system
from xinzhi.workspace import Workspace

#: published 2023 GDP (亿元) of the 19 cities that have one (阿坝 and 甘孜 published none we found)
PUBLISHED_GDP_2023 = {
    "510100": 22074.72, "510300": 1750, "510400": 1303.8, "510500": 2725.9, "510600": 3014.41,
    "510700": 4038.73, "510800": 1179.82, "510900": 1715, "511000": 1807, "511100": 2447.53,
    "511300": 2735, "511400": 1737, "511500": 3806.64, "511600": 1513, "511700": 2657,
    "511800": 1010, "511900": 780, "512000": 1019.22, "513400": 2261.11,
}
TOP4 = {"成都市", "绵阳市", "宜宾市", "德阳市"}
BOTTOM4 = {"甘孜藏族自治州", "阿坝藏族羌族自治州", "巴中市", "雅安市"}
#: (region, industry code, how many of the region's largest codes of that level it must be among)
SPECIALISATIONS = [
    ("510100", "39", 1), ("510100", "36", 3), ("510100", "27", 6), ("510100", "374", 10), ("510100", "3973", 5),
    ("510112", "36", 1),  # 龙泉驿: cars
    ("510700", "39", 1), ("510700", "385", 10),
    ("511500", "1512", 2), ("511500", "3841", 2), ("511500", "3825", 10),
    ("510500", "1512", 1),
    ("510600", "34", 2),
    ("510400", "31", 1), ("510400", "3239", 10),
    ("510900", "2613", 3), ("510900", "3841", 5),
    ("511400", "2613", 3), ("511400", "3841", 3),
    ("511100", "3985", 1),
    ("511700", "07", 2), ("511700", "26", 2),
    # districts and counties: 翠屏 白酒, 叙州 power batteries, 射洪 and 彭山 lithium salts, 五通桥 polysilicon,
    # 旌阳 heavy equipment, 利州 aluminium, 宣汉 natural gas
    ("511502", "1512", 1), ("511504", "3841", 1), ("510981", "2613", 1), ("511403", "2613", 1),
    ("511112", "3985", 1), ("510603", "34", 1), ("510802", "32", 1), ("511722", "07", 1),
]


def _riy_last(ws: Workspace) -> pd.DataFrame:
    riy = ws.to_pandas("region_industry_year")
    last = riy[riy["year"] == riy["year"].max()].copy()
    parent = ws.to_pandas("region").set_index("code")["parent_code"]
    last["city"] = last["region_code"].map(parent)
    return last


def _city_gdp(ws: Workspace, year: int) -> pd.Series:
    v = ws.to_pandas("indicator_value")
    regions = ws.to_pandas("region").set_index("code")
    rows = v[(v["indicator"] == "gdp") & (v["period"] == f"{year}Q4") & (v["region_code"] != "510000")]
    return rows.set_index("region_code")["value"].rename(index=regions["name"].to_dict())


def test_top_industries_are_the_six_competitive_industries(demo_ws: Workspace) -> None:
    six = bundled_system("sc-six").members
    divisions = set(six.loc[six["kind"] == "industry", "value"].astype(str).str[:2])
    out = _riy_last(demo_ws).groupby("industry_code")["output"].sum().sort_values(ascending=False)
    assert {c[:2] for c in out.index[:10]} <= divisions
    assert {c[:2] for c in out.index[:30]} <= divisions, out.head(30)
    for absent in ("3733", "3214"):  # pleasure boats and tin smelting: Sichuan barely has them
        assert absent not in out.index[:30]
    by_div = out.groupby(out.index.str[:2]).sum().sort_values(ascending=False)
    assert by_div.index[0] == "39"  # electronics is the largest division


def test_city_gdp_ranking_and_chengdu_share(demo_ws: Workspace) -> None:
    gdp = _city_gdp(demo_ws, 2024)
    assert len(gdp) == 21
    assert 0.34 <= gdp["成都市"] / gdp.sum() <= 0.39
    order = gdp.sort_values(ascending=False).index
    assert set(order[:4]) == TOP4 and set(order[-4:]) == BOTTOM4
    v = demo_ws.to_pandas("indicator_value")
    g23 = v[(v["indicator"] == "gdp") & (v["period"] == "2023Q4")].set_index("region_code")["value"]
    codes = sorted(PUBLISHED_GDP_2023)
    rho = spearmanr([g23[c] for c in codes], [PUBLISHED_GDP_2023[c] for c in codes]).statistic
    assert rho >= 0.9
    for c in codes:  # close to the published figure, not equal to it
        assert g23[c] == pytest.approx(PUBLISHED_GDP_2023[c], rel=0.02)


def test_industrial_output_is_in_proportion_to_gdp(demo_ws: Workspace) -> None:
    """A city's above-scale industrial revenue is of the order of its GDP (0.1–2.5 times; 绵阳
    was 4.3 times before), and its value added below its GDP."""
    last = _riy_last(demo_ws)
    year = int(last["year"].iloc[0])
    regions = demo_ws.to_pandas("region").set_index("code")["name"]
    rev = last.groupby("city")["revenue"].sum().rename(index=regions.to_dict()) / 1e4
    va = last.groupby("city")["value_added"].sum().rename(index=regions.to_dict()) / 1e4
    gdp = _city_gdp(demo_ws, year)
    ratio = rev / gdp
    assert ratio.between(0.1, 2.5).all(), ratio
    assert (va < 0.6 * gdp).all()
    assert rev["成都市"] == max(rev)
    # industry is part of the secondary sector: value added below GDP times the yearbook's
    # secondary share of 2023 (中国城市统计年鉴2024), and most of it
    secondary = {"成都市": 28.86, "绵阳市": 39.59, "宜宾市": 49.62, "德阳市": 47.16, "泸州市": 48.9,
                 "攀枝花市": 55.02, "乐山市": 42.27, "遂宁市": 45.66, "眉山市": 39.17, "达州市": 33.73}
    riy = demo_ws.to_pandas("region_industry_year")
    parent = demo_ws.to_pandas("region").set_index("code")["parent_code"]
    va23 = riy[riy["year"] == 2023].assign(city=lambda d: d["region_code"].map(parent)).groupby("city")["value_added"].sum()
    va23 = va23.rename(index=regions.to_dict()) / 1e4
    gdp23 = _city_gdp(demo_ws, 2023)
    for city, share in secondary.items():
        assert 0.5 < va23[city] / (gdp23[city] * share / 100) < 0.95, city
    # the province's above-scale value added is most of the published 全口径 industrial value added
    assert 0.75 < va.sum() / 17884.0 < 1.0


@pytest.mark.parametrize(("region", "code", "within"), SPECIALISATIONS)
def test_places_lead_in_their_specialisations(demo_ws: Workspace, region: str, code: str, within: int) -> None:
    last = _riy_last(demo_ws)
    level = len(code)
    prov = last.groupby(last["industry_code"].str[:level])["output"].sum()
    here = last[(last["city"] == region) | (last["region_code"] == region)]
    mine = here.groupby(here["industry_code"].str[:level])["output"].sum().sort_values(ascending=False)
    assert code in mine.index[:within], mine.head(within + 3)
    lq = (mine[code] / mine.sum()) / (prov[code] / prov.sum())
    assert lq > 1.0


def test_firm_sizes_follow_the_size_class_rule(demo_ws: Workspace) -> None:
    ent = demo_ws.to_pandas("enterprise")
    ey = demo_ws.to_pandas("enterprise_year")
    last = ey[ey["year"] == ey["year"].max()].set_index("credit_code").reindex(ent["credit_code"])
    above = ent["above_scale"].to_numpy()
    assert not (above & (ent["size_class"] == "micro").to_numpy()).any()
    assert (above == (last["main_revenue"].to_numpy() >= 2000)).all()
    emp, rev = last["employees"].to_numpy(), last["revenue"].to_numpy()
    large = ent["size_class"].to_numpy() == "large"
    assert ((emp[large] >= 1000) & (rev[large] >= 40000)).all()
    micro = ent["size_class"].to_numpy() == "micro"
    assert ((emp[micro] < 20) | (rev[micro] < 300)).all()
    assert last["total_assets"].notna().all() and (last["total_assets"] > 0).all()
    assert above.sum() == 19_140  # the published 2024 count of above-scale industrial firms


def test_largest_firms_are_in_the_largest_industries(demo_ws: Workspace) -> None:
    ent = demo_ws.to_pandas("enterprise").set_index("credit_code")
    ey = demo_ws.to_pandas("enterprise_year")
    last = ey[ey["year"] == ey["year"].max()].set_index("credit_code")
    top = last["revenue"].sort_values(ascending=False).head(20).index
    out = _riy_last(demo_ws).groupby("industry_code")["output"].sum().sort_values(ascending=False)
    big = set(out.index[:30])
    assert ent.loc[top, "industry_code"].isin(big).mean() >= 0.8
    assert ent.loc[top[0], "industry_code"] in set(out.index[:5])
    assert (last["revenue"] >= 1_000_000).sum() >= 15  # firms of more than 100亿元


def test_firm_names_are_well_formed(demo_ws: Workspace) -> None:
    ent = demo_ws.to_pandas("enterprise")
    regions = demo_ws.to_pandas("region").set_index("code")
    assert ent["name"].is_unique
    legal = r"(?:有限公司|有限责任公司|股份有限公司|集团有限公司)$"
    assert ent["name"].str.contains(legal).all()
    for bad in ("锂离子电有", "煤气和供", "和供有限", "有限公司有限", "都江(?!堰)"):  # the malformed names of issue 15
        assert not ent["name"].str.contains(bad).any(), bad

    def places(code: str) -> set[str]:
        out = {"四川"}
        for c in (code, str(regions.at[code, "parent_code"])):
            name = str(regions.at[c, "name"])
            name = re.sub(r"((藏族|羌族|彝族)+)自治[县州]$", "", name)
            out.add(name[:-1] if len(name) > 2 and name[-1] in "市区县州" else name)
        return out

    sample = ent.sample(2000, random_state=0)
    for name, code in zip(sample["name"], sample["region_code"], strict=True):
        body = re.sub(legal, "", name)
        head = [p for p in places(code) if body.startswith(p)]
        assert head, name
        rest = body[len(max(head, key=len)):]
        assert len(rest) >= 4, name  # a two-character brand and an industry word of two or more


def test_firms_spread_over_all_parks_of_their_county(demo_ws: Workspace) -> None:
    parks = demo_ws.to_pandas("park")
    ent = demo_ws.to_pandas("enterprise")
    per_park = ent["park_code"].value_counts()
    assert set(parks["code"]) <= set(per_park.index)
    shared = parks.groupby("region_code")["code"].count()
    assert (shared > 1).sum() >= 2  # some counties host two parks, and both have firms


def test_ratios_follow_the_industry(demo_ws: Workspace) -> None:
    ent = demo_ws.to_pandas("enterprise").set_index("credit_code")
    ey = demo_ws.to_pandas("enterprise_year")
    last = ey[ey["year"] == ey["year"].max()].join(ent["industry_code"], on="credit_code")
    last["division"] = last["industry_code"].str[:2]
    g = last.groupby("division")[["revenue", "tax", "electricity", "energy_tce"]].sum()
    tax = g["tax"] / g["revenue"]
    assert tax["16"] > 3 * tax["39"]  # tobacco pays far more tax per yuan than electronics assembly
    elec = g["electricity"] / g["revenue"]
    assert elec["32"] > 3 * elec["39"]  # smelting uses far more electricity
    # 2020 park averages of Sichuan's evaluation: 亩均营收 427.4万, 人均营收 144.4万, 亩均税收 14.3万
    above = last[last["credit_code"].map(ent["above_scale"]).astype(bool)]
    per_mu = above["revenue"].sum() / above["land_mu"].sum()
    per_worker = above["revenue"].sum() / above["employees"].sum()
    assert 250 < per_mu < 650 and 90 < per_worker < 220


def test_chengdu_nev_chain_has_gaps_and_targets(demo_ws: Workspace) -> None:
    """Chengdu's nev chain: strong assembly (龙泉驿), no lithium mine (补链), a ranked gap list, and
    targets outside the city, in the lithium and battery cities."""
    from xinzhi.chains.report import chain_context, coverage_for, gaps_for, targets_for

    ctx = chain_context(demo_ws, "nev", "510100")
    cov = coverage_for(ctx).set_index("node")
    assert (cov["gap"] | cov["weak_link"]).any()
    assert cov.loc["vehicle", "status"] == "strong"  # 龙泉驿
    assert cov.loc["lithium-ore", "status"] == "absent"
    gaps = gaps_for(cov.reset_index())
    assert len(gaps) > 0 and "lithium-ore" in set(gaps["node"])
    assert gaps["reason_zh"].str.len().gt(0).all()
    targets = targets_for(ctx)
    assert len(targets) > 0
    assert not targets["region_code"].str.startswith("5101").any()
    cities = set(targets["region_code"].str[:4] + "00")
    assert cities & {"511500", "510900", "511400"}  # batteries and lithium of 宜宾, 遂宁, 眉山
    # the synthetic public list: firms outside Sichuan, shown to every user of the city
    listed = targets[targets["source"] != "workspace"]
    assert len(listed) > 0 and not listed["region_code"].str.startswith("51").any()
    assert set(listed["source"]) == {"演示候选名单（合成）"}


def test_chain_nodes_sharing_a_class_are_told_apart_by_tags(demo_ws: Workspace) -> None:
    ent = demo_ws.to_pandas("enterprise")
    tags = ent["tags"].fillna("").str.split(";")
    city = ent["region_code"].str[:4] + "00"
    for a, b, cls in (("正极材料", "多晶硅", "3985"), ("动力电池", "储能电池", "3841"), ("隔膜", "封装胶膜与背板", "2921")):
        has_a, has_b = tags.map(lambda t, a=a: a in t), tags.map(lambda t, b=b: b in t)
        assert has_a.any() and has_b.any()
        assert not (has_a & has_b).any()
        assert (ent.loc[has_a | has_b, "industry_code"] == cls).all()
    poly = tags.map(lambda t: "多晶硅" in t)
    assert city[poly].value_counts().index[0] == "511100"  # 乐山
    cathode = tags.map(lambda t: "正极材料" in t)
    assert set(city[cathode].value_counts().index[:2]) <= {"510900", "511400", "511500"}
    assert np.isin(city[cathode], ["510100"]).sum() == 0


def test_the_readme_firm_is_a_chengdu_demo_firm(demo_ws: Workspace) -> None:
    """The README's `xinzhi match CODE` names a firm of the demo, in Chengdu."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    code = re.search(r"xinzhi match (\w{18})", readme)
    assert code is not None
    ent = demo_ws.to_pandas("enterprise").set_index("credit_code")
    assert code.group(1) in ent.index and str(ent.loc[code.group(1), "region_code"]).startswith("5101")
