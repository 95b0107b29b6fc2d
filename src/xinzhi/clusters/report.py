"""Workspace-level entry point for the cluster profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.chains.membership import region_and_descendants
from xinzhi.clusters.definitions import load_system
from xinzhi.clusters.profile import cluster_profile
from xinzhi.errors import NotFoundError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["profile_for"]


def profile_for(ws: Workspace, region: str, *, system: str | None = None, year: int | None = None,
                **kw: Any) -> pd.DataFrame:
    """Cluster profile of ``region`` for ``system`` (default: the system defined for that region)
    in ``year`` (default: the latest year of ``region_industry_year``)."""
    from xinzhi.regions import resolve_region

    regions = ws.to_pandas("region")
    region = str(resolve_region(regions, region)["code"])
    sys_ = load_system(ws, system, region=region)
    rit = ws.table("region_industry_year")
    if year is None:
        y = rit.year.max().to_pandas()
        if y is None or pd.isna(y):
            raise NotFoundError("region_industry_year is empty; import the statistics first")
        year = int(y)
    return cluster_profile(sys_, rit, ws.table("enterprise"), ws.table("enterprise_year"),
                           industries=ws.to_pandas("industry"), region=region,
                           region_codes=region_and_descendants(regions, region), year=year, **kw)
