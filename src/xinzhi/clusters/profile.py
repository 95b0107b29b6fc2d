r"""Cluster profile of a region and year: size, growth, share, specialisation, scale thresholds.

For each cluster k of a system, region R and year t (money in 万元):

* ``output``, ``value_added``, ``revenue``, ``employment``, ``enterprises``: sums over the
  ``region_industry_year`` rows of R's sub-regions whose industry lies under one of the cluster's
  GB/T 4754 codes (only the finest codes present in the panel are summed, so a panel that holds
  both "36" and "3612" is not counted twice). Clusters defined only by enterprise tags use the
  sums over their enterprises in ``enterprise_year`` instead (``basis = "enterprise"``).
* ``growth`` :math:`= v_{t} / v_{t-1} - 1` of the ``measure`` (default output);
* ``share`` :math:`= v_{Rk} / V_R`: share of the region's industry (GB/T 4754 sections B, C, D);
* ``lq`` :math:`= (v_{Rk}/V_R) / (v_{\cdot k} / V_{\cdot})`, the location quotient against all
  regions of the workspace, aggregated to R's level (cities for a city, ...);
* ``strong``: R is among the top ``1 - strong_quantile`` of peer regions by LQ for this cluster
  and ``lq >= strong_min_lq``; the idea of the U.S. Cluster Mapping "strong clusters" (Delgado,
  Porter & Stern 2014), with the thresholds as parameters;
* ``cagr``: trailing compound growth over up to ``window`` years, ``progress_100bn`` /
  ``progress_1tn`` the value over 100 billion / 1 trillion yuan, and ``year_100bn`` /
  ``year_1tn`` the year of crossing at that CAGR (:func:`~xinzhi.clusters.scale.crossing_year`);
* ``leading_enterprises``: the largest enterprises of the cluster in R by revenue.

References
----------
.. [1] Delgado, M., Porter, M. E. & Stern, S. (2014). Clusters, convergence, and economic
   performance. Research Policy, 43(10), 1785-1799.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from xinzhi.chains.membership import expand_industry_maps, members, region_peer_key
from xinzhi.clusters.definitions import ClusterSystem
from xinzhi.clusters.scale import HUNDRED_BILLION, TRILLION, crossing_year, trailing_cagr
from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["INDUSTRY_SECTIONS", "cluster_panel", "cluster_profile", "leaf_codes"]

INDUSTRY_SECTIONS = ("B", "C", "D")
MEASURES = ("output", "value_added", "revenue", "employment", "enterprises")


def leaf_codes(codes: list[str]) -> list[str]:
    """Codes with no finer code in the list.

    Examples
    --------
    >>> leaf_codes(["36", "3612", "3670", "39"])
    ['3612', '3670', '39']
    """
    s = sorted(set(codes))
    return [c for c in s if not any(o != c and o.startswith(c) for o in s)]


def cluster_panel(system: ClusterSystem, region_industry_year: ir.Table, *, industries: pd.DataFrame,
                  region: str, measure: str = "output", strong_quantile: float = 0.8,
                  strong_min_lq: float = 1.0) -> pd.DataFrame:
    """Industry-based measures, share, LQ and strong flag for every peer region, cluster and year.

    Peer regions are the panel's regions aggregated to the level of ``region``. Returns columns
    ``peer``, ``cluster_code``, ``year``, the :data:`MEASURES`, ``industry_total``, ``share``,
    ``lq``, ``strong``.
    """
    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    rit = region_industry_year
    codes = rit.select("industry_code").distinct().to_pandas()["industry_code"].astype(str).tolist()
    leaves = leaf_codes(codes)
    exp = expand_industry_maps(system.members, industries, keys=["cluster_code"])
    exp = exp[exp["industry_code"].isin(leaves)]
    sections = industries.set_index("code")["section"]
    industrial = [c for c in leaves if sections.get(c) in INDUSTRY_SECTIONS]
    t = rit.filter(rit.industry_code.isin(leaves)).mutate(peer=region_peer_key(rit.region_code, region))
    tot = t.filter(t.industry_code.isin(industrial)).group_by(["peer", "year"]).aggregate(
        industry_total=t[measure].sum()
    ).to_pandas()
    cols = ["peer", "cluster_code", "year", *MEASURES, "industry_total", "share", "lq", "strong"]
    if exp.empty:
        return pd.DataFrame(columns=cols)
    m = ibis.memtable(exp.astype(str))
    j = t.join(m, "industry_code")
    panel = j.group_by(["peer", "cluster_code", "year"]).aggregate(
        **{c: j[c].sum() for c in MEASURES}
    ).to_pandas()
    panel = panel.merge(tot, on=["peer", "year"], how="left")
    with np.errstate(invalid="ignore", divide="ignore"):
        panel["share"] = panel[measure] / panel["industry_total"].where(panel["industry_total"] > 0)
        k_tot = panel.groupby(["cluster_code", "year"])[measure].transform("sum")
        all_tot = panel["year"].map(tot.groupby("year")["industry_total"].sum())
        panel["lq"] = panel["share"] / (k_tot / all_tot.where(all_tot > 0))
    # With a single peer region (e.g. a province when the workspace holds one province) the LQ
    # is 1 by construction and says nothing: report it as missing, and never as strong.
    n_peers = panel.groupby("year")["peer"].transform("nunique")
    panel.loc[n_peers < 2, "lq"] = np.nan
    pos = (panel[measure] > 0) & panel["lq"].notna()
    pct = panel[pos].groupby(["cluster_code", "year"])["lq"].rank(pct=True, method="max")
    panel["strong"] = (panel.index.isin(pct.index)) & (pct.reindex(panel.index).fillna(0) >= strong_quantile) & (
        panel["lq"] >= strong_min_lq)
    return panel[cols]


def cluster_profile(
    system: ClusterSystem,
    region_industry_year: ir.Table,
    enterprise: ir.Table,
    enterprise_year: ir.Table,
    *,
    industries: pd.DataFrame,
    region: str,
    region_codes: list[str],
    year: int,
    measure: str = "output",
    window: int = 5,
    strong_quantile: float = 0.8,
    strong_min_lq: float = 1.0,
    top: int = 3,
) -> pd.DataFrame:
    """Profile of every cluster of ``system`` in ``region`` and ``year`` (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        One row per cluster in system order: ``tier``, ``cluster_code``, ``name``, ``basis``,
        the :data:`MEASURES`, ``growth``, ``share``, ``lq``, ``strong``, ``cagr``, ``cagr_years``,
        ``progress_100bn``, ``year_100bn``, ``progress_1tn``, ``year_1tn``, ``firms``,
        ``leading_enterprises``, ``placeholder``.
    """
    if window < 1:
        raise InputError(f"window must be at least 1, got {window}")
    panel = cluster_panel(system, region_industry_year, industries=industries, region=region, measure=measure,
                          strong_quantile=strong_quantile, strong_min_lq=strong_min_lq)
    mine = panel[panel["peer"] == region].set_index(["cluster_code", "year"]).sort_index()

    # enterprise side: membership, firm counts, enterprise sums and leading firms
    mem = members(enterprise, system.members[["cluster_code", "kind", "value"]], industries, keys=["cluster_code"])
    e = enterprise.filter(enterprise.region_code.isin(region_codes)).select("credit_code", "name")
    ey = enterprise_year.filter(enterprise_year.year.isin([year, year - 1]))
    ey = ey.select("credit_code", "year", "output", "value_added", "employees",
                   revenue=ey.revenue.coalesce(ey.main_revenue))
    j = mem.join(e, "credit_code").left_join(ey, "credit_code").drop("credit_code_right")
    agg = j.group_by(["cluster_code", "year"]).aggregate(
        output=j.output.sum(), value_added=j.value_added.sum(), revenue=j.revenue.sum(),
        employment=j.employees.sum(), enterprises=j.credit_code.nunique(),
    ).to_pandas()
    agg = agg[agg["year"].notna()].astype({"year": "int64"}).set_index(["cluster_code", "year"])
    cur = j.filter(j.year == year)
    ranked = cur.mutate(rk=ibis.row_number().over(group_by=cur.cluster_code, order_by=[cur.revenue.desc(), cur.credit_code]))
    tops = ranked.filter(ranked.rk < top).select("cluster_code", "name", "rk").to_pandas()
    leading = tops.sort_values(["cluster_code", "rk"]).groupby("cluster_code")["name"].agg("、".join)
    firms = j.select("cluster_code", "credit_code").distinct().group_by("cluster_code").aggregate(n=ibis._.count()).to_pandas()
    firms_n = firms.set_index("cluster_code")["n"] if len(firms) else pd.Series(dtype="int64")

    has_ind = set(system.members.loc[system.members["kind"] == "industry", "cluster_code"])
    rows = []
    for c in system.clusters.to_dict("records"):
        k = c["cluster_code"]
        basis = "industry" if k in has_ind else "enterprise"
        src = mine if basis == "industry" else agg
        series = src.loc[k] if k in src.index.get_level_values(0) else pd.DataFrame(columns=list(MEASURES))
        now = series.loc[year] if year in series.index else None
        prev = series.loc[year - 1] if (year - 1) in series.index else None
        val = float(now[measure]) if now is not None and pd.notna(now[measure]) else math.nan
        pval = float(prev[measure]) if prev is not None and pd.notna(prev[measure]) else math.nan
        past = [y for y in series.index if year - window <= y < year and pd.notna(series.loc[y, measure])
                and float(series.loc[y, measure]) > 0]
        first = min(past) if past else None
        cagr = trailing_cagr(float(series.loc[first, measure]), val, year - first) if first is not None else math.nan
        row = {"tier": c["tier"], "cluster_code": k, "name": c["name"], "basis": basis}
        for mcol in MEASURES:
            row[mcol] = float(now[mcol]) if now is not None and pd.notna(now[mcol]) else math.nan
        row["growth"] = val / pval - 1 if pval and pval > 0 and not math.isnan(val) else math.nan
        for extra in ("share", "lq"):
            row[extra] = float(now[extra]) if basis == "industry" and now is not None and pd.notna(now[extra]) else math.nan
        row["strong"] = bool(now["strong"]) if basis == "industry" and now is not None else False
        row["cagr"], row["cagr_years"] = cagr, (year - first if first is not None else 0)
        row["progress_100bn"] = val / HUNDRED_BILLION
        row["year_100bn"] = crossing_year(val, year, HUNDRED_BILLION, cagr)
        row["progress_1tn"] = val / TRILLION
        row["year_1tn"] = crossing_year(val, year, TRILLION, cagr)
        row["firms"] = int(firms_n.get(k, 0))
        row["leading_enterprises"] = leading.get(k, "")
        row["placeholder"] = c.get("source") == "placeholder"
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs.update({"region": region, "year": year, "measure": measure})
    return out
