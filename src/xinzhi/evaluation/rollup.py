"""Rollups of enterprise results to parks and regions: 亩均税收, class counts and shares, YoY."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["rollup"]


def rollup(results: ir.Table, *, by: str = "region_code", classes: Sequence[str] = ("A", "B", "C", "D", "T")) -> ir.Table:
    r"""Aggregate evaluation results per ``by`` (``region_code`` or ``park_code``) and year.

    .. math:: \text{亩均税收}_g = \frac{\sum_{i \in g} tax_i}{\sum_{i \in g} land_i}

    over the firms of the group that received a class; class shares are counts over the classed
    firms; ``tax_per_mu_yoy`` is this year's 亩均税收 over the previous year's minus 1 (NULL when
    the results hold no previous year for the group, or its 亩均税收 is 0).

    Parameters
    ----------
    results : ibis.Table
        Output of :func:`xinzhi.evaluation.evaluate_permu` (one or several years stacked).
    by : str, default="region_code"
        Grouping column.
    classes : sequence of str
        Class names to count (``n_A``, ``share_A`` ...).

    Returns
    -------
    ibis.Table
        ``by``, ``year``, ``firms``, ``classed``, ``tax``, ``land_mu``, ``tax_per_mu``,
        ``n_<class>``, ``share_<class>``, ``tax_per_mu_yoy``.

    Examples
    --------
    >>> t = ibis.memtable({"region_code": ["R"] * 3, "year": [2024] * 3, "tax": [10.0, 20.0, 5.0],
    ...                    "land_mu": [1.0, 2.0, 0.0], "class": ["A", "B", None]})
    >>> rollup(t, classes=["A", "B"]).select("tax_per_mu", "share_A").to_pandas().iloc[0].tolist()
    [10.0, 0.5]
    """
    if by not in results.columns:
        raise InputError(f"results have no column {by!r} to roll up by")
    classed = results["class"].notnull()
    aggs = {
        "firms": results.count(),
        "classed": classed.sum().cast("int64"),
        "tax": results.tax.sum(where=classed),
        "land_mu": results.land_mu.sum(where=classed),
    }
    for c in classes:
        aggs[f"n_{c}"] = (results["class"] == c).fill_null(False).sum().cast("int64")
    g = results.group_by([by, "year"]).aggregate(**aggs)
    g = g.mutate(tax_per_mu=g.tax / g.land_mu.nullif(0),
                 **{f"share_{c}": g[f"n_{c}"].cast("float64") / g.classed.nullif(0) for c in classes})
    prev = g.select(**{f"__k_{by}": g[by], "__year": g.year + 1, "__prev": g.tax_per_mu})
    j = g.left_join(prev, [g[by] == prev[f"__k_{by}"], g.year == prev.__year])
    j = j.mutate(tax_per_mu_yoy=j.tax_per_mu / j.__prev.nullif(0) - 1)
    return j.drop(f"__k_{by}", "__year", "__prev").order_by([by, "year"])
