"""Facts from tables of HTML documents (statistical releases publish their figures as tables).

A table is read as rows of cells (:class:`~xinzhi.intelligence.documents.Table`):

- **Header rows** are the rows before the first row that has a text label followed by a number.
  A column's header joins its header cells (``10月`` + ``同比增长(%)``), repeated across
  ``colspan``.
- **Row label** (the subject) is the first text cell of a row (``其中:`` and indentation removed).
- **Unit**: a ``单位`` / ``Unit`` column gives the row's unit; else the column header's bracket
  (``(亿元)``, ``（%）``); a header saying 增长 / 同比 / growth / increase makes the cell a growth
  rate in percent.
- **Period**: a period written in the column header (``10月``, ``1-10月``, ``2023年``); ``当月`` /
  ``This month`` is the month of the document's period and ``累计`` / ``Accumulated`` its year to
  date; otherwise the document's period (its headline).
- Empty cells (``…``, ``-``, ``—``) are skipped. Every fact carries the document's region and
  publication date, ``kind`` actual, and the row (as written in the document text) as its sentence.
"""

from __future__ import annotations

import datetime as dt
import re

from xinzhi.intelligence.documents import Table
from xinzhi.intelligence.facts import Fact
from xinzhi.intelligence.lexicon import Lexicon
from xinzhi.intelligence.numbers import find_numbers
from xinzhi.intelligence.periods import PeriodMention, find_periods
from xinzhi.intelligence.text import render_row
from xinzhi.intelligence.vocabulary import load_vocabulary

__all__ = ["table_facts"]

_NUM = re.compile(r"^\s*(?P<v>[-−]?\d[\d,]*(?:\.\d+)?)\s*(?P<pct>%|％)?\s*$")
_EMPTY = {"", "…", "...", "-", "—", "--", "/", "－"}
_GROWTH = re.compile(r"增长|增速|增幅|同比|比上年|比去年|±|growth|increase|change|rate", re.IGNORECASE)
_SHARE = re.compile(r"比重|占比|share|proportion", re.IGNORECASE)
_UNIT_IN_HEADER = re.compile(r"[（(]\s*([^（()）]{1,6})\s*[)）]|单位\s*[:：]\s*(\S{1,6})")
_MONTH_ONLY = re.compile(r"当月|本月|this\s+month", re.IGNORECASE)
_YTD = re.compile(r"累计|accumulated|year\s+to\s+date|cumulative", re.IGNORECASE)


def _is_number(cell: str) -> bool:
    return bool(_NUM.match(cell))


def _unit_factor(unit: str) -> tuple[str, float] | None:
    unit = unit.strip()
    if unit in ("%", "％", "百分比"):
        return "fraction", 0.01
    if unit in ("个百分点", "百分点"):
        return "pp", 0.01
    found = find_numbers(f"1{unit}") or find_numbers(f"1 {unit}")
    if found and found[0].unit and found[0].end >= len(f"1{unit}") - 1:
        return found[0].unit, found[0].value
    return None


def table_facts(
    table: Table,
    *,
    document_id: str = "",
    region_code: str | None = None,
    period: PeriodMention | None = None,
    published: dt.date | None = None,
    lexicon: Lexicon | None = None,
) -> list[Fact]:
    """Facts of one table (see the module docstring).

    Parameters
    ----------
    table : Table
        Rows and their offset in the document text.
    region_code : str, optional
        Region of the document (its headline or publisher).
    period : PeriodMention, optional
        Period of the document (its headline): the period of columns that name none.
    published : datetime.date, optional
        Publication date, carried by every fact and used to resolve the columns' periods.

    Examples
    --------
    >>> from xinzhi.intelligence.documents import Table
    >>> t = Table(0, (("指标", "10月", "1-10月"), ("", "同比增长(%)", "同比增长(%)"), ("规模以上工业增加值", "7.8", "6.7")))
    >>> [(f.subject, f.value, f.unit, f.measure, f.period) for f in table_facts(t, published=dt.date(2024, 11, 19))]
    [('规模以上工业增加值', 0.078, 'fraction', 'growth', '2024-10'), ('规模以上工业增加值', 0.067, 'fraction', 'growth', '2024-01~10')]
    """
    from xinzhi.intelligence.facts import _lexicon_code
    from xinzhi.intelligence.lexicon import load_lexicon

    lex = lexicon or load_lexicon()
    vocab = load_vocabulary()
    rows = [[c.strip() for c in r] for r in table.rows]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    first_value = next((i for i, r in enumerate(rows)
                        if r[0] and not _is_number(r[0]) and any(_is_number(c) for c in r[1:])), None)
    if first_value is None:
        return []
    headers = rows[:first_value]
    col_header = []
    for j in range(width):
        parts: list[str] = []
        for h in headers:
            if h[j] and (not parts or parts[-1] != h[j]):
                parts.append(h[j])
        col_header.append(" ".join(parts))
    unit_col = next((j for j, h in enumerate(col_header) if re.search(r"单位|\bunit\b", h, re.IGNORECASE)), None)
    pub = published.isoformat() if published else None
    zh = bool(re.search(r"[\u4e00-\u9fff]", " ".join(col_header + [r[0] for r in rows])))
    out: list[Fact] = []
    offset = table.start
    line_starts = []
    for r in table.rows:
        line_starts.append(offset)
        offset += len(render_row(list(r))) + 1
    for i in range(first_value, len(rows)):
        row = rows[i]
        label = re.sub(r"^(?:其中|of\s+which)\s*[:：]\s*", "", row[0], flags=re.IGNORECASE).strip()
        if not label or _is_number(label):
            continue
        lm = _UNIT_IN_HEADER.search(label)
        row_unit = ""
        if lm and _unit_factor(lm.group(1) or lm.group(2) or ""):
            row_unit = lm.group(1) or lm.group(2) or ""
            label = label[: lm.start()].strip()
        line = render_row(list(table.rows[i]))
        cursor = 0
        for j in range(1, width):
            cell = row[j]
            if j == unit_col or cell in _EMPTY or not _is_number(cell):
                continue
            m = _NUM.match(cell)
            assert m is not None
            raw = float(m.group("v").replace(",", "").replace("−", "-"))
            header = col_header[j]
            unit_text = row[unit_col] if unit_col is not None else row_unit
            hm = _UNIT_IN_HEADER.search(header)
            if not unit_text and hm:
                unit_text = hm.group(1) or hm.group(2) or ""
            if m.group("pct"):
                unit_text = "%"
            measure = "growth" if _GROWTH.search(header) else "share" if _SHARE.search(header) else "level"
            if measure == "growth":
                unit_text = "%"
            uf = _unit_factor(unit_text) if unit_text else None
            if uf is None:
                if measure == "level" and not unit_text:
                    continue  # a level without unit is not readable
                uf = ("fraction", 0.01) if unit_text in ("%", "％") else (unit_text, 1.0)
            unit, factor = uf
            if unit == "fraction" and measure == "level" and _SHARE.search(label):
                measure = "share"
            value = float(f"{raw * factor:.12g}")
            col_period = _column_period(header, period, published)
            pos = line.find(cell, cursor)
            cursor = pos + len(cell) if pos >= 0 else cursor
            start = line_starts[i] + max(pos, 0)
            code = _lexicon_code(lex, label, measure, unit, zh)
            out.append(Fact(
                document_id=document_id, value_start=start, value_end=start + len(cell),
                sentence_start=line_starts[i], sentence_end=line_starts[i] + len(line),
                region_code=region_code, region_text=None, indicator=code or label, subject=label,
                measure=measure, sector=vocab.sector(label), product=vocab.product(label),
                value=value, unit=unit, qualifier=None,
                period=col_period.canonical if col_period else None,
                year=col_period.year if col_period else None,
                month_from=col_period.month_from if col_period else None,
                month_to=col_period.month_to if col_period else None,
                kind="actual", published=pub, value_text=cell, sentence=line,
            ))
    return out


def _column_period(header: str, period: PeriodMention | None, published: dt.date | None) -> PeriodMention | None:
    """Period of a column: written in its header, else derived from the document's period."""
    year = period.year if period is not None else (published.year if published else None)
    header_norm = re.sub(r"^(\d{1,2})\s*$", r"\1月", header.strip())
    header_norm = re.sub(r"(?<![\d年])(\d{1,2})\s*[-—–~]\s*(\d{1,2})(?![\d月])", r"\1-\2月", header_norm)
    found = [p for p in find_periods(header_norm, default_year=year, reference=published) if p.year is not None]
    if found:
        return found[0]
    if period is None or period.year is None:
        return None
    if _MONTH_ONLY.search(header):
        m = period.month_to
        return PeriodMention(0, 0, header, period.year, m, m)
    if _YTD.search(header):
        return PeriodMention(0, 0, header, period.year, 1, period.month_to)
    return period
