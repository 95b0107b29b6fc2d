"""The overview page: key figures, the map of the region's sub-regions (drill-down), trends, the
sub-regions, top industries and clusters, targets and late projects."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import figures, sections
from xinzhi.web.auth import page_user
from xinzhi.web.formatting import axis, cell, column, header, labels, scaled
from xinzhi.web.i18n import label, value_text
from xinzhi.web.maps import map_block
from xinzhi.web.service import SUBREGION_INDICATORS
from xinzhi.web.views.blocks import Block, chart_block, guarded, table_block
from xinzhi.web.views.common import page_context, render_page

router = APIRouter(include_in_schema=False)

MONEY_TOTALS = ("revenue", "tax", "value_added")


@router.get("/overview")
def overview(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    st, scope, region, params, lang = ctx.st, ctx.scope, ctx.region, ctx.params, ctx.lang
    indicator = str(params.get("indicator")) if params.get("indicator") in SUBREGION_INDICATORS else "output"
    params["indicator"] = indicator
    ov = st.data.overview(scope, region)
    c = ov["counts"]
    count = column("enterprises")
    cards = [(label(lang, "enterprise_count"), cell(c.get("enterprises", 0), count, lang)),
             (label(lang, "above_scale"), cell(c.get("above_scale", 0), count, lang))]
    if ov["level"] == "province":
        cards.append((label(lang, "cities"), cell(c.get("cities", 0), count, lang)))
    cards += [(label(lang, "counties"), cell(c.get("counties", 0), count, lang)),
              (label(lang, "parks"), cell(c.get("parks", 0), count, lang))]
    totals = ov["totals"]
    if len(totals):
        last = totals.iloc[-1]
        cards += [(f"{header(k, lang)} {int(last['year'])}", cell(last[k], column(k), lang)) for k in MONEY_TOTALS]
    blocks: list[Block] = [Block(label(lang, "key_indicators"), "cards", cards=cards)]
    sub = st.data.subregion_values(scope, region, indicator)
    blocks += map_block(ctx, sub, indicator)
    if len(totals):
        shown = totals.assign(**{k: scaled(totals[k], "money") for k in MONEY_TOTALS})
        fig = figures.trend_chart(shown, columns=list(MONEY_TOTALS), labels={k: column(k).zh if lang == "zh" else column(k).en
                                                                           for k in MONEY_TOTALS},
                                  axis=axis("money", lang, title=label(lang, "enterprise_totals")))
        blocks.append(chart_block(label(lang, "trend"), fig, note=label(lang, "enterprise_totals_note")))
    if len(sub):
        kind = column(indicator).kind
        named = sub.assign(value=scaled(sub["value"], kind), name=ctx.rnames(sub["name"]))
        title = f"{value_text(lang, 'indicator', indicator)} {sub['year'].iloc[0]}"
        links = {str(n): f"/overview?region={c}&indicator={indicator}"
                 for n, c in zip(named["name"], sub["code"], strict=True) if scope.covers_region(str(c))}
        fig = figures.bar_chart(named, x="name", y="value", title=title,
                                axis=axis(kind, lang, title=value_text(lang, "indicator", indicator)), links=links)
        blocks.append(chart_block(label(lang, "subregions"), fig))
        table = sub.rename(columns={"value": indicator})
        blocks.append(table_block(label(lang, "subregions"), table, export="subregions", params=params, wide=False,
                                  links={"code": "/overview?region="}))
    blocks.append(table_block(label(lang, "top_industries"), ov["top_industries"], export="top_industries",
                              params=params, wide=False))
    blocks.append(table_block(label(lang, "enterprise_totals"), totals, export="indicators", params=params, wide=False,
                              table="indicators"))
    na = ctx.unavailable
    blocks += guarded(label(lang, "top_clusters"), lambda: table_block(
        label(lang, "top_clusters"), sections.cluster_names(st.data, region, sections.clusters(st.data, scope, region).head(10),
                                                            lang), export="clusters",
        params=params, wide=False, links={"name": "/clusters/{}?region=" + region}, link_keys={"name": "cluster_code"}), na, lang=lang)
    blocks += guarded(label(lang, "targets"), lambda: table_block(
        label(lang, "targets"), st.data.with_units(sections.targets(st.data, scope, region)), export="targets",
        params=params, max_rows=15, wide=False), na, lang=lang)
    blocks += guarded(label(lang, "late_projects"), lambda: table_block(
        label(lang, "late_projects"), sections.projects(st.data, scope, region, late_only=True),
        export="projects", params={**params, "late": "1"}, max_rows=15, wide=False), na, lang=lang)
    indicator_names = labels(lang, SUBREGION_INDICATORS)
    return render_page(request, user, "overview", f"{ctx.rname(ov['name'])} · {label(lang, 'overview')}", blocks,
                       indicators=[(i, indicator_names[i]) for i in SUBREGION_INDICATORS], indicator=indicator,
                       region=region, upload=True)
