"""Rulebook formulas: a small, safe expression language compiled to Ibis.

A formula is a Python-syntax expression over enterprise-year columns, for example
``tax / land_mu`` or ``above_scale and land_mu >= 3``. Only arithmetic, comparisons, boolean
logic, constants and the functions in :data:`FUNCTIONS` are allowed; nothing is ever ``eval``-ed.

Portability rules (see docs/evaluation.md) are applied here, once, for every rulebook:

* every division is ``num / NULLIF(den, 0)``, so a zero or missing denominator gives NULL on
  every engine (DuckDB would give ``inf`` and Spark 4 with ANSI on would raise);
* a condition that evaluates to NULL (a missing input) counts as false, so a missing value
  never passes a test or earns points by accident.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ibis

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["FUNCTIONS", "Formula", "FormulaError", "as_condition", "parse_formula"]

#: Functions a formula may call, with their number of arguments (``None`` = two or more).
FUNCTIONS: dict[str, int | None] = {
    "startswith": None,  # startswith(col, 'a', 'b', ...): col starts with any prefix
    "has_tag": 2,  # has_tag(tags, 'x'): 'x' is one of the semicolon-separated tags
    "coalesce": None,
    "is_null": 1,
    "min": None,
    "max": None,
    "abs": 1,
}

_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CMPOPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)


class FormulaError(ValueError):
    """A formula does not parse or uses something not allowed; ``str`` is the reason."""


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its source text, the column names it reads, and the syntax tree."""

    source: str
    names: frozenset[str]
    tree: ast.Expression

    def compile(self, scope: Mapping[str, Any], *, boundary_tolerance: float = 0.0) -> ir.Value:
        """Build the Ibis expression, reading each name from ``scope`` (columns or values).

        With ``boundary_tolerance`` t > 0, ``x >= c`` and ``x <= c`` against a number c hold
        within t·max(1, |c|) of c, so a value computed in floating point that lands on a published
        boundary (115 / 100 − 1 against 15 %) counts as on it: "以上/以下" include the boundary.
        """
        missing = sorted(self.names - set(scope))
        if missing:
            raise FormulaError(f"unknown column(s) {', '.join(missing)} in {self.source!r}")
        return _Compiler(scope, boundary_tolerance).visit(self.tree.body)

    def ratio_parts(self) -> tuple[Formula, Formula] | None:
        """``(numerator, denominator)`` when the whole formula is one division, else ``None``."""
        body = self.tree.body
        if isinstance(body, ast.BinOp) and isinstance(body.op, ast.Div):
            return _sub(self.source, body.left), _sub(self.source, body.right)
        return None


def _sub(source: str, node: ast.expr) -> Formula:
    text = ast.get_source_segment(source, node) or ast.unparse(node)
    return parse_formula(text)


def parse_formula(source: str | float | bool) -> Formula:
    """Parse and check a formula; raise :class:`FormulaError` naming the first problem.

    Examples
    --------
    >>> sorted(parse_formula("tax / land_mu").names)
    ['land_mu', 'tax']
    """
    text = str(source).strip()
    if isinstance(source, bool):
        text = "True" if source else "False"
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"cannot parse {text!r}: {exc.msg}") from None
    names: set[str] = set()
    funcs = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if id(node) not in funcs:
            _check_node(node, text, names)
    return Formula(text, frozenset(names), tree)


def _check_node(node: ast.AST, text: str, names: set[str]) -> None:
    if isinstance(node, ast.Name):
        if node.id not in ("True", "False", "None"):
            names.add(node.id)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            fn = ast.unparse(node.func)
            raise FormulaError(f"function {fn!r} is not allowed in {text!r} (allowed: {', '.join(FUNCTIONS)})")
        arity = FUNCTIONS[node.func.id]
        if node.keywords or (arity is not None and len(node.args) != arity) or (arity is None and len(node.args) < 2):
            raise FormulaError(f"wrong number of arguments to {node.func.id}() in {text!r}")
        return
    allowed = (
        ast.Expression, ast.Constant, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Tuple,
        ast.List, ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.Load, ast.IfExp, *_BINOPS, *_CMPOPS,
    )
    if not isinstance(node, allowed):
        raise FormulaError(f"{type(node).__name__} is not allowed in {text!r}")
    if isinstance(node, ast.Constant) and not isinstance(node.value, int | float | str | bool | type(None)):
        raise FormulaError(f"constant {node.value!r} is not allowed in {text!r}")


def as_condition(expr: ir.Value) -> ir.BooleanValue:
    """A boolean expression in which NULL (missing input) counts as false."""
    return expr.cast("boolean").fill_null(False)  # type: ignore[no-any-return,attr-defined]


def widened(bound: float, tolerance: float, *, up: bool) -> float:
    """``bound`` moved up (or down) by ``tolerance`` · max(1, |bound|): the slack with which a
    published boundary is met (see :meth:`Formula.compile`'s ``boundary_tolerance``)."""
    return bound + (1.0 if up else -1.0) * tolerance * max(1.0, abs(bound))


def _number(node: ast.expr) -> float | None:
    """The value of a numeric constant (also ``-c`` and ``+c``), else ``None``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _number(node.operand)
        if inner is None:
            return None
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value)
    return None


class _Compiler:
    def __init__(self, scope: Mapping[str, Any], boundary_tolerance: float = 0.0) -> None:
        self.scope = scope
        self.tolerance = boundary_tolerance

    def visit(self, node: ast.expr) -> Any:
        method: Callable[[Any], Any] = getattr(self, f"_{type(node).__name__}")
        return method(node)

    def _Constant(self, node: ast.Constant) -> Any:
        if node.value is None:
            return ibis.null()
        if isinstance(node.value, bool):
            return ibis.literal(node.value)
        if isinstance(node.value, int | float):
            return ibis.literal(float(node.value), type="float64")
        return ibis.literal(node.value)

    def _operand(self, node: ast.expr) -> Any:
        """A comparison operand. An integer constant stays an integer there, so
        ``year - established_year < 2`` compares integers: a float literal reaches DuckDB as a
        DECIMAL and casts the column on every row. Only in comparisons: in arithmetic an integer
        literal would make ``int32_column * 100000`` overflow in the column's type."""
        if (isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool)
                and -(2**63) <= node.value < 2**63):
            return ibis.literal(node.value, type="int64")
        return self.visit(node)

    def _Name(self, node: ast.Name) -> Any:
        if node.id in ("True", "False"):
            return ibis.literal(node.id == "True")
        value = self.scope[node.id]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return ibis.literal(float(value), type="float64")
        return value

    def _BinOp(self, node: ast.BinOp) -> Any:
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(node.op, ast.Div):
            return left.cast("float64") / right.cast("float64").nullif(0)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        return left * right

    def _UnaryOp(self, node: ast.UnaryOp) -> Any:
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return ~as_condition(operand)
        if isinstance(node.op, ast.USub):
            return -operand
        return operand

    def _BoolOp(self, node: ast.BoolOp) -> Any:
        parts = [as_condition(self.visit(v)) for v in node.values]
        out = parts[0]
        for p in parts[1:]:
            out = (out & p) if isinstance(node.op, ast.And) else (out | p)
        return out

    def _IfExp(self, node: ast.IfExp) -> Any:
        return ibis.ifelse(as_condition(self.visit(node.test)), self.visit(node.body), self.visit(node.orelse))

    def _Compare(self, node: ast.Compare) -> Any:
        out = None
        left_node = node.left
        left = self._operand(left_node)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                if not isinstance(comp, ast.Tuple | ast.List):
                    raise FormulaError("'in' needs a literal list, e.g. x in ('44', '45')")
                values = [self.visit(e) for e in comp.elts]
                part = ~left.isin(values) if isinstance(op, ast.NotIn) else left.isin(values)
                out = part if out is None else (out & part)
                continue
            right = self._operand(comp)
            a, b = left, right
            if self.tolerance and isinstance(op, ast.GtE | ast.LtE):
                # widen toward true by t·max(1, |c|): a >= b moves a constant b down or a constant a
                # up; a <= b moves a constant b up or a constant a down
                up = isinstance(op, ast.LtE)
                if (c := _number(comp)) is not None:
                    b = ibis.literal(widened(c, self.tolerance, up=up), type="float64")
                elif (c := _number(left_node)) is not None:
                    a = ibis.literal(widened(c, self.tolerance, up=not up), type="float64")
            part = {
                ast.Eq: lambda x, y: x == y, ast.NotEq: lambda x, y: x != y,
                ast.Lt: lambda x, y: x < y, ast.LtE: lambda x, y: x <= y,
                ast.Gt: lambda x, y: x > y, ast.GtE: lambda x, y: x >= y,
            }[type(op)](a, b)
            out = part if out is None else (out & part)
            left, left_node = right, comp
        return out

    def _Tuple(self, node: ast.Tuple) -> Any:
        raise FormulaError("a list is only allowed after 'in'")

    _List = _Tuple

    def _Call(self, node: ast.Call) -> Any:
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        args = [self.visit(a) for a in node.args]
        if name == "startswith":
            col = args[0].cast("string")
            out = col.startswith(args[1])
            for prefix in args[2:]:
                out = out | col.startswith(prefix)
            return out
        if name == "has_tag":
            wrapped = ibis.literal(";") + args[0].cast("string").fill_null("") + ibis.literal(";")
            return wrapped.contains(ibis.literal(";") + args[1] + ibis.literal(";"))
        if name == "coalesce":
            return ibis.coalesce(*args)
        if name == "is_null":
            return args[0].isnull()
        if name in ("min", "max"):
            # NULL-propagating: LEAST/GREATEST would skip a NULL and let it through.
            any_null = args[0].isnull()
            for a in args[1:]:
                any_null = any_null | a.isnull()
            fn = ibis.least if name == "min" else ibis.greatest
            return ibis.ifelse(any_null, ibis.null("float64"), fn(*args).cast("float64"))
        return args[0].abs()
