"""The news page: quantitative facts extracted from news and policy text, newest document first,
each with its publication date and source sentence; and the priority industries documents name."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import sections
from xinzhi.web.auth import page_user
from xinzhi.web.i18n import label
from xinzhi.web.views.blocks import Block, guarded, table_block
from xinzhi.web.views.common import PageContext, page_context, render_page

router = APIRouter(include_in_schema=False)


def facts_shown(ctx: PageContext) -> pd.DataFrame:
    """Facts of the region with the indicator name in the page's language and the document's
    publication date, newest first."""
    from xinzhi.web.tables import table

    f = table("facts", ctx.data, ctx.scope, ctx.params)
    f = f.rename(columns={"indicator_zh" if ctx.lang == "zh" else "indicator_en": "indicator_name"})
    if ctx.lang != "zh" and {"value", "unit"} <= set(f.columns):  # stored in Chinese units (亿元, 个百分点)
        f["shown"] = [sections.shown_in(v, u, ctx.lang) for v, u in zip(f["value"], f["unit"], strict=True)]
    cols = ["indicator_name", "shown", "period", "kind", "published", "region_name", "sentence", "title"]
    return f[[c for c in cols if c in f]].reset_index(drop=True)


def fact_blocks(ctx: PageContext) -> list[Block]:
    f = facts_shown(ctx)
    return [table_block(f"{label(ctx.lang, 'facts')} ({len(f):,})", f, export="facts", params=ctx.params,
                        table="facts")]


@router.get("/news")
def news(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang = ctx.lang
    blocks = guarded(label(lang, "facts"), lambda: fact_blocks(ctx), ctx.unavailable, lang=ctx.lang)
    blocks += guarded(label(lang, "priorities"), lambda: table_block(
        label(lang, "priorities"), sections.priorities(ctx.data, ctx.scope, ctx.region)[
            ["region_name", "category", "item", "taxonomy_name", "title"]],
        export="priorities", params=ctx.params, table="priorities"), ctx.unavailable, lang=ctx.lang)
    return render_page(request, user, "news", label(lang, "news"), blocks, region=ctx.region)
