"""Growth stage of a firm, 0→1 (seed), 1→10 (growth), 10→100 (scale), by a stage rulebook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.evaluation.formula import as_condition, parse_formula
from xinzhi.evaluation.gradient import BOUNDARY_TOLERANCE

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from xinzhi.support.rules import StageRulebook

__all__ = ["classify"]


def classify(t: ir.Table, book: StageRulebook) -> ir.Table:
    """Add ``stage`` and ``stage_rule`` to the panel ``t``.

    The stages are tried from the top: a firm is in the first stage one of whose rules holds
    (a rule whose input is missing does not hold), and the rule named is the first that holds;
    the last stage takes every other firm (``stage_rule`` NULL).

    Examples
    --------
    >>> from xinzhi.support.loader import load_stage_rulebook
    >>> t = ibis.memtable({"revenue": [150000.0, 3000.0, 200.0], "tags": ["", "高新技术企业", ""],
    ...                    "age": [20.0, 6.0, 1.0], "revenue_2": [140000.0, 2800.0, None],
    ...                    "equity_financing": [0.0, 0.0, 0.0], "equity_financing_1": [0.0, 0.0, None],
    ...                    "rd_spending": [0.0, 90.0, 10.0], "above_scale": [True, True, False]})
    >>> classify(t, load_stage_rulebook()).to_pandas()[["stage", "stage_rule"]].values.tolist()
    [['scale', 'revenue_1b'], ['growth', 'titled'], ['seed', nan]]
    """
    scope: dict[str, Any] = {c: t[c] for c in t.columns}
    stage_branches = []
    rule_branches = []
    for stage in book.stages[:-1]:
        held = None
        for rule in stage.rules:
            cond = as_condition(parse_formula(rule.when).compile(scope, boundary_tolerance=BOUNDARY_TOLERANCE))
            rule_branches.append((cond, rule.id))
            held = cond if held is None else held | cond
        stage_branches.append((held, stage.id))
    return t.mutate(stage=ibis.cases(*stage_branches, else_=book.stages[-1].id),
                    stage_rule=ibis.cases(*rule_branches, else_=ibis.null("string")))
