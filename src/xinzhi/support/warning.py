"""Early-warning score for liquidity difficulty, by a warning rulebook (signals, bands, levels)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd

from xinzhi.evaluation.formula import parse_formula, widened
from xinzhi.evaluation.gradient import BOUNDARY_TOLERANCE

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from xinzhi.support.rules import WarningRulebook

__all__ = ["explain_warning", "score_warning"]


def score_warning(t: ir.Table, book: WarningRulebook) -> ir.Table:
    r"""Score every firm of the panel ``t``.

    .. math:: S = \sum_s p_s(v_s), \qquad p_s(v) = \text{points of the first band of } s \text{ that } v \text{ meets}

    A band ``at_most: c`` holds when :math:`v \le c`, ``at_least: c`` when :math:`v \ge c` (a value on
    the bound holds); a missing value (or a zero base) gives 0 points and counts in ``n_missing``.
    The level is the highest whose ``min_score`` :math:`\le S`, else NULL.

    Returns ``credit_code``, ``year``, ``v_<signal>``, ``p_<signal>``, ``score``, ``level``, ``n_missing``.

    Examples
    --------
    >>> from xinzhi.support.loader import load_warning_rulebook
    >>> t = ibis.memtable({"credit_code": ["A"], "year": [2024], "revenue": [600.0], "revenue_1": [1000.0],
    ...     "tax": [20.0], "tax_1": [40.0], "electricity": [70.0], "electricity_1": [100.0],
    ...     "employees": [90.0], "employees_1": [100.0], "energy_tce": [None], "energy_tce_1": [5.0],
    ...     "debt_ratio": [0.72], "debt_ratio_1": [0.6]})
    >>> r = score_warning(t, load_warning_rulebook()).to_pandas().iloc[0]
    >>> float(r.score), r.level, int(r.n_missing)   # 25 + 15 + 20 + 8 + 0 + 8 + 5
    (81.0, 'red', 1)
    """
    scope: dict[str, Any] = {c: t[c] for c in t.columns}
    values = {f"v_{s.id}": parse_formula(s.value).compile(scope).cast("float64") for s in book.signals}
    t = t.mutate(**values)
    points = {}
    for s in book.signals:
        v = t[f"v_{s.id}"]
        branches = [((v <= widened(b.at_most, BOUNDARY_TOLERANCE, up=True)) if b.at_most is not None
                     else (v >= widened(b.at_least or 0.0, BOUNDARY_TOLERANCE, up=False)), b.points) for b in s.bands]
        points[f"p_{s.id}"] = ibis.cases(*[(c.fill_null(False), p) for c, p in branches], else_=0.0).cast("float64")
    t = t.mutate(**points)
    score: Any = ibis.literal(0.0)
    missing: Any = ibis.literal(0)
    for s in book.signals:
        score = score + t[f"p_{s.id}"]
        missing = missing + t[f"v_{s.id}"].isnull().cast("int32")
    t = t.mutate(score=score, n_missing=missing)
    level = ibis.cases(*[(t.score >= lv.min_score - BOUNDARY_TOLERANCE, lv.id) for lv in book.levels],
                       else_=ibis.null("string"))
    t = t.mutate(level=level)
    return t.select("credit_code", "year", *values, *points, "score", "level", "n_missing")


def explain_warning(row: pd.Series | dict[str, Any], book: WarningRulebook, lang: str = "zh") -> str:
    """The signals that gave points, largest first: ``营业收入同比 -40.0% (+25)``."""
    parts = []
    for s in sorted(book.signals, key=lambda s: -float(row.get(f"p_{s.id}") or 0.0)):
        pts = float(row.get(f"p_{s.id}") or 0.0)
        if pts <= 0:
            continue
        v = float(row.get(f"v_{s.id}"))  # type: ignore[arg-type]
        shown = {"change": f"{v:+.1%}", "ratio": f"{v:.1%}", "number": f"{v:g}",
                 "pp": f"{100 * v:+.1f}" + (" 个百分点" if lang == "zh" else " pp")}[s.unit]
        parts.append(f"{s.label if lang == 'zh' else s.label_en} {shown} (+{pts:g})")
    return "; ".join(parts)
