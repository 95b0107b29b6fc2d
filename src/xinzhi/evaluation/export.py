"""Excel export the way a county office publishes results: one sheet per cohort, Chinese headers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.evaluation.permu_rulebook import PermuRulebook
from xinzhi.workspace.neutralise import excel_writer

if TYPE_CHECKING:
    pass

__all__ = ["export_permu_excel"]

_HEADERS = {
    "credit_code": "统一社会信用代码", "year": "评价年度", "region_code": "所在地区代码",
    "park_code": "所在园区代码", "industry_code": "行业代码", "land_mu": "用地面积（亩）",
    "tax": "税收（万元）", "score": "综合得分", "rank": "排名", "group_size": "参评企业数",
    "class": "评价类别", "surcharge": "差别化收费（万元）", "benefits": "差别化政策", "reasons": "说明",
    "status": "评价状态", "n_missing": "缺失指标数", "max_item_ratio": "最高单项得分/权重",
}
#: ``status`` in words.
_STATUS = {"evaluated": "参评", "fixed": "不参与评价（固定类别）", "incomplete": "数据不全，不参评",
           "out_of_scope": "不在评价范围，不参评"}


def export_permu_excel(results: pd.DataFrame, rulebook: PermuRulebook, out: Path) -> Path:
    """Write ``results`` to ``out`` (.xlsx): a sheet per cohort ordered by rank, plus a 说明 sheet.

    Each cohort sheet shows, per firm, the indicator values and points of that cohort's items
    (Chinese labels with units), total score, rank, class, surcharge and reasons.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if "reasons" not in results.columns and "reason_flags" in results.columns:
        from xinzhi.evaluation.permu import render_reasons

        results = results.assign(reasons=[render_reasons(f, rulebook) for f in results["reason_flags"]])
    with excel_writer(out) as xw:  # text as text, never a formula (xinzhi.workspace.neutralise)
        notes = pd.DataFrame({
            "项目": ["评价办法", "版本", "适用地区", "依据文件", "发布机关", "来源", "说明", "假定"],
            "内容": [rulebook.title, rulebook.version, rulebook.jurisdiction.name, rulebook.source.document,
                   rulebook.source.issuer or "", rulebook.source.url or "", "".join(rulebook.notes),
                   "；".join(rulebook.assumptions)],
        })
        notes.to_excel(xw, sheet_name="说明", index=False)
        for cohort in rulebook.cohorts:
            part = results[results["cohort"] == cohort.id]
            if part.empty:
                continue
            cols = ["credit_code", "year", "region_code", "park_code", "industry_code", "land_mu", "tax"]
            headers = dict(_HEADERS)
            for ind in cohort.indicators:
                unit = f"（{ind.unit}）" if ind.unit and ind.unit != "ratio" else ""
                cols += [f"v_{ind.id}", f"s_{ind.id}"]
                headers[f"v_{ind.id}"] = f"{ind.label}{unit}"
                headers[f"s_{ind.id}"] = f"{ind.label}得分"
            if cohort.scored:
                cols += ["score", "rank", "group_size", "n_missing", "max_item_ratio"]
            cols += ["status", "class", "surcharge", "benefits", "reasons"]
            part = part.assign(status=part["status"].map(_STATUS)) if "status" in part.columns else part
            cols = [c for c in cols if c in part.columns]
            sheet = part.sort_values(["rank", "credit_code"], na_position="last")[cols].rename(columns=headers)
            name = "".join(ch for ch in cohort.label if ch not in "[]:*?/\\")[:31]
            sheet.to_excel(xw, sheet_name=name, index=False)
    return out
