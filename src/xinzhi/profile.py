"""A region's profile: the headline facts an analyst opens first.

Sums over the region and everything below it: enterprises by size class, latest-year revenue,
tax, value added and land of enterprises; the largest industries by output from the
region × industry × year statistics, with their growth; parks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.regions import region_and_descendants

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace


@dataclass
class RegionProfile:
    code: str
    name: str
    level: str
    synthetic: bool
    counts: dict[str, int] = field(default_factory=dict)
    enterprise_totals: pd.DataFrame = field(default_factory=pd.DataFrame)
    top_industries: pd.DataFrame = field(default_factory=pd.DataFrame)
    subregions: pd.DataFrame = field(default_factory=pd.DataFrame)


def region_profile(ws: Workspace, region: str, *, top: int = 10) -> RegionProfile:
    """Compute the profile of ``region`` (code or name) from the workspace."""
    row, below = region_and_descendants(ws, region)
    codes = list(below["code"])
    prof = RegionProfile(str(row["code"]), str(row["name"]), str(row["level"]), ws.is_demo)
    prof.counts = {
        "cities": int((below["level"] == "city").sum()),
        "counties": int((below["level"] == "county").sum()),
        "parks": int(below["level"].isin(["park", "zone"]).sum()),
    }
    ent = ws.table("enterprise")
    ent = ent.filter(ent.region_code.isin(codes) | ent.park_code.isin(codes))
    prof.counts["enterprises"] = int(ent.count().execute())
    prof.counts["above_scale"] = int(ent.filter(ent.above_scale).count().execute())

    ey = ws.table("enterprise_year")
    joined = ey.join(ent.select("credit_code"), "credit_code")
    prof.enterprise_totals = (
        joined.group_by("year")
        .aggregate(
            enterprises=joined.credit_code.nunique(),
            revenue=joined.revenue.sum(),
            tax=joined.tax.sum(),
            value_added=joined.value_added.sum(),
            land_mu=joined.land_mu.sum(),
        )
        .order_by("year")
        .execute()
    )
    riy = ws.table("region_industry_year")
    riy = riy.filter(riy.region_code.isin(codes))
    years = riy.year.max().execute()
    if years is not None and not pd.isna(years):
        last = int(years)
        ind = ws.table("industry")
        by_ind = (
            riy.filter(riy.year.isin([last, last - 1]))
            .group_by(["industry_code", "year"])
            .aggregate(output=riy.output.sum())
            .execute()
        )
        wide = by_ind.pivot(index="industry_code", columns="year", values="output").fillna(0.0)
        cur = wide.get(last, pd.Series(dtype=float))
        prev = wide.get(last - 1, pd.Series(dtype=float))
        top_df = pd.DataFrame({"industry_code": cur.index, "output": cur.values})
        top_df["growth"] = (cur / prev.where(prev > 0)).values - 1.0 if len(prev) else float("nan")
        top_df["share"] = top_df["output"] / top_df["output"].sum() if top_df["output"].sum() else float("nan")
        names = ind.select("code", "name").execute().rename(columns={"code": "industry_code"})
        top_df = top_df.merge(names, on="industry_code", how="left").sort_values("output", ascending=False)
        top_df.insert(0, "year", last)
        prof.top_industries = top_df.head(top)[["year", "industry_code", "name", "output", "growth", "share"]]
    prof.subregions = below[below["parent_code"] == prof.code][["code", "name", "level"]]
    return prof
