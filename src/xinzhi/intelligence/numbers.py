"""Quantities in running text: Arabic, Chinese and English numerals with magnitude and unit.

Every mention is reduced to a value in a canonical unit:

=================  ===========================================================  ==========
unit               written as                                                   value in
=================  ===========================================================  ==========
``yuan``           元, 万元, 亿元, 万亿元, yuan, RMB, CNY, ¥                       yuan
``usd`` …          美元, US dollars, US$, $ (``eur`` 欧元 / euros, ``hkd`` 港元)   the currency
``fraction``       %, ％, 百分之…, percent, per cent, pct, 成 (tenths),           a fraction
                   四分之一, one-sixth
``pp``             个百分点, 百分点, percentage points, pct points                 a fraction
``times``          倍 (when not a growth), times, -fold, fourfold, 翻番, double   the ratio
``count``          家, 个, 项, 户, 辆, 台 … units, vehicles, sets; bare counts      items
``person``         人, 名, people, workers, jobs, talents                        persons
``person_time``    人次, visits, trips                                           visits
``tonne``          吨, 千克 / 公斤 (÷1000), tonnes, tons, kilograms                 tonnes
``kwh``            千瓦时, 度, kWh, GWh (×10⁶)                                    kWh
``kw``             千瓦, 兆瓦 (×10³), 吉瓦 / GW (×10⁶), kilowatts                   kW
``m2`` ``km2``     平方米, 平方公里, square meters, square kilometers; 公顷,        as named
                   hectares (×0.01 km²)
``mu`` ``km``      亩, 公里 / 千米, kilometers                                      as named
``m3``             立方米, cubic meters, kiloliters                                m³
=================  ===========================================================  ==========

Magnitudes follow the statutory definitions (万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹²; thousand,
million, billion, trillion; bn, mn, bln, trln). Chinese numerals are read with ``cn2an``.

Numbers that are not quantities are not returned: years, dates and times (``10月19日``,
``Aug. 31``), durations (``3年``, ``连续8个季度``, ``five consecutive years``), ordinals and ranks
(``第3位``, ``8th``, ``top 10``, ``500强``), names (``“33618”``, ``5G``, ``六大产业``, ``Covid-19``), document and
standard numbers (``〔2021〕18号``, ``GB/T 4754``), phone numbers and the start of a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

__all__ = ["NumberMention", "find_numbers", "parse_chinese_numeral"]

_ZH_MAG = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_EN_MAG = {"trillion": 1e12, "trln": 1e12, "tln": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9,
           "million": 1e6, "mn": 1e6, "mln": 1e6, "thousand": 1e3}
_EN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
             "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
#: "Thirty-one of the 39 major industries": a tens word and a unit word
_EN_COMPOUND = (r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|"
                r"eight|nine)\b")

_ZH_DIGITS = "零〇一二两三四五六七八九"
#: a numeral does not open with 零 (零部件, 零售 and 零件 are words, not the number 0)
_ZH_NUMERAL = f"[{_ZH_DIGITS[1:]}十][{_ZH_DIGITS}十百千万亿点]*"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# Chinese units: (pattern, canonical unit, factor) in order of preference (longest first)
_ZH_UNITS: list[tuple[str, str, float]] = [
    ("个百分点", "pp", 0.01), ("百分点", "pp", 0.01),
    ("万亿元", "yuan", 1e12), ("亿元", "yuan", 1e8), ("万元", "yuan", 1e4), ("元", "yuan", 1.0),
    ("亿美元", "usd", 1e8), ("万美元", "usd", 1e4), ("美元", "usd", 1.0),
    ("欧元", "eur", 1.0), ("港元", "hkd", 1.0), ("港币", "hkd", 1.0),
    ("千瓦时", "kwh", 1.0), ("度", "kwh", 1.0), ("GWh", "kwh", 1e6), ("吉瓦时", "kwh", 1e6),
    ("万千瓦", "kw", 1e4), ("千瓦", "kw", 1.0), ("兆瓦", "kw", 1e3), ("吉瓦", "kw", 1e6), ("GW", "kw", 1e6),
    ("MW", "kw", 1e3),
    ("吨标准煤", "tce", 1.0), ("万吨", "tonne", 1e4), ("吨", "tonne", 1.0), ("千克", "tonne", 1e-3),
    ("公斤", "tonne", 1e-3),
    ("平方公里", "km2", 1.0), ("平方千米", "km2", 1.0), ("平方米", "m2", 1.0), ("立方米", "m3", 1.0),
    ("公里", "km", 1.0), ("千米", "km", 1.0), ("亩", "mu", 1.0), ("公顷", "km2", 0.01),
    ("人次", "person_time", 1.0), ("人", "person", 1.0),
    ("斤", "斤", 1.0),
    ("%", "fraction", 0.01), ("％", "fraction", 0.01), ("‰", "fraction", 0.001), ("倍", "times", 1.0),
]
_ZH_COUNTERS = "家个项户辆台座件款套条所批种只头片部架艘颗块枚张支间栋处"
# counters and units that make a number a date, duration, ordinal or name
_ZH_NOT_QUANTITY = re.compile(
    r"\s*(?:年代|年|个月|月|日|号|时|分钟|秒|天|周岁|岁|周|个季度|季度|届|次|代|级|位|强|大(?!型|中|于|幅|约)|星|线|期|轮|批次|环|"
    r"名(?=[^\u4e00-\u9fff]|$|[，,。；;、])|点(?!\d))")
_ZH_UNIT_RE = "|".join(re.escape(u) for u, _, _ in _ZH_UNITS)

_EN_UNITS: list[tuple[str, str, float]] = [
    (r"percentage[- ]points?|pct\.? points?|ppts?", "pp", 0.01),
    (r"percent|per cent|pct\b", "fraction", 0.01),
    (r"yuan|RMB|renminbi", "yuan", 1.0),
    (r"(?:U\.?S\.?\s?)?dollars|USD", "usd", 1.0), (r"euros?", "eur", 1.0),
    (r"kilowatt[- ]hours?|kWh", "kwh", 1.0), (r"gigawatt[- ]hours?|GWh", "kwh", 1e6),
    (r"megawatt[- ]hours?|MWh", "kwh", 1e3),
    (r"kilowatts?|kW\b", "kw", 1.0), (r"gigawatts?|GW\b", "kw", 1e6), (r"megawatts?|MW\b", "kw", 1e3),
    (r"(?:metric )?tonnes|(?:metric )?tons|tonne|ton\b|mt\b", "tonne", 1.0), (r"kilograms?|kg\b", "tonne", 1e-3),
    (r"square[- ]kilomet(?:er|re)s?|sq\.? km|km2", "km2", 1.0), (r"square[- ]met(?:er|re)s?|sq\.? m\b", "m2", 1.0),
    (r"cubic met(?:er|re)s?|kilolit(?:er|re)s?", "m3", 1.0), (r"kilomet(?:er|re)s?|km\b", "km", 1.0), (r"mu\b", "mu", 1.0), (r"jin\b", "斤", 1.0),
    (r"hectares?", "km2", 0.01),
    # tourists and visitors received are arrivals, counted as visits (接待游客…万人次)
    (r"person-times|visits|trips|passenger trips|tourists|visitors|tourist\s+arrivals", "person_time", 1.0),
    (r"people|persons|workers|jobs|talents|residents|employees|staff|students|graduates",
     "person", 1.0),
    (r"times|-fold|fold", "times", 1.0),
    (r"units|vehicles|cars|sets|pieces|items", "count", 1.0),
]
_EN_UNIT_RE = "|".join(f"(?:{p})" for p, _, _ in _EN_UNITS).replace(" ", r"\s")
_EN_UNIT_COMPILED = [(re.compile(p, re.IGNORECASE), u, f) for p, u, f in _EN_UNITS]

_NUMBER_RE = re.compile(
    rf"""
    (?P<frac_zh>(?P<den_zh>[二三四五六七八九十])分之(?P<num_zh>[一二三四五六七八九]))
    |(?P<frac_en>(?<![\w-])(?P<num_en>one|two|three)-(?P<den_en>third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?\b)
    |(?P<pct_zh>百分之(?P<pct_num>{_ARABIC}|[{_ZH_DIGITS}十百点]+))
    |(?P<tenth>(?:(?<=超过)|(?<=达到)|(?<=接近)|(?<=将近)|(?<=逾)|(?<=近)|(?<=达)|(?<=约)|(?<=占)|(?<=有))[一二三四五六七八九]成(?![本立为果功交员长熟绩分都]))
    |(?P<half>(?:(?<=超过)|(?<=接近)|(?<=将近)|(?<=逾)|(?<=近))半数)
    |(?P<double>翻一番|翻一翻|翻番|翻两番|\b(?:doubl(?:e|es|ed|ing))\b(?![- ]digit))
    |(?P<fold>\b(?:two|three|four|five|six|seven|eight|nine|ten)fold\b)
    |(?P<minus>(?<![\dA-Za-z.,亿万%％])[-−](?=\d))?
     (?:(?P<cur>US\$|\$|€|¥|￥|RMB\s?|CNY\s?|USD\s?)\s?)?
     (?P<num>{_ARABIC}|{_ZH_NUMERAL}|{_EN_COMPOUND}|\b(?:{"|".join(_EN_WORDS)})\b|\bone(?=\s(?:trillion|billion|million|thousand)\b))
     (?:\s?(?P<mag_zh>万亿|千亿|百亿|千万|百万|亿|万)(?![里一二三四五六七八九])
        |\s?(?P<mag_en>trillion|trln|tln|billion|bln|bn|million|mln|mn|thousand)(?:\b|(?=yuan\b)))?
     (?P<approx>余|多|-plus|\splus\b)?
     (?:\s?(?P<unit_zh>{_ZH_UNIT_RE})
        |\s?(?P<counter>[{_ZH_COUNTERS}])
        |[\s-]?(?P<unit_en>{_EN_UNIT_RE})(?![A-Za-z])
     )?
    """,
    re.VERBOSE | re.IGNORECASE,
)

_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
#: a range of two numbers (6.5-7, 6.5%～7%, 3-5, 2000亿-3000亿); its ends are kept when the upper
#: one is a quantity (see :func:`_ranges`)
_RANGE_PAIR = re.compile(rf"(?<![\d.,])(?P<a>{_ARABIC})\s*(?:万亿|亿|万|%|％)?\s*(?:[—–\-~～]|至)\s*(?P<b>\d[\d,.]*)")
_RANGE_AFTER = re.compile(r"\s*(?:[—–\-~～至到]|to)\s*(?:\d|[一二三四五六七八九十])")
_MONTHS_EN = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|"
              r"August|September|October|November|December)")
_MONTH_BEFORE = re.compile(_MONTHS_EN + r"\.?\s*$", re.IGNORECASE)
#: "29 January" (case kept: "29 may" is not a date)
_MONTH_AFTER = re.compile(r"\s*" + _MONTHS_EN + r"\b\.?")
_EN_NOT_QUANTITY_AFTER = re.compile(
    r"\s*(?:consecutive\s+|straight\s+|successive\s+)?(?:years?|months?|days?|weeks?|decades?|hours?|minutes?|"
    r"seconds?|quarters?|batch(?:es)?|rounds?|sessions?|th\b|st\b|nd\b|rd\b|o'clock|a\.m\.|p\.m\.)\b(?![- ]on[- ]year)",
    re.IGNORECASE)
_EN_NOT_QUANTITY_BEFORE = re.compile(
    r"(?:\btop|\bNo\.|\bnumber|\bphase|\bPhase|\bversion|\bgeneration|\bround|\bFortune|\bGlobal|\bworld's|\bthe|"
    r"\bother)\s*$",
    re.IGNORECASE)
_STANDARD_BEFORE = re.compile(r"(?:GB/?T?|ISO|IEC|GB)\s*$")
_ZH_NOT_BEFORE = re.compile(r"(?:第|前|No\.|编号|电话|传真|邮编|代码|证号|〔\d{4}〕|\[\d{4}\]|文号)\s*$")
_QUOTED = re.compile(r"[“\"「『]\s*$")
_QUOTE_AFTER = re.compile(r"\s*[”\"」』]")
_PLURAL_NOUN_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?\d+\s+)?(?:[a-z-]+\s+){0,3}?[a-z-]{3,}s\b|\s+(?:times|-fold)",
                                re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """A quantity found in text.

    Attributes
    ----------
    start, end : int
        Character offsets of the mention (number, magnitude and unit).
    value : float
        Value in the canonical unit (see the module table); negative after a minus sign.
    unit : str
        Canonical unit, or ``""`` for a number written without one (a bare count or index).
    kind : str
        ``money`` (any currency), ``percent``, ``points``, ``times``, ``count``, ``person``,
        ``physical`` (tonnes, kWh, areas …) or ``bare``.
    text : str
        The mention as written.
    approx : str or None
        ``over`` when the mention itself says so (``两万余家``, ``300多个``, ``300-plus``).
    counter : str
        The Chinese counter or English unit word as written (``家``, ``辆``), if any.
    magnitude : bool
        A magnitude (万, 亿, million …) was written: the number is not a bare index.
    """

    start: int
    end: int
    value: float
    unit: str
    kind: str
    text: str
    approx: str | None = None
    counter: str = ""
    magnitude: bool = False


_KIND = {"yuan": "money", "usd": "money", "eur": "money", "hkd": "money", "fraction": "percent",
         "pp": "points", "times": "times", "count": "count", "person": "person", "person_time": "person"}


def parse_chinese_numeral(text: str) -> float:
    """Value of a Chinese numeral (``一千五百二十八`` → 1528, ``二点六`` → 2.6), via cn2an.

    >>> parse_chinese_numeral("两万")
    20000
    >>> parse_chinese_numeral("一百零六")
    106
    """
    return cn2an.cn2an(text.replace("〇", "零"), "normal")  # type: ignore[no-any-return]


def _to_float(num: str) -> float | None:
    if num[0].isdigit():
        return float(num.replace(",", ""))
    low = num.lower()
    if low in _EN_WORDS:
        return float(_EN_WORDS[low])
    if re.fullmatch(_EN_COMPOUND, low):
        tens, ones = low.split("-")
        return float(_EN_WORDS[tens] + ({"one": 1} | _EN_WORDS)[ones])
    if low == "one":
        return 1.0
    try:
        return float(parse_chinese_numeral(num))
    except (ValueError, KeyError):
        return None


def _en_unit(word: str) -> tuple[str, float]:
    for pattern, unit, factor in _EN_UNIT_COMPILED:
        if pattern.fullmatch(word.strip()):
            return unit, factor
    return "", 1.0


def _excluded(text: str, m: re.Match[str], num: str, ranges: dict[int, int] | None = None) -> bool:
    """Dates, durations, ordinals, ranks, names, standard and document numbers, phone numbers."""
    start, end_num = m.start("num"), m.end("num")
    in_range = ranges is not None and (start in ranges or start in ranges.values())
    before = text[max(0, start - 12) : start]
    after = text[end_num : end_num + 30]
    # digits glued to Latin letters: 5G, A380, 14th, Q1
    has_unit = bool(m.group("unit_zh") or m.group("unit_en") or m.group("counter"))
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha() and num[0].isdigit() and not m.group("cur"):
        return True
    glued = text[end_num : end_num + 1]
    if num[0].isdigit() and glued.isascii() and glued.isalpha() and not has_unit and not m.group("mag_en"):
        return True
    if m.group("counter") == "个" and re.match(r"\s*(?:月|季度|小时|工作日|星期|年头|阶段)", text[m.end():]):
        return True  # 8个季度, 27个月: durations
    if num[0].isdigit() and not has_unit and not m.group("mag_en") and re.search(r"[A-Za-z]{2,}[-‑]$", before):
        return True  # a name: Covid-19, Shenzhou-15, Chang'e-6
    if re.search(r"连续\s*$", before):
        return True  # 连续5年, 连续8个季度
    if num[0].isdigit() and (text[end_num : end_num + 1] in ("·", "•") or text[start - 1 : start] in ("·", "•")):
        return True  # “7·9” (a date used as a name)
    if not in_range and _RANGE_AFTER.match(text, m.end()) and not m.group("unit_zh") and not m.group("unit_en") and not (
            m.group("mag_en") and re.search(r"\b(?:rose|rising|soared|soaring|grew|growing|increased|jumped|climbed|"
                                            r"expanded|fell|dropped|declined|surged)\s+from\s+$", before)):
        return True  # start of a range such as 1—11月, 2021-2025, 80,000-100,000 (not "soared from 1.4 million to")
    if not in_range and re.match(r"[\-–—~]", before[-1:] or "") and num[0].isdigit() and before[-2:-1].isdigit():
        return True  # end of a range: 2021-2025
    if _ZH_NOT_BEFORE.search(before):
        return True
    if text.startswith(("个方面", "方面"), end_num):
        return True  # 主要体现在三个方面: the parts of a text, not a count
    if not (m.group("unit_zh") or m.group("counter") or m.group("unit_en")):
        if _ZH_NOT_QUANTITY.match(text, m.end()) and not m.group("mag_zh"):
            return True
        if _ZH_NOT_QUANTITY.match(text, end_num) and not m.group("mag_zh"):
            return True
    if _MONTH_BEFORE.search(before) and num[0].isdigit() and len(num) <= 2:
        return True  # Aug. 31, July 17
    if num[0].isdigit() and len(num) <= 2 and _MONTH_AFTER.match(after):
        return True  # 29 January
    if _EN_NOT_QUANTITY_AFTER.match(after) and not m.group("mag_en") and not m.group("unit_en"):
        return True
    if _EN_NOT_QUANTITY_BEFORE.search(before) and not (m.group("unit_en") or m.group("mag_en") or m.group("cur")):
        return True
    if _STANDARD_BEFORE.search(before):
        return True
    if not num[0].isdigit() and not num[0].isascii() and re.search(r"[“\"「『]\s*$", before):
        return True  # “八个第一方阵”, “三个一批”: a Chinese numeral opening a quoted name
    if _QUOTED.search(before) and _QUOTE_AFTER.match(text, m.end()):
        return True  # “33618”
    digits = num.replace(",", "").replace(".", "")
    if num[0].isdigit() and "," not in num and len(digits) >= 7 and not (m.group("unit_zh") or m.group("unit_en")
                                                                          or m.group("counter") or m.group("mag_zh")
                                                                          or m.group("mag_en") or m.group("cur")):
        return True  # phone numbers, ids
    return bool(num[0].isdigit() and re.match(r"\d{3,4}-\d{6,8}", text[start:]))


def find_numbers(text: str) -> list[NumberMention]:
    """All quantities in ``text`` with their value in a canonical unit (see the module table).

    Examples
    --------
    >>> [(m.value, m.unit) for m in find_numbers("GDP 60132.9亿元，增长6.0%")]
    [(6013290000000.0, 'yuan'), (0.06, 'fraction')]
    >>> [(m.value, m.unit, m.approx) for m in find_numbers("企业两万余家, 1.3 million units")]
    [(20000.0, 'count', 'over'), (1300000.0, 'count', None)]
    """
    out: list[NumberMention] = []
    ranges = {r.start("a"): r.start("b") for r in _RANGE_PAIR.finditer(text)
              if not re.search(r"(?:从|由|\bfrom)\s*$", text[max(0, r.start() - 6) : r.start()], re.IGNORECASE)}
    for m in _NUMBER_RE.finditer(text):
        whole = m.group(0)
        if not whole.strip():
            continue
        if m.group("frac_zh") or m.group("frac_en"):  # 四分之一, one-sixth: a fraction written in words
            if m.group("frac_zh"):
                numr, den = parse_chinese_numeral(m.group("num_zh")), parse_chinese_numeral(m.group("den_zh"))
            else:
                numr = {"one": 1, "two": 2, "three": 3}[m.group("num_en").lower()]
                den = {"third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                       "ninth": 9, "tenth": 10}[m.group("den_en").lower()]
            if den and numr < den:
                out.append(NumberMention(m.start(), m.end(), round(numr / den, 4), "fraction", "percent", whole,
                                         counter="分之"))
            continue
        if m.group("pct_zh"):
            v = _to_float(m.group("pct_num"))
            if v is not None:
                out.append(NumberMention(m.start(), m.end(), float(f"{v / 100:.12g}"), "fraction", "percent", whole))
            continue
        if m.group("tenth"):
            v = float(parse_chinese_numeral(m.group("tenth")[0]))
            out.append(NumberMention(m.start(), m.end(), v / 10, "fraction", "percent", whole, counter="成"))
            continue
        if m.group("half"):
            out.append(NumberMention(m.start(), m.end(), 0.5, "fraction", "percent", whole, counter="半数"))
            continue
        if m.group("double"):
            value = 4.0 if "两番" in whole else 2.0
            out.append(NumberMention(m.start(), m.end(), value, "times", "times", whole, counter="翻番"))
            continue
        if m.group("fold"):  # "surged more than fourfold"
            value = float(_EN_WORDS[m.group("fold")[:-4].lower()])
            out.append(NumberMention(m.start(), m.end(), value, "times", "times", whole, counter="fold"))
            continue
        num = m.group("num")
        if num is None:
            continue
        is_word = num[0].isalpha() and (num.lower() in _EN_WORDS or bool(re.fullmatch(_EN_COMPOUND, num, re.IGNORECASE)))
        if _excluded(text, m, num, ranges):
            continue
        parsed = _to_float(num)
        if parsed is None:
            continue
        value = parsed
        mag = m.group("mag_zh") or m.group("mag_en")
        if mag:
            value *= _ZH_MAG.get(mag) or _EN_MAG[mag.lower()]
        unit, counter = "", ""
        cur = (m.group("cur") or "").strip().upper()
        if m.group("unit_zh"):
            unit_text = m.group("unit_zh")
            for u, canonical, factor in _ZH_UNITS:
                if u == unit_text:
                    unit, value, counter = canonical, value * factor, u
                    break
        elif m.group("counter"):
            unit, counter = "count", m.group("counter")
        elif m.group("unit_en"):
            unit, factor = _en_unit(m.group("unit_en"))
            value *= factor
            counter = m.group("unit_en")
        if cur:
            cur_unit = {"US$": "usd", "$": "usd", "USD": "usd", "€": "eur", "¥": "yuan", "￥": "yuan",
                        "RMB": "yuan", "CNY": "yuan"}[cur]
            if unit in ("", "yuan", "usd"):
                unit = cur_unit
        if is_word and not unit:
            if not _PLURAL_NOUN_AFTER.match(text, m.end("num")) or re.match(
                    r"\s+(?:key|pillar|leading|priority|strategic|main|big|consecutive)\b", text[m.end("num"):]) or re.search(
                    r"\bof\s+(?:the\s+)?$", text[max(0, m.start("num") - 8) : m.start("num")]):
                continue
            unit = "count"
        if num == "一" and not mag and unit in ("count", ""):
            continue  # 一批, 一个, 一项: "a", not a quantity
        if not unit:
            if not num[0].isdigit() and not mag:
                continue  # a bare Chinese numeral (一批, 十四五) is not a quantity
            if not mag and _YEAR_LIKE.fullmatch(num):
                continue
        if m.group("minus"):
            value = -value
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        kind = _KIND.get(unit, "physical" if unit else "bare")
        approx = "over" if m.group("approx") else None
        out.append(NumberMention(m.start(), end, float(f"{value:.12g}"), unit, kind, text[m.start():end],
                                 approx, counter, bool(mag)))
    return _ranges(out, ranges, text) if ranges else out


def _ranges(found: list[NumberMention], ranges: dict[int, int], text: str) -> list[NumberMention]:
    """Both ends of a range (``6.5-7 percent``, ``3-5个``, ``6.5%～7%``): the lower end takes the
    upper end's magnitude and unit when it has none and is qualified ``at_least``, the upper end
    ``under``. A range whose upper end is not a quantity (1-11月, 2021-2025年) is not one."""
    by_start = {n.start: n for n in found}
    out = list(found)
    for a_start, b_start in ranges.items():
        b = by_start.get(b_start)
        a = next((n for n in found if n.start <= a_start < n.end), None)
        if b is None or a is None or not (b.unit or b.magnitude):
            out = [n for n in out if n is not a and n is not b]  # 80,000-100,000 alone: not a quantity
            continue
        if not a.unit and not a.magnitude:
            digits = re.match(r"[\d.,]+", b.text)
            suffix = b.text[digits.end() :] if digits else ""
            again = find_numbers(a.text + suffix)
            if not again:
                out = [n for n in out if n is not a]
                continue
            a2 = again[0]
            a = NumberMention(a.start, a.end, a2.value, a2.unit, a2.kind, a.text, "at_least", a2.counter, a2.magnitude)
        else:
            a = NumberMention(a.start, a.end, a.value, a.unit, a.kind, a.text, "at_least", a.counter, a.magnitude)
        out = [a if n.start == a.start else n for n in out]
        if b.unit == a.unit:
            out = [NumberMention(n.start, n.end, n.value, n.unit, n.kind, n.text, n.approx or "under", n.counter,
                                 n.magnitude) if n is b else n for n in out]
    return out
