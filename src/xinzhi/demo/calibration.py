"""Published figures the demo is calibrated to, and the demo's own parameters, read from
``xinzhi/demo/data`` (each file and each figure's origin is listed in ``data/SOURCES.md``).

Published (with a source address per row): city GDP 2019–2024, city above-scale industrial
revenue, firm counts and assets, the province's totals and a few industry-group sizes.
Estimated (marked ``kind = estimated`` with the rule used): the cells no public source was found
for. Demo parameters (marked as assumptions): division shares of output and the ratios of each
division, class weights, county weights and the boosts that place each city's specialisations.
Nothing here is read from outside the package.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

__all__ = [
    "PROVINCE",
    "YEARS",
    "city_above_scale_counts",
    "city_assets_ratio",
    "city_gdp",
    "city_industrial_va",
    "city_output",
    "data_table",
    "province_figure",
]

PROVINCE = "510000"
YEARS = tuple(range(2019, 2025))
#: assumption: above-scale firms make 90 % of industrial value added (no published share found)
ABOVE_SCALE_VA_SHARE = 0.9
#: 亿元 → 万元
YI = 10_000.0


@cache
def _read(name: str) -> pd.DataFrame:
    with resources.files("xinzhi.demo").joinpath("data", name).open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


def data_table(name: str) -> pd.DataFrame:
    """A copy of the bundled calibration table ``name`` (e.g. ``"divisions.csv"``), all text."""
    return _read(name).copy()


def province_figure(indicator: str, year: int) -> float:
    """A province-level figure of ``province.csv`` (units as in the file)."""
    t = _read("province.csv")
    row = t[(t["indicator"] == indicator) & (t["year"] == str(year))]
    if row.empty:
        raise KeyError(f"no province figure {indicator} for {year}")
    return float(row["value"].iloc[0])


def city_gdp(rng: np.random.Generator | None = None, *, noise: float = 0.0025) -> pd.DataFrame:
    """GDP of the 21 cities, 2019–2024 (亿元): the published (or estimated) figure times
    ``1 + N(0, noise)`` when ``rng`` is given. Columns ``city_code``, ``year``, ``gdp``,
    ``published`` (the figure of the table), ``real_growth`` (fraction, NaN when not published)."""
    t = _read("city_gdp.csv")
    t = t[t["city_code"] != PROVINCE]
    out = pd.DataFrame({
        "city_code": t["city_code"].to_numpy(),
        "year": t["year"].astype(int).to_numpy(),
        "published": t["gdp_100m_yuan"].astype(float).to_numpy(),
        "real_growth": pd.to_numeric(t["real_growth_pct"], errors="coerce").to_numpy() / 100.0,
    }).sort_values(["city_code", "year"]).reset_index(drop=True)
    factor = 1.0 + (rng.normal(0.0, noise, len(out)) if rng is not None else 0.0)
    out["gdp"] = out["published"] * factor
    return out


def _city_indicator(indicator: str) -> pd.Series:
    """Latest value of ``indicator`` per city in ``city_industry.csv``."""
    t = _read("city_industry.csv")
    t = t[(t["indicator"] == indicator) & (t["city_code"] != PROVINCE)].copy()
    t["year"] = t["year"].astype(int)
    t = t.sort_values("year").groupby("city_code").tail(1)
    return t.set_index("city_code")["value"].astype(float)


def city_output(gdp: pd.DataFrame) -> pd.DataFrame:
    """Above-scale industrial revenue per city and year (万元) that the demo's statistics sum to.

    2023 is the yearbook figure (estimated for the three prefectures); 2022 divides it by the
    yearbook's 2023 growth (the province's growth where a city has none); 2024 moves it with the
    city's GDP and scales the cities to the published provincial total of 2024; 2019–2021 move
    2022 with the city's GDP. Columns ``city_code``, ``year``, ``output``.
    """
    rev = _city_indicator("above_size_industrial_operating_revenue") * YI
    growth = _city_indicator("above_size_industrial_operating_revenue_growth_pct") / 100.0
    prov_growth = float(np.average(growth.reindex(rev.index).dropna(), weights=rev.reindex(growth.index).dropna()))
    g = gdp.pivot(index="city_code", columns="year", values="gdp")
    base = pd.DataFrame(index=rev.index)
    base[2023] = rev
    base[2022] = rev / (1.0 + growth.reindex(rev.index).fillna(prov_growth))
    for y in (2019, 2020, 2021):
        base[y] = base[2022] * g.loc[rev.index, y] / g.loc[rev.index, 2022]
    y24 = base[2023] * g.loc[rev.index, 2024] / g.loc[rev.index, 2023]
    base[2024] = y24 * province_figure("above_size_industrial_operating_revenue", 2024) * YI / y24.sum()
    base.index.name = "city_code"
    out = base[list(YEARS)].reset_index().melt(id_vars="city_code", var_name="year", value_name="output")
    out["year"] = out["year"].astype(int)
    return out


def city_above_scale_counts() -> pd.Series:
    """Latest published (or estimated) number of above-scale industrial firms per city."""
    return _city_indicator("above_size_industrial_firms_count")


def city_assets_ratio() -> pd.Series:
    """Total assets over revenue of each city's above-scale industry (yearbook 2023); the
    ratio of the 18 yearbook cities' sums for the three prefectures."""
    assets = _city_indicator("above_size_industrial_total_assets")
    rev = _city_indicator("above_size_industrial_operating_revenue")
    ratio = (assets / rev.reindex(assets.index)).dropna()
    overall = float(assets.sum() / rev.reindex(assets.index).sum())
    return ratio.reindex(rev.index).fillna(overall)


def city_industrial_va(gdp: pd.DataFrame) -> pd.DataFrame:
    """Industrial value added per city and year (万元) the demo's statistics are scaled to.

    The province's published industrial value added (全口径; 2021, 2023, 2024; 2022 interpolated,
    2019–2020 at the 2021 ratio) is shared among the cities in proportion to their secondary
    industry (GDP times the yearbook's secondary share of the nearest year; the median share of
    the 18 yearbook cities for the three prefectures, which the yearbook omits). Columns
    ``city_code``, ``year``, ``industrial_va`` and ``above_scale_va`` (:data:`ABOVE_SCALE_VA_SHARE`
    of it).
    """
    t = _read("city_industry.csv")
    t = t[(t["indicator"] == "secondary_industry_share_of_gdp_pct") & (t["city_code"] != PROVINCE)]
    share = t.assign(year=t["year"].astype(int), value=t["value"].astype(float) / 100.0).pivot(
        index="city_code", columns="year", values="value")
    g = gdp.pivot(index="city_code", columns="year", values="gdp")
    share = share.reindex(index=g.index, columns=list(YEARS)).bfill(axis=1).ffill(axis=1)
    share = share.fillna(float(share.stack().median()))
    secondary = g[list(YEARS)] * share
    published = {y: province_figure("industrial_va", y) for y in (2021, 2023, 2024)}
    ratio = {y: published[y] / float(secondary[y].sum()) for y in published}
    ratio[2022] = (ratio[2021] + ratio[2023]) / 2
    ratio[2019] = ratio[2020] = ratio[2021]
    va = secondary * pd.Series(ratio)[list(YEARS)] * YI
    va.index.name = "city_code"
    out = va.reset_index().melt(id_vars="city_code", var_name="year", value_name="industrial_va")
    out["year"] = out["year"].astype(int)
    out["above_scale_va"] = out["industrial_va"] * ABOVE_SCALE_VA_SHARE
    return out
