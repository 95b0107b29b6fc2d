"""Cross-column checks of the delivery tables, run by the import validator after typing.

Each function has the :data:`xinzhi.schema.base.RowCheck` signature: it takes the typed frame
(canonical column names, positions 0..n-1) and returns ``(row position, column, kind,
reason)`` for every bad row. The validator turns them into ``file:row:column: reason``.
The same functions guard frames built in code (:func:`problems_as_error`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd

from xinzhi.delivery.periods import FREQUENCIES, parse_period
from xinzhi.errors import InputError

__all__ = [
    "MEASURES",
    "PROJECT_STATUSES",
    "TARGET_KINDS",
    "check_indicator_values",
    "check_indicators",
    "check_milestones",
    "check_progress",
    "check_projects",
    "check_targets",
    "problems_as_error",
]

RowProblem = tuple[int, str, str, str]

TARGET_KINDS = ("level", "count", "share", "growth", "multiple")
"""level: reach a value; count: reach a number of things (enterprises, platforms); share: reach a
fraction (0.20 for 20 %); growth: average annual growth rate (0.07 for 7 % a year) from the
baseline; multiple: reach k times the baseline (2 for doubling)."""

MEASURES = ("flow", "stock", "ratio")
"""flow: adds up over time (output, investment); stock: a level at the end of the period
(enterprises, population); ratio: a share or rate (not additive)."""

PROJECT_STATUSES = ("planned", "under construction", "completed", "suspended")
_STATUS_ALIASES = {"在建": "under construction", "新开工": "under construction", "计划": "planned",
                   "拟建": "planned", "前期": "planned", "竣工": "completed", "建成": "completed",
                   "已竣工": "completed", "停工": "suspended", "暂停": "suspended",
                   "under_construction": "under construction", "construction": "under construction"}
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def normalise_status(text: object) -> str | None:
    """Canonical project status from English or Chinese text (``在建`` → ``under construction``)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    t = str(text).strip()
    return _STATUS_ALIASES.get(t, _STATUS_ALIASES.get(t.lower(), t.lower()))


def _rows(mask: pd.Series) -> Iterable[int]:
    return (int(i) for i in mask[mask.fillna(False).astype(bool)].index)


def check_targets(frame: pd.DataFrame) -> list[RowProblem]:
    """Target rows: known kind; deadline after the baseline year; a share between 0 and 1; a
    positive multiple; a growth rate above -100 %; a count not negative."""
    out: list[RowProblem] = []
    kind = frame["kind"].astype(object).map(lambda k: None if k is None else str(k).strip().lower())
    for i in _rows(kind.notna() & ~kind.isin(TARGET_KINDS)):
        out.append((i, "kind", "unknown kind",
                    f"target kind must be one of {', '.join(TARGET_KINDS)}, got {frame['kind'][i]!r}"))
    base_year = pd.to_numeric(frame["baseline_year"], errors="coerce")
    deadline = pd.to_numeric(frame["deadline_year"], errors="coerce")
    for i in _rows(base_year.notna() & deadline.notna() & (deadline <= base_year)):
        out.append((i, "deadline_year", "deadline before baseline",
                    f"deadline year {int(deadline[i])} must be after the baseline year {int(base_year[i])}"))
    value = pd.to_numeric(frame["target_value"], errors="coerce")
    baseline = pd.to_numeric(frame["baseline"], errors="coerce")
    is_share = kind == "share"
    for col, v in (("target_value", value), ("baseline", baseline)):
        for i in _rows(is_share & v.notna() & ((v < 0) | (v > 1))):
            out.append((i, col, "share out of range",
                        f"a share must be between 0 and 1 (0 %-100 %), got {v[i]:g}; write 20 % or 0.20"))
    for i in _rows((kind == "multiple") & value.notna() & (value <= 0)):
        out.append((i, "target_value", "bad multiple",
                    f"a multiple of the baseline must be positive (2 for doubling), got {value[i]:g}"))
    for i in _rows((kind == "growth") & value.notna() & (value <= -1)):
        out.append((i, "target_value", "bad growth rate",
                    f"an average growth rate must be above -100 % (0.07 for 7 %), got {value[i]:g}"))
    for i in _rows((kind == "count") & value.notna() & (value < 0)):
        out.append((i, "target_value", "negative value", f"a count must not be negative, got {value[i]:g}"))
    for i in _rows(kind.isin(["multiple", "growth"]) & baseline.notna() & (baseline <= 0)):
        out.append((i, "baseline", "bad baseline",
                    f"a {kind[i]} target needs a positive baseline, got {baseline[i]:g}"))
    if "stretch_value" in frame.columns:
        stretch = pd.to_numeric(frame["stretch_value"], errors="coerce")
        for i in _rows(is_share & stretch.notna() & ((stretch < 0) | (stretch > 1))):
            out.append((i, "stretch_value", "share out of range",
                        f"a share must be between 0 and 1 (0 %-100 %), got {stretch[i]:g}"))
    return out


def check_indicators(frame: pd.DataFrame) -> list[RowProblem]:
    """Catalog rows: frequency is year, quarter or month; measure is flow, stock or ratio."""
    out: list[RowProblem] = []
    freq = frame["frequency"].astype(object).map(lambda f: None if f is None else str(f).strip().lower())
    for i in _rows(freq.notna() & ~freq.isin(FREQUENCIES)):
        out.append((i, "frequency", "bad frequency",
                    f"frequency must be year, quarter or month, got {frame['frequency'][i]!r}"))
    if "measure" in frame.columns:
        m = frame["measure"].astype(object)
        for i in _rows(m.notna() & ~m.isin(MEASURES)):
            out.append((i, "measure", "bad measure", f"measure must be flow, stock or ratio, got {m[i]!r}"))
    return out


def check_indicator_values(frame: pd.DataFrame) -> list[RowProblem]:
    """Value rows: the period reads as ``2024``, ``2024Q3`` or ``2024-11``; a deflator is positive."""
    out: list[RowProblem] = []
    for i, p in frame["period"].items():
        if p is None:
            continue
        try:
            parse_period(p)
        except InputError as exc:
            out.append((int(i), "period", "bad period", str(exc)))  # type: ignore[call-overload]
    if "deflator" in frame.columns:
        d = pd.to_numeric(frame["deflator"], errors="coerce")
        for i in _rows(d.notna() & (d <= 0)):
            out.append((i, "deflator", "bad deflator",
                        f"a price index (previous year = 1.00) must be positive, got {d[i]:g}"))
    return out


def check_projects(frame: pd.DataFrame) -> list[RowProblem]:
    """Project rows: known status; planned completion not before the start date."""
    out: list[RowProblem] = []
    status = frame["status"].map(normalise_status)
    for i in _rows(status.notna() & ~status.isin(PROJECT_STATUSES)):
        out.append((i, "status", "unknown status",
                    f"status must be one of {', '.join(PROJECT_STATUSES)} (or 在建/竣工/停工/计划), "
                    f"got {frame['status'][i]!r}"))
    start = pd.to_datetime(frame["start_date"], errors="coerce")
    end = pd.to_datetime(frame["planned_completion"], errors="coerce")
    for i in _rows(start.notna() & end.notna() & (end < start)):
        out.append((i, "planned_completion", "completion before start",
                    f"planned completion {end[i].date()} is before the start date {start[i].date()}"))
    return out


def check_progress(frame: pd.DataFrame) -> list[RowProblem]:
    """Progress rows: the month reads as ``YYYY-MM``."""
    out: list[RowProblem] = []
    for i, m in frame["month"].items():
        if m is None:
            continue
        try:
            p = parse_period(m)
        except InputError:
            p = None
        if p is None or p.frequency != "month":
            out.append((int(i), "month", "bad month",  # type: ignore[call-overload]
                        f"month must look like 2024-11, got {m!r}"))
    return out


def check_milestones(frame: pd.DataFrame) -> list[RowProblem]:
    """Milestone rows: an actual date, if given, is a date (typed already); nothing else yet."""
    return []


def problems_as_error(
    frame: pd.DataFrame, check: Callable[[pd.DataFrame], list[RowProblem]], *, what: str
) -> None:
    """Raise :class:`~xinzhi.errors.InputError` listing the problems ``check`` finds in a frame
    built in code (rows numbered from 0)."""
    found = check(frame.reset_index(drop=True))
    if found:
        lines = "; ".join(f"row {i}, column {c!r}: {r}" for i, c, _k, r in found[:10])
        raise InputError(f"invalid {what}: {lines}")
