"""Validation of a raw frame against a table spec: types, units, required values, ranges,
credit codes, known region and industry codes, duplicate keys.

Everything is checked before anything is written; the result is either a typed frame in
canonical units or a list of :class:`~xinzhi.errors.Problem` naming file, row, column and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from xinzhi.credit_code import credit_code_problem
from xinzhi.errors import InputError, Problem
from xinzhi.schema.base import Column, TableSpec
from xinzhi.units import CANONICAL, Conversion, factor
from xinzhi.workspace.headers import match_headers

_TRUE = {"1", "true", "t", "yes", "y", "是", "有", "√", "✓", "x"}
_FALSE = {"0", "false", "f", "no", "n", "否", "无", "×", "✗"}


@dataclass
class Validated:
    """A frame that passed validation, in canonical units and storage dtypes."""

    frame: pd.DataFrame
    conversions: list[Conversion] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class KnownCodes:
    """Codes that references must point to (loaded from the workspace's current snapshots)."""

    regions: Collection[str] = ()
    industries: Collection[str] = ()


def _blank(s: pd.Series) -> pd.Series:
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        return s.isna() | (s.astype(str).str.strip() == "")
    return s.isna()


def _to_number(s: pd.Series, *, percent_ok: bool) -> tuple[pd.Series, pd.Series]:
    """Parse numbers; returns (values, bad mask). Accepts 1,234.5 and, for ratios, 12.5%."""
    if pd.api.types.is_bool_dtype(s):
        s = s.astype(float)
    if pd.api.types.is_numeric_dtype(s):
        v = pd.to_numeric(s, errors="coerce").astype(float)
        return v, pd.Series(False, index=s.index)
    text = s.astype(str).str.strip().str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    pct = text.str.endswith("%") if percent_ok else pd.Series(False, index=s.index)
    text = text.where(~pct, text.str[:-1])
    v = pd.to_numeric(text, errors="coerce").astype(float)
    v = v.where(~pct, v / 100.0)
    blank = _blank(s)
    bad = v.isna() & ~blank
    v = v.where(~bad)
    v[np.isinf(v.fillna(0.0))] = np.nan
    return v, bad


def _to_bool(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(s):
        return s.astype("boolean"), pd.Series(False, index=s.index)
    text = s.astype(str).str.strip().str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[text.isin(_TRUE)] = True
    out[text.isin(_FALSE)] = False
    blank = _blank(s)
    bad = out.isna() & ~blank
    return out, bad


def _to_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = _blank(s)
    text = s.astype(str).str.strip().str.replace("/", "-", regex=False).str.replace(".", "-", regex=False)
    parsed = pd.to_datetime(text.where(~blank), errors="coerce", format="mixed")
    bad = parsed.isna() & ~blank
    return parsed.dt.date.where(~parsed.isna(), None), bad


def _to_str(s: pd.Series) -> pd.Series:
    out = s.astype(object).where(~_blank(s), None)
    return out.map(lambda v: None if v is None else str(v).strip())


def convert_column(
    col: Column, s: pd.Series, *, unit: str | None
) -> tuple[pd.Series, pd.Series, str, Conversion | None]:
    """Convert one column to its storage type and canonical unit.

    Returns (values, bad mask, reason for bad cells, conversion applied).
    """
    conversion = None
    if col.dtype in ("int", "float"):
        v, bad = _to_number(s, percent_ok=col.quantity == "ratio")
        reason = "not a number"
        if unit is not None:
            if col.quantity is None:
                raise InputError(f"column {col.name!r} has no unit, but the header gives {unit!r}")
            f = factor(col.quantity, unit)
            if f != 1.0:
                v = v * f
            conversion = Conversion(col.name, unit, CANONICAL[col.quantity], f)
        if col.dtype == "int":
            frac = v.notna() & (v != v.round())
            if (frac & ~bad).any():
                reason = "not a whole number"
            return v.round().astype("Int64"), bad | frac, reason, conversion
        return v.astype("float64"), bad, reason, conversion
    if col.dtype == "bool":
        v, bad = _to_bool(s)
        return v, bad, "not yes/no (是/否, true/false, 1/0)", None
    if col.dtype == "date":
        v, bad = _to_date(s)
        return v, bad, "not a date (YYYY-MM-DD)", None
    return _to_str(s), pd.Series(False, index=s.index), "", None


def validate_frame(
    spec: TableSpec,
    raw: pd.DataFrame,
    *,
    file: str,
    first_row: int,
    known: KnownCodes,
    units: dict[str, str] | None = None,
) -> tuple[Validated | None, list[Problem]]:
    """Validate ``raw`` against ``spec``; return the typed frame or the problems found."""
    problems: list[Problem] = []
    raw = raw.reset_index(drop=True)  # positions, whatever index the caller's frame had
    rows = pd.Series(np.arange(len(raw)) + first_row, index=raw.index)

    def report(mask: pd.Series, column: str, kind: str, reason: str | pd.Series | Callable[[Any], str]) -> None:
        for idx in mask[mask].index:
            if isinstance(reason, pd.Series):
                text = str(reason[idx])
            elif callable(reason):
                text = reason(idx)
            else:
                text = reason
            problems.append(Problem(file, int(rows[idx]), column, kind, text))

    matched, unknown = match_headers(spec, [str(c) for c in raw.columns])
    seen: dict[str, str] = {}
    for m in matched:
        if m.column.name in seen:
            problems.append(
                Problem(file, 1, m.header, "duplicate column",
                        f"maps to column {m.column.name!r}, like {seen[m.column.name]!r}")
            )
        seen[m.column.name] = m.header
    present = {m.column.name for m in matched}
    for c in spec.columns:
        if c.required and c.name not in present:
            problems.append(Problem(file, 1, c.name, "missing column",
                                    f"required column {c.name!r} ({c.label_zh}) is missing"))
    if problems:
        return None, problems

    units = dict(units or {})
    out = pd.DataFrame(index=raw.index)
    conversions: list[Conversion] = []
    for m in matched:
        col = m.column
        unit = units.pop(col.name, None) or m.unit
        try:
            values, bad, reason, conv = convert_column(col, raw[m.header], unit=unit)
        except InputError as exc:
            problems.append(Problem(file, 1, m.header, "bad unit", str(exc)))
            continue
        if conv is not None:
            conversions.append(conv)
        shown = raw[m.header]
        report(bad, m.header, reason, reason + ": " + shown.map(repr))
        if col.required:
            report(values.isna() & ~bad, m.header, "missing value", "required value is empty")
        if col.nonnegative and col.dtype in ("int", "float"):
            report(values.fillna(0) < 0, m.header, "negative value",
                   values.map(lambda x: f"must not be negative, got {x:g}" if pd.notna(x) else ""))
        for check in col.checks:
            present_mask = values.notna()
            if check == "credit_code":
                def _cc(i: int, v: pd.Series = values) -> str:
                    return credit_code_problem(str(v[i])) or ""
                msgs = values[present_mask].map(lambda x: credit_code_problem(str(x)))
                badcc = pd.Series(False, index=values.index)
                badcc[msgs[msgs.notna()].index] = True
                report(badcc, m.header, "malformed credit code", _cc)
            elif check == "region":
                unknown_mask = present_mask & ~values.isin(set(known.regions))
                report(unknown_mask, m.header, "unknown region", "unknown region code " + values.map(repr))
            elif check == "industry":
                unknown_mask = present_mask & ~values.isin(set(known.industries))
                report(unknown_mask, m.header, "unknown industry",
                       "unknown GB/T 4754 industry code " + values.map(repr))
            elif check == "year":
                yr = pd.to_numeric(values, errors="coerce")
                report(present_mask & ((yr < 1900) | (yr > 2100)), m.header, "bad year",
                       "year " + values.astype(str) + " outside 1900-2100")
            elif check == "fraction":
                report(present_mask & ((values < 0) | (values > 1)), m.header, "out of range",
                       "must be between 0 and 1 (0 %-100 %), got " + values.astype(str))
        out[col.name] = values
    for name in units:
        problems.append(Problem(file, None, name, "bad unit", f"unit given for unknown or absent column {name!r}"))

    key = [k for k in spec.key if k in out.columns]
    if len(key) == len(spec.key) and len(out):
        dup = out.duplicated(subset=key, keep=False)
        if dup.any():
            first_seen = out[dup].groupby(key, dropna=False, sort=False).head(1)
            first_row_of = {
                tuple(r): int(rows[i]) for i, r in zip(first_seen.index, first_seen[key].itertuples(index=False), strict=True)
            }
            later = out.duplicated(subset=key, keep="first")
            report(later, ",".join(key), "duplicate key",
                   lambda i: f"duplicate key {tuple(out.loc[i, key])} (first at row {first_row_of[tuple(out.loc[i, key])]})")
    for c in spec.columns:  # absent optional columns are stored as nulls
        if c.name not in out.columns:
            out[c.name] = empty_column(c, len(out))
    out = out[spec.column_names].reset_index(drop=True)
    # Cross-column rules run on the typed values even when some cells were bad (those are
    # null here), so one import reports every problem; columns are named as in the file.
    header_of = {m.column.name: m.header for m in matched}
    for row_check in spec.row_checks:
        for pos, column, kind, reason in row_check(out):
            shown = ",".join(header_of.get(c, c) for c in column.split(","))
            problems.append(Problem(file, int(pos) + first_row, shown, kind, reason))
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        return None, problems
    return Validated(out, conversions, unknown), []


def empty_column(c: Column, n: int) -> pd.Series:
    """A column of ``n`` nulls with the storage dtype of ``c``."""
    dtype = {"int": "Int64", "float": "float64", "bool": "boolean", "str": object, "date": object}[c.dtype]
    return pd.Series([None] * n, dtype=dtype)
