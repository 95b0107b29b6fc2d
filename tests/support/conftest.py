"""Fixtures for the support tests: panels of hand-written firms with every name a measure reads."""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from xinzhi.support.panel import DECLARED, GRADIENT_PROGRAMS, LAGGED

YEAR = 2024
#: a firm of the data year with every panel column; declared facts default to missing (None)
DEFAULTS: dict[str, Any] = {
    "credit_code": "X", "year": YEAR, "region_code": "510104", "park_code": None, "industry_code": "3411",
    "size_class": "small", "above_scale": True, "established_year": 2010, "tags": "",
    "land_mu": 10.0, "land_leased": False, "tax": 0.0, "value_added": 0.0, "output": 0.0, "revenue": 0.0,
    "main_revenue": 0.0, "energy_tce": 0.0, "electricity": 0.0, "emissions": 0.0, "rd_spending": 0.0,
    "rd_staff": 0.0, "employees": 0.0, "invention_patents": 0.0, "ip_count": 0.0, "total_assets": 0.0,
    "debt_ratio": 0.5, "net_profit": 0.0, "equity_financing": 0.0, "exports": 0.0, "safety_incident": False,
    "digital_total": None, "digital_level": None, "stage": "growth", "stage_rule": None,
    **{f"{c}_{k}": None for c in LAGGED for k in (1, 2)},
    **{f"passed_{p}": None for p in GRADIENT_PROGRAMS},
    **{c: None for c in DECLARED},
}
_TYPES = {"float": "float64", "int": "Int64", "bool": "boolean", "str": "object"}


def panel_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of DEFAULTS updated with the given values, typed like a built panel (``age`` derived)."""
    df = pd.DataFrame([{**DEFAULTS, "credit_code": f"F{i}", **r} for i, r in enumerate(rows)])
    floats = [k for k, v in DEFAULTS.items() if isinstance(v, float)] + [f"{c}_{k}" for c in LAGGED for k in (1, 2)]
    floats += ["digital_total", "digital_level"]
    for c in floats:
        df[c] = df[c].astype("float64")
    for c in ("above_scale", "land_leased", "safety_incident", *[f"passed_{p}" for p in GRADIENT_PROGRAMS]):
        df[c] = df[c].astype("boolean")
    for c, dtype in DECLARED.items():
        df[c] = df[c].astype(_TYPES[dtype])
    df["year"] = df["year"].astype("int64")
    df["age"] = (df["year"] - df["established_year"]).astype("float64")
    return df


def panel(rows: list[dict[str, Any]]) -> ir.Table:
    """:func:`panel_frame` as an Ibis table (DuckDB in memory)."""
    return ibis.memtable(panel_frame(rows))
