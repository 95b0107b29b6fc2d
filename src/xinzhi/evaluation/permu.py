"""Compile a 亩均 rulebook into one Ibis expression: cohorts, scores, ranks, classes, levers.

The same expression runs on DuckDB and on Spark; nothing here imports an engine.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.backends import scalar
from xinzhi.errors import InputError
from xinzhi.evaluation.formula import as_condition, parse_formula
from xinzhi.evaluation.permu_rulebook import ComputedBenchmark, Indicator, PermuRulebook, label_in
from xinzhi.evaluation.rulebook_common import NONNEGATIVE_COLUMNS

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["RESULT_KEYS", "STATUSES", "evaluate_permu", "reason_parts", "render_reasons", "required_columns"]

logger = logging.getLogger(__name__)

#: Columns of every result, before the per-indicator ``v_<id>`` (value) and ``s_<id>`` (points).
RESULT_KEYS: tuple[str, ...] = (
    "credit_code", "year", "region_code", "park_code", "industry_code", "land_mu", "tax",
    "cohort", "cohort_label", "status", "score", "rank", "group_size", "class_by_rank", "class",
    "vetoed", "protected", "n_missing", "max_item_ratio", "over_weight", "surcharge", "benefits",
    "reason_flags",
)
#: Values of ``status``: scored and classed; a fixed class (T); 数据不全，不参评 (a missing
#: indicator the rulebook declares ``missing: not_evaluated``); outside the rulebook's scope.
STATUSES: tuple[str, ...] = ("evaluated", "fixed", "incomplete", "out_of_scope")
_EPS = 1e-9


def required_columns(rulebook: PermuRulebook) -> set[str]:
    """Every input column the rulebook's formulas and groupings read."""
    names: set[str] = {"credit_code", "year", "region_code", "park_code", "industry_code", "land_mu", "tax"}
    for c in rulebook.cohorts:
        names |= parse_formula(c.when).names
        for ind in c.indicators:
            names |= parse_formula(ind.formula).names
    return names | _read_after_stage1(rulebook)


def _read_after_stage1(book: PermuRulebook, *, scoring_only: bool = False) -> set[str]:
    """Input columns read after the first stage (which computes the cohort and indicator values).

    Scoring reads the keys of computed benchmarks (``within``), ``classes.within`` and the
    columns of ``applies`` conditions; unless ``scoring_only``, add the columns of adjustments,
    vetoes, protections and lever bases.
    """
    names = set(book.classes.within)
    texts: list[str] = []
    for c in book.cohorts:
        for ind in c.indicators:
            if ind.applies:
                texts.append(ind.applies)
            if isinstance(ind.benchmark, ComputedBenchmark):
                names |= set(ind.benchmark.within)
        if not scoring_only:
            texts += [a.when for a in c.adjustments]
    if not scoring_only:
        texts += [v.when for v in book.vetoes] + [p.when for p in book.protections]
        texts += [lev.base for pol in book.policies for lev in pol.levers if lev.base]
    for text in texts:
        names |= parse_formula(text).names
    return names


def evaluate_permu(table: ir.Table, rulebook: PermuRulebook, *, year: int, reasons: bool = True) -> ir.Table:
    r"""Evaluate every enterprise of ``year`` with a 亩均 rulebook.

    **Scope first.** Among the cohorts without a fixed class, the first whose condition holds
    decides whether a firm is evaluated (a scored cohort) or not (``evaluate: false`` or no
    cohort: ``status = out_of_scope``, 不参评). Only a firm in scope can be in a fixed-class cohort
    (T), whatever the order of the cohorts in the file; a utility outside the scope is 不参评.

    For a firm in cohort :math:`c` with indicator values :math:`x_i`:

    .. math:: S = \sum_i w_i \cdot \min\!\left(\frac{x_i}{b_i}, \frac{cap_i}{w_i}\right) + \sum_j a_j

    where :math:`b_i` is a fixed benchmark or ``times`` × a statistic of the cohort (usually the
    previous year), :math:`a_j` the bonus/penalty items that hold.

    **Missing data never helps.** A value is missing when an input is not reported or a
    denominator is zero (every ratio is guarded by NULLIF). The rulebook says per indicator what
    that means: 0 points (the default), the cohort's mean points, or 数据不全，不参评 (``status =
    incomplete``: not scored, ranked or classed). A missing item never scores more than the firm
    would score with its missing inputs reported as zero, :math:`\min(\text{rule}, s(x_i|_{0}))`;
    a benchmark of the evaluation year itself counts a missing input as zero; a veto or a penalty
    holds if its condition holds on the reported data or with missing numbers read as zero
    (missing flags as false), a protection or a bonus only if it holds on both. Every missing
    item is flagged (``n_missing`` and the reasons).

    Firms are then ranked within (year, cohort pool, ``classes.within``) and classed by
    cumulative rank shares (rank r of n is in the first class with r ≤ cutoff × n; equal scores
    share the better rank) or by score thresholds; vetoes push a firm below the barred classes,
    protections lift it above the protected-from classes unless it is vetoed. Levers give each
    firm's surcharge (万元). ``max_item_ratio`` is the largest item's points over its weight;
    ``over_weight`` flags an uncapped item above ``flag_over_weight`` × its weight.

    Parameters
    ----------
    table : ibis.Table
        Enterprise-years joined with enterprise attributes (``enterprise_year`` ⋈ ``enterprise``),
        all years needed (``year`` and, for computed benchmarks, ``year − 1``).
    rulebook : PermuRulebook
        A validated rulebook (:func:`xinzhi.evaluation.load_rulebook`).
    year : int
        The evaluation year.

    Returns
    -------
    ibis.Table
        One row per enterprise of ``year``: :data:`RESULT_KEYS` plus ``v_<indicator>`` and
        ``s_<indicator>``. ``class`` is NULL for firms out of scope or with incomplete data
        (``status``); the fixed class (T) for excluded sectors inside the scope.

    References
    ----------
    .. [1] 台州市黄岩区亩均效益综合评价计分说明 (2022年度), published 2023-09-25.
    .. [2] 淮安市《工业企业资源集约利用综合评价办法》政策解读, 2024-05-31.
    .. [3] 昌乐县亩均效益评价简明问答, 2023-11-16.

    Examples
    --------
    >>> import pandas as pd
    >>> from xinzhi.evaluation import load_rulebook
    >>> df = pd.DataFrame({"credit_code": ["X1", "X2"], "year": 2022, "region_code": "331003",
    ...     "park_code": "", "industry_code": "3311", "above_scale": False, "land_mu": [10.0, 4.0],
    ...     "tax": [115.932, 0.0], "electricity": [100.0, 50.0]})
    >>> for c in ("value_added", "energy_tce", "emissions", "employees", "rd_spending", "main_revenue"):
    ...     df[c] = 0.0
    >>> t = ibis.memtable(df)
    >>> out = evaluate_permu(t, load_rulebook("huangyan-2022"), year=2022).to_pandas()
    >>> out.sort_values("credit_code").score.round(4).tolist()  # 50 + (115.932/100)/0.2352*50
    [296.4541, 0.0]
    """
    missing = sorted(required_columns(rulebook) - set(table.columns))
    if missing:
        raise InputError(f"rulebook {rulebook.id}: input table lacks column(s) {', '.join(missing)}")
    needs_previous = any(
        isinstance(ind.benchmark, ComputedBenchmark) and ind.benchmark.period == "previous_year"
        for c in rulebook.cohorts for ind in c.indicators
    )
    if needs_previous and int(scalar(table.filter(table.year == year - 1).limit(1).count())) == 0:
        raise InputError(
            f"rulebook {rulebook.id} benchmarks on the previous year, but the input has no rows for {year - 1}"
        )
    return _compile(table, rulebook, year, reasons=reasons)


class _Columns(Mapping[str, Any]):
    """A table's columns as a formula scope; a column expression is built only when read.

    Building all of them for every condition cost a tenth of a second per rulebook in Ibis.
    With ``zero_fill``, a missing number reads as 0 and a missing flag as false: the value the
    firm would have had by reporting zero (see :func:`_holds`).
    """

    def __init__(self, t: ir.Table, *, zero_fill: bool = False) -> None:
        self._t = t
        self._names = frozenset(t.columns)
        self._zero_fill = zero_fill

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        col = self._t[name]
        if self._zero_fill:
            typ = col.type()
            if typ.is_boolean():
                return col.fill_null(False)
            if typ.is_numeric():
                return col.fill_null(0)
        return col

    def __iter__(self) -> Iterator[str]:
        return iter(self._t.columns)

    def __len__(self) -> int:
        return len(self._names)


def _scope(t: ir.Table, *, zero_fill: bool = False) -> Mapping[str, Any]:
    return _Columns(t, zero_fill=zero_fill)


def _cohort_index(book: PermuRulebook) -> dict[str, int]:
    """Cohort id → the small integer that stands for it until the result is written.

    The pipeline carries the cohort as an integer, not its id, so the rank window (which sorts
    every column it carries) moves one byte per firm instead of a string.
    """
    return {c.id: k for k, c in enumerate(book.cohorts)}


def _cohort_id(index: Any, book: PermuRulebook) -> Any:
    return index.cases(*[(k, c.id) for k, c in enumerate(book.cohorts)], else_=ibis.null("string"))


def _by_cohort(t: ir.Table, book: PermuRulebook, branches: Sequence[tuple[str, Any]], else_: Any) -> Any:
    """A simple CASE on the cohort: ``branches`` pairs a cohort id with its value."""
    index = _cohort_index(book)
    return t._cohort.cases(*[(index[cid], value) for cid, value in branches], else_=else_)


def _in_cohorts(t: ir.Table, book: PermuRulebook, ids: Sequence[str]) -> Any:
    index = _cohort_index(book)
    return t._cohort.isin([index[cid] for cid in ids])


def _cond(text: str, t: ir.Table, *, zero_fill: bool = False) -> ir.BooleanValue:
    return as_condition(parse_formula(text).compile(_scope(t, zero_fill=zero_fill)))


def _holds(text: str, t: ir.Table, *, against_firm: bool) -> ir.BooleanValue:
    """A condition read so that missing data never helps the firm.

    One that works against the firm (a veto, a penalty) holds when it holds on the reported data
    or with every missing number read as 0 and every missing flag as false; one that works for
    the firm (a protection, a bonus) must hold on both. A condition that reads no number or flag
    is read once.
    """
    raw = _cond(text, t)
    names = [n for n in parse_formula(text).names if n in t.columns]
    if not any(t[n].type().is_numeric() or t[n].type().is_boolean() for n in names):
        return raw
    zero = _cond(text, t, zero_fill=True)
    return raw | zero if against_firm else raw & zero


def _cohort_expr(src: ir.Table, book: PermuRulebook) -> Any:
    """The cohort index of each row: scope first, then the fixed classes inside the scope.

    The first cohort without a fixed class whose condition holds decides the scope; when it is
    a scored cohort, the first fixed-class cohort whose condition holds (T) replaces it. One CASE
    over the scope conditions, each scored branch a CASE over the fixed-class conditions.
    """
    fixed = [(k, c) for k, c in enumerate(book.cohorts) if c.fixed_class is not None]
    branches = []
    for k, c in enumerate(book.cohorts):
        if c.fixed_class is not None:
            continue
        value: Any = ibis.literal(k, type="int8")
        if c.scored and fixed:
            value = ibis.cases(*[(_cond(f.when, src), ibis.literal(j, type="int8")) for j, f in fixed], else_=value)
        branches.append((_cond(c.when, src), value))
    if not branches:
        return ibis.null("int8")
    return ibis.cases(*branches, else_=ibis.null("int8")).cast("int8")


def _join_keys(left: ir.Table, right: ir.Table, keys: Sequence[str], *, null_safe: bool) -> ir.Table:
    """Left-join ``right`` (whose key columns are named ``__k_<key>``) on ``keys``; drop its keys."""
    if not keys:
        return left.cross_join(right)
    preds = [left[k].identical_to(right[f"__k_{k}"]) if null_safe else left[k] == right[f"__k_{k}"] for k in keys]
    return left.left_join(right, preds).drop(*[f"__k_{k}" for k in keys])


def _keyed(agg: ir.Table, keys: Sequence[str]) -> ir.Table:
    return agg.rename({f"__k_{k}": k for k in keys}) if keys else agg


def _nonnegative(node: ast.expr, columns: frozenset[str]) -> bool:
    """Whether a formula is ≥ 0 whatever its inputs: sums, products and ratios of non-negative
    columns and constants."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool) and node.value >= 0
    if isinstance(node, ast.Name):
        return node.id in columns
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult | ast.Div):
        return _nonnegative(node.left, columns) and _nonnegative(node.right, columns)
    return False


def _zero_filled_ids(book: PermuRulebook) -> set[str]:
    """Indicators whose missing value must be bounded by the value with missing inputs read as 0.

    ``missing: cohort_mean`` (the mean may exceed what a zero would score), and ``missing: zero``
    when the formula may be negative (a zero could then score below 0). A non-negative formula
    with ``missing: zero`` needs no bound: 0 points is what a reported zero scores at best.
    """
    out = set()
    for c in book.cohorts:
        for ind in c.indicators:
            if ind.missing == "cohort_mean" or (
                    ind.missing == "zero" and not _nonnegative(parse_formula(ind.formula).tree.body, NONNEGATIVE_COLUMNS)):
                out.add(ind.id)
    return out


def _stage1(table: ir.Table, book: PermuRulebook, year: int, keep: Sequence[str],
            members: Sequence[str] | None = None, zero_ids: Collection[str] = ()) -> ir.Table:
    """Rows of ``year`` with ``keep``, the cohort and the indicator values ``v_<id>``.

    With ``members``, only the rows whose cohort is one of them; ``z_<id>`` is the value of the
    indicators in ``zero_ids`` with every missing input read as 0.
    """
    src = table.filter(table.year == year)
    if members is not None:
        index = _cohort_index(book)
        src = src.filter(_cohort_expr(src, book).isin([index[m] for m in members]).fill_null(False))
    values = {f"v_{i}": parse_formula(ind.formula).compile(_scope(src)).cast("float64")
              for i, ind in book.indicators().items()}
    zeros = {f"z_{i}": parse_formula(ind.formula).compile(_scope(src, zero_fill=True)).cast("float64")
             for i, ind in book.indicators().items() if i in zero_ids}
    return src.select(*keep, _cohort=_cohort_expr(src, book), **values, **zeros)


def _benchmarks(table: ir.Table, book: PermuRulebook, year: int,
                keep: Sequence[str]) -> tuple[ir.Table, dict[tuple[str, str], Any]]:
    """Stage 1 of ``year`` joined to one small aggregate per computed-benchmark spec."""
    target = _stage1(table, book, year, keep, zero_ids=_zero_filled_ids(book))
    bench: dict[tuple[str, str], Any] = {}
    pools = {c.id: c.pool or c.id for c in book.cohorts}
    # one aggregate per (period, within, member cohorts): cohorts of one pool share it, and an
    # indicator with the same formula and statistic in several cohorts is computed once
    specs: dict[tuple[str, tuple[str, ...], tuple[str, ...]], dict[tuple[str, str, float], tuple[str, Indicator]]] = {}
    for c in book.cohorts:
        for ind in c.indicators:
            spec = ind.benchmark
            if isinstance(spec, ComputedBenchmark):
                members = tuple(k for k, v in pools.items() if v == pools[c.id]) if spec.over == "pool" else (c.id,)
                items = specs.setdefault((spec.period, tuple(spec.within), members), {})
                stat_key = (ind.formula, spec.statistic, float(spec.times))
                if stat_key not in items:
                    items[stat_key] = (f"b_{c.id}_{ind.id}", ind)
                bench[(c.id, ind.id)] = items[stat_key][0]
            else:
                bench[(c.id, ind.id)] = ibis.literal(float(spec), type="float64")
    for (period, keys, members), stats in specs.items():
        same_year = period == "same_year"
        src_year = year if same_year else year - 1
        extra = sorted({n for _, ind in stats.values() for part in (parse_formula(ind.formula).ratio_parts() or ())
                        for n in part.names} | set(keys))
        # a benchmark of the evaluation year counts a missing input as the zero it would be, so
        # withholding a figure cannot raise the bar for the other firms
        zero_ids = {ind.id for _, ind in stats.values()} if same_year else set()
        base = _stage1(table, book, src_year, extra, members, zero_ids)
        aggs = {name: _statistic(base, ind, zero_fill=same_year) for name, ind in stats.values()}
        agg = base.group_by(list(keys)).aggregate(**aggs) if keys else base.aggregate(**aggs)
        target = _join_keys(target, _keyed(agg, keys), keys, null_safe=False)
    return target, {k: target[v] if isinstance(v, str) else v for k, v in bench.items()}


def _points(value: Any, bench: Any, ind: Indicator) -> Any:
    """``value / benchmark × weight`` (NULL when either is missing), capped at ``cap``."""
    pts = value / bench.nullif(0) * ind.weight
    if ind.cap is not None:
        # the cap only meets a non-NULL value (LEAST skips NULLs)
        pts = ibis.ifelse(pts.isnull(), ibis.null("float64"), ibis.least(pts, ind.cap))
    return pts


def _raw_points(table: ir.Table, book: PermuRulebook, year: int, keep: Sequence[str]) -> ir.Table:
    """``r_<id>``: points per indicator before the missing-data rule (NULL when missing);
    ``zp_<id>``: the points with missing inputs read as 0 (:func:`_zero_filled_ids`)."""
    t, bench = _benchmarks(table, book, year, keep)
    zero_ids = _zero_filled_ids(book)
    raw: dict[str, Any] = {}
    for i in book.indicators():
        branches, zero_branches = [], []
        for c in book.cohorts:
            for ind in c.indicators:
                if ind.id != i:
                    continue
                pts = _points(t[f"v_{i}"], bench[(c.id, i)], ind)
                if ind.applies:
                    pts = ibis.ifelse(_cond(ind.applies, t), pts, ibis.null("float64"))
                branches.append((c.id, pts.cast("float64")))
                if i in zero_ids:
                    zero_branches.append((c.id, _points(t[f"z_{i}"], bench[(c.id, i)], ind).cast("float64")))
        raw[f"r_{i}"] = _by_cohort(t, book, branches, ibis.null("float64")) if branches else ibis.null("float64")
        if i in zero_ids:
            raw[f"zp_{i}"] = _by_cohort(t, book, zero_branches, ibis.null("float64"))
    return t.select(*keep, "_cohort", *[f"v_{i}" for i in book.indicators()], **raw)


def _missing_here(t: ir.Table, ind: Indicator) -> Any:
    """The firm's value of ``ind`` is missing where the item applies."""
    cond = t[f"v_{ind.id}"].isnull()
    return cond & _cond(ind.applies, t) if ind.applies else cond


def _scores(table: ir.Table, book: PermuRulebook, year: int, keep: Sequence[str]) -> ir.Table:
    """Points ``s_<id>`` (the missing-data rule applied), adjustments, ``score``, ``_key``, ``_pool``,
    ``_incomplete``, ``n_missing``, ``max_item_ratio`` and ``over_weight``."""
    indicators = book.indicators()
    within = list(book.classes.within)
    mean_ids = sorted({ind.id for c in book.cohorts for ind in c.indicators if ind.missing == "cohort_mean"})
    zero_ids = _zero_filled_ids(book)
    t = _raw_points(table, book, year, [*keep, *[k for k in within if k not in keep]])
    group = ["_cohort", *within]
    if mean_ids:
        # a separate, narrower branch, so the engine streams both instead of materialising one
        m = _raw_points(table, book, year, _carried(table, book, scoring_only=True))
        means = m.group_by(group).aggregate(**{f"m_{i}": m[f"r_{i}"].mean() for i in mean_ids})
        t = _join_keys(t, _keyed(means, group), group, null_safe=True)
    scores: dict[str, Any] = {}
    for i in indicators:
        branches = []
        for c in book.cohorts:
            for ind in c.indicators:
                if ind.id != i:
                    continue
                fill: Any = t[f"m_{i}"].fill_null(0.0) if ind.missing == "cohort_mean" else ibis.literal(0.0)
                if i in zero_ids and ind.missing != "not_evaluated":
                    # never more than the firm would score with its missing inputs reported as 0
                    fill = ibis.least(fill, t[f"zp_{i}"].fill_null(fill))
                pts = ibis.ifelse(t[f"v_{i}"].isnull(), fill, t[f"r_{i}"].fill_null(0.0))
                if ind.applies:
                    pts = ibis.ifelse(_cond(ind.applies, t), pts, 0.0)
                branches.append((c.id, pts.cast("float64")))
        scores[f"s_{i}"] = _by_cohort(t, book, branches, ibis.null("float64")) if branches else ibis.null("float64")
    adjust_branches, incomplete_branches, missing_branches = [], [], []
    for c in book.cohorts:
        if c.adjustments:
            total_adj: Any = ibis.literal(0.0)
            for a in c.adjustments:
                total_adj = total_adj + ibis.ifelse(_holds(a.when, t, against_firm=a.points < 0), a.points, 0.0)
            adjust_branches.append((c.id, total_adj))
        if c.scored and c.indicators:
            count: Any = ibis.literal(0, type="int64")
            incomplete: Any = ibis.literal(False)
            for ind in c.indicators:
                gap = _missing_here(t, ind)
                count = count + gap.cast("int64")
                if ind.missing == "not_evaluated":
                    incomplete = incomplete | gap
            missing_branches.append((c.id, count))
            incomplete_branches.append((c.id, incomplete))
    adj = _by_cohort(t, book, adjust_branches, 0.0) if adjust_branches else ibis.literal(0.0)
    n_missing = (_by_cohort(t, book, missing_branches, ibis.null("int64")) if missing_branches
                 else ibis.null("int64"))
    inc = _by_cohort(t, book, incomplete_branches, False) if incomplete_branches else ibis.literal(False)
    t = t.mutate(**scores, _adj=adj, _incomplete=inc, n_missing=n_missing.cast("int64"))
    scored_ids = [c.id for c in book.cohorts if c.scored]
    total: Any = t._adj
    for i in indicators:
        total = total + t[f"s_{i}"].fill_null(0.0)
    in_scored = _in_cohorts(t, book, scored_ids) & ~t._incomplete if scored_ids else ibis.literal(False)
    score = ibis.ifelse(in_scored, total, ibis.null("float64"))
    ratio_branches, over_branches = [], []
    for c in book.cohorts:
        items = [ind for ind in c.indicators if ind.weight > 0]
        if not c.scored or not items:
            continue
        ratios = [t[f"s_{ind.id}"] / ind.weight for ind in items]
        ratio_branches.append((c.id, ibis.greatest(*ratios) if len(ratios) > 1 else ratios[0]))
        over: Any = ibis.literal(False)
        for ind in items:
            if ind.cap is None:
                over = over | (t[f"s_{ind.id}"] > book.flag_over_weight * ind.weight)
        over_branches.append((c.id, over))
    max_ratio = _by_cohort(t, book, ratio_branches, ibis.null("float64")) if ratio_branches else ibis.null("float64")
    over_weight = _by_cohort(t, book, over_branches, False) if over_branches else ibis.literal(False)
    pool = ibis.ifelse(t._incomplete, ibis.null("int32"), _pool_of(t._cohort, book))
    t = t.mutate(score=score, _pool=pool,
                 max_item_ratio=ibis.ifelse(in_scored, max_ratio, ibis.null("float64")).cast("float64"),
                 over_weight=(in_scored & over_weight).fill_null(False))
    return t.mutate(_key=t.score.round(book.classes.score_decimals))


def _compile(table: ir.Table, book: PermuRulebook, year: int, *, reasons: bool) -> ir.Table:
    # Flat by construction. Each stage is one projection whose expressions read the previous
    # stage's columns at most once (simple CASE on the cohort or class index, never nested ifs);
    # benchmarks and cohort means are small group_by results joined back on their keys. The
    # scores are computed once, and the rank and the group size are two window functions over the
    # same partition (pool, integer id of the ``classes.within`` values), so the engine sorts once.
    # Firms outside every scored pool fall in the NULL partition; their rank is set to NULL.
    within = list(book.classes.within)
    t = _scores(table, book, year, _carried(table, book))
    rank_group = ["_pool"]
    if within:
        t = _join_keys(t, _group_ids(table, year, within), within, null_safe=True)
        rank_group.append("_gid")
    scored = t._pool.notnull()
    # one window spec (the whole partition as frame) for both, so the engine sorts once
    by_score = ibis.window(group_by=rank_group, order_by=ibis.desc("_key"), rows=(None, None))
    rank = (ibis.rank().over(by_score) + 1).cast("int64")
    size = t._pool.count().over(by_score).cast("int64")
    t = t.mutate(rank=ibis.ifelse(scored, rank, ibis.null("int64")),
                 group_size=ibis.ifelse(scored, size, ibis.null("int64")))
    return _classes(t, book, reasons=reasons)


def _group_ids(table: ir.Table, year: int, keys: Sequence[str]) -> ir.Table:
    """``_gid``: a small integer per distinct value of ``keys`` among the rows of ``year``.

    The rank window partitions on it instead of on the key columns themselves: DuckDB sorts a
    string key markedly slower than an integer one.
    """
    src = table.filter(table.year == year)
    distinct = src.select(**{f"__k_{k}": src[k] for k in keys}).distinct()
    gid = ibis.dense_rank().over(order_by=[distinct[f"__k_{k}"] for k in keys])
    return distinct.mutate(_gid=gid.cast("int32"))


def _carried(table: ir.Table, book: PermuRulebook, *, scoring_only: bool = False) -> list[str]:
    """Input columns the stages after the first read (:func:`_read_after_stage1`), plus the
    result's keys unless ``scoring_only``, in the table's order.

    The indicator values are computed in the first stage; carrying only these columns keeps the
    generated SQL small (Ibis spends a noticeable part of a run compiling it).
    """
    names = _read_after_stage1(book, scoring_only=scoring_only)
    if not scoring_only:
        names |= set(RESULT_KEYS)
    return [c for c in table.columns if c in names]


def _pool_of(cohort: Any, book: PermuRulebook) -> Any:
    """The rank pool of a cohort as a small integer (one per ``pool`` or id); NULL if not scored.

    An integer, not the pool name, so the rank window partitions on a narrow key.
    """
    names: dict[str, int] = {}
    branches = [(k, names.setdefault(c.pool or c.id, len(names))) for k, c in enumerate(book.cohorts) if c.scored]
    return cohort.cases(*branches, else_=ibis.null("int32")).cast("int32") if branches else ibis.null("int32")


def _step(cur: Any, flag: Any, mapping: Sequence[int]) -> Any:
    """``mapping[cur]`` where ``flag`` holds, else ``cur``: one simple CASE reading ``cur`` once.

    The key ``cur + n·flag`` selects the identity (first n values) or the move (next n), so a
    chain of vetoes and protections stays linear in size instead of nesting ``cur`` in every branch.
    """
    n = len(mapping)
    key = cur + ibis.ifelse(flag, n, 0)
    branches = [(k, k) for k in range(n)] + [(n + k, dest) for k, dest in enumerate(mapping)]
    return key.cases(*branches, else_=ibis.null("int64"))


def _moves(order: Sequence[str], barred: set[str], *, down: bool) -> list[int]:
    """Class index → index after moving away from ``barred`` classes (down to worse or up to better)."""
    n = len(order)
    out = []
    for i, name in enumerate(order):
        if name not in barred:
            out.append(i)
            continue
        steps = range(i + 1, n) if down else range(i - 1, -1, -1)
        out.append(next((j for j in steps if order[j] not in barred), n - 1 if down else 0))
    return out


def _classes(t: ir.Table, book: PermuRulebook, *, reasons: bool) -> ir.Table:
    rule = book.classes
    order = rule.order
    last = len(order) - 1
    is_scored = t._pool.notnull()
    if rule.method == "rank_share":
        slack = {"floor": _EPS, "round": 0.5 + _EPS, "ceil": 1 - _EPS}[rule.rounding]
        # r <= floor(x) <=> r <= x for an integer r; likewise r <= ceil(x) <=> r < x + 1
        idx: Any = ibis.cases(*[(t.rank <= cut * t.group_size + slack, k) for k, cut in enumerate(rule.cutoffs)],
                              else_=last)
    else:
        idx = ibis.cases(*[(t._key >= th - _EPS, k) for k, th in enumerate(rule.thresholds)], else_=last)
    veto_flags = {f"veto_{v.id}": is_scored & _holds(v.when, t, against_firm=True) for v in book.vetoes}
    prot_flags = {f"protect_{p.id}": is_scored & _holds(p.when, t, against_firm=False) for p in book.protections}
    t = t.mutate(_idx0=ibis.ifelse(is_scored, idx, ibis.null("int64")).cast("int64"), **veto_flags, **prot_flags)

    vetoed: Any = ibis.literal(False)
    for name in veto_flags:
        vetoed = vetoed | t[name]
    cur: Any = t._idx0
    for v in book.vetoes:
        cur = _step(cur, t[f"veto_{v.id}"], _moves(order, set(v.bars), down=True))
    t = t.mutate(_idv=cur, vetoed=vetoed)
    cur = t._idv
    protected: Any = ibis.literal(False)
    for p in book.protections:
        applies = t[f"protect_{p.id}"] & ~t.vetoed if p.yields_to_veto else t[f"protect_{p.id}"]
        mapping = _moves(order, set(p.protects_from), down=False)
        movers = [k for k, dest in enumerate(mapping) if dest != k]
        # protected: this protection applies and moves the class it meets
        protected = protected | (applies & cur.isin(movers)) if movers else protected
        cur = _step(cur, applies, mapping)
    t = t.mutate(_idx=cur, protected=protected)
    names = [(k, name) for k, name in enumerate(order)]
    fixed = [(c.id, c.fixed_class) for c in book.cohorts if c.fixed_class]
    final = t._idx.cases(*names, else_=ibis.null("string"))
    cls = _by_cohort(t, book, fixed, final) if fixed else final
    t = t.mutate(class_by_rank=t._idx0.cases(*names, else_=ibis.null("string")), **{"class": cls})
    return _levers_and_reasons(t, book, reasons=reasons)


def _reason_items(book: PermuRulebook) -> list[tuple[str, str, Callable[[ir.Table], Any]]]:
    """The rulebook's reason texts in Chinese and in English, in order, each with the condition
    (on the result stage) that adds it."""
    parts: list[tuple[str, str, Callable[[ir.Table], Any]]] = []

    index = _cohort_index(book)

    def in_cohort(cid: str) -> Callable[[ir.Table], Any]:
        return lambda t: t._cohort == index[cid]

    for c in book.cohorts:
        if c.fixed_class:
            parts.append((f"{c.label}: {c.fixed_class}类, 不参与评价; ",
                          f"{label_in(c, 'en')}: class {c.fixed_class}, not evaluated; ", in_cohort(c.id)))
        elif not c.evaluate:
            parts.append((f"{c.label}: 不参与评价; ", f"{label_in(c, 'en')}: not evaluated; ", in_cohort(c.id)))
    def column(name: str, *, and_protected: bool = False) -> Callable[[ir.Table], Any]:
        return lambda t: t[name] & t.protected if and_protected else t[name]

    for v in book.vetoes:
        parts.append((f"一票否决({v.label}): 不得评为{'/'.join(v.bars)}; ",
                      f"veto ({label_in(v, 'en')}): cannot be {'/'.join(v.bars)}; ", column(f"veto_{v.id}")))
    for p in book.protections:
        parts.append((f"保护({p.label}): 不评为{'/'.join(p.protects_from)}; ",
                      f"protected ({label_in(p, 'en')}): not classed {'/'.join(p.protects_from)}; ",
                      column(f"protect_{p.id}", and_protected=True)))
    fills = {"zero": "记0分（不高于填报0的得分）", "cohort_mean": "取同组平均分（不高于填报0的得分）",
             "not_evaluated": "数据不全，不参评"}
    fills_en = {"zero": "scored 0 (no more than reporting 0 would earn)",
                "cohort_mean": "the cohort's mean points (no more than reporting 0 would earn)",
                "not_evaluated": "data incomplete, not evaluated"}
    for c in book.cohorts:
        for ind in c.indicators:

            def missing(t: ir.Table, c: Any = c, ind: Indicator = ind) -> Any:
                return (t._cohort == index[c.id]) & _missing_here(t, ind)

            parts.append((f"{ind.label}缺失或分母为0: {fills[ind.missing]}; ",
                          f"{label_in(ind, 'en')} missing or its denominator 0: {fills_en[ind.missing]}; ", missing))
    for c in book.cohorts:
        for a in c.adjustments:
            sign, sign_en = ("加分", "bonus") if a.points >= 0 else ("减分", "penalty")

            def adjusted(t: ir.Table, cid: str = c.id, when: str = a.when, against: bool = a.points < 0) -> Any:
                return (t._cohort == index[cid]) & _holds(when, t, against_firm=against)

            parts.append((f"{sign}({a.label}) {a.points:g}; ", f"{sign_en} ({label_in(a, 'en')}) {a.points:g}; ", adjusted))
    # added after the parts above, so the bits of runs stored before keep their meaning
    for c in book.cohorts:
        for ind in c.indicators:
            if ind.cap is None and ind.weight > 0 and c.scored:

                def over(t: ir.Table, c: Any = c, ind: Indicator = ind) -> Any:
                    return ((t._cohort == index[c.id]) & t.score.notnull()
                            & (t[f"s_{ind.id}"] > book.flag_over_weight * ind.weight))

                parts.append((f"{ind.label}得分超过权重的{book.flag_over_weight:g}倍（来源未设上限）; ",
                              f"{label_in(ind, 'en')} scored more than {book.flag_over_weight:g} times its weight "
                              f"(the source sets no cap); ", over))
    if len(parts) > 62:
        raise InputError(f"rulebook {book.id} has {len(parts)} reason items; at most 62 fit the reason flags")
    return parts


def reason_parts(book: PermuRulebook) -> list[tuple[str, Callable[[ir.Table], Any]]]:
    """The rulebook's reason texts, in order, each with the condition (on the result stage) that adds it.

    Bit ``j`` of ``reason_flags`` is set when part ``j`` holds; :func:`render_reasons` turns the
    flags back into the text.
    """
    return [(zh, cond) for zh, _, cond in _reason_items(book)]


def render_reasons(flags: int | None, book: PermuRulebook, lang: str = "zh") -> str:
    """The reasons text of one result row from its ``reason_flags`` (same text as ``reasons=True``),
    in Chinese or, with ``lang="en"``, in English (the rulebook's ``label_en``).

    Examples
    --------
    >>> from xinzhi.evaluation import load_rulebook
    >>> render_reasons(1, load_rulebook("huangyan-2022"))
    '电力、燃气及水的生产和供应业: T类, 不参与评价; '
    >>> render_reasons(1, load_rulebook("huangyan-2022"), "en")
    'Electricity, gas and water supply: class T, not evaluated; '
    """
    if flags is None or flags != flags:  # None or NaN
        return ""
    bits = int(flags)
    return "".join(en if lang == "en" else zh for j, (zh, en, _) in enumerate(_reason_items(book)) if bits >> j & 1)


def _levers_and_reasons(t: ir.Table, book: PermuRulebook, *, reasons: bool) -> ir.Table:
    amounts: dict[str, Any] = {}
    benefit_branches = []
    for pol in book.policies:
        for lev in pol.levers:
            if lev.rate is not None and lev.base is not None:
                base = parse_formula(lev.base).compile(_scope(t)).cast("float64").fill_null(0.0)
                prior = amounts.get(pol.class_)
                amounts[pol.class_] = base * lev.rate if prior is None else prior + base * lev.rate
        text = "; ".join(lev.label for lev in pol.levers)
        if text:
            benefit_branches.append((pol.class_, text))
    cls = t["class"]
    surcharge = cls.cases(*amounts.items(), else_=0.0) if amounts else ibis.literal(0.0)
    benefits = cls.cases(*benefit_branches, else_="") if benefit_branches else ibis.literal("")
    labels = _by_cohort(t, book, [(c.id, c.label) for c in book.cohorts], "不在评价范围")
    parts = reason_parts(book)
    flags: Any = ibis.literal(0, type="int64")
    for j, (_, cond) in enumerate(parts):
        flags = flags + ibis.ifelse(cond(t), 1 << j, 0).cast("int64")
    extra: dict[str, Any] = {}
    if reasons:
        joined: Any = ibis.literal("")
        for part, cond in parts:
            joined = joined + ibis.ifelse(cond(t), part, "")
        extra["reasons"] = joined
    fixed = [(c.id, ibis.literal("fixed")) for c in book.cohorts if c.fixed_class]
    scored = [(c.id, ibis.ifelse(t._incomplete, "incomplete", "evaluated")) for c in book.cohorts if c.scored]
    status = _by_cohort(t, book, [*fixed, *scored], "out_of_scope") if fixed or scored else ibis.literal("out_of_scope")
    t = t.mutate(cohort=_cohort_id(t._cohort, book), cohort_label=labels, status=status,
                 surcharge=surcharge.cast("float64"), benefits=benefits, reason_flags=flags, **extra)
    indicator_cols = [c for i in book.indicators() for c in (f"v_{i}", f"s_{i}")]
    flag_cols = [c for c in t.columns if c.startswith(("veto_", "protect_"))]
    return t.select(*RESULT_KEYS, *extra, *indicator_cols, *flag_cols)


def _statistic(base: ir.Table, ind: Indicator, *, zero_fill: bool = False) -> Any:
    """``times`` × the mean of the values, or Σnum / Σden over the rows with a value; with
    ``zero_fill``, a missing input counts as 0 (``z_<id>`` where the value is missing)."""
    spec = ind.benchmark
    assert isinstance(spec, ComputedBenchmark)
    v = base[f"v_{ind.id}"]
    if zero_fill:
        v = v.fill_null(base[f"z_{ind.id}"])
    if spec.statistic == "mean":
        stat = v.mean()
    else:
        parts = parse_formula(ind.formula).ratio_parts()
        assert parts is not None
        num = parts[0].compile(_scope(base, zero_fill=zero_fill)).cast("float64")
        den = parts[1].compile(_scope(base, zero_fill=zero_fill)).cast("float64")
        ok = v.notnull()
        stat = num.sum(where=ok) / den.sum(where=ok).nullif(0)
    return (stat * spec.times).cast("float64")
