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
import pyarrow as pa
import pyarrow.compute as pc

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
    """Float64 ``values`` (a view when they already are): NaN → 0 (counted), negative or infinite
    → InputError.

    Clean input is recognised from its minimum and maximum (a NaN propagates through both), so
    it costs two reductions and no row-sized masks.
    """
    try:
        v = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"column {column!r}: values must be numbers ({exc})") from exc
    if v.size == 0 or (v.min() >= 0 and np.isfinite(v.max())):
        return v
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
    if r_codes.min(initial=0) < 0 or i_codes.min(initial=0) < 0:
        raise InputError(f"data: empty (missing) keys in {region!r} or {industry!r}")
    if year is None:
        y_codes = np.zeros(len(frame), dtype=np.int8)
        y_labels: np.ndarray = np.array([None], dtype=object)
    else:
        y_codes, y_labels = _factorize_sorted(frame[year])
        if y_codes.min(initial=0) < 0:
            raise InputError(f"data: missing values in the year column {year!r}")
    n_y, n_r, n_i = len(y_labels), len(r_labels), len(i_labels)
    cube: np.ndarray
    if _is_grid(y_codes, r_codes, i_codes, (n_y, n_r, n_i)):
        # every (year, region, industry) once, in that order: the values are the cube
        cube = np.array(v, dtype=np.float64).reshape(n_y, n_r, n_i)
        n_dup = 0
    else:
        flat = y_codes.astype(np.intp)  # bincount takes intp; built in place from the narrow codes
        flat *= n_r
        flat += r_codes
        flat *= n_i
        flat += i_codes
        cube = np.bincount(flat, weights=v, minlength=n_y * n_r * n_i).reshape(n_y, n_r, n_i)
        n_dup = _count_dups(flat, n_y * n_r * n_i)
        del flat
    del v
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


def _is_grid(y: np.ndarray, r: np.ndarray, i: np.ndarray, shape: tuple[int, int, int]) -> bool:
    """Whether the codes list every (year, region, industry) once, sorted (a complete panel in
    key order, as exports and pivots write it): then row k is cell k of the cube.

    Each check compares a column with a small broadcast range (one boolean pass), and the
    checks stop at the first that fails.
    """
    n_y, n_r, n_i = shape
    if len(i) != n_y * n_r * n_i or len(i) == 0:
        return False
    checks = (
        (i, (-1, n_i), np.arange(n_i)[None, :]),
        (r, (n_y, n_r, n_i), np.arange(n_r)[None, :, None]),
        (y, (n_y, -1), np.arange(n_y)[:, None]),
    )
    return all(bool((codes.reshape(s) == expected).all()) for codes, s, expected in checks)


def _arrow_strings(col: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow array behind an Arrow-backed string column without missing values, else None."""
    if not isinstance(col.dtype, (pd.StringDtype, pd.ArrowDtype)):
        return None
    to_arrow = getattr(col.array, "__arrow_array__", None)
    if to_arrow is None:
        return None
    arr = to_arrow()
    if isinstance(arr, pa.Array):
        arr = pa.chunked_array([arr])
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
            or pa.types.is_string_view(arr.type)) or arr.null_count:
        return None
    return arr


#: Rows sampled at the head of a column to see whether it repeats in runs or in a period.
_HEAD = 4096


def _arrow_codes(arr: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and labels (first-seen order) of an Arrow string array, by Arrow's dictionary
    encoding (C++ hashing of the bytes, no Python objects).

    The keys of a table sorted by its keys repeat in a pattern that is cheaper to check than to
    hash: the outer key runs in long repeats (encoded from one value per run, found by comparing
    the column with itself shifted by one), an inner key repeats with the period of the outer
    runs (encoded from one period, after checking that the column equals itself shifted by the
    period). Anything else is hashed row by row.
    """
    n = len(arr)
    if n > 2 * _HEAD:
        head = arr.slice(0, _HEAD)
        changes = pc.not_equal(head.slice(1), head.slice(0, _HEAD - 1))
        if (pc.sum(changes).as_py() or 0) * 16 < _HEAD:  # long runs
            change = pc.not_equal(arr.slice(1), arr.slice(0, n - 1))
            starts = np.concatenate(([0], pc.indices_nonzero(change).to_numpy().astype(np.int64) + 1))
            if len(starts) * 8 < n:
                codes, labels = _dictionary_codes(arr.take(pa.array(starts)))
                return np.repeat(codes, np.diff(np.append(starts, n))), labels
        else:
            again = np.flatnonzero(pc.equal(head, head[0]).to_numpy())
            period = int(again[1]) if len(again) > 1 else 0
            if period and n >= 2 * period and pc.all(
                    pc.equal(arr.slice(period), arr.slice(0, n - period))).as_py():
                codes, labels = _dictionary_codes(arr.slice(0, period))
                return np.resize(codes, n), labels
    return _dictionary_codes(arr)


def _dictionary_codes(arr: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    enc = pc.dictionary_encode(arr)
    if any(not c.dictionary.equals(enc.chunks[-1].dictionary) for c in enc.chunks[:-1]):
        enc = enc.unify_dictionaries()
    labels = enc.chunks[-1].dictionary
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in enc.chunks])
    return codes, np.asarray(labels.to_pylist(), dtype=object)


def _factorize_sorted(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) and the sorted labels that occur in ``col``.

    Categorical columns use their codes directly (no hashing of the keys); small-range integer
    columns (years) are coded by offset; Arrow-backed strings (pandas' default string type) are
    coded by Arrow's dictionary encoding; anything else is factorised once, unsorted. Only the
    (few) distinct labels are then sorted.
    """
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy()  # int8/int16/int32 as pandas chose: no row-sized copy
        labels = np.asarray(col.cat.categories, dtype=object)
        used = _occurring(codes[codes >= 0] if codes.min(initial=0) < 0 else codes, len(labels))
        if not used.all():  # unused categories: keep only the labels that occur
            remap = np.cumsum(used, dtype=np.int32) - 1
            codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1).astype(_code_dtype(len(labels)))
            labels = labels[used]
        return _sort_codes(codes, labels)
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iu" and len(col):
        arr = col.to_numpy()
        lo, hi = int(arr.min()), int(arr.max())
        if hi - lo < 100_000:
            # in the column's own type only when the span fits it (an int8 column from -100 to
            # 100 would wrap)
            wide = arr if hi - lo <= np.iinfo(arr.dtype).max else arr.astype(np.int64)
            off = (wide - lo).astype(_code_dtype(hi - lo + 1))
            used = _occurring(off, hi - lo + 1)
            if used.all():
                return off, np.arange(lo, hi + 1)
            remap = (np.cumsum(used) - 1).astype(off.dtype)
            return remap[off], np.flatnonzero(used) + lo
    arrow = _arrow_strings(col) if len(col) else None
    if arrow is not None:
        codes, labels = _arrow_codes(arrow)
        return _sort_codes(codes, labels)
    codes, uniques = pd.factorize(col, sort=False)
    return _sort_codes(np.asarray(codes), np.asarray(uniques, dtype=object))


def _occurring(codes: np.ndarray, n: int) -> np.ndarray:
    """Which of the codes 0 … n − 1 occur (``bincount`` would first copy narrow codes to intp)."""
    used = np.zeros(n, dtype=bool)
    used[codes] = True
    return used


def _sort_codes(codes: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber ``codes`` so that they index ``labels`` in sorted order (mixed types: unchanged)."""
    try:
        order = np.argsort(labels, kind="stable")
    except TypeError:  # mixed types: keep first-seen order
        return codes, labels
    if (order == np.arange(len(order))).all():
        return codes, labels
    rank = np.empty(len(order), dtype=_code_dtype(len(order)))
    rank[order] = np.arange(len(order))
    if codes.min(initial=0) < 0:
        return np.where(codes >= 0, rank[np.maximum(codes, 0)], -1).astype(rank.dtype), labels[order]
    return rank[codes], labels[order]


def _code_dtype(n: int) -> type[np.signedinteger[Any]]:
    """The narrowest signed integer type for codes 0 … n − 1 and −1 (missing)."""
    for dt in (np.int8, np.int16, np.int32):
        if n <= np.iinfo(dt).max:
            return dt
    return np.int64


def _count_dups(flat: np.ndarray, size: int) -> int:
    """Number of repeated keys in ``flat`` (rows minus distinct keys), without sorting."""
    seen = np.zeros(size, dtype=bool)
    seen[flat] = True
    return int(len(flat) - np.count_nonzero(seen))
