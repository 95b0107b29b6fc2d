r"""What a region could develop next, a Metroverse-style peer SWOT, and strong clusters.

Opportunities rank the industries a region does not yet specialise in (:math:`M_{cp} = 0`) by a
weighted sum of percentile ranks among those candidates: feasibility (density, i.e.
1 − distance) and attractiveness (PCI, COG, national growth, membership of a strategic
taxonomy). The presets follow the Atlas of Economic Complexity's "low-hanging fruit / balanced
portfolio / long jumps" idea; the weights are Xinzhi's own (the Atlas weights are unpublished).

References
----------
.. [1] Hausmann, R. et al. (2014). The Atlas of Economic Complexity, growth opportunities.
.. [2] Balland, P.-A., Boschma, R., Crespo, J. & Rigby, D. (2019). Smart specialization policy in
   the European Union: relatedness, knowledge complexity and regional diversification. Regional
   Studies, 53(9), 1252-1268.
.. [3] Growth Lab, Harvard University. Metroverse: relative presence and technological fit.
.. [4] Delgado, M., Porter, M. E. & Stern, S. (2016). Defining clusters of related industries.
   Journal of Economic Geography, 16(1), 1-38; U.S. Cluster Mapping strong-cluster rule.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from xinzhi.analytics.complexity import ComplexityYear
from xinzhi.analytics.panel import as_pandas
from xinzhi.errors import InputError, NotFoundError

__all__ = ["STRATEGIES", "opportunities", "peer_swot", "strong_clusters"]

#: weights of (feasibility, pci, cog, growth, strategic) per strategy preset
STRATEGIES: dict[str, dict[str, float]] = {
    "low_hanging": {"feasibility": 0.6, "pci": 0.1, "cog": 0.1, "growth": 0.1, "strategic": 0.1},
    "balanced": {"feasibility": 0.4, "pci": 0.2, "cog": 0.2, "growth": 0.1, "strategic": 0.1},
    "long_jumps": {"feasibility": 0.15, "pci": 0.35, "cog": 0.3, "growth": 0.1, "strategic": 0.1},
}


def _index(labels: np.ndarray, value: Any, what: str) -> int:
    hits = np.flatnonzero(labels.astype(str) == str(value))
    if hits.size == 0:
        raise NotFoundError(f"{what} {value!r} is not in the complexity result")
    return int(hits[0])


def opportunities(
    cy: ComplexityYear,
    region: Any,
    *,
    strategy: str = "balanced",
    growth: pd.Series | None = None,
    strategic: pd.Series | None = None,
    names: pd.Series | None = None,
    top: int | None = 20,
    n_reasons: int = 3,
) -> pd.DataFrame:
    r"""Rank the industries ``region`` does not yet specialise in.

    .. math:: score_p = \sum_k w_k \, \operatorname{rank}_{pct}(f_{k,p})

    over the candidate industries (:math:`M_{cp} = 0`), with features feasibility = density,
    PCI, COG, national growth and strategic membership (0/1), and weights from
    :data:`STRATEGIES` (features not supplied are dropped and the weights renormalised).

    Parameters
    ----------
    cy : ComplexityYear
        One year of :func:`~xinzhi.analytics.complexity`.
    region : region label
    strategy : {"low_hanging", "balanced", "long_jumps"}, default="balanced"
    growth : pandas.Series, optional
        National growth per industry (index = industry labels).
    strategic : pandas.Series, optional
        Taxonomy category per industry (e.g. strategic emerging industries); non-null = member.
    names : pandas.Series, optional
        Display names per industry, used in explanations.
    top : int or None, default=20
    n_reasons : int, default=3
        Related strengths named in each explanation.

    Returns
    -------
    pandas.DataFrame
        ``rank, industry, score, density, distance, pci, cog, value, total, [growth,] [strategic,]
        related, explanation``: ``value`` is the region's current value of the industry (below
        specialisation, possibly 0) and ``total`` the industry's value summed over all regions
        of ``cy`` (its size among the compared regions).

    References
    ----------
    .. [1] Hausmann, R. et al. (2014). The Atlas of Economic Complexity.
    .. [2] Balland, P.-A. et al. (2019). Regional Studies, 53(9), 1252-1268.

    Examples
    --------
    >>> df = pd.DataFrame({"region": list("aaabbbccc"), "industry": list("xyzxyzxyz"),
    ...                    "value": [9.0, 1, 0, 1, 9, 1, 1, 1, 9]})
    >>> from xinzhi.analytics import complexity
    >>> opportunities(complexity(df).years[0], "a")["industry"].tolist()
    ['y', 'z']
    """
    if strategy not in STRATEGIES:
        raise InputError(f"strategy must be one of {sorted(STRATEGIES)}, got {strategy!r}")
    c = _index(cy.regions, region, "region")
    cand = np.flatnonzero(cy.mcp[c] == 0)
    inds = cy.industries
    frame = pd.DataFrame({
        "industry": inds[cand],
        "density": cy.density[c, cand],
        "distance": 1.0 - cy.density[c, cand],
        "pci": cy.pci[cand],
        "cog": cy.cog[c, cand],
        "value": cy.values[c, cand],
        "total": cy.values[:, cand].sum(axis=0),
    })
    feats = {"feasibility": frame["density"], "pci": frame["pci"], "cog": frame["cog"]}
    if growth is not None:
        frame["growth"] = growth.reindex(frame["industry"]).to_numpy(dtype=float)
        feats["growth"] = frame["growth"]
    if strategic is not None:
        cat = strategic.groupby(level=0).first().reindex(frame["industry"])
        frame["strategic"] = cat.to_numpy()
        feats["strategic"] = cat.notna().astype(float).reset_index(drop=True)
    w = {k: v for k, v in STRATEGIES[strategy].items() if k in feats}
    total = sum(w.values())
    score = np.zeros(len(frame))
    for k, wk in w.items():
        r = pd.Series(np.asarray(feats[k], dtype=float)).rank(pct=True).fillna(0.0).to_numpy()
        score += wk / total * r
    frame["score"] = score
    have = np.flatnonzero(cy.mcp[c] == 1)
    label = (lambda p: f"{inds[p]} {names.get(inds[p], '')}".strip()) if names is not None else (lambda p: str(inds[p]))
    related, explanation = [], []
    for p in cand:
        order = have[np.argsort(-cy.proximity[have, p], kind="stable")][:n_reasons]
        near = [int(q) for q in order if cy.proximity[q, p] > 0]
        related.append("; ".join(label(q) for q in near))
        parts = [f"{label(q)} (φ={cy.proximity[q, p]:.2f})" for q in near]
        text = ("builds on " + ", ".join(parts)) if parts else "no related strength yet"
        explanation.append(f"{text}; density {cy.density[c, p]:.2f}, PCI {cy.pci[p]:.2f}")
    frame["related"] = related
    frame["explanation"] = explanation
    frame = frame.sort_values(["score", "density"], ascending=False, kind="stable").reset_index(drop=True)
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    return frame.head(top) if top is not None else frame


def peer_swot(
    cy: ComplexityYear,
    region: Any,
    peers: list[Any],
) -> pd.DataFrame:
    r"""Strengths, opportunities, weaknesses and threats of ``region`` against a peer group.

    Relative presence :math:`RP_p = (x_{cp}/x_c) / (\sum_{c' \in G} x_{c'p} / \sum_{c' \in G} x_{c'})`
    (RCA against the peer group G) and technological fit :math:`TF_p = d_{cp} - \overline{d}_{G,p}`
    (density relative to the peers' mean). Quadrants as in Metroverse: strength (RP ≥ 1, TF ≥ 0),
    opportunity (RP < 1, TF ≥ 0), weakness (RP < 1, TF < 0), threat (RP ≥ 1, TF < 0), and
    possible entrant where the region has no activity at all.

    References
    ----------
    .. [1] Growth Lab, Harvard University. Metroverse (relative presence, technological fit).

    Examples
    --------
    >>> df = pd.DataFrame({"region": list("aabbcc"), "industry": list("xyxyxy"),
    ...                    "value": [3.0, 1, 1, 1, 1, 3]})
    >>> from xinzhi.analytics import complexity
    >>> peer_swot(complexity(df).years[0], "a", ["b", "c"])[["industry", "quadrant"]].values.tolist()
    [['x', 'threat'], ['y', 'opportunity']]
    """
    c = _index(cy.regions, region, "region")
    g = [_index(cy.regions, p, "peer region") for p in peers if str(p) != str(region)]
    if not g:
        raise InputError("peer_swot: the peer group is empty")
    x = cy.values
    with np.errstate(invalid="ignore", divide="ignore"):
        rp = (x[c] / x[c].sum()) / (x[g].sum(axis=0) / x[g].sum())
    tf = cy.density[c] - cy.density[g].mean(axis=0)
    quadrant = np.where(
        x[c] == 0, "possible entrant",
        np.where(rp >= 1, np.where(tf >= 0, "strength", "threat"), np.where(tf >= 0, "opportunity", "weakness")),
    )
    return pd.DataFrame({"industry": cy.industries, "value": x[c], "relative_presence": rp,
                         "technological_fit": tf, "quadrant": quadrant})


def strong_clusters(
    data: Any,
    taxonomy: Any,
    *,
    value: str = "employment",
    establishments: str | None = None,
    region: str = "region_code",
    industry: str = "industry_code",
    year: str = "year",
    category: str = "category",
    base: str = "all",
) -> pd.DataFrame:
    r"""Strong-cluster classification in the style of the U.S. Cluster Mapping project.

    Industries are summed into the taxonomy's categories (``taxonomy`` maps ``industry`` codes
    to ``category``; an industry code may be a prefix, e.g. "36" covers "3612"). Per year and
    category, over regions with a positive value:

    .. math:: LQ_{rc} = \frac{x_{rc} / x_r^{B}}{X_c / X^{B}}

    with :math:`x^B` the base (all activity in the table, or only activity in the taxonomy's
    clusters with ``base="clusters"``, like CMP's traded employment). A region-cluster is
    **strong** when :math:`LQ \ge P_{75}(LQ)`, :math:`LQ \ge 1`, the value is above its
    :math:`P_{25}` and (if given) establishments are above theirs.

    References
    ----------
    .. [1] Delgado, M., Porter, M. E. & Stern, S. (2016). Journal of Economic Geography, 16(1),
       1-38; clustermapping.us methodology.

    Examples
    --------
    >>> d = pd.DataFrame({"region_code": list("abcde"), "industry_code": ["3612"] * 5,
    ...                   "year": 2023, "employment": [50.0, 10, 10, 10, 10]})
    >>> d = pd.concat([d, d.assign(industry_code="7010", employment=[50.0, 90, 90, 90, 90])])
    >>> tax = pd.DataFrame({"category": ["elec"], "industry_code": ["36"]})
    >>> r = strong_clusters(d, tax)
    >>> r[r.strong][["region_code", "category"]].values.tolist()
    [['a', 'elec']]
    """
    df = as_pandas(data)
    tax = as_pandas(taxonomy, name="taxonomy")
    for col in (region, industry, year, value):
        if col not in df.columns:
            raise InputError(f"data: missing column {col!r}")
    for col in (category, industry):
        if col not in tax.columns:
            raise InputError(f"taxonomy: missing column {col!r}")
    codes = df[industry].astype(str)
    parts = []
    for prefix, cat in tax[[industry, category]].drop_duplicates().itertuples(index=False):
        hit = codes.str.startswith(str(prefix))
        if hit.any():
            parts.append(df[hit].assign(_cluster=cat))
    if not parts:
        raise InputError("taxonomy: no industry of the data falls in any category")
    cl = pd.concat(parts).drop_duplicates(subset=[region, industry, year, "_cluster"])
    cols = [value] + ([establishments] if establishments else [])
    agg = cl.groupby([year, region, "_cluster"], as_index=False)[cols].sum()
    src = cl.drop_duplicates(subset=[region, industry, year]) if base == "clusters" else df
    reg_tot = src.groupby([year, region])[value].sum().rename("_rt")
    all_tot = src.groupby(year)[value].sum().rename("_t")
    agg = agg.join(reg_tot, on=[year, region]).join(all_tot, on=year)
    agg["_ct"] = agg.groupby([year, "_cluster"])[value].transform("sum")
    agg["lq"] = (agg[value] / agg["_rt"]) / (agg["_ct"] / agg["_t"])
    agg = agg[agg[value] > 0].copy()
    grp = agg.groupby([year, "_cluster"])
    p75 = grp["lq"].transform(lambda s: s.quantile(0.75))
    strong = (agg["lq"] >= p75) & (agg["lq"] >= 1) & (agg[value] > grp[value].transform(lambda s: s.quantile(0.25)))
    if establishments:
        strong &= agg[establishments] > grp[establishments].transform(lambda s: s.quantile(0.25))
    agg["strong"] = strong.to_numpy()
    out = agg.drop(columns=["_rt", "_t", "_ct"]).rename(columns={"_cluster": category})
    return out.sort_values([year, category, "lq"], ascending=[True, True, False]).reset_index(drop=True)
