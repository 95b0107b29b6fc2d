"""Major projects: investment progress, schedule checks, size bands and share of the region's
industrial investment. Money is in 万元 (10 billion yuan = 1,000,000 万元).

References
----------
.. [1] Provincial major-project supervision practice (重大项目"月调度"): monthly investment
   completed (当月完成投资), cumulative completion against planned total investment, projects
   behind their construction timetable or missing node dates (节点目标) are flagged for follow-up;
   counts reported by size (亿元以上, 10亿元以上, 100亿元以上). No national rule fixes the pace
   test; the linear time-elapsed benchmark and the tolerance used here are stated parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from xinzhi.delivery.checks import normalise_status
from xinzhi.delivery.periods import parse_period
from xinzhi.errors import InputError

__all__ = ["SHARE_DECIMALS", "investment_share", "month_end", "project_progress", "size_bands"]

#: decimals kept in completion, expected and pace gap (4: 0.01 percentage point)
SHARE_DECIMALS = 4


def month_end(month: str) -> pd.Timestamp:
    """Last day of a ``YYYY-MM`` month.

    Examples
    --------
    >>> month_end("2024-02").date().isoformat()
    '2024-02-29'
    """
    p = parse_period(month)
    if p.frequency != "month":
        raise InputError(f"as_of must be a month like 2024-11, got {month!r}")
    return pd.Timestamp(year=p.year, month=p.index, day=1) + pd.offsets.MonthEnd(0)


def project_progress(
    projects: pd.DataFrame,
    progress: pd.DataFrame,
    milestones: pd.DataFrame | None = None,
    *,
    as_of: str,
    tolerance: float = 0.10,
    stall_months: int = 3,
) -> pd.DataFrame:
    r"""Investment progress and schedule checks of every project at the end of month ``as_of``.

    For a project with planned total investment :math:`I`, start date :math:`s`, planned
    completion :math:`e` and monthly investment :math:`m_\tau`:

    .. math::

        C = \sum_{\tau \le as\_of} m_\tau, \qquad
        completion = C / I, \qquad
        expected = \mathrm{clip}\left(\frac{as\_of_{end} - s}{e - s}, 0, 1\right)

    (days; a straight-line investment schedule). ``completion``, ``expected`` and ``pace_gap``
    :math:`= expected - completion` are rounded to :data:`SHARE_DECIMALS` decimals (0.01
    percentage point): monthly figures are reported in 万元 with rounding, so a smaller
    difference (a pace gap of 3.4e-07 for a completed project) is reporting noise and shows as 0.

    A project is *open* unless its status is completed or it has an actual completion date on
    or before the reporting month's end. Flags, for open projects only (a completed project is
    never late):

    - ``suspended``: status suspended (停工): a halted project is an alert whatever its pace;
    - ``behind_pace``: :math:`expected - completion > tolerance` (10 percentage points by
      default), whatever the status (planned, under construction or suspended), unless the
      project is ``not_started`` (that flag says it already);
    - ``overdue``: planned completion date before the month's end, whatever the status;
    - ``not_started``: start date passed, nothing invested, not suspended;
    - ``stalled``: not suspended, something invested, start date at least ``stall_months``
      months before the month's end, and no investment in the last ``stall_months`` months
      (``as_of`` included): the project stopped without being declared 停工;
    - ``missed_milestones``: milestones whose planned date has passed without an actual date
      (``late_milestones``: reached, but after the planned date);
    - ``late``: any of the above (a missed milestone counting), with ``reasons`` spelling them
      out.

    Parameters
    ----------
    projects : pandas.DataFrame
        Rows of the ``project`` table.
    progress : pandas.DataFrame
        ``project_id``, ``month`` (``YYYY-MM``), ``investment`` (that month alone, 万元).
    milestones : pandas.DataFrame, optional
        ``project_id``, ``milestone``, ``planned_date``, ``actual_date``.
    as_of : str
        Reporting month, ``YYYY-MM``.
    tolerance : float, default=0.10
    stall_months : int, default=3
        Months without investment after which an open project counts as stalled (a quarter
        of 月调度 reports).

    Returns
    -------
    pandas.DataFrame
        One row per project: identity columns, ``cumulative_investment``,
        ``ytd_investment`` (January..as_of of that year), ``completion``, ``expected``,
        ``pace_gap``, ``last_investment_month``, the flags (``suspended``, ``behind_pace``,
        ``overdue``, ``not_started``, ``stalled``), ``missed_milestones``,
        ``late_milestones``, ``late``, ``reasons``, ``size_band``.

    References
    ----------
    .. [1] See the module references.

    Examples
    --------
    >>> pj = pd.DataFrame({"project_id": ["P1"], "name": ["x"], "region_code": ["510100"],
    ...                    "planned_investment": [120.0], "start_date": [pd.Timestamp("2024-01-01")],
    ...                    "planned_completion": [pd.Timestamp("2024-12-31")],
    ...                    "status": ["under construction"]})
    >>> pg = pd.DataFrame({"project_id": "P1", "month": ["2024-01", "2024-02", "2024-03"],
    ...                    "investment": [10.0, 5.0, 5.0]})
    >>> r = project_progress(pj, pg, as_of="2024-06")
    >>> float(r.completion[0]), bool(r.behind_pace[0])
    (0.1667, True)
    """
    if stall_months < 1:
        raise InputError(f"stall_months must be at least 1, got {stall_months}")
    end = month_end(as_of)
    year_start = pd.Timestamp(year=end.year, month=1, day=1)
    stall_from = pd.Timestamp(year=end.year, month=end.month, day=1) - pd.DateOffset(months=stall_months - 1)
    need = ["project_id", "planned_investment"]
    missing = [c for c in need if c not in projects.columns]
    if missing:
        raise InputError(f"projects need columns {need}; missing {missing}")
    pg = progress.copy()
    if (pd.to_numeric(pg["investment"], errors="coerce") < 0).any():
        raise InputError("monthly investment must not be negative")
    pg["_m"] = pd.to_datetime(pg["month"].astype(str) + "-01", format="%Y-%m-%d")
    pg = pg[pg["_m"] <= end]
    cum = pg.groupby("project_id")["investment"].sum()
    ytd = pg[pg["_m"] >= year_start].groupby("project_id")["investment"].sum()
    last_month = pg[pg["investment"] > 0].groupby("project_id")["month"].max()
    recent = pg[(pg["_m"] >= stall_from) & (pg["investment"] > 0)].groupby("project_id").size()

    out = projects.copy()
    out["status"] = out["status"].map(normalise_status) if "status" in out else None
    planned = pd.to_numeric(out["planned_investment"], errors="coerce")
    out["cumulative_investment"] = out["project_id"].map(cum).fillna(0.0)
    out["ytd_investment"] = out["project_id"].map(ytd).fillna(0.0)
    out["last_investment_month"] = out["project_id"].map(last_month)
    out["completion"] = (out["cumulative_investment"] / planned.where(planned > 0)).round(SHARE_DECIMALS)
    none = pd.Series(pd.NaT, index=out.index)
    start = pd.to_datetime(out.get("start_date", none), errors="coerce")
    finish = pd.to_datetime(out.get("planned_completion", none), errors="coerce")
    actual = pd.to_datetime(out.get("actual_completion", none), errors="coerce")
    span = (finish - start).dt.days
    elapsed = (end - start).dt.days
    out["expected"] = (elapsed / span.where(span > 0)).clip(0.0, 1.0).round(SHARE_DECIMALS)
    out["pace_gap"] = (out["expected"] - out["completion"]).round(SHARE_DECIMALS) + 0.0  # + 0.0: no -0.0
    status = out["status"].fillna("under construction")
    completed = (status == "completed") | (actual.notna() & (actual <= end))
    open_ = ~completed
    suspended = open_ & (status == "suspended")
    invested = out["cumulative_investment"] > 0
    out["suspended"] = suspended
    out["overdue"] = open_ & finish.notna() & (finish < end)
    out["not_started"] = open_ & ~suspended & start.notna() & (start <= end) & ~invested
    out["behind_pace"] = open_ & ~out["not_started"] & (out["pace_gap"] > tolerance)
    out["stalled"] = (open_ & ~suspended & invested & start.notna() & (start < stall_from)
                      & (out["project_id"].map(recent).fillna(0) == 0))

    missed = pd.Series(0, index=out.index)
    late_ms = pd.Series(0, index=out.index)
    missed_names = pd.Series("", index=out.index, dtype=object)
    if milestones is not None and not milestones.empty:
        ms = milestones.copy()
        ms["_planned"] = pd.to_datetime(ms["planned_date"], errors="coerce")
        ms["_actual"] = pd.to_datetime(ms["actual_date"], errors="coerce")
        due = ms["_planned"] <= end
        done_by_now = ms["_actual"].notna() & (ms["_actual"] <= end)
        is_missed = due & ~done_by_now
        is_late = done_by_now & (ms["_actual"] > ms["_planned"])
        missed = out["project_id"].map(ms[is_missed].groupby("project_id").size()).fillna(0).astype(int)
        late_ms = out["project_id"].map(ms[is_late].groupby("project_id").size()).fillna(0).astype(int)
        names = ms[is_missed].assign(_txt=ms["milestone"].astype(str) + " (due "
                                     + ms["_planned"].dt.strftime("%Y-%m-%d") + ")")
        missed_names = out["project_id"].map(names.groupby("project_id")["_txt"].agg("; ".join)).fillna("")
    out["missed_milestones"] = np.where(open_, missed, 0)
    out["late_milestones"] = late_ms
    out["late"] = (out["suspended"] | out["behind_pace"] | out["overdue"] | out["not_started"] | out["stalled"]
                   | (out["missed_milestones"] > 0))

    completion = out["completion"].to_numpy(dtype=float)
    expected = out["expected"].to_numpy(dtype=float)
    reasons = []
    for k, i in enumerate(out.index):
        r = []
        last = out.at[i, "last_investment_month"]
        last_txt = f"last investment {last}" if isinstance(last, str) else "nothing invested"
        if out.at[i, "suspended"]:
            r.append(f"suspended (停工), {last_txt}")
        if out.at[i, "behind_pace"]:
            r.append(f"investment {completion[k]:.0%} of plan vs {expected[k]:.0%} "
                     "of the construction period elapsed")
        if out.at[i, "overdue"]:
            r.append(f"planned completion {finish[i].date()} passed, status {status[i]!s}")
        if out.at[i, "not_started"]:
            r.append(f"start date {start[i].date()} passed with no investment")
        if out.at[i, "stalled"]:
            r.append(f"stalled: no investment in the last {stall_months} months ({last_txt})")
        if out.at[i, "missed_milestones"]:
            r.append(f"missed milestone(s): {missed_names[i]}")
        reasons.append("; ".join(r))
    out["reasons"] = reasons
    out["size_band"] = _band_labels(planned)
    return out.reset_index(drop=True)


_DEFAULT_BANDS = (10_000.0, 100_000.0, 1_000_000.0)


def _band_label(lo: float, hi: float | None) -> str:
    def yi(x: float) -> str:
        return f"{x / 1e4:g}亿"
    if hi is None:
        return f"≥{yi(lo)}"
    if lo == 0:
        return f"<{yi(hi)}"
    return f"{yi(lo)}-{yi(hi)}"


def _band_labels(planned: pd.Series, thresholds: Sequence[float] = _DEFAULT_BANDS) -> pd.Series:
    edges = [0.0, *thresholds]
    labels = [_band_label(lo, hi) for lo, hi in zip(edges, [*thresholds, None], strict=True)]
    idx = np.searchsorted(np.asarray(thresholds), planned.fillna(0).to_numpy(), side="right")
    return pd.Series([labels[i] for i in idx], index=planned.index)


def size_bands(projects: pd.DataFrame, *, thresholds: Sequence[float] = _DEFAULT_BANDS) -> pd.DataFrame:
    """Project counts and planned investment by size band, plus "at least" counts.

    Bands are half-open, ``[lo, hi)`` in 万元: the defaults 10,000 / 100,000 / 1,000,000 are
    1亿, 10亿 (1 billion yuan) and 100亿 (10 billion yuan). ``at_least`` counts every project
    of that band or bigger, as releases phrase it ("100亿元以上项目44个").

    Returns
    -------
    pandas.DataFrame
        ``band``, ``lower`` (万元), ``projects``, ``planned_investment``, ``at_least``.

    Examples
    --------
    >>> pj = pd.DataFrame({"planned_investment": [5_000.0, 100_000.0, 2_000_000.0, 1_000_000.0]})
    >>> size_bands(pj)[["band", "projects", "at_least"]].to_dict("list")
    {'band': ['<1亿', '1亿-10亿', '10亿-100亿', '≥100亿'], 'projects': [1, 0, 1, 2], 'at_least': [4, 3, 3, 2]}
    """
    th = [float(t) for t in thresholds]
    if th != sorted(th) or any(t <= 0 for t in th):
        raise InputError(f"thresholds must be positive and increasing, got {list(thresholds)}")
    planned = pd.to_numeric(projects["planned_investment"], errors="coerce")
    band = _band_labels(planned, th)
    edges = [0.0, *th]
    labels = [_band_label(lo, hi) for lo, hi in zip(edges, [*th, None], strict=True)]
    counts = [int((band == b).sum()) for b in labels]
    totals = [float(planned[band == b].sum()) for b in labels]
    at_least = list(np.cumsum(counts[::-1])[::-1].astype(int))
    return pd.DataFrame({"band": labels, "lower": edges, "projects": counts,
                         "planned_investment": totals, "at_least": at_least})


def investment_share(project_ytd: float, industrial_investment_ytd: float) -> float:
    r"""Share of a region's industrial investment made by its major projects, year to date.

    .. math:: share = \frac{\sum_p \sum_{\tau = Jan}^{as\_of} m_{p\tau}}{II^{YTD}_{as\_of}}

    with :math:`II^{YTD}` the region's cumulative industrial investment (工业投资, 1–N月) in the
    same unit. The numerator sums the projects located in the region or below it.

    Examples
    --------
    >>> round(investment_share(18_570_000.0, 60_000_000.0), 4)
    0.3095
    """
    if industrial_investment_ytd is None or pd.isna(industrial_investment_ytd) or industrial_investment_ytd <= 0:
        return float("nan")
    return float(project_ytd) / float(industrial_investment_ytd)
