"""Data behind the cluster pages (one page per cluster, as U.S. Cluster Mapping has them) and the
comparison of cluster sizes across a region's sub-regions.

Cluster measures come from :func:`xinzhi.clusters.profile.cluster_panel` (industry-based clusters:
sums of ``region_industry_year`` over the cluster's industries); the composition sums the same
statistics by industry; the firms are the enterprises of the cluster's industries (or, for an
enterprise-based cluster, its listed firms) inside the user's scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.web import sections

if TYPE_CHECKING:
    from xinzhi.access.scope import Scope
    from xinzhi.web.service import WebData


def _system(data: WebData, region: str) -> Any:
    from xinzhi.clusters.definitions import load_system

    name = data.cache.get(("cluster-system-of", region, *data.version("region", "cluster")),
                          lambda: sections._cluster_system(data, region))

    def build() -> Any:
        with data.ibis_lock:
            return load_system(data.ws, name, region=region)

    return data.cache.get(("cluster-system", name, region, *data.version("cluster", "cluster_member")), build)


def _panel(data: WebData, region: str, peer_of: str) -> pd.DataFrame:
    """:func:`cluster_panel` with peers at the level of ``peer_of`` (cached per snapshot)."""
    from xinzhi.clusters.profile import cluster_panel

    system = _system(data, region)

    def build() -> pd.DataFrame:
        if not data.ws.has_data("region_industry_year"):
            raise sections.Unavailable("the workspace has no region_industry_year data")
        with data.ibis_lock:
            return cluster_panel(system, data.ws.table("region_industry_year"),
                                 industries=data.ws.to_pandas("industry"), region=peer_of)

    key = ("cluster-panel", system.system, len(peer_of.rstrip("0")), *data.version("region", "region_industry_year",
                                                                                    "industry", "cluster", "cluster_member"))
    return data.cache.get(key, build)


def _peer_code(region: str) -> str:
    """The panel's key of ``region`` (the panel pads codes to the level of the peer region)."""
    return region


def cluster_row(data: WebData, scope: Scope, region: str, code: str) -> pd.Series:
    """The cluster ``code`` of the region's cluster system (name, tier, basis from the profile)."""
    prof = sections.clusters(data, scope, region)
    hit = prof[prof["cluster_code"].astype(str) == code]
    if hit.empty:
        from xinzhi.errors import NotFoundError

        raise NotFoundError("not found")
    return hit.iloc[0]


def cluster_trend(data: WebData, scope: Scope, region: str, code: str) -> pd.DataFrame:
    """The cluster's measures in ``region`` by year (``year``, output, value added, revenue,
    employment, enterprises, ``share``, ``lq``)."""
    data.region(scope, region)
    panel = _panel(data, region, region)
    out = panel[(panel["peer"] == _peer_code(region)) & (panel["cluster_code"].astype(str) == code)]
    return out.drop(columns=["peer", "cluster_code", "industry_total", "strong"]).sort_values("year").reset_index(drop=True)


def cluster_by_subregion(data: WebData, scope: Scope, region: str, *, code: str | None = None) -> pd.DataFrame:
    """Cluster sizes in each direct sub-region of ``region`` in the latest year: one row per
    sub-region and cluster (``region_code``, ``region_name``, ``cluster_code``, ``name``, output …,
    ``share``, ``lq``). Sub-regions outside the scope are left out."""
    data.region(scope, region)
    regions = data.regions()
    children = regions[(regions["parent_code"] == region) & regions["level"].isin(["city", "county"])]
    if children.empty:
        raise sections.Unavailable("the region has no sub-regions")
    panel = _panel(data, region, str(children["code"].iloc[0]))
    if panel.empty:
        raise sections.Unavailable("no cluster statistics")
    last = panel[panel["year"] == panel["year"].max()]
    keep = [str(c) for c in children["code"] if scope.covers_region(str(c))]
    out = last[last["peer"].isin(keep)].rename(columns={"peer": "region_code"})
    if code is not None:
        out = out[out["cluster_code"].astype(str) == code]
    names = _system(data, region).clusters.set_index("cluster_code")["name"]
    out = out.assign(region_name=out["region_code"].map(data.region_names()),
                     name=out["cluster_code"].map(names))
    cols = ["region_code", "region_name", "cluster_code", "name", "year", "output", "value_added", "revenue",
            "employment", "enterprises", "share", "lq"]
    return out[[c for c in cols if c in out]].sort_values("output", ascending=False).reset_index(drop=True)


def cluster_industries(data: WebData, region: str, code: str) -> list[str]:
    """GB/T 4754 codes of the cluster's member industries (expanded to every code below them)."""
    from xinzhi.chains.membership import expand_industry_maps

    system = _system(data, region)
    members = system.members[system.members["cluster_code"].astype(str) == code]
    exp = expand_industry_maps(members, data.ws.to_pandas("industry"), keys=["cluster_code"])
    return sorted(set(exp["industry_code"].astype(str)))


def cluster_composition(data: WebData, scope: Scope, region: str, code: str) -> pd.DataFrame:
    """The cluster's output in ``region`` (and below) by member industry, latest year, with the
    industry's share of the cluster and its growth over the previous year."""
    from xinzhi.regions import descendants

    data.region(scope, region)
    codes = cluster_industries(data, region, code)
    if not codes:
        raise sections.Unavailable("the cluster has no member industries (an enterprise-based cluster)")
    path = data.ws.snapshot_path("region_industry_year")
    if path is None:
        raise sections.Unavailable("the workspace has no region_industry_year data")
    below = list(descendants(data.regions(), region)["code"])
    import duckdb

    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        frame = con.execute(
            "SELECT industry_code, year, sum(output) AS output, sum(value_added) AS value_added, "
            "sum(enterprises) AS enterprises FROM read_parquet(?) "
            "WHERE region_code IN (SELECT unnest(?::VARCHAR[])) AND industry_code IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY ALL", [str(path), below, codes]).df()
    if frame.empty:
        raise sections.Unavailable("no statistics for the cluster's industries in this region")
    y = int(frame["year"].max())
    cur = frame[frame["year"] == y].set_index("industry_code")
    prev = frame[frame["year"] == y - 1].set_index("industry_code")["output"]
    out = cur.reset_index()
    out["growth"] = out["industry_code"].map(prev)
    out["growth"] = out["output"] / out["growth"].where(out["growth"] > 0) - 1
    out["share"] = out["output"] / out["output"].sum() if out["output"].sum() else float("nan")
    out.insert(1, "name", out["industry_code"].map(data.industry_names()))
    return out[["industry_code", "name", "year", "output", "value_added", "enterprises", "growth", "share"]].sort_values(
        "output", ascending=False).reset_index(drop=True)


def cluster_firms(data: WebData, scope: Scope, region: str, code: str, *, top: int = 50) -> pd.DataFrame:
    """The largest enterprises of the cluster in ``region`` that ``scope`` may see."""
    from xinzhi.regions import descendants

    codes = set(cluster_industries(data, region, code))
    firms = data.scoped_enterprises(scope)
    below = set(descendants(data.regions(), region)["code"])
    hit = firms[firms["industry_code"].astype(str).isin(codes) & firms["region_code"].isin(below)]
    cols = ["credit_code", "name", "region_name", "industry_code", "industry_name", "size_class", "revenue", "tax",
            "class", "score"]
    return hit[[c for c in cols if c in hit]].head(top).reset_index(drop=True)
