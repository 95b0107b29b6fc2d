"""Delivery reports read from a workspace: the glue between workspace tables and the pure
analytics of :mod:`xinzhi.delivery` (used by the CLI and the web dashboard).

Each function reads the tables it needs, restricts them to a region and everything below it,
and calls one analytic. No formula lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pandas as pd

from xinzhi.delivery.alerts import alerts
from xinzhi.delivery.indicators import annual_values
from xinzhi.delivery.periods import parse_period
from xinzhi.delivery.projects import investment_share, project_progress, size_bands
from xinzhi.delivery.rankings import RankBy, rank_regions
from xinzhi.delivery.regions import descendants, resolve_region
from xinzhi.delivery.targets import targets_progress
from xinzhi.errors import NotFoundError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = [
    "INDUSTRIAL_INVESTMENT",
    "alerts_report",
    "latest_month",
    "projects_report",
    "projects_summary",
    "ranking_report",
    "targets_report",
]

INDUSTRIAL_INVESTMENT = "industrial_investment"
"""Catalog code of the region's industrial investment (工业投资, cumulative 1–N月, 万元)."""


def _regions(ws: Workspace) -> pd.DataFrame:
    return ws.to_pandas("region")


def _names(regions: pd.DataFrame) -> dict[str, str]:
    return dict(zip(regions["code"], regions["name"], strict=True))


def targets_report(ws: Workspace, region: str, *, as_of_year: int | None = None,
                   level: float = 0.9) -> pd.DataFrame:
    """Progress of the targets of ``region`` and the regions below it (see
    :func:`~xinzhi.delivery.targets.targets_progress`)."""
    regions = _regions(ws)
    code = resolve_region(regions, region)
    scope = descendants(regions, code)
    targets = ws.to_pandas("target")
    targets = targets[targets["region_code"].isin(scope)]
    if targets.empty:
        raise NotFoundError(f"no targets for {code} or the regions below it (import some with `xinzhi import target FILE`)")
    catalog = ws.to_pandas("indicator")
    values = ws.to_pandas("indicator_value")
    values = values[values["region_code"].isin(set(targets["region_code"]))
                    & values["indicator"].isin(set(targets["indicator"]))]
    annual = annual_values(values, catalog) if not values.empty else pd.DataFrame(
        columns=["indicator", "region_code", "year", "value", "derived_from"])
    out = targets_progress(targets, annual, catalog=catalog, as_of_year=as_of_year, level=level)
    out.insert(2, "region_name", out["region_code"].map(_names(regions)))
    return out.sort_values(["region_code", "target_id"]).reset_index(drop=True)


def latest_month(ws: Workspace) -> str:
    """The latest month with project progress (the default reporting month)."""
    pg = ws.to_pandas("project_progress")
    if pg.empty:
        raise NotFoundError("no project progress in the workspace; give --as-of YYYY-MM")
    return str(max(pg["month"]))


def projects_report(ws: Workspace, region: str, *, as_of: str | None = None, late_only: bool = False,
                    tolerance: float = 0.10) -> pd.DataFrame:
    """Progress of the projects located in ``region`` or below it at month ``as_of`` (default:
    the latest month with progress); ``late_only`` keeps projects behind schedule."""
    regions = _regions(ws)
    code = resolve_region(regions, region)
    scope = descendants(regions, code)
    projects = ws.to_pandas("project")
    projects = projects[projects["region_code"].isin(scope)]
    if projects.empty:
        raise NotFoundError(f"no projects in {code} or the regions below it")
    progress = ws.to_pandas("project_progress")
    progress = progress[progress["project_id"].isin(set(projects["project_id"]))]
    milestones = ws.to_pandas("project_milestone")
    as_of = as_of or latest_month(ws)
    out = project_progress(projects, progress, milestones, as_of=as_of, tolerance=tolerance)
    out.insert(3, "region_name", out["region_code"].map(_names(regions)))
    if late_only:
        out = out[out["late"]]
    return out.sort_values(["late", "pace_gap"], ascending=[False, False]).reset_index(drop=True)


def projects_summary(ws: Workspace, region: str, *, as_of: str | None = None,
                     tolerance: float = 0.10) -> dict[str, object]:
    """Headline figures for a region's major projects at ``as_of``: counts, investment,
    share of the region's industrial investment year to date, late projects, size bands."""
    regions = _regions(ws)
    code = resolve_region(regions, region)
    as_of = as_of or latest_month(ws)
    table = projects_report(ws, code, as_of=as_of, tolerance=tolerance)
    values = ws.to_pandas("indicator_value")
    p = parse_period(as_of)
    hit = values[(values["indicator"] == INDUSTRIAL_INVESTMENT) & (values["region_code"] == code)
                 & (values["period"] == p.label)]
    industrial = float(hit["value"].iloc[0]) if len(hit) else float("nan")
    ytd = float(table["ytd_investment"].sum())
    return {
        "region_code": code,
        "as_of": as_of,
        "projects": len(table),
        "planned_investment": float(table["planned_investment"].sum()),
        "ytd_investment": ytd,
        "industrial_investment_ytd": industrial,
        "share_of_industrial_investment": investment_share(ytd, industrial),
        "late": int(table["late"].sum()),
        "size_bands": size_bands(table),
    }


def ranking_report(ws: Workspace, indicator: str, *, period: str, peers_of: str | None = None,
                   level: str | None = None, by: RankBy = "value",
                   compare: Literal["previous", "year_ago"] = "year_ago") -> pd.DataFrame:
    """League table of regions for ``indicator`` in ``period``.

    Peers: the regions directly under ``peers_of`` (e.g. the 21 cities of 510000), else every
    region with a value, optionally only those of ``level`` (``province``, ``city`` ...).
    """
    regions = _regions(ws)
    values = ws.to_pandas("indicator_value")
    values = values[values["indicator"] == indicator]
    if values.empty:
        raise NotFoundError(f"no values for indicator {indicator!r}")
    peers: set[str] | None = None
    if peers_of is not None:
        parent = resolve_region(regions, peers_of)
        peers = set(regions.loc[regions["parent_code"] == parent, "code"])
    elif level is not None:
        peers = set(regions.loc[regions["level"] == level, "code"])
    catalog = ws.to_pandas("indicator")
    row = catalog[catalog["code"] == indicator]
    hib = True
    if len(row) and not pd.isna(row["higher_is_better"].iloc[0]):
        hib = bool(row["higher_is_better"].iloc[0])
    out = rank_regions(values, indicator=indicator, period=period, peers=peers, by=by,
                       higher_is_better=hib, compare=compare)
    out.insert(2, "region_name", out["region_code"].map(_names(regions)))
    return out


def alerts_report(ws: Workspace, region: str, *, as_of: str | None = None,
                  as_of_year: int | None = None, include_at_risk: bool = True) -> pd.DataFrame:
    """Late projects and off-track (and at-risk) targets of ``region`` and below, with reasons."""
    try:
        t = targets_report(ws, region, as_of_year=as_of_year)
    except NotFoundError:
        t = None
    try:
        p = projects_report(ws, region, as_of=as_of)
    except NotFoundError:
        p = None
    out = alerts(t, p, include_at_risk=include_at_risk)
    out.insert(3, "region_name", out["region_code"].map(_names(_regions(ws))))
    return out
