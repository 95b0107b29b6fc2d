"""Targets come from outside the asking region's city, and from imported candidate lists.

The workspace holds the bundled ``nev`` chain and six firms (revenue 2024, 万元)::

    C1 成都 锦江 510104 3841 battery 500     M1 绵阳 510703 2613 lithium salt 400
    C2 成都 龙泉驿 510112 3612 vehicle 2000   Z1 自贡 510302 3985 cathode 100
    C3 成都 温江 510115 3670 parts 300       Z2 自贡 510302 3670 parts 150

and a candidate list converted from 20 rows of the Shenzhen Stock Exchange A-share list
(``tests/data/chains/szse_a_share_sample.csv``): name, stock code, city, section letter only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.chains.conftest import small_workspace
from xinzhi.chains.bundled import bundled_chain
from xinzhi.chains.report import chain_context, coverage_for, targets_for
from xinzhi.cli.main import app
from xinzhi.credit_code import make_credit_code
from xinzhi.errors import InputError, ValidationError
from xinzhi.workspace import Workspace

DATA = Path(__file__).parent.parent / "data" / "chains"
FIRMS = [
    ("C1", "成都电池一", "510104", "3841", 500.0, None),
    ("C2", "龙泉整车二", "510112", "3612", 2000.0, "链主企业"),
    ("C3", "温江零部件三", "510115", "3670", 300.0, None),
    ("M1", "绵阳锂盐四", "510703", "2613", 400.0, "专精特新"),
    ("Z1", "自贡材料五", "510302", "3985", 100.0, None),
    ("Z2", "自贡零部件六", "510302", "3670", 150.0, None),
]
SEQ = 9000
M1_CODE = make_credit_code("510100", SEQ + 3)
LIST = "深交所A股列表 2025-10-22（样本）"
runner = CliRunner()


def szse_candidates() -> pd.DataFrame:
    """The exchange sample in the chain_candidate layout, as a user would prepare it."""
    s = pd.read_csv(DATA / "szse_a_share_sample.csv", dtype=str)
    # the four municipalities have no prefecture level in GB/T 2260: use the province code
    city = s["city_code"].str.ljust(6, "0").where(~s["province_code"].isin(["11", "12", "31", "50"]),
                                                  s["province_code"] + "0000")
    out = pd.DataFrame({
        "名单 list": LIST, "名单内编号 candidate_id": s["A股代码"], "企业名称 name": s["公司全称"],
        "所在地区代码 region_code": city, "行业代码 industry_code": s["industry_section"],
        "荣誉标签 tags": "上市企业", "主要产品 products": "",
    })
    # the user enriched two rows with product tags
    out.loc[s["A股简称"] == "湖南裕能", "主要产品 products"] = "正极材料;磷酸铁锂"
    out.loc[s["A股简称"] == "宁德时代", "主要产品 products"] = "动力电池;储能电池"
    # and listed a firm that is already in the workspace (by credit code)
    dup = pd.DataFrame({"名单 list": [LIST], "名单内编号 candidate_id": ["X1"], "企业名称 name": ["绵阳锂盐四"],
                        "统一社会信用代码 credit_code": [M1_CODE], "所在地区代码 region_code": ["510703"],
                        "行业代码 industry_code": ["2613"]})
    return pd.concat([out, dup], ignore_index=True)


@pytest.fixture(scope="module")
def cand_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    folder = Path(tmp_path_factory.mktemp("candidates"))
    ws = small_workspace(folder / "ws", FIRMS, [bundled_chain("nev")], seq=SEQ)
    szse_candidates().to_csv(folder / "szse.csv", index=False)
    ws.import_file("chain_candidate", folder / "szse.csv")
    return ws


def test_targets_lie_outside_the_asking_regions_city(cand_ws: Workspace) -> None:
    ctx = chain_context(cand_ws, "nev", "龙泉驿区")
    cov = coverage_for(ctx).set_index("node")
    # 龙泉驿 makes vehicles only; parts (3670) are absent there and would extend its chain upstream
    assert cov.loc["parts", "action"] == "延链"
    default = targets_for(ctx, use_candidates=False)
    parts = default[default["node"] == "parts"]
    # not 温江零部件三 (Chengdu's 温江, the same city): only 自贡零部件六
    assert parts["name"].tolist() == ["自贡零部件六"]
    assert not default["region_code"].str.startswith("5101").any()
    wider = targets_for(ctx, scope="outside-region", use_candidates=False)
    assert set(wider.loc[wider["node"] == "parts", "name"]) == {"温江零部件三", "自贡零部件六"}
    with pytest.raises(InputError, match="scope must be one of"):
        targets_for(ctx, scope="nearby")


def test_candidate_list_ranks_with_the_workspace(cand_ws: Workspace) -> None:
    ctx = chain_context(cand_ws, "nev", "成都市")
    cov = coverage_for(ctx).set_index("node")
    assert cov.loc["lithium-salt", "action"] == "补链" and cov.loc["cathode", "action"] == "延链"
    assert cov.loc["foil", "status"] == "no_data"  # no firm of division 32 in the workspace
    t = targets_for(ctx)
    salt = t[t["node"] == "lithium-salt"]
    # 天齐锂业 and 赣锋锂业 by the name keyword 锂业 (their list gives the section C only);
    # 盛新锂能 is in Chengdu; the listed copy of 绵阳锂盐四 is left to the workspace row
    assert set(salt["name"]) == {"绵阳锂盐四", "天齐锂业股份有限公司", "江西赣锋锂业集团股份有限公司"}
    assert (salt["name"] == "绵阳锂盐四").sum() == 1
    tianqi = salt.set_index("name").loc["天齐锂业股份有限公司"]
    assert tianqi["source"] == LIST and tianqi["candidate_id"] == "002466" and tianqi["matched_by"] == "keyword"
    assert tianqi["region_name"] == "遂宁市" and pd.isna(tianqi["revenue"])
    # revenue unknown: size 0; growth 0; fit 0.3 (上市企业) → score 0.2 * 0.3 = 0.06
    assert tianqi["score"] == pytest.approx(0.06)
    assert "来自名单「深交所A股列表 2025-10-22（样本）」，编号 002466，位于遂宁市，按名称关键词归入" in tianqi["reason_zh"]
    assert "revenue unknown (size score 0)" in tianqi["reason_en"]
    # the workspace firm: size 1 (largest), growth unknown, fit 0.4 → 0.4 + 0.08 = 0.48
    assert salt.set_index("name").loc["绵阳锂盐四", "score"] == pytest.approx(0.48)
    cathode = t[t["node"] == "cathode"]
    assert set(cathode["name"]) == {"自贡材料五", "湖南裕能新能源电池材料股份有限公司"}
    assert cathode.set_index("name").loc["湖南裕能新能源电池材料股份有限公司", "matched_by"] == "product"
    # foil has no data: 铜冠铜箔 matches its keyword but is no target
    assert "安徽铜冠铜箔集团股份有限公司" not in set(t["name"])
    # battery is present in Chengdu: 宁德时代 (product 动力电池) is not offered
    assert "battery" not in set(t["node"])
    assert t["node_rank"].is_monotonic_increasing


def test_candidate_import_reports_located_errors(cand_ws: Workspace, tmp_path: Path) -> None:
    bad = pd.DataFrame({"名单 list": ["L", "L", "L", "L"], "名单内编号 candidate_id": ["1", "2", "1", "3"],
                        "企业名称 name": ["甲", "乙", "丙", None],
                        "所在地区代码 region_code": ["510100", "999999", "510100", "510100"],
                        "营业收入 revenue（万元）": ["100", "-5", "7", "8"]})
    bad.to_csv(tmp_path / "bad.csv", index=False)
    before = len(cand_ws.to_pandas("chain_candidate"))
    with pytest.raises(ValidationError) as err:
        cand_ws.import_file("chain_candidate", tmp_path / "bad.csv")
    text = str(err.value)
    assert "bad.csv:3" in text and "unknown region code '999999'" in text
    assert "must not be negative" in text
    assert "bad.csv:4" in text and "duplicate key" in text
    assert "bad.csv:5" in text and "required value is empty" in text
    assert len(cand_ws.to_pandas("chain_candidate")) == before  # all or nothing


def test_candidate_template_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "cand.xlsx"
    res = runner.invoke(app, ["template", "candidates", "--out", str(out)])
    assert res.exit_code == 0, res.output
    head = pd.read_excel(out, engine="calamine")
    assert "名单 list" in head.columns and "营业收入 revenue（万元）" in head.columns
    row = {c: "" for c in head.columns}
    row.update({"名单 list": "第五批专精特新小巨人", "名单内编号 candidate_id": "A001",
                "企业名称 name": "某锂电隔膜股份有限公司", "行业代码 industry_code": "C",
                "营业收入 revenue（万元）": 12000, "荣誉标签 tags": "专精特新小巨人"})
    pd.DataFrame([row]).to_excel(out, index=False)
    ws_dir = tmp_path / "ws"
    res = runner.invoke(app, ["-w", str(ws_dir), "import", "chain_candidate", str(out)])
    assert res.exit_code == 0, res.output
    from xinzhi.workspace import open_workspace

    with open_workspace(ws_dir, create=False) as ws:
        stored = ws.to_pandas("chain_candidate")
    assert stored["name"].tolist() == ["某锂电隔膜股份有限公司"] and stored["revenue"].tolist() == [12000.0]


def test_dashboard_shows_list_candidates_to_a_city_user(cand_ws: Workspace) -> None:
    """On the dashboard, a Chengdu user sees the listed candidates (public list rows); the
    workspace's firms in other cities stay behind the scope check and are counted instead."""
    from xinzhi.access.scope import Scope
    from xinzhi.regions import descendants
    from xinzhi.web import sections
    from xinzhi.web.service import WebData

    data = WebData(cand_ws)
    chengdu = Scope("510100", frozenset(descendants(cand_ws.to_pandas("region"), "510100")["code"]))
    city = sections.chain_view(data, chengdu, "nev", "510100")
    admin = sections.chain_view(data, Scope(None, None), "nev", "510100")
    assert (city["targets"]["source"] == LIST).all() and len(city["targets"]) > 0
    hidden = admin["targets"][admin["targets"]["source"] == "workspace"]
    assert set(hidden["name"]) == {"绵阳锂盐四", "自贡材料五"} and city["targets_hidden"] == 2
    assert city["gaps"]["rank"].tolist() == list(range(1, len(city["gaps"]) + 1))
    assert city["targets"]["node_rank"].is_monotonic_increasing
