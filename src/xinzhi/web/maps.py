"""The map of a region's sub-regions: a province's cities, a city's districts and counties.

Boundaries come from a file the workspace's users uploaded (``web/boundaries.geojson``, e.g. an
approved map with a 审图号) when it covers the sub-regions, else from the bundled division
boundaries (:func:`xinzhi.reference.boundaries.subregion_boundaries`). A county is shown within
its city. No map of the whole country is drawn: the bundled national outline lacks the South China
Sea islands (南海诸岛), and a national map without them must not be shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.reference.boundaries import subregion_boundaries
from xinzhi.web import figures
from xinzhi.web.formatting import cell, column, scaled
from xinzhi.web.i18n import label, value_text
from xinzhi.web.views.blocks import Block, chart_block, note_block

if TYPE_CHECKING:
    from xinzhi.web.views.common import PageContext

def uploaded_boundaries(ws_path: str | Path) -> dict[str, Any] | None:
    """The boundaries uploaded to the workspace, if any: validated features only, parsed once per
    change of the file (:func:`xinzhi.web.boundaries.stored_boundaries`)."""
    from xinzhi.web.boundaries import stored_boundaries

    return stored_boundaries(ws_path)


def boundaries_for(ws_path: str | Path, region: str, children: set[str]) -> tuple[dict[str, Any] | None, str]:
    """Features of ``children`` (the sub-regions of ``region``) and where they come from
    (``uploaded`` or ``bundled``)."""
    up = uploaded_boundaries(ws_path)
    if up is not None:
        feats = [f for f in up.get("features", []) if str(f.get("id")) in children]
        if feats and len(feats) >= len(children):
            return {"type": "FeatureCollection", "features": feats}, "uploaded"
    return subregion_boundaries(region), "bundled"


def map_block(ctx: PageContext, sub: pd.DataFrame, indicator: str) -> list[Block]:
    """The choropleth of ``sub`` (values of ``indicator`` by direct sub-region of the page's
    region), or for a county its city with the county outlined."""
    lang, data = ctx.lang, ctx.data
    regions = data.regions()
    row = regions[regions["code"] == ctx.region].iloc[0]
    names = {c: ctx.rname(n) for c, n in data.region_names().items()}
    title = label(lang, "map")
    region, highlight = ctx.region, tuple[str, ...]()
    if row["level"] not in ("province", "city") and isinstance(row["parent_code"], str):
        region, highlight = row["parent_code"], (ctx.region,)
        while region not in names or regions.loc[regions["code"] == region, "level"].iloc[0] not in ("province", "city"):
            parent = regions.loc[regions["code"] == region, "parent_code"]
            if parent.empty or not isinstance(parent.iloc[0], str):
                break
            region = parent.iloc[0]
    children = set(regions.loc[regions["parent_code"] == region, "code"])
    geo, origin = boundaries_for(data.ws.path, region, children)
    if geo is None or not geo.get("features"):
        return [note_block(title, label(lang, "no_boundaries"))]
    kind = column(indicator).kind
    values: dict[str, float] = {}
    texts: dict[str, str] = {}
    if not highlight and len(sub):
        shown = scaled(sub["value"], kind)
        for code, v, raw in zip(sub["code"], shown, sub["value"], strict=True):
            if pd.notna(v):
                values[str(code)] = float(v)
                texts[str(code)] = f"{value_text(lang, 'indicator', indicator)}: {cell(raw, column(indicator), lang)}" + (
                    f" {_unit(kind, lang)}" if _unit(kind, lang) else "")
    links = {str(f["id"]): f"/overview?region={f['id']}&indicator={indicator}" for f in geo["features"]
             if ctx.scope.covers_region(str(f["id"])) and str(f["id"]) != ctx.region}
    fig = figures.choropleth_map(geo, values, highlight=highlight, names=names, value_text=texts, links=links,
                                 colorbar_title=_unit(kind, lang))
    source = label(lang, "boundary_source_uploaded" if origin == "uploaded" else "boundary_source_bundled")
    heading = f"{title}：{value_text(lang, 'indicator', indicator)}" if lang == "zh" else f"{title}: {value_text(lang, 'indicator', indicator)}"
    note = f"{label(lang, 'map_drill')} {source} {label(lang, 'boundary_note')}"
    return [chart_block(heading if values else title, fig, note=note)]


def _unit(kind: str, lang: str) -> str:
    if kind == "money":
        return "亿元" if lang == "zh" else "100M yuan"
    return {"count": ""}.get(kind, "")
