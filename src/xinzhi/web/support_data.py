"""The data behind the 政策匹配 pages and the support API: push lists per measure, one firm's
measures, digital services, early warnings and loans, for a user's region scope.

Everything is computed by :mod:`xinzhi.support` (matching all firms once per snapshot of the
inputs, cached); enterprise rows are then joined with
:meth:`xinzhi.web.service.WebData.scoped_enterprises` (the scope check, with row-level security on
PostgreSQL) and kept to the chosen region and below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.access.scope import Scope
from xinzhi.errors import InputError, NotFoundError
from xinzhi.regions import descendants
from xinzhi.support.firm import FirmSupport, firm_support
from xinzhi.support.reasons import reason, status_label
from xinzhi.support.rules import Measure

if TYPE_CHECKING:
    from xinzhi.support.reports import FirmProfile, ServiceReport
    from xinzhi.web.service import WebData

__all__ = ["SupportMatch", "firm", "measure_summary", "push_list", "services", "support_match", "warnings"]

#: tables whose snapshots the support results depend on
INPUTS = ("enterprise", "enterprise_year", "support_declaration", "region", "park", "digital_answer",
          "digital_solution", "digital_provider", "support_resource", "loan_product", "project")
FIRM_INFO = ["credit_code", "name", "region_code", "region_name", "park_code", "industry_code"]


@dataclass
class SupportMatch:
    """The push-list rows of every firm (eligible, to confirm, near) and what they were matched on."""

    rows: pd.DataFrame
    measures: dict[str, Measure]
    year: int
    on: Any


def _key(data: WebData, *extra: Any) -> tuple[Any, ...]:
    return (*data.version(*INPUTS), data.digital_runs(), data.gradient_runs(), *extra)


def support_match(data: WebData) -> SupportMatch:
    """Every firm matched to every measure in force on the workspace's reference date (cached)."""
    def build() -> SupportMatch:
        from xinzhi.support.loader import load_measures
        from xinzhi.support.runs import data_year, match_workspace, reference_date

        with data.ibis_lock:
            on, year = reference_date(data.ws), data_year(data.ws)
            measures = load_measures(on=on)
            _, rows = match_workspace(data.ws, year=year, on=on, measures=measures, save=False)
        return SupportMatch(rows, {m.id: m for m in measures}, year, on)

    return data.cache.get(("support-match", *_key(data)), build)


def _below(data: WebData, region: str) -> frozenset[str]:
    return data.cache.get(("support-below", region, *data.version("region")),
                          lambda: frozenset(descendants(data.regions(), region)["code"]))


def visible(data: WebData, scope: Scope, region: str, frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Rows of ``frame`` (with ``credit_code``) whose firm ``scope`` may see and that lie in
    ``region`` or below, joined with the firm's name, region (its English name on English pages),
    park and industry."""
    data.region(scope, region)
    below = _below(data, region)
    ent = data.scoped_enterprises(scope)
    ent = ent[(ent["region_code"].isin(below) | ent["park_code"].isin(below)).fillna(False).astype(bool)]
    ent = ent[FIRM_INFO]
    if lang != "zh":
        names = region_names(data, lang)
        ent = ent.assign(region_name=ent["region_code"].map(names))
    return frame.drop(columns=[c for c in FIRM_INFO[1:] if c in frame]).merge(ent, on="credit_code", how="inner")


def region_names(data: WebData, lang: str) -> dict[str, str]:
    """Region names as a page in ``lang`` shows them, by code: the Chinese name, or in English the
    English name with the Chinese one beside it (``Cuiping 翠屏区``, as
    :meth:`WebData.region_display`; regions without an English name keep the Chinese)."""
    r = data.regions()
    if lang == "zh":
        return dict(zip(r["code"], r["name"], strict=True))
    return {str(c): (f"{e} {n}" if isinstance(e, str) and e else str(n))
            for c, n, e in zip(r["code"], r["name"], r["name_en"], strict=True)}


def measure_summary(data: WebData, scope: Scope, region: str, lang: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Per measure: eligible firms, their estimated benefit (万元), firms to confirm and near
    misses in ``region``; and headline figures (firms eligible for at least one measure, total)."""
    sm = support_match(data)
    if data.postgres:  # the row-level security query runs for every request
        return _summary(data, scope, region, lang, sm)
    key = ("support-summary", scope.region_code, region, lang, *_key(data))
    table, heads = data.cache.get(key, lambda: _summary(data, scope, region, lang, sm))
    return table.copy(), dict(heads)


def _summary(data: WebData, scope: Scope, region: str, lang: str, sm: SupportMatch) -> tuple[pd.DataFrame, dict[str, Any]]:
    rows = visible(data, scope, region, sm.rows)
    out = []
    for mid, m in sm.measures.items():
        mine = rows[rows["measure"] == mid]
        ok = mine[mine["status"] == "eligible"]
        out.append({"measure": mid, "title": m.title if lang == "zh" else m.title_en, "category": m.category,
                    "number": m.source.number, "eligible": len(ok), "benefit": ok["benefit"].sum(min_count=1),
                    "to_confirm": int((mine["status"] == "to_confirm").sum()),
                    "near": int((mine["status"] == "near").sum())})
    ok = rows[rows["status"] == "eligible"]
    heads = {"firms": int(ok["credit_code"].nunique()), "benefit": float(ok["benefit"].sum()),
             "measures": len(sm.measures), "year": sm.year, "on": sm.on}
    return pd.DataFrame(out), heads


def push_list(data: WebData, scope: Scope, region: str, measure_id: str, lang: str) -> dict[str, Any]:
    """The push list of one measure in ``region``: eligible firms (largest benefit first), near
    misses (smallest gap first) and firms to confirm, each with the reason in the page language."""
    sm = support_match(data)
    m = sm.measures.get(measure_id)
    if m is None:
        raise NotFoundError("not found")
    rows = visible(data, scope, region, sm.rows[sm.rows["measure"] == measure_id], lang)
    rows = rows.assign(reason=[reason(m, r, lang) for r in rows.to_dict("records")])
    parts = {s: rows[rows["status"] == s] for s in ("eligible", "near", "to_confirm")}
    parts["eligible"] = parts["eligible"].sort_values("benefit", ascending=False, na_position="last", kind="stable")
    parts["near"] = parts["near"].sort_values("gap", kind="stable")
    return {"measure": m, "year": sm.year, "on": sm.on, "rows": rows, **parts}


def firm(data: WebData, scope: Scope, credit_code: str, lang: str) -> tuple[pd.Series, FirmProfile, FirmSupport]:
    """One firm the scope may see: its enterprise row, its support profile and its measures (from
    the panel of every firm and the services report of every firm, computed once per snapshot)."""
    from xinzhi.support.reports import firm_panel, firm_profile, services_report

    code = credit_code.strip().upper()
    row = data.enterprise_row(scope, code)
    sm = support_match(data)

    def build() -> tuple[FirmProfile, FirmSupport]:
        panel = data.cache.get(("support-firm-panel", *_key(data)),
                               lambda: firm_panel(data.ws, year=sm.year, on=sm.on))
        try:
            every = data.cache.get(("support-services", lang, *_key(data)), lambda: services_report(data.ws, lang=lang))
        except InputError:  # no questionnaire answers: firm_profile says so itself
            own = None
        else:
            own = _services_of(data, every, lang, code)
        profile = firm_profile(data.ws, code, year=sm.year, on=sm.on, lang=lang, panel=panel, services=own)
        return profile, firm_support(profile.matches, sm.measures, lang)

    profile, support = data.cache.get(("support-firm", code, lang, *_key(data)), build)
    return row, profile, support


def _services_of(data: WebData, every: ServiceReport, lang: str, code: str) -> ServiceReport:
    """The part of the services report of every firm that is about firm ``code`` (its offers and
    solutions, in the report's order), located through a per-code index built once per report."""
    from xinzhi.support.reports import ServiceReport, by_credit_code

    def index() -> tuple[pd.DataFrame, dict[str, slice], pd.DataFrame, dict[str, slice]]:
        return (*by_credit_code(every.offers), *by_credit_code(every.matches))

    offers, at_offer, matches, at_match = data.cache.get(("support-services-by-code", lang, *_key(data)), index)
    return ServiceReport(every.year, offers.iloc[at_offer.get(code, slice(0, 0))],
                         matches.iloc[at_match.get(code, slice(0, 0))], every.demand, every.supply)


def services(data: WebData, scope: Scope, region: str, lang: str) -> ServiceReport:
    """Digital-service matching of the assessed firms the scope may see in ``region``; demand by
    scene and supply by provider are computed over those firms only."""
    from xinzhi.support.reports import ServiceReport, services_report
    from xinzhi.support.services import demand_by_scene, supply_by_provider

    def build() -> ServiceReport:
        with data.ibis_lock:
            return services_report(data.ws, lang=lang)

    full = data.cache.get(("support-services", lang, *_key(data)), build)
    firms = set(visible(data, scope, region, full.offers[["credit_code"]].drop_duplicates())["credit_code"])
    offers = full.offers[full.offers["credit_code"].isin(firms)]
    matches = full.matches[full.matches["credit_code"].isin(firms)]
    gaps = offers[["credit_code", "item", "item_label", "left"]].assign(
        group=offers["item"].map(dict(zip(full.demand["item"], full.demand["group"], strict=True))).fillna(""))
    sol = data.cache.get(("support-solutions", *data.version("digital_solution")),
                         lambda: data.ws.to_pandas("digital_solution"))
    prov = data.cache.get(("support-providers", *data.version("digital_provider")),
                          lambda: data.ws.to_pandas("digital_provider"))
    return ServiceReport(full.year, offers, matches, demand_by_scene(gaps, matches), supply_by_provider(matches, sol, prov))


def warnings(data: WebData, scope: Scope, region: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Firms of ``region`` with an early-warning level (highest score first), and the 银企对接
    list of loan products for firms in difficulty or with a project about to start."""
    from xinzhi.support.reports import loans_report, warnings_report

    def build() -> tuple[pd.DataFrame, pd.DataFrame]:
        with data.ibis_lock:
            every = warnings_report(data.ws, lang=lang, all_levels=True)
            loans = loans_report(data.ws, lang=lang, firms=every) if data.ws.has_data("loan_product") else pd.DataFrame()
        return every, loans

    every, loans = data.cache.get(("support-warnings", lang, *_key(data)), build)
    flagged = visible(data, scope, region, every[every["level"].notna()], lang)
    shown = visible(data, scope, region, loans, lang) if len(loans) else loans
    return flagged.sort_values("score", ascending=False, kind="stable"), shown


def status_text(status: str, lang: str) -> str:
    """The status label in the page language."""
    return status_label(status, lang)
