r"""Coverage of a chain's nodes by a region's enterprises: strength, gaps, weak links, extensions.

For a region R, a year and a chain, each node n gets

* ``local_firms`` / ``local_revenue``: enterprises of R mapped to n (see
  :mod:`xinzhi.chains.membership`) and their revenue (``enterprise_year.revenue``, else
  ``main_revenue``) in the year; ``top_firms`` the largest of them;
* ``total_firms`` / ``total_revenue``: the same over every enterprise of the workspace (the
  national or provincial total, whichever the workspace holds);
* ``share`` :math:`= \text{local\_revenue}_n / \text{total\_revenue}_n` (node strength) and
  ``relative_strength`` :math:`= \text{share}_n / S_R`, with :math:`S_R` the region's share of
  the revenue of all distinct enterprises of the chain: above 1 the node is stronger locally
  than the region's chain as a whole;
* ``status``: ``missing`` (no local firm), ``thin`` (fewer than ``min_firms``), ``weak``
  (``relative_strength < weak_below``), ``strong`` (``relative_strength >= strong_above``),
  else ``present``; ``gap`` (补链) is missing or thin, ``weak_link`` (强链) is weak;
* ``extension`` (延链): a missing node with a direct edge to or from a node present in R, with
  ``extension_side`` upstream (it supplies the local chain), downstream (it buys from it) or both.

These are design rules for the policy vocabulary (补链/强链/延链), not an official method; the
thresholds are parameters. Enterprise-level work is one Ibis expression run by the backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from xinzhi.chains.definitions import ChainDefinition
from xinzhi.chains.membership import expand_industry_maps, members
from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["chain_leaders", "node_coverage", "node_members"]

LEADER_TAGS = ("链主", "链主企业")


def _revenue(enterprise_year: ir.Table, year: int) -> ir.Table:
    ey = enterprise_year.filter(enterprise_year.year == year)
    return ey.select("credit_code", revenue=ey.revenue.coalesce(ey.main_revenue).cast("float64"))


def node_members(
    chain: ChainDefinition,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region_codes: list[str],
    year: int,
    nodes: list[str] | None = None,
    extra: tuple[str, ...] = (),
) -> ir.Table:
    """One row per (node, enterprise) of the chain: ``node``, ``credit_code``, ``local``
    (enterprise in the region), ``revenue`` in ``year`` (0 if unknown) and the ``extra``
    enterprise columns; ``nodes`` restricts the chain nodes considered."""
    maps = chain.maps if nodes is None else chain.maps[chain.maps["node"].isin(nodes)]
    m = members(enterprise, maps[["node", "kind", "value"]], industries, keys=["node"])
    e = enterprise.select("credit_code", "region_code", *extra)
    j = m.join(e, "credit_code").left_join(_revenue(enterprise_year, year), "credit_code")
    j = j.drop([c for c in j.columns if c.endswith("_right")])
    return j.mutate(local=j.region_code.isin(region_codes), revenue=j.revenue.fill_null(0.0))


def node_coverage(
    chain: ChainDefinition,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region_codes: list[str],
    year: int,
    min_firms: int = 1,
    weak_below: float = 0.5,
    strong_above: float = 1.5,
    top: int = 3,
) -> pd.DataFrame:
    """Coverage, strength and status of every node of ``chain`` for one region and year.

    Parameters
    ----------
    chain : ChainDefinition
    enterprise, enterprise_year : ibis.Table
        Workspace tables.
    industries : pandas.DataFrame
        The ``industry`` table (to expand industry mappings).
    region_codes : list of str
        The region and its sub-regions (see :func:`~xinzhi.chains.membership.region_and_descendants`).
    year : int
    min_firms : int, default=1
        Nodes with fewer local firms are gaps (1: only nodes with none).
    weak_below, strong_above : float, default=0.5, 1.5
        Thresholds on ``relative_strength`` for weak and strong nodes.
    top : int, default=3
        Number of largest local firms listed in ``top_firms``.

    Returns
    -------
    pandas.DataFrame
        One row per node in stage order: ``node``, ``name``, ``stage``, ``segment``,
        ``bottleneck``, ``local_firms``, ``local_revenue``, ``total_firms``, ``total_revenue``,
        ``share``, ``relative_strength``, ``status``, ``gap``, ``weak_link``, ``extension``,
        ``extension_side``, ``upstream_local``, ``downstream_local``, ``top_firms``.
        ``attrs["chain_share"]`` holds the region's share of the chain.
    """
    if min_firms < 1:
        raise InputError(f"min_firms must be at least 1, got {min_firms}")
    if not 0 <= weak_below <= strong_above:
        raise InputError(f"need 0 <= weak_below <= strong_above, got {weak_below}, {strong_above}")
    stats, chain_share, top_names = _node_stats(chain, enterprise, enterprise_year, industries=industries,
                                                region_codes=region_codes, year=year, top=top)
    out = chain.nodes[["node", "name", "stage", "segment", "bottleneck"]].merge(stats, on="node", how="left")
    for c in ("local_firms", "total_firms"):
        out[c] = out[c].fillna(0).astype("int64")
    for c in ("local_revenue", "total_revenue"):
        out[c] = out[c].fillna(0.0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(out["total_revenue"] > 0, out["local_revenue"] / out["total_revenue"].where(out["total_revenue"] > 0, 1), np.nan)
        out["relative_strength"] = out["share"] / chain_share if chain_share and chain_share > 0 else np.nan
    rel = out["relative_strength"]
    status = np.select(
        [out["local_firms"] == 0, out["local_firms"] < min_firms, rel < weak_below, rel >= strong_above],
        ["missing", "thin", "weak", "strong"],
        default="present",
    )
    out["status"] = status.astype(object)
    out["gap"] = out["status"].isin(["missing", "thin"])
    out["weak_link"] = out["status"] == "weak"
    present = set(out.loc[out["local_firms"] > 0, "node"])
    e = chain.edges
    up_local = e[e["source"].isin(present)].groupby("target")["source"].nunique()
    down_local = e[e["target"].isin(present)].groupby("source")["target"].nunique()
    out["upstream_local"] = out["node"].map(up_local).fillna(0).astype("int64")
    out["downstream_local"] = out["node"].map(down_local).fillna(0).astype("int64")
    missing = out["local_firms"] == 0
    touches = (out["upstream_local"] > 0) | (out["downstream_local"] > 0)
    out["extension"] = missing & touches
    side = np.select(
        [(out["upstream_local"] > 0) & (out["downstream_local"] > 0), out["downstream_local"] > 0, out["upstream_local"] > 0],
        ["both", "upstream", "downstream"],
        default="",
    )
    out["extension_side"] = np.where(out["extension"], side, "").astype(object)
    out["top_firms"] = out["node"].map(top_names).fillna("")
    out = out.sort_values(["stage", "node"]).reset_index(drop=True)
    out.attrs["chain_share"] = chain_share
    return out


def _node_stats(
    chain: ChainDefinition,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region_codes: list[str],
    year: int,
    top: int,
) -> tuple[pd.DataFrame, float, pd.Series]:
    """Firm counts and revenue per node (local and total), the region's chain share, top firms.

    An enterprise has one industry code, so for nodes mapped only to industries the node sums are
    sums of per-class sums: the enterprise table is aggregated once by class (one pass, no
    per-node join). Nodes with tag or product mappings are counted at enterprise level.
    """
    maps = chain.maps
    tag_nodes = sorted(set(maps.loc[maps["kind"].isin(["tag", "product"]), "node"]))
    exp = expand_industry_maps(maps[~maps["node"].isin(tag_nodes)], industries, keys=["node"])
    codes = sorted(set(exp["industry_code"]))
    base = enterprise.select("credit_code", "industry_code", local=enterprise.region_code.isin(region_codes))
    base = base.left_join(_revenue(enterprise_year, year), "credit_code").drop("credit_code_right")
    base = base.mutate(revenue=base.revenue.fill_null(0.0))
    frames, tops = [], []
    in_codes = base.filter(base.industry_code.isin(codes)) if codes else None
    if in_codes is not None:
        cls = in_codes.group_by(["industry_code", "local"]).aggregate(firms=in_codes.count(),
                                                                       revenue=in_codes.revenue.sum()).to_pandas()
        frames.append(exp.merge(cls, on="industry_code")[["node", "local", "firms", "revenue"]])
        loc = in_codes.filter(in_codes.local)
        rk = loc.mutate(rk=ibis.row_number().over(group_by=loc.industry_code, order_by=[loc.revenue.desc(), loc.credit_code]))
        best = rk.filter(rk.rk < top).join(enterprise.select("credit_code", "name"), "credit_code")
        t = best.select("industry_code", "credit_code", "name", "revenue").to_pandas()
        tops.append(exp.merge(t, on="industry_code")[["node", "credit_code", "name", "revenue"]])
    extra_local = extra_total = 0.0
    if tag_nodes:
        # tag / product memberships are few (firms carrying a product tag): fetch them once
        m = members(enterprise, maps[maps["node"].isin(tag_nodes)][["node", "kind", "value"]], industries, keys=["node"])
        j = m.join(base, "credit_code").join(enterprise.select("credit_code", "name"), "credit_code")
        tj = j.select("node", "credit_code", "industry_code", "local", "revenue", "name").to_pandas()
        tj["local"] = tj["local"].astype(bool)
        frames.append(tj.groupby(["node", "local"]).agg(firms=("credit_code", "size"), revenue=("revenue", "sum")).reset_index())
        tops.append(tj.loc[tj["local"], ["node", "credit_code", "name", "revenue"]])
        outside = tj[~tj["industry_code"].isin(codes)].drop_duplicates("credit_code")
        extra_local = float(outside.loc[outside["local"], "revenue"].sum())
        extra_total = float(outside["revenue"].sum())
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["node", "local", "firms", "revenue"])
    long["local"] = long["local"].astype(bool)
    g = long.groupby(["node", "local"])[["firms", "revenue"]].sum().unstack("local", fill_value=0)
    stats = pd.DataFrame(index=g.index)
    stats["local_firms"] = g.get(("firms", True), 0)
    stats["local_revenue"] = g.get(("revenue", True), 0.0)
    stats["total_firms"] = g["firms"].sum(axis=1) if len(g) else 0
    stats["total_revenue"] = g["revenue"].sum(axis=1) if len(g) else 0.0
    stats = stats.reset_index()
    # chain totals over distinct enterprises: each class once, plus tag members of other classes
    if in_codes is not None:
        cls_tot = cls.assign(local=cls["local"].astype(bool))
        local_total = float(cls_tot.loc[cls_tot["local"], "revenue"].sum()) + extra_local
        all_total = float(cls_tot["revenue"].sum()) + extra_total
    else:
        local_total, all_total = extra_local, extra_total
    chain_share = local_total / all_total if all_total > 0 else float("nan")
    top_df = pd.concat(tops, ignore_index=True) if tops else pd.DataFrame(columns=["node", "credit_code", "name", "revenue"])
    top_df = top_df.drop_duplicates(["node", "credit_code"]).sort_values(["node", "revenue", "credit_code"], ascending=[True, False, True])
    top_names = top_df.groupby("node").head(top).groupby("node")["name"].agg("、".join)
    return stats, chain_share, top_names


def chain_leaders(
    chain: ChainDefinition,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region_codes: list[str],
    year: int,
    large_share: float = 0.1,
    top: int = 10,
) -> pd.DataFrame:
    """Chain leader (链主) candidates: large local firms linked to the most local nodes.

    A local firm of the chain is *large* when its revenue is in the top ``large_share`` of the
    region's chain firms (``percent_rank >= 1 - large_share``) or it carries a 链主 tag. Its
    links are the distinct chain nodes present in the region that are direct suppliers
    (``upstream_links``) or direct buyers (``downstream_links``) of the nodes the firm is in,
    excluding those nodes themselves. Leaders rank by ``links`` then revenue.

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``credit_code``, ``name``, ``nodes`` (its nodes), ``upstream_links``,
        ``downstream_links``, ``links``, ``revenue``, ``tagged_leader``.
    """
    if not 0 < large_share <= 1:
        raise InputError(f"large_share must be in (0, 1], got {large_share}")
    local_firms = enterprise.filter(enterprise.region_code.isin(region_codes))
    loc = node_members(chain, local_firms, enterprise_year, industries=industries,
                       region_codes=region_codes, year=year)
    present = loc.select("node").distinct().to_pandas()["node"].tolist()
    e = chain.edges
    adj = pd.concat([
        pd.DataFrame({"node": e["target"], "neighbour": e["source"], "direction": "up"}),
        pd.DataFrame({"node": e["source"], "neighbour": e["target"], "direction": "down"}),
    ])
    adj = adj[adj["neighbour"].isin(present)].astype(str)
    firms = loc.group_by("credit_code").aggregate(revenue=loc.revenue.max(), nodes=loc.node.group_concat("、"))
    firms = firms.join(enterprise.select("credit_code", "name", "tags"), "credit_code")
    tagged = ibis.literal(False)
    for t in LEADER_TAGS:
        tagged = tagged | firms.tags.fill_null("").split(";").contains(t)
    firms = firms.mutate(tagged_leader=tagged, pr=ibis.percent_rank().over(order_by=firms.revenue))
    large = firms.filter((firms.pr >= 1 - large_share) | firms.tagged_leader)
    if len(adj):
        a = ibis.memtable(adj)
        own = loc.select("credit_code", neighbour=loc.node)
        links = loc.select("credit_code", "node").join(a, "node").select("credit_code", "neighbour", "direction")
        links = links.anti_join(own, ["credit_code", "neighbour"]).distinct()
        counts = links.group_by("credit_code").aggregate(
            upstream_links=(links.direction == "up").cast("int64").sum(),
            downstream_links=(links.direction == "down").cast("int64").sum(),
        )
        large = large.left_join(counts, "credit_code").drop("credit_code_right")
    else:
        large = large.mutate(upstream_links=ibis.literal(0, "int64"), downstream_links=ibis.literal(0, "int64"))
    large = large.mutate(
        upstream_links=large.upstream_links.fill_null(0), downstream_links=large.downstream_links.fill_null(0)
    )
    large = large.mutate(links=large.upstream_links + large.downstream_links)
    res = large.order_by([large.links.desc(), large.revenue.desc(), large.credit_code]).limit(top).to_pandas()
    res.insert(0, "rank", np.arange(1, len(res) + 1))
    cols = ["rank", "credit_code", "name", "nodes", "upstream_links", "downstream_links", "links", "revenue", "tagged_leader"]
    return res[cols]
