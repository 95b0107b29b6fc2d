"""Demo chains: the bundled new-energy-vehicle (``nev``) and photovoltaic/storage (``pv``) chains,
with one node of each tagged as a bottleneck, the input-output sector chain ``io-2020``, and a
synthetic list of investment candidates outside Sichuan (:func:`candidates`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from xinzhi.chains.bundled import bundled_chain
from xinzhi.chains.definitions import install_chain

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace


def build(ws: Workspace, rng: np.random.Generator) -> None:
    """Install ``nev``, ``pv`` and ``io-2020`` into the demo workspace."""
    for chain in ("nev", "pv", "io-2020"):
        install_chain(ws, bundled_chain(chain), source=f"demo: bundled chain {chain}")
    ws.write("chain_candidate", candidates(rng), source="demo: synthetic candidate list", user="demo")


#: cities outside Sichuan where the demo's candidate list places its firms (GB/T 2260 codes, names)
CANDIDATE_CITIES = (("350900", "宁德"), ("320400", "常州"), ("440300", "深圳"), ("340100", "合肥"), ("360900", "宜春"),
                    ("430100", "长沙"), ("610100", "西安"), ("320200", "无锡"), ("330100", "杭州"), ("420100", "武汉"),
                    ("500000", "重庆"), ("530100", "昆明"))
CANDIDATE_WORDS = ("新源", "恒拓", "瑞能", "科达", "华锐", "宏晟", "长锋", "智造", "锐芯", "明德")
CANDIDATE_HONOURS = ("上市企业", "专精特新小巨人", "制造业单项冠军", "高新技术企业")


def candidates(rng: np.random.Generator, *, per_node: int = 3, year: int = 2024) -> pd.DataFrame:
    """A synthetic candidate list (``chain_candidate``) of firms outside Sichuan, ``per_node`` for every
    node of the ``nev`` and ``pv`` chains, each carrying the node's product tag, so that every user of
    a demo city sees investment targets (the workspace's own firms elsewhere in the province are
    shown only to users whose scope covers them). Names, figures and honours are invented."""
    rows = []
    k = 0
    for chain in ("nev", "pv"):
        ch = bundled_chain(chain)
        products = ch.maps[ch.maps["kind"] == "product"]
        for node, name in ch.nodes[["node", "name"]].itertuples(index=False):
            tags = products.loc[products["node"] == node, "value"].astype(str).tolist() or [str(name)]
            for _ in range(per_node):
                code, city = CANDIDATE_CITIES[int(rng.integers(len(CANDIDATE_CITIES)))]
                product = tags[int(rng.integers(len(tags)))]
                word = CANDIDATE_WORDS[int(rng.integers(len(CANDIDATE_WORDS)))]
                revenue = float(np.round(rng.lognormal(np.log(150_000), 1.0), -1))
                growth = float(rng.normal(0.12, 0.15))
                honours = rng.choice(CANDIDATE_HONOURS, size=int(rng.integers(1, 3)), replace=False)
                k += 1
                rows.append({"list": "演示候选名单（合成）", "candidate_id": f"9{k:05d}",
                             "name": f"{city}{word}{_name_word(product, str(name))}有限公司", "region_code": code,
                             "products": product, "tags": ";".join(sorted(honours)), "revenue": revenue,
                             "revenue_prev": round(revenue / (1 + growth), -1), "year": year,
                             "source": "新质演示数据：合成企业，非真实公司"})
    return pd.DataFrame(rows).drop_duplicates("name").reset_index(drop=True)


def _name_word(product: str, node_name: str) -> str:
    """The product as a firm's name shows it: without brackets, and the node's name instead of a
    tag written in Latin letters (IGBT模块)."""
    word = product.split("（")[0]
    if any("a" <= ch.lower() <= "z" for ch in word):
        word = node_name.split("（")[0].split("、")[0]
    return word
