r"""Structure of a region across its child regions: a province compares its cities, a city its
counties.

A province alone at its level has no peers to compare with, so its specialisation, complexity
and opportunities are computed across its children: ``region_industry_year`` rows of the region's
descendants are summed to the level of its direct children (:func:`within_panel`, by
:func:`xinzhi.analytics.levels.sum_to_level`), and the complexity measures are computed on that
child × industry matrix (:func:`xinzhi.analytics.complexity`), so that

* each child gets diversity, ECI, COI, the Herfindahl index, entropy and the Krugman index of its
  structure against the parent's (the sum of the children), and its strongest specialisations
  (RCA within the parent, :func:`children_profile`);
* each industry of the parent gets its value and share, the number of children specialised in
  it (RCA ≥ 1), its PCI in the parent's industry space, its Hoover localisation across the
  children and its leading child (:func:`parent_industries`);
* each child gets its opportunities (:func:`children_opportunities`, the method of
  :func:`xinzhi.analytics.opportunities.opportunities`).

RCA here is relative to the parent region, not to the nation: a city with RCA 2 in an industry
holds twice the province's share of it. That is what a province compares its cities by; a
national comparison needs the other provinces' data in the workspace.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from xinzhi.analytics.complexity import ComplexityYear
from xinzhi.analytics.levels import sum_to_level
from xinzhi.analytics.opportunities import opportunities
from xinzhi.analytics.specialisation import entropy, herfindahl, hoover, krugman
from xinzhi.errors import InputError

__all__ = ["child_level", "children_opportunities", "children_profile", "parent_industries", "within_panel"]


def child_level(regions: pd.DataFrame, region: str) -> str | None:
    """The level of ``region``'s direct children (the most frequent one; parks only when the
    region has no other children), or ``None`` for a region without children.

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "510100", "510104", "510104P01"],
    ...                   "level": ["province", "city", "county", "park"],
    ...                   "parent_code": [None, "510000", "510100", "510104"]})
    >>> child_level(r, "510000"), child_level(r, "510104"), child_level(r, "510104P01")
    ('city', 'park', None)
    """
    kids = regions.loc[regions["parent_code"].astype(object) == region, "level"]
    if kids.empty:
        return None
    not_parks = kids[kids != "park"]
    return str((not_parks if len(not_parks) else kids).value_counts().index[0])


def within_panel(data: pd.DataFrame, regions: pd.DataFrame, region: str, *, value: str,
                 year: int | None = None) -> pd.DataFrame:
    """``region_industry_year`` rows of ``region``'s descendants summed to its children's level.

    Returns
    -------
    pandas.DataFrame
        ``region``, ``industry``, ``year``, ``value`` (see
        :func:`~xinzhi.analytics.levels.sum_to_level`), one region per child with data.

    Raises
    ------
    InputError
        The region has no children, or none of them has data.
    """
    from xinzhi.regions import descendants

    level = child_level(regions, region)
    if level is None:
        raise InputError(f"region {region} has no child regions to compare")
    below = set(descendants(regions, region)["code"].astype(str)) - {region}
    rows = data[data["region_code"].astype(str).isin(below)]
    if rows.empty:
        raise InputError(f"no region_industry_year data below region {region}")
    return sum_to_level(rows, regions, level=level, value=value, year=year)


def _names(codes: Any, names: pd.Series | None) -> list[str]:
    if names is None:
        return ["" for _ in codes]
    return [str(names.get(str(c), "")) for c in codes]


def children_profile(cy: ComplexityYear, panel: pd.DataFrame, *, region_names: pd.Series | None = None,
                     industry_names: pd.Series | None = None, top: int = 3) -> pd.DataFrame:
    r"""One row per child region: size, share of the parent, diversity, ECI, COI, HHI, entropy,
    Krugman index against the parent's structure, and its ``top`` specialisations.

    Parameters
    ----------
    cy : ComplexityYear
        Complexity of the child × industry matrix of one year.
    panel : pandas.DataFrame
        ``region``, ``industry``, ``value`` rows of that year (:func:`within_panel`).

    Returns
    -------
    pandas.DataFrame
        ``region``, ``name``, ``value``, ``share``, ``diversity``, ``eci``, ``coi``, ``hhi``,
        ``entropy``, ``krugman``, ``specialisations`` (``name (RCA)`` of the ``top`` industries
        with the highest RCA among those the child is specialised in); sorted by value.

    Examples
    --------
    >>> from xinzhi.analytics import complexity
    >>> p = pd.DataFrame({"region": list("aabbcc"), "industry": list("xyxyxy"), "value": [3.0, 1, 1, 1, 1, 3]})
    >>> prof = children_profile(complexity(p).years[0], p)
    >>> prof[["region", "value", "share", "specialisations"]].values.tolist()
    [['a', 4.0, 0.4, 'x (1.50)'], ['c', 4.0, 0.4, 'y (1.50)'], ['b', 2.0, 0.2, 'x (1.00)、y (1.00)']]
    """
    x = cy.values
    tot = x.sum(axis=1)
    regions = [str(r) for r in cy.regions]
    one = panel[["region", "industry", "value"]].assign(region=panel["region"].astype(str))
    hhi = herfindahl(one, year=None).set_index("region")["hhi"]
    ent = entropy(one, year=None).set_index("region")["entropy"]
    kru = krugman(one, year=None).set_index("region")["krugman"]
    inds = [str(i) for i in cy.industries]
    label = [n if n else i for i, n in zip(inds, _names(inds, industry_names), strict=True)]
    rca = cy.rca if cy.rca is not None else np.full_like(x, np.nan)
    spec = []
    for c in range(len(regions)):
        have = np.flatnonzero(cy.mcp[c] == 1)
        best = have[np.argsort(-rca[c, have], kind="stable")][:top]
        spec.append("、".join(f"{label[p]} ({rca[c, p]:.2f})" for p in best))
    out = pd.DataFrame({
        "region": regions, "name": _names(regions, region_names), "value": tot,
        "share": tot / tot.sum() if tot.sum() else np.nan,
        "diversity": cy.diversity, "eci": cy.eci, "coi": cy.coi,
        "hhi": [hhi.get(r, np.nan) for r in regions], "entropy": [ent.get(r, np.nan) for r in regions],
        "krugman": [kru.get(r, np.nan) for r in regions], "specialisations": spec,
    })
    return out.sort_values(["value", "region"], ascending=[False, True], kind="stable").reset_index(drop=True)


def parent_industries(cy: ComplexityYear, panel: pd.DataFrame, *, region_names: pd.Series | None = None,
                      industry_names: pd.Series | None = None) -> pd.DataFrame:
    r"""One row per industry of the parent region, computed across its children.

    ``value`` sums the children, ``share`` is the parent's share, ``children_specialised`` the
    number of children with RCA ≥ 1 (the industry's ubiquity within the parent), ``pci`` its
    complexity in the parent's industry space, ``hoover`` its Hoover localisation across the
    children (0: spread like all activity; towards 1: concentrated,
    :func:`~xinzhi.analytics.specialisation.hoover`), and ``leader`` / ``leader_share`` the
    child with the largest value and its share of the industry.

    Examples
    --------
    >>> from xinzhi.analytics import complexity
    >>> p = pd.DataFrame({"region": list("aabbcc"), "industry": list("xyxyxy"), "value": [3.0, 1, 1, 1, 1, 3]})
    >>> t = parent_industries(complexity(p).years[0], p)
    >>> t[["industry", "value", "children_specialised", "leader", "leader_share"]].values.tolist()
    [['x', 5.0, 2, 'a', 0.6], ['y', 5.0, 2, 'c', 0.6]]
    """
    x = cy.values
    col = x.sum(axis=0)
    inds = [str(i) for i in cy.industries]
    regions = [str(r) for r in cy.regions]
    one = panel[["region", "industry", "value"]].assign(industry=panel["industry"].astype(str))
    hv = hoover(one, year=None).set_index("industry")["hoover"]
    lead = x.argmax(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        lead_share = np.where(col > 0, x.max(axis=0) / np.where(col > 0, col, 1), np.nan)
    out = pd.DataFrame({
        "industry": inds, "name": _names(inds, industry_names), "value": col,
        "share": col / col.sum() if col.sum() else np.nan,
        "children_specialised": cy.mcp.sum(axis=0).astype(int), "pci": cy.pci,
        "hoover": [hv.get(i, np.nan) for i in inds],
        "leader": [regions[k] for k in lead], "leader_name": _names([regions[k] for k in lead], region_names),
        "leader_share": lead_share,
    })
    return out.sort_values(["value", "industry"], ascending=[False, True], kind="stable").reset_index(drop=True)


def children_opportunities(cy: ComplexityYear, *, top: int = 3, order: list[str] | None = None,
                           region_names: pd.Series | None = None, **kw: Any) -> pd.DataFrame:
    """The ``top`` opportunities of every child region (``kw`` as for
    :func:`~xinzhi.analytics.opportunities.opportunities`), with ``region`` and ``region_name``
    first; children in ``order`` (default: by total value, largest first), then by rank."""
    if top < 1:
        raise InputError(f"top must be at least 1, got {top}")
    regions = [str(r) for r in cy.regions]
    if order is None:
        tot = cy.values.sum(axis=1)
        order = [regions[k] for k in np.argsort(-tot, kind="stable")]
    parts = []
    for r in order:
        o = opportunities(cy, r, top=top, **kw)
        o.insert(0, "region_name", _names([r], region_names)[0])
        o.insert(0, "region", r)
        parts.append(o)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
