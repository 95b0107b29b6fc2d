"""Validation of a raw frame against a table spec: types, units, required values, ranges,
credit codes, known region and industry codes, duplicate keys.

Everything is checked before anything is written; the result is either a typed frame in
canonical units or a list of :class:`~xinzhi.errors.Problem` naming file, row, column and reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from xinzhi.credit_code import credit_code_problem
from xinzhi.errors import InputError, Problem
from xinzhi.schema.base import Column, TableSpec
from xinzhi.units import CANONICAL, Conversion, factor
from xinzhi.workspace.headers import match_headers
from xinzhi.workspace.neutralise import is_formula_like

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


_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # tab, line and page breaks are text
#: quantities that count whole things (people, firms, patents)
WHOLE_QUANTITIES = ("people", "count")
YEARS = (1900, 2100)


def _nfkc(text: pd.Series) -> pd.Series:
    """Full-width digits, commas and signs (１２３，４５６) as ASCII, for non-ASCII cells only."""
    return text.map(lambda t: unicodedata.normalize("NFKC", t) if not t.isascii() else t)


def _to_number(s: pd.Series, *, percent_ok: bool) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse numbers; returns (values, bad mask, reason of each bad cell).

    Accepts ``1234.5``, ``1,234.5`` (commas only between groups of three digits) and, for
    ratios, ``12.5%``. Refuses ``1234,5`` (a decimal comma or a typo: ambiguous), ``inf``,
    ``nan`` and numbers too large for a float (``1e400``).
    """
    reasons = pd.Series("", index=s.index, dtype=object)
    if pd.api.types.is_bool_dtype(s):
        s = s.astype(float)
    if pd.api.types.is_numeric_dtype(s):
        v = pd.to_numeric(s, errors="coerce").astype(float)
        inf = pd.Series(np.isinf(v.fillna(0.0)), index=s.index)
        _say(reasons, inf, s, "not a finite number: {!r}")
        return v.where(~inf), inf, reasons
    blank = _blank(s)
    text = _nfkc(s.astype(str).str.strip())
    has_comma = text.str.contains(",", regex=False)
    grouped = text.str.match(_GROUPED)
    bad_comma = has_comma & ~grouped & ~blank
    text = text.where(~grouped, text.str.replace(",", "", regex=False))
    pct = text.str.endswith("%") if percent_ok else pd.Series(False, index=s.index)
    text = text.where(~pct, text.str[:-1])
    v = pd.to_numeric(text.where(~bad_comma), errors="coerce").astype(float)
    v = v.where(~pct, v / 100.0)
    inf = pd.Series(np.isinf(v.fillna(0.0)), index=s.index)
    bad = (v.isna() & ~blank) | inf
    _say(reasons, bad, s, "not a number: {!r}")
    _say(reasons, inf, s, "not a finite number: {!r}")
    _say(reasons, bad_comma, s, "ambiguous comma in {!r}: write a decimal point (1234.5); a comma may "
                                "only group thousands (1,234.5)")
    bad = bad | bad_comma
    return v.where(~bad), bad, reasons


def _say(reasons: pd.Series, mask: pd.Series, values: pd.Series, template: str) -> None:
    """Set the reason of each cell in ``mask`` to ``template`` formatted with its value."""
    if mask.any():
        reasons[mask] = [template.format(v) for v in values[mask]]


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


_YMD = (
    # 2024-03-05, 2024/3/5, 2024.03.05, optionally with a time of day (which is dropped)
    re.compile(r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
               r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),  # 20240305
    re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]$"),  # 2024年3月5日
)
_DAY_OR_MONTH_FIRST = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")


def parse_date(text: str) -> tuple[date | None, str | None]:
    """One date written year first: ``2024-03-05``, ``2024/3/5``, ``2024.03.05``, ``20240305``
    or ``2024年3月5日``; returns (date, None) or (None, reason).

    ``05/03/2024`` is refused: it is the 5th of March in China and Europe and the 3rd of May
    in the United States, and nothing in the file says which was meant. Years outside
    1900-2100 (``0024-03-05``, a typo for 2024) are refused too.
    """
    t = unicodedata.normalize("NFKC", text).strip()
    for pattern in _YMD:
        m = pattern.match(t)
        if m:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if not YEARS[0] <= y <= YEARS[1]:
                return None, f"year {m.group('y')} in {text!r} is outside {YEARS[0]}-{YEARS[1]}"
            try:
                return date(y, mo, d), None
            except ValueError:
                return None, f"no such day: {text!r}"
    if _DAY_OR_MONTH_FIRST.match(t):
        return None, (f"ambiguous date {text!r} (day or month first?): write the year first, "
                      "as 2024-03-05 or 2024年3月5日")
    return None, f"not a date (YYYY-MM-DD or 2024年3月5日): {text!r}"


def _to_date(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    blank = _blank(s)
    values = pd.Series([None] * len(s), index=s.index, dtype=object)
    reasons = pd.Series("", index=s.index, dtype=object)
    bad = pd.Series(False, index=s.index)
    cache: dict[Any, tuple[date | None, str | None]] = {}
    for i, v in s[~blank].items():
        if v not in cache:
            if isinstance(v, (datetime, pd.Timestamp)):
                v_date = v.date()
                cache[v] = (v_date, None) if YEARS[0] <= v_date.year <= YEARS[1] else \
                    (None, f"year {v_date.year} is outside {YEARS[0]}-{YEARS[1]}")
            elif isinstance(v, date):
                cache[v] = (v, None) if YEARS[0] <= v.year <= YEARS[1] else \
                    (None, f"year {v.year} is outside {YEARS[0]}-{YEARS[1]}")
            else:
                cache[v] = parse_date(str(v))
        d, why = cache[v]
        if why is None:
            values[i] = d
        else:
            bad[i] = True
            reasons[i] = why
    return values, bad, reasons


def _to_str(s: pd.Series, col: Column) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text, stripped, with an export's formula-neutralising apostrophe taken off. Control
    characters (NUL and the like) and text longer than the column's ``max_length`` are refused."""
    out = s.astype(object).where(~_blank(s), None)
    out = out.map(lambda v: None if v is None else _unneutralise(str(v).strip()))
    reasons = pd.Series("", index=s.index, dtype=object)
    present = out.notna()
    text = out[present].astype(str)
    control = text.str.contains(_CONTROL)
    too_long = text.str.len() > col.max_length
    for i in control[control].index:
        ch = _CONTROL.search(str(out[i]))
        assert ch is not None
        reasons[i] = f"contains the control character U+{ord(ch.group()):04X}{' (NUL)' if ch.group() == chr(0) else ''}"
    for i in too_long[too_long].index:
        reasons[i] = f"too long: {len(str(out[i])):,} characters (at most {col.max_length:,})"
    bad = pd.Series(False, index=s.index)
    bad[control[control].index] = True
    bad[too_long[too_long].index] = True
    return out.where(~bad, None), bad, reasons


def _unneutralise(text: str) -> str:
    """Take off the apostrophe an export put before text a spreadsheet would run as a formula
    (:mod:`xinzhi.workspace.neutralise`), so that an exported table imports back unchanged."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def convert_column(
    col: Column, s: pd.Series, *, unit: str | None
) -> tuple[pd.Series, pd.Series, str, Conversion | None, pd.Series]:
    """Convert one column to its storage type and canonical unit.

    Returns (values, bad mask, kind of the bad cells, conversion applied, reason per bad cell).
    """
    conversion = None
    if col.dtype in ("int", "float"):
        v, bad, reasons = _to_number(s, percent_ok=col.quantity == "ratio")
        kind = "not a number"
        if unit is not None:
            if col.quantity is None:
                raise InputError(f"column {col.name!r} has no unit, but the header gives {unit!r}")
            f = factor(col.quantity, unit)
            if f != 1.0:
                v = v * f
            conversion = Conversion(col.name, unit, CANONICAL[col.quantity], f)
        if col.dtype == "int" or col.quantity in WHOLE_QUANTITIES:
            rounded = v.round()
            frac = v.notna() & ((v - rounded).abs() > 1e-9 * np.maximum(1.0, v.abs())) & ~bad
            if frac.any():
                kind = "not a whole number"
                what = f" ({col.quantity} are counted in whole numbers)" if col.quantity in WHOLE_QUANTITIES else ""
                _say(reasons, frac, s, "not a whole number: {!r}" + what)
            v = rounded.where(~frac)
            bad = bad | frac
        if col.dtype == "int":
            return v.astype("Int64"), bad, kind, conversion, reasons
        return v.astype("float64"), bad, kind, conversion, reasons
    if col.dtype == "bool":
        v, bad = _to_bool(s)
        reasons = pd.Series("", index=s.index, dtype=object)
        _say(reasons, bad, s, "not yes/no (是/否, true/false, 1/0): {!r}")
        return v, bad, "not yes/no", None, reasons
    if col.dtype == "date":
        v, bad, reasons = _to_date(s)
        return v, bad, "not a date", None, reasons
    v, bad, reasons = _to_str(s, col)
    return v, bad, "bad text", None, reasons


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
            values, bad, kind, conv, reasons = convert_column(col, raw[m.header], unit=unit)
        except InputError as exc:
            problems.append(Problem(file, 1, m.header, "bad unit", str(exc)))
            continue
        if conv is not None:
            conversions.append(conv)
        report(bad, m.header, kind, reasons)
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
