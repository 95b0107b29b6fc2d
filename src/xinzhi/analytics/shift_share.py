r"""Shift-share decomposition of regional change (employment, output or value added).

Notation for region r, industry i between years 0 and t: :math:`e_{ri}` regional value,
:math:`E_i = \sum_r e_{ri}` the reference (all regions of the table, or a given nation),
:math:`E = \sum_i E_i`; growth rates :math:`g = E^t/E^0 - 1`, :math:`g_i = E_i^t/E_i^0 - 1`,
:math:`g_{ri} = e_{ri}^t/e_{ri}^0 - 1`.

Classic (Dunn 1960):
:math:`\Delta e_{ri} = e^0_{ri} g + e^0_{ri}(g_i - g) + e^0_{ri}(g_{ri} - g_i)`
(national share + industry mix + regional shift).

Esteban-Marquillas (1972): with homothetic :math:`\hat e_{ri} = e^0_r E^0_i / E^0`, the regional
shift splits into a competitive effect :math:`\hat e_{ri}(g_{ri} - g_i)` and an allocation effect
:math:`(e^0_{ri} - \hat e_{ri})(g_{ri} - g_i)`.

Dynamic (Barff & Knight 1988): the classic decomposition for every consecutive pair of years,
summed.

References
----------
.. [1] Dunn, E. S. (1960). A statistical and analytical technique for regional analysis. Papers
   of the Regional Science Association, 6, 97-112.
.. [2] Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share analysis. Regional and
   Urban Economics, 2(3), 249-255.
.. [3] Barff, R. A. & Knight, P. L. (1988). Dynamic shift-share analysis. Growth and Change, 19(2),
   1-10.
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

import numpy as np
import pandas as pd

from xinzhi.analytics.panel import as_pandas
from xinzhi.errors import InputError

__all__ = ["dynamic_shift_share", "shift_share"]


def _prepare(data: Any, *, value: str, region: str, industry: str, year: str) -> pd.DataFrame:
    df = as_pandas(data)
    missing = [c for c in (region, industry, year, value) if c not in df.columns]
    if missing:
        raise InputError(f"data: missing column(s) {missing}")
    v = pd.to_numeric(df[value], errors="coerce").fillna(0.0)
    if (v < 0).any():
        raise InputError(f"column {value!r}: values must be >= 0")
    out = pd.DataFrame({"region": df[region], "industry": df[industry], "year": df[year], "value": v})
    return out.groupby(["region", "industry", "year"], as_index=False)["value"].sum()


def _classic(df: pd.DataFrame, start: Any, end: Any, nation: pd.DataFrame | None) -> pd.DataFrame:
    a = df[df["year"] == start].set_index(["region", "industry"])["value"]
    b = df[df["year"] == end].set_index(["region", "industry"])["value"]
    if a.empty or b.empty:
        raise InputError(f"shift-share: years {start} and {end} must both be in the data")
    j = pd.concat([a.rename("base"), b.rename("final")], axis=1).fillna(0.0).reset_index()
    ref = df if nation is None else nation
    na = ref[ref["year"] == start].groupby("industry")["value"].sum()
    nb = ref[ref["year"] == end].groupby("industry")["value"].sum()
    g = nb.sum() / na.sum() - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        g_i = (nb.reindex(na.index).fillna(0.0) / na.replace(0, np.nan) - 1).reindex(j["industry"]).to_numpy()
    # industries absent from the reference at the start: their mix effect is undefined → 0
    g_i = np.where(np.isfinite(g_i), g_i, g)
    e0 = j["base"].to_numpy()
    change = j["final"].to_numpy() - e0
    ns = e0 * g
    im = e0 * (g_i - g)
    j["change"] = change
    j["national_share"] = ns
    j["industry_mix"] = im
    j["regional_shift"] = change - ns - im  # = e0 (g_ri - g_i); also defined when e0 = 0 (entries)
    e0_r = j.groupby("region")["base"].transform("sum").to_numpy()
    homothetic = e0_r * (na.reindex(j["industry"]).fillna(0.0).to_numpy() / na.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        g_ri = np.where(e0 > 0, change / np.where(e0 > 0, e0, 1.0), np.nan)
    comp = homothetic * (g_ri - g_i)
    j["homothetic_base"] = homothetic
    j["competitive_effect"] = np.where(e0 > 0, comp, np.nan)
    j["allocation_effect"] = np.where(e0 > 0, (e0 - homothetic) * (g_ri - g_i), np.nan)
    return j


def shift_share(
    data: Any,
    *,
    start: Any,
    end: Any,
    value: str = "value",
    region: str = "region",
    industry: str = "industry",
    year: str = "year",
    method: Literal["classic", "esteban-marquillas"] = "classic",
    nation: Any = None,
) -> pd.DataFrame:
    r"""Shift-share decomposition of each region × industry change from ``start`` to ``end``.

    See the module docstring for the formulas. ``change = national_share + industry_mix +
    regional_shift`` holds exactly for every row; with ``method="esteban-marquillas"`` also
    ``regional_shift = competitive_effect + allocation_effect`` (for rows with a base value).

    Parameters
    ----------
    data : DataFrame
        Long table with ``region``, ``industry``, ``year`` and ``value``.
    start, end : year labels
    method : {"classic", "esteban-marquillas"}, default="classic"
        The Esteban-Marquillas columns are always computed; "classic" leaves them out.
    nation : DataFrame, optional
        Reference economy (same columns); by default the sum of all regions in ``data``.

    Returns
    -------
    pandas.DataFrame
        ``region, industry, base, final, change, national_share, industry_mix, regional_shift``
        (+ ``homothetic_base, competitive_effect, allocation_effect``).

    References
    ----------
    .. [1] Dunn, E. S. (1960). Papers of the Regional Science Association, 6, 97-112.
    .. [2] Esteban-Marquillas, J. M. (1972). Regional and Urban Economics, 2(3), 249-255.

    Examples
    --------
    Nation grows 50%, industry x doubles, region A's x triples:

    >>> t = pd.DataFrame({"region": ["A", "A", "B", "B"] * 2, "industry": ["x", "y"] * 4,
    ...                   "year": [0] * 4 + [1] * 4,
    ...                   "value": [10.0, 10.0, 10.0, 10.0, 30.0, 10.0, 10.0, 10.0]})
    >>> r = shift_share(t, start=0, end=1)
    >>> r.loc[0, ["change", "national_share", "industry_mix", "regional_shift"]].tolist()
    [20.0, 5.0, 5.0, 10.0]
    """
    if method not in ("classic", "esteban-marquillas"):
        raise InputError(f"method must be 'classic' or 'esteban-marquillas', got {method!r}")
    df = _prepare(data, value=value, region=region, industry=industry, year=year)
    nat = None if nation is None else _prepare(nation, value=value, region=region, industry=industry, year=year)
    out = _classic(df, start, end, nat)
    if method == "classic":
        out = out.drop(columns=["homothetic_base", "competitive_effect", "allocation_effect"])
    return out.rename(columns={"region": region, "industry": industry})


def dynamic_shift_share(
    data: Any,
    *,
    start: Any,
    end: Any,
    value: str = "value",
    region: str = "region",
    industry: str = "industry",
    year: str = "year",
    nation: Any = None,
) -> pd.DataFrame:
    r"""Dynamic shift-share (Barff & Knight 1988): classic components year by year, and their sum.

    Returns
    -------
    pandas.DataFrame
        One row per region × industry × period (``year`` = end year of the step) with the classic
        columns, plus rows with ``year = "total"`` summing the steps. The total change equals
        ``final - base`` over the whole span.

    References
    ----------
    .. [1] Barff, R. A. & Knight, P. L. (1988). Growth and Change, 19(2), 1-10.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "B"] * 3, "industry": ["x"] * 6,
    ...                   "year": [0, 0, 1, 1, 2, 2], "value": [1.0, 1.0, 2.0, 1.0, 2.0, 3.0]})
    >>> r = dynamic_shift_share(t, start=0, end=2)
    >>> r[r.year == "total"][["region", "change"]].values.tolist()
    [['A', 1.0], ['B', 2.0]]
    """
    df = _prepare(data, value=value, region=region, industry=industry, year=year)
    nat = None if nation is None else _prepare(nation, value=value, region=region, industry=industry, year=year)
    years = sorted(y for y in df["year"].unique() if start <= y <= end)
    if len(years) < 2:
        raise InputError(f"dynamic shift-share needs at least two years between {start} and {end}")
    steps = []
    for y0, y1 in itertools.pairwise(years):
        s = _classic(df, y0, y1, nat)[["region", "industry", "base", "final", "change",
                                       "national_share", "industry_mix", "regional_shift"]]
        steps.append(s.assign(year=y1))
    per = pd.concat(steps, ignore_index=True)
    comps = ["change", "national_share", "industry_mix", "regional_shift"]
    tot = per.groupby(["region", "industry"], as_index=False)[comps].sum()
    first = per[per["year"] == years[1]].set_index(["region", "industry"])["base"]
    last = per[per["year"] == years[-1]].set_index(["region", "industry"])["final"]
    tot = tot.join(first, on=["region", "industry"]).join(last, on=["region", "industry"])
    tot["year"] = "total"
    out = pd.concat([per.astype({"year": object}), tot], ignore_index=True)
    return out.rename(columns={"region": region, "industry": industry})
