"""Workspace-level entry points: read the tables, run the chain analytics for a region and year."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.chains.coverage import chain_leaders, context_evidence, node_coverage
from xinzhi.chains.definitions import ChainDefinition, load_chain
from xinzhi.chains.membership import region_and_descendants
from xinzhi.chains.relatedness import industry_density, node_relatedness
from xinzhi.chains.targets import excluded_regions, investment_targets
from xinzhi.errors import NotFoundError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["ChainContext", "chain_context", "coverage_for", "gaps_for", "leaders_for", "place_names", "targets_for"]


@dataclass
class ChainContext:
    """Everything the chain analytics need for one chain, region and year.

    ``context`` holds the workspace's other chains: their product tags settle classes they share
    with this chain, and shared figures name their nodes.
    """

    ws: Workspace
    chain: ChainDefinition
    region: str
    region_codes: list[str]
    year: int
    industries: pd.DataFrame
    context: list[ChainDefinition] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        return {"industries": self.industries, "region_codes": self.region_codes, "year": self.year}


def latest_year(ws: Workspace, table: str = "enterprise_year") -> int:
    """The latest year with rows in ``table``."""
    t = ws.table(table)
    y = t.year.max().to_pandas()
    if y is None or pd.isna(y):
        raise NotFoundError(f"table {table} is empty; import enterprise data first")
    return int(y)


def chain_context(ws: Workspace, chain: str, region: str, year: int | None = None) -> ChainContext:
    """Load chain ``chain`` (and the workspace's other chains) and resolve ``region`` (with its
    sub-regions) and ``year``."""
    from xinzhi.regions import resolve_region

    defn = load_chain(ws, chain)
    regions = ws.to_pandas("region")
    region = str(resolve_region(regions, region)["code"])
    codes = region_and_descendants(regions, region)
    ids = sorted(set(ws.to_pandas("chain_node")["chain"].astype(str)) - {chain})
    context = [load_chain(ws, c) for c in ids]
    return ChainContext(ws, defn, region, codes, year or latest_year(ws), ws.to_pandas("industry"), context)


def coverage_for(ctx: ChainContext, **kw: Any) -> pd.DataFrame:
    """:func:`~xinzhi.chains.coverage.node_coverage` on the workspace tables."""
    return node_coverage(ctx.chain, ctx.ws.table("enterprise"), ctx.ws.table("enterprise_year"), **ctx.kwargs(),
                         context=ctx.context, **kw)


def gaps_for(coverage: pd.DataFrame) -> pd.DataFrame:
    """The nodes with an action (补链, 延链, 强链), ranked by priority, with a ``rank`` column.
    Nodes without data are never gaps; ``attrs["no_data"]`` names them."""
    sel = coverage[coverage["action"] != ""].sort_values(["priority", "total_revenue", "node"],
                                                          ascending=[False, False, True]).copy()
    sel.insert(0, "rank", range(1, len(sel) + 1))
    first = ["rank", "node", "name", "action", "status", "relative_strength", "priority", "reason_zh", "reason_en"]
    sel = sel[[c for c in first if c in sel] + [c for c in sel.columns if c not in first]]
    sel.attrs = dict(coverage.attrs)
    sel.attrs["no_data"] = coverage.loc[coverage["status"] == "no_data", "name"].tolist()
    return sel.reset_index(drop=True)


def leaders_for(ctx: ChainContext, **kw: Any) -> pd.DataFrame:
    """:func:`~xinzhi.chains.coverage.chain_leaders` on the workspace tables."""
    return chain_leaders(ctx.chain, ctx.ws.table("enterprise"), ctx.ws.table("enterprise_year"), **ctx.kwargs(),
                         context=ctx.context, **kw)


def targets_for(ctx: ChainContext, coverage: pd.DataFrame | None = None, *, scope: str = "outside-city",
                use_candidates: bool = True, **kw: Any) -> pd.DataFrame:
    """:func:`~xinzhi.chains.targets.investment_targets` with relatedness from
    ``region_industry_year``, candidates outside the excluded regions of ``scope``
    (:func:`~xinzhi.chains.targets.excluded_regions`) and, when the workspace holds one, the
    imported candidate list (``chain_candidate``).

    The relatedness year is the analysis year, else the latest year of the panel.
    """
    cov = coverage if coverage is not None else coverage_for(ctx)
    rel = None
    if ctx.ws.has_data("region_industry_year"):
        rit = ctx.ws.table("region_industry_year")
        years = set(rit.year.to_pandas().unique().tolist())
        ry = ctx.year if ctx.year in years else max(years)
        dens = industry_density(rit, region=ctx.region, year=ry)
        rel = node_relatedness(ctx.chain, dens, industries=ctx.industries)
    regions = ctx.ws.to_pandas("region")
    exclude = excluded_regions(regions, ctx.region, scope)
    candidates = ctx.ws.table("chain_candidate") if use_candidates and ctx.ws.has_data("chain_candidate") else None
    vocab, _ = context_evidence(ctx.chain, ctx.context, ctx.industries)
    return investment_targets(ctx.chain, cov, ctx.ws.table("enterprise"), ctx.ws.table("enterprise_year"),
                              industries=ctx.industries, exclude=exclude, year=ctx.year, relatedness=rel,
                              candidates=candidates, vocabulary=vocab, region_names=place_names(regions), **kw)


def place_names(regions: pd.DataFrame) -> dict[str, str]:
    """Region code → name with its city, so a reader sees where a county lies (乐山市五通桥区).

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "511100", "511112"], "name": ["四川省", "乐山市", "五通桥区"],
    ...                   "level": ["province", "city", "county"], "parent_code": [None, "510000", "511100"]})
    >>> place_names(r)["511112"], place_names(r)["511100"]
    ('乐山市五通桥区', '乐山市')
    """
    name = dict(zip(regions["code"].astype(str), regions["name"].astype(str), strict=True))
    parent = dict(zip(regions["code"].astype(str), regions["parent_code"], strict=True))
    level = dict(zip(regions["code"].astype(str), regions["level"], strict=True))
    out = {}
    for code, n in name.items():
        c: object = parent.get(code)
        city = ""
        for _ in range(5):
            if not isinstance(c, str) or not c:
                break
            if level.get(c) == "city":
                city = name[c]
                break
            c = parent.get(c)
        out[code] = city + n if level.get(code) in ("county", "park") and not n.startswith(city) else n
    return out
