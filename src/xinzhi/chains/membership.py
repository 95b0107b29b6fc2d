"""Which enterprises belong to which node (or cluster): Ibis expressions over ``enterprise``.

A mapping row ``(key..., kind, value)`` matches an enterprise when

* ``kind == "industry"``: the enterprise's ``industry_code`` lies under ``value`` in GB/T 4754
  (a section letter, a division "36", a group "361" or a class "3612");
* ``kind`` is ``"tag"`` or ``"product"``: ``value`` is one of the enterprise's ``;``-separated tags.

Industry mappings are expanded to every code under them on the (small) industry table first, so
the enterprise side is an equi-join that DuckDB or Spark runs on millions of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import ibis
import pandas as pd

from xinzhi.errors import InputError, NotFoundError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["expand_industry_maps", "members", "region_and_descendants", "region_peer_key"]


def expand_industry_maps(maps: pd.DataFrame, industries: pd.DataFrame, *, keys: Sequence[str]) -> pd.DataFrame:
    """Expand ``kind == "industry"`` rows to one row per GB/T 4754 code under each value.

    Parameters
    ----------
    maps : pandas.DataFrame
        Columns ``keys`` plus ``kind`` and ``value``.
    industries : pandas.DataFrame
        The ``industry`` table (``code``, ``section``).
    keys : sequence of str
        Columns identifying the mapped object (e.g. ``("node",)``).

    Returns
    -------
    pandas.DataFrame
        ``keys`` plus ``industry_code``, distinct.

    Examples
    --------
    >>> ind = pd.DataFrame({"code": ["C", "36", "361", "3611", "3612", "39"], "section": ["C"] * 6})
    >>> m = pd.DataFrame({"node": ["a", "b"], "kind": ["industry"] * 2, "value": ["361", "3612"]})
    >>> expand_industry_maps(m, ind, keys=["node"]).values.tolist()
    [['a', '361'], ['a', '3611'], ['a', '3612'], ['b', '3612']]
    """
    keys = list(keys)
    ind = maps[maps["kind"] == "industry"]
    if ind.empty:
        return pd.DataFrame(columns=[*keys, "industry_code"])
    codes = industries[["code", "section"]].astype(str)
    rows = []
    for value in ind["value"].astype(str).unique():
        if value.isalpha():
            under = codes.loc[codes["section"] == value, "code"]
        else:
            under = codes.loc[codes["code"].str.startswith(value), "code"]
        rows.append(pd.DataFrame({"value": value, "industry_code": under.tolist() or [value]}))
    expanded = pd.concat(rows, ignore_index=True)
    out = ind.assign(value=ind["value"].astype(str)).merge(expanded, on="value")[[*keys, "industry_code"]]
    return out.drop_duplicates().sort_values([*keys, "industry_code"]).reset_index(drop=True)


def members(enterprise: ir.Table, maps: pd.DataFrame, industries: pd.DataFrame, *, keys: Sequence[str]) -> ir.Table:
    """Distinct ``(keys..., credit_code)`` of enterprises matching each mapped object.

    Parameters
    ----------
    enterprise : ibis.Table
        The ``enterprise`` table (``credit_code``, ``industry_code``, ``tags``).
    maps : pandas.DataFrame
        Columns ``keys``, ``kind`` (industry, tag, product) and ``value``.
    industries : pandas.DataFrame
        The ``industry`` table, to expand industry mappings.
    keys : sequence of str

    Returns
    -------
    ibis.Table
        Columns ``keys`` and ``credit_code``; an enterprise can belong to several objects.
    """
    keys = list(keys)
    bad = sorted(set(maps["kind"]) - {"industry", "tag", "product"})
    if bad:
        raise InputError(f"mapping kind must be industry, tag or product, got {bad}")
    # Each part is distinct by construction (one industry code per enterprise; tags de-duplicated),
    # so no DISTINCT runs over the large industry part: only tag rows of objects that are also
    # mapped by industry are checked against it (an anti-join on the few such objects).
    ind = expand_industry_maps(maps, industries, keys=keys)
    ind_part: ir.Table | None = None
    if len(ind):
        m = ibis.memtable(ind.astype(str))
        ind_part = enterprise.join(m, enterprise.industry_code == m.industry_code).select(*keys, "credit_code")
    tags = maps[maps["kind"].isin(["tag", "product"])][[*keys, "value"]].drop_duplicates()
    tag_part: ir.Table | None = None
    if len(tags):
        t = ibis.memtable(tags.astype(str).rename(columns={"value": "tag"}))
        exploded = enterprise.filter(enterprise.tags.notnull()).select(
            "credit_code", tag=enterprise.tags.split(";").unnest()
        )
        exploded = exploded.mutate(tag=exploded.tag.strip())
        tag_part = exploded.join(t, "tag").select(*keys, "credit_code").distinct()
        both = ind[keys].drop_duplicates().merge(tags[keys].drop_duplicates(), on=keys)
        if ind_part is not None and len(both):
            overlap = ind_part.join(ibis.memtable(both.astype(str)), keys)
            tag_part = tag_part.anti_join(overlap, [*keys, "credit_code"])
    if ind_part is None and tag_part is None:
        return ibis.memtable(pd.DataFrame({k: pd.Series(dtype=str) for k in [*keys, "credit_code"]}))
    if ind_part is None:
        assert tag_part is not None
        return tag_part
    return ind_part if tag_part is None else ind_part.union(tag_part, distinct=False)


def region_and_descendants(regions: pd.DataFrame, region: str) -> list[str]:
    """``region`` and every region below it (by ``parent_code``), from the ``region`` table.

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "510100", "510104", "520000"],
    ...                   "parent_code": ["", "510000", "510100", ""]})
    >>> region_and_descendants(r, "510100")
    ['510100', '510104']
    """
    from xinzhi.regions import descendants

    if region not in set(regions["code"].astype(str)):
        raise NotFoundError(f"unknown region {region!r} (use a 6-digit GB/T 2260 code such as 510000)")
    return sorted(descendants(regions, region)["code"].astype(str))


def region_peer_key(code: ir.StringValue, region: str) -> ir.StringValue:
    """Map county codes to the level of ``region`` (province, city or county) for peer comparison.

    A province code ends in ``0000`` and a city code in ``00`` (GB/T 2260), so county codes are
    truncated and padded: ``510104`` → ``510100`` for a city, ``510000`` for a province.
    """
    if len(region) != 6 or not region.isdigit():
        return code
    if region.endswith("0000"):
        return code.left(2).concat("0000")
    if region.endswith("00"):
        return code.left(4).concat("00")
    return code
