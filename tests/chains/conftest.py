"""A hand-built chain and a small real workspace where the right answers are known by hand.

Chain ``toy`` (edges point downstream)::

    z → y ─┐
    a → b → d → f → g
        c ─┘    ↑
        e ──────┤
        h ──────┘   (h is mapped to the enterprise tag 车规芯片)

Region under study: 510100 (Chengdu; counties 510104, 510105). Other regions: 510302 (Zigong),
520102 (Guiyang). Revenues in 万元, 2024 and 2023.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from xinzhi.chains.definitions import ChainDefinition, chain_from_dict, install_chain
from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace, open_workspace

TOY = {
    "chain": "toy",
    "name": "玩具链",
    "nodes": [
        {"node": "z", "name": "电解液原料", "industries": ["2669"]},
        {"node": "y", "name": "电解液", "industries": ["2661"]},
        {"node": "a", "name": "锂矿", "industries": ["0939"]},
        {"node": "b", "name": "锂盐", "industries": ["2613"]},
        {"node": "c", "name": "铝箔", "industries": ["3252"]},
        {"node": "d", "name": "电池", "industries": ["3841"]},
        {"node": "e", "name": "电机", "industries": ["3812"]},
        {"node": "h", "name": "车规芯片", "tags": ["车规芯片"], "bottleneck": True},
        {"node": "f", "name": "整车", "industries": ["36"]},
        {"node": "g", "name": "回收", "industries": ["4210"]},
    ],
    "edges": [["z", "y"], ["y", "d"], ["a", "b"], ["b", "d"], ["c", "d"], ["d", "f"], ["e", "f"],
              ["h", "f"], ["f", "g"]],
}

# (id, region, industry, revenue 2024, revenue 2023, tags)
FIRMS = [
    ("L1", "510104", "3841", 500.0, 400.0, "链主企业"),
    ("L2", "510105", "3612", 1000.0, 800.0, None),
    ("L3", "510104", "2613", 50.0, 50.0, None),
    ("L4", "510104", "3841", 100.0, 100.0, None),
    ("O1", "510302", "0939", 300.0, 200.0, "专精特新"),
    ("O2", "520102", "0939", 600.0, 600.0, None),
    ("O3", "510302", "3252", 100.0, 50.0, "高新技术企业"),
    ("O4", "520102", "3812", 200.0, 100.0, None),
    ("O5", "510302", "2613", 2000.0, 1000.0, None),
    ("O6", "520102", "3612", 1000.0, 1000.0, None),
    ("O7", "510302", "3841", 600.0, 600.0, None),
    ("O8", "510302", "4210", 10.0, 10.0, None),
    ("X1", "510302", "1511", 5000.0, 4000.0, None),  # outside the chain
]


def firm_code(fid: str) -> str:
    return make_credit_code("510100", 1000 + [f[0] for f in FIRMS].index(fid))


def small_workspace(path: Path, firms: list[tuple[str, str, str, str, float, str | None]],
                    chains: list[ChainDefinition], *, year: int = 2024, seq: int = 5000) -> Workspace:
    """A real workspace holding ``firms`` as (id, name, region, industry, revenue, tags) with
    revenue in ``year`` only, and the ``chains`` installed; credit codes from ``seq`` on."""
    ws = open_workspace(path)
    codes = [make_credit_code("510100", seq + i) for i in range(len(firms))]
    ws.write("enterprise", pd.DataFrame({
        "credit_code": codes, "name": [f[1] for f in firms], "region_code": [f[2] for f in firms],
        "industry_code": [f[3] for f in firms], "tags": [f[5] for f in firms]}), source="test")
    ws.write("enterprise_year", pd.DataFrame({"credit_code": codes, "year": year,
                                              "revenue": [f[4] for f in firms]}), source="test")
    for c in chains:
        install_chain(ws, c)
    return ws


@pytest.fixture(scope="session")
def toy_chain() -> ChainDefinition:
    return chain_from_dict(TOY)


@pytest.fixture(scope="session")
def toy_ws(tmp_path_factory: pytest.TempPathFactory, toy_chain: ChainDefinition) -> Workspace:
    ws = open_workspace(Path(tmp_path_factory.mktemp("chains")) / "ws")
    ent = pd.DataFrame({
        "credit_code": [firm_code(f[0]) for f in FIRMS],
        "name": [f"企业{f[0]}" for f in FIRMS],
        "region_code": [f[1] for f in FIRMS],
        "industry_code": [f[2] for f in FIRMS],
        "tags": [f[5] for f in FIRMS],
    })
    ws.write("enterprise", ent, source="test")
    ey = pd.concat([
        pd.DataFrame({"credit_code": ent["credit_code"], "year": 2024, "revenue": [f[3] for f in FIRMS]}),
        pd.DataFrame({"credit_code": ent["credit_code"], "year": 2023, "revenue": [f[4] for f in FIRMS]}),
    ], ignore_index=True)
    ws.write("enterprise_year", ey, source="test")
    install_chain(ws, toy_chain)
    return ws
