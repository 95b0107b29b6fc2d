"""Indicator series: cumulative ↔ single-period values, year-on-year growth, shares, per-capita
values and annual values.

Every function takes a long frame shaped like the ``indicator_value`` table (columns
``indicator``, ``region_code``, ``period`` and ``value``, optionally ``growth`` and ``deflator``)
and returns a new frame; inputs are never modified. Periods are ``2024``, ``2024Q3`` or
``2024-11`` (see :mod:`xinzhi.delivery.periods`).

References
----------
.. [1] 国家统计局《统计数据发布中的累计数据与当月（季）数据》: a year-to-date figure for month *k*
   covers months 1..k of the year; the single-month value is the difference of consecutive
   cumulative figures, and January and February are often published together as "1–2月".
.. [2] 国家统计局, 主要统计指标解释: year-on-year growth (同比增长) compares a period with the same
   period of the previous year; real growth (按可比价格计算) removes the change in prices.
.. [3] 国家统计局, 人均地区生产总值: GDP divided by the average resident population of the year,
   taken as the mean of the populations at the start and the end of the year.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from xinzhi.delivery.periods import period_columns
from xinzhi.errors import InputError

logger = logging.getLogger(__name__)

__all__ = [
    "annual_values",
    "check_values",
    "per_capita",
    "share",
    "to_cumulative",
    "to_single_period",
    "yoy_growth",
]

_KEYS = ["indicator", "region_code"]


def check_values(values: pd.DataFrame, *, required: tuple[str, ...] = ("value",)) -> pd.DataFrame:
    """Validate an indicator-value frame and return a copy with parsed period columns.

    Adds ``year``, ``frequency`` and ``index`` and rewrites ``period`` in canonical form.
    Raises :class:`~xinzhi.errors.InputError` naming the missing column or the bad period.
    """
    need = [*_KEYS, "period", *required]
    missing = [c for c in need if c not in values.columns]
    if missing:
        raise InputError(f"indicator values need columns {need}; missing {missing}")
    out = values.reset_index(drop=True)
    cols = period_columns(out["period"].astype(str))
    for c in cols.columns:
        out[c] = cols[c]
    return out


def to_single_period(values: pd.DataFrame) -> pd.DataFrame:
    r"""Single-period values from cumulative year-to-date values.

    .. math:: s_{y,k} = c_{y,k} - c_{y,k'}

    where :math:`k'` is the latest earlier period of the same year with a published cumulative
    value (:math:`c_{y,0} = 0`). When a period is missing, as January is when "1–2月" is
    published as one figure, the single value of the next period covers both; column
    ``covers`` gives how many periods it spans (2 for January–February).

    Parameters
    ----------
    values : pandas.DataFrame
        Cumulative values: ``indicator``, ``region_code``, ``period`` (months or quarters),
        ``value``.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``single`` and ``covers``.

    References
    ----------
    .. [1] 国家统计局, 累计数据与当月数据 (see the module references).

    Examples
    --------
    >>> cum = pd.DataFrame({"indicator": "inv", "region_code": "510000",
    ...                     "period": ["2024-02", "2024-03", "2024-04"],
    ...                     "value": [250.0, 400.0, 520.0]})
    >>> to_single_period(cum)[["period", "single", "covers"]].to_dict("list")
    {'period': ['2024-02', '2024-03', '2024-04'], 'single': [250.0, 150.0, 120.0], 'covers': [2, 1, 1]}
    """
    df = check_values(values)
    if (df["frequency"] == "year").any():
        raise InputError("to_single_period needs monthly or quarterly values; annual periods are single already")
    df = df.sort_values([*_KEYS, "frequency", "year", "index"])
    grp = df.groupby([*_KEYS, "frequency", "year"], sort=False)
    prev_value = grp["value"].shift(1).fillna(0.0)
    prev_index = grp["index"].shift(1).fillna(0).astype(int)
    df["single"] = df["value"] - prev_value
    df["covers"] = (df["index"] - prev_index).astype(int)
    return df.drop(columns=["year", "frequency", "index"]).sort_index().set_axis(values.index)


def to_cumulative(values: pd.DataFrame) -> pd.DataFrame:
    r"""Cumulative year-to-date values from single-period values.

    .. math:: c_{y,k} = \sum_{j=1}^{k} s_{y,j}

    A cumulative value is only defined when every earlier period of the year is present; after
    a gap it is NaN (a partial sum would understate it silently).

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``cumulative``.

    Examples
    --------
    >>> single = pd.DataFrame({"indicator": "inv", "region_code": "510000",
    ...                        "period": ["2024Q1", "2024Q2", "2024Q4"], "value": [10.0, 12.0, 15.0]})
    >>> to_cumulative(single)["cumulative"].tolist()
    [10.0, 22.0, nan]
    """
    df = check_values(values)
    df = df.sort_values([*_KEYS, "frequency", "year", "index"])
    grp = df.groupby([*_KEYS, "frequency", "year"], sort=False)
    df["cumulative"] = grp["value"].cumsum()
    complete = grp.cumcount() + 1 == df["index"]
    df.loc[~complete, "cumulative"] = np.nan
    return df.drop(columns=["year", "frequency", "index"]).sort_index().set_axis(values.index)


def yoy_growth(values: pd.DataFrame) -> pd.DataFrame:
    r"""Year-on-year growth, nominal and real.

    .. math::

        g^{nom}_{y,k} = \frac{v_{y,k}}{v_{y-1,k}} - 1, \qquad
        g^{real}_{y,k} = \frac{1 + g^{nom}_{y,k}}{d_{y,k}} - 1

    where :math:`d_{y,k}` is the price index of the period relative to the same period of the
    previous year (``deflator``, previous year = 1.00). Without a deflator the published real
    growth (``growth``, as announced at comparable prices) is used. Cumulative values compare
    like with like: January–November with January–November.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``growth_nominal``, ``growth_real`` and ``real_basis``
        (``deflator``, ``published`` or empty).

    References
    ----------
    .. [1] 国家统计局, 主要统计指标解释: 同比增长速度, 按可比价格计算.

    Examples
    --------
    >>> v = pd.DataFrame({"indicator": "gdp", "region_code": "510000", "period": ["2023", "2024"],
    ...                   "value": [100.0, 110.0], "deflator": [None, 1.02]})
    >>> out = yoy_growth(v)
    >>> round(float(out["growth_nominal"].iloc[1]), 4), round(float(out["growth_real"].iloc[1]), 4)
    (0.1, 0.0784)
    """
    df = check_values(values)
    base = df[[*_KEYS, "frequency", "year", "index", "value"]].copy()
    base["year"] = base["year"] + 1
    base = base.rename(columns={"value": "_base"})
    df["_row"] = np.arange(len(df))
    merged = df.merge(base, on=[*_KEYS, "frequency", "year", "index"], how="left").sort_values("_row")
    merged.index = values.index
    nominal = merged["value"] / merged["_base"].where(merged["_base"] != 0) - 1.0
    real = pd.Series(np.nan, index=merged.index)
    basis = pd.Series("", index=merged.index, dtype=object)
    if "deflator" in merged.columns:
        d = pd.to_numeric(merged["deflator"], errors="coerce")
        ok = d.notna() & nominal.notna()
        real[ok] = (1.0 + nominal[ok]) / d[ok] - 1.0
        basis[ok] = "deflator"
    if "growth" in merged.columns:
        g = pd.to_numeric(merged["growth"], errors="coerce")
        ok = real.isna() & g.notna()
        real[ok] = g[ok]
        basis[ok] = "published"
    out = values.copy()
    out["growth_nominal"] = nominal.to_numpy()
    out["growth_real"] = real.to_numpy()
    out["real_basis"] = basis.to_numpy()
    return out


def share(values: pd.DataFrame, *, numerator: str, denominator: str) -> pd.DataFrame:
    r"""Share of one indicator in another, per region and period.

    .. math:: s_{r,t} = x^{num}_{r,t} / x^{den}_{r,t}

    e.g. high-tech manufacturing value added over above-scale industrial value added.
    Both indicators must be in the same unit. NaN where the denominator is missing or zero.

    Returns
    -------
    pandas.DataFrame
        ``region_code``, ``period``, ``numerator``, ``denominator`` and ``share``.

    Examples
    --------
    >>> v = pd.DataFrame({"indicator": ["ht", "mfg"], "region_code": "510000",
    ...                   "period": "2024", "value": [18.0, 90.0]})
    >>> share(v, numerator="ht", denominator="mfg")["share"].tolist()
    [0.2]
    """
    df = check_values(values)
    num = df[df["indicator"] == numerator][["region_code", "period", "value"]]
    den = df[df["indicator"] == denominator][["region_code", "period", "value"]]
    if num.empty or den.empty:
        absent = numerator if num.empty else denominator
        raise InputError(f"share: no values for indicator {absent!r}")
    out = num.rename(columns={"value": "numerator"}).merge(
        den.rename(columns={"value": "denominator"}), on=["region_code", "period"], how="inner"
    )
    out["share"] = out["numerator"] / out["denominator"].where(out["denominator"] != 0)
    return out.sort_values(["region_code", "period"]).reset_index(drop=True)


def per_capita(
    values: pd.DataFrame,
    population: pd.DataFrame,
    *,
    factor: float = 1.0,
    average: bool = True,
) -> pd.DataFrame:
    r"""Per-capita values: an indicator divided by the population of its region and year.

    .. math:: pc_{r,y} = f \cdot \frac{x_{r,y}}{(P_{r,y-1} + P_{r,y}) / 2}

    with the year-end populations :math:`P` (``average=True``, the NBS rule for per-capita GDP);
    where the previous year-end is missing, or with ``average=False``, :math:`P_{r,y}` alone.
    ``factor`` converts units, e.g. GDP in 亿元 over population in 万人 gives 元 per person with
    ``factor=1e4``.

    Parameters
    ----------
    values : pandas.DataFrame
        Indicator values (annual periods, or any period: the year of the period is used).
    population : pandas.DataFrame
        Year-end population: ``region_code``, ``period`` (a year) and ``value``.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``population`` and ``per_capita``.

    References
    ----------
    .. [1] 国家统计局, 人均地区生产总值 (see the module references).

    Examples
    --------
    >>> gdp = pd.DataFrame({"indicator": "gdp", "region_code": "A", "period": ["2024"], "value": [300.0]})
    >>> pop = pd.DataFrame({"region_code": "A", "period": ["2023", "2024"], "value": [95.0, 105.0]})
    >>> per_capita(gdp, pop, factor=1e4)["per_capita"].tolist()
    [30000.0]
    """
    df = check_values(values)
    pop = population.copy()
    pop_periods = period_columns(pop["period"].astype(str))
    if (pop_periods["frequency"] != "year").any():
        raise InputError("per_capita: population must be given per year (periods like 2024)")
    pop = pd.DataFrame({"region_code": pop["region_code"], "year": pop_periods["year"],
                        "_end": pd.to_numeric(pop["value"], errors="coerce")})
    prev = pop.assign(year=pop["year"] + 1).rename(columns={"_end": "_start"})
    pop = pop.merge(prev, on=["region_code", "year"], how="left")
    denom = pop["_end"]
    if average:
        denom = ((pop["_start"] + pop["_end"]) / 2.0).fillna(pop["_end"])
    pop["population"] = denom
    df["_row"] = np.arange(len(df))
    merged = df.merge(pop[["region_code", "year", "population"]],
                      on=["region_code", "year"], how="left").sort_values("_row")
    out = values.copy()
    out["population"] = merged["population"].to_numpy()
    out["per_capita"] = factor * out["value"] / out["population"].where(out["population"] > 0)
    return out


def annual_values(values: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """One value per indicator, region and year, derived by the indicator's nature.

    In order of preference: a published annual value (period ``2024``); for a cumulative
    indicator the year-to-date value of the last month or quarter (``2024-12``, ``2024Q4``);
    for a non-cumulative flow (``measure = flow``) the sum of all 12 months or 4 quarters when
    complete; for stocks and ratios the value of the year's last month or quarter (December or
    Q4 only, so a partial year never passes for a full one).

    Parameters
    ----------
    values : pandas.DataFrame
        Indicator values.
    catalog : pandas.DataFrame
        Indicator catalog with ``code``, ``cumulative`` and ``measure``.

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``region_code``, ``year``, ``value`` and ``derived_from``.

    Examples
    --------
    >>> cat = pd.DataFrame({"code": ["inv"], "cumulative": [True], "measure": ["flow"]})
    >>> v = pd.DataFrame({"indicator": "inv", "region_code": "A",
    ...                   "period": ["2023-12", "2024-06"], "value": [120.0, 70.0]})
    >>> annual_values(v, cat)[["year", "value"]].to_dict("list")
    {'year': [2023], 'value': [120.0]}
    """
    df = check_values(values)
    info = catalog.set_index("code")
    cumulative = df["indicator"].map(info.get("cumulative", {})).fillna(False).astype(bool)
    measure = df["indicator"].map(info.get("measure", {})).fillna("flow")
    parts: list[pd.DataFrame] = []
    keys = [*_KEYS, "year"]
    annual = df[df["frequency"] == "year"].assign(derived_from="annual")
    parts.append(annual)
    last = df[(df["frequency"] != "year") & (df["index"] == df["frequency"].map({"month": 12, "quarter": 4}))]
    last_ok = last[cumulative[last.index] | (measure[last.index] != "flow")]
    parts.append(last_ok.assign(derived_from=last_ok["period"]))
    flows = df[(df["frequency"] != "year") & ~cumulative & (measure == "flow")]
    if not flows.empty:
        g = flows.groupby([*keys, "frequency"], as_index=False).agg(value=("value", "sum"), n=("value", "size"))
        g = g[g["n"] == g["frequency"].map({"month": 12, "quarter": 4})]
        parts.append(g.assign(derived_from="sum of " + g["frequency"].astype(str) + "s"))
    out = pd.concat([p[[*keys, "value", "derived_from"]] for p in parts], ignore_index=True)
    out = out.drop_duplicates(subset=keys, keep="first")
    return out.sort_values(keys).reset_index(drop=True)
