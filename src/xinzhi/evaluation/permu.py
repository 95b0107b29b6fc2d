"""Compile a 亩均 rulebook into one Ibis expression: cohorts, scores, ranks, classes, levers.

The same expression runs on DuckDB and on Spark; nothing here imports an engine.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.errors import InputError
from xinzhi.evaluation.formula import as_condition, parse_formula
from xinzhi.evaluation.permu_rulebook import ComputedBenchmark, Indicator, PermuRulebook

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["RESULT_KEYS", "evaluate_permu", "required_columns"]

logger = logging.getLogger(__name__)

#: Columns of every result, before the per-indicator ``v_<id>`` (value) and ``s_<id>`` (points).
RESULT_KEYS: tuple[str, ...] = (
    "credit_code", "year", "region_code", "park_code", "industry_code", "land_mu", "tax",
    "cohort", "cohort_label", "score", "rank", "group_size", "class_by_rank", "class",
    "vetoed", "protected", "surcharge", "benefits", "reasons",
)
_EPS = 1e-9


def required_columns(rulebook: PermuRulebook) -> set[str]:
    """Every input column the rulebook's formulas and groupings read."""
    names: set[str] = {"credit_code", "year", "region_code", "park_code", "industry_code", "land_mu", "tax"}
    texts: list[str] = []
    for c in rulebook.cohorts:
        texts.append(c.when)
        for ind in c.indicators:
            texts.append(ind.formula)
            if ind.applies:
                texts.append(ind.applies)
            if isinstance(ind.benchmark, ComputedBenchmark):
                names |= set(ind.benchmark.within)
        texts += [a.when for a in c.adjustments]
    texts += [v.when for v in rulebook.vetoes] + [p.when for p in rulebook.protections]
    texts += [lev.base for pol in rulebook.policies for lev in pol.levers if lev.base]
    for text in texts:
        names |= parse_formula(text).names
    return names | set(rulebook.classes.within)


def evaluate_permu(table: ir.Table, rulebook: PermuRulebook, *, year: int) -> ir.Table:
    r"""Evaluate every enterprise of ``year`` with a 亩均 rulebook.

    For a firm in cohort :math:`c` with indicator values :math:`x_i`:

    .. math:: S = \sum_i w_i \cdot \min\!\left(\frac{x_i}{b_i}, \frac{cap_i}{w_i}\right) + \sum_j a_j

    where :math:`b_i` is a fixed benchmark or ``times`` × a statistic of the cohort (usually the
    previous year), :math:`a_j` the bonus/penalty items that hold. A missing :math:`x_i` (missing
    input, or a zero denominator: every ratio is guarded by NULLIF) scores 0, or the cohort's mean
    points for that item when the rulebook says ``missing: cohort_mean``. Firms are then ranked
    within (year, cohort pool, ``classes.within``) and classed by cumulative rank shares (rank r
    of n is in the first class with r ≤ cutoff × n; equal scores share the better rank) or by
    score thresholds; vetoes push a firm below the barred classes, protections lift it above the
    protected-from classes unless it is vetoed. Levers give each firm's surcharge (万元).

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
        ``s_<indicator>``. ``class`` is NULL for firms outside every cohort or in a cohort that
        is not evaluated; the not-evaluated class (T) for excluded sectors.

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
    if needs_previous and int(table.filter(table.year == year - 1).count().execute()) == 0:
        raise InputError(
            f"rulebook {rulebook.id} benchmarks on the previous year, but the input has no rows for {year - 1}"
        )
    return _compile(table, rulebook, year)


def _scope(t: ir.Table) -> dict[str, Any]:
    return {c: t[c] for c in t.columns}


def _cond(text: str, t: ir.Table) -> ir.BooleanValue:
    return as_condition(parse_formula(text).compile(_scope(t)))


def _compile(table: ir.Table, book: PermuRulebook, year: int) -> ir.Table:
    indicators = book.indicators()
    within = list(book.classes.within)
    t = table
    cohort = ibis.cases(*[(_cond(c.when, t), c.id) for c in book.cohorts], else_=ibis.null("string"))
    values = {f"v_{i}": parse_formula(ind.formula).compile(_scope(t)).cast("float64") for i, ind in indicators.items()}
    t = t.mutate(cohort=cohort, **values)

    # computed benchmarks: one aggregate per (cohort, period, within) joined on the target year
    target = t.filter(t.year == year)
    bench: dict[tuple[str, str], Any] = {}
    specs: dict[tuple[str, str, tuple[str, ...], str], list[tuple[str, Indicator]]] = {}
    for c in book.cohorts:
        for ind in c.indicators:
            if isinstance(ind.benchmark, ComputedBenchmark):
                key = (c.id, ind.benchmark.period, tuple(ind.benchmark.within), ind.benchmark.over)
                specs.setdefault(key, []).append((f"b_{c.id}_{ind.id}", ind))
            else:
                bench[(c.id, ind.id)] = ibis.literal(float(ind.benchmark), type="float64")
    pools = {c.id: c.pool or c.id for c in book.cohorts}
    for (cid, period, keys, over), items in specs.items():
        src_year = year - 1 if period == "previous_year" else year
        members = [k for k, v in pools.items() if v == pools[cid]] if over == "pool" else [cid]
        base = t.filter((t.year == src_year) & t.cohort.isin(members))
        aggs = {name: _statistic(base, ind) for name, ind in items}
        agg = base.group_by(list(keys)).aggregate(**aggs) if keys else base.aggregate(**aggs)
        if keys:
            agg = agg.rename({f"__k_{k}": k for k in keys})
            target = target.left_join(agg, [target[k] == agg[f"__k_{k}"] for k in keys])
            target = target.drop(*[f"__k_{k}" for k in keys])
        else:
            target = target.cross_join(agg)
        for name, ind in items:
            bench[(cid, ind.id)] = target[name]
    t = target

    # raw points per cohort, then missing-data rules (cohort mean needs a window)
    raw: dict[str, Any] = {}
    for i in indicators:
        branches = []
        for c in book.cohorts:
            for ind in c.indicators:
                if ind.id != i:
                    continue
                pts = t[f"v_{i}"] / bench[(c.id, i)].nullif(0) * ind.weight
                if ind.cap is not None:
                    pts = ibis.ifelse(pts.isnull(), ibis.null("float64"), ibis.least(pts, ind.cap))
                if ind.applies:
                    pts = ibis.ifelse(_cond(ind.applies, t), pts, ibis.null("float64"))
                branches.append((t.cohort == c.id, pts))
        raw[f"r_{i}"] = ibis.cases(*branches, else_=ibis.null("float64")) if branches else ibis.null("float64")
    t = t.mutate(**raw)
    group = ["year", "cohort", *within]
    means = {f"m_{i}": t[f"r_{i}"].mean().over(group_by=group) for i in indicators
             if any(ind.missing == "cohort_mean" for c in book.cohorts for ind in c.indicators if ind.id == i)}
    if means:
        t = t.mutate(**means)
    scores: dict[str, Any] = {}
    for i in indicators:
        branches = []
        for c in book.cohorts:
            for ind in c.indicators:
                if ind.id != i:
                    continue
                fill = t[f"m_{i}"].fill_null(0.0) if ind.missing == "cohort_mean" else ibis.literal(0.0)
                applies = _cond(ind.applies, t) if ind.applies else ibis.literal(True)
                branches.append((t.cohort == c.id, ibis.ifelse(applies, t[f"r_{i}"].fill_null(fill), 0.0)))
        scores[f"s_{i}"] = ibis.cases(*branches, else_=ibis.null("float64")).cast("float64")
    adjust = []
    for c in book.cohorts:
        for a in c.adjustments:
            adjust.append(ibis.ifelse((t.cohort == c.id) & _cond(a.when, t), a.points, 0.0))
    t = t.mutate(**scores)
    total: Any = ibis.literal(0.0)
    for i in indicators:
        total = total + t[f"s_{i}"].fill_null(0.0)
    for a in adjust:
        total = total + a
    scored_ids = [c.id for c in book.cohorts if c.scored]
    is_scored = t.cohort.isin(scored_ids) if scored_ids else ibis.literal(False)
    pool = ibis.cases(*[(t.cohort == c.id, c.pool or c.id) for c in book.cohorts if c.scored], else_=ibis.null("string"))
    t = t.mutate(score=ibis.ifelse(is_scored, total, ibis.null("float64")), _pool=pool)
    t = t.mutate(_key=t.score.round(book.classes.score_decimals))
    rank_group = ["year", "_pool", *within]
    t = t.mutate(
        _rank=ibis.rank().over(group_by=rank_group, order_by=ibis.desc("_key")),
        _n=t.credit_code.count().over(group_by=rank_group),
    )
    t = t.mutate(rank=ibis.ifelse(is_scored, (t._rank + 1).cast("int64"), ibis.null("int64")),
                 group_size=ibis.ifelse(is_scored, t._n.cast("int64"), ibis.null("int64")))
    return _classes(t, book, is_scored)


def _statistic(base: ir.Table, ind: Indicator) -> Any:
    spec = ind.benchmark
    assert isinstance(spec, ComputedBenchmark)
    v = base[f"v_{ind.id}"]
    if spec.statistic == "mean":
        stat = v.mean()
    else:
        parts = parse_formula(ind.formula).ratio_parts()
        assert parts is not None
        num = parts[0].compile(_scope(base)).cast("float64")
        den = parts[1].compile(_scope(base)).cast("float64")
        ok = v.notnull()
        stat = num.sum(where=ok) / den.sum(where=ok).nullif(0)
    return (stat * spec.times).cast("float64")


def _move(order: Sequence[str], idx: Any, barred: set[str], *, down: bool) -> Any:
    """Map a class index away from ``barred`` classes (down to worse or up to better)."""
    branches = []
    n = len(order)
    for i, name in enumerate(order):
        if name not in barred:
            continue
        steps = range(i + 1, n) if down else range(i - 1, -1, -1)
        dest = next((j for j in steps if order[j] not in barred), n - 1 if down else 0)
        branches.append((idx == i, dest))
    if not branches:
        return idx
    return ibis.cases(*branches, else_=idx)


def _classes(t: ir.Table, book: PermuRulebook, is_scored: Any) -> ir.Table:
    rule = book.classes
    order = rule.order
    last = len(order) - 1
    if rule.method == "rank_share":
        slack = {"floor": _EPS, "round": 0.5 + _EPS, "ceil": 1 - _EPS}[rule.rounding]
        # r <= floor(x) <=> r <= x for an integer r; likewise r <= ceil(x) <=> r < x + 1
        idx: Any = ibis.cases(*[(t.rank <= cut * t.group_size + slack, k) for k, cut in enumerate(rule.cutoffs)], else_=last)
    else:
        idx = ibis.cases(*[(t._key >= th - _EPS, k) for k, th in enumerate(rule.thresholds)], else_=last)
    t = t.mutate(_idx0=idx)
    veto_flags = {f"veto_{v.id}": is_scored & _cond(v.when, t) for v in book.vetoes}
    prot_flags = {f"protect_{p.id}": is_scored & _cond(p.when, t) for p in book.protections}
    t = t.mutate(**veto_flags, **prot_flags)
    vetoed: Any = ibis.literal(False)
    for name in veto_flags:
        vetoed = vetoed | t[name]
    cur: Any = t._idx0
    for v in book.vetoes:
        cur = ibis.ifelse(t[f"veto_{v.id}"], _move(order, cur, set(v.bars), down=True), cur)
    protected: Any = ibis.literal(False)
    for p in book.protections:
        applies = t[f"protect_{p.id}"] & ~vetoed if p.yields_to_veto else t[f"protect_{p.id}"]
        moved = _move(order, cur, set(p.protects_from), down=False)
        protected = protected | (applies & (moved != cur))
        cur = ibis.ifelse(applies, moved, cur)
    t = t.mutate(_idx=cur, vetoed=vetoed, protected=protected)
    fixed = [(t.cohort == c.id, c.fixed_class) for c in book.cohorts if c.fixed_class]
    by_rank = ibis.cases(*[(t._idx0 == k, name) for k, name in enumerate(order)], else_=ibis.null("string"))
    final = ibis.cases(*[(t._idx == k, name) for k, name in enumerate(order)], else_=ibis.null("string"))
    t = t.mutate(
        class_by_rank=ibis.ifelse(is_scored, by_rank, ibis.null("string")),
        **{"class": ibis.cases(*fixed, (is_scored, final), else_=ibis.null("string"))},
    )
    return _levers_and_reasons(t, book)


def _levers_and_reasons(t: ir.Table, book: PermuRulebook) -> ir.Table:
    surcharge: Any = ibis.literal(0.0)
    benefit_branches = []
    for pol in book.policies:
        in_class = t["class"] == pol.class_
        for lev in pol.levers:
            if lev.rate is not None and lev.base is not None:
                base = parse_formula(lev.base).compile(_scope(t)).cast("float64").fill_null(0.0)
                surcharge = surcharge + ibis.ifelse(in_class, base * lev.rate, 0.0)
        text = "; ".join(lev.label for lev in pol.levers)
        if text:
            benefit_branches.append((in_class, text))
    benefits = ibis.cases(*benefit_branches, else_="") if benefit_branches else ibis.literal("")
    labels = ibis.cases(*[(t.cohort == c.id, c.label) for c in book.cohorts], else_="不在评价范围")
    parts: list[Any] = []
    for c in book.cohorts:
        if c.fixed_class:
            parts.append(ibis.ifelse(t.cohort == c.id, f"{c.label}: {c.fixed_class}类, 不参与评价; ", ""))
        elif not c.evaluate:
            parts.append(ibis.ifelse(t.cohort == c.id, f"{c.label}: 不参与评价; ", ""))
    for v in book.vetoes:
        parts.append(ibis.ifelse(t[f"veto_{v.id}"], f"一票否决({v.label}): 不得评为{'/'.join(v.bars)}; ", ""))
    for p in book.protections:
        parts.append(ibis.ifelse(t[f"protect_{p.id}"] & t.protected, f"保护({p.label}): 不评为{'/'.join(p.protects_from)}; ", ""))
    for c in book.cohorts:
        for ind in c.indicators:
            fill = "取同组平均分" if ind.missing == "cohort_mean" else "记0分"
            cond = (t.cohort == c.id) & t[f"r_{ind.id}"].isnull()
            if ind.applies:
                cond = cond & _cond(ind.applies, t)
            parts.append(ibis.ifelse(cond, f"{ind.label}缺失或分母为0: {fill}; ", ""))
    for c in book.cohorts:
        for a in c.adjustments:
            sign = "加分" if a.points >= 0 else "减分"
            parts.append(ibis.ifelse((t.cohort == c.id) & _cond(a.when, t), f"{sign}({a.label}) {a.points:g}; ", ""))
    reasons: Any = ibis.literal("")
    for part in parts:
        reasons = reasons + part
    t = t.mutate(cohort_label=labels, surcharge=surcharge, benefits=benefits, reasons=reasons)
    indicator_cols = [c for i in book.indicators() for c in (f"v_{i}", f"s_{i}")]
    flags = [c for c in t.columns if c.startswith(("veto_", "protect_"))]
    return t.select(*RESULT_KEYS, *indicator_cols, *flags)
