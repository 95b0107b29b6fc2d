"""Excel templates for the delivery tables and the chain candidate list, with bilingual headers
that ``xinzhi import`` reads.

The first sheet holds one header row, ``<中文> <english>`` per column with the canonical unit
in brackets where the column has one (``计划总投资 planned_investment（万元）``); the import's
header matching accepts that spelling (see :func:`xinzhi.schema.delivery.bilingual_header`).
The second sheet, ``填表说明 notes``, lists for each column whether it is required, its type,
unit, meaning and an example.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from xinzhi.errors import InputError
from xinzhi.schema import get_spec
from xinzhi.schema.base import Column, TableSpec
from xinzhi.schema.delivery import bilingual_header

__all__ = ["TEMPLATES", "template_header", "write_template"]

TEMPLATES: dict[str, str] = {
    "targets": "target",
    "projects": "project",
    "indicators": "indicator_value",
    "catalog": "indicator",
    "progress": "project_progress",
    "milestones": "project_milestone",
    "candidates": "chain_candidate",
    "declarations": "support_declaration",
    "solutions": "digital_solution",
    "providers": "digital_provider",
    "resources": "support_resource",
    "loan_products": "loan_product",
}
"""Template name → workspace table."""

_EXAMPLES: dict[str, dict[str, object]] = {
    "target": {"target_id": "SC-HT-2027", "name": "高新技术企业数量倍增", "region_code": "510000",
               "indicator": "high_tech_enterprises", "kind": "multiple", "baseline": 14000,
               "baseline_year": 2022, "target_value": 2, "deadline_year": 2027, "attribute": "预期性",
               "source": "（规划文件名称及文号）"},
    "project": {"project_id": "P0001", "name": "（项目名称）", "region_code": "510100",
                "park_code": "", "industry_code": "3976", "chain": "电子信息", "chain_node": "显示面板",
                "investor": "（投资主体）", "planned_investment": 1200000, "annual_plan": 300000,
                "start_date": "2024-03-01", "planned_completion": "2026-12-31", "status": "在建"},
    "indicator_value": {"indicator": "gdp", "region_code": "510000", "period": "2024Q3",
                        "value": 46000.5, "growth": "5.7%", "source": "四川省统计局"},
    "indicator": {"code": "industrial_investment", "name_zh": "工业投资", "name_en": "Industrial investment",
                  "unit": "万元", "frequency": "month", "cumulative": "是", "higher_is_better": "是",
                  "measure": "flow", "category": "投资"},
    "project_progress": {"project_id": "P0001", "month": "2024-11", "investment": 25000},
    "project_milestone": {"project_id": "P0001", "milestone": "主体封顶", "planned_date": "2025-06-30",
                          "actual_date": ""},
    "chain_candidate": {"list": "深交所A股 2025-10", "candidate_id": "300750", "name": "（企业全称）",
                        "credit_code": "", "region_code": "350900", "industry_code": "C",
                        "products": "动力电池;储能电池", "tags": "上市企业", "revenue": 36201200,
                        "revenue_prev": 40091700, "year": 2024, "source": "深圳证券交易所 A股列表"},
}

_TYPES = {"str": "文本 text", "int": "整数 integer", "float": "数值 number", "bool": "是/否 yes/no",
          "date": "日期 YYYY-MM-DD"}


def template_header(c: Column) -> str:
    """The template header of a column: bilingual, with the canonical unit when it has one."""
    h = bilingual_header(c)
    if c.unit and c.quantity != "ratio":
        h += f"（{c.unit}）"
    return h


def _notes(spec: TableSpec) -> pd.DataFrame:
    ex = _EXAMPLES.get(spec.name, {})
    return pd.DataFrame({
        "列 column": [template_header(c) for c in spec.columns],
        "必填 required": ["是 yes" if c.required else "" for c in spec.columns],
        "类型 type": [_TYPES[c.dtype] for c in spec.columns],
        "单位 unit": [c.unit if c.unit and c.quantity != "ratio" else "" for c in spec.columns],
        "说明 description": [c.description for c in spec.columns],
        "示例 example": [str(ex.get(c.name, "")) for c in spec.columns],
    })


def write_template(name: str, out: Path) -> Path:
    """Write the template ``name`` (see :data:`TEMPLATES`) as an XLSX workbook at ``out``."""
    from xinzhi.schema import TABLES

    table = TEMPLATES.get(name, name if name in TABLES else None)  # any importable table by its own name too
    if table is None:
        raise InputError(f"unknown template {name!r}; choose one of {', '.join(TEMPLATES)} or a table: {', '.join(TABLES)}")
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"templates are Excel workbooks: give a .xlsx file name, got {out.name}")
    spec = get_spec(table)
    headers = [template_header(c) for c in spec.columns]
    out.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(out, engine="xlsxwriter") as xw:
        pd.DataFrame(columns=headers).to_excel(xw, sheet_name=spec.name[:31], index=False)
        sheet = xw.sheets[spec.name[:31]]
        bold = xw.book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
        req = xw.book.add_format({"bold": True, "bg_color": "#F8CBAD", "text_wrap": True})
        for j, c in enumerate(spec.columns):
            sheet.write(0, j, headers[j], req if c.required else bold)
            sheet.set_column(j, j, max(14, len(headers[j]) + 2))
            if c.description:
                sheet.write_comment(0, j, c.description)
        sheet.freeze_panes(1, 0)
        _notes(spec).to_excel(xw, sheet_name="填表说明 notes", index=False)
    return out
