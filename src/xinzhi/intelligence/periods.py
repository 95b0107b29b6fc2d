"""Reporting periods in text: years, quarters, months, year-to-date ranges, multi-year spans,
target years and periods relative to the publication date.

A period is held as a year, a month range (``month_from``..``month_to``) and, for a span of
years, the first year (``year_from``). Canonical strings:

=========================================  ============================  =================
text                                       months                        canonical
=========================================  ============================  =================
2023年, in 2023, 全年                        1..12                         ``2023``
一季度, Q1 2024                              1..3                          ``2024Q1``
上半年, first half                           1..6                          ``2024-01~06``
前三季度, 1—11月, the first 11 months         1..9, 1..11                   ``2024-01~09`` …
10月份, 2024年11月, in October, 9月末         11..11                        ``2024-11``
2013—2017年, from 2018 to 2022, “十四五”       span                          ``2013~2017``
到2027年, by 2027                            1..12, ``target``             ``2027``
=========================================  ============================  =================

Relative periods resolve against the reference date (the document's publication date):
今年 / this year, 去年 / 上年 / last year / the past year (not in comparisons such as 比上年 or
"from last year"), 目前 / 截至目前 / currently / so far / nowadays (the month of publication),
"over the past five years" / 近五年 / 五年来 (the five full years before publication).
A period written without a year takes the nearest year written before it in the text, else the
year of the reference date, moved back a year when the period would not yet have ended (全年
in a release of January 2025 is 2024).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

__all__ = ["PeriodMention", "canonical_period", "find_periods", "is_base_year"]

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
_MONTH_ABBR = {m[:3].lower(): i + 1 for i, m in enumerate(_MONTHS_EN)}
_ZH_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9, "十": 10, "十一": 11, "十二": 12}
_ZH_YEAR_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026,
                    "11th": 2006, "12th": 2011, "13th": 2016, "14th": 2021, "15th": 2026}

_ZH_M = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR_ZH = r"(?P<y>(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})\s*年"
_MON_EN = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
           r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)")

_ZH_RE = re.compile(
    rf"""
    (?=[到至力争计\d〇零一二三四五六七八九十两前上下第底末全今去本过])
    (?P<target>(?:(?<![截长高加展升达降少增提])至|(?<![截止至长高加展升达降少增提])到|力争到?|争取到?|计划到)\s*)?
    (?:{_YEAR_ZH}(?!第(?![一二三]产业)|度)(?:的)?|(?P<rel>今年|去年|本年|过去的?一年|(?<![\d一二三四五六七八九十百几第多])一年来|(?<![比较与同对超于])上年(?!同期|末|底|全年|的)))?
    (?:
       (?P<ytd3>前三季度)
      |(?P<h1>上半年|(?<![上下])半年度)|(?P<h2>下半年)
      |(?:第)?(?P<q>[一二三四1-4])季度(?P<qend>末|底)?
      |前(?P<qn>[一二三两])个?季度
      |前(?P<mn>{_ZH_M})个?月
      |(?P<m1>{_ZH_M})\s*(?:月份?)?\s*[—–\-~～至到]\s*(?P<m2>{_ZH_M})\s*月(?:份)?(?![\d一二三四五六七八九十]+日)
      |(?P<mon>{_ZH_M})\s*月(?:份|底|末)?(?![\d一二三四五六七八九十]*[日号])
      |(?P<yend>底|末|全年)
    )?
    (?P<before>前|以前)?
    """,
    re.VERBOSE,
)
_ZH_SPAN = re.compile(r"(?P<a>(?:19|20)\d\d)\s*(?:年)?\s*[—–\-~～至到]\s*(?P<b>(?:19|20)\d\d)\s*年")
_ZH_PLAN = re.compile(r"[“\"]?(?P<plan>十[一二三四五]五)[”\"]?\s*(?P<tail>时期|期间|以来|末|规划期|期末)?")
_ZH_RECENT = re.compile(r"(?:近|过去的?)(?P<n>[一二三四五六七八九十两]|\d{1,2})年|这(?P<n4>[二三四五六七八九十两])年(?!前)|(?P<n2>[一二三四五六七八九十两]|\d{1,2})年来|"
                        r"(?<![\d年])(?P<n3>[一二三四五六七八九十两]|\d{1,2})年(?=年均)")  # 10年年均: the last N years
_ZH_NOW = re.compile(r"截至目前|截止目前|到目前为止|目前|当前")
# a day (4月27日, On Aug 30): the month of an event, for facts with no other period
_ZH_DAY = re.compile(r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>1[0-2]|[1-9])\s*月\s*(?P<d>[1-3]?\d)\s*[日号]")
_EN_DAY = re.compile(rf"\b(?:[Oo]n\s+)?(?P<mon>{_MON_EN})\s*(?P<d>[1-3]?\d)\b(?!\s*,?\s*(?:19|20)\d\d)(?!\s*(?:percent|%|million|billion))")

_EN_RE = re.compile(
    rf"""
    (?P<by>\b(?i:by|before|as\s+of)\s+(?:the\s+end\s+of\s+)?)?
    (?:
       (?:the\s+)?(?i:first)[\s-]+(?P<qn>three|two|3|2)[\s-]+(?i:quarters)(?:\s+(?:of|in))?(?:\s+(?:(?P<y1>(?:19|20)\d\d)|(?P<r1>this|last)\s+year))?
      |(?:the\s+)?first\s+(?P<mn>\w+|\d+)\s+months(?:\s+(?:of|in))?(?:\s+(?:(?P<y2>(?:19|20)\d\d)|(?P<r2>this|last)\s+year))?
      |(?:the\s+)?(?P<half>first|second)[\s-]+half(?:[\s-]+(?:year\s+)?\(H[12]\))?(?:\s+(?:of|in))?(?:\s+(?:(?P<y3>(?:19|20)\d\d)|(?P<r3>this|last)\s+year))?
      |(?:the\s+)?(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:three\s+months|quarter)(?:\s+(?:of|in))?(?:\s+(?:(?P<y4>(?:19|20)\d\d)|(?P<r4>this|last)\s+year))?
      |\bQ(?P<qq>[1-4])\s*(?P<y5>(?:19|20)\d\d)?
      |\bH(?P<hh>[12])\b\s*(?P<y9>(?:19|20)\d\d)?
      |(?:from\s+)?(?P<ma>{_MON_EN})\s*(?:-|–|—|to|through|and(?=\s+Feb))\s*(?P<mb>{_MON_EN})(?:\s+period)?(?:,?\s+(?:of\s+)?(?P<y6>(?:19|20)\d\d))?
      |(?P<mon>{_MON_EN})\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?(?:,?\s+(?P<y7>(?:19|20)\d\d))
      |(?<=\b[Ii]n\s)(?P<mon2>{_MON_EN})\b(?!\s+\d)
      |(?:(?<=end\sof\s)|the\s+end\s+of\s+)(?P<mon3>{_MON_EN})\b(?!\s+\d)
      |(?:the\s+end\s+of\s+)?\b(?P<y8>(?:19|20)\d\d)\b(?!\s*(?:yuan|percent|%|units))
      |(?P<rel>\b(?i:this|last|past)\s+year\b)
    )
    """,
    re.VERBOSE,
)
_EN_SPAN = re.compile(
    r"\b(?:from\s+|between\s+)?(?P<a>(?:19|20)\d\d)\s*(?:(?:-|–|—)\s*(?P<b2>(?:19|20)?\d\d)|\s(?:to|and|through)\s+(?P<b>(?:19|20)\d\d))"
    r"\b(?![.,]\d|\s*(?:yuan|percent|%))")
_EN_PLAN = re.compile(r"\b(?P<plan>11th|12th|13th|14th|15th)\s+Five[- ]Year\s+Plan(?:\s+period)?", re.IGNORECASE)
_EN_RECENT = re.compile(
    r"\b(?:over\s+|in\s+|during\s+)?the\s+(?:past|last|recent|previous)\s+(?:(?P<n>\w+)\s+years|(?P<dec>decade))\b|"
    r"\b(?:over|during)\s+the\s+(?P<n2>\w+)\s+years\b(?!\s+(?:to|from|since|before|after|of)\b)",  # "rising 13.9 points over the 10 years"
    re.IGNORECASE)
_EN_HALF_YEAR = re.compile(r"(?<![\w-])(?<!past\s)(?<!last\s)(?<!next\s)half[- ]year(?![\w-])", re.IGNORECASE)
_EN_BETWEEN = re.compile(rf"\b[Bb]etween\s+(?P<ba>{_MON_EN})\s+and\s+(?P<bb>{_MON_EN})(?:,?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?")
_EN_PAST_MONTHS = re.compile(r"\b(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?P<n>\w+)\s+months\b", re.IGNORECASE)
_EN_LAST_MONTH = re.compile(r"\blast\s+month\b(?!['’]s)", re.IGNORECASE)
_BASE_YEAR_BEFORE = re.compile(r"(?:比|较|相比|同比|与|由|从|是)\s*$|\b(?:than|from|since|over)\s+(?:in\s+)?$", re.IGNORECASE)
_BASE_YEAR_AFTER = re.compile(r"[^，,。；;]{0,12}?(?:基础上|的基础|水平上|同期)")
_EN_NOW = re.compile(r"\b(?:currently|at\s+present|so\s+far|to\s+date|as\s+of\s+now|nowadays)\b", re.IGNORECASE)
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_HAS_LATIN = re.compile(r"[A-Za-z]{3}|\b(?:19|20)\d\d\b(?!\s*年)")
_EN_COMPARISON = re.compile(r"(?:than|with|from|over|since|versus|vs\.?|the\s+same\s+period)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class PeriodMention:
    """A period found in text.

    ``year`` is ``None`` until resolved (``1—11月`` alone). ``target`` is true for deadlines
    (到2027年, by 2027); ``stock`` for a point in time (年末, 9月末, currently); ``year_from`` is
    the first year of a span (``2013~2017``); ``relative`` names the word that set the year
    (``this``, ``last``, ``now``, ``recent``).
    """

    start: int
    end: int
    text: str
    year: int | None
    month_from: int
    month_to: int
    target: bool = False
    stock: bool = False
    year_from: int | None = None
    relative: str | None = None
    inferred: bool = False

    @property
    def canonical(self) -> str | None:
        if self.year is not None and self.year_from is not None and self.year_from < self.year:
            return f"{self.year_from}~{self.year}"
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
    return _MONTH_ABBR[s.rstrip(".")[:3].lower()]


def _small(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return _ZH_NUM.get(s) or _EN_COUNT.get(s.lower())


def _find_zh(text: str, ref: dt.date | None) -> list[PeriodMention]:
    out = []
    for m in _ZH_SPAN.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a < b:
            out.append(PeriodMention(m.start(), m.end(), m.group(0), b, 1, 12, year_from=a))
    for m in _ZH_PLAN.finditer(text):
        first = _FIVE_YEAR_PLANS[m.group("plan")]
        if m.group("tail") == "末" or m.group("tail") == "期末":
            out.append(PeriodMention(m.start(), m.end(), m.group(0), first + 4, 1, 12))
        elif m.group("tail") or text[max(0, m.start("plan") - 1) : m.start("plan")] in ("“", '"', "", "《", "「") \
                or text.startswith("规划", m.end()):  # 《十五五规划纲要》
            out.append(PeriodMention(m.start(), m.end(), m.group(0), first + 4, 1, 12, year_from=first))
    if ref is not None:
        for m in _ZH_RECENT.finditer(text):
            n = _small(m.group("n") or m.group("n2") or m.group("n3") or m.group("n4"))
            if n and n > 1:
                out.append(PeriodMention(m.start(), m.end(), m.group(0), ref.year - 1, 1, 12,
                                         year_from=ref.year - n, relative="recent"))
        for m in _ZH_NOW.finditer(text):
            out.append(PeriodMention(m.start(), m.end(), m.group(0), ref.year, ref.month, ref.month,
                                     stock=True, relative="now"))
    for m in _ZH_DAY.finditer(text):
        year = int(m.group("y")) if m.group("y") else None
        out.append(PeriodMention(m.start(), m.end(), m.group(0), year, int(m.group("m")), int(m.group("m")),
                                 relative="day"))
    for m in _ZH_RE.finditer(text):
        g = m.groupdict()
        sub = any(g[k] for k in ("ytd3", "h1", "h2", "q", "qn", "mn", "m1", "mon", "yend"))
        if not (g["y"] or g["rel"]) and (not sub or (g["yend"] and g["yend"] != "全年")):
            continue
        year = _zh_year(g["y"]) if g["y"] else None
        relative = None
        if g["rel"]:
            relative = "this" if g["rel"] in ("今年", "本年") else "last"  # 去年, 上年, 过去一年
            if "一年" in g["rel"] and ref is not None and ref.month >= 10:
                relative = "this"  # 一年来 in a review of December: the year about to end
            year = None if ref is None else ref.year - (relative == "last")
        mf, mt = 1, 12
        stock = False
        if g["ytd3"]:
            mt = 9
        elif g["h1"]:
            mt = 6
        elif g["h2"]:
            mf = 7
        elif g["q"]:
            q = _zh_month(g["q"])
            mf, mt = 3 * q - 2, 3 * q
            if g["qend"]:
                mf, stock = mt, True
        elif g["qn"]:
            mt = 3 * _zh_month(g["qn"])
        elif g["mn"]:
            mt = _zh_month(g["mn"])
        elif g["m1"]:
            mf, mt = _zh_month(g["m1"]), _zh_month(g["m2"])
            if mf > mt:
                continue
        elif g["mon"]:
            if year is None and m.end() < len(text) and text[m.end()].isdigit() and not m.group(0).endswith("份"):
                continue  # 4月5日 is a day; 4月份5.8% a month and its figure
            mf = mt = _zh_month(g["mon"])
            stock = m.group(0).endswith(("底", "末"))
        elif g["yend"] in ("底", "末"):
            stock = True
        target = bool(g["target"] and (g["y"] or g["rel"])) or bool(g["before"] and g["y"])
        start = m.start() if g["target"] and g["y"] else (m.start("y") if g["y"] else m.start())
        out.append(PeriodMention(start, m.end(), text[start : m.end()], year, mf, mt, target, stock,
                                 relative=relative))
    return out


def _find_en(text: str, ref: dt.date | None) -> list[PeriodMention]:
    out = []
    for m in _EN_SPAN.finditer(text):
        a, b_text = int(m.group("a")), m.group("b") or m.group("b2")
        if m.group("b") and re.match(r"\s+and\s", text[m.end("a") :]) and not re.search(
                r"\bbetween\s+$", text[max(0, m.start("a") - 12) : m.start("a")], re.IGNORECASE):
            continue  # "in 2011, 2015 and 2018": a list of years; "between 2015 and 2018" is a span
        b = int(b_text) if len(b_text) == 4 else a // 100 * 100 + int(b_text)
        if a < b <= a + 30:
            out.append(PeriodMention(m.start(), m.end(), m.group(0), b, 1, 12, year_from=a))
    for m in _EN_PLAN.finditer(text):
        first = _FIVE_YEAR_PLANS[m.group("plan").lower()]
        out.append(PeriodMention(m.start(), m.end(), m.group(0), first + 4, 1, 12, year_from=first))
    if ref is not None:
        for m in _EN_RECENT.finditer(text):
            n = 10 if m.group("dec") else _small(m.group("n") or m.group("n2") or "")
            if n and n > 1:
                out.append(PeriodMention(m.start(), m.end(), m.group(0), ref.year - 1, 1, 12,
                                         year_from=ref.year - n, relative="recent"))
        for m in _EN_PAST_MONTHS.finditer(text):  # "in the past two months" of a release of March: January-February
            n = _small(m.group("n"))
            if n and 1 < n < ref.month:
                out.append(PeriodMention(m.start(), m.end(), m.group(0), ref.year, ref.month - n, ref.month - 1,
                                         relative="recent"))
        for m in _EN_LAST_MONTH.finditer(text):  # "fell 3.1 percent last month": the month before publication
            if _EN_COMPARISON.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "up 2 percent from last month": a comparison base
            y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
            out.append(PeriodMention(m.start(), m.end(), m.group(0), y, mo, mo, relative="last"))
        for m in _EN_NOW.finditer(text):
            out.append(PeriodMention(m.start(), m.end(), m.group(0), ref.year, ref.month, ref.month,
                                     stock=True, relative="now"))
    for m in _EN_HALF_YEAR.finditer(text):  # "a half-year economic growth": the first half, as statistics report it
        out.append(PeriodMention(m.start(), m.end(), m.group(0), None, 1, 6))
    for m in _EN_BETWEEN.finditer(text):  # "Between January and July"
        mf, mt = _en_month(m.group("ba")), _en_month(m.group("bb"))
        if mf <= mt:
            year = int(m.group("y")) if m.group("y") else None
            out.append(PeriodMention(m.start(), m.end(), m.group(0), year, mf, mt))
    for m in _EN_DAY.finditer(text):
        month = _en_month(m.group("mon"))
        out.append(PeriodMention(m.start(), m.end(), m.group(0), None, month, month, relative="day"))
    for m in _EN_RE.finditer(text):
        g = m.groupdict()
        year_s = next((g[k] for k in ("y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9") if g[k]), None)
        year = int(year_s) if year_s else None
        rel_word = next((g[k] for k in ("r1", "r2", "r3", "r4") if g[k]), None)
        relative = None
        if g["rel"]:
            if _EN_COMPARISON.search(text[max(0, m.start() - 30) : m.start()]) and not re.match(
                    r"['’]s\s+(?:[a-z-]+\s+){0,3}(?:about\s+|around\s+)?\d", text[m.end() : m.end() + 40]):
                continue
            rel_word = g["rel"].split()[0].lower()
            rel_word = "last" if rel_word in ("last", "past") else "this"
        if rel_word:
            if ref is None:
                if rel_word.lower() == "last" and g["rel"]:  # dated by find_periods from the text's latest year
                    out.append(PeriodMention(m.start(), m.end(), m.group(0), None, 1, 12, relative="last year"))
                continue
            relative = "last" if rel_word.lower() == "last" else "this"
            year = ref.year - (relative == "last")
        mf, mt = 1, 12
        stock = False
        if g["qn"]:
            mt = 9 if g["qn"] in ("three", "3") else 6
        elif g["mn"]:
            n = _small(g["mn"])
            if n is None or not 1 <= n <= 12:
                continue
            mt = n
        elif g["half"] or g["hh"]:
            first = g["half"] == "first" or g["hh"] == "1"
            mf, mt = (1, 6) if first else (7, 12)
        elif g["qord"] or g["qq"]:
            q = _ORD[g["qord"].lower()] if g["qord"] else int(g["qq"])
            mf, mt = 3 * q - 2, 3 * q
        elif g["ma"]:
            mf, mt = _en_month(g["ma"]), _en_month(g["mb"])
            if mf > mt:
                continue
        elif g["mon"] or g["mon2"] or g["mon3"]:
            mf = mt = _en_month(g["mon"] or g["mon2"] or g["mon3"])
            stock = bool(g["mon3"]) or bool(re.search(r"\d", m.group(0)[3:]) and g["mon"] and year_s is not None)
            if re.search(r"\b(?:approved|established|founded|set\s+up|created|inaugurated|launched|opened|built|renamed|"
                         r"upgraded|completed|signed|unveiled)\s+(?:\w+\s+){0,2}?(?:in|on)\s+$",
                         text[max(0, m.start() - 40) : m.start()], re.IGNORECASE):
                relative = "day"  # "was approved in September 2022", "established on Oct. 25, 1958": the month of
                # an event, not a reporting period
        elif g["y8"] and "end of" in m.group(0):
            stock = True
        # "by 2027" is a deadline; "by the end of June 2024" dates a stock
        target = bool(g["by"]) and year is not None and mf == 1 and mt == 12 and "as" not in g["by"].lower()
        if g["by"] and "end of" in g["by"]:
            stock = True
        out.append(PeriodMention(m.start(), m.end(), m.group(0), year, mf, mt, target, stock, relative=relative))
    return out


def is_base_year(text: str, p: PeriodMention) -> bool:
    """A year written as a comparison base (比2016年, 在2015、2016年触底基础上, than in 2019), which
    does not set the year of the periods written after it."""
    return bool(_BASE_YEAR_BEFORE.search(text[max(0, p.start - 4) : p.start]) or _BASE_YEAR_AFTER.match(text, p.end))


def find_periods(
    text: str,
    *,
    default_year: int | None = None,
    reference: dt.date | None = None,
) -> list[PeriodMention]:
    """Period mentions in ``text`` in order, with missing years filled (see the module docstring).

    Parameters
    ----------
    text : str
        A document or a paragraph.
    default_year : int, optional
        Year for a period written before any year (the year of the document's headline).
    reference : datetime.date, optional
        The publication date: relative periods resolve against it, and a period without a
        year before any year takes its year (the year before, when the period had not ended).

    Examples
    --------
    >>> [p.canonical for p in find_periods("2024年11月增长5.2%；1—11月累计增长6.0%。")]
    ['2024-11', '2024-01~11']
    >>> [(p.canonical, p.target) for p in find_periods("GDP rose in 2023 and will double by 2035.")]
    [('2023', False), ('2035', True)]
    >>> import datetime as dt
    >>> [p.canonical for p in find_periods("全年增长6%，去年增长5%", reference=dt.date(2025, 1, 20))]
    ['2024', '2024']
    """
    zh = _find_zh(text, reference) if _HAS_CJK.search(text) else []
    en = _find_en(text, reference) if _HAS_LATIN.search(text) else []
    found = sorted(zh + en, key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PeriodMention] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    # "last year" in a text without a publication date: the latest year the text reports on
    # ("… exceeded 622.89 billion yuan last year … the number of Internet users exceeded 47.29 million in 2019")
    undated = [p for p in kept if p.relative == "last year"]
    if undated:
        latest = max((p.year for p in kept if p.year is not None and p.year_from is None and not p.target
                      and p.relative is None and (p.month_from, p.month_to) == (1, 12)), default=None)
        kept = [replace(p, year=latest, relative="last") if p.relative == "last year" else p for p in kept
                if p.relative != "last year" or latest is not None]
    # 去年9月25日, 今年3月1日: the year of a day, not a period of its own
    merged: list[PeriodMention] = []
    for p in kept:
        if merged and p.relative == "day" and merged[-1].relative in ("last", "this") and merged[-1].year is not None \
                and not text[merged[-1].end : p.start].strip() and (merged[-1].month_from, merged[-1].month_to) == (1, 12):
            rel = merged.pop()
            p = replace(p, start=rel.start, text=text[rel.start : p.end], year=rel.year)
        merged.append(p)
    kept = merged
    year = default_year
    out = []
    for i, p in enumerate(kept):
        if p.year is None and p.relative == "day":
            nxt = next((q for q in kept[i + 1 :] if q.start - p.end < 30 and q.year is not None and not q.inferred), None)
            m = re.search(r"((?:19|20)\d\d)\s*年", text[p.end : p.end + 30])
            if m:
                p = replace(p, year=int(m.group(1)))
            elif nxt is not None:
                p = replace(p, year=nxt.year)
            if reference is not None and p.year is not None and (p.year, p.month_from) > (reference.year, reference.month):
                p = replace(p, year=None)  # 12月31日消息…2019年元旦, published 2 January 2019: a day already past
        if p.year is None:
            if year is not None:
                p = replace(p, year=year, inferred=True)
            elif reference is not None:
                y = reference.year
                if not p.target and (p.month_from > reference.month
                                     or (reference.month <= 3 and p.month_to > reference.month)):
                    y -= 1  # the period had not begun, or a review early in the year
                p = replace(p, year=y, inferred=True)
        elif not p.target and p.year_from is None and p.relative is None and not is_base_year(text, p):
            year = p.year
        out.append(p)
    return out
