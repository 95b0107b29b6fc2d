r"""Progress of a cluster to scale thresholds (千亿级, 万亿级) and the projected year of crossing."""

from __future__ import annotations

import math

from xinzhi.errors import InputError

__all__ = ["HUNDRED_BILLION", "TRILLION", "crossing_year", "trailing_cagr"]

#: 100 billion yuan (千亿) and 1 trillion yuan (万亿) in 万元, the workspace's money unit.
HUNDRED_BILLION = 10_000_000.0
TRILLION = 100_000_000.0


def trailing_cagr(first: float, last: float, years: int) -> float:
    r"""Compound annual growth rate :math:`(v_T / v_{T-n})^{1/n} - 1`; NaN if not computable.

    Examples
    --------
    >>> round(trailing_cagr(100.0, 121.0, 2), 10)
    0.1
    """
    if years < 1:
        raise InputError(f"years must be at least 1, got {years}")
    if not (first > 0 and last > 0) or math.isnan(first) or math.isnan(last):
        return math.nan
    return float((last / first) ** (1.0 / years) - 1.0)


def crossing_year(value: float, year: int, threshold: float, cagr: float) -> float:
    r"""Year a value growing at ``cagr`` first reaches ``threshold``.

    .. math:: Y^* = Y + \left\lceil \frac{\ln(T / v)}{\ln(1 + g)} \right\rceil

    ``year`` itself if the value already reaches the threshold; NaN if it never will at this
    rate (``cagr <= 0`` or no value).

    Examples
    --------
    Output of 6,000,000 万元 (60 billion yuan) in 2024 growing 10% a year reaches 100 billion
    after ln(10/6)/ln(1.1) = 5.36 years, so in 2030:

    >>> crossing_year(6_000_000.0, 2024, HUNDRED_BILLION, 0.10)
    2030
    """
    if threshold <= 0:
        raise InputError(f"threshold must be positive, got {threshold}")
    if value is None or math.isnan(value) or value <= 0:
        return math.nan
    if value >= threshold:
        return year
    if math.isnan(cagr) or cagr <= 0:
        return math.nan
    return year + math.ceil(math.log(threshold / value) / math.log1p(cagr) - 1e-12)
