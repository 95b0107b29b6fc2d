"""Reporting periods in text: years, quarters, months, year-to-date ranges and target years.

A period is held as a year and a month range (``month_from``..``month_to``) and written in one
canonical string:

=====================  ============================  ==============
text                   months                        canonical
=====================  ============================  ==============
2023年, in 2023        1..12                         ``2023``
一季度, Q1 2024         1..3                          ``2024Q1``
上半年, first half       1..6                          ``2024-01~06``
前三季度                 1..9                          ``2023-01~09``
1—11月, January-Nov.    1..11                         ``2024-01~11``
2024年11月               11..11                        ``2024-11``
到2027年, by 2027        1..12, ``target``             ``2027``
=====================  ============================  ==============

Ranges without a year (``1—11月``, "the January-November period") take the nearest year
written before them in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["PeriodMention", "canonical_period", "find_periods"]

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS_EN)}
_ZH_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9, "十": 10, "十一": 11, "十二": 12}
_ZH_YEAR_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11}

_ZH_M = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR_ZH = r"(?P<y>(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})\s*年"
_MON_EN = r"(?:" + "|".join(m for m in _MONTHS_EN) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"

_ZH_RE = re.compile(
    rf"""
    (?=[到至力争计\d〇零一二三四五六七八九十两前上下第底末全])
    (?P<target>(?:(?<!截)至|到|力争到?|争取到?|计划到)\s*)?
    (?:{_YEAR_ZH}(?:的)?)?
    (?:
       (?P<ytd3>前三季度)
      |(?P<h1>上半年)|(?P<h2>下半年)
      |(?:第)?(?P<q>[一二三四1-4])季度
      |前(?P<qn>[一二三两])个?季度
      |(?P<m1>{_ZH_M})\s*(?:月份?)?\s*[—–\-~～至到]\s*(?P<m2>{_ZH_M})\s*月(?:份)?(?![\d一二三四五六七八九十]+日)
      |(?P<mon>{_ZH_M})\s*月(?:份|底|末)?(?![\d一二三四五六七八九十]*[日号])
      |(?P<yend>底|末|全年)
    )?
    (?P<before>前|以前)?
    """,
    re.VERBOSE,
)

_EN_RE = re.compile(
    rf"""
    (?P<by>\b(?i:by|before)\s+(?:the\s+end\s+of\s+)?)?
    (?:
       (?:the\s+)?first\s+(?P<qn>three|two)\s+quarters(?:\s+of)?(?:\s+(?P<y1>(?:19|20)\d\d))?
      |(?:the\s+)?first\s+(?P<mn>\w+|\d+)\s+months(?:\s+of)?(?:\s+(?P<y2>(?:19|20)\d\d))?
      |(?:the\s+)?(?P<half>first|second)\s+half(?:\s+of)?(?:\s+(?P<y3>(?:19|20)\d\d))?
      |(?:the\s+)?(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?(?:\s+(?P<y4>(?:19|20)\d\d))?
      |\bQ(?P<qq>[1-4])\s*(?P<y5>(?:19|20)\d\d)?
      |(?:from\s+)?(?P<ma>{_MON_EN})\s*(?:-|–|—|to|through)\s*(?P<mb>{_MON_EN})(?:\s+period)?(?:,?\s+(?:of\s+)?(?P<y6>(?:19|20)\d\d))?
      |(?P<mon>{_MON_EN})(?:,?\s+(?P<y7>(?:19|20)\d\d))
      |(?<=\bin\s)(?P<mon2>{_MON_EN})\b
      |(?:the\s+end\s+of\s+)?\b(?P<y8>(?:19|20)\d\d)\b(?!\s*(?:yuan|percent|%|units))
    )
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class PeriodMention:
    """A period found in text.

    ``year`` is ``None`` until resolved from the document (``1—11月`` alone).
    ``target`` is true for deadlines (到2027年, by 2027).
    """

    start: int
    end: int
    text: str
    year: int | None
    month_from: int
    month_to: int
    target: bool = False

    @property
    def canonical(self) -> str | None:
        return canonical_period(self.year, self.month_from, self.month_to)


def canonical_period(year: int | None, month_from: int, month_to: int) -> str | None:
    """Canonical period string (see the module table).

    >>> canonical_period(2024, 1, 11), canonical_period(2024, 7, 9), canonical_period(2023, 1, 12)
    ('2024-01~11', '2024Q3', '2023')
    """
    if year is None:
        return None
    if (month_from, month_to) == (1, 12):
        return str(year)
    if month_from == month_to:
        return f"{year}-{month_from:02d}"
    if month_to - month_from == 2 and month_from % 3 == 1:
        return f"{year}Q{(month_from + 2) // 3}"
    return f"{year}-{month_from:02d}~{month_to:02d}"


def _zh_month(s: str) -> int:
    return int(s) if s.isdigit() else _ZH_NUM[s]


def _zh_year(s: str) -> int:
    return int("".join(_ZH_YEAR_DIGITS.get(c, c) for c in s))


def _en_month(s: str) -> int:
    return _MONTH_ABBR[s.rstrip(".")[:3]]


def _find_zh(text: str) -> list[PeriodMention]:
    out = []
    for m in _ZH_RE.finditer(text):
        g = m.groupdict()
        sub = any(g[k] for k in ("ytd3", "h1", "h2", "q", "qn", "m1", "mon", "yend"))
        if not g["y"] and (not sub or g["yend"]):
            continue
        year = _zh_year(g["y"]) if g["y"] else None
        mf, mt = 1, 12
        if g["ytd3"]:
            mt = 9
        elif g["h1"]:
            mt = 6
        elif g["h2"]:
            mf = 7
        elif g["q"]:
            q = _zh_month(g["q"])
            mf, mt = 3 * q - 2, 3 * q
        elif g["qn"]:
            mt = 3 * _zh_month(g["qn"])
        elif g["m1"]:
            mf, mt = _zh_month(g["m1"]), _zh_month(g["m2"])
        elif g["mon"]:
            if year is None and m.end() < len(text) and text[m.end()].isdigit():
                continue
            mf = mt = _zh_month(g["mon"])
        target = bool(g["target"] and g["y"]) or bool(g["before"] and g["y"])
        start = m.start() if g["target"] and g["y"] else m.start("y") if g["y"] else m.start()
        out.append(PeriodMention(start, m.end(), text[start : m.end()], year, mf, mt, target))
    return out


def _find_en(text: str) -> list[PeriodMention]:
    out = []
    for m in _EN_RE.finditer(text):
        g = m.groupdict()
        year_s = next((g[k] for k in ("y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8") if g[k]), None)
        year = int(year_s) if year_s else None
        mf, mt = 1, 12
        if g["qn"]:
            mt = 9 if g["qn"] == "three" else 6
        elif g["mn"]:
            n = _EN_COUNT.get(g["mn"].lower()) or (int(g["mn"]) if g["mn"].isdigit() else None)
            if n is None or not 1 <= n <= 12:
                continue
            mt = n
        elif g["half"]:
            mf, mt = (1, 6) if g["half"] == "first" else (7, 12)
        elif g["qord"] or g["qq"]:
            q = _ORD[g["qord"].lower()] if g["qord"] else int(g["qq"])
            mf, mt = 3 * q - 2, 3 * q
        elif g["ma"]:
            mf, mt = _en_month(g["ma"]), _en_month(g["mb"])
        elif g["mon"] or g["mon2"]:
            mf = mt = _en_month(g["mon"] or g["mon2"])
        # "by 2027" is a deadline; "by the end of June 2024" dates a stock
        target = bool(g["by"]) and year is not None and mf == 1 and mt == 12
        out.append(PeriodMention(m.start(), m.end(), m.group(0), year, mf, mt, target))
    return out


def find_periods(text: str, *, default_year: int | None = None) -> list[PeriodMention]:
    """Period mentions in ``text`` in order, with missing years filled from earlier mentions.

    Parameters
    ----------
    text : str
        A document or a paragraph.
    default_year : int, optional
        Year for a range written before any year (for example the year of publication).

    Examples
    --------
    >>> [p.canonical for p in find_periods("2024年11月增长5.2%；1—11月累计增长6.0%。")]
    ['2024-11', '2024-01~11']
    >>> [(p.canonical, p.target) for p in find_periods("GDP rose in 2023 and will double by 2035.")]
    [('2023', False), ('2035', True)]
    """
    found = sorted(_find_zh(text) + _find_en(text), key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PeriodMention] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    year = default_year
    out = []
    for p in kept:
        if p.year is None:
            p = replace(p, year=year)
        elif not p.target:
            year = p.year
        out.append(p)
    return out
