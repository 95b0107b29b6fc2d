"""Workspace-level entry points: read the tables, run the chain analytics for a region and year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.chains.coverage import chain_leaders, node_coverage
from xinzhi.chains.definitions import ChainDefinition, load_chain
from xinzhi.chains.membership import region_and_descendants
from xinzhi.chains.relatedness import industry_density, node_relatedness
from xinzhi.chains.targets import investment_targets
from xinzhi.errors import NotFoundError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["ChainContext", "chain_context", "coverage_for", "leaders_for", "targets_for"]


@dataclass
class ChainContext:
    """Everything the chain analytics need for one chain, region and year."""

    ws: Workspace
    chain: ChainDefinition
    region: str
    region_codes: list[str]
    year: int
    industries: pd.DataFrame

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
    """Load chain ``chain`` and resolve ``region`` (with its sub-regions) and ``year``."""
    from xinzhi.regions import resolve_region

    defn = load_chain(ws, chain)
    regions = ws.to_pandas("region")
    region = str(resolve_region(regions, region)["code"])
    codes = region_and_descendants(regions, region)
    return ChainContext(ws, defn, region, codes, year or latest_year(ws), ws.to_pandas("industry"))


def coverage_for(ctx: ChainContext, **kw: Any) -> pd.DataFrame:
    """:func:`~xinzhi.chains.coverage.node_coverage` on the workspace tables."""
    return node_coverage(ctx.chain, ctx.ws.table("enterprise"), ctx.ws.table("enterprise_year"), **ctx.kwargs(), **kw)


def leaders_for(ctx: ChainContext, **kw: Any) -> pd.DataFrame:
    """:func:`~xinzhi.chains.coverage.chain_leaders` on the workspace tables."""
    return chain_leaders(ctx.chain, ctx.ws.table("enterprise"), ctx.ws.table("enterprise_year"), **ctx.kwargs(), **kw)


def targets_for(ctx: ChainContext, coverage: pd.DataFrame | None = None, **kw: Any) -> pd.DataFrame:
    """:func:`~xinzhi.chains.targets.investment_targets`, with relatedness from ``region_industry_year``.

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
    return investment_targets(ctx.chain, cov, ctx.ws.table("enterprise"), ctx.ws.table("enterprise_year"),
                              relatedness=rel, **ctx.kwargs(), **kw)
