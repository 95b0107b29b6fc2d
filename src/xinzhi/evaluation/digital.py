"""Digital-maturity assessment: questionnaire points → dimension scores, total, level, weakest dimensions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import pandas as pd

from xinzhi.errors import InputError
from xinzhi.evaluation.digital_rulebook import DigitalRulebook

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["assess_digital", "name_weakest"]


def assess_digital(answers: ir.Table, rulebook: DigitalRulebook) -> ir.Table:
    r"""Sum questionnaire points per dimension and grade the total.

    .. math:: S = \sum_d \min\big(\textstyle\sum_{q \in d} points_q,\; max_d\big)

    The level is the highest whose ``min_score`` :math:`\le S` (a boundary value takes the
    higher level); below the first, ``below_first_level``.

    Parameters
    ----------
    answers : ibis.Table
        One row per answered item: ``credit_code``, ``dimension`` (a rulebook dimension id) and
        ``points`` (the item's points as scored by the questionnaire).
    rulebook : DigitalRulebook

    Returns
    -------
    ibis.Table
        ``credit_code``, ``d_<dimension>`` (points), ``total``, ``level``.

    References
    ----------
    .. [1] 工业和信息化部办公厅《中小企业数字化水平评测指标（2022年版）》(工信厅企业〔2022〕32号).

    Examples
    --------
    >>> from xinzhi.evaluation import load_rulebook
    >>> a = ibis.memtable({"credit_code": ["X", "X", "X"], "dimension": ["foundation", "management", "results"],
    ...                    "points": [30.0, 20.0, 10.0]})
    >>> assess_digital(a, load_rulebook("digital-maturity-2022")).to_pandas()[["total", "level"]].values.tolist()
    [[60.0, '三级']]
    """
    needed = {"credit_code", "dimension", "points"}
    if missing := needed - set(answers.columns):
        raise InputError(f"questionnaire answers lack column(s) {', '.join(sorted(missing))}")
    dims = [d.id for d in rulebook.dimensions]
    aggs = {f"d_{d.id}": answers.points.cast("float64").sum(where=answers.dimension == d.id).fill_null(0.0)
            for d in rulebook.dimensions}
    t = answers.filter(answers.dimension.isin(dims)).group_by("credit_code").aggregate(**aggs)
    t = t.mutate(**{f"d_{d.id}": ibis.least(t[f"d_{d.id}"], d.max_points) for d in rulebook.dimensions})
    total = sum((t[f"d_{d}"] for d in dims[1:]), t[f"d_{dims[0]}"])
    t = t.mutate(total=total)
    levels = sorted(rulebook.levels, key=lambda lv: -lv.min_score)
    level = ibis.cases(*[(t.total >= lv.min_score - 1e-9, lv.level) for lv in levels], else_=rulebook.below_first_level)
    return t.mutate(level=level).order_by("credit_code")


def name_weakest(result: pd.DataFrame, rulebook: DigitalRulebook) -> pd.DataFrame:
    """Add ``weakest``: the dimensions with the lowest share of their maximum, weakest first."""
    out = result.copy()
    shares = pd.DataFrame({d.label: out[f"d_{d.id}"] / d.max_points for d in rulebook.dimensions})
    out["weakest"] = [
        "、".join(list(row.sort_values(kind="stable").index[: rulebook.weakest])) for _, row in shares.iterrows()
    ]
    return out
