"""Regional statistics summed to one level of the region hierarchy (the input panel of the
structure analytics: specialisation, complexity, opportunities).

``region_industry_year`` may hold rows at several levels (county rows for most of a province,
a city-level row for a city that reports no counties). To compare regions of one level, each
row is attributed to its ancestor of that level and the values are summed:

.. math:: X_{r,i,t} = \\sum_{c \\,:\\, \\mathrm{anc}_{L}(c) = r} x_{c,i,t}

where :math:`\\mathrm{anc}_L(c)` is the region of level :math:`L` on the path from region
:math:`c` up through ``parent_code`` (the region itself when it has level :math:`L`). Rows whose
region has no ancestor of that level (a province row when summing to counties) are dropped. A
table holding both a region and its descendants would have both summed: keep one level per
area (the demo and NBS-style imports do). Source: the accounting identity of the administrative
hierarchy (GB/T 2260), nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.errors import InputError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["LEVELS", "level_panel", "sum_to_level"]

#: levels a panel can be summed to
LEVELS = ("province", "city", "county", "park")
#: deepest hierarchy walked (province → city → county → park and a margin)
_MAX_DEPTH = 10


def _ancestors(regions: pd.DataFrame, codes: list[str], level: str) -> dict[str, str | None]:
    parent = dict(zip(regions["code"].astype(str), regions["parent_code"], strict=True))
    lvl = dict(zip(regions["code"].astype(str), regions["level"], strict=True))
    out: dict[str, str | None] = {}
    for code in codes:
        c: object = code
        found = None
        for _ in range(_MAX_DEPTH):
            if not isinstance(c, str) or not c:
                break
            if lvl.get(c) == level:
                found = c
                break
            c = parent.get(c)
        out[code] = found
    return out


def sum_to_level(data: pd.DataFrame, regions: pd.DataFrame, *, level: str, value: str,
                 year: int | None = None) -> pd.DataFrame:
    """Sum ``value`` of ``region_industry_year`` rows to the regions of ``level`` (pure).

    Parameters
    ----------
    data : pandas.DataFrame
        Rows of ``region_industry_year`` (``region_code``, ``industry_code``, ``year`` and
        ``value``).
    regions : pandas.DataFrame
        The region table (``code``, ``level``, ``parent_code``).
    level : {"province", "city", "county", "park"}
        Level to sum to; each row goes to its ancestor of this level (see the module formula).
    value : str
        Numeric column to sum (``output``, ``value_added``, ``revenue``, ``employment`` …).
    year : int, optional
        Keep only this year.

    Returns
    -------
    pandas.DataFrame
        Columns ``region``, ``industry``, ``year``, ``value``, one row per region, industry and
        year, sorted by year, region and industry. Missing values count as zero in a sum of
        present rows (pandas ``sum``), and a group of only missing values sums to 0.

    Raises
    ------
    InputError
        Unknown level, missing value column, or no rows under regions of ``level``.

    Examples
    --------
    >>> regions = pd.DataFrame({"code": ["510000", "510100", "510104", "510105"],
    ...                         "level": ["province", "city", "county", "county"],
    ...                         "parent_code": [None, "510000", "510100", "510100"]})
    >>> data = pd.DataFrame({"region_code": ["510104", "510105"], "industry_code": ["36", "36"],
    ...                      "year": [2023, 2023], "output": [5.0, 2.0]})
    >>> sum_to_level(data, regions, level="city", value="output").to_dict("records")
    [{'region': '510100', 'industry': '36', 'year': 2023, 'value': 7.0}]
    """
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    if data.empty:
        raise InputError("no region_industry_year data; import it first")
    if value not in data.columns:
        raise InputError(f"no column {value!r} in region_industry_year")
    if year is not None:
        data = data[data["year"] == year]
        if data.empty:
            raise InputError(f"no region_industry_year rows for {year}")
    owner = _ancestors(regions, [str(c) for c in data["region_code"].unique()], level)
    rows = data.assign(region=data["region_code"].astype(str).map(owner))
    rows = rows[rows["region"].notna()]
    if rows.empty:
        raise InputError(f"no region_industry_year rows fall under regions of level {level!r}")
    panel = rows.groupby(["region", "industry_code", "year"], as_index=False, sort=True)[value].sum()
    panel = panel.rename(columns={"industry_code": "industry", value: "value"})
    panel["region"] = panel["region"].astype(str)
    panel["industry"] = panel["industry"].astype(str)
    panel["year"] = panel["year"].astype(int)
    panel["value"] = panel["value"].astype(float)
    return panel.sort_values(["year", "region", "industry"]).reset_index(drop=True)[
        ["region", "industry", "year", "value"]]


def level_panel(ws: Workspace, *, level: str, value: str, year: int | None = None) -> pd.DataFrame:
    """The workspace's ``region_industry_year`` summed to the regions of ``level``.

    Reads the current ``region`` and ``region_industry_year`` snapshots and calls
    :func:`sum_to_level` (which documents the sum). Returns columns ``region``, ``industry``,
    ``year``, ``value``.
    """
    data = ws.to_pandas("region_industry_year")
    if data.empty:
        raise InputError("the workspace has no region_industry_year data; import it first")
    return sum_to_level(data, ws.to_pandas("region"), level=level, value=value, year=year)
