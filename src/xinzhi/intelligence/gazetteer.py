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
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from xinzhi.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COUNTRY", "Gazetteer", "Place", "RegionMention", "reference_gazetteer"]

LEVEL_RANK = {"country": -1, "province": 0, "city": 1, "county": 2, "park": 3, "zone": 3}

_PROVINCE_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")
_ETHNIC = "彝|藏|羌|苗|土家|布依|侗|壮|傣|白|哈尼|景颇|傈僳|回|蒙古|朝鲜|柯尔克孜|哈萨克|纳西|瑶|黎|水|仡佬|畲"
_AUTONOMOUS_PREFECTURE = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族?)+自治州$")
_EN_ETHNIC = re.compile(
    r"(?:(?:chaoxian|tujia|miao|zang|qiang|buyi|yi|dong|hani|zhuang|dai|bai|jingpo|lisu|hui|"
    r"menggu|keerkezi|hasake)(?:zu)?)+$"
)
_ZH_ANAPHORA = {"全省": "province", "本省": "province", "该省": "province", "我省": "province",
                "全市": "city", "本市": "city", "该市": "city", "我市": "city", "全州": "city", "本州": "city",
                "我州": "city", "全区": None, "我区": None, "本区": None, "全县": "county", "我县": "county"}
_ANAPHOR_WORDS = tuple(_ZH_ANAPHORA)
_ANAPHOR_FIRST = {w[0] for w in _ANAPHOR_WORDS}
_EN_ANAPHOR = re.compile(
    # "provincial" names the document's province, but not in "provincial-level regions" (all of them)
    r"\b(?:(?:the|this) (?:(?:whole|entire) )?(province|city|municipality|prefecture|region|autonomous region|league)(?:['’]s)?|"
    r"(?<!sub-)(provincial)(?![\s-]+level\b)(?!\s+(?:regions|capitals|governments|economies|average|averages)\b))\b",
    re.IGNORECASE,
)
_EN_LEVEL = {"province": "province", "city": "city", "municipality": "province", "prefecture": "city",
             "region": "province", "autonomous region": "province", "league": "city", "provincial": "province"}
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_HAS_UPPER = re.compile(r"[A-Z][a-z]")
#: the whole country, written as a subject (全国, China's, nationwide); see :data:`COUNTRY`
COUNTRY = "CN"
_ZH_COUNTRY = re.compile(
    r"全国|我国|国家统计局|工业和信息化部|工信部|国务院|国家发展改革委|国家发改委|国家市场监督管理总局|市场监管总局|"
    r"商务部|海关总署|财政部|科学技术部|科技部|中国汽车工业协会|中国电子信息行业联合会")
_ZH_COUNTRY_SKIP_BEFORE = re.compile(r"(?:高于|低于|快于|慢于|超过|领先|居|占|比|较|于|与|同|和|的|在|为|达|到|列|入|是|拓展|面向|辐射|覆盖|销往|走向)$")
_ZH_COUNTRY_SKIP_AFTER = re.compile(r"^(?:首|第|前|最|平均|同期|水平|总量|比重|的|[0-9一二三四五六七八九十]|排名|排位|领先|各|范围|性|统一|率先|唯一|主要|近|百强|十强|乃至|市场|人民|"
    r"重点|文明|先进|示范|劳模|优秀|城市)")  # 全国重点实验室, 全国文明城市, 全国城市第8: a class or a rank, not the country
_EN_COUNTRY = re.compile(
    r"\b(?:China['’]s|China|Chinese|nationwide|the country(?:['’]s)?|the nation(?:['’]s)?|"
    r"(?:the\s+)?Ministry\s+of\s+(?:Industry\s+and\s+Information\s+Technology|Commerce|Finance|Science\s+and\s+Technology)|"
    r"MIIT|(?:the\s+)?National\s+Bureau\s+of\s+Statistics|NBS|(?:the\s+)?State\s+Council|"
    r"(?:the\s+)?National\s+Development\s+and\s+Reform\s+Commission|NDRC|(?:the\s+)?General\s+Administration\s+of\s+Customs|"
    r"(?:the\s+)?China\s+Association\s+of\s+Automobile\s+Manufacturers|CAAM)\b"
    r"(?!\s+(?:Daily|News|Report|Academy|Securities|Mobile|Telecom|Unicom|Times|Optics|Chongqing|Sichuan))")
_EN_COUNTRY_SKIP_BEFORE = re.compile(
    r"(?:\b(?:highest|largest|lowest|biggest|fastest|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d{1,3}(?:st|nd|rd|th)|top|leading|lead|leads|led|leader|ranks?|ranked|ranking|"
    r"among|than|throughout|outside|place|best|most)\s+(?:\w+\s+){0,3}(?:in|across|of|nationwide)?\s*(?:the\s+)?|"
    r"\b(?:across|around|(?:exported|sold|shipped)\s+(?:\w+\s+)?to)\s+(?:the\s+)?|[“\"'‘]|"
    r"\b(?:known|dubbed|hailed|regarded|described|billed)\s+as\s+|"  # "known as the country's 'grain barn'"
    r"(?:\bpercent|\bper\s+cent|%|\bone-\w+|\btwo-\w+|\bthree-\w+|\bhalf|\bquarter|\bthird)\s+of\s+(?:the\s+)?|"  # "40 percent of China's talc"
    r"\b(?:north|south|east|west|central|northeast|northwest|southeast|southwest|northern|southern|eastern|western)\s+)$",
    re.IGNORECASE)
#: nouns after which "Chinese" names the country as the figure's subject (the Chinese economy)
_CHINESE_NATIONAL_NOUN = re.compile(
    r"\s+(?:(?:[a-z-]+\s+)?(?:economy|economic|GDP|market|markets|government|mainland|nation|people|consumers|"
    r"exports?|imports?|cities|provinces|enterprises|companies|firms|manufacturers|industr\w*|authorities|output|"
    r"businesses|banks|investors|investment|trade|retail|automakers|carmakers))\b")
_EN_COUNTRY_SKIP_AFTER = re.compile(r"^\s*(?:total|average|overall|GDP\b|level|[A-Z][a-z]+\s+(?:Province|City|Municipality))",
                                    re.IGNORECASE)
_EN_ZONE_ANAPHOR = re.compile(r"\b(?:[Tt]he|[Tt]his)\s+(?:[a-z][\w-]*\s+){0,2}?(?:zone|new\s+area|economic\s+circle|"
                              r"industrial\s+park|valley)\b")
#: region names that are also ordinary words, never matched as regions
_COMMON_WORDS = {"城区", "郊区", "矿区", "新区", "市区", "东区", "西区", "南区", "北区", "中区", "新城区", "高新区", "开发区"}
_EVENT_BEFORE = re.compile(r"\b(?:briefing|conference|meeting|forum|expo|summit|ceremony|held|session|congress)\s+in\s*$",
                           re.IGNORECASE)
_EVENT_AFTER_ZH = re.compile(r"^\s*(?:举行|召开|举办|开幕|闭幕)")
#: a venue: 现场会在恒口示范区(试验区)归雁经济产业园主会场召开 — the place of a meeting is not a subject
_VENUE_BEFORE_ZH = re.compile(r"(?:在|于)\s*$")
_VENUE_AFTER_ZH = re.compile(r"^[^，,。；;：:！？]{0,30}?(?:举行|召开|举办|开幕|闭幕)")
#: fixed phrases and names that contain a region's short name but are not about the region:
#: 长治久安 (lasting peace and order, an idiom of every Xinjiang and Tibet report), not 长治;
#: 中山大学 / 中山路 (named after Sun Yat-sen), not 中山
_PLACE_IN_WORD = re.compile(r"长治久安|中山(?:大学|路|北路|南路|东路|西路|公园|装)")
#: 县区, 县市, 县域 after a two-character county name (和县, 萧县): an ordinary word, not the county
_COUNTY_WORD_AFTER = re.compile(r"^[区市域级乡城]")
_DENOMINATOR_BEFORE_EN = re.compile(r"\bwhole\s+of\s+$|\bthe\s+(?:whole|entire)\s+$|"
                                    r"\b(?:of|to|in)\s+(?:the\s+)?total\s+(?:[\w-]+\s+){0,4}?(?:of|from|in)\s+(?:the\s+)?(?:whole\s+of\s+)?$",
                                    re.IGNORECASE)
#: the whole of a share: "Nanning's regional GDP to Guangxi's total", "of the region's total"
_DENOMINATOR_AFTER_EN = re.compile(r"(?<=['’]s)\s+(?:total|overall\s+total)\b")
#: the base of a comparison: "better than the national average and Sichuan provincial figure", "faster than Sichuan"
_THAN_BEFORE_EN = re.compile(r"\b(?:than|as)\s+(?:that\s+of\s+|those\s+of\s+)?(?:the\s+)?(?:(?:national|provincial|country['’]s|"
                             r"nation['’]s)\s+(?:average|figure|level|rate|growth)s?\s*(?:,|and|or)\s+(?:the\s+)?)?"
                             r"(?:[A-Z][a-z]+\s+)?$")
_RANK_BEFORE_EN = re.compile(r"\b(?:place|first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|top\s+\w+|ranks?|ranked|ranking|among|"
                             r"terms\s+of)\s+in\s*$|"
                             r"\bamong\s+(?:\w+\s+){0,6}$|\bin\s+terms\s+of\s*$|"
                             r"\b(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)|only)\s+(?:\w+\s+){0,2}?(?:after|behind|to)\s+"
                             r"(?:(?:[A-Z][\w'’]*\s+){1,3}in\s+)?$|"
                             r"\bbehind\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+(?:City|and)|,)?\s+){0,4}$",
                             re.IGNORECASE)
#: the end of an infrastructure's name after a place name joined to another by a hyphen: "the Lhasa-Nyingchi
#: Railway", "the Jakarta-Bandung High-Speed Railway" (a route, not the figure's region)
_IN_A_NAME_EN = re.compile(r"(?:-[A-Z][a-z]+)?\s+(?:High-Speed\s+)?(?:Railway|Railroad|Expressway|Highway|Line|Pipeline|"
                           r"Bridge|Tunnel|Canal)\b")
#: a common Chinese surname right before a county's name makes it a person's given name ("said Yao Yongfeng")
_SURNAME_BEFORE_EN = re.compile(
    r"\b(?:Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Luo|Gao|Zheng|Liang|Xie|Song|"
    r"Tang|Han|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Yu|Du|Ye|Cheng|Wei|Su|Ding|Ren|Lu|Shen|Yao|"
    r"Jin|Fan|Fang|Shi|Wen|Qian|Qin|Kong|Bai|Cui|Kang|Mao|Qiu|Jia|Xia|Tan|Zou|Xiong|Meng|Hao|Gu|Hou|Shao|Wan|Duan|"
    r"Lei|Yin|Long|Dai|Mo|Yan|Xue|Niu|Ni|Ou|Geng|Chang|Zhong|Hong|Fu|Shang)\s+$")
_GENERIC_ZONE_PREFIX = ("工业", "产业", "经济", "开发", "高新技术", "国家级", "省级", "市级", "重点", "特色", "化工", "物流",
                        "农业", "科技", "现代", "先进", "综合", "临空", "临港", "保税", "园区", "示范", "试验")
#: periods and 全市 / 全省 written before a zone name (一季度全市工业园区): not part of the name
_ZONE_LEAD = re.compile(r"^(?:今年|去年|上年|全年|上半年|下半年|前三季度|[一二三四]季度|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?|"
                        r"截至|截止|目前|当前|同期|全市|全省|全区|全县|全州)+")
#: an honour or a list a place is named in (获评江苏省…示范区, 泰州港经济开发区入选…试点): the place is the
#: honour's name or what won it, not the subject of the figures after it
_HONOUR_ZH = re.compile(r"(?:获评|入选|荣获|获批|被评为|被列为|被命名为|列入|创成|成功创建)([^，,。；;\d]*)(?=[，,。；;]|$)")
_HONOUR_AFTER_ZH = re.compile(r"[^，,。；;\d]{0,6}?(?:获评|入选|荣获|被评为|被列为|被命名为|成功创建|创成)[^，,。；;\d]*(?=[，,。；;]|$)")
_BRACKETED_NAME = re.compile(r"[(（]([^()（）]{2,12})[)）]")
#: zones and areas without a GB/T 2260 code: kept by name
_ZH_ZONE = re.compile(
    r"(?<![\u4e00-\u9fff])?[\u4e00-\u9fff]{2,8}?(?:平原经济区|经济区|经济圈|经济带|生态示范区|示范区|新区|开发区|高新区|经开区|试验区|自贸区|自由贸易试验区|园区|城市群|都市圈)")
_EN_ZONE = re.compile(
    r"(?:(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*|of|and)\s+){1,6}?(?i:New\s+Area|New\s+Zone|(?:Hi|High)-?[Tt]ech\s+(?:Industries\s+)?(?:Development\s+)?Zone|Development\s+Zone|Economic\s+(?:Circle|Zone|Belt)|Demonstration\s+Zone|Industrial\s+Park|Pilot\s+Zone|Free\s+Trade\s+Zone|Bay\s+Area|Metropolitan\s+(?:Area|Circle|Region))")


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for many literal words, factored by common prefixes (a trie), so
    that matching costs the length of a name rather than the number of names; at each branch the
    longer continuation is tried first, as in an alternation sorted longest first.

    >>> re.fullmatch(_trie_pattern(["Baiyun", "Baiyun District", "Baoding"]), "Baiyun District") is not None
    True
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)


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
    an anaphor (``全市``) has no candidates and names the ``level`` it refers to. A zone without a
    code (``zone``) may know the region it lies in (``within``, ``data/zones.yaml``).
    """

    start: int
    end: int
    text: str
    candidates: tuple[str, ...] = ()
    level_hint: str | None = None
    anaphor: bool = False
    zone: bool = False
    within: str | None = None


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
                if "'" in name_en:  # Xi'an is also written Xi’an and, in English text, Xian
                    en.setdefault(name_en.replace("'", "’"), set()).add(p.code)
                    en.setdefault(name_en.replace("'", ""), set()).add(p.code)
        # county-level cities (义乌市 Yiwu, 仁怀市 Renhuai, 昆山市 Kunshan) are named in English news
        # too; a name a province or prefecture already has keeps meaning that (Jinzhou is 锦州)
        # a district's or county's name stands alone when no other unit has it (Pudong, Conghua,
        # Nankang); one shared by several (Baiyun in Guangzhou and Guiyang) only with its "District" or
        # "County"; either way the page's province or city decides between namesakes
        higher = set(en)
        counties: dict[str, list[Place]] = {}
        for p in self.places.values():
            if p.level == "county" and p.name_en and len(p.name_en) >= 4 \
                    and p.name_en not in higher and p.name_en.replace("'", "") not in higher:
                counties.setdefault(p.name_en, []).append(p)
        for name_en, units in counties.items():
            cities = [u for u in units if u.name.endswith("市")]
            alone = units if len(units) == 1 else cities  # Yiwu is 义乌市 (伊吾县 is "Yiwu County")
            named = [(name_en, alone)] if alone else []
            named += [(f"{name_en} {kind}", units) for kind in ("District", "County", "district", "county")]
            if cities:
                named += [(f"{name_en} {kind}", cities) for kind in ("City", "city")]
            areas = [u for u in units if u.name.endswith("新区")]
            if areas:  # 浦东新区 is "Pudong New Area", a district and not a zone without a code
                named += [(f"{name_en} New Area", areas)]
            for key, group in named:
                for u in group:
                    en.setdefault(key, set()).add(u.code)
                    if "'" in key:
                        en.setdefault(key.replace("'", "’"), set()).add(u.code)
        self.places.setdefault(COUNTRY, Place(COUNTRY, "中国", "China", "country", ""))
        if "510000" in self.places:
            self._add_zh("全川", "510000", short=False)  # 全川: the whole of Sichuan
        for code, aliases in _aliases().items():
            if code in self.places:
                for alias in aliases:
                    en.setdefault(alias, set()).add(code)
        self._zh_max = max((len(k) for k in self._zh), default=0)
        lengths: dict[str, set[int]] = {}
        for k in self._zh:
            lengths.setdefault(k[0], set()).add(len(k))
        self._zh_lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}
        self._zh_first = set(self._zh_lengths)
        names = sorted((n for n in en if len(n) >= 4 or n in ("Xi'an",)), key=len, reverse=True)
        self._en = en
        self._en_re = re.compile(
            r"(?=[A-Z])(?<![A-Za-z])(?P<name>" + _trie_pattern(names) + r")"
            r"(?P<suffix>(?:\s+(?:[A-Z][a-z]+\s+){0,3}?"
            r"(?:Autonomous\s+Region|Autonomous\s+Prefecture|Province|City|Municipality|Prefecture)))?"
            r"(?:['’]s)?(?![A-Za-z])"
        )

    def _add_zh(self, key: str, code: str, *, short: bool) -> None:
        if len(key) >= 2 and key not in _COMMON_WORDS:
            self._zh.setdefault(key, set()).add((code, short))

    # ------------------------------------------------------------------ hierarchy
    def ancestors(self, code: str) -> list[str]:
        """Codes above ``code``, nearest first (the country, ``CN``, is not listed)."""
        out: list[str] = []
        p = self.places.get(code)
        while p is not None and p.parent_code and p.parent_code not in out:
            out.append(p.parent_code)
            p = self.places.get(p.parent_code)
        return out

    def is_above(self, upper: str, code: str) -> bool:
        """``upper`` contains ``code``: an ancestor, or the country above any region."""
        return (upper == COUNTRY and code != COUNTRY) or upper in self.ancestors(code)

    def province_of(self, code: str) -> str:
        """The province above (or equal to) ``code`` (the country for ``CN``)."""
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
        has_cjk = _HAS_CJK.search(text) is not None
        while has_cjk and i < n:
            ch = text[i]
            if ch in self._zh_first:
                hit = None
                for length in self._zh_lengths[ch]:
                    if length > n - i:
                        continue
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
        for m in (self._en_re.finditer(text) if _HAS_UPPER.search(text) else ()):
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
                                     _EN_LEVEL[(m.group(1) or m.group(2)).lower()], anaphor=True))
        for m in _ZH_COUNTRY.finditer(text):
            if m.group(0) in ("全国", "我国"):
                if _ZH_COUNTRY_SKIP_BEFORE.search(text[max(0, m.start() - 2) : m.start()]):
                    continue
                if _ZH_COUNTRY_SKIP_AFTER.match(text[m.end() : m.end() + 2]):
                    continue
            elif not re.match(r"[^，,。；;]{0,8}?(?:发布|公布|数据|统计|显示|印发|介绍|表示|消息|通报|公告)", text[m.end() : m.end() + 12]):
                continue  # a national body counts when it reports figures, not in 党中央国务院领导下
            out.append(RegionMention(m.start(), m.end(), m.group(0), (COUNTRY,)))
        for m in _EN_COUNTRY.finditer(text):
            if _EN_COUNTRY_SKIP_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            if re.search(r"(?:exported|imported|made|produced|built|manufactured|assembled|shipped|sold)\s+(?:\w+\s+)?(?:from|in|to)\s+$",
                         text[max(0, m.start() - 30) : m.start()]):
                continue
            if _EN_COUNTRY_SKIP_AFTER.match(text[m.end() : m.end() + 30]) and not (
                    re.match(r"\s*GDP\s+growth\s+(?:target|goal)", text[m.end() : m.end() + 30])):
                continue  # "of China's GDP" is a whole; "China's GDP growth target" is the country's
            if m.group(0) == "Chinese" and (
                    re.match(r"[^,.;]{0,60}?\bin\s+(?!China\b)[A-Z][a-z]+", text[m.end() : m.end() + 80])
                    or not _CHINESE_NATIONAL_NOUN.match(text, m.end())):
                continue  # "294 Chinese Baijiu enterprises … in Sichuan", "3.6 million kiloliters of Chinese Baijiu":
                # an adjective of a product or of a group located elsewhere, not the country as a subject
            out.append(RegionMention(m.start(), m.end(), m.group(0), (COUNTRY,)))
        for m in _EN_ZONE_ANAPHOR.finditer(text):
            out.append(RegionMention(m.start(), m.end(), m.group(0), (), "zone", anaphor=True))
        for m in _ZH_ZONE.finditer(text):
            name = m.group(0)
            lead = _ZONE_LEAD.match(name)
            start = m.start() + (lead.end() if lead else 0)
            cut = max((i + 1 for i, ch in enumerate(text[start : m.end()]) if ch in "在于会的"), default=0)
            start += cut  # 现场会在恒口示范区: the zone is 恒口示范区
            name = text[start : m.end()]
            if len(name) < 3 or name[0] in "全个和及与的在各本该我其等这那此" or name.startswith(_GENERIC_ZONE_PREFIX) or re.match(
                    r"(?:建设|获批|打造|创建|成立|设立|申报|培育|推进|加快|布局|依托|入驻|国家|省级)", name) or re.search(
                    r"建设|打造|创建|争创|共同富裕|高质量发展|等|[一二两三四五六七八九十\d]+个", name):
                continue  # 高质量发展建设共同富裕示范区: a zone being built or a policy's name, not a place named;
                # 临湘工业园等两个专业化工园区: a count of zones
            if self._region_then_generic(name):
                continue  # 绵阳市产业园区: the city's parks together, i.e. the city
            out.append(RegionMention(start, m.end(), name, (), zone=True, within=_zone_within(name)))
        for m in _EN_ZONE.finditer(text):
            name = re.sub(r"^(?:the|The|of|and)\s+", "", m.group(0))
            out.append(RegionMention(m.end() - len(name), m.end(), name, (), zone=True, within=_zone_within(name)))
        words = [(m.start(), m.end()) for m in _PLACE_IN_WORD.finditer(text)] if has_cjk else []
        if words:
            out = [r for r in out if not any(a <= r.start and r.end <= b for a, b in words)]
        out = [r for r in out if not (_EVENT_BEFORE.search(text[max(0, r.start - 40) : r.start])
                                      or _EVENT_AFTER_ZH.match(text[r.end : r.end + 4])
                                      or (_VENUE_BEFORE_ZH.search(text[max(0, r.start - 2) : r.start])
                                          and _VENUE_AFTER_ZH.match(text[r.end : r.end + 34]))
                                      or (r.end - r.start == 2 and r.text.endswith("县")
                                          and _COUNTY_WORD_AFTER.match(text[r.end : r.end + 1]))
                                      or _DENOMINATOR_BEFORE_EN.search(text[max(0, r.start - 50) : r.start])
                                      or _DENOMINATOR_AFTER_EN.match(text, r.end)
                                      or (not has_cjk and _THAN_BEFORE_EN.search(text[max(0, r.start - 70) : r.start]))
                                      or (r.candidates != (COUNTRY,) and _RANK_BEFORE_EN.search(text[max(0, r.start - 40) : r.start]))
                                      or self._part_of_a_name_en(text, r))]
        if has_cjk:
            honours = [(m.start(1), m.end(1)) for m in _HONOUR_ZH.finditer(text)]
            out = [r for r in out if not any(a <= r.start < b for a, b in honours)]
        out.sort(key=lambda r: (-(r.end - r.start), r.start))
        taken: list[RegionMention] = []
        for r in out:
            if all(r.end <= t.start or r.start >= t.end for t in taken):
                taken.append(r)
        taken.sort(key=lambda r: r.start)
        if has_cjk:  # the last place named before 获评 / 入选 is what won the honour
            taken = [r for i, r in enumerate(taken) if not (
                r.candidates != (COUNTRY,) and (h := _HONOUR_AFTER_ZH.match(text, r.end)) is not None
                and not (i + 1 < len(taken) and taken[i + 1].start < h.end()))]
        # 泰州医药高新区(高港区): a zone and, in brackets, the district it is — one mention of the district
        named = {(r.start, r.end): r for r in taken if r.candidates and not r.anaphor}
        out = []
        for r in taken:
            b = _BRACKETED_NAME.match(text, r.end) if r.zone else None
            inner = named.pop((b.start(1), b.end(1)), None) if b else None
            if b and inner is not None:
                r = replace(inner, start=r.start, end=b.end(), text=text[r.start : b.end()])
            elif r.candidates and not r.anaphor and (r.start, r.end) not in named:
                continue  # the district of a zone just merged
            out.append(r)
        return out

    def _part_of_a_name_en(self, text: str, r: RegionMention) -> bool:
        """An English place name used in another name: a route joined by a hyphen (the Lhasa-Nyingchi
        Railway), or a county's name before "trains" (200 Fuxing trains) or after a common surname
        ("said Yao Yongfeng")."""
        if not r.candidates or r.anaphor:
            return False
        if _IN_A_NAME_EN.match(text, r.end) and (not re.match(r"\s", text[r.end : r.end + 1])
                                                 or re.search(r"[A-Z][a-z]+-$", text[max(0, r.start - 20) : r.start])):
            return True
        county = all(self.places[c].level == "county" for c in r.candidates if c in self.places)
        return county and bool(re.match(r"\s+(?:bullet\s+|high-speed\s+)?trains?\b", text[r.end : r.end + 25])
                               or _SURNAME_BEFORE_EN.search(text, max(0, r.start - 10), r.start))

    def _region_then_generic(self, name: str) -> bool:
        """A zone name that is a region's name and generic words only (绵阳市产业园区, 成都工业园区)."""
        for length in self._zh_lengths.get(name[0], ()):
            if self._zh.get(name[:length]):
                rest = name[length:]
                return rest == "园区" or rest.startswith(_GENERIC_ZONE_PREFIX[:2]) or rest.startswith("园区")
        return False

    def _order(self, codes: set[str]) -> tuple[str, ...]:
        return tuple(sorted(codes, key=lambda c: (LEVEL_RANK.get(self.places[c].level, 4), c)))

    def codes_in(self, text: str) -> list[str]:
        """Codes of the regions named unambiguously in ``text`` (a title, a source), in order."""
        out = []
        for m in self.find(text):
            if m.candidates and not m.anaphor:
                sure, province = self.context([m])
                out.append(self.choose(m, sure=sure, province=province))
        return out

    # ------------------------------------------------------------------ resolving
    def context(self, mentions: list[RegionMention]) -> tuple[set[str], str | None]:
        """Codes named unambiguously in a document, and the document's main province."""
        sure = {m.candidates[0] for m in mentions if len(m.candidates) == 1 and m.candidates[0] != COUNTRY}
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
def _zones() -> dict[str, str]:
    """Names (Chinese and English, lower case) of the national-level new areas → the region
    containing each (``data/zones.yaml``)."""
    text = resources.files("xinzhi.intelligence").joinpath("data/zones.yaml").read_text("utf-8")
    out = {}
    for z in (yaml.safe_load(text) or {}).get("zones") or []:
        for name in (z["zh"], *z.get("en", ())):
            out[str(name).lower()] = str(z["within"])
    return out


def _zone_within(name: str) -> str | None:
    """The region containing a zone named ``name`` (河北雄安新区, Gui'an New Area), if known."""
    low = name.lower()
    return next((code for key, code in _zones().items() if low.endswith(key)), None)


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
