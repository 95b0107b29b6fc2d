"""League tables of peer regions ("比学赶超"): rank for one indicator and period, with the change
in rank since an earlier period."""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

import pandas as pd

from xinzhi.delivery.indicators import check_values, yoy_growth
from xinzhi.delivery.periods import parse_period
from xinzhi.errors import InputError

__all__ = ["rank_regions"]

RankBy = Literal["value", "growth_nominal", "growth_real"]


def _ranks(frame: pd.DataFrame, metric: str, higher_is_better: bool) -> pd.Series:
    return frame[metric].rank(method="min", ascending=not higher_is_better).astype("Int64")


def rank_regions(
    values: pd.DataFrame,
    *,
    indicator: str,
    period: str,
    peers: Collection[str] | None = None,
    by: RankBy = "value",
    higher_is_better: bool = True,
    compare: Literal["previous", "year_ago"] = "year_ago",
) -> pd.DataFrame:
    r"""Rank peer regions on one indicator in one period, with the change in rank.

    Standard competition ranking ("1224"): tied regions share the best rank of their group and
    the next rank skips, so rank = 1 + number of peers strictly better,

    .. math:: rank_r = 1 + \#\{ s : x_s > x_r \}

    (``<`` when lower is better). The change in rank compares with the same peers in the
    comparison period (``year_ago``: the same period a year earlier, ``previous``: the period
    just before): ``rank_change = rank_before - rank`` (positive means the region moved up).

    Parameters
    ----------
    values : pandas.DataFrame
        Indicator values (``indicator``, ``region_code``, ``period``, ``value``; ``growth`` and
        ``deflator`` when ranking on real growth).
    indicator : str
        Indicator code.
    period : str
        ``2024``, ``2024Q3`` or ``2024-11``.
    peers : collection of str, optional
        Region codes to rank (default: every region with a value in that period).
    by : {"value", "growth_nominal", "growth_real"}, default="value"
        What to rank on: the level, or year-on-year growth (see :func:`yoy_growth`).
    higher_is_better : bool, default=True
        Rank 1 goes to the highest value (lowest when False, e.g. energy per unit of GDP).
    compare : {"year_ago", "previous"}, default="year_ago"

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``region_code``, the metric, ``tied`` (another peer has the same rank),
        ``rank_before``, ``rank_change``, ``period_before``; ordered by rank then region code.

    References
    ----------
    .. [1] Competition ("1224") ranking as used in the published league tables of Chinese
       provinces and cities, e.g. 国家统计局 分省年度数据 ordered by GDP.

    Examples
    --------
    >>> v = pd.DataFrame({"indicator": "gdp", "region_code": ["A", "B", "C", "A", "B", "C"],
    ...                   "period": ["2023"] * 3 + ["2024"] * 3,
    ...                   "value": [3.0, 2.0, 1.0, 2.0, 2.0, 5.0]})
    >>> rank_regions(v, indicator="gdp", period="2024")[["rank", "region_code", "rank_change"]].to_dict("list")
    {'rank': [1, 2, 2], 'region_code': ['C', 'A', 'B'], 'rank_change': [2, -1, 0]}
    """
    if by not in ("value", "growth_nominal", "growth_real"):
        raise InputError(f"by must be value, growth_nominal or growth_real, got {by!r}")
    if compare not in ("year_ago", "previous"):
        raise InputError(f"compare must be year_ago or previous, got {compare!r}")
    p = parse_period(period)
    before = p.year_ago() if compare == "year_ago" else p.shift(-1)
    df = check_values(values)
    df = df[df["indicator"] == indicator]
    if df.empty:
        raise InputError(f"no values for indicator {indicator!r}")
    if peers is not None:
        df = df[df["region_code"].isin(set(peers))]
    if by != "value":
        df = yoy_growth(df.drop(columns=["year", "frequency", "index"]))
    metric = by
    now = df[(df["period"] == p.label) & df[metric].notna()][["region_code", metric]]
    if now.empty:
        raise InputError(f"no {metric} of {indicator!r} for period {p.label}")
    peer_set = set(now["region_code"])
    then = df[(df["period"] == before.label) & df[metric].notna() & df["region_code"].isin(peer_set)]
    then = then[["region_code", metric]].copy()
    now = now.copy()
    now["rank"] = _ranks(now, metric, higher_is_better)
    now["tied"] = now.groupby("rank")["rank"].transform("size") > 1
    then["rank_before"] = _ranks(then, metric, higher_is_better)
    out = now.merge(then[["region_code", "rank_before"]], on="region_code", how="left")
    out["rank_change"] = (out["rank_before"] - out["rank"]).astype("Int64")
    out["period_before"] = before.label
    out = out[["rank", "region_code", metric, "tied", "rank_before", "rank_change", "period_before"]]
    return out.sort_values(["rank", "region_code"]).reset_index(drop=True)
