"""Numbers in running text: Arabic and Chinese numerals, magnitudes and units, to base units.

A mention such as ``60132.9亿元`` becomes ``6.01329e12`` yuan, ``两万余家`` becomes 20,000
enterprises with the qualifier ``over``, ``6.5 percent`` and ``百分之二点六`` become the
fractions 0.065 and 0.026, ``1.3 million`` becomes 1,300,000. Chinese numerals are read with
``cn2an``; magnitudes follow the statutory definitions (万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹²;
million = 10⁶, billion = 10⁹, trillion = 10¹²).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

__all__ = ["NumberMention", "find_numbers", "parse_chinese_numeral"]

# kind of a number mention
MONEY, COUNT, PERCENT, POINTS, TIMES, OTHER, FOREIGN = (
    "money", "count", "percent", "points", "times", "other", "foreign",
)

_ZH_MAG = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4,
           "千": 1e3}
_EN_MAG = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6,
           "thousand": 1e3}

_ZH_DIGITS = "零〇一二两三四五六七八九"
_ZH_NUMERAL = f"[{_ZH_DIGITS}十][{_ZH_DIGITS}十百千万亿点]*"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_ZH_UNITS_COUNT = "家|个|项|辆|台|户|座|件|名|款|套|条|所|批"
_ZH_UNITS_OTHER = "千瓦时|千瓦|兆瓦|吨标准煤|吨|亩|平方米|平方公里|公里|米|人次|人|千克|度|个月|年|月|日|号|岁|天|倍数"
_EN_UNITS_MONEY = r"yuan|RMB|renminbi"
_EN_UNITS_FOREIGN = r"U\.?S\.?\s(?:dollars|\$)|dollars|euros"

_NUMBER_RE = re.compile(
    rf"""
    (?P<pct_zh>百分之(?P<pct_num>{_ARABIC}|[{_ZH_DIGITS}十百点]+))
    |(?:(?P<fx>US\$|\$|€)\s?)?(?P<num>{_ARABIC}|{_ZH_NUMERAL})
     (?:(?P<mag_zh>万亿|千亿|百亿|千万|百万|亿|万|千)
        |\s?(?P<mag_en>trillion|billion|million|thousand|bn|mn)\b)?
     (?P<approx>余|多)?
     (?:(?P<money_zh>元|美元)
        |(?P<pp>个百分点|\s?percentage\spoints?|\s?pct\spoints?)
        |(?P<pct>%|％|\s?percent\b|\s?per\s?cent\b)
        |(?P<times>倍|\s?times\b|-fold\b)
        |(?P<count_zh>{_ZH_UNITS_COUNT})
        |(?P<other_zh>{_ZH_UNITS_OTHER})
        |\s?(?P<money_en>{_EN_UNITS_MONEY})\b
        |\s?(?P<foreign_en>{_EN_UNITS_FOREIGN})\b
        |\s?(?P<count_en>units|vehicles|sets)\b
        |\s?(?P<other_en>tonnes|tons|kilowatts|kilowatt-hours|kWh|mu|square\smeters|hectares|people|years|days|months|km)\b
     )?
    """,
    re.VERBOSE,
)

_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_RANGE_AFTER = re.compile(r"\s*[—–\-~～至到]\s*(?:\d|[一二三四五六七八九十])")


@dataclass(frozen=True)
class NumberMention:
    """A number found in text.

    Attributes
    ----------
    start, end : int
        Character offsets of the mention (number, magnitude and unit).
    value : float
        Value in base units: yuan for money, units for counts, a fraction for percentages
        and percentage points, the multiplier for ``倍`` / ``times``.
    kind : str
        ``money``, ``count``, ``percent``, ``points``, ``times``, ``foreign`` (another
        currency), ``other`` (a unit outside the lexicon, such as 千瓦 or tonnes) or
        ``bare`` (a number without unit).
    approx : str or None
        ``over`` when the mention itself says so (``两万余家``, ``300多个``).
    """

    start: int
    end: int
    value: float
    kind: str
    text: str
    approx: str | None = None


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
    try:
        return float(parse_chinese_numeral(num))
    except ValueError:
        return None


def find_numbers(text: str) -> list[NumberMention]:
    """All number mentions in ``text`` with their value in base units.

    Years written as four digits without unit or magnitude (``2023``) and numbers followed by a
    date or duration unit (``11月``, ``20日``, ``3 years``) are not returned.

    Examples
    --------
    >>> [(m.value, m.kind) for m in find_numbers("GDP 60132.9亿元，增长6.0%")]
    [(6013290000000.0, 'money'), (0.06, 'percent')]
    >>> [(m.value, m.kind, m.approx) for m in find_numbers("企业两万余家, 1.3 million units")]
    [(20000.0, 'count', 'over'), (1300000.0, 'count', None)]
    """
    out: list[NumberMention] = []
    for m in _NUMBER_RE.finditer(text):
        if m.group("pct_zh"):
            v = _to_float(m.group("pct_num"))
            if v is not None:
                v = float(f"{v / 100:.12g}")
                out.append(NumberMention(m.start(), m.end(), v, PERCENT, m.group(0)))
            continue
        num = m.group("num")
        # reject digits glued to letters (model names such as 5G, A380) and date parts
        if m.start("num") > 0 and text[m.start("num") - 1].isalpha() and text[m.start("num") - 1].isascii():
            continue
        glued = text[m.end("num") : m.end("num") + 1]
        if glued.isascii() and glued.isalpha():
            continue
        if _RANGE_AFTER.match(text, m.end("num")):
            continue  # start of a range such as 1—11月
        value = _to_float(num)
        if value is None:
            continue
        mag = m.group("mag_zh") or m.group("mag_en")
        if mag:
            value *= _ZH_MAG.get(mag) or _EN_MAG[mag.lower()]
        approx = "over" if m.group("approx") else None
        end = m.end()
        if m.group("money_zh") == "美元" or m.group("fx") or m.group("foreign_en"):
            kind = FOREIGN
        elif m.group("money_zh") or m.group("money_en"):
            kind = MONEY
        elif m.group("pp"):
            kind, value = POINTS, value / 100
        elif m.group("pct"):
            kind, value = PERCENT, value / 100
        elif m.group("times"):
            kind = TIMES
        elif m.group("count_zh") or m.group("count_en"):
            kind = COUNT
        elif m.group("other_zh") or m.group("other_en"):
            kind = OTHER
        else:
            kind = "bare"
            if not mag and _YEAR_LIKE.fullmatch(num):
                continue
            if not num[0].isdigit() and not mag:
                continue  # a bare Chinese numeral (一批, 十四五) is not a quantity
        if kind == OTHER and m.group("other_zh") in ("年", "月", "日", "号", "个月", "天", "岁"):
            continue
        value = float(f"{value:.12g}")  # drop binary noise such as 0.044000000000000004
        out.append(NumberMention(m.start(), end, value, kind, text[m.start() : end], approx))
    return out
