"""Match results in words: statuses, what a firm lacks, what is missing, what excluded it.

Texts are built only for the rows shown (a push list page, a firm, an export), from the
numbers a match stores (``lacking``, ``value``, ``threshold``, ``missing``, ``hit``, ``route``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from xinzhi.support.matching import comparison_of
from xinzhi.support.rules import Clause, Measure

__all__ = ["STATUS_LABELS", "format_value", "reason", "status_label"]

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "eligible": ("符合", "Eligible"),
    "to_confirm": ("待核实", "To confirm"),
    "near": ("差一项", "Near miss"),
    "excluded": ("负面清单排除", "Excluded (negative list)"),
    "not_eligible": ("不符合", "Not eligible"),
    "no_data": ("缺少数据", "No data"),
    "out_of_scope": ("不在适用地区", "Outside the region"),
}
_OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def status_label(status: str, lang: str = "zh") -> str:
    """``eligible`` → 符合 (or Eligible)."""
    zh, en = STATUS_LABELS.get(status, (status, status))
    return zh if lang == "zh" else en


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))


def format_value(v: Any, unit: str, lang: str = "zh") -> str:
    """A compared value with its unit: 2.6%, 1,250.0 万元, 320 人."""
    if _missing(v):
        return "—"
    x = float(v)
    if unit == "ratio":
        return f"{x:.1%}"
    if unit == "money":
        return f"{x:,.1f} 万元" if lang == "zh" else f"{x:,.1f} (10k yuan)"
    if unit == "people":
        return f"{x:,.0f} 人" if lang == "zh" else f"{x:,.0f} staff"
    if unit == "years":
        return f"{x:g} 年" if lang == "zh" else f"{x:g} years"
    return f"{x:,.4g}"


def _label(c: Clause, lang: str) -> str:
    return c.label if lang == "zh" else c.label_en


def _shortfall(c: Clause, row: Mapping[str, Any], lang: str) -> str:
    """``label value（需 ≥ bound）`` for a comparison, ``缺：label`` otherwise (or against 0)."""
    cmp = comparison_of(c.when)
    if cmp is None or _missing(row.get("value")) or _missing(row.get("threshold")) or float(row["threshold"]) == 0:
        return (f"缺：{c.label}" if lang == "zh" else f"lacks: {c.label_en}")
    v, t = float(row["value"]), float(row["threshold"])
    value, bound = format_value(v, c.unit, lang), format_value(t, c.unit, lang)
    if value == bound and c.unit == "ratio":  # 3.96 % against 4 %: more digits, never "4.0 % (needs ≥ 4.0 %)"
        value, bound = f"{v:.2%}", f"{t:.2%}"
    op = _OPS[cmp.op]
    gap = _difference(abs(t - v), c.unit, lang)
    above = cmp.op in ("<=", "<")
    if lang == "zh":
        return f"{c.label} {value}（需 {op} {bound}，{'超出' if above else '差'} {gap}）"
    return f"{c.label_en}: {value} (needs {op} {bound}, {'over' if above else 'short'} by {gap})"


def _difference(d: float, unit: str, lang: str) -> str:
    """A shortfall in the condition's unit; a share in percentage points."""
    if unit == "ratio":
        return f"{100 * d:.1f} 个百分点" if lang == "zh" else f"{100 * d:.1f} pp"
    return format_value(d, unit, lang)


def reason(measure: Measure, row: Mapping[str, Any], lang: str = "zh") -> str:
    """Why a firm has its status for ``measure``: the direct route or "all conditions met", the
    condition it lacks with value and bound, the inputs to confirm, or the negative-list entry."""
    status = row.get("status")
    sep = "、" if lang == "zh" else "; "
    if status == "eligible":
        route = measure.clause(str(row["route"])) if not _missing(row.get("route")) else None
        if route is not None:
            return _label(route, lang)
        return "全部条件满足" if lang == "zh" else "all conditions met"
    if status == "excluded":
        hit = measure.clause(str(row.get("hit"))) if not _missing(row.get("hit")) else None
        text = _label(hit, lang) if hit is not None else ""
        return f"负面清单：{text}" if lang == "zh" else f"negative list: {text}"
    if status in ("to_confirm", "no_data"):
        ids = [i for i in str(row.get("missing") or "").split(";") if i]
        labels = [_label(c, lang) for i in ids if (c := measure.clause(i)) is not None]
        head = {("to_confirm", "zh"): "待核实：", ("to_confirm", "en"): "to confirm: ",
                ("no_data", "zh"): "缺少数据：", ("no_data", "en"): "no data on: "}[(status, "zh" if lang == "zh" else "en")]
        return head + sep.join(labels)
    if status == "out_of_scope":
        return (f"适用地区：{measure.region.name}" if lang == "zh" else f"applies in {measure.region.name_en}")
    clause = measure.clause(str(row.get("lacking"))) if not _missing(row.get("lacking")) else None
    return _shortfall(clause, row, lang) if clause is not None else ""
