"""Comparing the direct sub-regions of a region (a province's cities, a city's counties): league
tables of any indicator (what ``xinzhi rank`` prints), and the chain-node coverage of every
sub-region (local firms per node).

League tables call :func:`xinzhi.delivery.reports.ranking_report`; chain membership is
:func:`xinzhi.chains.membership.members` (the definition of a node's firms used by chain
coverage), counted by the sub-region the firm is registered in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.web import sections

if TYPE_CHECKING:
    from xinzhi.access.scope import Scope
    from xinzhi.web.service import WebData


def children(data: WebData, scope: Scope, region: str) -> pd.DataFrame:
    """Direct sub-regions (cities or counties) of ``region`` inside the scope."""
    data.region(scope, region)
    r = data.regions()
    kids = r[(r["parent_code"] == region) & r["level"].isin(["city", "county"])]
    return kids[kids["code"].map(lambda c: scope.covers_region(str(c)))].sort_values("code")


def league_options(data: WebData, scope: Scope, region: str) -> dict[str, list[str]]:
    """Indicators with values for the sub-regions, each with its periods (newest first)."""
    kids = set(children(data, scope, region)["code"])
    if not kids or not data.ws.has_data("indicator_value"):
        return {}

    def build() -> pd.DataFrame:
        v = data.ws.to_pandas("indicator_value")
        return v[["indicator", "region_code", "period"]].drop_duplicates()

    v = data.cache.get(("indicator-periods", *data.version("indicator_value")), build)
    v = v[v["region_code"].isin(kids)]
    out: dict[str, list[str]] = {}
    for ind, g in v.groupby("indicator"):
        periods = sorted(set(g["period"]), key=_period_key, reverse=True)
        out[str(ind)] = periods
    return out


def _period_key(p: str) -> tuple[int, int]:
    """Order periods by year, then the year itself after its quarters and months."""
    year = int(p[:4])
    rest = p[4:]
    if not rest:
        return (year, 99)
    if rest.startswith("Q"):
        return (year, 3 * int(rest[1:]))
    return (year, int(rest.lstrip("-")))


def league_table(data: WebData, scope: Scope, region: str, indicator: str, period: str, by: str = "value") -> pd.DataFrame:
    """The sub-regions of ``region`` ranked on ``indicator`` in ``period`` (``by``: ``value`` or
    ``growth_nominal``), with the change in rank against a year earlier."""
    from xinzhi.delivery.reports import ranking_report

    kids = children(data, scope, region)
    if kids.empty:
        raise sections.Unavailable("the region has no sub-regions")

    def build() -> pd.DataFrame:
        with data.ibis_lock:
            return ranking_report(data.ws, indicator, period=period, peers_of=region, by=by)  # type: ignore[arg-type]

    key = ("league", region, indicator, period, by, *data.version("indicator_value", "indicator", "region"))
    out = data.cache.get(key, build)
    out = out[out["region_code"].isin(set(kids["code"]))].reset_index(drop=True)
    return data.with_units(out.assign(indicator=indicator))


def coverage_matrix(data: WebData, scope: Scope, region: str, chain: str) -> pd.DataFrame:
    """Local firms of each node of ``chain`` (columns, in stage order) in each sub-region of
    ``region`` (rows, by code)."""
    from xinzhi.chains.definitions import load_chain
    from xinzhi.chains.membership import members

    kids = children(data, scope, region)
    if kids.empty:
        raise sections.Unavailable("the region has no sub-regions")

    def build() -> pd.DataFrame:
        with data.ibis_lock:
            defn = load_chain(data.ws, chain)
            m = members(data.ws.table("enterprise"), defn.maps, data.ws.to_pandas("industry"), keys=["node"]).to_pandas()
        nodes = defn.nodes.sort_values(["stage", "node"])
        return m.assign(node_name=m["node"].map(dict(zip(nodes["node"], nodes["name"], strict=True)))), nodes

    key = ("chain-members", chain, *data.version("enterprise", "chain_node", "chain_node_map", "industry"))
    m, nodes = data.cache.get(key, build)
    firms = data.enterprise_base()[["credit_code", "region_code"]]
    owner = data.subregion_owner(region)
    j = m.merge(firms, on="credit_code")
    j["sub"] = j["region_code"].map(owner)
    j = j.dropna(subset=["sub"])
    counts = j.groupby(["sub", "node"]).size().unstack("node", fill_value=0)
    counts = counts.reindex(index=list(kids["code"]), columns=list(nodes["node"]), fill_value=0)
    names = dict(zip(nodes["node"], nodes["name"], strict=True))
    counts.columns = [names[c] for c in counts.columns]
    counts.index = [data.region_names().get(c, c) for c in counts.index]
    return counts
