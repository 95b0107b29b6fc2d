"""Cluster pages: the region's clusters (tiers, size, growth, scale thresholds), their sizes in
each sub-region, and one page per cluster (composition by industry, trend, top regions, firms)."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import cluster_detail, figures, sections
from xinzhi.web.auth import page_user
from xinzhi.web.formatting import axis, cell, column, header, money_unit, plain, scaled
from xinzhi.web.i18n import label, value_text
from xinzhi.web.views.blocks import Block, chart_block, guarded, table_block
from xinzhi.web.views.common import PageContext, page_context, render_page

router = APIRouter(include_in_schema=False)


def _sizes(ctx: PageContext) -> list[Block]:
    lang = ctx.lang
    prof = sections.cluster_names(ctx.data, ctx.region, sections.clusters(ctx.data, ctx.scope, ctx.region), lang)
    out: list[Block] = []
    if "output" in prof and prof["output"].notna().any():
        shown = prof.assign(output=scaled(prof["output"], "money"))
        links = {str(n): f"/clusters/{c}?region={ctx.region}" for n, c in zip(prof["name"], prof["cluster_code"], strict=True)}
        fig = figures.bar_chart(shown, x="name", y="output", axis=axis("money", lang, title=plain("output", lang)),
                                links=links)
        out.append(chart_block(label(lang, "cluster_sizes"), fig, note=label(lang, "click_cluster"), wide=True))
    out.append(table_block(label(lang, "thresholds"), prof, export="clusters", params=ctx.params,
                           links={"name": "/clusters/{}?region=" + ctx.region}, link_keys={"name": "cluster_code"}))
    return out


def by_subregion_blocks(ctx: PageContext) -> list[Block]:
    """Cluster sizes (output) in each sub-region: a sub-region × cluster heatmap."""
    lang = ctx.lang
    frame = sections.cluster_names(ctx.data, ctx.region, cluster_detail.cluster_by_subregion(ctx.data, ctx.scope, ctx.region),
                                   lang)
    matrix = frame.pivot_table(index="region_name", columns="name", values="output", aggfunc="sum")
    order = frame.groupby("region_name")["output"].sum().sort_values(ascending=False).index
    matrix = scaled(matrix.reindex(order), "money").round(1)
    matrix.index = ctx.rnames(matrix.index)
    fig = figures.heatmap_chart(matrix, colorbar_title=money_unit("yi", lang),
                                value_format=",.1f")
    return [chart_block(label(lang, "cluster_by_subregion"), fig, note=label(lang, "cluster_by_subregion_note"), wide=True)]


@router.get("/clusters")
def clusters(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang = ctx.lang
    blocks = guarded(label(lang, "clusters"), lambda: _sizes(ctx), ctx.unavailable, lang=ctx.lang)
    blocks += guarded(label(lang, "cluster_by_subregion"), lambda: by_subregion_blocks(ctx), ctx.unavailable, lang=ctx.lang)
    return render_page(request, user, "clusters", label(lang, "clusters"), blocks, region=ctx.region)


@router.get("/clusters/{code}")
def cluster(code: str, request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang = ctx.lang
    row = cluster_detail.cluster_row(ctx.data, ctx.scope, ctx.region, code)
    name = str(sections.cluster_names(ctx.data, ctx.region, row.to_frame().T, lang)["name"].iloc[0])
    facts = [(header(k, lang), v) for k, v in (
        ("tier", value_text(lang, "tier", row.get("tier"))), ("basis", value_text(lang, "basis", row.get("basis"))))]
    for k in ("output", "growth", "share", "lq", "cagr", "progress_100bn", "year_100bn", "firms"):
        if k in row and pd.notna(row[k]):
            facts.append((header(k, lang), cell(row[k], column(k), lang)))
    blocks: list[Block] = [Block(name, "cards", cards=facts)]
    na = ctx.unavailable

    def composition() -> list[Block]:
        comp = cluster_detail.cluster_composition(ctx.data, ctx.scope, ctx.region, code)
        top = comp.head(15).assign(output=lambda f: scaled(f["output"], "money"),
                                   label=lambda f: f["name"].fillna(f["industry_code"]).str.slice(0, 14))
        fig = figures.bar_chart(top, x="label", y="output", axis=axis("money", lang, title=plain("output", lang)))
        return [chart_block(label(lang, "composition"), fig),
                table_block(label(lang, "composition"), comp, table="cluster_composition", wide=False)]

    def trend() -> list[Block]:
        tr = cluster_detail.cluster_trend(ctx.data, ctx.scope, ctx.region, code)
        shown = tr.assign(**{k: scaled(tr[k], "money") for k in ("output", "value_added", "revenue")})
        labels = {k: plain(k, lang) for k in ("output", "value_added", "revenue")}
        fig = figures.trend_chart(shown, columns=["output", "value_added", "revenue"], labels=labels,
                                  axis=axis("money", lang, title=label(lang, "amount")))
        return [chart_block(label(lang, "trend"), fig),
                table_block(label(lang, "trend"), tr, table="cluster_trend", wide=False)]

    def regions() -> list[Block]:
        by = cluster_detail.cluster_by_subregion(ctx.data, ctx.scope, ctx.region, code=code)
        shown = by.assign(output=scaled(by["output"], "money"), region_name=ctx.rnames(by["region_name"]))
        links = {str(n): f"/clusters/{code}?region={c}" for n, c in zip(shown["region_name"], by["region_code"], strict=True)}
        fig = figures.bar_chart(shown, x="region_name", y="output", links=links,
                                axis=axis("money", lang, title=plain("output", lang)))
        return [chart_block(label(lang, "top_regions"), fig),
                table_block(label(lang, "top_regions"), by.drop(columns=["cluster_code", "name"]), table="cluster_regions",
                            wide=False, links={"region_name": f"/clusters/{code}?region="},
                            link_keys={"region_name": "region_code"})]

    def firms() -> list[Block]:
        f = cluster_detail.cluster_firms(ctx.data, ctx.scope, ctx.region, code)
        return [table_block(label(lang, "cluster_firms"), f, table="enterprises",
                            links={"name": "/enterprises/"}, link_keys={"name": "credit_code"})]

    blocks += guarded(label(lang, "composition"), composition, na, lang=lang)
    blocks += guarded(label(lang, "trend"), trend, na, lang=lang)
    blocks += guarded(label(lang, "top_regions"), regions, na, lang=lang)
    blocks += guarded(label(lang, "cluster_firms"), firms, na, lang=lang)
    return render_page(request, user, "clusters", f"{label(lang, 'cluster')} · {name}", blocks, region=ctx.region)
