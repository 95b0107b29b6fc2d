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
