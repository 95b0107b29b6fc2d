"""Compile a gradient-cultivation rulebook (points table + conditions) into one Ibis expression."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.errors import InputError
from xinzhi.evaluation.formula import as_condition, parse_formula, widened
from xinzhi.evaluation.gradient_rulebook import (
    LAGGED_COLUMNS,
    Band,
    GradientIndicator,
    GradientRulebook,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["BOUNDARY_TOLERANCE", "evaluate_gradient"]

#: Relative slack of ``>=`` / ``<=`` tests against published thresholds: the programmes count a
#: boundary value as reaching it ("以上/以下" include the number), and a ratio computed in floating
#: point can land a hair below it.
BOUNDARY_TOLERANCE = 1e-9


def evaluate_gradient(panel: ir.Table, rulebook: GradientRulebook, *, year: int,
                      applications: ir.Table | None = None, application: str = "new") -> ir.Table:
    r"""Score and screen the enterprises of data year ``year`` (the rules' 上年度) for a title.

    Eligibility comes first: with ``eligibility.sme`` only SMEs by that size rulebook
    (:func:`xinzhi.evaluation.size.classify_size`) may apply; any other firm is not scored (its
    points, score and conditions are NULL) and fails. Each indicator's points come from the first
    band of its table that holds (a boundary value takes the higher band; a missing value earns 0
    points). Then

    .. math:: \text{passed} = E \wedge \bigwedge_k C_k \wedge \Big(\bigvee_j D_j \vee
              \big(S \ge S_{pass} \wedge \forall g: S_g \ge m_g\big)\Big)

    with eligibility :math:`E`, required conditions :math:`C_k`, direct-pass conditions :math:`D_j`, total points
    :math:`S` and group minima :math:`m_g`. Formulas may read ``<column>_1`` / ``<column>_2``
    (one and two years earlier), the indicator values ``v_<id>``, points ``p_<id>``, group points
    ``g_<group>``, ``score`` and ``recheck`` (whether ``application`` is ``recheck``).

    Parameters
    ----------
    panel : ibis.Table
        Enterprise-years joined with enterprise attributes, holding ``year`` and the two years before.
    rulebook : GradientRulebook
    year : int
        The data year (上年度 of the application).
    applications : ibis.Table, optional
        One row per ``credit_code`` with the rulebook's extra ``inputs`` (IP class, niche years ...).
    application : {"new", "recheck"}, default "new"
        Whether the firms apply for the title or are re-checked; some rules differ (``recheck``).

    Returns
    -------
    ibis.Table
        ``credit_code``, ``year``, ``eligible``, ``v_<id>``, ``p_<id>``, ``g_<group>``, ``score``,
        ``cond_<id>``, ``direct_<id>``, ``score_ok``, ``passed``; with an SME test also the size
        columns of :func:`xinzhi.evaluation.size.classify_size`.

    References
    ----------
    .. [1] 工业和信息化部《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号), 附件1-3.
    .. [2] 工业和信息化部《优质中小企业梯度培育管理办法》(工信部企业〔2026〕2号), in force 2026-04-01.
    """
    if application not in ("new", "recheck"):
        raise InputError(f"application must be new or recheck, got {application!r}")
    t = panel.filter(panel.year == year)
    for k in (1, 2):
        lag = panel.filter(panel.year == year - k)
        cols = {f"{c}_{k}": lag[c] for c in LAGGED_COLUMNS if c in lag.columns}
        lag = lag.select(**{f"__c{k}": lag.credit_code}, **cols)
        t = t.left_join(lag, t.credit_code == lag[f"__c{k}"]).drop(f"__c{k}")
    if rulebook.inputs:
        if applications is None:
            raise InputError(f"rulebook {rulebook.id} needs application data with {', '.join(rulebook.inputs)}")
        missing = sorted(set(rulebook.inputs) - set(applications.columns))
        if missing:
            raise InputError(f"application data lacks column(s) {', '.join(missing)} needed by {rulebook.id}")
        apps = applications.select(__app=applications.credit_code, **{c: applications[c] for c in rulebook.inputs})
        t = t.left_join(apps, t.credit_code == apps.__app).drop("__app")
    for k in (1, 2):  # lagged columns the panel lacked are NULL
        t = t.mutate(**{f"{c}_{k}": ibis.null("float64") for c in LAGGED_COLUMNS if f"{c}_{k}" not in t.columns})
    recheck = {"recheck": ibis.literal(application == "recheck")}
    scope = {c: t[c] for c in t.columns} | recheck
    values = {f"v_{i.id}": _value(i, scope) for i in rulebook.indicators}
    t = t.mutate(**values)
    scope = {c: t[c] for c in t.columns} | recheck
    t = t.mutate(**{f"p_{i.id}": _points(i, t[f"v_{i.id}"], scope) for i in rulebook.indicators})
    groups = {}
    for g in rulebook.groups:
        total: Any = ibis.literal(0.0)
        for i in rulebook.indicators:
            if i.group == g.id:
                total = total + t[f"p_{i.id}"]
        groups[f"g_{g.id}"] = total
    t = t.mutate(**groups)
    score: Any = ibis.literal(0.0)
    for i in rulebook.indicators:
        score = score + t[f"p_{i.id}"]
    t = t.mutate(score=score)
    scope = {c: t[c] for c in t.columns} | recheck
    conds = {f"cond_{c.id}": _condition(c.when, scope) for c in rulebook.conditions}
    directs = {f"direct_{c.id}": _condition(c.when, scope) for c in rulebook.direct_pass}
    t = t.mutate(**conds, **directs)
    if rulebook.pass_score is None:
        score_ok: Any = ibis.literal(True)
    else:
        score_ok = t.score >= rulebook.pass_score - BOUNDARY_TOLERANCE
        for g in rulebook.groups:
            if g.min_points is not None:
                score_ok = score_ok & (t[f"g_{g.id}"] >= g.min_points - BOUNDARY_TOLERANCE)
    direct: Any = ibis.literal(False)
    for name in directs:
        direct = direct | t[name]
    if rulebook.pass_score is None and not directs:
        route: Any = ibis.literal(True)
    elif rulebook.pass_score is None:
        route = direct
    else:
        route = score_ok | direct
    passed: Any = route
    for name in conds:
        passed = passed & t[name]
    t = t.mutate(score_ok=score_ok, direct_pass=direct, passed=passed)
    keep = ["credit_code", "year", "eligible", *values, *[f"p_{i.id}" for i in rulebook.indicators], *groups, "score",
            *conds, *directs, "score_ok", "direct_pass", "passed"]
    size_cols: list[str] = []
    if rulebook.eligibility.sme:
        from xinzhi.evaluation.loader import load_rulebook
        from xinzhi.evaluation.size import classify_size
        from xinzhi.evaluation.size_rulebook import SizeRulebook

        size_book = load_rulebook(rulebook.eligibility.sme)
        if not isinstance(size_book, SizeRulebook):
            raise InputError(f"{rulebook.id}: eligibility.sme must name a size rulebook, not {size_book.kind!r}")
        sizes = classify_size(panel, size_book, year=year)
        size_cols = [c for c in sizes.columns if c not in ("credit_code", "year")]
        # prefixed while joined: the panel has its own (stated) size_class
        sizes = sizes.select(__s_code=sizes.credit_code, **{f"__s_{c}": sizes[c] for c in size_cols})
        t = t.left_join(sizes, t.credit_code == sizes.__s_code).drop("__s_code")
        eligible: Any = t.__s_is_sme.fill_null(False)
    else:
        eligible = ibis.literal(True)
    t = t.mutate(eligible=eligible)
    # eligibility before scoring: an ineligible firm gets no points, score or condition results
    scored = [c for c in keep if c.startswith(("p_", "g_", "cond_", "direct_")) or c in ("score", "score_ok", "direct_pass")]
    t = t.mutate(**{c: ibis.ifelse(t.eligible, t[c], ibis.null(t[c].type())) for c in scored},
                 passed=t.eligible & t.passed)
    return t.select(*keep, **{c: t[f"__s_{c}"] for c in size_cols})


def _value(ind: GradientIndicator, scope: dict[str, Any]) -> Any:
    expr = parse_formula(ind.value).compile(scope)
    return expr.cast("string") if ind.unit == "category" else expr.cast("float64")


def _condition(text: str, scope: dict[str, Any]) -> Any:
    """A condition of the rulebook, with published boundaries met within :data:`BOUNDARY_TOLERANCE`."""
    return as_condition(parse_formula(text).compile(scope, boundary_tolerance=BOUNDARY_TOLERANCE))


def _band_test(band: Band, value: Any, scope: dict[str, Any]) -> Any:
    """Whether ``value`` falls in ``band``; a value on a boundary takes the higher band, also when
    floating point puts it a hair off (115 / 100 − 1 is 0.1499999…; see :data:`BOUNDARY_TOLERANCE`)."""
    if band.at_least is not None:
        return value >= widened(band.at_least, BOUNDARY_TOLERANCE, up=False)
    if band.at_most is not None:
        return value <= widened(band.at_most, BOUNDARY_TOLERANCE, up=True)
    if band.equals is not None:
        return value == band.equals
    if band.when is not None:
        return _condition(band.when, scope)
    return None


def _points(ind: GradientIndicator, value: Any, scope: dict[str, Any]) -> Any:
    if not ind.bands:  # the value is itself points (e.g. the province's 特色化 points), clipped
        v = value.fill_null(0.0)
        return ibis.ifelse(v < 0, 0.0, ibis.ifelse(v > ind.max_points, ind.max_points, v)).cast("float64")
    branches = []
    otherwise = 0.0
    for band in ind.bands:
        test = _band_test(band, value, scope)
        if test is None:
            otherwise = band.points
            break
        branches.append((as_condition(test), band.points))
    uses_when = any(b.when is not None for b in ind.bands)
    pts = ibis.cases(*branches, else_=otherwise).cast("float64") if branches else ibis.literal(otherwise)
    if uses_when:
        return pts
    return ibis.ifelse(value.isnull(), 0.0, pts).cast("float64")
