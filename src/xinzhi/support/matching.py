"""Matching firms to measures: one status, benefit and reason per firm and measure, in one Ibis
expression per measure (DuckDB or Spark, as the evaluation rulebooks).

For a measure with eligibility conditions :math:`C_i`, direct routes :math:`D_k` and a negative
list :math:`N_j`, each condition is true, false, or unknown (an input is missing):

* ``excluded``   — some :math:`N_j` holds (the negative list wins over everything);
* ``eligible``   — no :math:`N_j` holds or is unknown, and some :math:`D_k` holds or every
  :math:`C_i` holds;
* ``to_confirm`` — no :math:`C_i` is false and at least one holds, but a :math:`C_i` or
  :math:`N_j` is unknown (待核实: the firm or the bureau must supply the missing facts);
* ``no_data``    — no :math:`C_i` holds or fails: every input is missing;
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
from functools import cache
from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.evaluation.formula import as_condition, parse_formula
from xinzhi.evaluation.gradient import BOUNDARY_TOLERANCE

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from xinzhi.support.rules import Clause, Measure

__all__ = ["KEPT", "PANEL_PLACEHOLDER", "STATUSES", "Comparison", "columns_read", "comparison_of", "match_measures",
           "match_sql", "measure_rows", "region_prefix"]

STATUSES = ("eligible", "to_confirm", "near", "excluded", "not_eligible", "no_data", "out_of_scope")
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


def _condition_columns(i: int, clause: Clause, scope: dict[str, Any], within: float) -> dict[str, Any]:
    """Columns of eligibility condition ``i``: ``__r`` (its value, NULL when unknown), ``__v`` and
    ``__h`` (compared value and bound), ``__g`` (relative gap) and ``__k`` (whether a failure of
    this condition may be a near miss)."""
    value = threshold = ibis.null("float64")
    cmp = comparison_of(clause.when)
    if cmp is not None:
        value, threshold = _numeric(_compile(cmp.left, scope)), _numeric(_compile(cmp.right, scope))
    near_ok: Any = ibis.literal(clause.attainable)
    if clause.near_when is not None:
        near_ok = as_condition(_compile(clause.near_when, scope))
    return {f"__r{i}": _compile(clause.when, scope).cast("boolean"), f"__v{i}": value, f"__h{i}": threshold,
            f"__k{i}": near_ok}


def _gap_columns(i: int, clause: Clause, s: ir.Table, within: float) -> dict[str, Any]:
    """``__t`` (holds), ``__u`` (unknown) and ``__g`` (gap when a failure may be a near miss, else
    NULL) of condition ``i`` from its stage-one columns."""
    raw, value, bound = s[f"__r{i}"], s[f"__v{i}"], s[f"__h{i}"]
    cmp = comparison_of(clause.when)
    gap: Any = ibis.null("float64")
    near_ok: Any = s[f"__k{i}"]
    if cmp is not None:
        short = (bound - value) if cmp.op in (">=", ">") else (value - bound)
        gap = short / bound.abs().nullif(0.0)
        if clause.near_when is None and clause.near:
            near_ok = near_ok | (gap <= within).fill_null(False)
    return {f"__t{i}": raw.fill_null(False), f"__u{i}": _unknown(raw),
            f"__g{i}": ibis.ifelse(near_ok, gap.fill_null(1.0), ibis.null("float64"))}


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


def _scope(t: ir.Table) -> dict[str, Any]:
    return {c: t[c] for c in t.columns}


def _formulas(measure: Measure) -> list[str]:
    out = [v.formula for v in measure.values]
    for c in (*measure.eligibility, *measure.direct, *measure.negative):
        out += [c.when] + ([c.near_when] if c.near_when else [])
    out += [x for x in (measure.benefit.formula(),) if x]
    return out


def _reads(measure: Measure, columns: Sequence[str]) -> list[str]:
    """The panel columns the measure reads (and the key and place columns), in panel order."""
    names = {"credit_code", "year", "region_code", "park_code"}
    for text in _formulas(measure):
        names |= parse_formula(text).names
    return [c for c in columns if c in names]


def columns_read(measures: Sequence[Measure], columns: Sequence[str]) -> list[str]:
    """The panel columns any of ``measures`` reads (with the key and place columns), in panel order:
    a run keeps only these when it computes the panel once."""
    names: set[str] = set()
    for m in measures:
        names |= set(_reads(m, columns))
    return [c for c in columns if c in names]


def _value_levels(measure: Measure) -> list[list[Any]]:
    """The measure's values in levels: each level reads only columns and earlier levels, so one
    subquery computes a whole level."""
    ids = {v.id for v in measure.values}
    level_of: dict[str, int] = {}
    for v in measure.values:
        deps = parse_formula(v.formula).names & ids
        level_of[v.id] = 1 + max((level_of[d] for d in deps), default=-1)
    depth = max(level_of.values(), default=-1) + 1
    return [[v for v in measure.values if level_of[v.id] == k] for k in range(depth)]


def _status_stage(t: ir.Table, measure: Measure) -> ir.Table:
    """Every firm of ``t`` with its status as an integer (``__status``, an index of :data:`STATUSES`)
    and the columns the texts are built from, in stages (values, condition columns, counts, status),
    each a subquery (``view``), so that a formula is written once in the SQL however often it is read."""
    base = t.select(*_reads(measure, t.columns))
    for level in _value_levels(measure):
        base = base.mutate(**{v.id: _compile(v.formula, _scope(base)) for v in level}).view()
    scope = _scope(base)
    within = measure.near_miss.within
    cols: dict[str, Any] = {}
    for i, c in enumerate(measure.eligibility):
        cols |= _condition_columns(i, c, scope, within)
    for j, c in enumerate(measure.negative):
        cols[f"__nr{j}"] = _compile(c.when, scope).cast("boolean")
    for k, c in enumerate(measure.direct):
        cols[f"__d{k}"] = as_condition(_compile(c.when, scope))
    cols["__b"] = _benefit(measure, scope)
    cols["__in"] = _in_region(base, measure.region.codes)
    one = base.select("credit_code", "year", **cols).view()
    two: dict[str, Any] = {}
    for i, c in enumerate(measure.eligibility):
        two |= _gap_columns(i, c, one, within)
    for j in range(len(measure.negative)):
        two |= {f"__n{j}": one[f"__nr{j}"].fill_null(False), f"__nu{j}": _unknown(one[f"__nr{j}"])}
    s = one.mutate(**two).view()
    conds = range(len(measure.eligibility))
    negs = range(len(measure.negative))
    false = [~s[f"__t{i}"] & ~s[f"__u{i}"] for i in conds]
    lack = ibis.cases(*[(f, i) for f, i in zip(false, conds, strict=True)], else_=ibis.null("int32")) \
        if measure.eligibility else ibis.null("int32")
    # counts and flags once, as columns: the status reads each several times
    agg = s.mutate(__nf=_count(false), __nu=_count(s[f"__u{i}"] for i in conds),
                   __nt=_count(s[f"__t{i}"] for i in conds), __ex=_any(s[f"__n{j}"] for j in negs),
                   __nx=_any(s[f"__nu{j}"] for j in negs),
                   __dr=_any(s[f"__d{k}"] for k in range(len(measure.direct))), __lack=lack).view()

    def first_failed(prefix: str) -> Any:
        return agg["__lack"].cases(*[(i, agg[f"{prefix}{i}"]) for i in conds], else_=ibis.null("float64")) \
            if measure.eligibility else ibis.null("float64")

    n_false, n_unknown, n_true = agg["__nf"], agg["__nu"], agg["__nt"]
    excluded, neg_unknown, direct = agg["__ex"], agg["__nx"], agg["__dr"]
    eligible = ~excluded & ~neg_unknown & (direct | (n_false == 0) & (n_unknown == 0))
    open_ = ~excluded & (n_false == 0) & ((n_unknown > 0) | neg_unknown)
    to_confirm, no_data = open_ & (n_true > 0), open_ & (n_true == 0)
    near_gap = first_failed("__g")
    near = ~excluded & (n_false == 1) & (n_unknown == 0) & near_gap.notnull()
    code = {name: i for i, name in enumerate(STATUSES)}  # an integer while filtering, a word at the end
    status = ibis.cases((~agg["__in"], code["out_of_scope"]), (excluded, code["excluded"]),
                        (eligible, code["eligible"]), (to_confirm, code["to_confirm"]), (no_data, code["no_data"]),
                        (near, code["near"]), else_=code["not_eligible"])
    three = agg.mutate(__status=status, __route=eligible & direct, __value=first_failed("__v"),
                       __threshold=first_failed("__h"), __gap=ibis.ifelse(near, near_gap, ibis.null("float64")))
    flags = [f"__u{i}" for i in conds] + [f"__nu{j}" for j in negs] + [f"__n{j}" for j in negs]
    flags += [f"__d{k}" for k in range(len(measure.direct))]
    return three.select("credit_code", "year", "__status", "__route", "__b", "__lack", "__value", "__threshold",
                        "__gap", *flags)


def _texts(three: ir.Table, measure: Measure, keep: Sequence[str] | None) -> ir.Table:
    """The rows of a status stage whose status is in ``keep``, with their texts (built only for them)."""
    code = {name: i for i, name in enumerate(STATUSES)}
    conds, negs = range(len(measure.eligibility)), range(len(measure.negative))
    if keep is not None:
        three = three.filter(three["__status"].isin([code[k] for k in keep]))
    null_text = ibis.null("string")
    missing: Any = ibis.literal("")
    for i, c in zip(conds, measure.eligibility, strict=True):
        missing = missing + ibis.ifelse(three[f"__u{i}"], ibis.literal(c.id + ";"), ibis.literal(""))
    for j, c in zip(negs, measure.negative, strict=True):
        missing = missing + ibis.ifelse(three[f"__nu{j}"], ibis.literal(c.id + ";"), ibis.literal(""))
    route = ibis.cases(*[(three[f"__d{k}"], c.id) for k, c in enumerate(measure.direct)], else_=null_text) \
        if measure.direct else null_text
    hit = ibis.cases(*[(three[f"__n{j}"], c.id) for j, c in zip(negs, measure.negative, strict=True)],
                     else_=null_text) if measure.negative else null_text
    lacking = three["__lack"].cases(*[(i, c.id) for i, c in zip(conds, measure.eligibility, strict=True)],
                                     else_=null_text) if measure.eligibility else null_text
    return three.select(
        credit_code=three.credit_code, year=three.year.cast("int64"), measure=ibis.literal(measure.id),
        status=three["__status"].cases(*[(i, name) for name, i in code.items()], else_=ibis.null("string")),
        route=ibis.ifelse(three["__route"], route, null_text), benefit=three["__b"],
        lacking=lacking, value=three["__value"], threshold=three["__threshold"], gap=three["__gap"],
        missing=missing, hit=hit,
    )


def measure_rows(t: ir.Table, measure: Measure, *, keep: Sequence[str] | None = KEPT) -> ir.Table:
    """Status, benefit and reason of every firm of panel ``t`` for ``measure``.

    Returns ``credit_code``, ``year``, ``measure``, ``status``, ``route`` (the direct route that
    made the firm eligible, if any), ``benefit`` (万元), ``lacking`` (the failed condition of a near
    miss, or the first failed one), ``value``, ``threshold`` and ``gap`` (its relative shortfall;
    1 for an attainable non-numeric condition), ``missing`` (ids of the conditions with missing
    inputs, ``;``-separated) and ``hit`` (the negative-list entry that excluded the firm). Only rows
    whose status is in ``keep`` (all when ``None``).
    """
    return _texts(_status_stage(t, measure), measure, keep)


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


#: the table name the cached SQL of :func:`match_sql` reads (replace it with the panel's)
PANEL_PLACEHOLDER = "__xinzhi_support_panel__"


@cache
def _measure_sql(key: tuple[str, str, int], measure_json: str, schema: tuple[tuple[str, str], ...],
                 keep: tuple[str, ...] | None, dialect: str) -> str:
    from xinzhi.support.rules import Measure

    m = Measure.model_validate_json(measure_json)
    stage = _status_stage(ibis.table(ibis.schema(dict(schema)), name=PANEL_PLACEHOLDER), m)
    texts = _texts(ibis.table(stage.schema(), name="__stage"), m, list(keep) if keep is not None else None)
    # the stage is materialised: else DuckDB pushes the status filter down through every subquery and
    # evaluates the whole expression tree again inside the filter
    return (f'WITH "__stage" AS MATERIALIZED ({ibis.to_sql(stage, dialect=dialect)})\n'
            f"{ibis.to_sql(texts, dialect=dialect)}")


def match_sql(measures: Sequence[Measure], schema: Any, *, keep: Sequence[str] | None = KEPT,
              dialect: str = "duckdb") -> str:
    """The SQL of :func:`match_measures` over a table of ``schema`` named :data:`PANEL_PLACEHOLDER`.

    Each measure's SQL is compiled once per process (by id, version and content) for a panel
    schema: compiling is the slow part of a match of a few firms (a firm's page), and the text
    does not change until the measure file or the panel's columns do.
    """
    items = tuple((str(k), str(v)) for k, v in dict(schema).items())
    parts = []
    for m in measures:
        text = m.model_dump_json(by_alias=True)
        parts.append(_measure_sql((m.id, m.version, hash(text)), text, items, tuple(keep) if keep is not None else None,
                                  dialect))
    return "\nUNION ALL\n".join(f"SELECT * FROM ({p})" for p in parts)
