"""Strength bands, actions, priority ranking, reasons and "no data is not a gap", worked by hand.

Chain ``band`` (edges point downstream)::

    n0 → n1 → n2 → n3 → n4 → n5
          └──→ h ──┘

    n0 1319, n1 1311, n2 1312, h 1391, n3 1313, n4 1314 (grain milling, division 13);
    n5 6621 (banking: the workspace holds no firm of division 66); p: product tag only.

Region 510100 (Chengdu); revenues in 万元, node totals 100 each:

    n1: local 30 of 100, n2: local 40 of 100, n3: local 90 of 100, n4: 100 outside, n0, h: none.

The region's chain share S = (30 + 40 + 90) / 400 = 0.4, so the relative strengths are
n1 0.3/0.4 = 0.75 (weak), n2 1.0 (present), n3 2.25 (strong).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.chains.conftest import small_workspace
from xinzhi.chains.bundled import io_sector_chain
from xinzhi.chains.coverage import node_coverage
from xinzhi.chains.definitions import ChainDefinition, chain_from_dict
from xinzhi.chains.membership import region_and_descendants
from xinzhi.chains.report import chain_context, coverage_for, gaps_for, targets_for
from xinzhi.inputoutput.tables import load_io_table
from xinzhi.workspace import Workspace

BAND = {
    "chain": "band", "name": "谷物加工链",
    "nodes": [
        {"node": "n0", "name": "其他谷物", "industries": ["1319"]},
        {"node": "n1", "name": "稻谷加工", "industries": ["1311"]},
        {"node": "n2", "name": "小麦加工", "industries": ["1312"]},
        {"node": "h", "name": "淀粉", "industries": ["1391"]},
        {"node": "n3", "name": "玉米加工", "industries": ["1313"]},
        {"node": "n4", "name": "杂粮加工", "industries": ["1314"]},
        {"node": "n5", "name": "粮食信贷", "industries": ["6621"]},
        {"node": "p", "name": "某产品", "products": ["某产品"]},
    ],
    "edges": [["n0", "n1"], ["n1", "n2"], ["n1", "h"], ["h", "n3"], ["n2", "n3"], ["n3", "n4"], ["n4", "n5"]],
}

FIRMS = [  # id, name, region, industry, revenue, tags
    ("A1", "成都甲米业", "510104", "1311", 30.0, None),
    ("A2", "自贡甲米业", "510302", "1311", 70.0, None),
    ("B1", "成都乙面粉", "510104", "1312", 40.0, None),
    ("B2", "自贡乙面粉", "510302", "1312", 60.0, None),
    ("C1", "成都丙玉米", "510105", "1313", 90.0, None),
    ("C2", "自贡丙玉米", "510302", "1313", 10.0, None),
    ("D1", "自贡丁杂粮", "510302", "1314", 100.0, None),
]


@pytest.fixture(scope="module")
def band_chain() -> ChainDefinition:
    return chain_from_dict(BAND)


@pytest.fixture(scope="module")
def band_ws(tmp_path_factory: pytest.TempPathFactory, band_chain: ChainDefinition) -> Workspace:
    return small_workspace(Path(tmp_path_factory.mktemp("band")) / "ws", FIRMS, [band_chain])


@pytest.fixture(scope="module")
def band_cov(band_ws: Workspace, band_chain: ChainDefinition) -> pd.DataFrame:
    return _cov(band_ws, band_chain)


def _cov(ws: Workspace, chain: ChainDefinition, **kw: object) -> pd.DataFrame:
    codes = region_and_descendants(ws.to_pandas("region"), "510100")
    return node_coverage(chain, ws.table("enterprise"), ws.table("enterprise_year"), industries=ws.to_pandas("industry"),
                         region_codes=codes, year=2024, **kw).set_index("node")  # type: ignore[arg-type]


def test_bands_by_hand(band_cov: pd.DataFrame) -> None:
    cov = band_cov
    assert cov.attrs["chain_share"] == pytest.approx(0.4)
    assert cov.loc["n1", "relative_strength"] == pytest.approx(0.75)
    assert cov.loc["n2", "relative_strength"] == pytest.approx(1.0)
    assert cov.loc["n3", "relative_strength"] == pytest.approx(2.25)
    # 0.75 is below 0.8: weak, not "present"; 1.0 present; 2.25 ≥ 1.25 strong
    assert cov["status"].to_dict() == {"n0": "absent", "n1": "weak", "n2": "present", "h": "absent",
                                       "n3": "strong", "n4": "absent", "n5": "no_data", "p": "no_data"}
    # h has local suppliers (n1) and buyers (n3): a hole, 补链; n0 and n4 touch the local chain on
    # one side: 延链 (n0 would supply n1: upstream; n4 would buy from n3: downstream)
    assert cov["action"].to_dict() == {"n0": "延链", "n1": "强链", "n2": "", "h": "补链", "n3": "", "n4": "延链",
                                       "n5": "", "p": ""}
    assert cov.loc["n0", "extension_side"] == "upstream" and cov.loc["n4", "extension_side"] == "downstream"
    assert not cov.loc["n5", "gap"] and not cov.loc["p", "gap"]


def test_priority_ranking_by_hand(band_cov: pd.DataFrame) -> None:
    cov = band_cov
    # links (local neighbours): h 2 (n1, n3), n0 1 (n1), n4 1 (n3), n1 1 (n2); max 2
    assert cov.loc["h", "priority"] == pytest.approx(0.5 * 2 / 2 + 0.3)
    assert cov.loc["n0", "priority"] == pytest.approx(0.5 * 1 / 2 + 0.3)
    assert cov.loc["n4", "priority"] == pytest.approx(0.55)
    assert cov.loc["n1", "priority"] == pytest.approx(0.25 + 0.3 * (1 - 0.75 / 0.8))
    gaps = gaps_for(cov.reset_index())
    # ties (n0, n4 at 0.55) go to the node with more revenue in the workspace (n4: 100, n0: 0)
    assert gaps["node"].tolist() == ["h", "n4", "n0", "n1"]
    assert gaps["rank"].tolist() == [1, 2, 3, 4]
    assert sorted(gaps.attrs["no_data"]) == ["某产品", "粮食信贷"]


def test_reasons_state_the_figures_and_the_rule(band_cov: pd.DataFrame) -> None:
    cov = band_cov
    assert cov.loc["n1", "reason_zh"] == (
        "本地 1 家，营收 30万元，占工作区该环节营收的 30.0%，为本地产业链平均水平（40.0%）的 0.75 倍，"
        "低于 0.8：薄弱（强链）")
    assert cov.loc["n1", "reason_en"] == (
        "1 local firm, revenue 300,000 yuan: 30.0% of the node's revenue in the workspace, 0.75 times the "
        "region's chain average (40.0%), below 0.8: weak (strengthen: 强链)")
    assert "在 0.8–1.25 之间：具备" in cov.loc["n2", "reason_zh"]
    assert "不低于 1.25：优势" in cov.loc["n3", "reason_zh"]
    assert cov.loc["h", "reason_zh"].startswith("本地无企业；上游「稻谷加工」与下游「玉米加工」本地均有企业")
    assert "hole in the local chain (fill: 补链)" in cov.loc["h", "reason_en"]
    assert "1 firm elsewhere in the workspace, revenue 1 million yuan" in cov.loc["n4", "reason_en"]
    assert "无数据，不是缺链" in cov.loc["n5", "reason_zh"] and "no data, not a gap" in cov.loc["n5", "reason_en"]


def test_no_data_nodes_get_no_targets(band_ws: Workspace) -> None:
    ctx = chain_context(band_ws, "band", "成都市")
    t = targets_for(ctx)
    # only n4 has a candidate (D1 in Zigong); n5 and p have no data, n0 and h no firm anywhere
    assert set(t["node"]) == {"n1", "n4"}
    assert not t["node"].isin(["n5", "p"]).any()


def test_io_sector_chain_no_data_for_services(band_ws: Workspace) -> None:
    """A workspace of industrial firms holds no data for finance, real estate or education: those
    sectors of the input-output chain are "no data", never gaps."""
    io = io_sector_chain(load_io_table(2020, 42), chain="io-2020")
    cov = _cov(band_ws, io)
    by_name = cov.reset_index().set_index("name")
    for sector in ("金融", "房地产", "教育"):
        assert by_name.loc[sector, "status"] == "no_data"
        assert by_name.loc[sector, "action"] == "" and not by_name.loc[sector, "gap"]
    food = by_name.loc[next(n for n in by_name.index if n.startswith("食品"))]
    assert food["local_firms"] == 3 and food["status"] != "no_data"


def test_coverage_through_the_workspace_entry_point(band_ws: Workspace) -> None:
    ctx = chain_context(band_ws, "band", "510100")
    cov = coverage_for(ctx).set_index("node")
    assert cov.loc["n1", "status"] == "weak" and cov.loc["n5", "status"] == "no_data"


def test_chain_graph_draws_every_status(band_cov: pd.DataFrame, band_chain: ChainDefinition) -> None:
    """The dashboard's chain graph has a trace (legend entry) for absent and no-data nodes too,
    and every node is drawn once; the hover names the node's one action."""
    from xinzhi.web.figures import chain_graph

    fig = chain_graph(band_cov.reset_index(), band_chain.edges, lang="zh")
    traces = {t.name: t for t in fig.data if t.name not in ("edges", "卡脖子")}
    assert set(traces) == {"缺失（补链／延链）", "薄弱（强链）", "具备", "优势", "无数据"}
    assert sum(len(t.x) for t in traces.values()) == len(band_cov)
    hover = " ".join(traces["缺失（补链／延链）"].hovertext)
    assert "建议: 延链" in hover and "建议: 补链" in hover and "补链、延链" not in hover
