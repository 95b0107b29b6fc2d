"""Matching firms to measures: one status, benefit and reason per firm and measure, in one Ibis
expression per measure (DuckDB or Spark, as the evaluation rulebooks).

For a measure with eligibility conditions :math:`C_i`, direct routes :math:`D_k` and a negative
list :math:`N_j`, each condition is true, false, or unknown (an input is missing):

* ``excluded``   — some :math:`N_j` holds (the negative list wins over everything);
* ``eligible``   — no :math:`N_j` holds or is unknown, and some :math:`D_k` holds or every
  :math:`C_i` holds;
* ``to_confirm`` — no :math:`C_i` is false, but a :math:`C_i` or :math:`N_j` is unknown
  (待核实: the firm or the bureau must supply the missing facts);
* ``near``       — exactly one :math:`C_i` is false, none unknown, and that one is close
  (a comparison within ``near_miss.within`` of its bound, relative) or ``attainable``;
* ``not_eligible`` otherwise; ``out_of_scope`` when the firm lies outside the measure's regions.

A missing value never makes a firm eligible. ``benefit`` is the amount in 万元 the firm would
get if eligible: ``min(max(amount, 0), cap)``, NULL when an input of the amount is missing.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.evaluation.formula import as_condition, parse_formula
from xinzhi.evaluation.gradient import BOUNDARY_TOLERANCE

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from xinzhi.support.rules import Clause, Measure

__all__ = ["KEPT", "STATUSES", "Comparison", "comparison_of", "match_measures", "measure_rows", "region_prefix"]

STATUSES = ("eligible", "to_confirm", "near", "excluded", "not_eligible", "out_of_scope")
#: the statuses a stored run keeps (push lists): the others are recomputed for one firm on demand
KEPT = ("eligible", "to_confirm", "near")
_OPS = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<"}


@dataclass(frozen=True)
class Comparison:
    """A condition that is one comparison ``left op right`` (for values, thresholds and gaps)."""

    left: str
    op: str
    right: str


def comparison_of(text: str) -> Comparison | None:
    """The comparison a condition makes, when it is exactly one ``>=``, ``>``, ``<=`` or ``<``.

    >>> comparison_of("rd_spending / revenue >= rd_floor")
    Comparison(left='rd_spending / revenue', op='>=', right='rd_floor')
    >>> comparison_of("a >= 1 and b < 2") is None
    True
    """
    body = parse_formula(text).tree.body
    if not (isinstance(body, ast.Compare) and len(body.ops) == 1 and type(body.ops[0]) in _OPS):
        return None
    src = parse_formula(text).source
    left = ast.get_source_segment(src, body.left) or ast.unparse(body.left)
    right = ast.get_source_segment(src, body.comparators[0]) or ast.unparse(body.comparators[0])
    return Comparison(left, _OPS[type(body.ops[0])], right)


def region_prefix(code: str) -> str:
    """The GB/T 2260 prefix of every region below ``code`` (510000 → 51, 510100 → 5101).

    Park codes start with their county's code (``510104P01``), so a prefix covers parks too.
    """
    out = code
    while len(out) > 2 and out.endswith("00"):
        out = out[:-2]
    return out


def _compile(text: str, scope: dict[str, Any]) -> Any:
    return parse_formula(text).compile(scope, boundary_tolerance=BOUNDARY_TOLERANCE)


def _unknown(condition: Any) -> Any:
    """Whether a condition is NULL, written so that no ``IS NULL`` follows a ``NOT``: Ibis 12
    compiles ``(NOT x) IS NULL`` to ``NOT x IS NULL``, which DuckDB reads as ``NOT (x IS NULL)``."""
    c = condition.cast("boolean")
    return c.fill_null(False) != c.fill_null(True)


def _numeric(expr: Any) -> Any:
    return expr.cast("float64") if expr.type().is_numeric() or expr.type().is_boolean() else ibis.null("float64")


@dataclass
class _Condition:
    clause: Clause
    true: Any
    unknown: Any
    value: Any
    threshold: Any
    gap: Any


def _condition(clause: Clause, scope: dict[str, Any], within: float) -> _Condition:
    raw = _compile(clause.when, scope)
    true = as_condition(raw)
    unknown = _unknown(raw)
    value = threshold = gap = ibis.null("float64")
    cmp = comparison_of(clause.when)
    if cmp is not None:
        value, threshold = _numeric(_compile(cmp.left, scope)), _numeric(_compile(cmp.right, scope))
        short = (threshold - value) if cmp.op in (">=", ">") else (value - threshold)
        gap = short / threshold.abs().nullif(0.0)
    near_ok: Any = ibis.literal(clause.attainable)
    if clause.near_when is not None:
        near_ok = as_condition(_compile(clause.near_when, scope))
    elif clause.near and cmp is not None:
        near_ok = near_ok | (gap <= within).fill_null(False)
    return _Condition(clause, true, unknown, value, threshold, ibis.ifelse(near_ok, gap.fill_null(1.0), ibis.null("float64")))


def _any(parts: Iterable[Any]) -> Any:
    out: Any = ibis.literal(False)
    for p in parts:
        out = out | p
    return out


def _count(parts: Iterable[Any]) -> Any:
    out: Any = ibis.literal(0)
    for p in parts:
        out = out + p.cast("int32")
    return out


def _benefit(measure: Measure, scope: dict[str, Any]) -> Any:
    text = measure.benefit.formula()
    if text is None:
        return ibis.null("float64")
    amount = _compile(text, scope).cast("float64")
    amount = ibis.ifelse(amount < 0, 0.0, amount)
    if measure.benefit.cap is not None:
        amount = ibis.ifelse(amount > measure.benefit.cap, measure.benefit.cap, amount)
    return amount


def measure_rows(t: ir.Table, measure: Measure, *, keep: Sequence[str] | None = KEPT) -> ir.Table:
    """Status, benefit and reason of every firm of panel ``t`` for ``measure``.

    Returns ``credit_code``, ``year``, ``measure``, ``status``, ``route`` (the direct route that
    made the firm eligible, if any), ``benefit`` (万元), ``lacking`` (the failed condition of a near
    miss, or the first failed one), ``value``, ``threshold`` and ``gap`` (its relative shortfall;
    1 for an attainable non-numeric condition), ``missing`` (ids of the conditions with missing
    inputs, ``;``-separated) and ``hit`` (the negative-list entry that excluded the firm). Only rows
    whose status is in ``keep`` (all when ``None``).
    """
    scope: dict[str, Any] = {c: t[c] for c in t.columns}
    for v in measure.values:
        scope[v.id] = _compile(v.formula, scope)
    within = measure.near_miss.within
    conds = [_condition(c, scope, within) for c in measure.eligibility]
    neg_raw = [(c, _compile(c.when, scope)) for c in measure.negative]
    directs = [(c, as_condition(_compile(c.when, scope))) for c in measure.direct]
    false = [~c.true & ~c.unknown for c in conds]
    n_false, n_unknown = _count(false), _count(c.unknown for c in conds)
    excluded = _any(as_condition(e) for _, e in neg_raw)
    neg_unknown = _any(_unknown(e) for _, e in neg_raw)
    direct = _any(d for _, d in directs)
    in_scope = _in_region(t, measure.region.codes)
    eligible = ~excluded & ~neg_unknown & (direct | (n_false == 0) & (n_unknown == 0))
    to_confirm = ~excluded & (n_false == 0) & ((n_unknown > 0) | neg_unknown)
    near_gap = ibis.cases(*[(f, c.gap) for f, c in zip(false, conds, strict=True)], else_=ibis.null("float64")) \
        if conds else ibis.null("float64")
    near = ~excluded & (n_false == 1) & (n_unknown == 0) & near_gap.notnull()
    status = ibis.cases((~in_scope, "out_of_scope"), (excluded, "excluded"), (eligible, "eligible"),
                        (to_confirm, "to_confirm"), (near, "near"), else_="not_eligible")

    def first_failed(attr: str, default: Any) -> Any:
        return ibis.cases(*[(f, getattr(c, attr)) for f, c in zip(false, conds, strict=True)], else_=default)

    missing: Any = ibis.literal("")
    for cond in conds:
        missing = missing + ibis.ifelse(cond.unknown, ibis.literal(cond.clause.id + ";"), ibis.literal(""))
    for clause, e in neg_raw:
        missing = missing + ibis.ifelse(_unknown(e), ibis.literal(clause.id + ";"), ibis.literal(""))
    route = ibis.cases(*[(d, c.id) for c, d in directs], else_=ibis.null("string")) if directs else ibis.null("string")
    hit = ibis.cases(*[(as_condition(e), c.id) for c, e in neg_raw], else_=ibis.null("string")) \
        if neg_raw else ibis.null("string")
    clause_ids = [ibis.literal(c.clause.id) for c in conds]
    out = t.select(
        credit_code=t.credit_code, year=t.year.cast("int64"), measure=ibis.literal(measure.id), status=status,
        route=ibis.ifelse(eligible & direct, route, ibis.null("string")),
        benefit=_benefit(measure, scope),
        lacking=ibis.cases(*[(f, i) for f, i in zip(false, clause_ids, strict=True)], else_=ibis.null("string"))
        if conds else ibis.null("string"),
        value=first_failed("value", ibis.null("float64")),
        threshold=first_failed("threshold", ibis.null("float64")),
        gap=ibis.ifelse(near, near_gap, ibis.null("float64")),
        missing=missing, hit=hit,
    )
    return out if keep is None else out.filter(out.status.isin(list(keep)))


def _in_region(t: ir.Table, codes: list[str]) -> Any:
    if not codes:
        return ibis.literal(True)
    out: Any = ibis.literal(False)
    for code in codes:
        prefix = region_prefix(code)
        out = (out | t.region_code.cast("string").startswith(prefix).fill_null(False)
               | t.park_code.cast("string").startswith(prefix).fill_null(False))
    return out


def match_measures(t: ir.Table, measures: Sequence[Measure], *, keep: Sequence[str] | None = KEPT,
                   on: dt.date | None = None) -> ir.Table:
    """:func:`measure_rows` of every measure (in force on ``on`` when given), one table.

    Examples
    --------
    >>> from xinzhi.support.loader import load_measure
    >>> t = ibis.memtable({"credit_code": ["A"], "year": [2024], "region_code": ["510104"], "park_code": [None],
    ...                    "industry_code": ["3411"], "tags": [""], "rd_spending": [100.0], "net_profit": [300.0],
    ...                    "taxable_income": [None], "tax_on_accounts": [True]})
    >>> r = match_measures(t, [load_measure("rd-super-deduction-2023")]).to_pandas()
    >>> r[["status", "benefit"]].values.tolist()   # 100 万元 × 100 % × 25 %
    [['eligible', 25.0]]
    """
    chosen = [m for m in measures if on is None or m.valid.covers(on)]
    if not chosen:
        raise ValueError("no measure in force to match")
    parts = [measure_rows(t, m, keep=keep) for m in chosen]
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
