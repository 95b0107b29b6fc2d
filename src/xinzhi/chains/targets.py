r"""Investment-attraction targets (招商图谱) for a region's gap, extension and weak chain nodes.

For every node with an action in :func:`~xinzhi.chains.coverage.node_coverage` (补链, 延链 and,
with ``include_weak``, 强链; a node without data is never targeted), the candidates are

* the enterprises of the workspace belonging to the node (same membership rules as coverage)
  and located outside the excluded regions: by default everything in the asking region's city
  (:func:`excluded_regions`, scope ``outside-city``), so that a district is not offered the
  firms of the next district;
* the rows of an imported candidate list (table ``chain_candidate``: listed firms, little
  giants …, firms that are not part of the workspace's own records) belonging to the node by
  class, product tag or name keyword, unless located in the excluded regions; a row whose
  credit code is already an enterprise of the workspace is left to the workspace.

Each candidate gets a score in [0, 1]

.. math::

    \text{score} = w_s\,\text{size} + w_g\,\text{growth} + w_f\,\text{fit} + w_r\,\text{relatedness}

* ``size``: cumulative distribution (``cume_dist``) of revenue among the node's candidates
  (1 for the largest; 0 when the revenue is unknown);
* ``growth``: ``cume_dist`` of revenue growth over the previous year (0 without a previous year);
* ``fit``: honours, 0.4 for 专精特新 / 小巨人, 0.3 for 高新技术企业, 0.3 for a listed firm,
  链主 or 单项冠军 (summed, at most 1);
* ``relatedness``: the region's relatedness density to the node's industries
  (:mod:`xinzhi.chains.relatedness`) divided by its maximum over the target nodes, so that gaps
  matching local capabilities rise.

Weights default to size 0.4, growth 0.2, fit 0.2, relatedness 0.2. Targets are listed by node
priority (:func:`~xinzhi.chains.coverage.priority`), then by score within the node. This
ranking is a design proposal built on the practice described in policy documents (target firms
at missing links, favour 专精特新 and leaders); it is not an official method.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import ibis
import numpy as np
import pandas as pd

from xinzhi.chains.coverage import node_members
from xinzhi.chains.definitions import ChainDefinition
from xinzhi.chains.explain import money_en, money_zh
from xinzhi.chains.membership import chain_members, class_vocabulary
from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["DEFAULT_WEIGHTS", "HONOURS", "SCOPES", "TARGET_COLUMNS", "excluded_regions", "investment_targets"]

DEFAULT_WEIGHTS: dict[str, float] = {"size": 0.4, "growth": 0.2, "fit": 0.2, "relatedness": 0.2}
#: (points, tags any of which earns them)
HONOURS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (0.4, ("专精特新", "专精特新小巨人", "小巨人")),
    (0.3, ("高新技术企业",)),
    (0.3, ("上市企业", "上市", "链主", "链主企业", "单项冠军")),
)
Scope = Literal["outside-city", "outside-region", "anywhere"]
#: where candidates may lie (see :func:`excluded_regions`)
SCOPES: tuple[str, ...] = ("outside-city", "outside-region", "anywhere")
TARGET_COLUMNS = ["node_rank", "node_name", "action", "rank", "name", "region_name", "score", "revenue", "growth",
                  "tags", "source", "matched_by", "reason_zh", "reason_en", "node", "credit_code", "candidate_id",
                  "region_code", "size_score", "growth_score", "fit_score", "relatedness"]
_MATCH_ZH = {"class": "按行业类别", "product": "按产品标签", "keyword": "按名称关键词"}
_MATCH_EN = {"class": "by industry class", "product": "by product tag", "keyword": "by name keyword"}


def excluded_regions(regions: pd.DataFrame, region: str, scope: str = "outside-city") -> list[str]:
    """Regions whose firms are not candidates for ``region`` under ``scope``.

    * ``outside-city`` (default): the city containing ``region`` (its ancestor of level
      ``city``, or itself) and everything below it; for a province, the province;
    * ``outside-region``: ``region`` and everything below it;
    * ``anywhere``: nothing (local firms too: expansion of local firms, 增资扩产, is also
      investment attraction).

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "510100", "510104", "510112", "510300"],
    ...                   "level": ["province", "city", "county", "county", "city"],
    ...                   "parent_code": [None, "510000", "510100", "510100", "510000"]})
    >>> excluded_regions(r, "510112")
    ['510100', '510104', '510112']
    >>> excluded_regions(r, "510112", "outside-region"), excluded_regions(r, "510112", "anywhere")
    (['510112'], [])
    """
    from xinzhi.regions import descendants

    if scope not in SCOPES:
        raise InputError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
    if scope == "anywhere":
        return []
    root = region
    if scope == "outside-city":
        parent = dict(zip(regions["code"].astype(str), regions["parent_code"], strict=True))
        level = dict(zip(regions["code"].astype(str), regions["level"], strict=True))
        c: object = region
        for _ in range(10):
            if not isinstance(c, str) or not c:
                break
            if level.get(c) == "city":
                root = c
                break
            c = parent.get(c)
    return sorted(descendants(regions, root)["code"].astype(str))


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


def _workspace_pool(chain: ChainDefinition, nodes: list[str], enterprise: ir.Table, enterprise_year: ir.Table, *,
                    industries: pd.DataFrame, exclude: list[str], year: int,
                    vocabulary: pd.DataFrame | None) -> ir.Table:
    j = node_members(chain, enterprise, enterprise_year, industries=industries, region_codes=exclude, year=year,
                     nodes=nodes, extra=("name", "tags"), vocabulary=vocabulary)
    c = j.filter(~j.local)
    ey = enterprise_year.filter(enterprise_year.year == year - 1)
    prev = ey.select("credit_code", prev=ey.revenue.coalesce(ey.main_revenue).cast("float64"))
    c = c.left_join(prev, "credit_code").drop("credit_code_right")
    return c.select("node", cid=c.credit_code, credit_code=c.credit_code, candidate_id=ibis.null("string"),
                    name=c.name, region_code=c.region_code, tags=c.tags, how=c.how,
                    revenue=c.revenue.cast("float64"), prev=c.prev, source=ibis.literal("workspace"))


def _list_pool(chain: ChainDefinition, nodes: list[str], candidates: ir.Table, enterprise: ir.Table, *,
               industries: pd.DataFrame, exclude: list[str], vocabulary: pd.DataFrame | None) -> ir.Table:
    k = candidates
    cid = k.list.concat(":", k.candidate_id)
    tags = k.products.fill_null("").concat(";", k.tags.fill_null(""))
    firms = k.select(credit_code=cid, name=k.name, industry_code=k.industry_code, tags=tags,
                     region_code=k.region_code, list=k.list, candidate_id=k.candidate_id, real_code=k.credit_code,
                     revenue=k.revenue.cast("float64"), prev=k.revenue_prev.cast("float64"), honours=k.tags)
    known = enterprise.select(real_code=enterprise.credit_code)
    firms = firms.anti_join(known, "real_code")
    if exclude:
        firms = firms.filter(firms.region_code.isnull() | ~firms.region_code.isin(exclude))
    own = class_vocabulary(chain.maps, industries)
    vocab = own if vocabulary is None else pd.concat([own, vocabulary]).drop_duplicates()
    maps = chain.maps[chain.maps["node"].isin(nodes)][["node", "kind", "value"]]
    m = chain_members(firms, maps, industries, vocabulary=vocab)
    c = m.join(firms, "credit_code")
    return c.select("node", cid=c.credit_code, credit_code=c.real_code, candidate_id=c.candidate_id, name=c.name,
                    region_code=c.region_code, tags=c.honours, how=c.how, revenue=c.revenue, prev=c.prev,
                    source=c.list)


def investment_targets(
    chain: ChainDefinition,
    coverage: pd.DataFrame,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    exclude: Sequence[str],
    year: int,
    relatedness: pd.Series | None = None,
    candidates: ir.Table | None = None,
    per_node: int = 5,
    weights: Mapping[str, float] | None = None,
    include_weak: bool = True,
    vocabulary: pd.DataFrame | None = None,
    region_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Rank candidate firms for each node with an action, with reasons in Chinese and English.

    Parameters
    ----------
    chain : ChainDefinition
    coverage : pandas.DataFrame
        Output of :func:`~xinzhi.chains.coverage.node_coverage` for the same region and year.
    enterprise, enterprise_year : ibis.Table
    industries : pandas.DataFrame
        The ``industry`` table.
    exclude : sequence of str
        Region codes whose firms are not candidates (:func:`excluded_regions`).
    year : int
        Growth compares ``year`` with ``year - 1``.
    relatedness : pandas.Series, optional
        Node → relatedness (see :func:`~xinzhi.chains.relatedness.node_relatedness`); 0 if absent.
    candidates : ibis.Table, optional
        Rows of the ``chain_candidate`` table (an imported list of outside firms).
    per_node : int, default=5
        Candidates kept per node.
    weights : mapping, optional
        Overrides of :data:`DEFAULT_WEIGHTS` (normalised to sum 1).
    include_weak : bool, default=True
        Also target weak links (强链), not only gaps and extensions.
    vocabulary : pandas.DataFrame, optional
        Evidence of other chains (:func:`~xinzhi.chains.membership.class_vocabulary`).
    region_names : mapping, optional
        Region code → name, for the reasons.

    Returns
    -------
    pandas.DataFrame
        :data:`TARGET_COLUMNS`: the node, its action and rank by priority, the candidate's rank
        within the node, ``source`` (``workspace`` or the list's name), identity, location,
        revenue (万元), growth, honours, how it was matched, the four score components, the
        score and the reasons; sorted by node rank, then rank.
    """
    if per_node < 1:
        raise InputError(f"per_node must be at least 1, got {per_node}")
    w = _weights(weights)
    actions = ["补链", "延链", "强链"] if include_weak else ["补链", "延链"]
    want = coverage["action"].isin(actions)
    target_nodes = coverage.loc[want].sort_values(["priority", "node"], ascending=[False, True])
    if target_nodes.empty:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    node_rank = pd.Series(np.arange(1, len(target_nodes) + 1), index=target_nodes["node"].to_numpy())
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
    nodes = target_nodes["node"].tolist()
    ex = list(exclude)
    pool = _workspace_pool(chain, nodes, enterprise, enterprise_year, industries=industries, exclude=ex, year=year,
                           vocabulary=vocabulary)
    if candidates is not None:
        pool = pool.union(_list_pool(chain, nodes, candidates, enterprise, industries=industries, exclude=ex,
                                     vocabulary=vocabulary), distinct=False)
    c = pool.join(node_tab, "node")
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
        size_score=ibis.cume_dist().over(group_by=c.node, order_by=c.revenue.fill_null(-1e300)),
        growth_score=ibis.cume_dist().over(group_by=c.node, order_by=c.growth.fill_null(-1e300)),
    )
    c = c.mutate(growth_score=c.growth.isnull().ifelse(0.0, c.growth_score),
                 size_score=c.revenue.isnull().ifelse(0.0, c.size_score))
    c = c.mutate(score=w["size"] * c.size_score + w["growth"] * c.growth_score + w["fit"] * c.fit_score
                 + w["relatedness"] * c.rel_norm)
    c = c.mutate(rank=ibis.row_number().over(
        group_by=c.node, order_by=[c.score.desc(), c.revenue.desc(), c.cid]) + 1)
    res = c.filter(c.rank <= per_node).to_pandas()
    if res.empty:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    info = target_nodes.set_index("node")
    res["node_name"] = res["node"].map(info["name"])
    res["action"] = res["node"].map(info["action"])
    res["node_rank"] = res["node"].map(node_rank).astype(int)
    res["relatedness"] = res["rel_raw"]
    res["matched_by"] = res["how"]
    place = dict(region_names or {})
    res["region_name"] = res["region_code"].map(lambda c: place.get(str(c), "") if isinstance(c, str) else "")
    res["reason_zh"], res["reason_en"] = _reasons(res, info, rel)
    res = res.sort_values(["node_rank", "rank"]).reset_index(drop=True)
    return res[TARGET_COLUMNS]


def _reasons(res: pd.DataFrame, info: pd.DataFrame, rel: pd.Series) -> tuple[list[str], list[str]]:
    order = rel.rank(ascending=False, method="min")
    zh_out, en_out = [], []
    for r in res.to_dict("records"):
        n = info.loc[r["node"]]
        action = str(n["action"])
        name = str(r["node_name"])
        if action == "强链":
            node_zh = f"薄弱环节「{name}」（相对强度 {n['relative_strength']:.2f}，强链）"
            node_en = f"weak node 「{name}」 (relative strength {n['relative_strength']:.2f}; strengthen: 强链)"
        else:
            verb_zh, verb_en = ("延链", "extend") if action == "延链" else ("补链", "fill")
            node_zh = f"本地缺失环节「{name}」（{verb_zh}）"
            node_en = f"node 「{name}」 absent locally ({verb_en}: {action})"
        where = r["region_name"] or r["region_code"] or ""
        if r["source"] == "workspace":
            src_zh, src_en = f"位于{where}", f"located in {where}"
        else:
            ident = f"，编号 {r['candidate_id']}" if r["candidate_id"] else ""
            src_zh = f"来自名单「{r['source']}」{ident}" + (f"，位于{where}" if where else "，地点未知")
            src_en = f"from the list {r['source']}" + (f" (id {r['candidate_id']})" if r["candidate_id"] else "") + (
                f", located in {where}" if where else ", location unknown")
        match_zh, match_en = _MATCH_ZH.get(r["how"], r["how"]), _MATCH_EN.get(r["how"], r["how"])
        if pd.notna(r["revenue"]):
            size_zh = f"营收 {money_zh(r['revenue'])}（规模得分 {r['size_score']:.2f}）"
            size_en = f"revenue {money_en(r['revenue'])} (size score {r['size_score']:.2f})"
        else:
            size_zh, size_en = "营收未知（规模得分 0）", "revenue unknown (size score 0)"
        if pd.notna(r["growth"]):
            g_zh, g_en = f"增长 {r['growth']:.1%}", f"growth {r['growth']:.1%}"
        else:
            g_zh, g_en = "无上年营收", "no prior-year revenue"
        honours = str(r["tags"]).replace(";", "、").strip("、") if isinstance(r["tags"], str) else ""
        h_zh = f"荣誉：{honours}" if honours else "无荣誉标签"
        h_en = f"honours: {honours}" if honours else "no honours"
        if r["rel_raw"] > 0:
            k = int(order.get(r["node"], 0))
            rel_zh = f"本地与该环节行业的关联密度 {r['rel_raw']:.3f}（在 {len(rel)} 个目标环节中排第 {k}）"
            rel_en = (f"region's relatedness to the node's industries {r['rel_raw']:.3f} "
                      f"(rank {k} of {len(rel)} target nodes)")
        else:
            rel_zh, rel_en = "无关联密度数据", "no relatedness data"
        zh_out.append(f"{node_zh}；{src_zh}，{match_zh}归入；{size_zh}；{g_zh}；{h_zh}；{rel_zh}")
        en_out.append(f"{node_en}; {src_en}, matched {match_en}; {size_en}; {g_en}; {h_en}; {rel_en}")
    return zh_out, en_out
