"""Data behind the structure page beyond the section adapters: the shift-share trend of a region's
industries and the industry space with the region's present and candidate industries.

Both read the cached level panel and complexity result of :mod:`xinzhi.web.sections` and call the
analytics (:func:`xinzhi.analytics.shift_share.shift_share`); nothing here computes an indicator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from xinzhi.web import sections
from xinzhi.web.industry_space import space_layout

if TYPE_CHECKING:
    from xinzhi.access.scope import Scope
    from xinzhi.web.service import WebData


def shift_share_trend(data: WebData, scope: Scope, region: str, *, value: str = "output") -> pd.DataFrame:
    """Shift-share decomposition of the change of every industry of ``region`` from the first to
    the last year of the level panel (reference: all regions of the level), largest change first.

    Columns ``industry_code``, ``name``, ``start_year``, ``end_year``, ``base``, ``final``, ``change``,
    ``national_share``, ``industry_mix``, ``regional_shift`` (value units: 万元).
    """
    from xinzhi.analytics.shift_share import shift_share

    row = data.region(scope, region)
    level = str(row["level"])

    def build() -> pd.DataFrame:
        panel = sections._level_totals(data, level, value)
        if panel["region"].nunique() < 2:
            raise sections.Unavailable(f"shift-share needs at least two regions of level {level} with data")
        years = sorted(panel["year"].unique())
        if len(years) < 2:
            raise sections.Unavailable("shift-share needs at least two years of region_industry_year data")
        start, end = years[0], years[-1]
        out = shift_share(panel, start=start, end=end)
        return out.assign(start_year=int(start), end_year=int(end))

    key = ("shift-share", level, value, *data.version("region", "region_industry_year"))
    full = data.cache.get(key, build)
    mine = full[full["region"].astype(str) == region].copy()
    if mine.empty:
        raise sections.Unavailable(f"{row['name']} has no {value} data")
    mine = mine.rename(columns={"industry": "industry_code"})
    mine["industry_code"] = mine["industry_code"].astype(str)
    mine.insert(1, "name", mine["industry_code"].map(data.industry_names()))
    cols = ["industry_code", "name", "start_year", "end_year", "base", "final", "change", "national_share",
            "industry_mix", "regional_shift"]
    return mine[cols].sort_values("change", ascending=False, key=abs).reset_index(drop=True)


def industry_space(data: WebData, scope: Scope, region: str, *, value: str = "output") -> dict[str, pd.DataFrame]:
    """The industry space of ``region``'s level in the latest year: the layout (``nodes``: ``id``,
    ``x``, ``y``; ``edges``), and the region's ``present`` flags and ``values`` by industry."""
    row = data.region(scope, region)
    level = str(row["level"])
    cy, _, year = sections._complexity_year(data, level, value, None)

    def build() -> tuple[pd.DataFrame, pd.DataFrame]:
        active = np.asarray(cy.values).sum(axis=0) > 0
        return space_layout(cy.proximity, np.asarray(cy.industries), active)

    nodes, edges = data.cache.get(("space", level, value, year, *data.version("region", "region_industry_year")), build)
    idx = {str(c): i for i, c in enumerate(cy.regions)}
    if region not in idx:
        raise sections.Unavailable(f"{row['name']} has no {value} data in {year}")
    r = idx[region]
    labels = [str(i) for i in cy.industries]
    return {"nodes": nodes, "edges": edges, "year": pd.DataFrame({"year": [year]}),
            "present": pd.Series(np.asarray(cy.mcp[r]), index=labels),
            "values": pd.Series(np.asarray(cy.values[r], dtype=float), index=labels)}
