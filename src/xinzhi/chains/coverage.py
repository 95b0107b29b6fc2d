r"""Coverage of a chain's nodes by a region's enterprises: strength bands, gaps (补链), weak links
(强链), extensions (延链), shared figures and nodes without data.

For a region R, a year and a chain, each node n gets

* ``local_firms`` / ``local_revenue``: enterprises of R belonging to n (membership rules in
  :mod:`xinzhi.chains.membership`: product tags and name keywords first, then industry class)
  and their revenue (``enterprise_year.revenue``, else ``main_revenue``) in the year;
  ``top_firms`` the largest of them; ``local_by_product`` how many were placed by a product tag
  or a name keyword rather than by class;
* ``total_firms`` / ``total_revenue``: the same over every enterprise of the workspace (the
  national or provincial total, whichever the workspace holds);
* ``share`` :math:`= \text{local\_revenue}_n / \text{total\_revenue}_n` and
  ``relative_strength`` :math:`RS_n = \text{share}_n / S_R`, with :math:`S_R` the region's
  share of the revenue of all distinct enterprises of the chain (``attrs["chain_share"]``): 1
  means the node is as strong locally as the region's chain as a whole. Where the node's or
  the chain's revenue is unknown (0), firm counts take the place of revenue;
* ``shared_with`` / ``shared_firms``: other nodes (of this chain or of the ``context`` chains)
  mapped to one of n's classes, and how many of n's local firms are such class-only firms:
  their figures count in both nodes;
* ``data``: whether the workspace holds data for the node at all. The enterprise records cover a
  node when they hold at least one firm in one of the GB/T 4754 divisions of its classes, or
  (nodes without classes) at least one firm carrying a product tag of the chain, or (nodes
  with name keywords only) any firm;
* ``status``, in bands of the relative strength (``weak_below`` = 0.8, ``strong_above`` =
  1.25, reciprocal so that "weaker by a factor 1.25" and "stronger by a factor 1.25" are
  symmetric; 1.25 is the usual threshold of specialisation in economic-base analysis of
  location quotients):

  - ``no_data``: the workspace holds no data for the node; never a gap, never targeted;
  - ``absent``: no local firm;
  - ``weak``: :math:`RS < 0.8`, or fewer local firms than ``min_firms``;
  - ``present``: :math:`0.8 \le RS < 1.25`;
  - ``strong``: :math:`RS \ge 1.25`;

  with RS rounded to two decimals, as the reasons show it (0.7994 reads 0.80: present);

* ``action``: ``补链`` (fill) for an absent node with local firms both upstream and downstream
  of it (a hole in the local chain) or with none on either side; ``延链`` (extend) for an
  absent node with local firms on one side only, ``extension_side`` saying whether it would
  extend the local chain ``upstream`` (it supplies local nodes) or ``downstream`` (it buys
  from them); ``强链`` (strengthen) for a weak node. ``gap`` is absent, ``weak_link`` weak,
  ``extension`` 延链;
* ``priority`` in [0, 1] for nodes with an action (:func:`priority`), and ``reason_zh`` /
  ``reason_en``: the figures and the rule behind the status, in words.

These are design rules for the policy vocabulary (补链/强链/延链), not an official method; the
thresholds are parameters. Enterprise-level work is Ibis expressions run by the backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from xinzhi.chains.definitions import ChainDefinition
from xinzhi.chains.explain import node_reasons
from xinzhi.chains.membership import (
    chain_members,
    class_vocabulary,
    evidence_members,
    expand_industry_maps,
    resolved_firms,
    shared_classes,
    tag_hits,
)
from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["PRIORITY_WEIGHTS", "STATUSES", "chain_leaders", "context_evidence", "node_coverage", "node_members",
           "priority"]

LEADER_TAGS = ("链主", "链主企业")
#: statuses from no data to strong, in the order the bands are defined
STATUSES = ("no_data", "absent", "weak", "present", "strong")
#: weights of the gap priority: local links, deficit, bottleneck
PRIORITY_WEIGHTS = {"links": 0.5, "deficit": 0.3, "bottleneck": 0.2}


def _revenue(enterprise_year: ir.Table, year: int) -> ir.Table:
    ey = enterprise_year.filter(enterprise_year.year == year)
    return ey.select("credit_code", revenue=ey.revenue.coalesce(ey.main_revenue).cast("float64"))


def context_evidence(chain: ChainDefinition, context: Sequence[ChainDefinition], industries: pd.DataFrame
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Evidence vocabulary of the chain and its context chains, and the other chains' nodes
    labelled ``name（chain name）`` for :func:`~xinzhi.chains.membership.shared_classes`."""
    others = [c for c in context if c.chain != chain.chain]
    all_maps = pd.concat([chain.maps.assign(chain=chain.chain), *[c.maps.assign(chain=c.chain) for c in others]],
                         ignore_index=True)
    vocab = class_vocabulary(all_maps[["chain", "node", "kind", "value"]], industries)
    labels = []
    for c in others:
        names = c.nodes.set_index("node")["name"]
        labels.append(c.maps.assign(label=c.maps["node"].map(names).fillna(c.maps["node"]) + "（" + c.name + "）"))
    other = pd.concat(labels, ignore_index=True)[["label", "kind", "value"]] if labels else None
    return vocab, other if other is not None else pd.DataFrame(columns=["label", "kind", "value"])


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
    vocabulary: pd.DataFrame | None = None,
) -> ir.Table:
    """One row per (node, enterprise) of the chain: ``node``, ``credit_code``, ``how`` (class,
    product or keyword), ``local`` (enterprise in the region), ``revenue`` in ``year`` (0 if
    unknown) and the ``extra`` enterprise columns; ``nodes`` restricts the chain nodes
    considered, ``vocabulary`` adds other chains' evidence (see
    :func:`~xinzhi.chains.membership.chain_members`)."""
    own = class_vocabulary(chain.maps, industries)
    vocab = own if vocabulary is None else pd.concat([own, vocabulary]).drop_duplicates()
    maps = chain.maps if nodes is None else chain.maps[chain.maps["node"].isin(nodes)]
    m = chain_members(enterprise, maps[["node", "kind", "value"]], industries, vocabulary=vocab)
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
    weak_below: float = 0.8,
    strong_above: float = 1.25,
    top: int = 3,
    context: Sequence[ChainDefinition] = (),
) -> pd.DataFrame:
    """Coverage, strength band, action, priority and reasons of every node of ``chain``.

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
        Nodes with fewer local firms (but at least one) are weak.
    weak_below, strong_above : float, default=0.8, 1.25
        Band thresholds on ``relative_strength`` (module docstring).
    top : int, default=3
        Number of largest local firms listed in ``top_firms``.
    context : sequence of ChainDefinition, optional
        Other chains of the workspace: their product tags and keywords settle classes they
        share with this chain, and shared figures name their nodes.

    Returns
    -------
    pandas.DataFrame
        One row per node in stage order: ``node``, ``name``, ``stage``, ``segment``,
        ``bottleneck``, ``local_firms``, ``local_by_product``, ``local_revenue``,
        ``total_firms``, ``total_revenue``, ``share``, ``relative_strength``, ``data``,
        ``status``, ``action``, ``gap``, ``weak_link``, ``extension``, ``extension_side``,
        ``upstream_local``, ``downstream_local``, ``shared_with``, ``shared_firms``,
        ``priority``, ``top_firms``, ``reason_zh``, ``reason_en``. ``attrs`` hold
        ``chain_share``, ``weak_below``, ``strong_above`` and ``min_firms``.
    """
    if min_firms < 1:
        raise InputError(f"min_firms must be at least 1, got {min_firms}")
    if not 0 < weak_below <= 1 <= strong_above:
        raise InputError(f"need 0 < weak_below <= 1 <= strong_above, got {weak_below}, {strong_above}")
    vocab, others = context_evidence(chain, context, industries)
    st = _node_stats(chain, enterprise, enterprise_year, industries=industries, region_codes=region_codes,
                     year=year, top=top, vocabulary=vocab)
    out = chain.nodes[["node", "name", "stage", "segment", "bottleneck"]].merge(st.nodes, on="node", how="left")
    for c in ("local_firms", "local_by_product", "total_firms"):
        out[c] = out[c].fillna(0).astype("int64")
    for c in ("local_revenue", "total_revenue"):
        out[c] = out[c].fillna(0.0).astype(float)
    out["bottleneck"] = out["bottleneck"].fillna(False).astype(bool)
    by_revenue = st.all_revenue > 0
    local_v = out["local_revenue"] if by_revenue else out["local_firms"].astype(float)
    total_v = out["total_revenue"] if by_revenue else out["total_firms"].astype(float)
    chain_share = st.chain_share if by_revenue else st.chain_firm_share
    use_firms = by_revenue & (out["total_revenue"] <= 0) & (out["total_firms"] > 0)
    local_v = local_v.where(~use_firms, out["local_firms"].astype(float))
    total_v = total_v.where(~use_firms, out["total_firms"].astype(float))
    share = (local_v / total_v.where(total_v > 0)).astype(float)
    out["share"] = share
    base = pd.Series(chain_share, index=out.index).where(~use_firms, st.chain_firm_share)
    out["relative_strength"] = (share / base.where(base > 0)).astype(float)

    shared = shared_classes(chain.maps, industries, others=others, names=chain.nodes.set_index("node")["name"])
    out["data"] = _has_data(chain, industries, st.divisions, st.any_evidence, st.any_firm)
    out["data"] = out["data"] | (out["total_firms"] > 0)
    rs = out["relative_strength"].round(2)  # judged as shown: 0.7994 reads 0.80 and is present
    status = np.select(
        [~out["data"], out["local_firms"] == 0, (out["local_firms"] < min_firms) | (rs < weak_below),
         rs >= strong_above],
        ["no_data", "absent", "weak", "strong"], default="present")
    out["status"] = status.astype(object)

    present = set(out.loc[out["local_firms"] > 0, "node"])
    e = chain.edges
    up_local = e[e["source"].isin(present)].groupby("target")["source"].nunique()
    down_local = e[e["target"].isin(present)].groupby("source")["target"].nunique()
    out["upstream_local"] = out["node"].map(up_local).fillna(0).astype("int64")
    out["downstream_local"] = out["node"].map(down_local).fillna(0).astype("int64")
    absent = out["status"] == "absent"
    one_side = (out["upstream_local"] > 0) ^ (out["downstream_local"] > 0)
    out["gap"] = absent
    out["weak_link"] = out["status"] == "weak"
    out["extension"] = absent & one_side
    out["action"] = np.select([out["extension"], absent, out["weak_link"]], ["延链", "补链", "强链"], default="")
    out["extension_side"] = np.where(out["extension"],
                                     np.where(out["downstream_local"] > 0, "upstream", "downstream"), "")
    out["extension_side"] = out["extension_side"].astype(object)

    sh = shared.merge(st.class_local, on="industry_code", how="inner") if len(shared) else shared
    if len(sh):
        firms = sh.drop_duplicates(["node", "industry_code"]).groupby("node")["firms"].sum()
        withs = sh[sh["firms"] > 0].groupby("node")["with"].agg(lambda s: "、".join(dict.fromkeys(s)))
        codes = sh[sh["firms"] > 0].groupby("node")["industry_code"].agg(lambda s: "、".join(dict.fromkeys(s)))
    else:
        firms = withs = codes = pd.Series(dtype=object)
    out["shared_firms"] = out["node"].map(firms).fillna(0).astype("int64")
    out["shared_with"] = out["node"].map(withs).fillna("").astype(object)
    out["shared_classes"] = out["node"].map(codes).fillna("").astype(object)
    out["priority"] = priority(out, weak_below=weak_below, min_firms=min_firms)
    out["top_firms"] = out["node"].map(st.top_names).fillna("").astype(object)
    out = out.sort_values(["stage", "node"]).reset_index(drop=True)
    out.attrs.update({"chain_share": chain_share, "weak_below": weak_below, "strong_above": strong_above,
                      "min_firms": min_firms, "basis": "revenue" if by_revenue else "firms"})
    names = out.set_index("node")["name"]
    zh, en = node_reasons(out, chain.edges, names)
    out["reason_zh"], out["reason_en"] = zh, en
    return out


def priority(coverage: pd.DataFrame, *, weak_below: float = 0.8, min_firms: int = 1,
             weights: dict[str, float] | None = None) -> pd.Series:
    r"""Priority in [0, 1] of the nodes that have an action (NaN for the others).

    .. math:: p = 0.5\,\frac{links}{\max links} + 0.3\,deficit + 0.2\,bottleneck

    ``links`` is the number of the node's direct suppliers and buyers with local firms
    (``upstream_local + downstream_local``; the maximum is taken over the nodes with an
    action, and the term is 0 when none has a local neighbour): a node that would join more of
    the local chain comes first. ``deficit`` is 1 for an absent node and, for a weak node,
    :math:`\max(1 - RS / weak\_below,\ 1 - local\_firms / min\_firms)` clipped to [0, 1].
    ``bottleneck`` is 1 for a node tagged 卡脖子. The weights are parameters
    (:data:`PRIORITY_WEIGHTS`).

    Examples
    --------
    >>> cov = pd.DataFrame({"action": ["补链", "强链", ""], "status": ["absent", "weak", "strong"],
    ...                     "upstream_local": [1, 0, 1], "downstream_local": [1, 1, 0],
    ...                     "relative_strength": [np.nan, 0.4, 2.0], "local_firms": [0, 9, 50],
    ...                     "bottleneck": [False, True, False]})
    >>> priority(cov).round(2).tolist()
    [0.8, 0.6, nan]
    """
    w = dict(PRIORITY_WEIGHTS if weights is None else weights)
    listed = coverage["action"] != ""
    links = (coverage["upstream_local"] + coverage["downstream_local"]).astype(float)
    top = float(links[listed].max()) if listed.any() else 0.0
    link_term = links / top if top > 0 else links * 0.0
    rs = coverage["relative_strength"].astype(float)
    weak_def = np.maximum((1 - rs / weak_below).fillna(0.0), 1 - coverage["local_firms"] / min_firms).clip(0, 1)
    deficit = np.where(coverage["status"] == "absent", 1.0, np.where(coverage["status"] == "weak", weak_def, 0.0))
    p = w["links"] * link_term + w["deficit"] * deficit + w["bottleneck"] * coverage["bottleneck"].astype(float)
    return p.where(listed).astype(float)


def _has_data(chain: ChainDefinition, industries: pd.DataFrame, divisions: set[str], any_evidence: bool,
              any_firm: bool) -> pd.Series:
    """Whether the workspace's enterprise records cover each node (module docstring): a node
    with classes when a firm of the workspace is in one of their divisions; a node with tags
    only when some firm carries a tag or product of the chain; a node with keywords only when
    the enterprise table has any firm."""
    maps = chain.maps
    exp = expand_industry_maps(maps, industries, keys=["node"])
    exp = exp.assign(division=exp["industry_code"].astype(str).str[:2])
    by_class = exp.groupby("node")["division"].agg(lambda d: bool(set(d) & divisions))
    kinds = maps.groupby("node")["kind"].agg(set)

    def covered(node: str) -> bool:
        k = kinds.get(node, set())
        if "industry" in k:
            return bool(by_class.get(node, False))
        return any_evidence if k & {"tag", "product"} else any_firm

    return chain.nodes["node"].map(covered).astype(bool)


class _Stats:
    """Per-node figures and chain totals from :func:`_node_stats`."""

    def __init__(self, nodes: pd.DataFrame, chain_share: float, chain_firm_share: float, all_revenue: float,
                 top_names: pd.Series, class_local: pd.DataFrame, divisions: set[str], any_evidence: bool,
                 any_firm: bool) -> None:
        self.nodes, self.chain_share, self.chain_firm_share = nodes, chain_share, chain_firm_share
        self.all_revenue, self.top_names, self.class_local = all_revenue, top_names, class_local
        self.divisions, self.any_evidence, self.any_firm = divisions, any_evidence, any_firm


def _node_stats(
    chain: ChainDefinition,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region_codes: list[str],
    year: int,
    top: int,
    vocabulary: pd.DataFrame,
) -> _Stats:
    """Firm counts and revenue per node (local and total), the region's chain share, top firms.

    An enterprise has one industry code, so the class part of every node is a sum of per-class
    sums: the enterprise table is aggregated once by class (one pass, no per-node join), leaving
    out the few firms whose evidence settles their class. Firms placed by evidence (product
    tags, name keywords) are few and fetched once.
    """
    maps = chain.maps
    exp = expand_industry_maps(maps, industries, keys=["node"])
    codes = sorted(set(exp["industry_code"]))
    base = enterprise.select("credit_code", "industry_code", local=enterprise.region_code.isin(region_codes))
    base = base.left_join(_revenue(enterprise_year, year), "credit_code").drop("credit_code_right")
    base = base.mutate(revenue=base.revenue.fill_null(0.0))
    tags = set(maps.loc[maps["kind"].isin(["tag", "product"]), "value"].astype(str))
    tags |= set(vocabulary.loc[vocabulary["kind"] == "tag", "value"].astype(str))
    hits = tag_hits(enterprise, tags)  # one pass over the tags; firms with a product tag only
    resolved_df = resolved_firms(enterprise, vocabulary, hits=hits)
    resolved = ibis.memtable(resolved_df) if len(resolved_df) else None
    frames, tops = [], []
    cls = pd.DataFrame(columns=["industry_code", "local", "firms", "revenue"])
    if codes:
        in_codes = base.filter(base.industry_code.isin(codes))
        if resolved is not None:
            in_codes = in_codes.anti_join(resolved, "credit_code")
        cls = in_codes.group_by(["industry_code", "local"]).aggregate(
            firms=in_codes.count(), revenue=in_codes.revenue.sum()).to_pandas()
        cls["local"] = cls["local"].astype(bool)
        frames.append(exp.merge(cls, on="industry_code")[["node", "local", "firms", "revenue"]].assign(by_product=0))
        loc = in_codes.filter(in_codes.local)
        rk = loc.mutate(rk=ibis.row_number().over(group_by=loc.industry_code, order_by=[loc.revenue.desc(), loc.credit_code]))
        best = rk.filter(rk.rk < top).join(enterprise.select("credit_code", "name"), "credit_code")
        t = best.select("industry_code", "credit_code", "name", "revenue").to_pandas()
        tops.append(exp.merge(t, on="industry_code")[["node", "credit_code", "name", "revenue"]])
    # firms placed by evidence are few (those carrying a product tag or a keyword): fetched once
    ev_df = evidence_members(enterprise, maps[["node", "kind", "value"]], industries, hits=hits)
    ev = ibis.memtable(ev_df.drop(columns="how"))
    j = ev.join(base, "credit_code").join(enterprise.select("credit_code", "name"), "credit_code")
    j = j.drop([c for c in j.columns if c.endswith("_right")])
    tj = j.select("node", "credit_code", "industry_code", "local", "revenue", "name").to_pandas()
    tj["local"] = tj["local"].astype(bool)
    tj["resolved"] = tj["credit_code"].astype(str).isin(set(resolved_df["credit_code"]))
    if len(tj):
        frames.append(tj.groupby(["node", "local"]).agg(firms=("credit_code", "size"), revenue=("revenue", "sum"))
                      .reset_index().assign(by_product=lambda d: d["firms"]))
        tops.append(tj.loc[tj["local"], ["node", "credit_code", "name", "revenue"]])
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["node", "local", "firms", "revenue", "by_product"])
    long["local"] = long["local"].astype(bool)
    long[["firms", "by_product"]] = long[["firms", "by_product"]].astype("int64")
    long["revenue"] = long["revenue"].astype(float)
    g = long.groupby(["node", "local"])[["firms", "revenue", "by_product"]].sum().unstack("local", fill_value=0)
    stats = pd.DataFrame(index=g.index)
    stats["local_firms"] = g.get(("firms", True), 0)
    stats["local_by_product"] = g.get(("by_product", True), 0)
    stats["local_revenue"] = g.get(("revenue", True), 0.0)
    stats["total_firms"] = g["firms"].sum(axis=1) if len(g) else 0
    stats["total_revenue"] = g["revenue"].sum(axis=1) if len(g) else 0.0
    stats = stats.reset_index()
    # chain totals over distinct enterprises: each class once, plus evidence firms outside the class part
    in_class_part = tj["industry_code"].isin(codes) & ~tj["resolved"]
    extra = tj[~in_class_part].drop_duplicates("credit_code")
    local_total = float(cls.loc[cls["local"], "revenue"].sum()) + float(extra.loc[extra["local"], "revenue"].sum())
    all_total = float(cls["revenue"].sum()) + float(extra["revenue"].sum())
    local_n = int(cls.loc[cls["local"], "firms"].sum()) + int(extra["local"].sum())
    all_n = int(cls["firms"].sum()) + len(extra)
    chain_share = local_total / all_total if all_total > 0 else float("nan")
    chain_firm_share = local_n / all_n if all_n > 0 else float("nan")
    top_df = pd.concat(tops, ignore_index=True) if tops else pd.DataFrame(columns=["node", "credit_code", "name", "revenue"])
    top_df = top_df.drop_duplicates(["node", "credit_code"]).sort_values(["node", "revenue", "credit_code"],
                                                                         ascending=[True, False, True])
    top_names = top_df.groupby("node").head(top).groupby("node")["name"].agg("、".join)
    class_local = cls[cls["local"]][["industry_code", "firms"]] if len(cls) else pd.DataFrame(
        columns=["industry_code", "firms"])
    # data coverage: divisions held by the workspace, and whether any firm carries a chain tag
    div = enterprise.select(d=enterprise.industry_code.left(2)).distinct().to_pandas()["d"]
    divisions = {str(x) for x in div.dropna() if str(x).isdigit()}
    any_firm = bool(len(div))
    return _Stats(stats, chain_share, chain_firm_share, all_total, top_names, class_local, divisions,
                  bool(len(tj)), any_firm)


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
    context: Sequence[ChainDefinition] = (),
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
    vocab, _ = context_evidence(chain, context, industries)
    local_firms = enterprise.filter(enterprise.region_code.isin(region_codes))
    loc = node_members(chain, local_firms, enterprise_year, industries=industries,
                       region_codes=region_codes, year=year, vocabulary=vocab)
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
