"""Target progress: actual vs. the linear and compound paths, required vs. achieved growth,
a projection to the deadline with an interval, and a status with the rule that set it.

Target kinds (see :data:`xinzhi.delivery.checks.TARGET_KINDS`) reduce to a target *level* T
at the deadline year :math:`y_1` from a baseline B in year :math:`y_0` (:math:`n = y_1 - y_0`):

=========  ==========================================  ==========================
kind       target level T                              example
=========  ==========================================  ==========================
level      target_value                                规上工业营收达到4万亿元
count      target_value                                新建40个千亿级平台
share      target_value (a fraction)                   高技术制造业占比达到20%
growth     :math:`B (1 + g)^n`, g = target_value       工业增加值年均增长7%
multiple   :math:`k B`, k = target_value               高新技术企业数量倍增 (k = 2)
=========  ==========================================  ==========================
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from xinzhi.delivery.checks import check_targets, problems_as_error
from xinzhi.errors import InputError

__all__ = [
    "STATUSES",
    "TargetProgress",
    "compound_path",
    "linear_path",
    "project_value",
    "required_cagr",
    "target_level",
    "target_progress",
    "targets_progress",
]

STATUSES = ("achieved", "on_track", "at_risk", "off_track", "no_data")


def target_level(kind: str, target_value: float, baseline: float, years: int) -> float:
    """The level to reach at the deadline (see the module table).

    Examples
    --------
    >>> target_level("multiple", 2.0, 6000.0, 5)
    12000.0
    >>> round(target_level("growth", 0.07, 100.0, 5), 2)
    140.26
    """
    if kind == "multiple":
        return float(target_value) * float(baseline)
    if kind == "growth":
        return float(baseline) * (1.0 + float(target_value)) ** years
    if kind in ("level", "count", "share"):
        return float(target_value)
    raise InputError(f"unknown target kind {kind!r}")


def linear_path(baseline: float, target: float, y0: int, y1: int, year: int) -> float:
    r"""Straight line from the baseline to the target: :math:`B + (T - B)(t - y_0)/(y_1 - y_0)`.

    The path used for shares (percentage points added evenly each year), following the
    planning practice of setting share targets as annual increments (e.g. "占比年均提高1个百分点").

    Examples
    --------
    >>> linear_path(0.15, 0.20, 2022, 2027, 2024)
    0.17
    """
    return baseline + (target - baseline) * (year - y0) / (y1 - y0)


def compound_path(baseline: float, target: float, y0: int, y1: int, year: int) -> float:
    r"""Constant-growth path: :math:`B (T/B)^{(t - y_0)/(y_1 - y_0)}` (NaN unless B, T > 0).

    The path implied by an average annual growth target ("年均增长"): the level grows by the
    same rate, :math:`(T/B)^{1/n} - 1`, every year.

    Examples
    --------
    >>> round(compound_path(6000.0, 12000.0, 2022, 2027, 2024), 1)
    7917.0
    """
    if baseline <= 0 or target <= 0:
        return math.nan
    return baseline * (target / baseline) ** ((year - y0) / (y1 - y0))


def required_cagr(current: float, target: float, years_left: int) -> float:
    r"""Growth rate a year needed from now to reach the target: :math:`(T/A)^{1/h} - 1`.

    The compound annual growth rate (CAGR) formula; NaN when ``years_left`` < 1 or a value is
    not positive. The achieved CAGR since the baseline is the same formula with
    :math:`(A/B)^{1/(t - y_0)} - 1`.

    Examples
    --------
    >>> round(required_cagr(100.0, 121.0, 2), 4)
    0.1
    """
    if years_left < 1 or current <= 0 or target <= 0:
        return math.nan
    return float((target / current) ** (1.0 / years_left) - 1.0)


@dataclass(frozen=True)
class Projection:
    """Projected value at a horizon, with its interval and the history it rests on."""

    central: float
    low: float
    high: float
    n_changes: int
    mean_change: float
    sd_change: float


def project_value(
    history: pd.Series, *, horizon: int, additive: bool = False, level: float = 0.9
) -> Projection:
    r"""Project a yearly series ``horizon`` years past its last value (random walk with drift).

    On log values (``additive=False``): with the year-on-year log changes
    :math:`r_i = \ln(x_i / x_{i-1})` over consecutive years, their mean :math:`\bar r`, standard
    deviation :math:`s` and count :math:`m`,

    .. math::

        \hat x_{t+h} = x_t e^{h \bar r}, \qquad
        x_t \exp\left(h \bar r \pm z_{(1+\ell)/2}\, s \sqrt{h (1 + h/m)}\right)

    the drift-method forecast and its interval, which adds the uncertainty of the estimated
    drift to that of the :math:`h` future shocks. With ``additive=True`` (shares) the same on
    first differences :math:`x_i - x_{i-1}`. With fewer than two changes the interval is NaN;
    with none the projection is the last value.

    Parameters
    ----------
    history : pandas.Series
        Values indexed by year (int), any order; NaN dropped.
    horizon : int
        Years from the last value to the projection year (0 gives the last value).
    additive : bool, default=False
    level : float, default=0.9
        Coverage of the interval.

    References
    ----------
    .. [1] Hyndman, R.J. & Athanasopoulos, G. (2021). Forecasting: principles and practice,
       3rd ed., OTexts, §5.5 (drift method: :math:`\hat\sigma_h = \hat\sigma \sqrt{h(1 + h/T)}`).

    Examples
    --------
    >>> h = pd.Series([100.0, 110.0, 121.0, 133.1], index=[2021, 2022, 2023, 2024])
    >>> p = project_value(h, horizon=2)
    >>> round(p.central, 2), round(p.sd_change, 6)
    (161.05, 0.0)
    """
    s = history.dropna().sort_index()
    if s.empty:
        return Projection(math.nan, math.nan, math.nan, 0, math.nan, math.nan)
    years = np.asarray(s.index, dtype=int)
    vals = s.to_numpy(dtype=float)
    last = float(vals[-1])
    consecutive = np.diff(years) == 1
    if additive:
        changes = np.diff(vals)[consecutive]
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            changes = np.diff(np.log(vals))[consecutive]
        changes = changes[np.isfinite(changes)]
    m = len(changes)
    if m == 0 or horizon == 0:
        return Projection(last, last if horizon == 0 else math.nan,
                          last if horizon == 0 else math.nan, m, math.nan, math.nan)
    mean = float(changes.mean())
    sd = float(changes.std(ddof=1)) if m >= 2 else math.nan
    z = NormalDist().inv_cdf((1.0 + level) / 2.0)
    half = z * sd * math.sqrt(horizon * (1.0 + horizon / m)) if m >= 2 else math.nan
    if additive:
        central = last + horizon * mean
        return Projection(central, central - half, central + half, m, mean, sd)
    central = last * math.exp(horizon * mean)
    return Projection(central, last * math.exp(horizon * mean - half),
                      last * math.exp(horizon * mean + half), m, mean, sd)


@dataclass(frozen=True)
class TargetProgress:
    """The progress of one target; see :func:`target_progress` for the fields."""

    target_level: float
    baseline: float
    latest_year: int | None
    actual: float
    linear_path: float
    compound_path: float
    progress: float
    time_elapsed: float
    achieved_cagr: float
    required_cagr: float
    achieved_change: float
    required_change: float
    projected: float
    projected_low: float
    projected_high: float
    status: str
    rule: str


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "n/a"
    if abs(x) < 1 and x != 0:
        return f"{x:.1%}"
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def target_progress(
    series: pd.Series,
    *,
    kind: str,
    target_value: float,
    baseline_year: int,
    deadline_year: int,
    baseline: float | None = None,
    higher_is_better: bool = True,
    as_of_year: int | None = None,
    level: float = 0.9,
    path_tolerance: float = 0.05,
) -> TargetProgress:
    r"""Progress of one target against its indicator's yearly series.

    With baseline B (given, else the series value in the baseline year), target level T
    (:func:`target_level`), the latest actual A in year t (the last year with a value, not
    after ``as_of_year`` or the deadline):

    - ``linear_path`` and ``compound_path``: the two paths at year t (:func:`linear_path`,
      :func:`compound_path`);
    - ``progress``: share of the distance covered, :math:`(A - B)/(T - B)`; ``time_elapsed``:
      :math:`(t - y_0)/(y_1 - y_0)`;
    - ``achieved_cagr`` :math:`(A/B)^{1/(t-y_0)} - 1` and ``required_cagr``
      :math:`(T/A)^{1/(y_1-t)} - 1`; ``achieved_change`` and ``required_change``: the same in
      units per year (percentage points for shares), :math:`(A-B)/(t-y_0)` and
      :math:`(T-A)/(y_1-t)`;
    - ``projected`` with ``projected_low`` / ``projected_high``: :func:`project_value` at the
      deadline from the series up to t (additive for shares, log otherwise).

    Status, in this order (``rule`` says which fired, with the numbers):

    1. ``no_data``: no baseline or no actual value after the baseline year;
    2. ``achieved``: A already meets T;
    3. ``off_track``: the deadline year is reached and A misses T;
    4. with an interval: ``on_track`` if the central projection meets T, ``at_risk`` if only
       the favourable bound of the interval does, else ``off_track``;
    5. without one (fewer than two yearly changes): ``on_track`` if A meets the path
       (linear for shares, compound otherwise), ``at_risk`` if it is within
       ``path_tolerance`` of the path, else ``off_track``.

    "Meets" means ≥ (≤ when lower is better).

    References
    ----------
    .. [1] Planning practice for targets (年均增长, 倍增, 占比, 达到): compound path for growth
       targets, linear path for shares; research note §7.2 and §8.6 of docs/delivery.md.
    .. [2] Hyndman & Athanasopoulos (2021), drift method, for the projection interval.

    Examples
    --------
    >>> s = pd.Series([6000.0, 7000.0, 8100.0], index=[2022, 2023, 2024])
    >>> p = target_progress(s, kind="multiple", target_value=2.0, baseline_year=2022, deadline_year=2027)
    >>> p.target_level, p.status
    (12000.0, 'on_track')
    """
    sign = 1.0 if higher_is_better else -1.0
    y0, y1 = int(baseline_year), int(deadline_year)
    if y1 <= y0:
        raise InputError(f"deadline year {y1} must be after the baseline year {y0}")
    s = series.dropna().sort_index()
    s.index = s.index.astype(int)
    b = float(baseline) if baseline is not None and not pd.isna(baseline) else float(s.get(y0, math.nan))
    horizon_cap = min(y1, as_of_year) if as_of_year is not None else y1
    upto = s[(s.index > y0) & (s.index <= horizon_cap)]
    nan = math.nan
    if math.isnan(b) or upto.empty:
        why = f"no baseline value for {y0}" if math.isnan(b) else f"no value after the baseline year {y0}"
        t_level = target_level(kind, target_value, b, y1 - y0) if not math.isnan(b) else (
            float(target_value) if kind in ("level", "count", "share") else nan)
        return TargetProgress(t_level, b, None, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                              nan, nan, nan, "no_data", why)
    T = target_level(kind, target_value, b, y1 - y0)
    t = int(upto.index[-1])
    a = float(upto.iloc[-1])
    lin = linear_path(b, T, y0, y1, t)
    comp = compound_path(b, T, y0, y1, t)
    progress = (a - b) / (T - b) if b != T else nan
    elapsed = (t - y0) / (y1 - y0)
    ach_cagr = (a / b) ** (1.0 / (t - y0)) - 1.0 if a > 0 and b > 0 else nan
    req_cagr = required_cagr(a, T, y1 - t)
    ach_change = (a - b) / (t - y0)
    req_change = (T - a) / (y1 - t) if y1 > t else nan
    hist = s[s.index <= t]
    proj = project_value(hist, horizon=y1 - t, additive=kind == "share", level=level)

    def meets(x: float) -> bool:
        return sign * (x - T) >= -1e-12 * max(1.0, abs(T))

    tgt = _fmt(T)
    if meets(a):
        status, rule = "achieved", f"actual {t} = {_fmt(a)} already meets the target {tgt}"
    elif t >= y1:
        status, rule = "off_track", f"deadline year {y1} reached; actual {_fmt(a)} misses the target {tgt}"
    elif not math.isnan(proj.low):
        favourable = proj.high if higher_is_better else proj.low
        interval = f"{level:.0%} interval {_fmt(proj.low)}-{_fmt(proj.high)}"
        if meets(proj.central):
            status = "on_track"
            rule = f"projected {y1} value {_fmt(proj.central)} ({interval}) meets the target {tgt}"
        elif meets(favourable):
            status = "at_risk"
            rule = (f"projected {y1} value {_fmt(proj.central)} misses the target {tgt}, "
                    f"but the {interval} reaches it")
        else:
            status = "off_track"
            rule = f"even the favourable end of the {interval} for {y1} misses the target {tgt}"
    else:
        path_name = "linear" if kind == "share" else "compound"
        path = lin if kind == "share" or math.isnan(comp) else comp
        gap = sign * (a - path) / abs(path) if path else nan
        if gap >= 0:
            status = "on_track"
        elif gap >= -path_tolerance:
            status = "at_risk"
        else:
            status = "off_track"
        rule = (f"too little history for a projection; actual {t} = {_fmt(a)} vs {path_name} path "
                f"{_fmt(path)} ({gap:+.1%}; at risk within {path_tolerance:.0%})")
    return TargetProgress(T, b, t, a, lin, comp, progress, elapsed, ach_cagr, req_cagr,
                          ach_change, req_change, proj.central, proj.low, proj.high, status, rule)


def targets_progress(
    targets: pd.DataFrame,
    annual: pd.DataFrame,
    *,
    catalog: pd.DataFrame | None = None,
    as_of_year: int | None = None,
    level: float = 0.9,
) -> pd.DataFrame:
    """Progress of every target (one row each), see :func:`target_progress`.

    Parameters
    ----------
    targets : pandas.DataFrame
        Rows of the ``target`` table.
    annual : pandas.DataFrame
        Yearly values: ``indicator``, ``region_code``, ``year``, ``value`` (e.g. from
        :func:`xinzhi.delivery.indicators.annual_values`).
    catalog : pandas.DataFrame, optional
        Indicator catalog; ``higher_is_better`` (default true) and names come from it.

    Returns
    -------
    pandas.DataFrame
        The target's identity columns and every field of :class:`TargetProgress`.
    """
    problems_as_error(targets, check_targets, what="targets")
    better: dict[str, bool] = {}
    names: dict[str, str] = {}
    if catalog is not None and not catalog.empty:
        if "higher_is_better" in catalog.columns:
            better = {c: bool(v) for c, v in zip(catalog["code"], catalog["higher_is_better"], strict=True)
                      if not pd.isna(v)}
        if "name_zh" in catalog.columns:
            names = dict(zip(catalog["code"], catalog["name_zh"], strict=True))
    by_key = {k: g.set_index("year")["value"] for k, g in annual.groupby(["indicator", "region_code"])}
    rows = []
    for t in targets.to_dict("records"):
        indicator = str(t["indicator"])
        series = by_key.get((indicator, t["region_code"]), pd.Series(dtype=float))
        p = target_progress(
            series, kind=str(t["kind"]).strip().lower(), target_value=float(t["target_value"]),
            baseline_year=int(t["baseline_year"]), deadline_year=int(t["deadline_year"]),
            baseline=t.get("baseline"), higher_is_better=better.get(indicator, True),
            as_of_year=as_of_year, level=level,
        )
        rows.append({
            "target_id": t["target_id"], "region_code": t["region_code"], "indicator": indicator,
            "indicator_name": names.get(indicator, ""), "name": t.get("name"),
            "kind": t["kind"], "baseline_year": int(t["baseline_year"]),
            "deadline_year": int(t["deadline_year"]), **p.__dict__, "source": t.get("source"),
        })
    cols = ["target_id", "region_code", "indicator", "indicator_name", "name", "kind", "baseline_year",
            "deadline_year", *TargetProgress.__dataclass_fields__, "source"]
    return pd.DataFrame(rows, columns=cols)
