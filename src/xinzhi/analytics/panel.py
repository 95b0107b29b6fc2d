"""Turn region × industry data (long tables or matrices) into dense per-year matrices.

This is the boundary of the analytics package: every public analytic that accepts a table
goes through :func:`year_matrices`, which validates once and reports what it changed
(duplicates summed, NaN read as zero, empty rows and columns dropped). The private numeric
helpers downstream never re-check.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from xinzhi.errors import InputError

logger = logging.getLogger(__name__)

__all__ = ["InputReport", "YearMatrix", "as_pandas", "year_matrices"]


@dataclass(frozen=True)
class YearMatrix:
    """One year's region × industry values.

    Attributes
    ----------
    year : object
        The year label (``None`` for data without a year column).
    regions, industries : numpy.ndarray
        Row and column labels.
    values : numpy.ndarray
        ``len(regions) × len(industries)`` float64 values (missing cells are 0).
    """

    year: Any
    regions: np.ndarray
    industries: np.ndarray
    values: np.ndarray


@dataclass
class InputReport:
    """What the boundary did to the input, so callers can show it to the user.

    Attributes
    ----------
    duplicates_summed : int
        Rows that shared their (year, region, industry) key with an earlier row and were added to it.
    nan_as_zero : int
        Values that were NaN (or missing) and were read as 0.
    dropped_regions, dropped_industries : dict
        Per year, the labels dropped because their total was 0 in that year.
    notes : list of str
        Human-readable lines describing the above (and anything added downstream).
    """

    duplicates_summed: int = 0
    nan_as_zero: int = 0
    dropped_regions: dict[Any, list[Any]] = field(default_factory=dict)
    dropped_industries: dict[Any, list[Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        """Record one line (also logged at INFO level)."""
        logger.info("%s", message)
        self.notes.append(message)


def as_pandas(data: Any, *, name: str = "data") -> pd.DataFrame:
    """Return ``data`` as a pandas DataFrame (pandas and polars frames are accepted).

    Raises
    ------
    InputError
        If ``data`` is neither.
    """
    if isinstance(data, pd.DataFrame):
        return data
    to_pandas = getattr(data, "to_pandas", None)
    if callable(to_pandas) and type(data).__module__.startswith(("polars", "ibis", "pyarrow")):
        frame = to_pandas()
        if isinstance(frame, pd.DataFrame):
            return frame
    raise InputError(
        f"{name}: expected a pandas or polars DataFrame (or an ibis table), got {type(data).__name__}"
    )


def _check_values(values: np.ndarray, *, column: str, report: InputReport) -> np.ndarray:
    """Float64 copy of ``values``: NaN → 0 (counted), negative or infinite → InputError."""
    try:
        v = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"column {column!r}: values must be numbers ({exc})") from exc
    nan = np.isnan(v)
    n_nan = int(nan.sum())
    if n_nan:
        v = np.where(nan, 0.0, v)
        report.nan_as_zero += n_nan
        report.note(f"{n_nan} missing (NaN) values in {column!r} were read as 0")
    if np.isinf(v).any():
        raise InputError(f"column {column!r}: {int(np.isinf(v).sum())} infinite values")
    neg = v < 0
    if neg.any():
        first = float(v[neg][0])
        raise InputError(
            f"column {column!r}: values must be >= 0, got {int(neg.sum())} negative values "
            f"(first: {first:g})"
        )
    return v


def year_matrices(
    data: Any,
    *,
    value: str = "value",
    region: str = "region",
    industry: str = "industry",
    year: str | None = "year",
    drop_empty: bool = True,
    report: InputReport | None = None,
) -> tuple[list[YearMatrix], InputReport]:
    """Validate a long region × industry (× year) table and pivot it to one matrix per year.

    Parameters
    ----------
    data : pandas.DataFrame or polars.DataFrame
        Long table with one row per (year, region, industry).
    value, region, industry : str
        Column names of the activity measure and of the two keys.
    year : str or None, default="year"
        Year column; ``None`` (or a missing column when ``year="year"``) means a single period.
    drop_empty : bool, default=True
        Drop, per year, regions and industries whose total is 0 (as Stata ``ecomplexity`` does),
        listing them in the report.
    report : InputReport, optional
        A report to append to (a new one otherwise).

    Returns
    -------
    list of YearMatrix, InputReport
        Years in ascending order.

    Raises
    ------
    InputError
        Missing columns, non-numeric, negative or infinite values, or no data at all.
    """
    report = report if report is not None else InputReport()
    frame = as_pandas(data)
    if year == "year" and "year" not in frame.columns:
        year = None
    need = [c for c in (region, industry, value, year) if c is not None]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise InputError(
            f"data: missing column(s) {missing}; got columns {list(map(str, frame.columns))}"
        )
    if len(frame) == 0:
        raise InputError("data: the table has no rows")
    v = _check_values(frame[value].to_numpy(), column=value, report=report)
    r_codes, r_labels = _factorize_sorted(frame[region])
    i_codes, i_labels = _factorize_sorted(frame[industry])
    if (r_codes < 0).any() or (i_codes < 0).any():
        raise InputError(f"data: empty (missing) keys in {region!r} or {industry!r}")
    if year is None:
        y_codes = np.zeros(len(frame), dtype=np.intp)
        y_labels: np.ndarray = np.array([None], dtype=object)
    else:
        y_codes, y_index = pd.factorize(frame[year], sort=True)
        if (y_codes < 0).any():
            raise InputError(f"data: missing values in the year column {year!r}")
        y_labels = np.asarray(y_index)
    n_y, n_r, n_i = len(y_labels), len(r_labels), len(i_labels)
    flat = (y_codes.astype(np.int64) * n_r + r_codes) * n_i + i_codes
    cube = np.bincount(flat, weights=v, minlength=n_y * n_r * n_i).reshape(n_y, n_r, n_i)
    n_dup = _count_dups(flat)
    if n_dup:
        report.duplicates_summed += n_dup
        report.note(f"{n_dup} duplicate (year, region, industry) rows were summed")
    regions_all = np.asarray(r_labels, dtype=object)
    industries_all = np.asarray(i_labels, dtype=object)
    out: list[YearMatrix] = []
    for k, y in enumerate(y_labels):
        x = cube[k]
        r_keep = x.sum(axis=1) > 0
        i_keep = x.sum(axis=0) > 0
        if drop_empty and not (r_keep.all() and i_keep.all()):
            present = np.zeros(n_r, dtype=bool)
            present[np.unique(r_codes[y_codes == k])] = True
            dropped_r = regions_all[present & ~r_keep].tolist()
            if dropped_r:
                report.dropped_regions[y] = dropped_r
                report.note(f"year {y}: {len(dropped_r)} region(s) with total 0 dropped")
            dropped_i = industries_all[~i_keep].tolist()
            if dropped_i:
                report.dropped_industries[y] = dropped_i
                report.note(f"year {y}: {len(dropped_i)} industry(ies) with total 0 dropped")
            x = x[np.ix_(r_keep, i_keep)]
            regs, inds = regions_all[r_keep], industries_all[i_keep]
        else:
            regs, inds = regions_all, industries_all
        if x.size == 0:
            report.note(f"year {y}: no positive values, skipped")
            continue
        out.append(YearMatrix(year=y.item() if hasattr(y, "item") else y, regions=regs,
                              industries=inds, values=np.ascontiguousarray(x)))
    if not out:
        raise InputError(f"data: column {value!r} has no positive values")
    return out, report


def _factorize_sorted(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and sorted labels; factorize unsorted, then sort only the (few) labels."""
    codes, uniques = pd.factorize(col, sort=False)
    labels = np.asarray(uniques, dtype=object)
    try:
        order = np.argsort(labels, kind="stable")
    except TypeError:  # mixed types: keep first-seen order
        return codes, labels
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    new_codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1)
    return new_codes, labels[order]


def _count_dups(flat: np.ndarray) -> int:
    """Number of repeated keys in ``flat`` (rows minus distinct keys), without sorting."""
    seen = np.bincount(flat)
    return int(len(flat) - np.count_nonzero(seen))
