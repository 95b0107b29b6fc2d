"""Region gazetteer: find region names in Chinese or English text and resolve them to codes.

Built from a region table (``code, name, name_en, level, parent_code``): the reference
divisions (:func:`xinzhi.reference.regions`) or a workspace's ``region`` table, which also
holds the user's parks. Chinese names match in full and in their usual short forms
(四川省 → 四川, 成都市 → 成都, 凉山彝族自治州 → 凉山州 / 凉山); English names match the
toneless pinyin of provinces and prefectures with an optional suffix and possessive
(``Sichuan Province``, ``Chengdu``, ``Jiangsu's``). Counties match by full name only, since
their short forms are often ordinary words (和平, 新华).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from xinzhi.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Gazetteer", "Place", "RegionMention", "reference_gazetteer"]

LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "park": 3, "zone": 3}

_PROVINCE_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")
_ETHNIC = "彝|藏|羌|苗|土家|布依|侗|壮|傣|白|哈尼|景颇|傈僳|回|蒙古|朝鲜|柯尔克孜|哈萨克|纳西|瑶|黎|水|仡佬|畲"
_AUTONOMOUS_PREFECTURE = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族?)+自治州$")
_EN_ETHNIC = re.compile(
    r"(?:(?:chaoxian|tujia|miao|zang|qiang|buyi|yi|dong|hani|zhuang|dai|bai|jingpo|lisu|hui|"
    r"menggu|keerkezi|hasake)(?:zu)?)+$"
)
_ZH_ANAPHORA = {"全省": "province", "本省": "province", "该省": "province", "全市": "city",
                "本市": "city", "该市": "city", "全州": "city", "全区": None, "全县": "county"}
_ANAPHOR_WORDS = tuple(_ZH_ANAPHORA)
_ANAPHOR_FIRST = {w[0] for w in _ANAPHOR_WORDS}
_EN_ANAPHOR = re.compile(
    r"\b(?:the|this) (province|city|municipality|prefecture)(?:['’]s)?\b", re.IGNORECASE
)
_EN_LEVEL = {"province": "province", "city": "city", "municipality": "province",
             "prefecture": "city"}


@dataclass(frozen=True)
class Place:
    """One region of the gazetteer."""

    code: str
    name: str
    name_en: str
    level: str
    parent_code: str


@dataclass(frozen=True)
class RegionMention:
    """A region name or a reference such as 全省 / "the city" found in text.

    ``candidates`` are the codes the name can stand for (several for 鼓楼区 or Suzhou);
    an anaphor (``全市``) has no candidates and names the ``level`` it refers to.
    """

    start: int
    end: int
    text: str
    candidates: tuple[str, ...] = ()
    level_hint: str | None = None
    anaphor: bool = False


class Gazetteer:
    """Region names → codes, with the hierarchy used to settle ambiguous names.

    Parameters
    ----------
    regions : pandas.DataFrame
        Columns ``code``, ``name``, ``level``, ``parent_code`` and optionally ``name_en``.
    """

    def __init__(self, regions: pd.DataFrame) -> None:
        missing = {"code", "name", "level", "parent_code"} - set(regions.columns)
        if missing:
            raise InputError(f"region table lacks columns {sorted(missing)}")
        self.places: dict[str, Place] = {}
        for row in regions.itertuples(index=False):
            code = str(row.code)
            self.places[code] = Place(
                code,
                str(row.name),
                str(getattr(row, "name_en", "") or ""),
                str(row.level),
                str(row.parent_code or ""),
            )
        self._zh: dict[str, set[tuple[str, bool]]] = {}
        en: dict[str, set[str]] = {}
        for p in self.places.values():
            self._add_zh(p.name, p.code, short=False)
            if p.level == "province":
                short = _PROVINCE_SUFFIX.sub("", p.name)
                self._add_zh(short, p.code, short=True)
                if p.name.endswith("省"):
                    self._add_zh(short + "省", p.code, short=False)
            elif p.level == "city":
                m = _AUTONOMOUS_PREFECTURE.match(p.name)
                if m:
                    self._add_zh(m.group(1), p.code, short=True)
                    self._add_zh(m.group(1) + "州", p.code, short=True)
                elif p.name.endswith(("市", "盟")):
                    self._add_zh(p.name[:-1], p.code, short=True)
            if p.name_en and p.level in ("province", "city", "park", "zone"):
                name_en = p.name_en
                if "自治" in p.name:
                    stripped = _EN_ETHNIC.sub("", name_en.lower())
                    if stripped:
                        name_en = stripped.capitalize()
                en.setdefault(name_en, set()).add(p.code)
        for code, aliases in _aliases().items():
            if code in self.places:
                for alias in aliases:
                    en.setdefault(alias, set()).add(code)
        self._zh_max = max((len(k) for k in self._zh), default=0)
        self._zh_first = {k[0] for k in self._zh}
        names = sorted((n for n in en if len(n) >= 4 or n in ("Xi'an",)), key=len, reverse=True)
        self._en = en
        self._en_re = re.compile(
            r"(?=[A-Z])(?<![A-Za-z])(?P<name>" + "|".join(re.escape(n) for n in names) + r")"
            r"(?P<suffix>(?:\s+(?:[A-Z][a-z]+\s+){0,3}?"
            r"(?:Autonomous\s+Region|Autonomous\s+Prefecture|Province|City|Municipality|Prefecture)))?"
            r"(?:['’]s)?(?![A-Za-z])"
        )

    def _add_zh(self, key: str, code: str, *, short: bool) -> None:
        if len(key) >= 2:
            self._zh.setdefault(key, set()).add((code, short))

    # ------------------------------------------------------------------ hierarchy
    def ancestors(self, code: str) -> list[str]:
        """Codes above ``code``, nearest first."""
        out: list[str] = []
        p = self.places.get(code)
        while p is not None and p.parent_code and p.parent_code not in out:
            out.append(p.parent_code)
            p = self.places.get(p.parent_code)
        return out

    def province_of(self, code: str) -> str:
        """The province above (or equal to) ``code``."""
        chain = [code, *self.ancestors(code)]
        return chain[-1]

    # ------------------------------------------------------------------ finding
    def find(self, text: str) -> list[RegionMention]:
        """Region mentions in ``text``, in order, non-overlapping (longest match first).

        Examples
        --------
        >>> g = reference_gazetteer()
        >>> [(m.text, m.candidates) for m in g.find("凉山州和Sichuan Province")]
        [('凉山州', ('513400',)), ('Sichuan Province', ('510000',))]
        """
        out: list[RegionMention] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch in self._zh_first:
                hit = None
                for length in range(min(self._zh_max, n - i), 1, -1):
                    entry = self._zh.get(text[i : i + length])
                    if entry:
                        hit = (length, entry)
                        break
                if hit:
                    length, entry = hit
                    full = {c for c, short in entry if not short}
                    codes = full or {c for c, _ in entry}
                    out.append(RegionMention(i, i + length, text[i : i + length], self._order(codes)))
                    i += length
                    continue
            if ch in _ANAPHOR_FIRST and text.startswith(_ANAPHOR_WORDS, i):
                word = text[i : i + 2]
                out.append(RegionMention(i, i + 2, word, (), _ZH_ANAPHORA[word], anaphor=True))
                i += 2
                continue
            i += 1
        for m in self._en_re.finditer(text):
            codes = set(self._en[m.group("name")])
            suffix = (m.group("suffix") or "").split()
            hint = None
            if suffix:
                last = suffix[-1].lower()
                hint = {"province": "province", "city": "city", "municipality": "province",
                        "region": "province", "prefecture": "city"}.get(last)
                narrowed = {c for c in codes if self.places[c].level == hint}
                codes = narrowed or codes
            out.append(RegionMention(m.start(), m.end(), m.group(0), self._order(codes), hint))
        for m in _EN_ANAPHOR.finditer(text):
            out.append(RegionMention(m.start(), m.end(), m.group(0), (),
                                     _EN_LEVEL[m.group(1).lower()], anaphor=True))
        out.sort(key=lambda r: (r.start, -(r.end - r.start)))
        kept: list[RegionMention] = []
        for r in out:
            if not kept or r.start >= kept[-1].end:
                kept.append(r)
        return kept

    def _order(self, codes: set[str]) -> tuple[str, ...]:
        return tuple(sorted(codes, key=lambda c: (LEVEL_RANK.get(self.places[c].level, 4), c)))

    # ------------------------------------------------------------------ resolving
    def context(self, mentions: list[RegionMention]) -> tuple[set[str], str | None]:
        """Codes named unambiguously in a document, and the document's main province."""
        sure = {m.candidates[0] for m in mentions if len(m.candidates) == 1}
        provinces = Counter(self.province_of(c) for c in sure)
        province = provinces.most_common(1)[0][0] if provinces else None
        return sure, province

    def choose(self, mention: RegionMention, *, sure: set[str], province: str | None) -> str:
        """Pick one code for an ambiguous mention.

        Preference: a candidate under a region the document names unambiguously, then one in
        the document's main province, then the highest level (吉林 → the province), then the
        lowest code.
        """
        cands = list(mention.candidates)
        if len(cands) == 1:
            return cands[0]

        def key(c: str) -> tuple[int, int, int, str]:
            anc = self.ancestors(c)
            under = -sum(1 for a in anc if a in sure)
            in_prov = 0 if province and self.province_of(c) == province else 1
            return (under, in_prov, LEVEL_RANK.get(self.places[c].level, 4), c)

        return min(cands, key=key)

    def lift(self, code: str, level: str | None) -> str:
        """``code`` or its ancestor at ``level`` (全省 after a city name means its province)."""
        if level is None or code not in self.places:
            return code
        if self.places[code].level == level:
            return code
        for a in self.ancestors(code):
            if a in self.places and self.places[a].level == level:
                return a
        return code


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    text = resources.files("xinzhi.intelligence").joinpath("data/region_aliases.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k): tuple(str(v) for v in vs) for k, vs in data.items()}


@cache
def reference_gazetteer() -> Gazetteer:
    """Gazetteer of the bundled GB/T 2260 divisions (all provinces, cities and counties)."""
    from xinzhi.reference import regions

    return Gazetteer(regions())
