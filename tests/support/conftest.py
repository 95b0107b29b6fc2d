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


# ------------------------------------------------------------------ a small real workspace
import datetime as dt  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from xinzhi.credit_code import make_credit_code  # noqa: E402
from xinzhi.workspace import Workspace, open_workspace  # noqa: E402

#: Chengdu (锦江区) firms A–E, a Mianyang firm M
A, B, C, D, E = (make_credit_code("510104", i) for i in range(1, 6))
M = make_credit_code("510703", 9)
NAMES = {A: "锦江高新电子有限公司", B: "锦江小微机械有限公司", C: "锦江困难纺织有限公司", D: "锦江汽配科技有限公司",
         E: "=HYPERLINK(\"x\")锦江测试有限公司", M: "涪城电子有限公司"}
PASSWORDS = {
    "admin": "granite harbour under morning fog",
    "chengdu": "bamboo teahouse beside the river",
    "mianyang": "paper kites above the orchard",
}
AS_OF = "2025-01-15"


def fill_support_workspace(ws: Workspace) -> Workspace:
    """Six firms with three years of figures, declarations, questionnaire answers and catalogs."""
    from xinzhi.access.users import add_user
    from xinzhi.support.runs import AS_OF_META

    ent = pd.DataFrame([
        {"credit_code": A, "industry_code": "3976", "size_class": "small", "tags": "高新技术企业;科技型中小企业", "established_year": 2015},
        {"credit_code": B, "industry_code": "3411", "size_class": "micro", "tags": None, "established_year": 2020},
        {"credit_code": C, "industry_code": "1711", "size_class": "medium", "tags": None, "established_year": 2005},
        {"credit_code": D, "industry_code": "3670", "size_class": "small", "tags": "专精特新;专精特新小巨人", "established_year": 2012},
        {"credit_code": E, "industry_code": "5211", "size_class": "small", "tags": None, "established_year": 2010},
        {"credit_code": M, "industry_code": "3976", "size_class": "small", "tags": "高新技术企业", "established_year": 2016},
    ])
    ent["name"] = ent["credit_code"].map(NAMES)
    ent["region_code"] = ["510104"] * 5 + ["510703"]
    ent["above_scale"] = True
    ws.write("enterprise", ent, source="test")
    base = {A: (4000.0, 220.0, 100.0, 3000.0), B: (900.0, 0.0, 30.0, 600.0), C: (5000.0, 0.0, 200.0, 4000.0),
            D: (6000.0, 300.0, 120.0, 5000.0), E: (2000.0, 50.0, 40.0, 1500.0), M: (4000.0, 220.0, 100.0, 3000.0)}
    rows = []
    for code, (rev, rd, emp, assets) in base.items():
        for year, k in ((2022, 0.85), (2023, 0.92), (2024, 1.0)):
            f = k
            if code == C and year == 2024:  # C collapses: revenue −40 %, tax −50 %, electricity −35 %, staff −25 %
                f = 0.92 * 0.6
            rows.append({"credit_code": code, "year": year, "revenue": rev * f, "rd_spending": rd * f, "employees":
                         emp * (0.75 * 0.92 if code == C and year == 2024 else 1.0), "total_assets": assets,
                         "tax": rev * f * 0.04 * (0.83 if code == C and year == 2024 else 1.0),
                         "electricity": rev * f * 0.1 * (1.08 if code == C and year == 2024 else 1.0),
                         "energy_tce": rev * f * 0.01, "value_added": rev * f * 0.25, "net_profit": rev * f * 0.05,
                         "debt_ratio": 0.82 if code == C and year == 2024 else 0.5, "rd_staff": 12.0 if rd else 0.0,
                         "ip_count": 3.0 if rd else 0.0, "invention_patents": 1.0 if rd else 0.0, "exports": 0.0,
                         "safety_incident": False})
    ws.write("enterprise_year", pd.DataFrame(rows), source="test")
    decl = pd.DataFrame([{"credit_code": c, "year": 2024, "tax_on_accounts": True, "restricted_industry": False,
                          "credit_blacklisted": False, "vat_general": True, "other_vat_credit": False,
                          "st_staff": 15.0, "hitech_revenue_share": 0.7, "mfg_sales_share": 0.9, "tech_field": True}
                         for c in (A, B, C, D, E, M)])
    decl.loc[decl["credit_code"] == D, "giant_since"] = 2024
    ws.write("support_declaration", decl, source="test")
    ws.write("digital_provider", pd.DataFrame([
        {"provider_id": "P1", "name": "锦江数字服务公司", "region_code": "510104", "qualifications": "试点城市服务商"},
        {"provider_id": "P2", "name": "绵阳工业云公司", "region_code": "510703"}]), source="test")
    ws.write("digital_solution", pd.DataFrame([
        {"solution_id": "S1", "name": "采集盒子", "provider_id": "P2", "scene": "数据采集", "items": "data_collection",
         "price_low": 2, "price_high": 6, "deploy_months": 1},
        {"solution_id": "S2", "name": "轻量MES", "provider_id": "P1", "scene": "生产管控", "items": "data_collection;information_systems",
         "price_low": 5, "price_high": 10, "deploy_months": 3},
        {"solution_id": "S3", "name": "汽配MES", "provider_id": "P1", "scene": "生产管控", "items": "data_collection",
         "industries": "36", "price_low": 20, "price_high": 40, "deploy_months": 4}]), source="test")
    answers = [("information_systems", "single"), ("network", "5g"), ("planning", "planned")]
    ws.write("digital_answer", pd.DataFrame([{"credit_code": c, "year": 2024, "item": i, "answer": a}
                                             for c in (A, D) for i, a in answers]), source="test")
    ws.write("support_resource", pd.DataFrame([
        {"resource_id": "R1", "name": "锦江加速器", "kind": "accelerator", "region_code": "510104", "stages": "growth"},
        {"resource_id": "R2", "name": "成都孵化器", "kind": "incubator", "region_code": "510100", "stages": "seed"},
        {"resource_id": "R3", "name": "四川产业基金", "kind": "industrial_fund", "region_code": "510000",
         "stages": "growth;scale", "industries": "36;39", "ticket_min": 1000, "ticket_max": 20000}]), source="test")
    ws.write("loan_product", pd.DataFrame([
        {"product_id": "L1", "bank": "测试银行", "name": "纾困贷", "purpose": "working_capital", "amount_min": 50,
         "amount_max": 1000, "rate": "3.1%", "for_difficulty": True, "max_debt_ratio": 0.9},
        {"product_id": "L2", "bank": "测试银行", "name": "技改贷", "purpose": "project", "amount_max": 5000,
         "rate": 0.03, "for_projects": True, "region_code": "510100"}]), source="test")
    ws.write("project", pd.DataFrame([
        {"project_id": "T1", "name": "汽配扩产项目", "region_code": "510104", "investor": NAMES[D],
         "planned_investment": 8000, "annual_plan": 3000, "start_date": "2025-03-01", "status": "planned"},
        {"project_id": "T2", "name": "远期项目", "region_code": "510104", "investor": NAMES[B],
         "planned_investment": 800, "start_date": "2026-06-01", "status": "planned"}]), source="test")
    ws.set_meta(AS_OF_META, AS_OF)
    add_user(ws, "admin", PASSWORDS["admin"], role="admin")
    add_user(ws, "chengdu", PASSWORDS["chengdu"], role="city", region_code="510100")
    add_user(ws, "mianyang", PASSWORDS["mianyang"], role="city", region_code="510700")
    return ws


@pytest.fixture(scope="session")
def support_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The small support workspace (built once per session; tests must not change it)."""
    ws = fill_support_workspace(open_workspace(Path(tmp_path_factory.mktemp("support")) / "ws"))
    yield ws
    ws.close()


ON = dt.date.fromisoformat(AS_OF)
