r"""Investment-attraction targets (招商图谱) for a region's gap and weak chain nodes.

For every node that is a gap (补链) or a weak link (强链) in :func:`~xinzhi.chains.coverage.node_coverage`,
the candidates are the enterprises of the workspace *outside* the region mapped to that node.
Each gets a score in [0, 1]

.. math::

    \text{score} = w_s\,\text{size} + w_g\,\text{growth} + w_f\,\text{fit} + w_r\,\text{relatedness}

* ``size``: cumulative distribution (``cume_dist``) of revenue among the node's candidates
  (1 for the largest);
* ``growth``: ``cume_dist`` of revenue growth over the previous year (candidates without a
  previous year rank lowest);
* ``fit``: honours, 0.4 for 专精特新 / 小巨人, 0.3 for 高新技术企业, 0.3 for a listed firm,
  链主 or 单项冠军 (summed, at most 1);
* ``relatedness``: the region's relatedness density to the node's industries
  (:mod:`xinzhi.chains.relatedness`) divided by its maximum over the target nodes, so that gaps
  matching local capabilities rise.

Weights default to size 0.4, growth 0.2, fit 0.2, relatedness 0.2. This ranking is a design
proposal built on the practice described in policy documents (target firms at missing links,
favour 专精特新 and leaders); it is not an official method.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from xinzhi.chains.coverage import node_members
from xinzhi.chains.definitions import ChainDefinition
from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["DEFAULT_WEIGHTS", "HONOURS", "investment_targets"]

DEFAULT_WEIGHTS: dict[str, float] = {"size": 0.4, "growth": 0.2, "fit": 0.2, "relatedness": 0.2}
#: (points, tags any of which earns them)
HONOURS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (0.4, ("专精特新", "专精特新小巨人", "小巨人")),
    (0.3, ("高新技术企业",)),
    (0.3, ("上市企业", "上市", "链主", "链主企业", "单项冠军")),
)


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    w = dict(DEFAULT_WEIGHTS)
    if weights:
        unknown = set(weights) - set(w)
        if unknown:
            raise InputError(f"weights: unknown components {sorted(unknown)}; use {sorted(w)}")
        w.update({k: float(v) for k, v in weights.items()})
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise InputError(f"weights must be non-negative with a positive sum, got {w}")
    total = sum(w.values())
    return {k: v / total for k, v in w.items()}


def investment_targets(
    chain: ChainDefinition,
    coverage: pd.DataFrame,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region_codes: list[str],
    year: int,
    relatedness: pd.Series | None = None,
    per_node: int = 5,
    weights: Mapping[str, float] | None = None,
    include_weak: bool = True,
) -> pd.DataFrame:
    """Rank enterprises of other regions for each gap (and weak) node, with reasons.

    Parameters
    ----------
    chain : ChainDefinition
    coverage : pandas.DataFrame
        Output of :func:`~xinzhi.chains.coverage.node_coverage` for the same region and year.
    enterprise, enterprise_year : ibis.Table
    industries : pandas.DataFrame
        The ``industry`` table.
    region_codes : list of str
        The region and its sub-regions; their enterprises are not candidates.
    year : int
        Growth compares ``year`` with ``year - 1``.
    relatedness : pandas.Series, optional
        Node → relatedness (see :func:`~xinzhi.chains.relatedness.node_relatedness`); 0 if absent.
    per_node : int, default=5
        Candidates kept per node.
    weights : mapping, optional
        Overrides of :data:`DEFAULT_WEIGHTS` (normalised to sum 1).
    include_weak : bool, default=True
        Also target weak links, not only gaps.

    Returns
    -------
    pandas.DataFrame
        ``node``, ``node_name``, ``action`` (补链 / 强链), ``rank`` (within node),
        ``credit_code``, ``name``, ``region_code``, ``revenue``, ``growth``, ``tags``,
        ``size_score``, ``growth_score``, ``fit_score``, ``relatedness``, ``score``, ``reasons``;
        sorted by score.
    """
    if per_node < 1:
        raise InputError(f"per_node must be at least 1, got {per_node}")
    w = _weights(weights)
    want = coverage["gap"] | (coverage["weak_link"] if include_weak else False)
    target_nodes = coverage.loc[want, ["node", "name", "status", "local_firms", "relative_strength"]]
    cols = ["node", "node_name", "action", "rank", "credit_code", "name", "region_code", "revenue",
            "growth", "tags", "size_score", "growth_score", "fit_score", "relatedness", "score", "reasons"]
    if target_nodes.empty:
        return pd.DataFrame(columns=cols)
    rel = pd.Series(0.0, index=target_nodes["node"]) if relatedness is None else (
        relatedness.reindex(target_nodes["node"]).astype(float).fillna(0.0)
    )
    top_rel = float(rel.max()) if len(rel) else 0.0
    rel_norm = rel / top_rel if top_rel > 0 else rel * 0.0
    node_tab = ibis.memtable(pd.DataFrame({
        "node": target_nodes["node"].astype(str).to_numpy(),
        "rel_raw": rel.to_numpy(dtype=float),
        "rel_norm": rel_norm.to_numpy(dtype=float),
    }))

    j = node_members(chain, enterprise, enterprise_year, industries=industries, region_codes=region_codes,
                     year=year, nodes=target_nodes["node"].tolist(), extra=("name", "tags"))
    c = j.filter(~j.local).join(node_tab, "node")
    ey = enterprise_year.filter(enterprise_year.year == year - 1)
    prev = ey.select("credit_code", prev=ey.revenue.coalesce(ey.main_revenue).cast("float64"))
    c = c.left_join(prev, "credit_code").drop("credit_code_right")
    c = c.mutate(growth=ibis.cases((c.prev > 0, c.revenue / c.prev - 1.0), else_=ibis.null("float64")))
    tag_list = c.tags.fill_null("").split(";")
    fit = ibis.literal(0.0)
    for points, names in HONOURS:
        has = ibis.literal(False)
        for n in names:
            has = has | tag_list.contains(n)
        fit = fit + has.ifelse(points, 0.0)
    c = c.mutate(
        fit_score=ibis.least(fit, 1.0),
        size_score=ibis.cume_dist().over(group_by=c.node, order_by=c.revenue),
        growth_score=ibis.cume_dist().over(group_by=c.node, order_by=c.growth.fill_null(-1e300)),
    )
    c = c.mutate(growth_score=c.growth.isnull().ifelse(0.0, c.growth_score))
    c = c.mutate(score=w["size"] * c.size_score + w["growth"] * c.growth_score + w["fit"] * c.fit_score
                 + w["relatedness"] * c.rel_norm)
    c = c.mutate(rank=ibis.row_number().over(group_by=c.node, order_by=[c.score.desc(), c.revenue.desc(), c.credit_code]) + 1)
    res = c.filter(c.rank <= per_node).to_pandas()
    if res.empty:
        return pd.DataFrame(columns=cols)
    info = target_nodes.set_index("node")
    res["node_name"] = res["node"].map(info["name"])
    res["action"] = np.where(res["node"].map(info["status"]).isin(["missing", "thin"]), "补链", "强链")
    res["relatedness"] = res["rel_raw"]
    res["reasons"] = _reasons(res, info, rel)
    return res.sort_values(["score", "revenue"], ascending=[False, False]).reset_index(drop=True)[cols]


def _reasons(res: pd.DataFrame, info: pd.DataFrame, rel: pd.Series) -> pd.Series:
    local = res["node"].map(info["local_firms"]).astype(int)
    status = res["node"].map(info["status"])
    node_part = np.where(
        status.isin(["missing", "thin"]),
        "gap node 「" + res["node_name"].astype(str) + "」 (" + local.astype(str) + " local firms)",
        "weak node 「" + res["node_name"].astype(str) + "」 (local strength "
        + res["node"].map(info["relative_strength"]).round(2).astype(str) + " of the region's chain average)",
    )
    size_part = "revenue " + res["revenue"].round(0).map("{:,.0f}".format) + " 万元 (size score " + res["size_score"].round(2).astype(str) + ")"
    growth_part = np.where(res["growth"].notna(), "growth " + (res["growth"] * 100).round(1).astype(str) + "%", "no prior-year revenue")
    honours = res["tags"].fillna("").str.replace(";", "、", regex=False)
    honour_part = np.where(honours != "", "honours: " + honours, "no honours")
    order = rel.rank(ascending=False, method="min")
    rel_part = np.where(
        res["rel_raw"] > 0,
        "region's relatedness to the node's industries " + res["rel_raw"].round(3).astype(str)
        + " (rank " + res["node"].map(order).fillna(0).astype(int).astype(str) + " of " + str(len(rel)) + " target nodes)",
        "no relatedness data",
    )
    return pd.Series(node_part, index=res.index) + "; " + size_part + "; " + growth_part + "; " + honour_part + "; " + rel_part
