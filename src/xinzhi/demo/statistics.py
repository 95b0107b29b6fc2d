"""Synthetic region × industry × year statistics at county level.

A latent-capability model: county c has capability k_c and economic mass m_c; industry i has a
requirement r_i. Presence follows P(c has i) = logistic(2.2 (k_c - r_i) + 0.2), and output
is lognormal around m_c · exp(k_c - r_i) with a county-industry effect, growing at the
industry trend plus noise. This gives nested, heavy-tailed specialisation patterns similar in
shape to real statistics (a few large county-industry cells, many small ones).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

YEARS = tuple(range(2019, 2025))
TOTAL_OUTPUT_LAST_YEAR = 5.8e8  # 万元


def county_attributes(counties: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Capability and economic mass of each county (urban districts of big cities rank higher)."""
    out = counties[["code", "name", "parent_code"]].copy()
    big = {"510100": 1.2, "510700": 0.6, "510600": 0.6, "511500": 0.5, "510500": 0.4,
           "511100": 0.3, "510300": 0.3, "510400": 0.3, "510900": 0.2}
    remote = {"513200", "513300", "513400"}
    city_effect = out["parent_code"].map(big).fillna(0.0) - out["parent_code"].isin(remote) * 0.9
    urban = out["name"].str.endswith("区").astype(float) * 0.4
    out["capability"] = city_effect + urban + rng.normal(0, 0.45, len(out))
    out["mass"] = np.exp(10.6 + 0.9 * out["capability"] + rng.normal(0, 0.5, len(out)))  # 万元 scale
    return out


def region_industry_year(
    counties: pd.DataFrame, inds: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Long table of county × class × year statistics (money in 万元)."""
    k = counties["capability"].to_numpy()[:, None]
    r = inds["requirement"].to_numpy()[None, :]
    p = 1.0 / (1.0 + np.exp(-(2.2 * (k - r) + 0.2)))
    present = rng.random(p.shape) < p
    base = (counties["mass"].to_numpy()[:, None] * np.exp(0.8 * (k - r))
            * inds["scale"].to_numpy()[None, :] * rng.lognormal(0.0, 1.0, p.shape))
    ci, ii = np.nonzero(present)
    level0 = base[ci, ii]
    trend = inds["trend"].to_numpy()[ii]
    cell_growth = trend + rng.normal(0, 0.04, len(ci))
    frames = []
    start_year = YEARS[0]
    level = level0.copy()
    productivity = rng.lognormal(np.log(120.0), 0.35, len(ci))  # 万元 output per worker
    va_ratio = np.clip(rng.normal(0.27, 0.06, len(ci)), 0.08, 0.6)
    export_share = np.where(rng.random(len(ci)) < 0.3, rng.beta(1.5, 6, len(ci)), 0.0)
    firm_size = rng.lognormal(np.log(9000.0), 0.6, len(ci))
    for y in YEARS:
        if y > start_year:
            shock = rng.normal(0, 0.08, len(ci)) - (0.06 if y == 2020 else 0.0)
            level = level * np.exp(cell_growth + shock)
        output = level
        frames.append(pd.DataFrame({
            "region_code": counties["code"].to_numpy()[ci],
            "industry_code": inds["code"].to_numpy()[ii],
            "year": y,
            "output": np.round(output, 1),
            "value_added": np.round(output * va_ratio, 1),
            "revenue": np.round(output * rng.normal(0.98, 0.02, len(ci)), 1),
            "employment": np.maximum(np.round(output / productivity), 1.0),
            "enterprises": np.maximum(np.round(output / firm_size), 1.0),
            "investment": np.round(output * rng.lognormal(np.log(0.12), 0.5, len(ci)), 1),
            "exports": np.round(output * export_share, 1),
        }))
    out = pd.concat(frames, ignore_index=True)
    # Scale so that the last year's gross industrial output is about 5.8 trillion yuan
    # (5.8e8 万元), the order of Sichuan's published totals.
    last = out["year"] == YEARS[-1]
    f = TOTAL_OUTPUT_LAST_YEAR / out.loc[last, "output"].sum()
    for c in ("output", "value_added", "revenue", "investment", "exports"):
        out[c] = (out[c] * f).round(1)
    out["employment"] = np.maximum(np.round(out["employment"] * f), 1.0)
    out["enterprises"] = np.maximum(np.round(out["enterprises"] * f), 1.0)
    return out
