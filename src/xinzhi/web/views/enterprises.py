"""Enterprise pages: the filtered, sortable list (class and score first) and one enterprise
(key facts, per-mu evaluation by indicator, gradient cultivation, digital maturity, figures by
year)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import figures
from xinzhi.web.auth import page_user, state_of
from xinzhi.web.formatting import axis, cell, column, header, scaled, unit_text
from xinzhi.web.i18n import label, value_text
from xinzhi.web.service import NOT_EVALUATED
from xinzhi.web.views.blocks import Block, chart_block, note_block, table_block
from xinzhi.web.views.common import render_page
from xinzhi.web.views.render import lang_of

router = APIRouter(include_in_schema=False)

#: class filter options in this order (不参评 last)
CLASS_OPTIONS = ("A", "B", "C", "D", "T", NOT_EVALUATED)
YEAR_FIGURES = ("revenue", "tax", "value_added")
LIST_SORT = "revenue"


@router.get("/enterprises")
def enterprises(request: Request, user: User = Depends(page_user)) -> Response:
    from xinzhi.web.tables import ENTERPRISE_COLUMNS, enterprise_filter

    st = state_of(request)
    lang = lang_of(request)
    scope = st.data.scope(user)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    try:
        page_no = max(1, int(params.get("page", "1")))
    except ValueError:
        page_no = 1
    sort, direction = params.get("sort") or LIST_SORT, params.get("dir") or ""
    key = f"{sort}:{direction}" if direction in ("asc", "desc") else sort
    res = st.data.enterprises(scope, enterprise_filter(params), page=page_no, page_size=50, sort=key)
    rows = res.rows[[c for c in ENTERPRISE_COLUMNS if c in res.rows]]
    blocks: list[Block] = []
    counts = res.extra.get("class_counts") or {}
    if counts:
        klass = column("class")
        rated = [k for k in CLASS_OPTIONS if k in counts and k != NOT_EVALUATED]
        cf = pd.DataFrame({"class": [cell(k, klass, lang).split("（")[0].split(" (")[0] for k in rated],
                           "n": [counts[k] for k in rated]})
        fig = figures.bar_chart(cf, x="class", y="n", horizontal=False, axis=axis("count", lang, title=label(lang, "enterprise_count")))
        none = cell(counts.get(NOT_EVALUATED, 0), column("n"), lang)
        note = f"{label(lang, 'class_note')} {label(lang, 'not_evaluated_count').format(n=none)}"
        blocks.append(chart_block(header("class", lang), fig, note=note))
    else:
        blocks.append(note_block(label(lang, "evaluation"), label(lang, "no_evaluation")))
    shown_dir = direction or ("asc" if sort in ("name", "credit_code", "region_name", "industry_name") else "desc")
    tb = table_block(f"{label(lang, 'nav_enterprises')} ({res.total:,})", rows, export="enterprises",
                     params={k: v for k, v in params.items() if k not in ("page", "sort", "dir")},
                     links={"credit_code": "/enterprises/", "name": "/enterprises/"},
                     link_keys={"name": "credit_code"}, max_rows=50, server_sort=True, sorted=(sort, shown_dir))
    blocks.append(tb)
    parks = st.data.parks(scope)
    klass_col = column("class")
    classes = [(k, cell(k, klass_col, lang) if k != NOT_EVALUATED else value_text(lang, "class", k)) for k in CLASS_OPTIONS]
    return render_page(request, user, "enterprises", label(lang, "nav_enterprises"), blocks,
                       parks=list(zip(parks["code"], parks["name"], strict=True)), filters=params, paging=res,
                       classes=classes)


@router.get("/enterprises/{credit_code}")
def enterprise(credit_code: str, request: Request, user: User = Depends(page_user)) -> Response:
    st = state_of(request)
    lang = lang_of(request)
    scope = st.data.scope(user)
    e = st.data.enterprise(scope, credit_code)
    row = e["row"]
    facts = []
    for k in ("credit_code", "region_name", "park_name", "industry_code", "industry_name", "size_class",
              "above_scale", "established_year", "tags", "class", "score", "rank"):
        v = row.get(k)
        col = column(k)
        text = cell(v, col, lang, money="wan")
        if lang != "zh" and k == "region_name" and isinstance(v, str):
            text = st.data.region_display(lang).get(v, v)
        elif lang != "zh" and k == "tags" and isinstance(v, str):
            text = "; ".join(value_text(lang, "tag", t.strip()) for t in v.split(";") if t.strip())
        if col.kind == "flag":
            text = label(lang, "yes" if text else "no")
        facts.append((header(k, lang), text))
    blocks: list[Block] = [Block(str(row["name"]), "cards", cards=facts)]
    blocks += _evaluation_blocks(lang, e["evaluation"], st.data)
    blocks += _gradient_blocks(lang, e["gradient"], has_runs=bool(st.data.gradient_runs()), data=st.data, code=credit_code)
    blocks += _digital_blocks(lang, e["digital"], has_runs=bool(st.data.digital_runs()), data=st.data, code=credit_code)
    years = e["years"]
    if len(years):
        shown = years.assign(**{k: scaled(years[k], "money", money="wan") for k in YEAR_FIGURES if k in years})
        names = {k: (column(k).zh if lang == "zh" else column(k).en) for k in YEAR_FIGURES}
        blocks.append(chart_block(label(lang, "figures_by_year"), figures.trend_chart(
            shown, columns=list(YEAR_FIGURES), labels=names, axis=axis("money", lang, money="wan", title=label(lang, "amount")))))
        keep = [c for c in years.columns if c != "credit_code" and years[c].notna().any()]
        blocks.append(table_block(label(lang, "figures_by_year"), years[keep], wide=True, table="enterprise_years"))
    return render_page(request, user, "enterprises", str(row["name"]), blocks)


def _evaluation_blocks(lang: str, ev: pd.DataFrame, data: Any) -> list[Block]:
    """The latest per-mu evaluation: class, score, rank in the cohort, and the points of every
    indicator (labels and units from the rulebook)."""
    title = label(lang, "evaluation")
    if not len(ev):
        return [note_block(title, label(lang, "no_evaluation"))]
    last = ev.iloc[-1]
    klass = cell(last.get("class"), column("class"), lang)
    parts = [f"{header('class', lang)}: {klass}"]
    if pd.notna(last.get("score")):
        parts.append(f"{label(lang, 'score')} {cell(last['score'], column('score'), lang)}")
    if pd.notna(last.get("rank")):
        size = last.get("group_size")
        of = f" / {cell(size, column('rank'), lang)}" if pd.notna(size) else ""
        parts.append(f"{label(lang, 'rank')} {cell(last['rank'], column('rank'), lang)}{of}")
    book = _rulebook(data)
    cohort, benefits, reasons = _evaluation_texts(last, book, lang)
    if cohort:
        parts.append(f"{label(lang, 'cohort')}: {cohort}")
    lines = ["；".join(parts) if lang == "zh" else "; ".join(parts)]
    if benefits:
        lines.append(f"{label(lang, 'benefits')}: {benefits}")
    if reasons:
        lines.append(f"{label(lang, 'reasons')}: {reasons}")
    out: list[Block] = [Block(title, "lines", lines=lines)]
    ids = [c[2:] for c in ev.columns if c.startswith("s_")]
    if ids and pd.notna(last.get("score")):
        info = _indicator_info(book, lang)
        table = pd.DataFrame({
            "indicator_name": [info.get(i, (i, ""))[0] for i in ids],
            "value": [last.get(f"v_{i}") for i in ids],
            "unit": [info.get(i, ("", ""))[1] for i in ids],
            "points": [last.get(f"s_{i}") for i in ids],
        })
        table["value"] = [cell(v, column("index") if u != "ratio" else column("share"), lang)
                          if pd.notna(v) else "" for v, u in zip(table["value"], table["unit"], strict=True)]
        table["unit"] = [unit_text(u, lang) for u in table["unit"]]
        out.append(chart_block(label(lang, "points_by_indicator"), figures.bar_chart(
            table.assign(points=table["points"].astype(float)), x="indicator_name", y="points",
            axis=axis("score", lang, title=label(lang, "score")))))
        out.append(table_block(label(lang, "points_by_indicator"), table.rename(columns={"value": "indicator_value"}),
                               wide=False, table="evaluation_points"))
    return out


def _rulebook(data: Any) -> Any:
    """The rulebook of the latest evaluation run (None when it is no longer shipped)."""
    run = data.evaluation_run()
    if run is None:
        return None

    def name() -> str | None:
        runs = data.ws.runs(result_table="evaluation_result")
        hit = runs.loc[runs["id"] == run, "name"]
        return None if hit.empty else str(hit.iloc[0])

    rulebook = data.cache.get(("run-rulebook", run), name)
    return None if rulebook is None else data.rulebook(rulebook)


def _evaluation_texts(last: Any, book: Any, lang: str) -> tuple[str, str, str]:
    """Cohort, measures and reasons of one result row in the page's language.

    Chinese: the texts stored with the result. English: the rulebook's English labels
    (``label_en``), the measures of the row's class and the reasons rendered from
    ``reason_flags``; a stored Chinese text is shown only where the rulebook is gone.
    """
    stored = [last.get(k) for k in ("cohort_label", "benefits", "reasons")]
    texts = ["; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else (v if isinstance(v, str) else "")
             for v in stored]
    if lang == "zh" or book is None or not hasattr(book, "cohorts"):
        return texts[0], texts[1], texts[2]
    from xinzhi.evaluation.permu import render_reasons
    from xinzhi.evaluation.permu_rulebook import label_in

    cohorts = {c.id: c for c in book.cohorts}
    cid = last.get("cohort")
    cohort = label_in(cohorts[cid], "en") if isinstance(cid, str) and cid in cohorts else (
        label(lang, "out_of_scope") if texts[0] else "")
    klass = last.get("class")
    benefits = "; ".join(label_in(lev, "en") for pol in getattr(book, "policies", []) if pol.class_ == klass for lev in pol.levers)
    flags = last.get("reason_flags")
    reasons = render_reasons(None if pd.isna(flags) else int(flags), book, "en") if flags is not None else ""
    return cohort, benefits, reasons.strip().rstrip(";")


def _indicator_info(book: Any, lang: str) -> dict[str, tuple[str, str]]:
    """Label and unit of every indicator of the rulebook of the latest evaluation run, the label
    in the page's language."""
    indicators = getattr(book, "indicators", None)
    if not callable(indicators):
        return {}
    from xinzhi.evaluation.permu_rulebook import label_in

    return {k: (label_in(v, lang), str(v.unit or "")) for k, v in indicators().items()}


def _gradient_blocks(lang: str, grad: pd.DataFrame, *, has_runs: bool, data: Any = None,
                     code: str | None = None) -> list[Block]:
    """Gradient-cultivation status: one row per programme, then each programme's reasons.

    Chinese: the programme's title and the explanation stored with the result. English: the
    rulebook's ``title_en`` and the explanation rebuilt from the stored result row in English
    (:func:`~xinzhi.evaluation.explain.explain_gradient`); the stored Chinese only where the
    rulebook is gone.
    """
    title = label(lang, "gradient")
    if not has_runs:
        return [note_block(title, label(lang, "no_gradient_run"))]
    if grad.empty:
        return [note_block(title, label(lang, "not_screened"))]
    names, explained = [], []
    for r in grad.to_dict("records"):
        name, lines = str(r["program"]), list(r["explanation"])
        book = _result_rulebook(data, r.get("rulebook"), "gradient") if lang == "en" else None
        if book is not None:
            from xinzhi.evaluation.explain import explain_gradient
            from xinzhi.evaluation.gradient_runs import GRADIENT_RESULT_TABLE
            from xinzhi.evaluation.rulebook_common import text_in

            name = text_in(book, lang, "title")
            row = _result_row(data, GRADIENT_RESULT_TABLE, str(r["run_id"]), code)
            if row is not None:
                lines = explain_gradient(row, book, lang)[1:]  # the first line is the title and verdict
        names.append(name)
        explained.append(lines)
    status = grad.assign(program=names, passed=grad["passed"].map(
        lambda v: label(lang, "passed") if v is True or v == 1 else label(lang, "not_passed")))
    out = [table_block(title, status[["program", "passed", "score", "year"]], wide=False, table="gradient")]
    for name, lines in zip(names, explained, strict=True):
        out.append(Block(f"{title} · {name}", "lines", lines=[ln.strip() for ln in lines]))
    return out


def _result_rulebook(data: Any, rulebook: Any, kind: str) -> Any:
    """The rulebook ``rulebook`` of a saved run, if it is still there and of ``kind``."""
    if data is None or not isinstance(rulebook, str):
        return None
    book = data.rulebook(rulebook)
    return book if getattr(book, "kind", None) == kind else None


def _result_row(data: Any, result_table: str, run_id: str, code: str | None) -> dict[str, Any] | None:
    """One enterprise's stored row of a saved run (its latest year), missing values as None."""
    row = None if code is None else data.result_row(result_table, run_id, code)
    return None if row is None else {k: (None if _absent(v) else v) for k, v in row.items()}


def _absent(v: Any) -> bool:
    """A missing scalar (None, NaN, NA); lists and arrays are not."""
    return not isinstance(v, (list, tuple, np.ndarray)) and bool(pd.isna(v))


def _digital_blocks(lang: str, dig: pd.DataFrame, *, has_runs: bool, data: Any = None,
                    code: str | None = None) -> list[Block]:
    """Digital maturity: one line per rulebook with the total, level, weakest dimensions and the
    items with the most points to gain; in English the rulebook's title, level names and labels
    in place of the stored Chinese (:func:`~xinzhi.evaluation.explain.digital_texts`)."""
    title = label(lang, "digital")
    if not has_runs:
        return [note_block(title, label(lang, "no_digital_run"))]
    if dig.empty:
        return [note_block(title, label(lang, "not_assessed"))]
    out = []
    for r in dig.to_dict("records"):
        name = str(r["program"])
        level, weakest, gaps = (r.get(k) if isinstance(r.get(k), str) else "" for k in ("level", "weakest", "to_improve"))
        total = f"{label(lang, 'total')} {cell(r.get('total', 0), column('total'), lang)}"
        book = _result_rulebook(data, r.get("rulebook"), "digital") if lang == "en" else None
        if book is not None:
            from xinzhi.evaluation.explain import digital_texts
            from xinzhi.evaluation.rulebook_common import text_in

            name = text_in(book, lang, "title")
            level, weakest, gaps = digital_texts(r, book, lang)
        # an English level names itself (Level 3, Below level 1)
        lines = [f"{total} · {level}" if lang == "en" and "level" in level.lower() else f"{total} · {label(lang, 'level')} {level}"]
        for key, text in (("weakest", weakest), ("to_improve", gaps)):
            if text:
                lines.append(f"{label(lang, key)}: {text}")
        out.append(Block(f"{title} · {name}", "lines", lines=lines))
    return out
