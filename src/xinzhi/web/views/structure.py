"""The structure page: what the region is strong and weak in, how its industries moved
(shift-share), where it can go next (distance × complexity of candidate industries, and the
industry space), and the full opportunity and specialisation tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import figures, sections
from xinzhi.web.auth import page_user
from xinzhi.web.formatting import axis, cell, column, header, plain, scaled
from xinzhi.web.i18n import label, value_text
from xinzhi.web.industry_space import space_nodes
from xinzhi.web.structure_data import industry_space, shift_share_trend
from xinzhi.web.views.blocks import Block, chart_block, guarded, table_block
from xinzhi.web.views.common import PageContext, page_context, render_page

router = APIRouter(include_in_schema=False)

#: opportunity scatter: the complexity measure on the vertical axis (query ``y=``)
SCATTER_Y = ("pci", "cog")


def strengths(ctx: PageContext) -> list[Block]:
    """Specialisation with a strong / weak column (LQ ≥ 1 or not), and the LQ of the largest
    industries as a chart (a line marks LQ = 1)."""
    lang = ctx.lang
    spec = sections.specialisation(ctx.data, ctx.scope, ctx.region)
    if "present" not in spec:  # a region without peers: its industries across its child regions
        return parent_strengths(ctx, spec)
    spec = spec.assign(strength=np.where(spec["present"] > 0, "strong", "weak"))
    top = spec.head(20).copy()
    top["label"] = top["name"].fillna(top["industry_code"]).str.slice(0, 14)
    fig = figures.bar_chart(top, x="label", y="lq", axis=axis("index", lang, title=header("lq", lang)))
    fig.add_vline(x=1, line={"dash": "dash", "color": "#c53030", "width": 1})
    strong = spec[spec["present"] > 0].head(8)["name"].dropna().tolist()
    weak = spec[spec["present"] == 0].head(8)["name"].dropna().tolist()
    sep = "、" if lang == "zh" else ", "
    lines = [f"{label(lang, 'strong_in')}: {sep.join(strong) or '—'}",
             f"{label(lang, 'weak_in')}: {sep.join(weak) or '—'}",
             label(lang, "strength_rule")]
    return [Block(label(lang, "strong_weak"), "lines", lines=lines),
            chart_block(label(lang, "lq_largest"), fig, note=label(lang, "lq_note")),
            table_block(label(lang, "specialisation"), spec, export="specialisation", params=ctx.params,
                        table="specialisation")]


def parent_strengths(ctx: PageContext, spec: pd.DataFrame) -> list[Block]:
    """A region without peers of its level (a province alone in the workspace): its largest
    industries, how many of its child regions are specialised in each, how concentrated each is
    (Hoover) and which child leads it."""
    lang = ctx.lang
    top = spec.head(20).copy()
    top["label"] = top["name"].fillna(top["industry_code"]).str.slice(0, 14)
    top["share"] = scaled(top["share"], "pct")
    fig = figures.bar_chart(top, x="label", y="share", axis=axis("pct", lang, title=header("share", lang)))
    sep = "、" if lang == "zh" else ", "
    largest = spec.head(8)["name"].dropna().tolist()
    concentrated = spec.head(30).sort_values("hoover", ascending=False).head(5)
    conc = [f"{n}（{header('leader_name', lang)} {ln}）" if lang == "zh" else f"{n} (led by {ln})"
            for n, ln in zip(concentrated["name"], concentrated["leader_name"], strict=True)]
    lines = [f"{label(lang, 'largest_industries')}: {sep.join(largest) or '—'}",
             f"{label(lang, 'most_concentrated')}: {sep.join(conc) or '—'}",
             label(lang, "parent_rule")]
    return [Block(label(lang, "strong_weak"), "lines", lines=lines),
            chart_block(label(lang, "share_largest"), fig),
            table_block(label(lang, "specialisation_children"), spec, export="specialisation", params=ctx.params,
                        table="parent_industries")]


def trend(ctx: PageContext) -> list[Block]:
    """Shift-share of the 15 industries with the largest change, stacked by effect."""
    lang = ctx.lang
    ss = shift_share_trend(ctx.data, ctx.scope, ctx.region)
    top = ss.head(15).copy()
    top["label"] = top["name"].fillna(top["industry_code"]).str.slice(0, 14)
    parts = ("national_share", "industry_mix", "regional_shift")
    fig = figures.stacked_bar_chart(top.assign(**{p: scaled(top[p], "money") for p in parts}), x="label",
                                    parts=list(parts), labels={p: header(p, lang, money="yi") for p in parts},
                                    axis=axis("money", lang, title=plain("change", lang)))
    y0, y1 = int(ss["start_year"].iloc[0]), int(ss["end_year"].iloc[0])
    title = f"{label(lang, 'trend_shift_share')} {y0}–{y1}"
    return [chart_block(title, fig, note=label(lang, "shift_share_note"), wide=True),
            table_block(title, ss.drop(columns=["start_year", "end_year"]), table="shift_share", params=ctx.params)]


def where_next(ctx: PageContext, strategy: str, y: str) -> list[Block]:
    """Candidate industries: distance × complexity (PCI or COG), sized by output where the data
    have it, coloured by score; then the industry space and the table."""
    lang = ctx.lang
    o = sections.opportunities(ctx.data, ctx.scope, ctx.region, strategy=strategy)
    out: list[Block] = []
    if {"distance", y} <= set(o.columns):
        # one chart function for the page and its tests: x distance, y PCI/COG, bubble area by the
        # industry's total across the compared regions, colour by score
        fig = figures.opportunity_scatter(o, lang=lang, y=y)
        best = o.reset_index(drop=True).index < 10  # the 10 best ranked carry a label
        names = o["name"].fillna(o.get("industry", "")).astype(str).str.slice(0, 10).to_numpy()
        fig.update_traces(mode="markers+text", textposition="top center", textfont={"size": 10},
                          text=[n if b else "" for n, b in zip(names, best, strict=True)])
        for upd, kind_y in ((fig.update_xaxes, "distance"), (fig.update_yaxes, y)):
            fmt = axis("index", lang, title=header(kind_y, lang))
            upd(tickformat=fmt["tickformat"], hoverformat=fmt["hoverformat"])
        note = label(lang, "opportunity_note") + ("" if "total" in o else " " + label(lang, "opportunity_no_size"))
        out.append(chart_block(f"{label(lang, 'where_next')} · {value_text(lang, 'strategy', strategy)}", fig,
                               note=note, wide=True))
    out += guarded(label(lang, "industry_space"), lambda: space_block(ctx, o), ctx.unavailable, lang=ctx.lang)
    out.append(table_block(label(lang, "opportunities"), o, export="opportunities", params=ctx.params))
    return out


def space_block(ctx: PageContext, opportunities: pd.DataFrame) -> Block:
    lang = ctx.lang
    sp = industry_space(ctx.data, ctx.scope, ctx.region)
    code_col = "industry" if "industry" in opportunities else "industry_code"
    names = pd.Series(ctx.data.industry_names())
    role_text = {"present": label(lang, "space_present"), "candidate": label(lang, "space_candidate"),
                 "other": label(lang, "space_other")}
    out_col = column("output")

    def hover(code: str, name: str, value: float, role: str) -> str:
        v = cell(value, out_col, lang) if value else ""
        return f"<b>{code} {name}</b><br>{role_text[role]}" + (f"<br>{header('output', lang, money='yi')}: {v}" if v else "")

    nodes = space_nodes(sp["nodes"], present=sp["present"], values=sp["values"],
                        candidates=opportunities[code_col].astype(str), names=names, hover=hover)
    fig = figures.network_chart(nodes, sp["edges"], text=role_text)
    year = int(sp["year"]["year"].iloc[0])
    return chart_block(f"{label(lang, 'industry_space')} {year}", fig, note=label(lang, "industry_space_note"), wide=True)


def subregion_block(ctx: PageContext) -> list[Block]:
    """The child regions compared (a province's cities: ECI, concentration, top specialisations);
    nothing for a region without children."""
    sub = sections.subregions(ctx.data, ctx.scope, ctx.region)
    if sub.empty:
        return []
    return [table_block(label(ctx.lang, "subregions"), sub, export="subregion_structure", params=ctx.params,
                        max_rows=40, table="subregion_structure")]


@router.get("/structure")
def structure(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang = ctx.lang
    strategy = str(ctx.params.get("strategy")) if ctx.params.get("strategy") in sections.STRATEGIES else "balanced"
    y = str(ctx.params.get("y")) if ctx.params.get("y") in SCATTER_Y else "pci"
    ctx.params.update(strategy=strategy, y=y)
    na = ctx.unavailable
    blocks = guarded(label(lang, "subregions"), lambda: subregion_block(ctx), na, lang=lang)
    blocks += guarded(label(lang, "strong_weak"), lambda: strengths(ctx), na, lang=lang)
    blocks += guarded(label(lang, "trend_shift_share"), lambda: trend(ctx), na, lang=lang)
    blocks += guarded(label(lang, "where_next"), lambda: where_next(ctx, strategy, y), na, lang=lang)
    strategies = [(s, value_text(lang, "strategy", s)) for s in sections.STRATEGIES]
    return render_page(request, user, "structure", label(lang, "structure"), blocks, region=ctx.region,
                       strategies=strategies, strategy=strategy,
                       scatter_y=[(k, header(k, lang)) for k in SCATTER_Y], y=y)
