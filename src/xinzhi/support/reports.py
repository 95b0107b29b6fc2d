"""Workspace-level support reports for the CLI and the dashboard: stages and resources, digital
services, early warnings and loans. Each reads the workspace and calls the pure functions of its
module; region filters keep the firms registered (or located in a park) in the region or below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from xinzhi.errors import InputError
from xinzhi.regions import descendants, resolve_region
from xinzhi.support.loader import load_warning_rulebook
from xinzhi.support.loans import loan_matches, projects_about_to_start
from xinzhi.support.resources import match_resources
from xinzhi.support.runs import DIGITAL_RULEBOOK, data_year, reference_date, workspace_panel
from xinzhi.support.services import (
    demand_by_scene,
    item_gaps,
    match_services,
    service_offers,
    supply_by_provider,
)
from xinzhi.support.warning import explain_warning, score_warning

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["FIRM_COLUMNS", "FirmPanel", "FirmProfile", "ServiceReport", "firm_frame", "firm_panel", "firm_profile", "in_region", "loans_report",
           "resources_report", "services_report", "stage_report", "warnings_report"]

#: panel columns the stage, resource and loan reports read
FIRM_COLUMNS = ("credit_code", "year", "region_code", "park_code", "industry_code", "size_class", "above_scale",
                "tags", "revenue", "revenue_1", "debt_ratio", "age", "equity_financing", "equity_financing_1",
                "equity_financing_2", "stage", "stage_rule")


def in_region(regions: pd.DataFrame, frame: pd.DataFrame, region: str | None) -> pd.DataFrame:
    """Rows of ``frame`` (``region_code``, ``park_code``) in ``region`` or below (all when ``None``)."""
    if region is None:
        return frame
    code = str(resolve_region(regions, region)["code"])
    below = set(descendants(regions, code)["code"])
    mask = frame["region_code"].isin(below) | frame["park_code"].isin(below)
    return frame[mask.fillna(False).astype(bool)]


def firm_frame(ws: Workspace, *, year: int | None = None, warnings: bool = False) -> pd.DataFrame:
    """Every firm of the data year with :data:`FIRM_COLUMNS`, its name and ``last_round`` (latest
    equity financing of the last three years, 万元); with ``warnings`` also the early-warning
    columns of :func:`xinzhi.support.warning.score_warning`."""
    year = data_year(ws) if year is None else year
    panel, _ = workspace_panel(ws, year=year)
    frame = panel.select(*FIRM_COLUMNS)
    if warnings:
        scored = score_warning(panel, load_warning_rulebook()).drop("year").rename(__w="credit_code")
        frame = frame.left_join(scored, frame.credit_code == scored.__w).drop("__w")
    return _with_names(ws, frame.to_pandas())


def _with_names(ws: Workspace, out: pd.DataFrame) -> pd.DataFrame:
    """Add ``last_round`` (the latest equity round of the last three years, 万元) and ``name``."""
    rounds = out[["equity_financing", "equity_financing_1", "equity_financing_2"]].where(lambda x: x > 0)
    out["last_round"] = rounds.bfill(axis=1).iloc[:, 0]
    names = ws.to_pandas("enterprise")[["credit_code", "name"]]
    return out.merge(names, on="credit_code", how="left")


def stage_report(ws: Workspace, region: str | None = None, *, year: int | None = None) -> pd.DataFrame:
    """Stage and the rule that placed each firm of ``region``."""
    frame = in_region(ws.to_pandas("region"), firm_frame(ws, year=year), region)
    return frame[["credit_code", "name", "region_code", "industry_code", "revenue", "stage", "stage_rule"]] \
        .reset_index(drop=True)


def resources_report(ws: Workspace, firms: pd.DataFrame, *, lang: str = "zh", top: int = 8,
                     tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The best resources for each firm of ``firms`` (rows of :func:`firm_frame`), by
    :func:`xinzhi.support.resources.match_resources` (``tables``: the ``region`` and
    ``support_resource`` tables when the caller has read them already)."""
    if tables is not None:
        resources = tables.get("support_resource")
        if resources is None:
            return match_resources(pd.DataFrame(), pd.DataFrame())
        regions = tables["region"]
    else:
        if not ws.has_data("support_resource"):
            return match_resources(pd.DataFrame(), pd.DataFrame())
        resources, regions = ws.to_pandas("support_resource"), ws.to_pandas("region")
    regions = regions[regions["code"].isin(resources["region_code"])]  # names of the resources' regions only
    names = dict(zip(regions["code"], regions["name"] if lang == "zh" else regions["name_en"].fillna(regions["name"]),
                     strict=True))
    return match_resources(firms, resources, names, lang=lang, top=top)


def warnings_report(ws: Workspace, region: str | None = None, *, year: int | None = None, lang: str = "zh",
                    all_levels: bool = False) -> pd.DataFrame:
    """Firms with an early-warning level (or all firms with ``all_levels``), highest score first:
    ``credit_code``, ``name``, ``region_code``, ``score``, ``level``, ``level_label``, ``why``,
    ``need`` (revenue lost on the year, 万元), ``n_missing`` and the signal values and points."""
    book = load_warning_rulebook()
    frame = in_region(ws.to_pandas("region"), firm_frame(ws, year=year, warnings=True), region)
    if not all_levels:
        frame = frame[frame["level"].notna()]
    labels = {lv.id: (lv.label if lang == "zh" else lv.label_en) for lv in book.levels}
    scored = frame["score"] > 0  # only firms with a signal have something to explain
    why = pd.Series("", index=frame.index, dtype=object)
    why[scored] = [explain_warning(r, book, lang) for r in frame[scored].to_dict("records")]
    frame = frame.assign(level_label=frame["level"].map(labels), why=why,
                         need=(frame["revenue_1"] - frame["revenue"]).where(lambda x: x > 0))
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def loans_report(ws: Workspace, region: str | None = None, *, year: int | None = None,
                 as_of: dt.date | None = None, horizon_days: int = 180, lang: str = "zh",
                 firms: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 银企对接 list (:func:`xinzhi.support.loans.loan_matches`) for firms of ``region`` in
    difficulty (at or above the warning rulebook's difficulty level) or with a project about to start.

    ``firms`` is :func:`warnings_report` with ``all_levels`` when the caller has it already."""
    if not ws.has_data("loan_product"):
        raise InputError("the workspace has no loan_product table (xinzhi import loan_product FILE)")
    book = load_warning_rulebook()
    if firms is None:
        firms = warnings_report(ws, region, year=year, lang=lang, all_levels=True)
    hard = firms[firms["score"] >= book.difficulty_score() - 1e-9]
    difficulty = hard.assign(why=[f"{lvl} {s:g}：{w}" if lang == "zh" else f"{lvl} {s:g}: {w}"
                                  for lvl, s, w in zip(hard["level_label"], hard["score"], hard["why"], strict=True)])
    projects = ws.to_pandas("project") if ws.has_data("project") else pd.DataFrame()
    upcoming = projects_about_to_start(projects, firms, as_of=as_of or reference_date(ws), horizon_days=horizon_days)
    return loan_matches(ws.to_pandas("loan_product"), firms, difficulty[["credit_code", "score", "level", "need", "why"]],
                        upcoming)


@dataclass
class ServiceReport:
    """Digital-service matching of the assessed firms of a region: ``offers`` (per firm and weak
    item), ``matches`` (per firm, item and solution), ``demand`` (by scene), ``supply`` (by provider)."""

    year: int | None
    offers: pd.DataFrame
    matches: pd.DataFrame
    demand: pd.DataFrame
    supply: pd.DataFrame


def services_report(ws: Workspace, region: str | None = None, *, year: int | None = None, lang: str = "zh",
                    rulebook: str = DIGITAL_RULEBOOK, credit_codes: list[str] | None = None) -> ServiceReport:
    """Match the weakest questionnaire items of every assessed firm of ``region`` (or of
    ``credit_codes``) to the catalog."""
    from xinzhi.evaluation.digital_answers import prepare_answers, score_answers
    from xinzhi.evaluation.digital_rulebook import DigitalRulebook
    from xinzhi.evaluation.loader import load_rulebook

    book = load_rulebook(rulebook)
    if not isinstance(book, DigitalRulebook) or not book.items:
        raise InputError(f"{rulebook} is not a digital-maturity rulebook with questionnaire items")
    if not ws.has_data("digital_answer"):
        raise InputError("the workspace has no digital_answer table (questionnaire answers)")
    answers = ws.table("digital_answer")
    year = int(answers.year.max().execute()) if year is None else year
    raw = answers.filter(answers.year == year)
    if credit_codes is not None:
        raw = raw.filter(raw.credit_code.isin(credit_codes))
    raw = raw.to_pandas()
    ent = in_region(ws.to_pandas("region"), ws.to_pandas("enterprise"), region)
    raw = raw[raw["credit_code"].isin(set(ent["credit_code"]))]
    prepared = prepare_answers(raw, book, source=f"digital_answer ({year})", year=year).drop(columns="year")
    points = score_answers(ibis.memtable(prepared), book).to_pandas() if len(prepared) else \
        pd.DataFrame(columns=["credit_code", "item", "points"])
    firms = sorted(set(raw["credit_code"]))
    gaps = item_gaps(points, book, firms, lang=lang)
    solutions = ws.to_pandas("digital_solution")
    providers = ws.to_pandas("digital_provider")
    matches = match_services(gaps, ent[["credit_code", "industry_code", "region_code"]], solutions, providers)
    return ServiceReport(year, service_offers(gaps, matches, lang), matches, demand_by_scene(gaps, matches),
                         supply_by_provider(matches, solutions, providers))


@dataclass
class FirmProfile:
    """Everything the support pages show for one firm: the match rows of every measure (all
    statuses), its stage and the rule that placed it, its early-warning row, the resources, the
    digital-service offers and solutions, and the loan products that fit it."""

    credit_code: str
    year: int
    on: dt.date
    matches: pd.DataFrame
    stage: str | None
    stage_rule: str | None
    warning: pd.Series | None
    resources: pd.DataFrame
    offers: pd.DataFrame
    solutions: pd.DataFrame
    loans: pd.DataFrame


@dataclass
class FirmPanel:
    """Every firm's panel row (:data:`FIRM_COLUMNS` with names), match rows of every measure (all
    statuses) and early-warning score, computed once for the workspace (:func:`firm_panel`), each
    sorted by credit code with the rows of each firm located (``where``)."""

    year: int
    on: dt.date
    rows: pd.DataFrame
    matches: pd.DataFrame
    scored: pd.DataFrame
    where: dict[str, dict[str, slice]]
    #: the workspace tables a profile reads whole (``region``, and ``support_resource``,
    #: ``project``, ``loan_product`` when the workspace has them)
    tables: dict[str, pd.DataFrame]

    def of(self, part: str, credit_code: str) -> pd.DataFrame:
        """The rows of ``credit_code`` in ``part`` (``rows``, ``matches`` or ``scored``)."""
        frame: pd.DataFrame = getattr(self, part)
        hit = self.where[part].get(credit_code)
        return (frame.iloc[hit] if hit is not None else frame.iloc[0:0]).reset_index(drop=True)


def by_credit_code(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, slice]]:
    """``frame`` sorted by credit code (stable: a firm's rows keep their order) and the slice of
    each code's rows, so that one firm's rows are found without comparing every code."""
    frame = frame.sort_values("credit_code", kind="stable").reset_index(drop=True)
    codes = frame["credit_code"].astype(str).to_numpy()
    if not len(codes):
        return frame, {}
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    return frame, {str(codes[a]): slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True)}


def firm_panel(ws: Workspace, *, year: int | None = None, on: dt.date | None = None) -> FirmPanel:
    """What :func:`firm_profile` reads from the panel, for every firm at once: the same queries on
    the whole panel instead of one firm's row (matching and warning scores are per firm)."""
    from xinzhi.support.loader import load_measures
    from xinzhi.support.runs import panel_table, run_match

    year = data_year(ws) if year is None else year
    on = on or reference_date(ws)
    built, _ = workspace_panel(ws, year=year)
    with panel_table(ws, built) as (name, panel):
        matches = run_match(ws, name, panel, load_measures(on=on), None)
        rows = _with_names(ws, panel.select(*FIRM_COLUMNS).to_pandas())
        scored = score_warning(panel, load_warning_rulebook()).to_pandas()
    parts = {"rows": by_credit_code(rows), "matches": by_credit_code(matches), "scored": by_credit_code(scored)}
    tables = {t: ws.to_pandas(t) for t in ("region", "support_resource", "project", "loan_product")
              if t == "region" or ws.has_data(t)}
    return FirmPanel(year, on, parts["rows"][0], parts["matches"][0], parts["scored"][0],
                     {k: v[1] for k, v in parts.items()}, tables)


def firm_profile(ws: Workspace, credit_code: str, *, year: int | None = None, on: dt.date | None = None,
                 lang: str = "zh", panel: FirmPanel | None = None,
                 services: ServiceReport | None = None) -> FirmProfile:
    """One firm's measures, stage, warning, resources, services and loans, from one panel row.

    With ``panel`` (:func:`firm_panel`, of the same year and date) the firm's rows are taken from
    it; with ``services`` (:func:`services_report` of every firm, in ``lang``) its offers and
    solutions are taken from that report instead of being matched again."""
    from xinzhi.support.loader import load_measures
    from xinzhi.support.runs import panel_table, run_match

    year = data_year(ws) if year is None else year
    on = on or reference_date(ws)
    book = load_warning_rulebook()
    if panel is not None:
        matches, row, scored = (panel.of(p, credit_code) for p in ("matches", "rows", "scored"))
    else:
        built, _ = workspace_panel(ws, year=year, credit_codes=[credit_code])
        with panel_table(ws, built) as (name, table):  # one row, computed once; the rest runs on it
            matches = run_match(ws, name, table, load_measures(on=on), None)
            row = _with_names(ws, table.select(*FIRM_COLUMNS).to_pandas())
            scored = score_warning(table, book).to_pandas()
    warning = None
    if len(scored):
        w = scored.iloc[0].copy()
        w["why"] = explain_warning(w, book, lang)
        warning = w
    tables = panel.tables if panel is not None else None
    resources = resources_report(ws, row, lang=lang, tables=tables)
    if services is not None:
        offers = services.offers[services.offers["credit_code"] == credit_code].reset_index(drop=True)
        solutions = services.matches[services.matches["credit_code"] == credit_code].reset_index(drop=True)
    else:
        try:
            rep = services_report(ws, year=None, lang=lang, credit_codes=[credit_code])
            offers, solutions = rep.offers, rep.matches
        except InputError:
            offers = solutions = pd.DataFrame()
    loans = pd.DataFrame()
    has_loans = "loan_product" in tables if tables is not None else ws.has_data("loan_product")
    if len(row) and has_loans:
        firm = row
        r = firm.iloc[0]
        need = (r["revenue_1"] - r["revenue"]) if pd.notna(r["revenue_1"]) and r["revenue_1"] > r["revenue"] else None
        if warning is not None and float(warning["score"]) >= book.difficulty_score() - 1e-9:
            label = next(lv.label if lang == "zh" else lv.label_en for lv in book.levels if lv.id == warning["level"])
            hard = pd.DataFrame([{"credit_code": credit_code, "score": warning["score"], "level": warning["level"],
                                  "need": need, "why": f"{label} {warning['score']:g}{'：' if lang == 'zh' else ': '}"
                                                      f"{warning['why']}"}])
        else:
            hard = pd.DataFrame(columns=["credit_code", "score", "level", "need", "why"])
        if tables is not None:
            projects, products = tables.get("project", pd.DataFrame()), tables["loan_product"]
        else:
            projects = ws.to_pandas("project") if ws.has_data("project") else pd.DataFrame()
            products = ws.to_pandas("loan_product")
        upcoming = projects_about_to_start(projects, firm, as_of=on)
        loans = loan_matches(products, firm, hard, upcoming)
    stage = str(row["stage"].iloc[0]) if len(row) else None
    rule = row["stage_rule"].iloc[0] if len(row) else None
    return FirmProfile(credit_code, year, on, matches, stage, None if pd.isna(rule) else str(rule), warning,
                       resources, offers, solutions, loans)
