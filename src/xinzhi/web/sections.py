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


def _children_year(data: WebData, region: str, value: str, year: int | None) -> tuple[Any, pd.DataFrame, int, str]:
    """Complexity across the child regions of ``region`` (:mod:`xinzhi.analytics.subregions`):
    the child × industry matrix of ``year``, the child panel, the year and the children's level."""
    def build() -> tuple[Any, pd.DataFrame, int, str]:
        from xinzhi.analytics import complexity
        from xinzhi.analytics.subregions import child_level, within_panel

        if not data.ws.has_data("region_industry_year"):
            raise Unavailable("the workspace has no region_industry_year data")
        regions = data.regions()
        level = child_level(regions, region)
        with data.ibis_lock:
            rows = data.ws.to_pandas("region_industry_year")
        try:
            panel = within_panel(rows, regions, region, value=value)
        except InputError as exc:
            raise Unavailable(str(exc)) from exc
        y = int(panel["year"].max()) if year is None else int(year)
        one = panel[panel["year"] == y]
        if one["region"].nunique() < 2:
            raise Unavailable(f"comparing {region} across its child regions needs two of them with data")
        return complexity(one).year(y), panel, y, str(level)

    key = ("cx-children", region, value, year, *data.version("region", "region_industry_year"))
    return data.cache.get(key, build)


def _has_peers(data: WebData, level: str, value: str, region: str, year: int | None) -> bool:
    """Whether ``region`` and another region of its level have data (the peer comparison)."""
    try:
        cy, _, _ = _complexity_year(data, level, value, year)
    except Unavailable:
        return False
    return region in {str(c) for c in cy.regions}


def _children_or_say_why(data: WebData, row: pd.Series, value: str, year: int | None) -> tuple[Any, pd.DataFrame, int, str]:
    try:
        return _children_year(data, str(row["code"]), value, year)
    except Unavailable:
        raise Unavailable(f"{row['name']}: structure analytics need {value} data for it and another region of "
                          f"level {row['level']}, or for at least two of its child regions") from None


def _names(data: WebData) -> pd.Series:
    ind = data.cache.get(("industry", *data.version("industry")), lambda: data.ws.to_pandas("industry"))
    return ind.set_index("code")["name"]


def specialisation(data: WebData, scope: Scope, region: str, *, value: str = "output",
                   year: int | None = None) -> pd.DataFrame:
    """Industries of ``region``: value, share, location quotient, PCI and density against the
    other regions of its level (from :func:`xinzhi.analytics.complexity`); for a region without
    peers of its level (a province alone in the workspace), computed across its child regions
    (:func:`xinzhi.analytics.subregions.parent_industries`: children specialised, PCI,
    localisation, leading child)."""
    row = data.region(scope, region)
    key = ("specialisation", region, value, year, *data.version("region", "region_industry_year", "industry"))
    return data.cache.get(key, lambda: _specialisation(data, row, value, year)).copy()


def _specialisation(data: WebData, row: pd.Series, value: str, year: int | None) -> pd.DataFrame:
    region = str(row["code"])
    level = str(row["level"])
    if not _has_peers(data, level, value, region, year):
        from xinzhi.analytics.subregions import parent_industries

        cy, panel, y, _ = _children_or_say_why(data, row, value, year)
        one = panel[panel["year"] == y]
        t = parent_industries(cy, one, region_names=data.regions().set_index("code")["name"],
                              industry_names=_names(data))
        t.insert(0, "year", y)
        return t.rename(columns={"industry": "industry_code"})
    cy, _, y = _complexity_year(data, level, value, year)
    idx = {str(c): i for i, c in enumerate(cy.regions)}
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


def subregions(data: WebData, scope: Scope, region: str, *, value: str = "output",
               year: int | None = None) -> pd.DataFrame:
    """The child regions of ``region`` compared (a province's cities): size, share, diversity,
    ECI, COI, HHI, entropy, Krugman index and strongest specialisations within the parent
    (:func:`xinzhi.analytics.subregions.children_profile`)."""
    data.region(scope, region)
    from xinzhi.analytics.subregions import children_profile

    def build() -> pd.DataFrame:
        cy, panel, y, level = _children_year(data, region, value, year)
        t = children_profile(cy, panel[panel["year"] == y], region_names=data.regions().set_index("code")["name"],
                             industry_names=_names(data))
        t.insert(0, "year", y)
        t.insert(1, "level", level)
        return t

    key = ("subregions", region, value, year, *data.version("region", "region_industry_year", "industry"))
    return data.cache.get(key, build).copy()


def opportunities(data: WebData, scope: Scope, region: str, *, strategy: str = "balanced",
                  value: str = "output", year: int | None = None, top: int = 40) -> pd.DataFrame:
    """Opportunities of ``region`` (feasibility × attractiveness with reasons), from
    :func:`xinzhi.analytics.opportunities.opportunities`; for a region without peers of its
    level, the opportunities of each of its child regions (``region`` / ``region_name``
    columns, ``top`` // number of children each, at least 3)."""
    if strategy not in STRATEGIES:
        raise InputError(f"strategy must be one of {', '.join(STRATEGIES)}")
    row = data.region(scope, region)
    key = ("opportunities", region, strategy, value, year, top, *data.version("region", "region_industry_year",
                                                                            "industry"))
    return data.cache.get(key, lambda: _opportunities(data, row, strategy, value, year, top)).copy()


def _opportunities(data: WebData, row: pd.Series, strategy: str, value: str, year: int | None,
                   top: int) -> pd.DataFrame:
    from xinzhi.analytics.opportunities import opportunities as opp
    from xinzhi.analytics.subregions import children_opportunities

    region = str(row["code"])
    level = str(row["level"])
    peers = _has_peers(data, level, value, region, year)
    if peers:
        cy, panel, y = _complexity_year(data, level, value, year)
    else:
        cy, panel, y, _ = _children_or_say_why(data, row, value, year)
    years = sorted(panel["year"].unique())
    growth = None
    if len(years) > 1 and years[0] < y:
        nat = panel.groupby(["year", "industry"])["value"].sum()
        growth = nat.loc[y] / nat.loc[years[0]].replace(0, float("nan")) - 1
    try:
        if peers:
            out = opp(cy, region, strategy=strategy, growth=growth, names=_names(data), top=top)
        else:
            per = max(3, top // max(len(cy.regions), 1))
            out = children_opportunities(cy, top=per, strategy=strategy, growth=growth, names=_names(data),
                                         region_names=data.regions().set_index("code")["name"])
    except (InputError, KeyError, IndexError) as exc:
        raise Unavailable(str(exc)) from exc
    out.insert(list(out.columns).index("industry") + 1, "name", out["industry"].astype(str).map(_names(data)))
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


def cluster_names(data: WebData, region: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` (with ``cluster_code`` and ``name``) with the clusters' names in ``lang``: on English
    pages the system's ``name_en`` where it has one, else the Chinese name."""
    if lang == "zh" or frame.empty or not {"cluster_code", "name"} <= set(frame.columns):
        return frame

    def build() -> dict[str, str]:
        c = data.ws.to_pandas("cluster")
        c = c[(c["system"] == _cluster_system(data, region)) & c["name_en"].fillna("").astype(str).ne("")]
        return dict(zip(c["cluster_code"].astype(str), c["name_en"].astype(str), strict=True))

    english = data.cache.get(("cluster-names-en", region, *data.version("cluster")), build)
    return frame.assign(name=[english.get(str(k), n) for k, n in zip(frame["cluster_code"], frame["name"], strict=True)])


def _cluster_system(data: WebData, region: str) -> str | None:
    """The cluster system defined for ``region`` or, failing that, for its nearest ancestor."""
    from xinzhi.clusters.definitions import default_system

    if data.ws.to_pandas("cluster").empty:
        raise Unavailable("no cluster system in the workspace (xinzhi cluster-system install)")
    return default_system(data.ws, region)


# ---------------------------------------------------------------- chains
def chain_list(data: WebData) -> pd.DataFrame:
    from xinzhi.chains.definitions import list_chains

    return data.cache.get(("chain-list", *data.version("chain_node", "chain_edge")),
                          lambda: list_chains(data.ws)).copy()


def chain_view(data: WebData, scope: Scope, chain: str, region: str, *, year: int | None = None) -> dict[str, Any]:
    """Coverage, ranked gaps, leaders and investment targets of ``chain`` for ``region``
    (:mod:`xinzhi.chains.report`). Leaders are local enterprises and pass the scope check.
    Investment targets lie outside the region's city: those that are enterprises of the
    workspace are shown only to users whose scope covers them (``targets_hidden`` counts the
    others); rows of an imported candidate list (``chain_candidate``: public lists such as
    listed firms) are not workspace enterprises and are shown to every user of the region."""
    data.region(scope, region)
    from xinzhi.chains.report import chain_context, coverage_for, gaps_for, leaders_for, targets_for

    def build() -> dict[str, Any]:
        with data.ibis_lock:
            try:
                ctx = chain_context(data.ws, chain, region, year)
                cov = coverage_for(ctx)
                leaders = leaders_for(ctx)
                targets = targets_for(ctx, cov)
            except NotFoundError as exc:
                raise Unavailable(str(exc)) from exc
        return {"chain": ctx.chain, "year": ctx.year, "coverage": cov, "gaps": gaps_for(cov), "leaders": leaders,
                "targets": targets}

    key = ("chain", chain, region, year, *data.version("region", "enterprise", "enterprise_year", "chain_node",
                                                     "chain_edge", "chain_node_map", "chain_candidate"))
    out = dict(data.cache.get(key, build))
    out["leaders"] = _scoped_by_code(data, scope, out["leaders"])
    targets = out["targets"]
    listed = targets[targets["source"] != "workspace"] if "source" in targets else targets.iloc[0:0]
    own = targets[targets["source"] == "workspace"] if "source" in targets else targets
    visible = _scoped_by_code(data, scope, own)
    out["targets_hidden"] = hidden = len(own) - len(visible)
    out["targets_note"] = {
        "zh": (f"另有 {hidden} 家候选企业位于您的权限范围以外（省级用户可见）；导入的公开候选名单（如上市公司名单）"
               "对所有用户显示。"),
        "en": (f"{hidden} more candidates lie outside your access scope (a province user sees them); rows of "
               "imported public lists (chain_candidate, e.g. listed firms) are shown to every user."),
    } if hidden else None
    shown = pd.concat([visible, listed], ignore_index=True) if len(listed) else visible
    if len(shown) and {"node_rank", "rank"} <= set(shown.columns):
        shown = shown.sort_values(["node_rank", "rank"], kind="stable").reset_index(drop=True)
    out["targets"] = shown
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
                "published", "sentence", "title", "region_code", "indicator", "subject", "measure", "value",
                "unit", "document_id", "url", "sentence_start", "sentence_end", "value_start", "value_end",
                "sources", "conflict", "workspace_shown", "workspace_source", "fact_id"]


def shown_in(value: object, unit: object, lang: str = "zh") -> str:
    """A fact value for reading in the page's language: yuan in 亿元 (万元 below one 亿) or, in
    English, in bn or M yuan, fractions in percent, percentage points, counts with separators,
    physical units (:func:`xinzhi.intelligence.facts.shown_value`)."""
    from xinzhi.intelligence.facts import shown_value

    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return ""
    return shown_value(float(value), str(unit), lang)  # type: ignore[arg-type]


def _iso_day(value: object) -> str | None:
    """A date (or timestamp, or ISO string) as ``YYYY-MM-DD``; None when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return str(pd.Timestamp(value).date())


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
    source sentence, its offsets, the document title and URL (provenance), in document order.

    ``published`` is the publication date of the fact's document (``YYYY-MM-DD``; the fact's own
    date, else its document's), ``sources`` the number of documents the figure was read from,
    ``conflict`` whether it disagrees with the workspace's figure (``workspace_shown``, from
    ``workspace_source``)."""
    data.region(scope, region)
    if not data.ws.has_data("fact"):
        raise Unavailable("no extracted facts in the workspace (run `xinzhi extract`)")

    def build() -> pd.DataFrame:
        zh, en = _indicator_names()
        f = data.ws.to_pandas("fact")
        docs = data.ws.to_pandas("document")
        doc_cols = [c for c in ("document_id", "title", "url", "published") if c in docs]
        f = f.merge(docs[doc_cols].rename(columns={"published": "doc_published"}), on="document_id", how="left")
        own = f["published"] if "published" in f else pd.Series(None, index=f.index, dtype=object)
        doc = f["doc_published"] if "doc_published" in f else pd.Series(None, index=f.index, dtype=object)
        f["published"] = [_iso_day(a) or _iso_day(b) for a, b in zip(own, doc, strict=True)]
        if "workspace_value" in f:
            f["workspace_shown"] = [shown_in(v, u) for v, u in zip(f["workspace_value"], f["unit"], strict=True)]
        f["region_name"] = f["region_code"].map(data.region_names())
        f["indicator_zh"] = f["indicator"].map(zh).fillna(f["indicator"])
        f["indicator_en"] = f["indicator"].map(en).fillna(f["indicator"])
        f["shown"] = [shown_in(v, u) for v, u in zip(f["value"], f["unit"], strict=True)]
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
