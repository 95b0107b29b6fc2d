"""Numbers and words as people read them, from the column metadata of :mod:`xinzhi.web.columns`.

One place turns a frame into what a person sees, for every surface:

- :func:`present` — web tables: translated headers with units and tooltips, display text and a
  sort key per cell, which columns can be filtered;
- :func:`for_file` — exports for people (CSV/Excel from the dashboard, ``--out`` of the CLI with
  ``--headers``): translated headers with units, money in the header's unit, percentages as
  numbers of percent, category values translated, internal columns dropped;
- :func:`cell` and :func:`header` — single values and headers (CLI tables, cards);
- :func:`axis` and :func:`scaled` — chart axes in the same units.

Rules: percentages with one decimal (``7.1%``); money in 亿元 (regions, clusters, projects) or
万元 (firms) with the unit in the header; counts and ranks as integers with thousands separators;
indices with two decimals, scores with one; years without separators; never more than four
decimals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from xinzhi.web.columns import COLUMNS, NUMERIC_KINDS, TABLE_SPECS, Col, TableSpec
from xinzhi.web.glossary import tip as glossary_tip
from xinzhi.web.i18n import VALUES, value_text
from xinzhi.web.phrases import localise_reasons

#: money units: factor from 万元, Chinese and English header text
MONEY = {"yi": (1e-4, "亿元", "100M yuan"), "wan": (1.0, "万元", "10k yuan")}
#: units of ``measure`` rows that are fractions (shown as percentages)
FRACTION_UNITS = frozenset({"比例", "%", "fraction", "ratio", "share"})
_NO_SPEC = TableSpec()


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(v, float) and math.isnan(v)


@cache
def _schema_columns() -> dict[str, Col]:
    """Columns of the workspace tables that :data:`COLUMNS` does not name (their Chinese label
    from the table spec, a kind from the quantity or type)."""
    from xinzhi.schema import TABLES

    out: dict[str, Col] = {}
    for spec in TABLES.values():
        for c in spec.columns:
            if c.name in out:
                continue
            kind = {"money": "money", "area": "area", "count": "count", "people": "count", "ratio": "pct"}.get(
                c.quantity or "", {"int": "count", "bool": "flag", "date": "date"}.get(c.dtype, "text"))
            if c.name.endswith("_year"):
                kind = "year"
            out[c.name] = Col(kind, c.label_zh, c.name.replace("_", " ").capitalize(), unit="亩" if kind == "area" else None)
    return out


def table_spec(table: str | None) -> TableSpec:
    return TABLE_SPECS.get(table or "", _NO_SPEC)


#: named tables recognised by their columns (tables printed by the CLI carry no name)
SHAPES = (("opportunities", {"density", "distance", "pci", "cog"}), ("chain_coverage", {"relative_strength", "stage"}),
          ("targets", {"target_id", "rule"}), ("projects", {"project_id", "completion"}),
          ("clusters", {"cluster_code", "tier"}), ("alerts", {"severity", "reason"}),
          ("ranking", {"rank_before", "rank_change"}))


def guess_table(columns: Iterable[str]) -> str | None:
    """The named table whose characteristic columns ``columns`` holds, if any."""
    cols = set(map(str, columns))
    return next((name for name, need in SHAPES if need <= cols), None)


def column(name: str, spec: TableSpec | None = None) -> Col:
    """Metadata of column ``name`` (table override, then :data:`COLUMNS`, then the schema)."""
    if spec is not None:
        for n, c in spec.override:
            if n == name:
                return c
    known = COLUMNS.get(name) or _schema_columns().get(name)
    if known is not None:
        return known
    if name.startswith("is_") or name.startswith("has_"):
        return Col("flag", name, name.replace("_", " ").capitalize())
    return Col("auto", name, name.replace("_", " ").capitalize())


def money_unit(money: str, lang: str) -> str:
    _, zh, en = MONEY[money]
    return zh if lang == "zh" else en


def plain(name: str, lang: str, *, spec: TableSpec | None = None) -> str:
    """The label of column ``name`` without its unit (chart legends; :func:`axis` adds the unit)."""
    col = column(name, spec)
    return col.zh if lang == "zh" else col.en


#: English of the units of ``area`` columns and of the parts of a rulebook's compound units (万元/亩)
UNITS_EN = {"亩": "mu", "吨标煤": "tce", "万千瓦时": "10k kWh", "吨": "t", "万元": "10k yuan", "元": "yuan",
            "亿元": "100M yuan", "人": "person", "千瓦时": "kWh"}


def unit_text(unit: str, lang: str) -> str:
    """A rulebook unit as a page shows it: ``ratio`` as ``%``; in English each part of a compound
    unit translated (万元/亩 → 10k yuan/mu), a part without a translation kept as written."""
    if unit == "ratio":
        return "%"
    if lang == "zh" or not unit:
        return unit
    return "/".join(UNITS_EN.get(part, part) for part in unit.split("/"))


def header(name: str, lang: str, *, spec: TableSpec | None = None, money: str | None = None,
           file: bool = False) -> str:
    """The header of column ``name``: its label and, for money and land, the unit (for files also
    ``%`` after percentage columns, whose cells are then plain numbers)."""
    col = column(name, spec)
    base = col.zh if lang == "zh" else col.en
    unit = ""
    if col.kind == "money":
        unit = money_unit(money or (spec.money if spec else "yi"), lang)
    elif col.kind == "area" and col.unit:
        unit = unit_text(col.unit, lang)
    elif col.kind == "pct" and file:
        unit = "%"
    if not unit:
        return base
    return f"{base}（{unit}）" if lang == "zh" else f"{base} ({unit})"


def _num(v: Any) -> float | None:
    if _missing(v) or isinstance(v, str):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _amount(x: float) -> str:
    """A measured amount: separators, no decimals from 1,000, one from 100, else two."""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:,.1f}"
    return f"{x:.2f}"


def _plain(x: float) -> str:
    """A number of unknown kind: whole numbers as integers, else at most four decimals."""
    if float(x).is_integer():
        return f"{int(x):,}" if abs(x) >= 10_000 or not (1900 <= abs(x) <= 2100) else str(int(x))
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:,.2f}"
    return f"{x:.3g}" if abs(x) >= 1e-4 else f"{x:.4f}"


def cell(value: Any, col: Col, lang: str, *, money: str = "yi", unit: Any = None) -> str:
    """The text of one value of column ``col``."""
    text = _cell(value, col, lang, money=money, unit=unit)
    if text.startswith("-") and not any(ch in "123456789" for ch in text):  # "-0.00" rounds to zero
        return text[1:]
    return text


def _cell(value: Any, col: Col, lang: str, *, money: str, unit: Any) -> str:
    kind = col.kind
    if isinstance(value, (list, tuple)):
        return "; ".join(str(x) for x in value)
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) > 0:
        return "; ".join(str(x) for x in value.tolist())
    if kind == "category":
        if _missing(value) or value == "":
            none = VALUES.get(col.vocab or "", {}).get("none")
            return (none[0] if lang == "zh" else none[1]) if none and col.vocab == "class" else ""
        return value_text(lang, col.vocab, value)
    if _missing(value):
        return ""
    if kind == "flag":
        truthy = bool(value) if not isinstance(value, str) else value.lower() in ("true", "1", "yes", "是")
        return "✓" if truthy else ""
    if kind in ("text", "quote", "code", "hidden") or (kind == "auto" and isinstance(value, str)):
        return str(value)
    if kind == "auto" and isinstance(value, bool):
        return "✓" if value else ""
    if kind in ("date", "month"):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m" if kind == "month" else "%Y-%m-%d")
        return str(value)[:10]
    x = _num(value)
    if x is None:
        return str(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if kind == "year":
        return str(round(x))
    if kind in ("count", "rank"):
        return f"{round(x):,}"
    if kind == "pct":
        return f"{100 * x:,.1f}%"
    if kind == "money":
        f = MONEY[money][0]
        y = x * f
        if money == "yi":
            return f"{y:,.2f}" if abs(y) < 1000 else f"{y:,.1f}"
        return _amount(y)
    if kind == "area":
        return _amount(x)
    if kind == "index":
        return f"{x:,.2f}"
    if kind == "score":
        return f"{x:,.1f}"
    if kind == "points":
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    if kind == "measure":
        if str(unit) in FRACTION_UNITS:
            return f"{100 * x:.1f}%"
        return _amount(x)
    return _plain(x)


def file_value(value: Any, col: Col, lang: str, *, money: str = "yi", unit: Any = None) -> Any:
    """The value of one cell in a file for people: numbers stay numbers (in the header's unit,
    rounded as shown), categories and flags become words."""
    kind = col.kind
    if isinstance(value, (list, tuple)):
        return "; ".join(str(x) for x in value)
    if kind == "category":
        return cell(value, col, lang, money=money)
    if _missing(value):
        return None
    if kind == "flag":
        return ("是" if lang == "zh" else "yes") if cell(value, col, lang) else ("否" if lang == "zh" else "no")
    if kind in ("text", "quote", "code", "date", "month", "hidden") or isinstance(value, str):
        return cell(value, col, lang)
    x = _num(value)
    if x is None or math.isinf(x):
        return str(value)
    if kind in ("year", "count", "rank"):
        return round(x)
    if kind == "pct":
        return round(100 * x, 1)
    if kind == "money":
        return round(x * MONEY[money][0], 2 if money == "yi" else 1)
    if kind in ("area", "index"):
        return round(x, 2)
    if kind == "score":
        return round(x, 1)
    if kind == "points":
        return round(x, 2)
    if kind == "measure":
        return round(100 * x, 2) if str(unit) in FRACTION_UNITS else round(x, 2)
    return round(x, 4)


# ---------------------------------------------------------------- tables
@dataclass
class ShownColumn:
    name: str
    header: str
    kind: str
    numeric: bool
    tip: str = ""
    tip_key: str | None = None
    filter_values: list[str] = field(default_factory=list)


@dataclass
class ShownTable:
    """A frame ready for a page: columns (in order) and rows of ``(text, sort key)`` cells."""

    columns: list[ShownColumn]
    rows: list[list[tuple[str, str]]]
    raw: list[dict[str, Any]]  # the original values of the shown rows (for links)
    total: int


def ordered_columns(columns: Iterable[str], spec: TableSpec, *, keep_hidden: bool = False,
                    lang: str | None = None) -> list[str]:
    """Columns in display order: the spec's key columns first, then the others; hidden ones
    (kind ``hidden`` or listed in the spec) dropped, and with ``lang`` the other language's twin
    of a column (``indicator_en`` on a Chinese page, ``name_en`` too)."""
    cols = [str(c) for c in columns]
    if lang is not None:
        other = "_en" if lang == "zh" else "_zh"
        mine = "_zh" if lang == "zh" else "_en"
        cols = [c for c in cols if not (c.endswith(other) and (c[:-3] + mine in cols or c == "name_en"))]
    first = [c for c in spec.first if c in cols]
    rest = [c for c in cols if c not in first]
    out = first + rest
    if keep_hidden:
        return out
    return [c for c in out if c not in spec.hide and column(c, spec).kind != "hidden"]


def _sort_key(value: Any, col: Col, text: str, numeric: bool = False) -> str:
    x = _num(value) if numeric or col.kind in NUMERIC_KINDS else None
    if col.kind == "flag":
        return "1" if text else "0"
    if x is not None and not math.isnan(x):
        return repr(x)
    if col.kind in ("date", "month"):
        return text
    return text


def present(frame: Any, *, lang: str, table: str | None = None, spec: TableSpec | None = None,
            max_rows: int | None = None, filter_limit: int = 12,
            region_names: Mapping[str, str] | None = None) -> ShownTable:
    """``frame`` as a table for a page (see :class:`ShownTable`); ``region_names`` maps Chinese
    region names to the page's rendering (``Chengdu 成都市`` on English pages)."""
    spec = spec or table_spec(table)
    names = ordered_columns(frame.columns, spec, lang=lang)
    units = frame["unit"].tolist() if "unit" in frame.columns else None
    part = frame if max_rows is None else frame.head(max_rows)
    part = localise_reasons(part, lang)
    shown_cols: list[ShownColumn] = []
    texts: dict[str, list[str]] = {}
    keys: dict[str, list[str]] = {}
    import pandas as pd

    declared = dict(getattr(frame, "attrs", {}).get("kinds", {}))  # kinds of already-translated headers
    for name in names:
        col = column(name, spec)
        if col.kind == "auto" and name in declared:  # "region": names of regions; else a kind
            kind = declared[name]
            col = Col("text", name, name, region=True) if kind == "region" else Col(kind, name, name)
        values = part[name].tolist()
        numeric = (col.kind in NUMERIC_KINDS and col.kind != "year") or (
            col.kind == "auto" and pd.api.types.is_numeric_dtype(part[name]) and not pd.api.types.is_bool_dtype(part[name]))
        t = [cell(v, col, lang, money=spec.money, unit=units[i] if units else None) for i, v in enumerate(values)]
        if col.region and region_names:
            t = [region_names.get(s, s) for s in t]
        texts[name] = t
        keys[name] = [_sort_key(v, col, s, numeric) for v, s in zip(values, t, strict=True)]
        filt: list[str] = []
        if col.kind in ("category", "flag"):
            distinct = sorted({s for s in t if s}) if col.kind == "category" else ["✓"]
            if 1 < len(distinct) <= filter_limit or (col.kind == "flag" and any(t) and not all(t)):
                filt = distinct
        shown_cols.append(ShownColumn(name, header(name, lang, spec=spec), col.kind, numeric,
                                      glossary_tip(lang, col.tip), col.tip, filt))
    rows = [[(texts[n][i], keys[n][i]) for n in names] for i in range(len(part))]
    raw = part.to_dict("records")
    return ShownTable(shown_cols, rows, raw, len(frame))


def for_file(frame: Any, *, lang: str, table: str | None = None, spec: TableSpec | None = None,
             region_names: Mapping[str, str] | None = None) -> Any:
    """``frame`` as a file for people (see the module docstring); a new frame."""
    import pandas as pd

    spec = spec or table_spec(table)
    names = ordered_columns(frame.columns, spec, lang=lang)
    units = frame["unit"].tolist() if "unit" in frame.columns else None
    frame = localise_reasons(frame, lang)
    out: dict[str, list[Any]] = {}
    for name in names:
        col = column(name, spec)
        h = header(name, lang, spec=spec, file=True)
        while h in out:
            h = f"{h} "
        values = [file_value(v, col, lang, money=spec.money, unit=units[i] if units else None)
                  for i, v in enumerate(frame[name].tolist())]
        if col.region and region_names:
            values = [region_names.get(v, v) if isinstance(v, str) else v for v in values]
        out[h] = values
    return pd.DataFrame(out)


# ---------------------------------------------------------------- charts
def scaled(values: Any, kind: str, *, money: str = "yi") -> Any:
    """Values of a ``kind`` column in the unit its axis shows (money in 亿元 or 万元, fractions
    in percent)."""
    if kind == "money":
        return values * MONEY[money][0]
    if kind == "pct":
        return values * 100
    return values


def axis(kind: str, lang: str, *, money: str = "yi", title: str = "") -> dict[str, Any]:
    """Plotly axis settings for a ``kind`` axis (values from :func:`scaled`): separators instead of
    SI suffixes, the unit in the title, hover values rounded like table cells."""
    fmt = {"money": ",.2f" if money == "yi" else ",.0f", "pct": ".1f", "index": ".2f", "score": ".1f",
           "count": ",d", "rank": "d", "area": ",.0f"}.get(kind, ",")
    tick = ","  # grouped digits, never SI suffixes ("80M" on a 万元 scale reads as 80 million 万元)
    unit = {"money": money_unit(money, lang), "pct": "%", "area": "亩" if lang == "zh" else "mu"}.get(kind, "")
    text = f"{title}（{unit}）" if unit and lang == "zh" and title else (f"{title} ({unit})" if unit and title else title)
    out: dict[str, Any] = {"tickformat": tick, "hoverformat": fmt, "title": {"text": text}}
    if kind == "pct":
        out["ticksuffix"] = "%"
    return out


def labels(lang: str, names: Iterable[str], *, money: str = "yi") -> Mapping[str, str]:
    """Headers of several columns (legend entries of charts)."""
    return {n: header(n, lang, money=money) for n in names}
