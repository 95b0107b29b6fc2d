"""Province boundaries (Apache ECharts 4.9.0 map data, Apache-2.0), for illustration only."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from xinzhi.reference.files import data_path

BOUNDARY_NOTE = (
    "Boundaries are simplified and for illustration only; they are not an approved map. "
    "边界仅为示意，不作为权威地图。"
)


@cache
def _load() -> str:
    return data_path("boundaries", "china_provinces.geojson").read_text(encoding="utf-8")


def province_boundaries() -> dict[str, Any]:
    """GeoJSON FeatureCollection of the provinces; each feature's ``id`` is its 6-digit code."""
    data: dict[str, Any] = json.loads(_load())
    return data


@cache
def _divisions(province: str) -> dict[str, Any] | None:
    path = data_path("boundaries", "divisions", f"{province}.json.gz")
    if not path.exists():
        return None
    import gzip

    data: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return data


def subregion_boundaries(code: str) -> dict[str, Any] | None:
    """GeoJSON FeatureCollection of the direct sub-regions of a province (its prefecture-level
    units) or of a prefecture (its county-level units), feature ``id`` = current GB/T 2260 code;
    ``None`` for other regions or when no boundaries are bundled.

    From the echarts-china-provinces-pypkg and echarts-china-cities-pypkg packages (MIT, 2018
    vintage), decoded, simplified and re-keyed to current codes by ``scripts/build_boundaries.py``
    (see ``data/SOURCES.md`` and ``data/boundaries/divisions/code_changes.csv``). A municipality's
    "cities" are its districts.
    """
    code = str(code)
    if len(code) != 6 or not code.isdigit():
        return None
    doc = _divisions(code[:2] + "0000")
    if doc is None:
        return None
    if code.endswith("0000"):
        cities = doc["cities"]
        if cities["features"]:
            return dict(cities)
        feats = [f for fc in doc["counties"].values() for f in fc["features"]]  # a municipality's districts
        return {"type": "FeatureCollection", "features": feats} if feats else None
    if code.endswith("00"):
        fc = doc["counties"].get(code)
        return dict(fc) if fc else None
    return None
