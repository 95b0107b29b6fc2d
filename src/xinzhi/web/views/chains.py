"""The chain page: the chain map coloured by local coverage, the region's share of each node, the
coverage table (status first), gaps, chain leaders and investment targets."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web import figures, sections
from xinzhi.web.auth import page_user
from xinzhi.web.formatting import axis, plain, scaled
from xinzhi.web.i18n import label
from xinzhi.web.views.blocks import Block, chart_block, guarded, note_block, table_block
from xinzhi.web.views.common import page_context, render_page

router = APIRouter(include_in_schema=False)


def default_chain(chain_ids: list[str]) -> str:
    """The chain shown when none is chosen: ``nev`` if installed, else the first product or
    industry chain, else the first chain. Sector chains derived from input-output tables (ids
    ``io-...``) come last: their gaps are service sectors, which make a poor first view."""
    if "nev" in chain_ids:
        return "nev"
    product = [c for c in chain_ids if not c.startswith("io-")]
    return (product or chain_ids or [""])[0]


def chain_choices(data: object) -> list[tuple[str, str]]:
    """``(id, name)`` of the installed chains, product chains first."""
    try:
        cl = sections.chain_list(data)  # type: ignore[arg-type]
    except sections.Unavailable:
        return []
    except Exception:  # an empty chain table has no columns yet
        return []
    if cl.empty:
        return []
    ids = [str(c) for c in cl[cl.columns[0]]]
    names = [str(n) for n in cl["name"]] if "name" in cl else ids
    pairs = list(zip(ids, names, strict=True))
    return sorted(pairs, key=lambda p: (p[0].startswith("io-"), p[0]))


def node_names(chain: object, ids: object) -> str:
    """Node ids (``;``-separated) as their names."""
    nodes = getattr(chain, "nodes", None)
    if not isinstance(ids, str) or nodes is None:
        return "" if ids is None else str(ids)
    names = dict(zip(nodes["node"].astype(str), nodes["name"], strict=True))
    return "、".join(names.get(i.strip(), i.strip()) for i in ids.split(";") if i.strip())


@router.get("/chains")
def chains(request: Request, user: User = Depends(page_user)) -> Response:
    ctx = page_context(request, user)
    lang, params = ctx.lang, ctx.params
    choices = chain_choices(ctx.data)
    ids = [c for c, _ in choices]
    chain = str(params.get("chain")) if params.get("chain") in ids else default_chain(ids)
    params["chain"] = chain

    def build() -> list[Block]:
        if not chain:
            raise sections.Unavailable(label(lang, "no_chain"))
        v = dict(sections.chain_view(ctx.data, ctx.scope, chain, ctx.region))
        other = "_en" if lang == "zh" else "_zh"  # one language per page: reasons in the page's language
        for k in ("coverage", "gaps", "targets"):
            if k in v:
                v[k] = v[k].drop(columns=[c for c in v[k].columns if str(c).endswith(other)])
        cov = v["coverage"]
        out: list[Block] = []
        title = f"{v['chain'].name} {v['year']}"
        if {"node", "name", "stage", "status"} <= set(cov.columns):
            graph = figures.chain_graph(cov, v["chain"].edges, title=title, lang=lang)
            out.append(chart_block(label(lang, "chain_graph"), graph, note=label(lang, "chain_graph_note"), wide=True))
        if "share" in cov and "name" in cov:
            fig = figures.bar_chart(cov.assign(share=scaled(cov["share"], "pct")), x="name", y="share", title=title,
                                    axis=axis("pct", lang, title=plain("share", lang)))
            out.append(chart_block(label(lang, "coverage_share"), fig, note=label(lang, "coverage_share_note"), wide=True))
        out.append(table_block(label(lang, "coverage"), cov, export="chain_coverage", params=params,
                               table="chain_coverage"))
        gaps = v["gaps"]
        out.append(table_block(label(lang, "gaps"), gaps, export="chain_gaps", params=params, wide=False,
                               table="chain_gaps"))
        leaders = v["leaders"]
        if "nodes" in leaders:
            leaders = leaders.assign(nodes=leaders["nodes"].map(lambda x: node_names(v["chain"], x)))
        out.append(table_block(label(lang, "leaders"), leaders, export="chain_leaders", params=params,
                               links={"name": "/enterprises/"}, link_keys={"name": "credit_code"}, wide=False))
        out.append(table_block(label(lang, "targets_invest"), v["targets"], export="chain_targets", params=params))
        if v.get("targets_note"):
            out.append(note_block(label(lang, "targets_invest"), v["targets_note"][lang]))
        return out

    blocks = guarded(label(lang, "chains"), build, ctx.unavailable, lang=ctx.lang)
    return render_page(request, user, "chains", label(lang, "chains"), blocks, region=ctx.region, chains=choices,
                       chain=chain)


__all__ = ["chain_choices", "default_chain", "pd", "router"]
