"""The bundled reference data, against the counts their sources state."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

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


def test_county_names_in_pinyin() -> None:
    r = regions()
    counties = r[r["level"] == "county"]
    assert (counties["name_en"].str.len() > 0).all()
    assert counties["name_en"].str.fullmatch(r"[A-Z][a-zü']*( [A-Z][a-zü']*)*").all()
    by_code = counties.set_index("code")["name_en"]
    known = {
        "511123": "Qianwei",  # 犍为县
        "511527": "Junlian",  # 筠连县
        "511822": "Yingjing",  # 荥经县
        "511381": "Langzhong",  # 阆中市
        "510117": "Pidu",  # 郫都区
        "513402": "Huili",  # 会理市
        "513426": "Huidong",  # 会东县
        "510682": "Shifang",  # 什邡市
        "511524": "Changning",  # 长宁县
        "511502": "Cuiping",  # 翠屏区
        "511803": "Mingshan",  # 名山区
        "511725": "Quxian",  # 渠县
        "440113": "Panyu",  # 番禺区
        "320116": "Luhe",  # 六合区
        "371722": "Shanxian",  # 单县
        "341621": "Guoyang",  # 涡阳县
        "141024": "Hongtong",  # 洪洞县
        "610116": "Chang'an",  # 长安区
        "511132": "Ebianyizu",  # 峨边彝族自治县, as the existing 白沙黎族自治县 → Baishalizu
    }
    assert {c: by_code[c] for c in known} == known
    # the existing prefecture row stays the name of the units directly under a province
    assert by_code["429004"] == "Xiantao"


def test_county_pinyin_table_is_what_the_script_makes() -> None:
    pytest.importorskip("pypinyin")
    path = Path(__file__).resolve().parents[2] / "scripts" / "romanise_divisions.py"
    spec = importlib.util.spec_from_file_location("romanise_divisions", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.romanise("六安市") == "Lu'an"
    assert script.romanise("西安市") == "Xi'an"
    assert script.romanise("乐山市") == "Leshan" and script.romanise("蚌埠市") == "Bengbu"
    assert script.romanise("苏州工业园区", "320576") == "Suzhou Gongye Yuanqu"
    assert script.CSV.read_bytes().decode("utf-8") == script.rendered()


def test_resolve_region_by_romanised_name() -> None:
    """Counties carry romanised names too, so a city's name is often also a county's (长沙市 and
    长沙县 are both Changsha): the name means the higher level, as 长沙 does; a name shared within
    one level stays ambiguous."""
    from xinzhi.errors import NotFoundError
    from xinzhi.reference.divisions import regions
    from xinzhi.regions import resolve_region

    r = regions()
    assert (r["name_en"] == "Changsha").sum() == 2
    assert resolve_region(r, "Changsha")["code"] == "430100"
    assert resolve_region(r, "changsha")["code"] == resolve_region(r, "长沙")["code"] == "430100"
    assert resolve_region(r, "Cuiping")["code"] == "511502"
    with pytest.raises(NotFoundError, match="ambiguous"):
        resolve_region(r, "朝阳区")
