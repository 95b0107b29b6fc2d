"""Demo cluster system for Sichuan (``demo-sc``), plus the bundled Sichuan six industries.

Cluster sizes are computed from the demo's statistics, so they follow the industries each
cluster is built from (电子信息 is the largest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from xinzhi.clusters.definitions import bundled_system, install_system, system_from_dict

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

DEMO_SYSTEM = {
    "system": "demo-sc",
    "name": "演示：四川省重点产业集群体系（合成）",
    "region_code": "510000",
    "tiers": [
        {"tier": "leading", "clusters": [
            {"code": "E1", "name": "电子信息", "name_en": "Electronic information", "source": "demo", "industries": ["39"]},
            {"code": "E2", "name": "白酒与食品饮料", "name_en": "Baijiu, food and beverages", "source": "demo", "industries": ["15", "13", "14"]},
        ]},
        {"tier": "pillar", "clusters": [
            {"code": "P1", "name": "新能源汽车", "name_en": "New-energy vehicles", "source": "demo", "industries": ["3612", "3670", "3660"]},
            {"code": "P2", "name": "锂电池与储能", "name_en": "Lithium batteries and energy storage", "source": "demo", "industries": ["3841", "2613"]},
            {"code": "P3", "name": "航空航天与燃机", "name_en": "Aerospace and gas turbines", "source": "demo", "industries": ["374", "3411", "3413"]},
        ]},
        {"tier": "distinctive", "clusters": [
            {"code": "D1", "name": "晶硅光伏", "name_en": "Crystalline-silicon PV", "source": "demo", "industries": ["3825", "3985"]},
            {"code": "D2", "name": "生物医药", "name_en": "Biomedicine", "source": "demo", "industries": ["27"]},
            {"code": "D3", "name": "链主企业群", "name_en": "Chain-leader firms", "source": "demo", "tags": ["链主企业"]},
        ]},
    ],
}


def build(ws: Workspace, rng: np.random.Generator) -> None:
    """Write the demo system ``demo-sc`` and the bundled ``sc-six`` (no randomness needed)."""
    install_system(ws, system_from_dict(DEMO_SYSTEM), source="demo: cluster system")
    install_system(ws, bundled_system("sc-six"), source="bundled cluster system sc-six")
