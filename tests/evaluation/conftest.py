"""Fixtures for the evaluation tests: enterprise-year tables built from a few hand-written rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pytest

DEFAULTS: dict[str, Any] = {
    "year": 2022, "region_code": "331003", "park_code": "", "industry_code": "3311",
    "size_class": "small", "above_scale": True, "established_year": 2000, "tags": "",
    "land_mu": 10.0, "land_leased": False, "tax": 0.0, "value_added": 0.0, "output": 0.0,
    "revenue": 0.0, "main_revenue": 0.0, "energy_tce": 0.0, "electricity": 0.0, "emissions": 0.0,
    "rd_spending": 0.0, "rd_staff": 0.0, "employees": 0.0, "invention_patents": 0.0,
    "ip_count": 0.0, "debt_ratio": 0.5, "net_profit": 0.0, "equity_financing": 0.0,
    "exports": 0.0, "safety_incident": False,
}
FLOATS = [k for k, v in DEFAULTS.items() if isinstance(v, float)]


def firms_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A joined enterprise-year frame: each row is DEFAULTS updated with the given values."""
    df = pd.DataFrame([{**DEFAULTS, **r} for r in rows])
    for c in FLOATS:
        df[c] = df[c].astype("float64")
    df["year"] = df["year"].astype("int64")
    df["established_year"] = df["established_year"].astype("int64")
    for c in ("above_scale", "land_leased", "safety_incident"):
        df[c] = df[c].astype("boolean")
    return df


@pytest.fixture
def firms() -> Callable[[list[dict[str, Any]]], ir.Table]:
    """Build an Ibis table (DuckDB in memory) from hand-written firm rows."""

    def build(rows: list[dict[str, Any]]) -> ir.Table:
        return ibis.memtable(firms_frame(rows))

    return build
