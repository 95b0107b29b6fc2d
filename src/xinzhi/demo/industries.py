"""Which GB/T 4754 classes the demo economy has, how large each is and how fast it grows.

Each division's share of the province's above-scale industrial output and its ratios (value
added, revenue per worker, per 亩, per tonne of standard coal, tax, electricity, assets, R&D) come
from ``data/divisions.csv``; named classes take the share of their division given in
``data/classes.csv`` (a share of 0 marks a class Sichuan does not have, such as offshore oil or
nuclear power), and the other classes of the division split the rest with lognormal weights.
The shares are demo parameters chosen to agree with the published anchors listed in
``data/SOURCES.md`` (section shares of value added, the size of 白酒, electronics, food,
equipment and pharmaceuticals); they are not published division statistics.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from xinzhi.demo.calibration import data_table

#: ratio columns of ``divisions.csv`` carried to every class of the division
RATIOS = ("va_ratio", "revenue_per_worker", "revenue_per_mu", "tax_rate", "revenue_per_tce",
          "kwh10k_per_revenue", "assets_per_revenue", "rd_pct", "export_share")


def demo_industries(
    all_industries: pd.DataFrame,
    rng: np.random.Generator,
    *,
    include: Collection[str] = (),
) -> pd.DataFrame:
    """The demo's 4-digit classes with their parameters.

    Returns ``code``, ``name``, ``division``, ``group`` (the division's competitive industry, or
    empty), ``share`` (of the province's output, summing to 1), ``trend`` (yearly growth of the
    class's share-weighted output), ``growth_2023`` and ``growth_2024`` (a year's growth where it
    departs from the trend, such as the fall of lithium-salt and polysilicon prices, else NaN),
    ``requirement`` (latent capability a county needs to host
    it), ``localised`` (present only in the places ``data/specialisations.csv`` names for it, such
    as mines, hydropower or the refinery) and the ratio columns :data:`RATIOS`. ``include`` lists classes that must be present (e.g.
    those the demo chains map to); they are always kept unless their division is absent.
    """
    div = data_table("divisions.csv").set_index("division")
    cls_par = data_table("classes.csv").set_index("class")
    cls = all_industries[all_industries["level"] == 4][["code", "name"]].copy()
    cls["division"] = cls["code"].str[:2]
    cls = cls[cls["division"].isin(div.index)].sort_values("code").reset_index(drop=True)
    explicit = pd.to_numeric(cls["code"].map(cls_par["share_of_division"]), errors="coerce")
    weight = rng.lognormal(0.0, 0.8, len(cls))
    share_in_div = np.zeros(len(cls))
    for idx in cls.groupby("division").groups.values():
        idx = np.asarray(idx)
        named = explicit.iloc[idx].notna().to_numpy()
        rest = max(1.0 - float(explicit.iloc[idx][named].sum()), 0.0)
        share_in_div[idx[named]] = explicit.iloc[idx][named].to_numpy()
        others = idx[~named]
        if len(others):
            share_in_div[others] = rest * weight[others] / weight[others].sum()
    cls["share"] = share_in_div * cls["division"].map(div["output_share_pct"].astype(float)).to_numpy()
    keep = (cls["share"] > 0) | (cls["code"].isin(set(include)) & (explicit.fillna(1.0) > 0))
    cls = cls[keep].reset_index(drop=True)
    cls.loc[cls["share"] <= 0, "share"] = 1e-4
    cls["share"] = cls["share"] * rng.lognormal(0.0, 0.05, len(cls))  # small noise: synthetic figures
    cls["share"] = cls["share"] / cls["share"].sum()
    cls["group"] = cls["division"].map(div["competitive_industry"])
    trend = pd.to_numeric(cls["code"].map(cls_par["trend"]), errors="coerce")
    cls["trend"] = trend.fillna(cls["division"].map(div["trend"].astype(float))).astype(float)
    cls["requirement"] = cls["division"].map(div["requirement"].astype(float)) + rng.normal(0, 0.35, len(cls))
    cls = pd.concat([cls, class_parameters(cls["code"])], axis=1)
    for y in (2023, 2024):
        cls[f"growth_{y}"] = pd.to_numeric(cls["code"].map(cls_par[f"growth_{y}"]), errors="coerce")
    cls["localised"] = cls["code"].map(cls_par["localised"]).fillna("").eq("1")
    return cls[["code", "name", "division", "group", "share", "trend", "growth_2023", "growth_2024", "requirement",
                "localised", *RATIOS]]


def class_parameters(codes: pd.Series) -> pd.DataFrame:
    """The ratio columns :data:`RATIOS` of each class in ``codes``: its division's values from
    ``data/divisions.csv``, with the class overrides of ``data/classes.csv`` (electricity)."""
    div = data_table("divisions.csv").set_index("division")
    cls_par = data_table("classes.csv").set_index("class")
    codes = pd.Series(codes).astype(str).reset_index(drop=True)
    out = pd.DataFrame({col: codes.str[:2].map(div[col].astype(float)) for col in RATIOS})
    kwh = pd.to_numeric(codes.map(cls_par["kwh10k_per_revenue"]), errors="coerce")
    out["kwh10k_per_revenue"] = kwh.fillna(out["kwh10k_per_revenue"])
    return out
