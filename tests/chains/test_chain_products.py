"""Nodes that share an industry class: product tags and name keywords place firms, and figures
that still overlap are marked. Worked by hand.

Chains (both installed in one workspace)::

    nev-mini: cathode (3985) → battery (3841) → vehicle (3612); separator (2921, keyword 隔膜) → battery
    pv-mini:  polysilicon (3985) → plant (4416);                storage (3841) → plant

Product tags are the node names by default (正极材料, 动力电池, 多晶硅, 储能电池 ...).
Firms, revenue 2024 in 万元 (L = Chengdu 510104, O = Zigong 510302)::

    F1 L 3985 tagged 正极材料 100      F5 L 3841 tagged 储能电池 400
    F2 L 3985 tagged 多晶硅   300      F6 O 3841 untagged       100
    F3 L 3985 untagged         50      F7 L 3612 tagged 动力电池 1000 (a carmaker making cells)
    F4 L 3841 tagged 动力电池 200      F8 L 3443 "成都隔膜阀门" (valves) 80
                                       F9 L 2921 "蓉城隔膜材料" untagged 60
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.chains.conftest import small_workspace
from xinzhi.chains.coverage import node_coverage
from xinzhi.chains.definitions import ChainDefinition, chain_from_dict, chain_to_dict
from xinzhi.chains.membership import region_and_descendants
from xinzhi.chains.report import chain_context, coverage_for
from xinzhi.workspace import Workspace

NEV = {"chain": "nev-mini", "name": "新能源汽车", "nodes": [
    {"node": "cathode", "name": "正极材料", "industries": ["3985"]},
    {"node": "separator", "name": "隔膜", "industries": ["2921"], "keywords": ["隔膜"]},
    {"node": "battery", "name": "动力电池", "industries": ["3841"]},
    {"node": "vehicle", "name": "新能源整车", "industries": ["3612"]},
], "edges": [["cathode", "battery"], ["separator", "battery"], ["battery", "vehicle"]]}
PV = {"chain": "pv-mini", "name": "光伏", "nodes": [
    {"node": "polysilicon", "name": "多晶硅", "industries": ["3985"]},
    {"node": "storage", "name": "储能电池", "industries": ["3841"]},
    {"node": "plant", "name": "光伏发电", "industries": ["4416"]},
], "edges": [["polysilicon", "plant"], ["storage", "plant"]]}
FIRMS = [
    ("F1", "成都正极甲", "510104", "3985", 100.0, "正极材料"),
    ("F2", "成都硅料乙", "510104", "3985", 300.0, "多晶硅;高新技术企业"),
    ("F3", "成都材料丙", "510104", "3985", 50.0, None),
    ("F4", "成都电池丁", "510104", "3841", 200.0, "动力电池"),
    ("F5", "成都储能戊", "510104", "3841", 400.0, "储能电池"),
    ("F6", "自贡电池己", "510302", "3841", 100.0, None),
    ("F7", "成都汽车庚", "510104", "3612", 1000.0, "动力电池"),
    ("F8", "成都隔膜阀门", "510104", "3443", 80.0, None),
    ("F9", "蓉城隔膜材料", "510104", "2921", 60.0, None),
]


@pytest.fixture(scope="module")
def chains() -> tuple[ChainDefinition, ChainDefinition]:
    return chain_from_dict(NEV), chain_from_dict(PV)


@pytest.fixture(scope="module")
def prod_ws(tmp_path_factory: pytest.TempPathFactory, chains: tuple[ChainDefinition, ChainDefinition]) -> Workspace:
    return small_workspace(Path(tmp_path_factory.mktemp("products")) / "ws", FIRMS, list(chains), seq=7000)


@pytest.fixture(scope="module")
def covs(prod_ws: Workspace, chains: tuple[ChainDefinition, ChainDefinition]) -> dict[str, pd.DataFrame]:
    nev, pv = chains
    return {"nev": _cov(prod_ws, nev, (pv,)), "pv": _cov(prod_ws, pv, (nev,)), "nev alone": _cov(prod_ws, nev)}


def _cov(ws: Workspace, chain: ChainDefinition, context: tuple[ChainDefinition, ...] = ()) -> pd.DataFrame:
    codes = region_and_descendants(ws.to_pandas("region"), "510100")
    return node_coverage(chain, ws.table("enterprise"), ws.table("enterprise_year"), industries=ws.to_pandas("industry"),
                         region_codes=codes, year=2024, context=context).set_index("node")


def test_default_product_is_the_node_name(chains: tuple[ChainDefinition, ChainDefinition]) -> None:
    nev, _ = chains
    m = nev.maps
    assert m[(m.node == "cathode") & (m.kind == "product")]["value"].tolist() == ["正极材料"]
    assert m[(m.node == "separator") & (m.kind == "keyword")]["value"].tolist() == ["隔膜"]
    assert chain_to_dict(nev)["nodes"][0]["products"] == ["正极材料"]


def test_shared_classes_are_told_apart_by_product_tags(covs: dict[str, pd.DataFrame]) -> None:
    n, p = covs["nev"], covs["pv"]
    # cathode: F1 by its tag, F3 by class (untagged); F2 is tagged 多晶硅, a product of the other node
    # mapped to 3985, so it is a polysilicon maker only
    assert (n.loc["cathode", "local_firms"], n.loc["cathode", "local_revenue"]) == (2, 150.0)
    assert (p.loc["polysilicon", "local_firms"], p.loc["polysilicon", "local_revenue"]) == (2, 350.0)
    # battery: F4 (tag), F7 (tag, though classed 3612), F6 (untagged 3841, elsewhere); not F5 (储能电池)
    assert (n.loc["battery", "local_firms"], n.loc["battery", "local_revenue"]) == (2, 1200.0)
    assert (n.loc["battery", "total_firms"], n.loc["battery", "total_revenue"]) == (3, 1300.0)
    assert n.loc["battery", "local_by_product"] == 2
    assert (p.loc["storage", "local_firms"], p.loc["storage", "local_revenue"]) == (1, 400.0)
    # F7 stays a vehicle maker by class: its tag is not evidence for a node of class 3612
    assert n.loc["vehicle", "local_revenue"] == 1000.0
    # the untagged F3 counts in both cathode and polysilicon: marked as shared
    assert n.loc["cathode", "shared_firms"] == 1 and n.loc["cathode", "shared_with"] == "多晶硅（光伏）"
    assert p.loc["polysilicon", "shared_with"] == "正极材料（新能源汽车）"
    assert "1 local firm of class 3985 without a product tag also counts in 多晶硅（光伏）" in n.loc["cathode", "reason_en"]
    assert "同时计入「多晶硅（光伏）」" in n.loc["cathode", "reason_zh"]
    # battery's only untagged 3841 firm (F6) is not local: nothing local is shared
    assert n.loc["battery", "shared_firms"] == 0 and n.loc["battery", "shared_with"] == ""
    # distinct chain firms: F1 F3 F4 F7 F9 local (1410) and F6 (100)
    assert n.attrs["chain_share"] == pytest.approx(1410 / 1510)


def test_without_the_other_chain_the_class_decides(covs: dict[str, pd.DataFrame]) -> None:
    n = covs["nev alone"]
    # 多晶硅 is nobody's product here: F2 is a 3985 firm like any other
    assert (n.loc["cathode", "local_firms"], n.loc["cathode", "local_revenue"]) == (3, 450.0)
    assert n.loc["battery", "local_revenue"] == 1200.0 + 400.0  # F5 (储能电池) is untagged for this chain


def test_keywords_only_within_the_nodes_classes(covs: dict[str, pd.DataFrame]) -> None:
    n = covs["nev"]
    # 蓉城隔膜材料 (2921) is a separator maker; 成都隔膜阀门 (3443, valves) is not, keyword or not
    assert (n.loc["separator", "local_firms"], n.loc["separator", "local_revenue"]) == (1, 60.0)
    assert n.loc["separator", "local_by_product"] == 1


def test_the_workspace_entry_point_uses_the_other_installed_chains(prod_ws: Workspace) -> None:
    cov = coverage_for(chain_context(prod_ws, "nev-mini", "成都市")).set_index("node")
    assert cov.loc["cathode", "local_revenue"] == 150.0
    assert cov.loc["cathode", "shared_with"] == "多晶硅（光伏）"
