"""The comparison page of a region's sub-regions (a province user compares its cities): a league
table of any indicator, the city × chain-node coverage matrix, and cluster sizes by sub-region."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import comparison, figures
from xinzhi.web.auth import page_user
from xinzhi.web.formatting import axis, cell, column
from xinzhi.web.i18n import label, value_text
from xinzhi.web.views.blocks import Block, chart_block, guarded, note_block, table_block
from xinzhi.web.views.chains import chain_choices, default_chain
from xinzhi.web.views.clusters import by_subregion_blocks
from xinzhi.web.views.common import PageContext, page_context, render_page

router = APIRouter(include_in_schema=False)

RANK_BY = ("value", "growth_nominal")


def _indicator_names(ctx: PageContext) -> dict[str, str]:
    cat = ctx.data.indicator_catalog()
    col = "name_zh" if ctx.lang == "zh" else "name_en"
    return dict(zip(cat["code"], cat[col].fillna(cat["name_zh"]), strict=True)) if len(cat) else {}


def league(ctx: PageContext, indicator: str, period: str, by: str) -> list[Block]:
    lang = ctx.lang
    table = comparison.league_table(ctx.data, ctx.scope, ctx.region, indicator, period, by)
    metric = "value" if by == "value" else by
    unit = table["unit"].iloc[0] if "unit" in table and len(table) else None
    unit_text = value_text(lang, "unit", unit) if unit else ""
    name = _indicator_names(ctx).get(indicator, indicator)
    shown = table.rename(columns={metric: "value", "rank_before": "prev_rank"})
    if by != "value":
        shown = shown.rename(columns={"value": "growth"})
    values = shown["growth"] * 100 if by != "value" else shown["value"] * (100 if unit == "比例" else 1)
    kind = "pct" if by != "value" or unit == "比例" else "measure"
    fig = figures.bar_chart(shown.assign(v=values, region_name=ctx.rnames(shown["region_name"])), x="region_name", y="v",
                            axis=axis("pct" if kind == "pct" else "index", lang,
                                      title=f"{name}" + (f"（{unit_text}）" if unit_text and kind != "pct" and lang == "zh"
                                                          else (f" ({unit_text})" if unit_text and kind != "pct" else ""))),
                            links={str(n): f"/overview?region={c}" for n, c in zip(ctx.rnames(shown["region_name"]),
                                                                                    shown["region_code"], strict=True)})
    title = f"{label(lang, 'league_table')}: {name} {period}" + (f" · {label(lang, 'by_growth')}" if by != "value" else "")
    return [chart_block(title, fig, wide=False),
            table_block(title, shown.drop(columns=[c for c in ("indicator", "tied", "period_before") if c in shown]),
                        table="ranking", wide=False, links={"region_name": "/overview?region="},
                        link_keys={"region_name": "region_code"})]


def matrix(ctx: PageContext, chain: str) -> list[Block]:
    lang = ctx.lang
    m = comparison.coverage_matrix(ctx.data, ctx.scope, ctx.region, chain)
    m.index = ctx.rnames(m.index)
    fig = figures.heatmap_chart(m, colorbar_title=label(lang, "local_firms_short"))
    return [chart_block(label(lang, "coverage_matrix"), fig, note=label(lang, "coverage_matrix_note"), wide=True)]


@router.get("/compare")
def compare(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang, params = ctx.lang, ctx.params
    options = comparison.league_options(ctx.data, ctx.scope, ctx.region)
    names = _indicator_names(ctx)
    asked = {k: str(params.get(k, "")) for k in ("indicator", "period", "by", "chain")}
    indicator = asked["indicator"] if asked["indicator"] in options else (
        "gdp" if "gdp" in options else next(iter(options), ""))
    periods = options.get(indicator, [])
    period = asked["period"] if asked["period"] in periods else (periods[0] if periods else "")
    by = asked["by"] if asked["by"] in RANK_BY else "value"
    chains = chain_choices(ctx.data)
    ids = [c for c, _ in chains]
    chain = asked["chain"] if asked["chain"] in ids else default_chain(ids)
    params.update(indicator=indicator, period=period, by=by, chain=chain)
    blocks: list[Block] = []
    if comparison.children(ctx.data, ctx.scope, ctx.region).empty:
        blocks.append(note_block(label(lang, "compare"), label(lang, "no_subregions")))
    else:
        if indicator and period:
            blocks += guarded(label(lang, "league_table"), lambda: league(ctx, indicator, period, by), ctx.unavailable, lang=ctx.lang)
        else:
            blocks.append(note_block(label(lang, "league_table"), label(lang, "no_indicator_values")))
        if chain:
            blocks += guarded(label(lang, "coverage_matrix"), lambda: matrix(ctx, chain), ctx.unavailable, lang=ctx.lang)
        blocks += guarded(label(lang, "cluster_by_subregion"), lambda: by_subregion_blocks(ctx), ctx.unavailable, lang=ctx.lang)
    count = column("n")
    return render_page(request, user, "compare", label(lang, "compare"), blocks, region=ctx.region,
                       indicators=[(k, names.get(k, k)) for k in options], indicator=indicator,
                       periods=[(p, p) for p in periods], period=period,
                       rank_by=[(b, label(lang, f"rank_by_{b}")) for b in RANK_BY], by=by, chains=chains, chain=chain,
                       n_periods=cell(len(periods), count, lang))
