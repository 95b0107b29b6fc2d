"""Product tags that place the demo's firms on the nodes of the bundled ``nev`` and ``pv`` chains.

A chain node matches an enterprise whose ``;``-separated tags contain one of the node's product
tags: its ``products:`` in the chain file, or by default its name (正极材料, 多晶硅, 动力电池,
储能电池 …). Nodes that share a GB/T 4754 class (正极材料 and 多晶硅 in 3985, 隔膜 and
封装胶膜与背板 in 2921, 动力电池 and 储能电池 in 3841, 电控与功率器件 and 逆变器 in 3824,
铜箔铝箔 and 铝边框 in 3252) are told apart this way.

``data/chain_tags.csv`` says, for each class, which node a firm of that class makes, and how
likely: a row ``(chain, node, class, cities, share)`` applies to firms of the class in the listed
cities (``*`` elsewhere, used only when no row names the firm's city); a firm draws one uniform
number and takes the node whose cumulative share it falls in, or none. The shares are demo
assumptions (lithium salts and cathode materials in 遂宁 and 眉山, polysilicon in 乐山 …).
"""

from __future__ import annotations

import numpy as np

from xinzhi.demo.calibration import data_table

__all__ = ["node_product_tags", "product_tags"]


def node_product_tags(chain: str) -> dict[str, list[str]]:
    """Node id → its product tags in the bundled chain ``chain`` (products, else the name)."""
    from xinzhi.chains.bundled import bundled_chain

    defn = bundled_chain(chain)
    products = defn.maps[defn.maps["kind"] == "product"].groupby("node")["value"].agg(list)
    names = defn.nodes.set_index("node")["name"].astype(str)
    return {node: [str(p) for p in products.get(node, [])] or [name] for node, name in names.items()}


def product_tags(industry_code: np.ndarray, city_code: np.ndarray, rng: np.random.Generator) -> list[list[str]]:
    """The chain product tags of each firm (a list per firm, usually empty)."""
    rules = data_table("chain_tags.csv")
    rules["share"] = rules["share"].astype(float)
    tags_of = {c: node_product_tags(c) for c in sorted(set(rules["chain"]))}
    rules_of: dict[str, list[tuple[set[str] | None, float, list[str]]]] = {}
    for r in rules.itertuples(index=False):
        cities = None if r.cities == "*" else set(str(r.cities).split("|"))
        rules_of.setdefault(str(r.industry), []).append((cities, float(r.share), tags_of[str(r.chain)][str(r.node)]))
    n = len(industry_code)
    u, pick = rng.random(n), rng.random(n)
    out: list[list[str]] = [[] for _ in range(n)]
    chosen: dict[tuple[str, str], tuple[np.ndarray, list[list[str]]]] = {}
    for j, (cls, city) in enumerate(zip(map(str, industry_code), map(str, city_code), strict=True)):
        rows = rules_of.get(cls)
        if rows is None:
            continue
        key = (cls, city)
        if key not in chosen:
            here = [r for r in rows if r[0] is not None and city in r[0]] or [r for r in rows if r[0] is None]
            chosen[key] = (np.cumsum([r[1] for r in here]), [r[2] for r in here])
        edge, options = chosen[key]
        k = int(np.searchsorted(edge, u[j], side="right"))
        if k < len(options):
            out[j].append(options[k][int(pick[j] * len(options[k]))])
    return out
