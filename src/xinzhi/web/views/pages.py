"""Dashboard pages. Each handler parses the query, calls the service/section functions and
renders blocks; no numbers are computed here."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from xinzhi.access import audit
from xinzhi.access.throttle import Throttled
from xinzhi.access.users import User, authenticate
from xinzhi.errors import InputError
from xinzhi.reference import province_boundaries
from xinzhi.reference.boundaries import BOUNDARY_NOTE
from xinzhi.web import figures, sections
from xinzhi.web.auth import check_csrf, client_ip, end_session, page_user, start_session, state_of
from xinzhi.web.exports import FORMATS, file_response
from xinzhi.web.i18n import label
from xinzhi.web.params import table_params
from xinzhi.web.service import SUBREGION_INDICATORS
from xinzhi.web.tables import table as get_table
from xinzhi.web.views.blocks import Block, chart_block, guarded, note_block, table_block
from xinzhi.web.views.boundaries import uploaded_boundaries as _uploaded_boundaries
from xinzhi.web.views.render import lang_of, render

router = APIRouter(include_in_schema=False)


def _ctx(request: Request, user: User) -> tuple[Any, Any, str, dict[str, str]]:
    st = state_of(request)
    scope = st.data.scope(user)
    params = dict(request.query_params)
    region = params.get("region") or st.data.default_region(scope)
    st.data.region(scope, region)
    params["region"] = region
    return st, scope, region, params


def _region_picker(st: Any, scope: Any) -> list[dict[str, str]]:
    r = st.data.selectable_regions(scope)
    return [{"code": c, "name": n, "level": lv} for c, n, lv in zip(r["code"], r["name"], r["level"], strict=True)]


def _page(request: Request, user: User, page: str, title: str, blocks: list[Block], **extra: Any) -> Response:
    st = state_of(request)
    scope = st.data.scope(user)
    return render(request, "page.html", {"page": page, "title": title, "blocks": blocks,
                                         "regions": _region_picker(st, scope), **extra}, user=user)


# ---------------------------------------------------------------- login
@router.get("/login")
def login_form(request: Request, next: str = "/overview") -> Response:
    from xinzhi.web.demo_users import DEMO_USERS

    st = state_of(request)
    demo = DEMO_USERS if st.data.is_demo else ()
    return render(request, "login.html", {"next": next, "error": None, "demo_users": demo})


@router.post("/login")
def login(request: Request, username: str = Form(...), password: str = Form(...),
          csrf_token: str = Form(""), next: str = Form("/overview")) -> Response:
    check_csrf(request, csrf_token)
    st = state_of(request)
    t = label(lang_of(request), "bad_login")
    try:
        user = authenticate(st.ws, username, password, ip=client_ip(request))
    except Throttled:
        user, t = None, label(lang_of(request), "throttled")
    if user is None:
        from xinzhi.web.demo_users import DEMO_USERS

        return render(request, "login.html", {"next": next, "error": t,
                                              "demo_users": DEMO_USERS if st.data.is_demo else ()}, status_code=401)
    start_session(request, user)
    target = next if next.startswith("/") and not next.startswith("//") else "/overview"
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    check_csrf(request, csrf_token)
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/overview", status_code=303)


# ---------------------------------------------------------------- overview
@router.get("/overview")
def overview(request: Request, user: User = Depends(page_user)) -> Response:
    st, scope, region, params = _ctx(request, user)
    lang = lang_of(request)
    indicator = str(params.get("indicator")) if params.get("indicator") in SUBREGION_INDICATORS else "output"
    params["indicator"] = indicator
    ov = st.data.overview(scope, region)
    c = ov["counts"]
    cards = [(label(lang, "enterprise_count"), f"{c.get('enterprises', 0):,}"),
             (label(lang, "above_scale"), f"{c.get('above_scale', 0):,}"),
             (label(lang, "cities"), str(c.get("cities", 0))), (label(lang, "counties"), str(c.get("counties", 0))),
             (label(lang, "parks"), str(c.get("parks", 0)))]
    totals = ov["totals"]
    if len(totals):
        last = totals.iloc[-1]
        cards += [(f"{label(lang, k)} {int(last['year'])}", f"{last[k]:,.0f}") for k in ("revenue", "tax", "value_added")]
    blocks: list[Block] = [Block(label(lang, "key_indicators"), "cards", cards=cards)]
    if len(totals):
        fig = figures.trend_chart(totals, columns=["revenue", "tax", "value_added"],
                                  labels={k: label(lang, k) for k in ("revenue", "tax", "value_added")})
        blocks.append(chart_block(label(lang, "trend"), fig))
    sub = st.data.subregion_values(scope, region, indicator)
    names = st.data.region_names()
    geo = _uploaded_boundaries(st)
    values = dict(zip(sub["code"], sub["value"], strict=True))
    if geo is not None and any(str(f.get("id")) in values for f in geo.get("features", [])):
        feats = [f for f in geo["features"] if str(f.get("id")) in values]
        fig = figures.choropleth_map({"features": feats}, values, names=names, simplify=1)
        blocks.append(chart_block(f"{label(lang, 'map')}: {label(lang, indicator)}", fig, note=BOUNDARY_NOTE))
    else:
        fig = figures.choropleth_map(province_boundaries(), highlight=[region[:2] + "0000"], names=names)
        blocks.append(chart_block(label(lang, "map"), fig, note=f"{label(lang, 'province_map_note')} {BOUNDARY_NOTE}"))
    if len(sub):
        fig = figures.bar_chart(sub, x="name", y="value", title=f"{label(lang, indicator)} {sub['year'].iloc[0]}")
        blocks.append(chart_block(label(lang, "subregions"), fig))
        blocks.append(table_block(label(lang, "subregions"), sub, export="subregions", params=params, wide=False))
    blocks.append(table_block(label(lang, "top_industries"), ov["top_industries"], export="top_industries",
                              params=params, wide=False))
    blocks.append(table_block(label(lang, "key_indicators"), totals, export="indicators", params=params, wide=False))
    na = label(lang, "unavailable")
    blocks += guarded(label(lang, "top_clusters"), lambda: table_block(
        label(lang, "top_clusters"), sections.clusters(st.data, scope, region).head(10), export="clusters",
        params=params, wide=False), na)
    blocks += guarded(label(lang, "targets"), lambda: table_block(
        label(lang, "targets"), sections.targets(st.data, scope, region), export="targets", params=params,
        max_rows=15, wide=False), na)
    blocks += guarded(label(lang, "late_projects"), lambda: table_block(
        label(lang, "late_projects"), sections.projects(st.data, scope, region, late_only=True),
        export="projects", params={**params, "late": "1"}, max_rows=15, wide=False), na)
    return _page(request, user, "overview", f"{ov['name']} · {label(lang, 'overview')}", blocks,
                 indicators=SUBREGION_INDICATORS, indicator=indicator, region=region, upload=True)


# ---------------------------------------------------------------- structure
@router.get("/structure")
def structure(request: Request, user: User = Depends(page_user)) -> Response:
    st, scope, region, params = _ctx(request, user)
    lang = lang_of(request)
    strategy = str(params.get("strategy")) if params.get("strategy") in sections.STRATEGIES else "balanced"
    params["strategy"] = strategy
    na = label(lang, "unavailable")

    def opp() -> list[Block]:
        o = sections.opportunities(st.data, scope, region, strategy=strategy)
        x = "feasibility" if "feasibility" in o else o.columns[2]
        y = "attractiveness" if "attractiveness" in o else "score"
        text = "name" if "name" in o else "industry"
        fig = figures.scatter_chart(o, x=x, y=y, text=text, color="score" if "score" in o else None,
                                    x_title=label(lang, "feasibility"), y_title=label(lang, "attractiveness"))
        return [chart_block(f"{label(lang, 'opportunities')} ({strategy})", fig, wide=True),
                table_block(label(lang, "opportunities"), o, export="opportunities", params=params)]

    blocks = guarded(label(lang, "opportunities"), opp, na)
    blocks += guarded(label(lang, "specialisation"), lambda: table_block(
        label(lang, "specialisation"), sections.specialisation(st.data, scope, region), export="specialisation",
        params=params, max_rows=40), na)
    return _page(request, user, "structure", label(lang, "structure"), blocks, region=region,
                 strategies=sections.STRATEGIES, strategy=strategy)


# ---------------------------------------------------------------- clusters
@router.get("/clusters")
def clusters(request: Request, user: User = Depends(page_user)) -> Response:
    st, scope, region, params = _ctx(request, user)
    lang = lang_of(request)

    def build() -> list[Block]:
        prof = sections.clusters(st.data, scope, region)
        out: list[Block] = []
        ycol = next((c for c in ("output", "revenue", "value") if c in prof), None)
        xcol = next((c for c in ("name", "cluster_name", "cluster") if c in prof), None)
        if ycol and xcol:
            out.append(chart_block(label(lang, "tiers"), figures.bar_chart(prof, x=xcol, y=ycol), wide=True))
        out.append(table_block(label(lang, "thresholds"), prof, export="clusters", params=params))
        return out

    blocks = guarded(label(lang, "clusters"), build, label(lang, "unavailable"))
    return _page(request, user, "clusters", label(lang, "clusters"), blocks, region=region)


# ---------------------------------------------------------------- chains
def default_chain(chain_ids: list[str]) -> str:
    """The chain shown when none is chosen: ``nev`` if installed, else the first product or
    industry chain, else the first chain. Sector chains derived from input-output tables (ids
    ``io-...``) come last: their gaps are service sectors, which make a poor first view."""
    if "nev" in chain_ids:
        return "nev"
    product = [c for c in chain_ids if not c.startswith("io-")]
    return (product or chain_ids or [""])[0]


@router.get("/chains")
def chains(request: Request, user: User = Depends(page_user)) -> Response:
    st, scope, region, params = _ctx(request, user)
    lang = lang_of(request)
    na = label(lang, "unavailable")
    chain_ids: list[str] = []
    try:
        cl = sections.chain_list(st.data)
        chain_ids = [str(c) for c in cl[cl.columns[0]]]
    except sections.Unavailable:
        pass
    except Exception:  # an empty chain table has no columns yet
        chain_ids = []
    chain = params.get("chain") or default_chain(chain_ids)
    params["chain"] = chain

    def build() -> list[Block]:
        if not chain:
            raise sections.Unavailable("no chain installed (xinzhi chain install nev)")
        v = sections.chain_view(st.data, scope, chain, region)
        cov = v["coverage"]
        out: list[Block] = []
        title = f"{v['chain'].name} {v['year']}"
        if {"node", "name", "stage", "status"} <= set(cov.columns):
            graph = figures.chain_graph(cov, v["chain"].edges, title=title, lang=lang)
            out.append(chart_block(label(lang, "chain_graph"), graph, note=label(lang, "chain_graph_note"), wide=True))
        if "share" in cov and "name" in cov:
            fig = figures.bar_chart(cov, x="name", y="share", title=title)
            out.append(chart_block(label(lang, "coverage"), fig, wide=True))
        out.append(table_block(label(lang, "coverage"), cov, export="chain_coverage", params=params, max_rows=100))
        gaps = cov[cov["gap"]] if "gap" in cov else cov.iloc[0:0]
        out.append(table_block(label(lang, "gaps"), gaps, export="chain_coverage", params=params, wide=False))
        out.append(table_block(label(lang, "leaders"), v["leaders"], export="chain_leaders", params=params,
                               links={"credit_code": "/enterprises/"}, wide=False))
        out.append(table_block(label(lang, "targets_invest"), v["targets"], export="chain_targets", params=params))
        return out

    blocks = guarded(label(lang, "chains"), build, na)
    return _page(request, user, "chains", label(lang, "chains"), blocks, region=region, chains=chain_ids, chain=chain)


# ---------------------------------------------------------------- delivery and news
@router.get("/delivery")
def delivery(request: Request, user: User = Depends(page_user)) -> Response:
    st, scope, region, params = _ctx(request, user)
    lang = lang_of(request)
    na = label(lang, "unavailable")

    def tgt() -> list[Block]:
        t = sections.targets(st.data, scope, region)
        out = []
        if "status" in t:
            counts = t["status"].value_counts().rename_axis("status").reset_index(name="n")
            out.append(chart_block(label(lang, "targets"), figures.bar_chart(counts, x="status", y="n")))
        out.append(table_block(label(lang, "targets"), t, export="targets", params=params))
        return out

    def prj() -> list[Block]:
        p = sections.projects(st.data, scope, region)
        return [table_block(label(lang, "projects"), p, export="projects", params=params)]

    blocks = guarded(label(lang, "targets"), tgt, na) + guarded(label(lang, "projects"), prj, na)
    return _page(request, user, "delivery", label(lang, "delivery"), blocks, region=region)


@router.get("/news")
def news(request: Request, user: User = Depends(page_user)) -> Response:
    st, scope, region, params = _ctx(request, user)
    lang = lang_of(request)
    na = label(lang, "unavailable")
    name_col = "indicator_zh" if lang == "zh" else "indicator_en"

    def fact_blocks() -> list[Block]:
        f = sections.facts(st.data, scope, region)
        out: list[Block] = []
        if len(f):
            n = f.groupby(name_col).size().rename_axis("indicator").reset_index(name="n")
            out.append(chart_block(label(lang, "facts_by_indicator"),
                                   figures.bar_chart(n.sort_values("n"), x="indicator", y="n")))
        shown = f.rename(columns={name_col: "indicator_name"})[
            ["region_name", "indicator_name", "shown", "period", "kind", "sentence", "title", "fact_id"]]
        shown = shown.assign(kind=shown["kind"].map(lambda k: label(lang, str(k))))
        out.append(table_block(f"{label(lang, 'facts')} ({len(f)})", shown, export="facts", params=params,
                               max_rows=100))
        return out

    blocks = guarded(label(lang, "facts"), fact_blocks, na)
    blocks += guarded(label(lang, "priorities"), lambda: table_block(
        label(lang, "priorities"), sections.priorities(st.data, scope, region)[
            ["region_name", "category", "item", "taxonomy_name", "title"]],
        export="priorities", params=params, wide=False), na)
    return _page(request, user, "news", label(lang, "news"), blocks, region=region)


# ---------------------------------------------------------------- enterprises
@router.get("/enterprises")
def enterprises(request: Request, user: User = Depends(page_user)) -> Response:
    from xinzhi.web.tables import ENTERPRISE_COLUMNS, enterprise_filter

    st = state_of(request)
    lang = lang_of(request)
    scope = st.data.scope(user)
    params = dict(request.query_params)
    try:
        page_no = max(1, int(params.get("page", "1")))
    except ValueError:
        page_no = 1
    res = st.data.enterprises(scope, enterprise_filter(params), page=page_no, page_size=50)
    rows = res.rows[[c for c in ENTERPRISE_COLUMNS if c in res.rows]]
    blocks: list[Block] = []
    counts = res.extra.get("class_counts") or {}
    if counts:
        cf = pd.DataFrame({"class": list(counts), "n": list(counts.values())}).sort_values("class")
        blocks.append(chart_block(label(lang, "class"), figures.bar_chart(cf, x="class", y="n", horizontal=False)))
    else:
        blocks.append(note_block(label(lang, "evaluation"), label(lang, "no_evaluation")))
    tb = table_block(f"{label(lang, 'nav_enterprises')} ({res.total:,})", rows, export="enterprises",
                     params={k: v for k, v in params.items() if k != "page"},
                     links={"credit_code": "/enterprises/"}, max_rows=50)
    blocks.append(tb)
    parks = st.data.parks(scope)
    return _page(request, user, "enterprises", label(lang, "nav_enterprises"), blocks,
                 parks=list(zip(parks["code"], parks["name"], strict=True)), filters=params, paging=res,
                 classes=sorted(counts))


@router.get("/enterprises/{credit_code}")
def enterprise(credit_code: str, request: Request, user: User = Depends(page_user)) -> Response:
    st = state_of(request)
    lang = lang_of(request)
    scope = st.data.scope(user)
    e = st.data.enterprise(scope, credit_code)
    row = e["row"]
    facts = [(label(lang, k), row.get(k)) for k in ("credit_code", "region_name", "park_name", "industry_code",
                                                     "size_class", "above_scale", "established_year", "tags",
                                                     "class", "score", "rank")]
    blocks: list[Block] = [Block(str(row["name"]), "cards", cards=[(k, _card(lang, v)) for k, v in facts])]
    ev = e["evaluation"]
    if e.get("explanation"):
        blocks.append(Block(label(lang, "evaluation"), "lines", lines=e["explanation"]))
    blocks += _gradient_blocks(lang, e["gradient"], has_runs=bool(st.data.gradient_runs()))
    blocks += _digital_blocks(lang, e["digital"], has_runs=bool(st.data.digital_runs()))
    if len(ev):
        last = ev.iloc[-1]
        reasons = last.get("reasons")
        text = "; ".join(map(str, reasons)) if isinstance(reasons, (list, tuple)) or hasattr(reasons, "tolist") else str(reasons or "")
        pts = [c for c in ev.columns if c.startswith("s_")]
        scored = pd.notna(last.get("score"))
        if scored:
            blocks.append(note_block(f"{label(lang, 'evaluation')}: {last.get('class', '')} "
                                     f"({label(lang, 'score')} {last.get('score'):.2f})", text))
        if pts and scored:
            pf = pd.DataFrame({"item": [c[2:] for c in pts], "points": [last[c] for c in pts]})
            blocks.append(chart_block(label(lang, "score"), figures.bar_chart(pf, x="item", y="points")))
            blocks.append(table_block(label(lang, "evaluation"), ev, wide=True))
    else:
        blocks.append(note_block(label(lang, "evaluation"), label(lang, "no_evaluation")))
    years = e["years"]
    if len(years):
        blocks.append(chart_block(label(lang, "figures_by_year"), figures.trend_chart(
            years, columns=["revenue", "tax", "value_added"], labels={k: label(lang, k) for k in ("revenue", "tax", "value_added")})))
        blocks.append(table_block(label(lang, "figures_by_year"), years, wide=True))
    return _page(request, user, "enterprises", str(row["name"]), blocks)


def _card(lang: str, v: object) -> str:
    """A key figure as text: empty when missing, 是/否 (Yes/No) for flags."""
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return label(lang, "yes" if v else "no")
    return str(v)


def _gradient_blocks(lang: str, grad: pd.DataFrame, *, has_runs: bool) -> list[Block]:
    """Gradient-cultivation status: one row per programme, then each programme's reasons."""
    title = label(lang, "gradient")
    if not has_runs:
        return [note_block(title, label(lang, "no_gradient_run"))]
    if grad.empty:
        return [note_block(title, label(lang, "not_screened"))]
    status = grad.assign(passed=grad["passed"].map(
        lambda v: label(lang, "passed") if v is True or v == 1 else label(lang, "not_passed")))
    out = [table_block(title, status[["program", "passed", "score", "year", "rulebook"]], wide=False)]
    for r in grad.itertuples():
        out.append(Block(f"{title} · {r.program}", "lines", lines=list(r.explanation)))
    return out


def _digital_blocks(lang: str, dig: pd.DataFrame, *, has_runs: bool) -> list[Block]:
    """Digital maturity: one line per rulebook with the total, level, weakest dimensions and the
    items with the most points to gain."""
    title = label(lang, "digital")
    if not has_runs:
        return [note_block(title, label(lang, "no_digital_run"))]
    if dig.empty:
        return [note_block(title, label(lang, "not_assessed"))]
    out = []
    for r in dig.to_dict("records"):
        lines = [f"{label(lang, 'total')} {r.get('total', 0):g} · {label(lang, 'level')} {r.get('level', '')}"]
        for key in ("weakest", "to_improve"):
            if isinstance(r.get(key), str) and r[key]:
                lines.append(f"{label(lang, key)}: {r[key]}")
        out.append(Block(f"{title} · {r['program']}", "lines", lines=lines))
    return out


@router.get("/search")
def search(request: Request, q: str = "", user: User = Depends(page_user)) -> Response:
    st = state_of(request)
    lang = lang_of(request)
    res = st.data.search(st.data.scope(user), q)
    blocks = [table_block(label(lang, "enterprises"), res["enterprises"], links={"credit_code": "/enterprises/"}),
              table_block(label(lang, "region"), res["regions"])]
    return _page(request, user, "search", f"{label(lang, 'search')}: {q}", blocks)


# ---------------------------------------------------------------- exports
@router.get("/export/{name}.{fmt}")
def export(name: str, fmt: str, request: Request, user: User = Depends(page_user)) -> Response:
    st = state_of(request)
    if fmt not in FORMATS:
        raise InputError("format must be csv or xlsx")
    params = table_params(request.query_params)
    frame = get_table(name, st.data, st.data.scope(user), params)
    audit.record(st.ws, user.username, "export", target=f"{name}.{fmt}", ip=client_ip(request),
                 details={"rows": len(frame), "params": params})
    note = st.data.demo_note()
    return file_response(frame, fmt, name, note=note)
