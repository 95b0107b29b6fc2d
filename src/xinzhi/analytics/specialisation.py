r"""Specialisation and concentration of regions and industries.

Pure functions over a long region × industry (× year) table (pandas or polars). All shares are
taken within a year. Notation: :math:`x_{ri}` the value of industry i in region r,
:math:`x_r = \sum_i x_{ri}`, :math:`X_i = \sum_r x_{ri}`, :math:`X = \sum_{r,i} x_{ri}`.

References
----------
.. [1] Balassa, B. (1965). The Manchester School, 33(2), 99-123 (RCA / location quotient).
.. [2] Krugman, P. (1991). Geography and Trade. MIT Press (specialisation index, locational Gini).
.. [3] Hoover, E. M. (1936). The measurement of industrial localization. Review of Economics and
   Statistics, 18(4), 162-171.
.. [4] Balland, P.-A. (2017). EconGeo: Computing key indicators of the spatial distribution of
   economic activities (R package), for the operational definitions used here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from xinzhi.analytics.panel import InputReport, as_pandas
from xinzhi.errors import InputError

__all__ = [
    "cagr",
    "entropy",
    "gini",
    "growth",
    "herfindahl",
    "hoover",
    "krugman",
    "location_quotient",
    "locational_gini",
    "rpop",
]


def _long(
    data: Any, *, value: str, region: str, industry: str, year: str | None
) -> tuple[pd.DataFrame, list[str]]:
    """Validated, summed copy with columns region, industry, [year,] value; returns key list."""
    df = as_pandas(data)
    if year == "year" and "year" not in df.columns:
        year = None
    need = [c for c in (region, industry, year, value) if c]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise InputError(f"data: missing column(s) {missing}; got {list(map(str, df.columns))}")
    v = pd.to_numeric(df[value], errors="coerce")
    if (v < 0).any():
        raise InputError(f"column {value!r}: values must be >= 0, got {int((v < 0).sum())} negative")
    keys = [c for c in (year, region, industry) if c]
    out = pd.DataFrame({k: df[k] for k in keys}).assign(value=v.fillna(0.0).to_numpy(dtype=float))
    out = out.groupby(keys, as_index=False, sort=True, observed=True)["value"].sum()
    return out, keys


def location_quotient(
    data: Any,
    *,
    value: str = "value",
    region: str = "region",
    industry: str = "industry",
    year: str | None = "year",
    base: Iterable[Any] | None = None,
) -> pd.DataFrame:
    r"""Location quotient (Balassa RCA) of every region × industry, against a chosen base.

    .. math:: LQ_{ri} = \frac{x_{ri} / \sum_{j \in B} x_{rj}}{\sum_r x_{ri} / \sum_{r, j \in B} x_{rj}}

    where B is the base: all industries (default), or a subset such as manufacturing only or
    traded industries (as the U.S. Cluster Mapping project does with traded employment).

    Parameters
    ----------
    data : DataFrame
        Long table with ``region``, ``industry``, ``value`` and optionally ``year``.
    base : iterable of industry codes, optional
        Industries forming the reference total; only they appear in the result.

    Returns
    -------
    pandas.DataFrame
        Keys plus ``value`` and ``lq`` (NaN where the region's base total is 0).

    References
    ----------
    .. [1] Balassa, B. (1965). The Manchester School, 33(2), 99-123.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y"] * 2,
    ...                   "value": [3.0, 1.0, 1.0, 3.0]})
    >>> location_quotient(t)["lq"].tolist()
    [1.5, 0.5, 0.5, 1.5]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    if base is not None:
        b = set(base)
        df = df[df[industry].isin(b)]
        if df.empty:
            raise InputError("base: none of the base industries occur in the data")
    yk = [k for k in keys if k not in (region, industry)]
    g_r = df.groupby([*yk, region], observed=True)["value"].transform("sum")
    g_i = df.groupby([*yk, industry], observed=True)["value"].transform("sum") if yk else df.groupby(industry)["value"].transform("sum")
    tot = df.groupby(yk)["value"].transform("sum") if yk else pd.Series(df["value"].sum(), index=df.index)
    with np.errstate(invalid="ignore", divide="ignore"):
        lq = (df["value"] / g_r.replace(0, np.nan)) / (g_i / tot)
    return df.assign(lq=lq.astype(float)).reset_index(drop=True)


def rpop(
    data: Any,
    population: Any,
    *,
    value: str = "value",
    region: str = "region",
    industry: str = "industry",
    year: str | None = "year",
    population_column: str = "population",
) -> pd.DataFrame:
    r"""Per-capita presence of every region × industry.

    .. math:: RPOP_{ri} = \frac{x_{ri} / pop_r}{\sum_r x_{ri} / \sum_r pop_r}

    Regions without a positive population are left out (the sums run over the others).

    References
    ----------
    .. [1] Growth Lab, Harvard University. Stata ``ecomplexity``, option ``pop()``.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "B"], "industry": ["x", "x"], "value": [2.0, 2.0]})
    >>> p = pd.DataFrame({"region": ["A", "B"], "population": [1.0, 3.0]})
    >>> rpop(t, p)["rpop"].tolist()
    [2.0, 0.6666666666666666]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    pop = as_pandas(population, name="population")
    yk = [k for k in keys if k not in (region, industry)]
    on = [region, *[k for k in yk if k in pop.columns]]
    if population_column not in pop.columns or region not in pop.columns:
        raise InputError(f"population: needs columns {region!r} and {population_column!r}")
    df = df.merge(pop[[*on, population_column]], on=on, how="inner")
    df = df[df[population_column] > 0]
    per = df.drop_duplicates([*yk, region])
    pop_tot = per.groupby(yk)[population_column].transform("sum") if yk else pd.Series(per[population_column].sum(), index=per.index)
    per = per.assign(_pt=pop_tot)[[*yk, region, "_pt"]]
    df = df.merge(per, on=[*yk, region])
    g_i = df.groupby([*yk, industry])["value"].transform("sum")
    out = (df["value"] / df[population_column]) / (g_i / df["_pt"])
    return df.drop(columns="_pt").assign(rpop=out.astype(float)).reset_index(drop=True)


def _shares(df: pd.DataFrame, keys: list[str], by: str) -> pd.Series:
    tot = df.groupby([*keys, by])["value"].transform("sum")
    return (df["value"] / tot.replace(0, np.nan)).fillna(0.0)


def _year_keys(keys: list[str], region: str, industry: str) -> list[str]:
    return [k for k in keys if k not in (region, industry)]


def krugman(
    data: Any, *, value: str = "value", region: str = "region", industry: str = "industry",
    year: str | None = "year",
) -> pd.DataFrame:
    r"""Krugman specialisation index and Hoover coefficient of specialisation of each region.

    .. math:: K_r = \sum_i \left| \frac{x_{ri}}{x_r} - \frac{X_i}{X} \right|, \qquad H_r = K_r / 2

    K ranges from 0 (same structure as the whole) to 2. The sum runs over every industry of the
    table (of that year): an industry the region lacks contributes :math:`X_i / X`.

    References
    ----------
    .. [1] Krugman, P. (1991). Geography and Trade. MIT Press.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y"] * 2,
    ...                   "value": [3.0, 1.0, 1.0, 3.0]})
    >>> krugman(t)["krugman"].tolist()
    [0.5, 0.5]

    A region without a row for an industry (here A lacks z: shares x 1, z 0 against 0.5, 0.5):

    >>> krugman(pd.DataFrame({"region": ["A", "B"], "industry": ["x", "z"], "value": [1.0, 1.0]}))["krugman"].tolist()
    [1.0, 1.0]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    yk = _year_keys(keys, region, industry)
    # complete the region × industry grid of each year, so absent industries count
    parts = []
    for k, g in df.groupby(yk) if yk else [((), df)]:
        full = pd.MultiIndex.from_product([g[region].unique(), g[industry].unique()], names=[region, industry])
        part = g.set_index([region, industry])[["value"]].reindex(full, fill_value=0.0).reset_index()
        kk = k if isinstance(k, tuple) else (k,)
        parts.append(part.assign(**dict(zip(yk, kk, strict=True))))
    df = pd.concat(parts, ignore_index=True)[[*yk, region, industry, "value"]]
    s_ri = _shares(df, yk, region)
    nat = df.groupby([*yk, industry])["value"].transform("sum")
    tot = df.groupby(yk)["value"].transform("sum") if yk else pd.Series(df["value"].sum(), index=df.index)
    df = df.assign(_d=(s_ri - nat / tot).abs())
    out = df.groupby([*yk, region], as_index=False)["_d"].sum().rename(columns={"_d": "krugman"})
    return out.assign(hoover_specialisation=out["krugman"] / 2)


def herfindahl(
    data: Any, *, value: str = "value", region: str = "region", industry: str = "industry",
    year: str | None = "year",
) -> pd.DataFrame:
    r"""Herfindahl–Hirschman index of each region's industry structure: :math:`\sum_i (x_{ri}/x_r)^2`.

    References
    ----------
    .. [1] Hirschman, A. O. (1964). The paternity of an index. American Economic Review, 54(5), 761.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "A"], "industry": ["x", "y"], "value": [3.0, 1.0]})
    >>> herfindahl(t)["hhi"].tolist()
    [0.625]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    yk = _year_keys(keys, region, industry)
    df = df.assign(_s2=_shares(df, yk, region) ** 2)
    return df.groupby([*yk, region], as_index=False)["_s2"].sum().rename(columns={"_s2": "hhi"})


def entropy(
    data: Any, *, value: str = "value", region: str = "region", industry: str = "industry",
    year: str | None = "year",
) -> pd.DataFrame:
    r"""Shannon entropy (bits) of each region's industry shares: :math:`-\sum_i s_{ri}\log_2 s_{ri}`.

    References
    ----------
    .. [1] Frenken, K., Van Oort, F. & Verburg, T. (2007). Related variety, unrelated variety and
       regional economic growth. Regional Studies, 41(5), 685-697.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A"] * 4, "industry": list("wxyz"), "value": [1.0] * 4})
    >>> entropy(t)["entropy"].tolist()
    [2.0]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    yk = _year_keys(keys, region, industry)
    s = _shares(df, yk, region).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(s > 0, -s * np.log2(np.where(s > 0, s, 1.0)), 0.0)
    df = df.assign(_e=term)
    return df.groupby([*yk, region], as_index=False)["_e"].sum().rename(columns={"_e": "entropy"})


def _gini(x: np.ndarray) -> float:
    """Gini coefficient of non-negative values (mean absolute difference / (2 × mean))."""
    x = np.sort(np.asarray(x, dtype=float))
    n, tot = x.size, x.sum()
    if n == 0 or tot == 0:
        return float("nan")
    k = np.arange(1, n + 1)
    return float(np.sum((2 * k - n - 1) * x) / (n * tot))


def gini(
    data: Any, *, value: str = "value", region: str = "region", industry: str = "industry",
    year: str | None = "year",
) -> pd.DataFrame:
    r"""Gini coefficient of each industry's distribution across regions.

    .. math:: G_i = \frac{\sum_r \sum_{r'} |x_{ri} - x_{r'i}|}{2 n^2 \bar x_i}

    over the n regions of the table (regions without the industry count as 0).

    References
    ----------
    .. [1] Gini, C. (1912). Variabilità e mutabilità.

    Examples
    --------
    >>> t = pd.DataFrame({"region": list("ABCD"), "industry": ["x"] * 4, "value": [0.0, 0.0, 0.0, 4.0]})
    >>> gini(t)["gini"].tolist()
    [0.75]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    yk = _year_keys(keys, region, industry)
    rows = []
    for k, g in df.groupby(yk) if yk else [((), df)]:
        regions = g[region].unique()
        wide = g.pivot_table(index=region, columns=industry, values="value", aggfunc="sum", fill_value=0.0)
        wide = wide.reindex(regions, fill_value=0.0)
        for ind in wide.columns:
            kk = k if isinstance(k, tuple) else (k,)
            rows.append((*kk, ind, _gini(wide[ind].to_numpy())))
    return pd.DataFrame(rows, columns=[*yk, industry, "gini"])


def locational_gini(
    data: Any, *, value: str = "value", region: str = "region", industry: str = "industry",
    year: str | None = "year",
) -> pd.DataFrame:
    r"""Krugman's locational Gini of each industry (0 = spread like total activity, max 0.5).

    Regions are sorted by :math:`LQ_{ri}`; with :math:`u_k` the cumulative share of total activity
    and :math:`v_k` the cumulative share of industry i, the locational Gini is the area between the
    diagonal and this curve: :math:`LG_i = \tfrac12 - \sum_k (u_k - u_{k-1}) (v_k + v_{k-1}) / 2`.

    References
    ----------
    .. [1] Krugman, P. (1991). Geography and Trade. MIT Press, appendix D.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y"] * 2,
    ...                   "value": [1.0, 1.0, 0.0, 2.0]})
    >>> locational_gini(t).round(3)["locational_gini"].tolist()
    [0.25, 0.083]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    yk = _year_keys(keys, region, industry)
    rows = []
    for k, g in df.groupby(yk) if yk else [((), df)]:
        wide = g.pivot_table(index=region, columns=industry, values="value", aggfunc="sum", fill_value=0.0)
        tot_r = wide.sum(axis=1).to_numpy()
        share_r = tot_r / tot_r.sum()
        for ind in wide.columns:
            x = wide[ind].to_numpy()
            s = x / x.sum()
            with np.errstate(divide="ignore", invalid="ignore"):
                lq = np.where(share_r > 0, s / share_r, 0.0)
            order = np.argsort(lq, kind="stable")
            u = np.concatenate([[0.0], np.cumsum(share_r[order])])
            v = np.concatenate([[0.0], np.cumsum(s[order])])
            area = float(np.sum(np.diff(u) * (v[1:] + v[:-1]) / 2))
            kk = k if isinstance(k, tuple) else (k,)
            rows.append((*kk, ind, 0.5 - area))
    return pd.DataFrame(rows, columns=[*yk, industry, "locational_gini"])


def hoover(
    data: Any, *, value: str = "value", region: str = "region", industry: str = "industry",
    year: str | None = "year", reference: Any = None, reference_column: str = "population",
) -> pd.DataFrame:
    r"""Hoover localisation index of each industry.

    .. math:: H_i = \tfrac12 \sum_r \left| \frac{x_{ri}}{X_i} - \frac{w_r}{W} \right|

    with :math:`w_r` the region's total activity (default) or a reference such as population
    (``reference`` with columns ``region`` and ``reference_column``). 0 = spread like the reference,
    close to 1 = concentrated.

    References
    ----------
    .. [1] Hoover, E. M. (1936). Review of Economics and Statistics, 18(4), 162-171.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y"] * 2,
    ...                   "value": [1.0, 1.0, 0.0, 2.0]})
    >>> hoover(t)["hoover"].round(3).tolist()
    [0.5, 0.167]
    """
    df, keys = _long(data, value=value, region=region, industry=industry, year=year)
    yk = _year_keys(keys, region, industry)
    rows = []
    for k, g in df.groupby(yk) if yk else [((), df)]:
        wide = g.pivot_table(index=region, columns=industry, values="value", aggfunc="sum", fill_value=0.0)
        if reference is None:
            w = wide.sum(axis=1)
        else:
            ref = as_pandas(reference, name="reference")
            w = ref.groupby(region)[reference_column].sum().reindex(wide.index).fillna(0.0)
        ws = (w / w.sum()).to_numpy()
        kk = k if isinstance(k, tuple) else (k,)
        for ind in wide.columns:
            x = wide[ind].to_numpy()
            rows.append((*kk, ind, 0.5 * float(np.abs(x / x.sum() - ws).sum())))
    return pd.DataFrame(rows, columns=[*yk, industry, "hoover"])


def growth(
    data: Any, *, start: Any, end: Any, value: str = "value", region: str = "region",
    industry: str = "industry", year: str = "year", report: InputReport | None = None,
) -> pd.DataFrame:
    r"""Growth of every region × industry between two years.

    .. math:: g = x_{end} / x_{start} - 1, \qquad CAGR = (x_{end} / x_{start})^{1/(end - start)} - 1

    Both are NaN where the start value is 0 (an entry, not a growth rate).

    References
    ----------
    .. [1] Standard compound annual growth rate; EconGeo ``growth_*`` for the per-cell form.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "A"], "industry": ["x", "x"], "year": [2020, 2022],
    ...                   "value": [100.0, 121.0]})
    >>> growth(t, start=2020, end=2022)[["growth", "cagr"]].round(4).values.tolist()
    [[0.21, 0.1]]
    """
    df, _ = _long(data, value=value, region=region, industry=industry, year=year)
    a = df[df[year] == start].set_index([region, industry])["value"]
    b = df[df[year] == end].set_index([region, industry])["value"]
    if a.empty or b.empty:
        raise InputError(f"growth: years {start} and {end} must both be present in {year!r}")
    j = pd.concat([a.rename("start_value"), b.rename("end_value")], axis=1).fillna(0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = j["end_value"] / j["start_value"].replace(0, np.nan)
    j["growth"] = ratio - 1
    j["cagr"] = ratio ** (1.0 / (float(end) - float(start))) - 1
    return j.reset_index()


def cagr(first: float, last: float, years: float) -> float:
    r"""Compound annual growth rate :math:`(last / first)^{1/years} - 1` (NaN if ``first`` is 0).

    Examples
    --------
    >>> round(cagr(100.0, 121.0, 2), 6)
    0.1
    """
    if first == 0 or years <= 0:
        return float("nan")
    return float((last / first) ** (1.0 / years) - 1)
