"""Synthetic enterprises and their yearly facts, consistent with the demo's statistics.

* **Above-scale firms (规上).** The default demo (50,000 firms) has the province's published
  2024 count of above-scale industrial firms (19,140); a smaller demo keeps the same share. Each
  city gets its share of the published city counts and spreads it over its county × class cells
  (:func:`xinzhi.demo.statistics.above_scale_counts`). The firms of a cell share the cell's
  revenue of ``region_industry_year`` exactly: each gets 2,400万元 plus a Pareto(α = 0.9) share of
  the rest, so the largest firms sit in the largest cells (白酒 in 翠屏, computers in 成都).
* **Smaller firms.** The rest have revenue lognormal around 500万元, below 2,000万元 of main
  revenue, in cells drawn in proportion to revenue to the power 0.35.
* **Ratios follow the industry** (``data/divisions.csv``): employees from revenue per worker,
  land from revenue per 亩, tax, value added (the ratio of the firm's cell in the statistics),
  energy (revenue per tonne of standard coal),
  electricity, R&D and total assets (scaled per city to the yearbook's assets-to-revenue ratio),
  each times a lognormal firm effect. The 2020 averages of Sichuan's park evaluation (亩均营收
  427.4万, 亩均税收 14.3万, 人均营收 144.4万, 单位能耗营收 4.9万, R&D 1.5 %) anchor the levels.
* **Size class** by 统计上大中小微型企业划分办法（2017） (``data/size_classes.csv``: every bound of a
  class must hold); 规上 is main revenue of at least 2,000万元; above-scale firms have at least
  20 employees, so none is micro.
* Earlier years follow the cell's revenue path with a firm effect; some values are missing on
  purpose (small firms without energy, emission or R&D staff reports; 6 % lease premises).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xinzhi.credit_code import make_credit_code
from xinzhi.demo.calibration import (
    city_above_scale_counts,
    city_assets_ratio,
    data_table,
    province_figure,
)
from xinzhi.demo.chain_tags import product_tags
from xinzhi.demo.industries import class_parameters
from xinzhi.demo.names import enterprise_names
from xinzhi.demo.statistics import MIN_ABOVE_REVENUE, above_scale_counts

YEARS = (2022, 2023, 2024)
#: the default demo size and the published count of above-scale firms it carries
DEFAULT_N = 50_000
HI_TECH = ("39", "38", "40", "27", "36", "35", "37")
#: Pareto tail index of firm sizes within a cell (smaller: more concentrated)
ALPHA = 0.9


def size_class(employees: np.ndarray, revenue: np.ndarray, assets: np.ndarray | None = None) -> np.ndarray:
    """Industrial size class by 统计上大中小微型企业划分办法（2017）: the first class whose every
    lower bound holds (``data/size_classes.csv``), else micro.

    Examples
    --------
    >>> size_class(np.array([1200, 1200, 15, 400]), np.array([50_000.0, 30_000.0, 5_000.0, 2_500.0])).tolist()
    ['large', 'medium', 'micro', 'medium']
    """
    t = data_table("size_classes.csv")
    t = t[t["sector"] == "工业"]
    out = np.full(len(revenue), "micro", dtype=object)
    for cls in ("small", "medium", "large"):
        row = t[t["size_class"] == cls].iloc[0]
        ok = (employees >= float(row["min_employees"])) & (revenue >= float(row["min_revenue"]))
        if row["min_assets"] and assets is not None:
            ok &= assets >= float(row["min_assets"])
        out[ok] = cls
    return out


def _split(total: np.ndarray, k: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Revenue of ``k[c]`` firms in each cell c summing to ``total[c]``: MIN_ABOVE_REVENUE each
    plus a Pareto(ALPHA)-weighted share of the rest (firms in cell order)."""
    cell = np.repeat(np.arange(len(k)), k)
    w = rng.random(len(cell)) ** (-1.0 / ALPHA)
    wsum = np.bincount(cell, weights=w, minlength=len(k))
    rest = np.maximum(total - MIN_ABOVE_REVENUE * k, 0.0)
    return MIN_ABOVE_REVENUE + rest[cell] * w / wsum[cell]


def demo_enterprises(
    riy: pd.DataFrame,
    counties: pd.DataFrame,
    parks: pd.DataFrame,
    regions: pd.DataFrame,
    rng: np.random.Generator,
    *,
    n: int = DEFAULT_N,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (enterprise, enterprise_year) frames; see the module docstring. ``regions`` is the
    region table (``code``, ``name``, ``parent_code``) the firm names take their places from."""
    last_year = int(riy["year"].max())
    city_of = counties.set_index("code")["parent_code"]
    cells = riy[riy["year"] == last_year][["region_code", "industry_code", "revenue", "value_added"]].reset_index(drop=True)
    cells["city_code"] = cells["region_code"].map(city_of).to_numpy()
    share_above = province_figure("above_size_industrial_firms_count", 2024) / DEFAULT_N
    n_above = min(round(n * share_above), n)
    k = above_scale_counts(cells, n_above, city_above_scale_counts())
    above_cell = np.repeat(np.arange(len(cells)), k)
    rev_above = _split(cells["revenue"].to_numpy(), k, rng)
    n_small = n - len(above_cell)
    p = cells["revenue"].to_numpy() ** 0.35
    small_cell = rng.choice(len(cells), size=n_small, p=p / p.sum())
    rev_small = np.clip(rng.lognormal(np.log(500.0), 0.9, n_small), 10.0, 1_950.0)
    cell = np.concatenate([above_cell, small_cell])
    revenue = np.concatenate([rev_above, rev_small])
    above = np.arange(n) < len(above_cell)
    order = rng.permutation(n)  # mix above-scale and small firms in the listing
    cell, revenue, above = cell[order], revenue[order], above[order]

    region = cells["region_code"].to_numpy()[cell]
    industry = cells["industry_code"].to_numpy()[cell]
    city = cells["city_code"].to_numpy()[cell]
    par = class_parameters(pd.Series(industry))
    division = pd.Series(industry).str[:2].to_numpy()
    hi_tech = np.isin(division, HI_TECH)

    names = enterprise_names(region, industry, revenue, regions[["code", "name", "parent_code"]], rng)
    codes = [make_credit_code(region[j], 100_000 + j) for j in range(n)]

    # parks: firms of a county with parks sit in one of them (planned area as weight)
    park_code = np.full(n, None, dtype=object)
    in_park = rng.random(n) < np.where(above, 0.8, 0.5)
    for county, g in parks.groupby("region_code"):
        idx = np.flatnonzero((region == county) & in_park)
        if len(idx):
            w = g["planned_area_mu"].to_numpy(dtype=float)
            park_code[idx] = g["code"].to_numpy()[rng.choice(len(g), size=len(idx), p=w / w.sum())]

    # firm effects
    productivity = par["revenue_per_worker"].to_numpy() * rng.lognormal(0.0, 0.35, n) * np.where(above, 1.0, 0.55)
    land_intensity = par["revenue_per_mu"].to_numpy() * rng.lognormal(0.0, 0.5, n)
    tax_rate = par["tax_rate"].to_numpy() * rng.lognormal(0.0, 0.4, n)
    cell_va = (cells["value_added"] / cells["revenue"]).to_numpy()[cell]  # the cell's ratio in the statistics
    va_ratio = np.clip(cell_va * rng.normal(1.0, 0.15, n), 0.03, 0.9)
    per_tce = par["revenue_per_tce"].to_numpy() * rng.lognormal(0.0, 0.5, n)
    kwh = par["kwh10k_per_revenue"].to_numpy() * rng.lognormal(0.0, 0.5, n)
    rd_intensity = np.where(rng.random(n) < np.where(above, 0.75, 0.45),
                            par["rd_pct"].to_numpy() / 100.0 * rng.lognormal(0.0, 0.6, n), 0.0)
    emis_prod = rng.lognormal(np.log(4900.0), 0.9, n)
    model_ratio = (cells.assign(r=cells["revenue"] * class_parameters(cells["industry_code"])["assets_per_revenue"].to_numpy())
                   .groupby("city_code")[["r", "revenue"]].sum())
    city_factor = (city_assets_ratio() / (model_ratio["r"] / model_ratio["revenue"])).reindex(city).fillna(1.0).to_numpy()
    assets_ratio = par["assets_per_revenue"].to_numpy() * city_factor * rng.lognormal(0.0, 0.3, n)
    margin = np.where(division == "15", 0.2, 0.05) + rng.normal(0, 0.05, n)
    debt = rng.beta(5, 5, n)
    exporter = rng.random(n) < np.minimum(par["export_share"].to_numpy() * 3, 0.9)
    established = np.maximum(np.minimum(2024, 2024 - np.floor(rng.exponential(np.where(above, 14.0, 9.0)))), 1980).astype(int)
    # above-scale firms were founded before the years the workspace covers, so their revenue is in
    # every year, as it is in the statistics of their cell
    established = np.where(above, np.minimum(established, YEARS[0] - 1), established)
    main_share = rng.uniform(0.88, 1.0, n)

    # the path of each firm's revenue follows its cell (riy revenue relative to the last year)
    path = riy.pivot_table(index=["region_code", "industry_code"], columns="year", values="revenue", aggfunc="sum")
    path = path.div(path[last_year], axis=0).reindex(pd.MultiIndex.from_arrays([region, industry])).fillna(1.0)
    leased = rng.random(n) < np.where(above, 0.04, 0.08)
    zero_land = (~leased) & (rng.random(n) < 0.01)
    years = []
    for y in YEARS:
        rev = revenue * path[y].to_numpy() * (np.exp(rng.normal(0, 0.07, n)) if y < last_year else 1.0)
        employees = np.maximum(np.round(rev / productivity), 3.0)
        employees = np.where(above, np.maximum(employees, 20.0), employees)
        land = np.where(leased, np.nan, np.round(rev / land_intensity, 2))
        land = np.where(zero_land, 0.0, land)
        tax = rev * tax_rate * np.exp(rng.normal(0, 0.1, n))
        va = rev * va_ratio
        frame = pd.DataFrame({
            "credit_code": codes,
            "year": y,
            "land_mu": land,
            "land_leased": leased,
            "tax": np.round(tax, 2),
            "value_added": np.round(va, 2),
            "output": np.round(rev * rng.normal(1.012, 0.02, n), 2),
            "revenue": np.round(rev, 2),
            "main_revenue": np.round(rev * main_share, 2),
            "energy_tce": np.round(rev / per_tce, 3),
            "electricity": np.round(rev * kwh, 3),
            "emissions": np.round(va / emis_prod, 4),
            "rd_spending": np.round(rev * rd_intensity, 2),
            "rd_staff": np.round(employees * np.minimum(rd_intensity * 4, 0.6)),
            "employees": employees,
            "invention_patents": rng.poisson(np.minimum(rd_intensity * rev / 400.0, 200.0)).astype(float),
            "total_assets": np.round(rev * assets_ratio, 2),
            "debt_ratio": np.round(debt + rng.normal(0, 0.03, n), 4).clip(0.02, 1.5),
            "net_profit": np.round(rev * margin, 2),
            "equity_financing": np.where(rng.random(n) < 0.03, np.round(rng.lognormal(np.log(3000), 1.0, n), 1), 0.0),
            "exports": np.where(exporter, np.round(rev * rng.beta(2, 5, n), 2), 0.0),
            "safety_incident": rng.random(n) < 0.003,
        })
        frame["ip_count"] = frame["invention_patents"] + rng.poisson(3 + rd_intensity * 200, n)
        small = ~above
        for column, share in (("emissions", 0.35), ("energy_tce", 0.05), ("rd_staff", 0.1), ("tax", 0.01), ("value_added", 0.02)):
            mask = (rng.random(n) < share) & (small if column != "tax" else True)
            frame.loc[mask, column] = np.nan
        years.append(frame[established <= y])
    ey = pd.concat(years, ignore_index=True)

    last = ey[ey["year"] == last_year].set_index("credit_code").reindex(codes)
    size = size_class(last["employees"].to_numpy(), last["revenue"].to_numpy(), last["total_assets"].to_numpy())
    above_flag = last["main_revenue"].to_numpy() >= 2000.0

    tags = product_tags(industry, city, rng)
    score = rd_intensity * 30 + hi_tech * 0.5 + above * 0.3 + rng.normal(0, 0.3, n)
    ranked = np.argsort(-score)
    for j in ranked[: int(0.08 * n)]:
        tags[j].append("高新技术企业")
    for j in ranked[: int(0.12 * n)]:
        if size[j] != "large" and rng.random() < 0.8:
            tags[j].append("科技型中小企业")
    sme = np.flatnonzero((size != "large") & (rd_intensity > 0.02) & (revenue > 1000))
    for j in sme[: int(0.03 * n)]:
        tags[j].append("专精特新")
        if rng.random() < 0.13:
            tags[j].append("专精特新小巨人")
    for j in np.flatnonzero(size == "large"):
        if rng.random() < 0.08 + 0.4 * (revenue[j] > 1_000_000):
            tags[j].append("上市企业")
        if rng.random() < 0.05 + 0.5 * (revenue[j] > 1_000_000):
            tags[j].append("链主企业")
    tag_text = [";".join(t) if t else None for t in tags]

    ent = pd.DataFrame({
        "credit_code": codes,
        "name": names,
        "region_code": region,
        "park_code": park_code,
        "industry_code": industry,
        "size_class": size,
        "above_scale": above_flag,
        "established_year": established,
        "tags": tag_text,
    })
    return ent, ey
