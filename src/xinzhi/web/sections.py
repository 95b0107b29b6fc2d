"""Adapters from the domain packages (structure analytics, clusters, chains, delivery,
intelligence) to the frames the pages and the API show.

Each function calls the package's own service functions; nothing here computes an indicator.
A capability whose package is missing, or whose data the workspace lacks, raises
:class:`Unavailable`, and the page says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.access.disclosure import limit_outside_totals
from xinzhi.access.scope import Scope, restrict
from xinzhi.errors import InputError, NotFoundError, XinzhiError

if TYPE_CHECKING:
    from xinzhi.web.service import WebData

STRATEGIES = ("low_hanging", "balanced", "long_jumps")


class Unavailable(XinzhiError):
    """A capability is not installed or the workspace has no data for it."""


# ---------------------------------------------------------------- structure
def _level_totals(data: WebData, level: str, value: str) -> pd.DataFrame:
    """``region_industry_year`` summed to ``level`` by :func:`xinzhi.analytics.levels.level_panel`,
    cached per snapshot."""
    from xinzhi.analytics.levels import level_panel

    def build() -> pd.DataFrame:
        if not data.ws.has_data("region_industry_year"):
            raise Unavailable("the workspace has no region_industry_year data")
        with data.ibis_lock:
            try:
                return level_panel(data.ws, level=level, value=value)
            except InputError as exc:
                raise Unavailable(str(exc)) from exc

    return data.cache.get(("levels", level, value, *data.version("region", "region_industry_year")), build)


def _complexity_year(data: WebData, level: str, value: str, year: int | None) -> tuple[Any, pd.DataFrame, int]:
    def build() -> tuple[Any, pd.DataFrame, int]:
        from xinzhi.analytics import complexity

        panel = _level_totals(data, level, value)
        y = int(panel["year"].max()) if year is None else int(year)
        one = panel[panel["year"] == y]
        if one["region"].nunique() < 2:
            raise Unavailable(f"structure analytics need at least two regions of level {level} with data")
        return complexity(one).year(y), panel, y

    key = ("cx", level, value, year, *data.version("region", "region_industry_year"))
    return data.cache.get(key, build)


def _names(data: WebData) -> pd.Series:
    ind = data.cache.get(("industry", *data.version("industry")), lambda: data.ws.to_pandas("industry"))
    return ind.set_index("code")["name"]


def specialisation(data: WebData, scope: Scope, region: str, *, value: str = "output",
                   year: int | None = None) -> pd.DataFrame:
    """Industries of ``region``: value, share, location quotient, PCI and density
    (from :func:`xinzhi.analytics.complexity`)."""
    row = data.region(scope, region)
    cy, _, y = _complexity_year(data, str(row["level"]), value, year)
    idx = {str(c): i for i, c in enumerate(cy.regions)}
    if region not in idx:
        raise Unavailable(f"{row['name']} has no {value} data in {y}")
    c = idx[region]
    x = cy.values[c]
    table = pd.DataFrame({
        "year": y, "industry_code": [str(i) for i in cy.industries], "value": x,
        "share": x / x.sum() if x.sum() else float("nan"),
        "lq": cy.rca[c] if cy.rca is not None else float("nan"),
        "present": cy.mcp[c].astype(int), "pci": cy.pci, "density": cy.density[c],
    })
    table.insert(2, "name", table["industry_code"].map(_names(data)))
    return table.sort_values("value", ascending=False).reset_index(drop=True)


def opportunities(data: WebData, scope: Scope, region: str, *, strategy: str = "balanced",
                  value: str = "output", year: int | None = None, top: int = 40) -> pd.DataFrame:
    """Opportunities of ``region`` (feasibility × attractiveness with reasons), from
    :func:`xinzhi.analytics.opportunities.opportunities`."""
    if strategy not in STRATEGIES:
        raise InputError(f"strategy must be one of {', '.join(STRATEGIES)}")
    row = data.region(scope, region)
    from xinzhi.analytics.opportunities import opportunities as opp
    cy, panel, y = _complexity_year(data, str(row["level"]), value, year)
    years = sorted(panel["year"].unique())
    growth = None
    if len(years) > 1 and years[0] < y:
        nat = panel.groupby(["year", "industry"])["value"].sum()
        growth = nat.loc[y] / nat.loc[years[0]].replace(0, float("nan")) - 1
    try:
        out = opp(cy, region, strategy=strategy, growth=growth, names=_names(data), top=top)
    except (InputError, KeyError, IndexError) as exc:
        raise Unavailable(str(exc)) from exc
    code_col = next((c for c in ("industry", "industry_code") if c in out), None)
    if code_col and "name" not in out:
        out.insert(list(out.columns).index(code_col) + 1, "name", out[code_col].astype(str).map(_names(data)))
    return out


# ---------------------------------------------------------------- clusters
def clusters(data: WebData, scope: Scope, region: str, *, year: int | None = None) -> pd.DataFrame:
    """Cluster profile of ``region`` (tiers, thresholds progress) from
    :func:`xinzhi.clusters.report.profile_for`."""
    data.region(scope, region)
    from xinzhi.clusters.report import profile_for

    def build() -> pd.DataFrame:
        system = _cluster_system(data, region)
        with data.ibis_lock:
            try:
                return profile_for(data.ws, region, system=system, year=year)
            except NotFoundError as exc:
                raise Unavailable(str(exc)) from exc

    key = ("clusters", region, year, *data.version("region", "region_industry_year", "enterprise", "enterprise_year",
                                                   "cluster", "cluster_member"))
    return data.cache.get(key, build).copy()


def _cluster_system(data: WebData, region: str) -> str | None:
    """The cluster system defined for ``region`` or, failing that, for its nearest ancestor."""
    from xinzhi.clusters.definitions import default_system

    if data.ws.to_pandas("cluster").empty:
        raise Unavailable("no cluster system in the workspace (xinzhi cluster-system install)")
    return default_system(data.ws, region)


# ---------------------------------------------------------------- chains
def chain_list(data: WebData) -> pd.DataFrame:
    from xinzhi.chains.definitions import list_chains
    with data.ibis_lock:
        return list_chains(data.ws)


def chain_view(data: WebData, scope: Scope, chain: str, region: str, *, year: int | None = None) -> dict[str, Any]:
    """Coverage, gaps, leaders and investment targets of ``chain`` for ``region``
    (:mod:`xinzhi.chains.report`). Leaders are local enterprises and pass the scope check;
    investment targets are enterprises of *other* regions and are shown only to users whose
    scope covers them."""
    data.region(scope, region)
    from xinzhi.chains.report import chain_context, coverage_for, leaders_for, targets_for

    def build() -> dict[str, Any]:
        with data.ibis_lock:
            try:
                ctx = chain_context(data.ws, chain, region, year)
                cov = coverage_for(ctx)
                leaders = leaders_for(ctx)
                targets = targets_for(ctx, cov)
            except NotFoundError as exc:
                raise Unavailable(str(exc)) from exc
        return {"chain": ctx.chain, "year": ctx.year, "coverage": cov, "leaders": leaders, "targets": targets}

    key = ("chain", chain, region, year, *data.version("region", "enterprise", "enterprise_year", "chain_node",
                                                     "chain_edge", "chain_node_map"))
    out = dict(data.cache.get(key, build))
    out["leaders"] = _scoped_by_code(data, scope, out["leaders"])
    out["targets"] = _scoped_by_code(data, scope, out["targets"])
    cov = out["coverage"].copy()
    if "top_firms" in cov and not scope.unrestricted:
        cov = cov.drop(columns=["top_firms"])  # names of firms: shown in the scoped leaders table
    base = data.enterprise_base()  # totals over few firms outside the scope are withheld:
    out["coverage"] = limit_outside_totals(cov, sees_everyone=len(restrict(scope, base)) == len(base))
    return out


def _scoped_by_code(data: WebData, scope: Scope, frame: pd.DataFrame) -> pd.DataFrame:
    """Enterprise rows of a domain result, kept only when the scope may see the enterprise."""
    if frame.empty or "credit_code" not in frame:
        return frame
    loc = data.enterprise_base()[["credit_code", "region_code", "park_code"]]
    merged = frame.drop(columns=[c for c in ("region_code", "park_code") if c in frame]).merge(
        loc, on="credit_code", how="left")
    return restrict(scope, merged).reset_index(drop=True)


# ---------------------------------------------------------------- delivery
def targets(data: WebData, scope: Scope, region: str) -> pd.DataFrame:
    data.region(scope, region)
    from xinzhi.delivery.reports import targets_report
    key = ("targets", region, *data.version("region", "target", "indicator", "indicator_value"))

    def build() -> pd.DataFrame:
        try:
            return targets_report(data.ws, region)
        except NotFoundError as exc:
            raise Unavailable(str(exc)) from exc

    return data.cache.get(key, build)


def projects(data: WebData, scope: Scope, region: str, *, late_only: bool = False) -> pd.DataFrame:
    data.region(scope, region)
    from xinzhi.delivery.reports import projects_report
    key = ("projects", region, *data.version("region", "project", "project_progress", "project_milestone"))

    def build() -> pd.DataFrame:
        try:
            return projects_report(data.ws, region)
        except NotFoundError as exc:
            raise Unavailable(str(exc)) from exc

    out = data.cache.get(key, build)
    return out[out["late"]].reset_index(drop=True) if late_only else out


# ---------------------------------------------------------------- intelligence
FACT_COLUMNS = ["region_name", "indicator_zh", "indicator_en", "shown", "period", "kind", "qualifier",
                "sentence", "title", "region_code", "indicator", "value", "unit", "document_id",
                "sentence_start", "sentence_end", "value_start", "value_end", "fact_id"]


def _shown(value: float, unit: str) -> str:
    """A fact value for reading: yuan in 亿元, fractions in percent, counts with separators."""
    if pd.isna(value):
        return ""
    if unit == "yuan":
        return f"{value / 1e8:,.1f} 亿元"
    if unit == "fraction":
        return f"{100 * value:.1f}%"
    return f"{value:,.0f}"


def _indicator_names() -> tuple[dict[str, str], dict[str, str]]:
    from xinzhi.intelligence.lexicon import load_lexicon

    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for ind in load_lexicon().indicators.values():
        zh[ind.code], en[ind.code] = ind.name_zh, ind.name_en
        zh[f"{ind.code}_growth"], en[f"{ind.code}_growth"] = f"{ind.name_zh}增速", f"{ind.name_en} growth"
    return zh, en


def _below(data: WebData, scope: Scope, region: str, codes: pd.Series) -> pd.Series:
    """Rows whose region is ``region`` or below it, and inside ``scope``."""
    from xinzhi.regions import descendants

    below = set(descendants(data.regions(), region)["code"])
    keep = codes.fillna("").isin(below)
    if scope.codes is not None:
        keep &= codes.fillna("").isin(scope.codes)
    return keep


def facts(data: WebData, scope: Scope, region: str, *, limit: int = 500) -> pd.DataFrame:
    """Extracted news facts about ``region`` or regions below it (table ``fact``), with the
    source sentence, its offsets and the document title (provenance), in document order."""
    data.region(scope, region)
    if not data.ws.has_data("fact"):
        raise Unavailable("no extracted facts in the workspace (run `xinzhi extract`)")

    def build() -> pd.DataFrame:
        zh, en = _indicator_names()
        f = data.ws.to_pandas("fact")
        docs = data.ws.to_pandas("document")
        f = f.merge(docs[["document_id", "title"]], on="document_id", how="left")
        f["region_name"] = f["region_code"].map(data.region_names())
        f["indicator_zh"] = f["indicator"].map(zh).fillna(f["indicator"])
        f["indicator_en"] = f["indicator"].map(en).fillna(f["indicator"])
        f["shown"] = [_shown(v, u) for v, u in zip(f["value"], f["unit"], strict=True)]
        f = f.sort_values(["title", "document_id", "value_start"], kind="stable")
        return f[[c for c in FACT_COLUMNS if c in f]].reset_index(drop=True)

    f = data.cache.get(("facts", *data.version("fact", "document", "region")), build)
    return f[_below(data, scope, region, f["region_code"])].head(limit).reset_index(drop=True)


def priorities(data: WebData, scope: Scope, region: str) -> pd.DataFrame:
    """Priority industries named in documents about ``region`` or below it (table ``priority``)."""
    data.region(scope, region)
    if not data.ws.has_data("priority"):
        raise Unavailable("no priority lists in the workspace (run `xinzhi extract`)")

    def build() -> pd.DataFrame:
        p = data.ws.to_pandas("priority")
        docs = data.ws.to_pandas("document")
        p = p.merge(docs[["document_id", "title"]], on="document_id", how="left")
        p["region_name"] = p["region_code"].map(data.region_names())
        cols = ["region_name", "category", "item", "taxonomy_name", "sentence", "title", "region_code",
                "document_id", "item_start", "item_end"]
        return p.sort_values(["title", "item_start"], kind="stable")[[c for c in cols if c in p]].reset_index(drop=True)

    p = data.cache.get(("priorities", *data.version("priority", "document", "region")), build)
    return p[_below(data, scope, region, p["region_code"])].reset_index(drop=True)
