"""The delivery page: targets (status and why first), late projects with their reasons in words,
the planned-against-actual timeline of major projects, and every project."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import figures, sections
from xinzhi.web.auth import page_user
from xinzhi.web.formatting import axis, cell, column
from xinzhi.web.i18n import label
from xinzhi.web.views.blocks import Block, chart_block, guarded, table_block
from xinzhi.web.views.common import PageContext, page_context, render_page

router = APIRouter(include_in_schema=False)

#: target statuses, worst first, and their colours
TARGET_STATUSES = ("off_track", "at_risk", "no_data", "on_track", "achieved")
STATUS_COLORS = {"off_track": "#c53030", "at_risk": "#dd6b20", "no_data": "#a0aec0", "on_track": "#2b6cb0",
                 "achieved": "#38a169"}


def targets_blocks(ctx: PageContext) -> list[Block]:
    lang = ctx.lang
    t = ctx.data.with_units(sections.targets(ctx.data, ctx.scope, ctx.region))
    out: list[Block] = []
    if "status" in t and len(t):
        order = {s: i for i, s in enumerate(TARGET_STATUSES)}
        t = t.sort_values("status", key=lambda s: s.map(order).fillna(len(order)), kind="stable").reset_index(drop=True)
        status_col = column("target_status")
        counts = t["status"].value_counts()
        cf = pd.DataFrame({"status": [cell(s, status_col, lang) for s in TARGET_STATUSES if s in counts],
                           "n": [int(counts[s]) for s in TARGET_STATUSES if s in counts],
                           "colour": [STATUS_COLORS[s] for s in TARGET_STATUSES if s in counts]})
        fig = figures.bar_chart(cf, x="status", y="n", horizontal=False, axis=axis("count", lang, title=label(lang, "targets_n")))
        fig.update_traces(marker={"color": list(cf["colour"])})
        out.append(chart_block(label(lang, "targets"), fig))
    out.append(table_block(label(lang, "targets"), t, export="targets", params=ctx.params, table="targets"))
    return out


def projects_blocks(ctx: PageContext) -> list[Block]:
    lang = ctx.lang
    p = sections.projects(ctx.data, ctx.scope, ctx.region)
    out: list[Block] = []
    late = p[p["late"]] if "late" in p else p.iloc[0:0]
    keep = ["name", "reasons", "status", "completion", "expected", "planned_investment", "cumulative_investment",
            "region_name", "planned_completion", "project_id"]
    out.append(table_block(f"{label(lang, 'late_projects')} ({len(late)})", late[[c for c in keep if c in late]],
                           export="projects", params={**ctx.params, "late": "1"}, table="projects"))
    if {"start_date", "planned_completion"} <= set(p.columns) and len(p):
        as_of = _as_of(p)
        shown = p.assign(actual_end=_actual_end(p, as_of), name=p["name"].astype(str).str.slice(0, 22))
        shown = shown.sort_values(["late", "start_date"], ascending=[False, True])
        text = {k: label(lang, f"timeline_{k}") for k in ("planned", "actual", "late", "as_of")}
        fig = figures.timeline_chart(shown, as_of=as_of, text=text)
        out.append(chart_block(label(lang, "timeline"), fig, note=label(lang, "timeline_note"), wide=True))
    out.append(table_block(label(lang, "projects"), p, export="projects", params=ctx.params, table="projects"))
    return out


def _actual_end(projects: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Where a project's actual bar ends: its completion date; for a suspended project the end of
    its last month with investment; else the reporting date; none before the project started."""
    end = pd.Series(as_of, index=projects.index)
    if "last_investment_month" in projects and "status" in projects:
        last = pd.to_datetime(projects["last_investment_month"].astype("string") + "-01", errors="coerce") + pd.offsets.MonthEnd(0)
        end = end.where(projects["status"] != "suspended", last)
    if "actual_completion" in projects:
        end = pd.to_datetime(projects["actual_completion"], errors="coerce").fillna(end)
    start = pd.to_datetime(projects["start_date"], errors="coerce")
    return end.where(start <= end)


def _as_of(projects: pd.DataFrame) -> pd.Timestamp:
    """The reporting date: the end of the latest month with investment."""
    months = projects.get("last_investment_month")
    if months is not None and months.notna().any():
        return pd.Timestamp(str(months.dropna().max()) + "-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp.today().normalize()


@router.get("/delivery")
def delivery(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang = ctx.lang
    blocks = guarded(label(lang, "targets"), lambda: targets_blocks(ctx), ctx.unavailable, lang=ctx.lang)
    blocks += guarded(label(lang, "projects"), lambda: projects_blocks(ctx), ctx.unavailable, lang=ctx.lang)
    return render_page(request, user, "delivery", label(lang, "delivery"), blocks, region=ctx.region)
