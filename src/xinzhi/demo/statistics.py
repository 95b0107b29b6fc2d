r"""Synthetic region × industry × year statistics at county level, calibrated to published totals.

The model has two parts.

* **Margins.** Each city's above-scale industrial revenue (营业收入) per year is the published figure
  (:func:`xinzhi.demo.calibration.city_output`); a county gets its city's total times its
  industrial weight (``data/counties.csv`` for the industrial districts named there, otherwise
  0.6 for a district, 0.5 for a county-level city, 0.35 for a county, 0.2 for an autonomous
  county, each times a lognormal draw). Each class gets the province's total times its share
  (:func:`xinzhi.demo.industries.demo_industries`), moved back in time by its trend (or by the
  year's growth where ``data/classes.csv`` gives one).
* **Interaction.** A seed matrix says where each class is: county :math:`c` has capability
  :math:`k_c` (0.45 times the log of its output relative to the median county, plus noise) and
  class :math:`i` (share :math:`s_i`, median :math:`\tilde s`) a requirement :math:`r_i`; the class
  is present with probability
  :math:`\operatorname{logistic}(2.2(k_c - r_i) + 0.6\log(s_i/\tilde s) - 2.4)` and its seed is
  :math:`e^{0.8(k_c-r_i)}` times a lognormal draw, scaled so that each place's published
  specialisations take about the share of its output that ``data/specialisations.csv`` states.

Iterative proportional fitting (raking; Deming and Stephan 1940) scales the seed to both margins,
so every city and class total is the calibrated one while the seed decides where within them the
output lies (龙泉驿's row for division 36 puts most of Sichuan's car output there).
Cells the latest year's allocation of above-scale firms (:func:`above_scale_counts`) leaves
empty are dropped before raking, so each cell has at least one firm. Value added is revenue
times the division's ratio, scaled per city (within 0.6–1.6) towards the city's share of the
province's published industrial value added (:func:`xinzhi.demo.calibration.city_industrial_va`).
Each year rakes the same
seed, perturbed by a cell random walk, to that year's margins. Everything is in 万元; figures
are synthetic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xinzhi.demo.calibration import (
    YEARS,
    city_above_scale_counts,
    city_gdp,
    city_industrial_va,
    city_output,
    data_table,
    province_figure,
)

__all__ = ["above_scale_counts", "county_attributes", "ipf", "province_firm_counts", "region_industry_year"]

#: smallest revenue (万元) of an above-scale firm of the demo: main revenue ≥ 2,000万元 with main
#: revenue at least 88 % of revenue
MIN_ABOVE_REVENUE = 2_400.0


def county_attributes(counties: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Industrial weight (share of the city's output) and capability of each county.

    Returns ``code``, ``name``, ``parent_code``, ``weight`` (summing to 1 within each city) and
    ``capability``.
    """
    out = counties[["code", "name", "parent_code"]].copy().reset_index(drop=True)
    explicit = data_table("counties.csv").set_index("county_code")["industrial_weight"].astype(float)
    name = out["name"].astype(str)
    default = np.select(
        [name.str.endswith("自治县"), name.str.endswith("区"), name.str.endswith("市")],
        [0.2, 0.6, 0.5], default=0.35)
    w = default * rng.lognormal(0.0, 0.3, len(out))
    w = np.where(out["code"].isin(explicit.index), out["code"].map(explicit), w).astype(float)
    out["weight"] = w / out.groupby("parent_code")["code"].transform(lambda s: w[s.index].sum()).to_numpy()
    city_2024 = city_output(city_gdp()).query("year == 2024").set_index("city_code")["output"]
    level = out["weight"] * out["parent_code"].map(city_2024).fillna(city_2024.median()).to_numpy()
    out["capability"] = 0.45 * np.log(level / level.median()) + rng.normal(0, 0.3, len(out))
    return out


def ipf(seed: np.ndarray, rows: np.ndarray, cols: np.ndarray, *, tol: float = 1e-7, max_iter: int = 500) -> np.ndarray:
    """Iterative proportional fitting: scale ``seed`` (non-negative) so that its row sums are
    ``rows`` and its column sums ``cols`` (which must have the same total).

    Examples
    --------
    >>> m = ipf(np.ones((2, 2)), np.array([3.0, 1.0]), np.array([2.0, 2.0]))
    >>> np.round(m, 6).tolist()
    [[1.5, 1.5], [0.5, 0.5]]
    """
    m = seed.astype(float).copy()
    for _ in range(max_iter):
        r = m.sum(axis=1)
        m *= np.divide(rows, r, out=np.zeros_like(rows), where=r > 0)[:, None]
        c = m.sum(axis=0)
        m *= np.divide(cols, c, out=np.zeros_like(cols), where=c > 0)[None, :]
        err = np.abs(m.sum(axis=1) - rows).max() / max(rows.max(), 1.0)
        if err < tol:
            break
    return m


def _place_specialisations(seed: np.ndarray, base: np.ndarray, counties: pd.DataFrame, inds: pd.DataFrame) -> np.ndarray:
    """Scale the seed so that each place's specialisations (``data/specialisations.csv``) take
    about their stated share of the place's output: for each row, the cells of the industry in
    the place (a city row covers its counties; an industry code covers every class under it) are
    multiplied by :math:`f = \\frac{s}{1-s} \\cdot \\frac{O}{B}` with :math:`B` their seed sum
    and :math:`O` the rest of the place's seed. City rows go first, then county rows; two passes.
    A county row makes its classes present; a localised class is present only where a row
    names it."""
    spec = data_table("specialisations.csv")
    spec = spec.assign(city_row=spec["region_code"].str.endswith("00")).sort_values("city_row", ascending=False, kind="stable")
    codes = pd.Series(inds["code"].to_numpy())
    county = counties["code"].to_numpy()
    parent = counties["parent_code"].to_numpy()
    plan = []
    covered = np.zeros(seed.shape, dtype=bool)
    for region, industry, s, city_row in zip(spec["region_code"], spec["industry"], spec["share"].astype(float), spec["city_row"], strict=True):
        rows = np.flatnonzero((county == region) | (parent == region))
        cols = np.flatnonzero(codes.str.startswith(industry).to_numpy())
        if len(rows) == 0 or len(cols) == 0 or not 0 < s < 1:
            raise ValueError(f"demo specialisation {region} {industry} {s}: no such county or class, or share outside (0, 1)")
        covered[np.ix_(rows, cols)] = True
        plan.append((rows, cols, s, city_row))
    local = inds["localised"].to_numpy(dtype=bool)
    seed = np.where(local[None, :] & ~covered, 0.0, seed)
    seed = np.where(local[None, :] & covered & (seed == 0), base, seed)
    for rows, cols, _, city_row in plan:
        if not city_row:
            block = seed[np.ix_(rows, cols)]
            seed[np.ix_(rows, cols)] = np.where(block > 0, block, base[np.ix_(rows, cols)])
    for _ in range(2):
        for rows, cols, s, _ in plan:
            sub = seed[rows]
            b = float(sub[:, cols].sum())
            o = float(sub.sum()) - b
            if b > 0 and o > 0:
                seed[np.ix_(rows, cols)] *= s / (1.0 - s) * o / b
    return seed


def province_firm_counts(totals: pd.Series) -> dict[int, int]:
    """Above-scale industrial firms of the province per year: published for 2021, 2023 and 2024;
    2022 their mean; 2019 and 2020 the 2021 count moved with output (square root)."""
    pub = {y: int(province_figure("above_size_industrial_firms_count", y)) for y in (2021, 2023, 2024)}
    out = dict(pub)
    out[2022] = round((pub[2021] + pub[2023]) / 2)
    for y in (2019, 2020):
        out[y] = round(pub[2021] * float(np.sqrt(totals[y] / totals[2021])))
    return {y: out[y] for y in sorted(out)}


def above_scale_counts(cells: pd.DataFrame, n_total: int, city_counts: pd.Series) -> np.ndarray:
    """Number of above-scale firms in each cell (``city_code``, ``revenue`` in 万元).

    Each city gets ``n_total`` times its share of the published firm counts. Within the city,
    every cell that can hold a firm (revenue of at least ``MIN_ABOVE_REVENUE``) gets one, the
    largest cells first while the city's quota lasts; the rest of the quota goes in proportion
    to revenue to the power 0.5, at most ``revenue / MIN_ABOVE_REVENUE`` firms per cell.
    """
    share = city_counts / city_counts.sum()
    quota = _largest_remainder(share.to_numpy() * n_total)
    quota_of = dict(zip(share.index, quota, strict=True))
    out = np.zeros(len(cells), dtype=int)
    rev = cells["revenue"].to_numpy(dtype=float)
    cap = np.floor(rev / MIN_ABOVE_REVENUE).astype(int)
    for city, idx in cells.groupby("city_code").groups.items():
        idx = np.asarray(idx)
        q = min(int(quota_of.get(city, 0)), int(cap[idx].sum()))
        n = np.zeros(len(idx), dtype=int)
        first = np.argsort(-rev[idx], kind="stable")
        n[first[cap[idx][first] > 0][:q]] = 1
        w = np.where(n < cap[idx], rev[idx] ** 0.5, 0.0)
        left = q - int(n.sum())
        while left > 0 and w.sum() > 0:
            want = w / w.sum() * left
            add = np.minimum(np.floor(want).astype(int), cap[idx] - n)
            if add.sum() == 0:
                order = np.argsort(-(want - np.floor(want)))
                order = order[(cap[idx] - n)[order] > 0][:left]
                add = np.zeros(len(idx), dtype=int)
                add[order] = 1
            n += add
            left = q - int(n.sum())
            w = np.where(n < cap[idx], w, 0.0)
        out[idx] = n
    return out


def _largest_remainder(x: np.ndarray) -> np.ndarray:
    base = np.floor(x).astype(int)
    left = round(float(x.sum())) - int(base.sum())
    if left > 0:
        base[np.argsort(-(x - base))[:left]] += 1
    return base


def region_industry_year(
    counties: pd.DataFrame, inds: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Long table of county × class × year statistics (money in 万元), calibrated as described
    in the module docstring."""
    years = list(YEARS)
    city = city_output(city_gdp()).pivot(index="city_code", columns="year", values="output")
    county_out = np.stack([
        counties["weight"].to_numpy() * counties["parent_code"].map(city[y]).to_numpy() for y in years
    ], axis=1)  # county × year
    totals = pd.Series(county_out.sum(axis=0), index=years)
    share = inds["share"].to_numpy()
    trend = inds["trend"].to_numpy()
    path = {years[-1]: share}
    for y in range(years[-1] - 1, years[0] - 1, -1):  # back in time: the year's growth, else the trend
        g = inds[f"growth_{y + 1}"].to_numpy(dtype=float) if f"growth_{y + 1}" in inds else np.full(len(share), np.nan)
        path[y] = path[y + 1] / np.where(np.isnan(g), np.exp(trend), 1.0 + np.nan_to_num(g))
    class_out = np.stack([path[y] for y in years], axis=1)
    class_out = class_out / class_out.sum(axis=0) * totals.to_numpy()  # class × year

    k = counties["capability"].to_numpy()[:, None]
    r = inds["requirement"].to_numpy()[None, :]
    logit = 2.2 * (k - r) + 0.6 * np.log(share / np.median(share))[None, :] - 2.4
    present = rng.random(logit.shape) < 1.0 / (1.0 + np.exp(-logit))
    base = np.exp(0.8 * (k - r)) * rng.lognormal(0.0, 0.9, logit.shape)
    seed = _place_specialisations(np.where(present, base, 0.0), base, counties, inds)
    for j in np.flatnonzero(seed.sum(axis=0) == 0):  # every class somewhere
        seed[np.argmax(base[:, j]), j] = base[:, j].max()
    for i in np.flatnonzero((seed > 0).sum(axis=1) < 3):  # every county has a few classes
        top = np.argsort(-np.where(inds["localised"].to_numpy(dtype=bool), 0.0, base[i]))[:3]
        seed[i, top] = np.maximum(seed[i, top], base[i, top])
    firm_totals = province_firm_counts(totals)
    # a cell of above-scale statistics has at least one above-scale firm: drop the cells the
    # latest year's firm allocation leaves empty and rake again
    last = ipf(seed, county_out[:, -1], class_out[:, -1])
    ci, ii = np.nonzero(seed > 0)
    cells = pd.DataFrame({"city_code": counties["parent_code"].to_numpy()[ci], "revenue": last[ci, ii]})
    empty = above_scale_counts(cells, firm_totals[years[-1]], city_above_scale_counts()) == 0
    keep_class = np.bincount(ii[~empty], minlength=seed.shape[1]) > 0
    keep_county = np.bincount(ci[~empty], minlength=seed.shape[0]) > 0
    drop = empty & keep_class[ii] & keep_county[ci]
    seed[ci[drop], ii[drop]] = 0.0
    present = seed > 0

    ci, ii = np.nonzero(present)
    n = len(ci)
    va_ratio = inds["va_ratio"].to_numpy()[ii] * rng.lognormal(0.0, 0.08, n)
    productivity = inds["revenue_per_worker"].to_numpy()[ii] * rng.lognormal(0.0, 0.2, n)
    export_share = np.clip(inds["export_share"].to_numpy()[ii] * rng.lognormal(0.0, 0.5, n), 0.0, 0.9)
    invest_ratio = rng.lognormal(np.log(0.12), 0.5, n)
    walk = np.zeros(seed.shape)
    levels = {}
    for t in range(len(years) - 1, -1, -1):  # the latest year first, earlier years drift from it
        if t < len(years) - 1:
            walk = walk + rng.normal(0.0, 0.05, seed.shape)
        levels[years[t]] = ipf(seed * np.exp(walk), county_out[:, t], class_out[:, t])
    va_target = city_industrial_va(city_gdp()).set_index(["city_code", "year"])["above_scale_va"]
    cell_city = counties["parent_code"].to_numpy()[ci]
    frames = []
    for y in years:
        revenue = levels[y][ci, ii]
        output = revenue * rng.normal(1.012, 0.008, n)
        cells = pd.DataFrame({"city_code": counties["parent_code"].to_numpy()[ci], "revenue": revenue})
        firms = above_scale_counts(cells, firm_totals[y], city_above_scale_counts())
        value_added = output * va_ratio
        model = pd.Series(value_added).groupby(cell_city).sum()
        factor = (va_target.xs(y, level="year").reindex(model.index) / model).clip(0.6, 1.6).fillna(1.0)
        value_added = value_added * factor.reindex(cell_city).to_numpy()
        frames.append(pd.DataFrame({
            "region_code": counties["code"].to_numpy()[ci],
            "industry_code": inds["code"].to_numpy()[ii],
            "year": y,
            "output": np.round(output, 1),
            "value_added": np.round(value_added, 1),
            "revenue": np.round(revenue, 1),
            "employment": np.maximum(np.round(output / productivity), 1.0),
            "enterprises": firms.astype(float),
            "investment": np.round(output * invest_ratio * rng.lognormal(0.0, 0.1, n), 1),
            "exports": np.round(output * export_share, 1),
        }))
    out = pd.concat(frames, ignore_index=True)
    return out[out["revenue"] > 0].reset_index(drop=True)
