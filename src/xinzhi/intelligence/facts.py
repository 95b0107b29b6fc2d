"""The fact extractor: every quantity of a text with its subject, region, period and kind.

Open vocabulary: a fact is produced for every quantity that measures something, whether or not
its subject is in the indicator lexicon. Rules, in the order they apply to each number of a
sentence (see ``docs/extraction.md``):

1. **Quantities** (:mod:`~xinzhi.intelligence.numbers`): value and canonical unit; dates,
   durations, ordinals, ranks, names, document and phone numbers are never quantities.
2. **Not facts** although quantities: the size of the universe a count is taken from
   (``41个大类行业中``), thresholds that define a group, an eligibility line or a streak
   (``亿元以上项目``, ``enterprises with annual turnover of at least 20 million yuan``,
   ``保持8%以上增长``, the bound after a count of units: ``7个市州达到1000亿元以上``), a
   conversion into another currency in brackets, a denominator (``per 10,000 people``).
3. **Measure.** ``change`` for percentage points and for amounts after 增加 / increased by;
   ``share`` after a share phrase (占…比重, accounting for, 贡献率); ``growth`` after a growth
   word (增长, 下降, up, fell …), negative after a word of decline; else ``level``.
   ``增长N倍`` is growth of N×100 %. A bare number after a growth word and before
   "year-on-year" is a percentage.
4. **Subject.** The phrase between the previous number (or the clause start) and this number,
   without region, period, verbs and fillers; empty → the previous subject of the sentence.
   ``X、Y分别增长a%、b%`` and "A and B grew a and b, respectively" map subjects (and regions)
   in order. The subject is mapped to a lexicon code, a GB/T 4754 sector and a product tag
   (:mod:`~xinzhi.intelligence.vocabulary`); the ``indicator`` is the lexicon code or, failing
   that, the subject text.
5. **Region.** The nearest region named before the number in the sentence (a finer one named
   just before its ancestor wins: "Suzhou in east China's Anhui Province"); else the first after
   it; else the last named earlier in the document; else the headline's, the source's, then
   ``default_region``. 全省 / 我市 / "the province" lift the last region to that level; names in
   comparisons (高于全国, of China's total) are ignored. The whole country is ``CN`` (also for a
   text that names no province or city but speaks of China / 全国); zones without a code keep
   their name (``region_text``) and no code, but a region's parks together (绵阳市产业园区,
   全市工业园区) are the region. A place named in one item of a bulleted list (●广州…) does not
   carry over to the next items; a Chinese region in a later clause of the sentence is not the
   number's (…增长5.8%，深圳成为…); lists of comparisons (高于全国、全省) are ignored.
6. **Period.** Chinese: the nearest period before the number in the sentence, else right after
   it; English: right after it in the clause ("up 6 percent in 2023"), else before. Comparison
   bases (比上半年, than the first quarter) are skipped. Else the last period earlier in the
   document, else the headline's period. Relative periods resolve against the publication date.
   A 'respectively' group whose items are periods takes them in order: a list of as many
   periods, a span of as many years (2013-2017年…分别为), the quarters of 前三季度, the months of
   1-3月. A ratio to an earlier year (7.7 times the amount in 2002, 是2002年的7.7倍) is growth
   over the span; "the same period of 2016" has the months of the text's period. A month given
   as an aside (in April alone, 当月, 单月) or a deadline of an earlier sentence does not carry
   on; a period after 从 / 由 holds only for the number right after it. A balance (余额, stock)
   under a range of months is at the range's last month; new entries (新增, 新设) up to a
   month's end (截至9月末) are counted from January.
7. **Kind.** ``forecast`` after 预计 / expected / projected; ``target`` after a deadline (到2027年,
   by 2027), a target word (力争, 目标, aims, will …) or under a heading of targets (主要预期目标：,
   also for the ◆ items below it); a stock reported as reached ("had", 已有), a level reached by a
   reported change ("rose 5.5 percent to reach 6.1 billion yuan") and a deadline already past at
   publication ("by the end of 2017" in 2018) stay ``actual``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from xinzhi.intelligence.characters import to_simplified
from xinzhi.intelligence.gazetteer import (
    COUNTRY,
    LEVEL_RANK,
    Gazetteer,
    RegionMention,
    reference_gazetteer,
)
from xinzhi.intelligence.lexicon import Lexicon, load_lexicon
from xinzhi.intelligence.numbers import NumberMention, find_numbers
from xinzhi.intelligence.periods import PeriodMention, find_periods, is_base_year
from xinzhi.intelligence.text import split_sentences
from xinzhi.intelligence.vocabulary import load_vocabulary

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FACT_COLUMNS", "DocumentDefaults", "Fact", "dedupe", "document_defaults", "extract_facts", "facts_frame"]


@dataclass(frozen=True)
class Fact:
    """One quantitative fact with its provenance.

    Offsets are character offsets in the document's plain text (after HTML or Markdown
    stripping): ``value_start``/``value_end`` delimit the number, ``sentence_start``/``sentence_end``
    the sentence. ``indicator`` is a lexicon code (``gdp``, ``gdp_growth``) or, when the lexicon
    has none, the subject text. ``published`` is the document's publication date (ISO), if known.
    """

    document_id: str
    value_start: int
    value_end: int
    sentence_start: int
    sentence_end: int
    region_code: str | None
    region_text: str | None
    indicator: str
    subject: str
    measure: str
    sector: str | None
    product: str | None
    value: float
    unit: str
    qualifier: str | None
    period: str | None
    year: int | None
    month_from: int | None
    month_to: int | None
    kind: str
    published: str | None
    value_text: str
    sentence: str


FACT_COLUMNS = [f for f in Fact.__dataclass_fields__]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_ZH = re.compile(r"[，,；;：:]")
_CLAUSE_EN = re.compile(r"[;:]|,\s|\s[-–—]\s")

# ---------------------------------------------------------------------------- cue words
_GROWTH = re.compile(
    r"增长(?!面|点|极)|增速|增幅|增加(?!值)|提高|提升|上升|上涨|涨幅|回升|下降|回落|减少|下滑|降低|降幅|同比|环比|年均|"
    r"\b(?:grew|grow(?:s|ing|th)?|rose|rise[sn]?|rising|up|increas(?:e[sd]?|ing)|jump(?:ed|s)?|expand(?:ed|s)?|"
    r"climb(?:ed|s)?|gain(?:ed|s)?|surg(?:ed|es|e)|soar(?:ed|ing|s)?|fell|fall(?:en|s|ing)?|down|declin(?:e[sd]?|ing)|"
    r"decreas(?:e[sd]?|ing)|drop(?:s|ped|ping)?|contract(?:ed|s|ing)?|slid(?:ing)?|shrank|shrunk|lower|higher|rebound(?:ed)?|"
    r"reduc(?:ed|es|ing)|dipped|slumped|plunged|tumbled|year[- ]on[- ]year|yoy|y-o-y)\b",
    re.IGNORECASE,
)
_GROWTH_AFTER = re.compile(
    r"\s*(?:year[- ]on[- ]year\s+|yoy\s+)?(?:increase|growth|rise|jump|gain|surge|hike|decrease|decline|drop|fall|"
    r"up\b|down\b)|\s*(?:year[- ]on[- ]year|yoy)\b|"
    r"\s*(?:more|higher|lower|less|fewer)\s+than\s+(?:a\s+year\s+(?:earlier|ago|before)|(?:the\s+)?(?:previous|last|prior)\s+year|"
    r"(?:in\s+)?(?:the\s+)?same\s+period)|"
    r"\s*(?:lower|higher)(?=\s*[,;.]|\s*$)", re.IGNORECASE)  # "3,717 million yuan of profits and taxes, 34.48% lower,"
_DECLINE = re.compile(
    r"下降|回落|减少|下滑|降低|降幅|收窄|缩小|放缓|减|低于|低|\b(?:fell|fall(?:en|s)?|down|declin|decreas|drop|"
    r"contract|lower|slid|shrank|shrunk|shrink|narrow|slow|reduc|dipp|dip\b|slump|plung|tumbl)", re.IGNORECASE)
_RISE = re.compile(r"增加|提高|提升|上升|加快|回升|高于|高出|高|扩大|\b(?:higher|up|faster|rebound|rose|increas)",
                   re.IGNORECASE)
_SHARE = re.compile(
    r"占[^，,。；;]{0,20}?(?:比重|比例|份额|的)|占比|比重|份额|贡献率|\bshares?\b|account(?:ed|ing|s)?\s+for|"
    r"contribut(?:ed|ing|es|ion)|of\s+(?:the\s+)?(?:national|country['’]s|province['’]s|region['’]s|city['’]s|"
    r"China['’]s)\s+total|of\s+(?:its|the\s+(?:province['’]s|region['’]s|city['’]s))\s+GDP|of\s+GDP|"
    r"of\s+all\s+\w+|representing|making\s+up|make\s+up|proportion|percentage\s+of",
    re.IGNORECASE,
)
_CHANGE_MONEY = re.compile(r"(?:增加|净增|多|减少|净减)\s*(?:了)?\s*$|\b(?:(?:an?\s+)?(?:increase|decrease|rise)\s+of|"
                           r"(?:increased|decreased|rose|fell|grew)\s+(?:\w+\s+)?by)\s+(?:RMB\s*)?$", re.IGNORECASE)
_RATE_SUBJECT = re.compile(r"率|强度|指数|面$|\b(?:rate|intensity|index|ratio)\b", re.IGNORECASE)

_FORECAST_CUE = re.compile(r"预计|预测|有望|预期(?!目标|指数)|估计|\b(?:expected|projected|forecast|estimated|is\s+set\s+to|"
                           r"likely\s+to|anticipated)\b", re.IGNORECASE)
_TARGET_CUE = re.compile(
    r"力争|争取(?=[^，,。；;]{0,6}?(?:到\s*20|在\s*20|20\d\d|实现|达到|突破|超过|提高|提升|增长|完成|建成|形成|培育|新增|"
    r"引进|打造|创建|每年|全年|年内|用))|目标(?!企业|客户|市场|群体)|确保|计划到|规划提出|提出到|(?<!预计)(?<!预计将)将(?:达到|突破|超过|增长|提高|提升|扩大|实现|培育|建成|形成)|要(?:达到|实现|突破)|"
    r"\b(?:aims?|aiming|eyes|eyeing|target(?:s|ed)?|goals?|strive[sn]?|plans?\s+to|planned\s+to|will|shall|should|"
    r"(?<!set\s)(?<!expected\s)(?<!likely\s)(?<!projected\s)(?<!estimated\s)(?<!anticipated\s)to\s+(?:achieve|reach|hit|exceed|surpass|top))\b|"
    r"(?:规划|方案|计划|纲要|行动计划|》)(?:提出|明确)",
    re.IGNORECASE)
_KEEP_AT = re.compile(r"\bkeep(?:s|ing)?\s+(?:[\w-]+\s+){1,4}(?:at|within|below|under|above)\s+"
                      r"(?:around\s+|about\s+|roughly\s+)?$", re.IGNORECASE)
# "rose 5.5 percent to reach 6.1 billion yuan": "to reach" after a reported change is the level reached
_ACTUAL_TO = re.compile(
    r"\b(?:grew|rose|increased|went\s+up|climbed|jumped|surged|expanded|soared|gained|edged\s+up|fell|dropped|declined|"
    r"decreased|was\s+up|were\s+up|(?:growth|increase|rise|expansion)\s+of)\b(?:(?!\b(?:will|shall|should|aims?|plans?|target|expected)\b)(?:[^.;:]|\.(?=\d)))*?\d(?:[^.;:]|\.(?=\d)){0,40}$",
    re.IGNORECASE)
_DURING_SPAN = re.compile(r"\b(?:during|over|in|throughout)\s+(?:this|that|the)\s+(?:plan\s+)?period\b|"
                          r"(?:此|这一|这个|规划)期间|期间内", re.IGNORECASE)
#: 超年度预期目标0.5个百分点, 完成年度目标的: a target already met or exceeded is the object of an actual figure
_MET_TARGET = re.compile(r"(?:超|超过|超出|完成|实现|高于|低于|达到)(?:了)?(?:年度|全年|年初|既定|预期|计划|省定|市定|省下达|市下达|下达)*$")
_FROM_BASE = re.compile(r"\b(?:to|reach)\s+[^,;:]{0,60}\bfrom\s+(?:about\s+|around\s+|nearly\s+)?(?:RMB\s*|US\$\s*|\$\s*)?$",
                        re.IGNORECASE)
_STOCK_CUE = re.compile(r"\b(?:had|has|have|was|were|totall?ed|stood\s+at|numbered|reached|covered|amounted|registered)\b|"
                        r"共有|已有|已达|累计有|已",
                        re.IGNORECASE)
_FUTURE_CUE = re.compile(r"\b(?:will|shall|would|should)\b|将|要|力争|争取", re.IGNORECASE)
_TARGET_HEADING = re.compile(r"目标(?:是|为)?\s*[:：]?\s*$|\b(?:targets?|goals?)\b[^.:]{0,80}(?:as\s+follows)?\s*:\s*$|^\s*[■◆●▲]?.{0,20}(?:预期)?目标\s*$|"
                             r"(?:规划|方案|计划|纲要|行动计划|》)(?:提出|明确)[^。]*[。]?$")
_HEADING = re.compile(r"^\s*[■◆▲]|^\s*[一二三四五六七八九十]+、")
#: once a project runs at capacity (达产后, 达产达效后, 建成投产后): its yield is a forecast with no period
_WHEN_DONE = re.compile(r"(?:达产|达效|达产达效|建成投产|全部投产|投产|建成运营|满产)后")
_DASH_ITEM = re.compile(r"\s*(?:——|—|－－)")
_EN_HEADING = re.compile(r"^\s*[IVX]{1,4}\.\s+[A-Z][^.]{0,80}$")
#: a work report's section planning the year (二、2025年工作安排)
_PLAN_HEADING = re.compile(r"工作安排|主要任务|预期目标|总体要求|\b(?:tasks|work\s+plan|targets)\b", re.IGNORECASE)
#: a work report's section reviewing the past (一、2024年工作回顾, 过去五年工作回顾, "I. Review of Work in 2014")
_REVIEW_HEADING = re.compile(r"回顾|过去(?:的)?(?:一|五)年|\breview\b|\bpast\s+(?:year|five\s+years)\b", re.IGNORECASE)
_ASIDE_PERIOD = re.compile(r"\s*(?:alone\b|单月|当月)", re.IGNORECASE)
_FLOW_SUBJECT = re.compile(r"新增|新设|新登记|新注册|新开工|新签约|新引进|\bnew(?:ly)?\s", re.IGNORECASE)
_STOCK_SUBJECT = re.compile(r"余额|存量|保有量|\b(?:balance|outstanding)\b|(?<![-\w])stock\b", re.IGNORECASE)
_BULLET_LINE = re.compile(r"(?m)^[ \t]*[●◆■▲•·].*$")
_FIGURE = re.compile(r"\d\s*(?:%|％|个百分点|亿|万|千|元|个|家|人|吨|项|户|辆|倍|斤)|\d\s*(?:percent|billion|million|trillion)")

# ---------------------------------------------------------------------------- not facts
_UNIVERSE_ZH = re.compile(
    r"^[^，,。；;、\d]{0,12}?[业品类市州区县省份家型器种组群链园地域)）](?:中|之中)(?![心国型小部央间试药医华原])(?:的|有)?|"
    r"^[^，,。；;、\d]{0,10}?有(?=\s*\d|[一二三四五六七八九十])")
_NOT_FACT_AFTER_ZH = re.compile(
    r"^[^，,。；;]{0,4}?(?:台阶|大关|关口)|^\s*(?:重点产业链|产业链|产业新赛道|新赛道|赛道|措施|举措|政策措施)(?=[，,、。；;\s]|建|$)")
_NOT_FACT_BEFORE_ZH = re.compile(r"(?:以上|上述|这些|这|该|其中的)\s*$")
_UNIVERSE_EN = re.compile(r"\bof\s+(?:the|all)\s*$|\b(?:list|ranking)\s+of\s+$|\b[Oo]ut\s+of\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?$|"
                          r"\b[Aa]mong\s+(?:the\s+)?[\w-]+['’]s\s+$|\b(?:one|first|only|[a-z]+est)\s+of\s+[\w-]+['’]s\s+$|"
                          r"\b(?:\d+|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety)(?:-[a-z]+)?\s+of\s+$")
_THRESHOLD_ZH_AFTER = re.compile(
    r"^\s*(?:及)?以上(?:的)?[^，,。；;、\d]{0,8}?(?:项目|企业|工业企业|单位|城市)|"
    r"^[^，,。；;、\d]{0,6}?(?:投资建设项目|以上项目)|"
    r"^\s*(?:及)?以上(?:的)?(?:较快|稳定|快速|高速|平稳)?(?:的)?增长|^\s*以上(?:的)?(?:增速|增幅)")
_THRESHOLD_EN_BEFORE = re.compile(
    r"(?:\beach\s+with\b.{0,50}|\b(?:enterprises|firms|companies)\s+with\s+(?:an?\s+)?(?:annual\s+)?(?:main\s+)?"
    r"(?:business\s+)?(?:turnover|revenue|income|sales)\s+(?:from\s+(?:their\s+|its\s+)?(?:principal|main|core)\s+business\s+)?"
    r"(?:of\s+)?(?:at\s+least\s+|over\s+|more\s+than\s+|above\s+|exceeding\s+)?|"
    r"designated\s+size\s+of\s+|annual\s+(?:main\s+)?(?:business\s+)?(?:turnover|revenue|income)\s+of\s+at\s+least\s+|"
    r"keeps?\s+growing\s+at\s+a\s+rate\s+of\s+(?:above|over)\s+|\bper\s+|\bevery\s+|"
    r"(?:at\s+)?(?:the\s+)?rate\s+of\s+\d+\s+percent\s+or\s+|"
    r"\bthose\s+with\s+(?:an?\s+)?annual\s+(?:main\s+)?(?:business\s+)?(?:turnover|revenue|income|sales)\s+of\s+|"
    r"\b(?:cit(?:y|ies)|economy|economies|provinces|members|ones)\s+with\s+(?:an?\s+)?(?:annual\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:(?:has|have)\s+)?(?:exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|top(?:s|ped|ping)|"
    r"of\s+(?:over|more\s+than))\s+|\bthreshold\s+of\s+)(?:RMB\s*)?$",
    re.IGNORECASE | re.DOTALL)
_THRESHOLD_EN_AFTER = re.compile(
    r"^\s*(?:and\s+above|or\s+above|or\s+more\b.{0,20}(?:enterprises|firms))|^.{0,40}?\bfor\s+(?:\w+\s+)?"
    r"(?:consecutive|straight|successive)\s+(?:years|months|quarters)|^\s*out\s+of\s+every|^\s*each\b",
    re.IGNORECASE)
_BRACKET_CONVERSION = re.compile(r"[（(]\s*(?:about|approximately|around|nearly|over|some|约|约合|合|折合)?\s*$",
                                 re.IGNORECASE)
_STREAK_ZH = re.compile(r"(?:连续|持续)[^，,。；;]{0,12}(?:保持|实现|超过)[^，,。；;]{0,6}$|保持\s*$")

# ---------------------------------------------------------------------------- qualifiers
_QUAL_BEFORE = [
    ("at_least", re.compile(r"(?:不少于|不低于|至少|达到或超过|at\s+least|no\s+less\s+than)\s*$", re.IGNORECASE)),
    ("under", re.compile(r"(?:不足|不到|少于|低于|less\s+than|under|below|fewer\s+than|within)\s*$", re.IGNORECASE)),
    ("over", re.compile(r"(?:超过|超|逾|突破|多于|more\s+than|over|exceed(?:ed|ing|s)?|top(?:ped|ping|s)?|"
                        r"surpass(?:ed|ing|es)?|above|in\s+excess\s+of)\s*$", re.IGNORECASE)),
    ("nearly", re.compile(r"(?:将近|接近|逼近|近|nearly|almost|close\s+to|just\s+under|approaching)\s*$",
                          re.IGNORECASE)),
    ("about", re.compile(r"(?:大约|约合?|about|around|roughly|approximately|some|an\s+estimated)\s*$",
                         re.IGNORECASE)),
]
_QUAL_AFTER = [
    ("over", re.compile(r"\s*(?:以上|多|余|新?台阶|大关|\s+or\s+more\b|\s+and\s+above\b|\s*plus\b)", re.IGNORECASE)),
    ("about", re.compile(r"\s*(?:左右|上下)")),
    ("under", re.compile(r"\s*(?:以内|以下)")),
]

# ---------------------------------------------------------------------------- subjects
_FILLER_ZH = re.compile(
    r"其中|分[^，,。；;]{1,8}?看|从[^，,。；;]{1,10}?看|同比|环比|实际|累计|比上年|较上年|比去年|较去年|上年同期|按可比价格计算|"
    r"按不变价格计算|初步核算|统一核算|全年|当月|分别|合计|总量|共|均|已|还|也|又|再|将|预计|力争|争取|确保|"
    r"实现|完成|达到|达|为|是|至|到|了|约$|近$|超过|超$|突破|逾|仅|主要|全部|其|以上$|左右|年均|的$|^的|^和|^与|^及|"
    r"^[，,、；;：:（）()\s]+|[，,、；;：:（）()\s]+$")
_VERB_TAIL_ZH = re.compile(r"(?:同比|年均)?(?:增长|增速|增幅|增加(?!值)|提高|提升|上升|上涨|下降|回落|减少|下滑|降低|回升|"
                           r"实现|达到|达|为|突破|超过|完成|拉动|带动|占[^，,。]{0,15}$).*$")
_EN_VERB = re.compile(
    r"\b(?:reached|reach(?:es|ing)?|was|were|is|are|hit|hitting|totall?ed|totall?ing|stood|grew|grow(?:s|ing)?|rose|rising|"
    r"increased|increasing|expanded|jumped|surged|soared|climbed|fell|declined|dropped|decreased|went|came|saw|"
    r"registered|recorded|posted|achieved|exceeded|exceeding|topped|surpassed|amounted|accounted|accounting|"
    r"reaching|hitting|up|down|produced|exported|invested|generated|contributed|boasts?|boasted|has|have|had|"
    r"attracted|built|developed|signed|set|aims?|plans?|will|to)\b", re.IGNORECASE)
_EN_FILLER = re.compile(
    r"^(?:(?:in|during|for|by|from|of|as|at)\s+(?:the\s+)?(?:first|second|third|fourth|past|last|same)?[^,]{0,40}?,\s*)|"
    r"^(?:meanwhile|moreover|additionally|also|notably|among\s+(?:them|the\s+total)|in\s+addition|however|"
    r"according\s+to\s+[^,]+),\s*|^(?:the|a|an|its|their|this|these|that)\s+|"
    r"^(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)\s+)+China['’]s\s+(?:\w+['’]s\s+)?|"
    r"\s+(?:of\s+)?(?:the\s+)?(?:province|city|"
    r"region|country)['’]?s?$|\s+(?:in|during|for|by|from|with|at|of|on)$",
    re.IGNORECASE)


@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    code: str | None
    text: str


def _resolve_regions(mentions: list[RegionMention], gaz: Gazetteer, text: str,
                     seeds: list[str]) -> list[_Region]:
    sure, province = gaz.context(mentions)
    if province is None and seeds:
        province = gaz.province_of(seeds[0]) if seeds[0] in gaz.places else None
    if province is None:  # a text that names only a zone (雄安新区) is about the zone's province
        province = next((gaz.province_of(m.within) for m in mentions if m.zone and m.within in gaz.places), None)
    cities = Counter(c for c in sure if gaz.places[c].level == "city")
    main_city = cities.most_common(1)[0][0] if len(cities) == 1 else None
    out: list[_Region] = []
    concrete: list[str] = [c for c in reversed(seeds) if c in gaz.places]  # the finest seed is tried first
    last_zone: _Region | None = None
    for m in mentions:
        if m.zone:
            last_zone = _Region(m.start, m.end, None, m.text)
            out.append(last_zone)
            if m.within in gaz.places:
                concrete.append(m.within)
            continue
        if m.anaphor and m.level_hint == "zone":
            if last_zone is not None:
                out.append(_Region(m.start, m.end, None, last_zone.text))
            continue
        if m.anaphor:
            if re.search(r"(?:高于|低于|快于|慢于|居|占|比|于|与|较|对|领跑|位列|位居|超过|跑赢|在|of|than|outside|beyond|across|throughout)\s*$",
                         text[max(0, m.start - 11) : m.start]):
                continue  # 高于全省平均, 居全省第三, 在全省排名: a comparison, not the subject
            if re.match(r"\s*(?:第[\d一二三四五六七八九十]+位?|排名|排位|位次|前列|首位)", text[m.end : m.end + 8]):
                continue  # 从全省第11位跃升至第7位: a rank
            if re.search(r"(?:高于|低于|快于|慢于|超过|跑赢)(?:(?:全国|全省|全市|全州|全区)[、和及与]?|[\u4e00-\u9fff]{2,4}?[、和及与])\s*$",
                         text[max(0, m.start - 12) : m.start]):
                continue  # 分别高于全国、全省平均水平, 增速高于全国全省: the second of a list of comparisons
            code = ""
            # the last region named before, lifted to the anaphor's level; else the document's
            # main province or (its only) city, wherever the text names it
            for c in [*reversed(concrete), *(x for x in (province, main_city) if x)]:
                if c == COUNTRY:
                    continue
                place = gaz.places[c]
                if m.level_hint == "city" and place.level == "county" and place.name.endswith("市"):
                    code = c  # 全市 of a county-level city (福清市统计局 … 年末全市户籍户数) is that city
                    break
                lifted = gaz.lift(c, m.level_hint)
                if m.level_hint is None or gaz.places[lifted].level == m.level_hint:
                    code = lifted
                    break
            if not code:
                continue
            out.append(_Region(m.start, m.end, code, m.text))
            continue
        if _WHOLE_OF_SHARE_ZH.search(text, max(0, m.start - 3), m.start):
            continue  # 分别占安徽省的50%: the whole of a share, not its subject
        if len(m.candidates) > 1 and concrete and concrete[-1] in m.candidates:
            code = concrete[-1]  # 吉林市突出骨干扩产，吉林石化…: the region just named, by its short name
        else:
            code = gaz.choose(m, sure=sure, province=province)
        out.append(_Region(m.start, m.end, code, m.text))
        concrete.append(code)
    return out


_WHOLE_OF_SHARE_ZH = re.compile(r"占\s*$")


def _refine(chosen: _Region, regions: list[_Region], gaz: Gazetteer, text: str) -> _Region:
    """Prefer a finer region (or a zone) named just before its ancestor ("Suzhou in Jiangsu
    Province", "East Lake Hi-tech Development Zone (Optics Valley) in Wuhan, Hubei province")."""
    if chosen.code is None:
        return chosen
    idx = regions.index(chosen)
    best = chosen
    for prev in reversed(regions[max(0, idx - 3) : idx]):
        between = text[prev.end : best.start]
        if len(between) > 45 or not _APPOSITION.fullmatch(between):
            break
        if prev.code is None or (best.code is not None and gaz.is_above(best.code, prev.code)):
            best = prev
            if prev.code is None:
                break
    if best is chosen and _LOCATOR_BEFORE.search(text, max(0, chosen.start - 40), chosen.start):
        # "the city of Dongguan, dubbed the 'factory of the world,' in South China's Guangdong province":
        # a province after "in" locates the place named before it
        for prev in reversed(regions[max(0, idx - 3) : idx]):
            if chosen.start - prev.end > 120 or re.search(r"[.;。；]", text[prev.end : chosen.start]):
                break
            if prev.code is not None and gaz.is_above(chosen.code, prev.code):
                return prev
    return best


_LOCATOR_BEFORE = re.compile(
    r"\bin\s+(?:the\s+)?(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)(?:ern)?\s+)?"
    r"(?:China['’]s\s+)?$", re.IGNORECASE)
_APPOSITION = re.compile(
    r"\s*(?:[,(（–—]\s*)?(?:(?:the|a)\s+)?(?:[a-z]+\s+){0,2}(?:of|in)\s+(?:[a-z]+\s+)*(?:China['’]s\s+)?|"
    r"\s*[,，–—]\s*(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)(?:ern)?\s+)?China['’]s\s+|"
    r"\s*(?:位于|地处)?|\s*[,，]\s*|\s*\(\s*[^()]{0,30}\)\s*(?:in\s+(?:[a-z]+\s+)*(?:China['’]s\s+)?)?",
    re.IGNORECASE)


def _clause_start(stext: str, pos: int, zh: bool) -> int:
    pattern = _CLAUSE_ZH if zh else _CLAUSE_EN
    last = 0
    for m in pattern.finditer(stext, 0, pos):
        last = m.end()
    return last


def _strip_regions_periods(seg: str, seg_start: int, spans: list[tuple[int, int]]) -> str:
    chars = list(seg)
    for a, b in spans:
        for i in range(max(a, seg_start), min(b, seg_start + len(seg))):
            chars[i - seg_start] = " "
    return "".join(chars)


_ZH_EMPTY_SUBJECT = re.compile(
    r"^(?:增长|减少|下降|增加|提高|提升|回落|上涨|高于|低于|高出|比同期|同口径|迅速发展|这直接|这|此次有?|有|其中|分别|"
    r"在[^，,。]{0,10}中率先|累计|增速|增幅|总计|共计|合计|占比)?$")


def _subject_zh(seg: str) -> str:
    s = _BULLETS_ZH.sub("", seg)
    s = _OPEN_BRACKET_END.sub("", s)  # an unclosed bracket before the number
    if _VERB_TAIL_ZH.search(s):
        cut = _VERB_TAIL_ZH.sub("", s)
        s = cut if cut.strip() else s
    for _ in range(3):
        s = _FILLER_ZH.sub("", s.strip())
    s = _SPACES.sub("", s)
    s = s.strip("，,、；;：:()（）“”\"")
    s = _LEAD_ZH.sub("", s)
    return "" if _ZH_EMPTY_SUBJECT.match(s) else s


_BULLETS_ZH = re.compile(r"[●■◆▲•·]|\d+大类|\d+项")
_OPEN_BRACKET_END = re.compile(r"[（(][^）)]*$")
_SPACES = re.compile(r"\s+")
_LEAD_ZH = re.compile(r"^(?:这|此次|其中|同口径|有)")


_EN_STOP = re.compile(
    r"^(?:and|or|but|while|which|that|with|for|also|including|includes?|representing|contributing|accounting|"
    r"account|accounted|occupying|soaring|rising|reaching|hitting|jumping|climbing|up|down|a|an|the|of|to|from|by|"
    r"in|on|at|as|year-on-year|year|on|yoy|y-o-y|increase|increased|decrease|decreased|growth|rise|rose|jump|"
    r"total|totaled|totalled|it|its|their|this|these|those|there|was|were|is|are|be|been|has|have|had|"
    r"respectively|compared|than|over|more|less|nearly|about|around|some|roughly|approximately|almost|"
    r"percent|percentage|points|registered|recorded|posted|saw|reached|hit|grew|expanded|surged|fell|declined|"
    r"dropped|climbed|gained|came|went|stood|amounted|is|being|with|growth|rate|yuan|billion|million|"
    r"trillion|respectively|also|further|meanwhile|notably|moreover|however|despite|nearly|same|period|"
    r"now|currently|so|far|still|only|just|already|each|every|per|average|annual|annually|average|bringing|"
    r"lifting|pushing|taking|raising|for|reported|reports)$",
    re.IGNORECASE)


def _noun_phrase_after(after: str) -> str:
    """The noun phrase right after a count ("9,220 new businesses entered the zone")."""
    words = []
    toks = re.findall(r"[A-Za-z&'’\"“”-]+|[^\sA-Za-z]", after)[:10]
    for i, tok in enumerate(toks):
        if not re.match(r"[A-Za-z]", tok.strip("\"“”")) or tok.lower() in _NP_STOP or _EN_VERB.fullmatch(tok):
            break
        if tok.lower() == "and" and i + 1 < len(toks) and re.match(r"\d", toks[i + 1]):
            break  # "12 firms and 3 SMEs": the next count
        words.append(tok)
    if words and words[0].lower() in ("more", "additional", "other"):
        words = words[1:]
    return " ".join(words[:6])


_NP_STOP = {"in", "of", "at", "for", "with", "from", "were", "was", "have", "has", "had", "are", "is", "to", "by",
            "that", "which", "entered", "engaged", "rolled", "produced", "made", "located", "expanding", "operate",
            "operating", "directly", "came", "across", "including", "among", "worth", "each", "broke", "or",
            "a", "an", "the", "on", "as", "than", "up", "down", "year-on-year", "this", "last", "per", "over",
            "but", "while"}


_EN_RAISE = re.compile(r"\b(?:raise|lift|increase|boost|bring|expand|push|grow|double|triple)\s+(?:the\s+|its\s+|their\s+)?"
                       r"(.+?)\s+(?:to|above|beyond)(?:\s+(?:about|over|more\s+than|exceed))?\s*$", re.IGNORECASE)
_EN_SAW = re.compile(r"\b(?:saw|sees?|seeing|witnessed)\s+(?:its|their|the)?\s*(.+?)\s+(?:rise|grow|increase|fall|drop|decline|"
                     r"jump|surge|climb|expand|up|down|reach|hit)\b", re.IGNORECASE)


# "CHENGDU, Jan. 20 (Xinhua) -- " or "BEIJING, March 5 (Xinhua) — " opening a news text.
_EN_DATELINE = re.compile(r"^.*?\((?:Xinhua|Reuters|AP|AFP|ECNS|CGTN|ChinaDaily)\)\s*(?:--|—|–|-)\s*", re.IGNORECASE)


def _subject_en(seg: str, after: str) -> str:
    s = _EN_DATELINE.sub("", seg.strip(), count=1)
    m = _EN_RAISE.search(s) or _EN_SAW.search(s)
    if m:
        s = m.group(1)
    verbs = list(_EN_VERB.finditer(s))
    if verbs:
        head = s[: verbs[-1].start()].strip()
        while head and _EN_VERB.search(head) and len(head) > 60:
            head = head[: list(_EN_VERB.finditer(head))[-1].start()].strip()
        s = head if head else s[verbs[-1].end() :]
    for _ in range(3):
        s = _EN_FILLER.sub("", s.strip())
    s = re.sub(r"\s+", " ", s).strip(" ,.;:-()")
    words = s.split()
    while words and _EN_STOP.match(words[0].strip(",.()")):
        words.pop(0)
    while words and _EN_STOP.match(words[-1].strip(",.()")):
        words.pop()
    return " ".join(words).strip(" ,.;:-()")


#: a label before a colon and its figure ("Permanent residents: 8.542 million (2019)")
_EN_LABEL = re.compile(r"(?:^|[.;]\s+|\n)([A-Z][\w\s'’,()-]{2,60}?)\s*:\s*(?:about\s+|over\s+|more\s+than\s+|nearly\s+)?$")


def _english_count_unit(subject: str, after: str, unit: str) -> str:
    """The unit of an English count from the counted noun after it or the subject before it:
    visits ("more than 90 million domestic and overseas tourists", "passenger throughput … was 6.2
    million"), people ("Permanent residents: 8.542 million"), or yuan for an amount with no currency
    in a statistics bulletin ("The GDP in Ningbo in 2013 amounted to 712.89 billion")."""
    if re.match(r"\s*(?:[\w-]+\s+){0,3}?(?:tourists|visitors|passengers|tourist\s+arrivals|visits|trips)\b", after, re.IGNORECASE):
        return "person_time"
    if re.match(r"\s*(?:TEUs?|Gbps|gigabits\s+per\s+second)\b", after):
        return "number"  # a unit of its own, named in the subject (GUIDE.md: the unit as written)
    if re.match(r"\s*[\w-]+", after) and not re.match(
            r"\s*(?:\(|in\b|and\b|or\b|up\b|down\b|if\b|more\b|less\b|fewer\b|higher\b|lower\b|,|;|\.)", after):
        return unit  # another counted noun follows: "44 projects"
    if re.search(r"\b(?:tourists|visitors|passengers|passenger\s+throughput|arrivals)\b", subject, re.IGNORECASE):
        return "person_time"
    if re.search(r"\b(?:residents|population)\b", subject, re.IGNORECASE):
        return "person"
    if re.search(r"\b(?:GDP|gross\s+domestic\s+product|added\s+value|value\s+added|output\s+value|revenue|income|"
                 r"investment|retail\s+sales|sales\s+(?:revenue|value)|profits?|expenditure|deposits|loans)\b",
                 subject, re.IGNORECASE):
        return "yuan"
    return unit


def _each_of(subject: str, prefix: str) -> list[str]:
    """The subjects of a figure that each of them reached (工业产值、营收均超过1.2万亿; 工业、服务业均增长5%),
    else an empty list."""
    if "、" not in subject or not _EACH_BEFORE.search(prefix[-12:]):
        return []
    parts = [x.strip() for x in subject.split("、")]
    if not 2 <= len(parts) <= 4 or not all(2 <= len(x) <= 12 and not re.search(r"\d", x) for x in parts):
        return []
    return parts


_EACH_BEFORE = re.compile(r"[均都](?:已|已经)?(?:为|是|达到?|超过?|突破|实现|增长|下降|提高|在)?\s*$")


def _qualifier(num: NumberMention, stext: str) -> str | None:
    if num.approx:
        return num.approx
    before = stext[max(0, num.start - 16) : num.start]
    for name, pattern in _QUAL_BEFORE:
        if pattern.search(before):
            return name
    after = stext[num.end : num.end + 12]
    for name, pattern in _QUAL_AFTER:
        if pattern.match(after):
            return name
    return None


def _not_a_fact(num: NumberMention, stext: str, zh: bool, numbers: list[NumberMention], clause_start: int) -> bool:
    after = stext[num.end : num.end + 60]
    before = stext[max(0, num.start - 80) : num.start]
    if num.kind == "count" and zh and _UNIVERSE_ZH.match(after):
        return True  # 41个大类行业中有…, 157种主要工业产品有…
    if num.approx in ("at_least", "under") and (re.match(r"[^，,。；;]{0,8}?(?:区间|之间|档)", after) or re.search(
            r"(?:处于|介于|在)\s*[^，,。；;\d]{0,4}$", before)) and not re.search(r"控制在\s*$", before):
        return True  # 处于2000亿-3000亿区间: the bounds of a group, not a figure
    if not zh and _UNIVERSE_EN.search(before) and num.kind in ("count", "bare"):
        return True
    if zh and _THRESHOLD_ZH_AFTER.match(after):
        return True
    if zh and num.kind == "money" and re.search(r"(?:超|过|逾)\s*$", before) and re.match(
            r"(?:的)?(?:[\u4e00-\u9fff]{0,4}?)(?:项目|企业)", after):
        return True  # 过10亿元项目3个, 培育产值过10亿元企业: a size class, not a figure
    if re.match(r"\s*(?:名|位)?(?:人大|政协)?(?:代表|委员)(?:出席|参加|列席)|\s+(?:\w+\s+)?(?:deputies|delegates|lawmakers|"
                r"legislators|political\s+advisors)\b", after, re.IGNORECASE):
        return True  # 626 deputies in attendance: the size of a meeting, not a figure of the economy
    if zh and re.search(r"(?:应到|实到|出席|列席)(?:会议)?的?(?:人大)?(?:代表|委员)\s*$", before):
        return True  # 大会应到代表304人，实到代表296人
    if zh and ((re.match(r"\s*(?:以上)?的\s*\d+\s*个", after) and num.unit != "count" and (
            re.match(r"\s*以上", after) or re.search(r"(?:超|超过|过|逾|突破|达到|达|不低于|不少于)\s*$", before))) or (re.search(
            r"(?:超|超过|以上|突破)\s*\d[\d.]*\s*(?:万亿|亿|万)?元?(?:以上)?的\s*$", before) and num.counter == "个")):
        return True  # 年营业收入超1000亿元的2个, 超500亿元的5个: counts of clusters by size class and their bounds
    if zh and re.match(r"[^，,。；;]{0,3}?俱乐部", after):
        return True  # 跨入“2000亿俱乐部”: the name of a size class
    if zh and num.unit == "count" and (_NOT_FACT_AFTER_ZH.match(after) or _NOT_FACT_BEFORE_ZH.search(before)):
        return True
    if zh and num.unit == "count" and _summarises_list(stext, num):
        return True  # 电子信息、食品轻纺、能源化工3个产业: the count of the list just given
    if num.unit in ("count", "") and num.value == 1 and not num.magnitude and (
            zh or num.text.strip() != "1" or not re.match(r"\s+(?:[A-Za-z-]+\s+){0,3}[A-Za-z-]{3,}s\b", after)):
        return True  # "one of", "No. 1" — but "1 industrial enterprises" is a count
    if zh and num.unit == "fraction" and _STREAK_ZH.search(stext[max(0, clause_start) : num.start]) and re.match(
            r"\s*以上", after):
        return True
    if not zh and (_THRESHOLD_EN_BEFORE.search(before) or _THRESHOLD_EN_AFTER.match(after)):
        return True
    if num.kind == "money" and _BRACKET_CONVERSION.search(before):
        prev = [n for n in numbers if n.end <= num.start and n.kind == "money"]
        if prev and num.start - prev[-1].end <= 16 and _BRACKET_CONVERSION.fullmatch(
                stext[prev[-1].end : num.start].lstrip()):
            return True  # (about 2.8 million U.S. dollars)
    if num.unit in ("mu", "km2", "m2") and re.search(r"[（(]\s*(?:about|approximately|around|约)?\s*$", before) and any(
            n.unit in ("mu", "km2", "m2") and n.unit != num.unit and 0 <= num.start - n.end <= 4 for n in numbers):
        return True  # an area converted in brackets: "118,332 thousand hectares (1,774.98 million mu)"
    if not zh and num.unit == "usd" and re.search(
            r"yuan\s*\(\s*(?:about\s+|approximately\s+|around\s+|nearly\s+)?(?:US|U\.S\.\s*)?\$?\s*$", before):
        return True  # "trillion-yuan ($143 billion) industries": the conversion of a size class written in words
    if not zh and "$" in before and re.search(r"\(\s*(?:about|approximately|around|nearly|over|some)?\s*(?:US|U\.S\.\s*)?\$[^()]*$", before) \
            and any(n.kind == "money" and n.end <= num.start and before.rfind("(") >= len(before) - (num.start - n.end)
                    for n in numbers):
        return True  # every number of a dollar conversion in brackets after an amount: "($162,43 billion)"
    # a bound after a count of units in the same clause: 7个市(州)达到1000亿元以上
    qual = _qualifier(num, stext)
    if qual in ("over", "at_least") or re.match(r"\s*(?:及)?以上", after):
        for n in numbers:
            if clause_start <= n.start < num.start and n.kind == "count" and n is not num and n.counter in (
                    "个", "家", "户", "座", "项") and not re.search(r"[，,；;]", stext[n.end : num.start]) and (
                    num.unit != "count" or n.counter != num.counter):
                return True
    return False


_STRUCTURE_ZH = re.compile(r"(?:产业集群|特色集群|集群|产业链|链条|赛道|行动|工程|产业|板块)$")
_STRUCTURE_AFTER_ZH = re.compile(r"^[^，,。；;\d（(]{0,40}?(?:产业集群|特色集群|集群|产业链|链条|赛道|冠军产业|主导产业|"
                                 r"支柱产业|优势产业|新兴产业|未来产业|产业|行动|工程|板块|园区)"
                                 r"(?=[，,。；;、（(和及与的新总综\d]|实现|完成|营业|产值|共|$)")
#: the indicators of a plan (20项主要指标, 提出3项指标) are its structure too
_INDICATORS_AFTER_ZH = re.compile(r"^[^，,。；;\d（(]{0,6}?指标")
_STRUCTURE_EN = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:industrial\s+|industry\s+)?(?:chains|clusters)\b", re.IGNORECASE)


def _policy_structure(num: NumberMention, stext: str, subject: str, zh: bool) -> bool:
    """A count of clusters, chains, tracks, actions or industries of a plan (policy structure,
    not a fact): ``4个千亿级产业集群``, ``建成国家级特色产业集群30个``, ``3-5个…冠军产业``,
    "34 key industrial chains"."""
    after = stext[num.end : num.end + 40]
    if not zh:
        return bool(_STRUCTURE_EN.match(after))
    if num.counter == "项" and _INDICATORS_AFTER_ZH.match(after):
        return True
    if num.counter not in ("个", "条", "大", ""):
        return False
    if _STRUCTURE_AFTER_ZH.match(after):
        return True
    return bool(re.match(r"\s*(?:[，,。；;、]|$)", after)) and bool(_STRUCTURE_ZH.search(subject))


def _range_low(num: NumberMention, numbers: list[NumberMention], stext: str) -> NumberMention | None:
    """The lower end of the range whose upper end is ``num`` (``6.5-7 percent``), if any."""
    if num.approx != "under":
        return None
    prev = [n for n in numbers if n.end <= num.start and n.approx == "at_least"]
    if prev and re.fullmatch(r"\s*(?:[—–\-~～]|至)\s*", stext[prev[-1].end : num.start]):
        return prev[-1]
    return None


def _summarises_list(stext: str, num: NumberMention) -> bool:
    m = re.search(r"((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,12})\s*$", stext[: num.start])
    if not m or "等" in m.group(1)[-2:]:
        return False
    return len(m.group(1).split("、")) == int(num.value)


def _respectively(stext: str, numbers: list[NumberMention], zh: bool) -> dict[int, int]:
    """Index of each number within a 'respectively' group (分别 / respectively), keyed by
    the number's start offset, for groups of two or more numbers of the same unit."""
    out: dict[int, int] = {}
    for m in re.finditer(r"分别|respectively", stext):
        if zh:
            group = [n for n in numbers if n.start >= m.end() and n.start - m.end() < 80]
        else:
            group = [n for n in numbers if n.end <= m.start() and m.start() - n.end < 80]
        if not group:
            continue
        unit = group[0].unit if zh else group[-1].unit
        chain: list[NumberMention] = []
        seq = group if zh else list(reversed(group))
        for n in seq:
            if n.unit != unit:
                break
            if chain:
                gap = stext[chain[-1].end : n.start] if zh else stext[n.end : chain[-1].start]
                if len(gap) > 12 or re.search(r"[；;。]", gap):
                    break
            chain.append(n)
        if not zh:
            chain.reverse()
        if len(chain) >= 2:
            for i, n in enumerate(chain):
                out[n.start] = i
    if zh:  # 德阳与资阳…预计实现3400亿元和1150.8亿元: a pair of names, then a pair of figures
        for a, b in itertools.pairwise(numbers):
            if a.start in out or b.start in out or a.unit != b.unit or not re.fullmatch(
                    r"\s*(?:和|与|及)\s*", stext[a.end : b.start]):
                continue
            head = re.split(r"[。；;]", stext[: a.start])[-1]
            if re.search(r"[\u4e00-\u9fff]{2,8}(?:与|和|及)[\u4e00-\u9fff]{2,8}", head) and not re.search(r"\d", head):
                out[a.start], out[b.start] = 0, 1
    return out


def _pick_period(periods: list[_Period], s_start: int, s_end: int, num_start: int, num_end: int,
                 text: str, zh: bool, abs_numbers: list[tuple[int, int]], default: PeriodMention | None,
                 measure: str, group_end: int | None, in_targets: bool = False) -> PeriodMention | None:
    """The period of the number at ``num_start`` (see rule 6 of the module docstring). In a list
    of targets (``in_targets``) an earlier deadline carries to every item."""
    usable = [p for p in periods if p.cmp_at is None or (not zh and s_start <= p.cmp_at < num_start and measure != "change" and (
        num_start <= p.m.start or _BRACKETED_AFTER.fullmatch(text, p.m.end, num_start)
        or _POSSESSIVE_AFTER.fullmatch(text, p.m.end, num_start) or _WHICH_AFTER.fullmatch(text, p.m.end, num_start)))]
    if zh and measure != "change" and "倍" not in text[num_start:num_end]:  # 是“十一五”的3.7倍 is a ratio
        for base in periods:
            if base.cmp_at is not None and s_start <= base.cmp_at < num_start \
                    and _BASE_FIGURE_ZH.fullmatch(text, base.m.end, num_start):
                # the base's own figure, right after it: 从去年同期的30元, 较去年同期(-2.2%)
                if base.m.relative == "last" and text.startswith("同期", base.m.end):
                    now = [q.m for q in periods if q.cmp_at is None and q.m.end <= base.m.start and q.m.year is not None
                           and not q.m.target and q.m.year_from is None]
                    if now and now[-1].year is not None:
                        return replace(now[-1], year=now[-1].year - 1)
                return base.m
    in_sentence = [p for p in usable if s_start <= p.m.start < s_end]
    anchor_end = group_end if group_end is not None else num_end
    following = [p for p in in_sentence if p.m.start >= anchor_end]
    before = [p.m for p in in_sentence if p.m.end <= num_start and not (
        _FROM_BEFORE.search(text, max(0, p.m.start - 3), p.m.start)
        and re.search(r"[，,；;]|转|到|至|提高|下降|上升|(?:优化|调整|转变|变)为", text[p.m.end : num_start]))  # 增速从上半年-1.3%转正，增长1.1%
        and not (p.m.relative == "day" and _DATELINE_AFTER.match(text, p.m.end))]  # 人民网银川7月26日电: the dateline
    f = following[0].m if following else None
    f_ok = f is not None and not re.search(r"[，,；;。]|,\s", text[anchor_end : f.start]) and not any(
        anchor_end <= a < f.start for a, _ in abs_numbers)
    if not zh and f is not None and not f_ok and not re.search(r"[，,；;。]|,\s|\band\b", text[anchor_end : f.start]):
        f_ok = True  # "grew 4.8 percent to 13.57 trillion yuan in 2023"
    if not zh and f_ok:
        return f
    explicit = [p for p in before if p.relative != "day"]
    starts = [p.m for p in in_sentence if p.m.end <= num_start and _FROM_BEFORE.search(text, max(0, p.m.start - 3), p.m.start)]
    if measure == "growth" and explicit and starts and _AVERAGE_ANNUAL.search(text, max(s_start, num_start - 8), num_start):
        a, b = starts[-1], explicit[-1]
        if a.year is not None and b.year is not None and a.year < b.year and a.year_from is None and b.year_from is None:
            # 由2010年的77亿元增加到2015年的…亿元，年均增长13.8%: the growth of each year after the first
            return replace(b, start=a.start, text=text[a.start : b.end], year_from=a.year + 1, month_from=1, month_to=12)
    if explicit:
        return explicit[-1]
    if zh and f_ok and f is not None and f.start - num_end <= 3:
        return f
    if not zh and before and f is not None and f.relative != "day" and not f.target:
        return f  # "Figures released on July 26 show that …, in the first six months of this year": the release's day is not the period
    if before:
        return before[-1]
    if not zh and f is not None and f.relative != "day" and following[-1].m is f and re.fullmatch(
            r"[\s,]*(?:respectively)?[\s,]*[.!]?[\s\"”’']*", text[f.end : s_end]) and not re.search(r"[;:]", text[num_end : f.start]):
        return f  # "… to exceed 300 million kilowatts and … to nearly 600 billion kWh as of 2030.": the sentence's period
    sentence = text[s_start:s_end]
    goal_here = bool(in_targets or _TARGET_CUE.search(sentence) or _FUTURE_CUE.search(sentence) or _PART_OF.match(sentence))
    # the last period carried from earlier sentences, and the last span (walking back, as far as needed)
    plain: PeriodMention | None = None
    span: PeriodMention | None = None
    any_earlier = False
    for q in reversed(usable):
        p = q.m
        if p.end > s_start:
            continue
        if (p.relative == "day" and not (zh and "\n" not in text[p.end : s_start])) \
                or (zh and p.relative == "now" and _SENTENCE_END_ZH.search(text, p.end, s_start)) \
                or (zh and _ON_THE_BASIS_AFTER.match(text, p.end)) \
                or (zh and p.relative != "this" and _SINCE_AFTER.match(text, p.end)
                    and _SENTENCE_END_ZH.search(text, p.end, s_start)) \
                or _ASIDE_PERIOD.match(text, p.end) \
                or _SUB_PERIOD_BEFORE.search(text, max(0, p.start - 4), p.start) \
                or _FROM_BEFORE.search(text, max(0, p.start - 3), p.start) \
                or (p.target and not goal_here):
            continue  # "21.5% in April alone", 其中6月份, 由2012年的3.9%, a deadline not carried on
        any_earlier = True
        if p.year_from is None:
            plain = plain or p
        elif span is None and (measure in ("growth", "change") or "\n" not in text[p.end : s_start]):
            span = p
        if plain is not None and span is not None:
            break
    if span is not None and _AVERAGE_ANNUAL.search(text, s_start, num_start) and (
            plain is None or plain.target or span.start > plain.start
            or _AVERAGE_ANNUAL.search(text, max(s_start, num_start - 8), num_start)):
        return span  # 《十五五规划纲要》…到2035年…；…研发经费投入年均增长7%以上: an average over the plan's years
    if span is not None and span.relative == "recent" and (plain is None or span.start > plain.start) \
            and "\n" not in text[span.end : s_start]:
        return span  # 这五年…推进…产业项目947个，完成投资832.6亿元: what the five years looked back on achieved
    if plain is not None:
        return plain  # a single year or month carries before a span ("十三五"良好开局)
    if span is not None:
        return span
    if f_ok:
        return f
    if default is None and not zh and f is not None:
        return f  # "had 12 firms above designated size and 3 SMEs at the end of 2024": the sentence's period
    if default is None and not any_earlier:
        # a page that opens with figures and gives their period only further down (实现地区生产总值744.94亿元…
        # then 初步统计，前三季度…): the first reporting period of the page
        first = next((p.m for p in usable if p.m.start >= s_end and not p.m.target and p.m.relative is None
                      and p.m.year_from is None and not p.m.stock and p.m.year is not None
                      and (p.m.month_from, p.m.month_to) != (1, 12)), None)
        if first is not None:
            return first
    return default


_ANAPHOR_TEXT = re.compile(r"(?:全|本|我)[省市州区县]|the\s+(?:province|city)", re.IGNORECASE)
_TO_LEVEL_ZH = re.compile(r"[^，,。；;\d]{0,8}?(?:增加|提高|增长|上升|扩大|提升|跃升|攀升)?(?:到|至)")
_ON_THE_BASIS_AFTER = re.compile(r"[^，,。；;]{0,10}?的基础上")  # 在一季度良好开局的基础上: a base, not a period carried
_SINCE_AFTER = re.compile(r"\s*以来")  # 去年下半年以来: the start of a trend, not the next sentence's period
_SENTENCE_END_ZH = re.compile(r"[。！？!?]")  # 目前… does not carry past its sentence
_DATELINE_AFTER = re.compile(r"\s*电")
_PART_OF = re.compile(r"\s*其中")  # 其中，…: a part of the goal before, of its deadline
_SUB_PERIOD_BEFORE = re.compile(r"其中[，,]?\s*$")  # 增长1.9%，其中6月份增长5.4%
_FROM_BEFORE = re.compile(r"(?:从|由)\s*$")  # 由2012年的3.9%提升到…
#: "than that of 1949 (189 million yuan)": the figure of the base year, in brackets right after it
_BRACKETED_AFTER = re.compile(r"\s*[(（]\s*(?:about\s+|some\s+|nearly\s+)?(?:RMB\s*|US\$\s*|\$\s*|¥\s*)?")
#: "over last year's 6.5 percent": the figure of the base year, right after its possessive
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+(?:\w+\s+){0,2}?(?:RMB\s*|US\$\s*|\$\s*|¥\s*)?")
#: a relative clause that gives a base's own figure: "compared with that in 2017 which reached 9.5 percent"
_WHICH_REACHED = r"(?:which|that|when\s+it)\s+(?:had\s+)?(?:reached|was|stood\s+at|hit|registered)\s+"
_WHICH_AFTER = re.compile(r",?\s+" + _WHICH_REACHED + r"(?:about\s+|around\s+|nearly\s+)?")
#: an English rate that is not a fall although a word of decline precedes it: the base's own rate in a
#: relative clause ("fell compared with that in 2017 which reached 9.5 percent"), or the earlier rate a
#: growth is down from ("3.6 percent, down from the high of 9 percent seen in 2016")
_NO_FALL_BEFORE_EN = re.compile(r"\b" + _WHICH_REACHED + r"$|"
                                r"\b(?:down|lower|slower|decelerat\w*|slow\w*)\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:of\s+)?$")
#: the figure of a Chinese comparison base, right after it: 从去年同期的30元, 较去年同期(-2.2%)
_BASE_FIGURE_ZH = re.compile(r"\s*(?:同期)?\s*(?:的|[（(]\s*(?:增长|下降|为)?)\s*-?")
_AVERAGE_ANNUAL = re.compile(r"年均|\baverage\s+annual", re.IGNORECASE)
_AVERAGE_ANNUAL_AFTER_EN = re.compile(r"\s+(?:annually\s+on\s+average|on\s+average\s+(?:annually|a\s+year|per\s+year)|a\s+year\s+on\s+average)\b",
                                      re.IGNORECASE)


@dataclass(frozen=True)
class _Period:
    """A period mention and, for a comparison base (比上年, than the first quarter), where the
    comparison word starts."""

    m: PeriodMention
    cmp_at: int | None


_CMP_ZH = re.compile(r"(?:比|较|与|同|于|高于|低于|快于|慢于|超过|跑赢|相比|上年|去年)\s*$")
#: the country's figure given in brackets or after "national average of" within a comparison
_NATIONAL_FIGURE = re.compile(r"(?:全国|我国)(?:平均水平|平均|同期)?(?:增速|水平)?\s*[（(]\s*(?:增长|为)?\s*$|"
                              r"\b(?:the\s+)?(?:national|country['’]s|China['’]s)\s+average\s+(?:(?:growth|level|rate)\s+){0,2}(?:of\s+)?$",
                              re.IGNORECASE)
_MONEY_SUBJECT_ZH = re.compile(r"(?:产值|收入|投资|总值|总额|税收|营收|营业额|销售额|交易额|利润|GDP|经济总量)"
                               r"[^，,。；;\d]{0,6}$")
#: the subject is many regions at once (all localities, most provinces, 多数省份, 各地): no one region's figure
_MANY_REGIONS = re.compile(r"\b(?:all|many|most|several|some|other)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}?"
                           r"(?:localities|provinces|regions|municipalities)\b|\bthe\s+majority\s+of\s+(?:them|the\s+provinces)\b|"
                           r"各地|各省|多数省份|多个省份|多地|部分省份", re.IGNORECASE)
_CMP_LIST_ZH = re.compile(r"(?:比|较|与)\s*(?:(?:[一二三四上下前全半]|\d{1,2}|\d{4}年)[^，,。；;、和及与\d]{0,5}(?:、|和|及|与))+\s*$")
_CMP_EN = re.compile(r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|from|over|since|(?:of|to)\s+(?:those|that)\s+(?:recorded|registered|reported|seen))\b", re.IGNORECASE)


def _average_span(period: PeriodMention, periods: list[_Period], kind: str, published: dt.date | None,
                  at: int, *, zh: bool = True) -> PeriodMention:
    """The years an average annual growth (年均增长) dated by one year ``period.year`` runs over: a
    span written before it that ends that year (“十三五”时期 … 2020年…年均增长8.4%: 2016~2020); in
    English, from an earlier year written within the 300 characters before it ("increased from
    232.36 billion yuan in 2012 to 512.61 billion yuan in 2021, with an average annual growth rate
    of 9.2 percent": 2012~2021); else, for a goal, the years from publication to the deadline
    (到2022年…年均增速26%, April 2020: 2020~2022)."""
    y = period.year
    spans = [p.m for p in periods if p.m.start < at and p.m.year == y and p.m.year_from is not None]
    if spans:
        return replace(period, year_from=spans[-1].year_from)
    if not zh and y is not None and kind == "actual":
        earlier = [p.m for p in periods if at - 300 <= p.m.start < at and p.m.year is not None and p.m.year < y
                   and p.m.year_from is None and not p.m.target and p.m.relative is None]
        if earlier:
            return replace(period, year_from=earlier[-1].year)
    if kind in ("target", "forecast") and published is not None and y is not None and published.year < y:
        return replace(period, year_from=published.year)
    return period


def _first_year_of(periods: list[_Period], text: str, start: int, end: int) -> int | None:
    """The year a 由A到B figure without a year of its own starts from: the year of the last 由2010年
    between ``start`` and ``end`` (由2010年的77亿元跃升到2015年的161.1亿元；社会消费品零售总额由21亿元…),
    or the year before the last span there (五年来 over 2021~2025: 2020), whichever is written later."""
    for p in reversed(periods):
        m = p.m
        if not start <= m.start < end or m.year is None or p.cmp_at is not None:
            continue  # (比“十一五”增长2.5倍: a base, not the span the figures run over)
        if m.year_from is not None and not m.target:
            return m.year_from - 1
        if m.year_from is None and _FROM_BEFORE.search(text, max(0, m.start - 2), m.start):
            return m.year
    return None


def _refill(periods: list[_Period], year0: int | None, text: str = "") -> list[_Period]:
    """Years inferred from the text (1—11月 after 2023年) are taken again from the periods that
    are not comparison bases (比上年, than that of 2018, 在2016年…基础上)."""
    year = year0
    out = []
    for p in periods:
        m = p.m
        if m.inferred and m.relative is None and year is not None:
            m = replace(m, year=year)
        elif not m.inferred and p.cmp_at is None and not m.target and m.year_from is None and m.relative is None \
                and m.year is not None and not is_base_year(text, m):
            year = m.year
        out.append(_Period(m, p.cmp_at))
    return out


_NATIONAL = re.compile(r"\bChina\b|\bChinese\b|\bnational\b|\bnationwide\b|\bcountry's\b|全国|我国|中国|国家统计局|国内生产总值|"
                       r"國家統計局|全國|國務院|国务院")


_RANKING_AFTER_ZH = re.compile(r"[^，,。；;]{0,30}?(?:前[十百千\d]+|[百千\d]+强|榜单?)[^，,。；;]{0,8}?(?:中|之中)")


def _comparison_at(text: str, p: PeriodMention) -> int | None:
    """Start of the comparison word that makes ``p`` a comparison base, or None."""
    before = text[max(0, p.start - 12) : p.start]
    m = _CMP_ZH.search(before)
    if m and not re.search(r"(?:从|由)\s*$", before):
        return p.start - len(before) + m.start()
    m = re.search(r"(?:比|较)\s*(?:去年|上年)?同期(?:和|及|、)\s*$", before)
    if m:  # 比去年同期和全年分别低0.8个和0.9个百分点: the second base of a list
        return p.start - len(before) + m.start()
    m = _CMP_LIST_ZH.search(text[max(0, p.start - 24) : p.start])
    if m:  # 较一季度、上半年和前三季度分别提高…: every period of the list is a base
        return p.start - len(text[max(0, p.start - 24) : p.start]) + m.start()
    if re.match(r"\s*(?:相比|同期)", text[p.end : p.end + 4]):
        return p.start
    if re.match(r"\s*(?:的)?基础上", text[p.end : p.end + 5]) and re.search(r"在\s*$", before):
        return p.start  # 在2012年基础上“七个翻番”: the base of the doublings, not their period
    if re.search(r"在\s*$", before) and _RANKING_AFTER_ZH.match(text, p.end):
        return p.start  # 在2021年全球光伏组件出货量前十的企业中，有六家落户滁州: the year of a ranking, not of the figures
    if re.match(r"\s*(?:末|底)?的?\s*\d+(?:\.\d+)?\s*倍", text[p.end : p.end + 12]) and re.search(r"(?:是|为|相当于)\s*$", before):
        return p.start - 1  # 是2002年的7.7倍: the base of a ratio
    if re.search(r"\btimes\s+(?:the|that|those|its)\s+(?:\w+\s+){0,2}?(?:in|of|at)\s+(?:the\s+end\s+of\s+)?$",
                 text[max(0, p.start - 50) : p.start], re.IGNORECASE):
        return p.start - 1  # "7.7 times the amount in 2002"
    if _CJK.search(text[max(0, p.start - 2) : p.end]):
        return None
    clause = text[max(0, p.start - 120) : p.start]
    cuts = [m.end() for m in re.finditer(r"[,;]|\.\s|--", clause)]
    clause = clause[cuts[-1] :] if cuts else clause
    hits = [h for h in _CMP_EN.finditer(clause)
            if not (h.group(0).lower() in ("than", "over") and re.match(r"\s*(?:[$¥€]|US\$|RMB\s*|CNY\s*)?\d", clause[h.end():]))
            and not re.search(r"\b(?:19|20)\d\d\b", clause[h.end():])]  # "than a day into 2020 to announce that in 2019"
    if hits:
        h = hits[-1]
        word = h.group(0).lower()
        if re.match(r"\w+\s+(?:a|the\s+previous|the\s+same)\s+(?:year|month|quarter|period)\s*(?:earlier|ago|before)?,?\s+"
                    r"(?:in|during|for)\s+(?:the\s+)?$", clause[h.start() :], re.IGNORECASE):
            return None  # "rose 9.3 percent from a year earlier in September": September is the figure's month
        if word in ("over", "since") and (p.year_from is not None or re.match(r"\s*the\s+(?:past|last)\b", clause[h.end() :],
                                                                                re.IGNORECASE)):
            return None  # "by 220 percent over the past years (2012-2020)": the span of the growth, not a base
        if word == "from" and re.search(r"\bto\b", clause[h.end() :]):
            return None  # "from 20.3 percent in 2015 to 21.3 percent in 2020": 2020 is the end, not a base
        if word in ("from", "over", "since") and not re.search(
                r"\b(?:increase|decrease|rise|fall|drop|up|down|higher|lower|growth|grew|rose|fell|rebound|accelerat|"
                r"doubl|tripl|quadrupl|fold|soar|surg|jump|narrow|widen|expand|shrink|declin|climb|gain)",
                clause[: h.start()], re.IGNORECASE):
            return None
        return p.start - len(clause) + h.start()
    return None


def _resp_subject(stext: str, num: NumberMention, numbers: list[NumberMention], resp: dict[int, int],
                  zh: bool, spans: list[tuple[int, int]]) -> str | None:
    """The k-th item of the subject list of a 'respectively' group, if the list has one item per value."""
    anchor = _group_anchor(stext, num.start, zh)
    group = [n for n in numbers if n.start in resp and _group_anchor(stext, n.start, zh) == anchor]
    first = group[0]
    if zh:
        end = stext.rfind("分别", 0, first.start)
        prev = [n for n in numbers if n.end <= end]
        start = prev[-1].end if prev else 0
        marks = list(re.finditer(r"[；;：:。]|其中|如|分[^，,。；;]{1,8}?看", stext[start:end]))
        if marks:
            start += marks[-1].end()
        base = _strip_regions_periods(stext[start:end], start, spans)
        base = re.sub(r"(?:同比|增加值|产量|均)+\s*$", "", base.strip())
        parts = [p for p in re.split(r"[、,，]|和(?=[^和]{2,}$)|及", base) if p.strip()]
        parts = [_subject_zh(p) for p in parts]
    else:
        start = 0
        for m in re.finditer(r"[;:]|--", stext[: first.start]):
            start = m.end()
        base = _subject_en(_strip_regions_periods(stext[start : first.start], start, spans), "")
        parts = [p.strip(" ,") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", base) if p.strip(" ,")]
    if len(parts) != len(group):
        return None
    return parts[resp[num.start]] or None


def _series_period(in_sentence: list[PeriodMention], chosen: PeriodMention | None, index: int, size: int,
                   text: str) -> PeriodMention | None:
    """The period of the ``index``-th of ``size`` values of a 'respectively' group whose items are
    periods, not subjects: a list of as many periods (2021年、2022年和2023年; "in 2021, 2022 and
    2023, respectively"), a span of as many years (2013-2017年…分别为), the quarters of 前三季度,
    or the months of 1-3月. None when the periods do not match the values one to one."""
    singles: list[PeriodMention] = []
    for p in in_sentence:
        if p.year is not None and p.year_from == p.year - 1 and re.search(r"\band\b|、|和|及", p.text):
            singles += [replace(p, year=p.year_from, year_from=None), replace(p, year_from=None)]  # 2022 and 2023
        else:
            singles.append(p)
    run: list[PeriodMention] = []
    for p in singles:
        if run and (p.start < run[-1].end or re.fullmatch(r"[\s、,，和及]*(?:and\s*)?", text[run[-1].end : p.start])):
            run.append(p)
            continue
        if len(run) == size:
            break
        run = [p]
    if len(run) == size and size > 1 and all(p.year is not None for p in run):
        return run[index]
    if chosen is None or chosen.year is None:
        return None
    if chosen.year_from is not None and chosen.year - chosen.year_from + 1 == size:
        return replace(chosen, year=chosen.year_from + index, year_from=None, month_from=1, month_to=12)
    if chosen.year_from is None and chosen.month_from == 1 and chosen.month_to == 3 * size and re.search(
            r"季度|quarter", chosen.text, re.IGNORECASE):
        return replace(chosen, month_from=3 * index + 1, month_to=3 * index + 3)
    if chosen.year_from is None and chosen.month_to - chosen.month_from + 1 == size and size > 1 and re.search(
            r"月|month|[A-Z][a-z]+", chosen.text):
        m = chosen.month_from + index
        return replace(chosen, month_from=m, month_to=m)
    return None


def _group_anchor(stext: str, pos: int, zh: bool) -> int:
    if zh:
        return stext.rfind("分别", 0, pos)
    return stext.find("respectively", pos)


def _fix_points(numbers: list[NumberMention], stext: str) -> list[NumberMention]:
    """``2.1个、5.8个百分点`` and "0.3 and 0.8 percentage points": the first number of such a
    list takes the unit written after the last."""
    out = list(numbers)
    for i in range(len(out) - 2, -1, -1):
        n, nxt = out[i], out[i + 1]
        if n.unit == "" and nxt.unit and re.fullmatch(r"\s*(?:,\s*)?(?:and|or|to|、|,|和|及|与)\s*", stext[n.end : nxt.start]):
            factor = {"pp": 0.01, "fraction": 0.01}.get(nxt.unit, 1.0)
            if nxt.unit in ("pp", "fraction"):
                out[i] = replace(n, unit=nxt.unit, kind=nxt.kind, value=float(f"{n.value * factor:.12g}"))
    for i, n in enumerate(out):
        if n.counter == "个" and n.unit == "count":
            pts = next((m for m in out[i + 1 :] if m.unit == "pp"), None)
            if pts is not None and pts.start - n.end <= 12 and re.fullmatch(r"[\s\d.个、和及与]*[、和及与][\s\d.个、和及与]*",
                                                                           stext[n.end : pts.start]):
                out[i] = replace(n, unit="pp", kind="points", value=float(f"{n.value / 100:.12g}"))
    return out


def _in_closed_bracket(stext: str, start: int, pos: int) -> bool:
    """Whether ``start`` lies in a bracket that closes before ``pos``: 年均增长10.3%(全省平均水平9.9%);
    规上工业增加值占比… — 全省 is the bracket's, not the later figures'."""
    opened = max(stext.rfind("(", 0, start), stext.rfind("（", 0, start))
    if opened < 0 or re.search(r"[)）]", stext[opened:start]):
        return False
    return bool(re.search(r"[)）]", stext[start:pos]))


def _bracket_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the brackets of a text that open and close on one line: (opening, closing)."""
    return tuple((m.start(), m.end() - 1) for m in re.finditer(r"[（(][^()（）\n]*[)）]", text))


_OWN_FIGURE_AFTER = re.compile(r"\s*[（(]\s*-?\d[\d.]*\s*(?:%|％|亿元|万元)\s*[)）]")


def _pick_region(regions: list[_Region], s_start: int, s_end: int, pos: int, resp: dict[int, int],
                 num: NumberMention | None, stext: str, numbers: list[NumberMention], zh: bool,
                 bullets: tuple[tuple[int, int], ...] = (), has_fallback: bool = False,
                 brackets: tuple[tuple[int, int], ...] = (), page: str | None = None,
                 gaz: Gazetteer | None = None, text: str | None = None) -> _Region | None:
    """The region of the number (or list) at ``pos`` (rule 5 of the module docstring). A region
    given with its own figure in brackets (低于江苏(7.8%)、广东(6.7%)) is compared with, and does
    not carry over to the next sentences (``text``: the whole document). A region
    named in an item of a bulleted list (``bullets``: spans of the items) does not carry over to
    the sentences after its item, nor does a region above the page's own (``page``, the finest
    region its headline names): on a city's page, the province or the country named in one
    sentence (对全省工业稳增长贡献突出, 高于全国) is not the subject of the next. Only the headline says what a
    page is about; a publisher's home region does not (a provincial paper reports on the country)."""
    in_sentence = [r for r in regions if s_start <= r.start < s_end]
    before = [r for r in in_sentence if r.end <= pos and not _in_closed_bracket(stext, r.start - s_start, pos - s_start)]
    num_end = (num.end if num is not None else pos - s_start)
    if num is not None and num.start in resp and before:
        k = resp[num.start]
        group = sorted(n.start for n in numbers if n.start in resp)
        first = s_start + group[0]
        listed = [r for r in before if r.end <= first]
        n = len([g for g in group if abs(_group_anchor(stext, g, zh) - _group_anchor(stext, num.start, zh)) == 0])
        if len(listed) >= n >= 2:
            cand = listed[-n:]
            between = stext[cand[0].start - s_start : cand[-1].end - s_start]
            if len(between) < 60 and not re.search(r"[。；;]", between):
                return cand[k]
    if before:
        return before[-1]
    after = [r for r in in_sentence if r.start >= pos and not re.search(r"[（(][^)）]*$", stext[num_end : r.start - s_start])]
    last = next((r for r in reversed(regions) if r.end <= s_start and not (
        not _ANAPHOR_TEXT.match(r.text or "") and any(a <= r.start < b and not a <= s_start < b for a, b in bullets))
        and not any(o < r.start < c < s_start for o, c in brackets)
        and not (text is not None and r.code is not None and _OWN_FIGURE_AFTER.match(text, r.end))
        and not (page is not None and gaz is not None and r.code is not None and gaz.is_above(r.code, page))), None)
    if after and ((last is None and not (zh and has_fallback)) or re.match(r"[^，,；;。]{0,30}?\b(?:in|at)\s+$", stext[num_end : after[0].start - s_start])
                  or (not zh and re.match(r"[^;.]{0,30}?,\s*$", stext[num_end : after[0].start - s_start]))
                  or (zh and not re.search(r"[，,；;]", stext[num_end : after[0].start - s_start]))):
        return after[0]  # "grew over 130 percent year on year in Hefei"
    if last is not None:
        return last
    if zh and has_fallback:
        return None  # 社会消费品零售总额达4.7万亿元，深圳成为…: the document's region, not the next clause's
    return after[0] if after else None


def _lexicon_code(lex: Lexicon, subject: str, measure: str, unit: str, zh: bool) -> str | None:
    """The lexicon code of a subject: its head indicator (the last one in Chinese, the first in
    English) that takes this measure and unit."""
    if not subject:
        return None
    mentions = lex.find(subject)
    if not mentions:
        return None
    order = sorted(mentions, key=lambda m: (-m.end, -(m.end - m.start)) if zh else (m.start, -(m.end - m.start)))
    want = {"yuan": "money", "count": "count", "fraction": "ratio"}.get(unit)
    for best in order:
        ind = best.indicator
        if measure == "growth" and ind.growth:
            return f"{ind.code}_growth"
        if measure == "share" and (ind.share or ind.quantity == "ratio"):
            return ind.share or ind.code
        if measure == "level" and want == ind.quantity:
            return ind.code
    return None


def extract_facts(
    text: str,
    *,
    document_id: str = "",
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
    default_region: str | None = None,
    default_year: int | None = None,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    skip_before: int = 0,
    skip_spans: tuple[tuple[int, int], ...] = (),
) -> list[Fact]:
    """Quantitative facts of a plain-text document.

    Parameters
    ----------
    text : str
        Plain text (use :func:`xinzhi.intelligence.text.to_text` for HTML or Markdown).
    document_id : str, default=""
        Copied into every fact.
    gazetteer : Gazetteer, optional
        Region names; default: the bundled divisions (:func:`reference_gazetteer`).
    lexicon : Lexicon, optional
        Indicator lexicon; default: the shipped one (:func:`load_lexicon`).
    default_region : str, optional
        Region code for facts whose text, headline and source name no region.
    default_year : int, optional
        Year for periods written without one before any year appears (else the headline's, else
        the publication date's).
    published : datetime.date, optional
        Publication date: relative periods resolve against it and every fact carries it.
    title, source : str, optional
        Headline and publisher: their region and period are the document's defaults.
    url : str, optional
        Address of the page: a publisher known by its host name (``data/publishers.yaml``)
        gives the document's region when its title and publisher name none.
    skip_before : int, default=0
        Facts whose number starts before this offset are not returned (preceding context).
    skip_spans : tuple of (start, end), optional
        Spans of the text not read as sentences (the rows of tables, read by
        :func:`xinzhi.intelligence.tables.table_facts`).

    Returns
    -------
    list of Fact
        In text order. The rules are listed in the module docstring.

    Examples
    --------
    >>> fs = extract_facts("2023年四川省地区生产总值达到60132.9亿元，比上年增长6.0%。")
    >>> [(f.region_code, f.indicator, f.value, f.period, f.kind) for f in fs]
    [('510000', 'gdp', 6013290000000.0, '2023', 'actual'), ('510000', 'gdp_growth', 0.06, '2023', 'actual')]
    """
    gaz = gazetteer or reference_gazetteer()
    lex = lexicon or load_lexicon()
    vocab = load_vocabulary()
    raw = text  # sentences are shown as written; the rules read simplified characters
    text, title, source = to_simplified(text), to_simplified(title or ""), to_simplified(source or "") or None
    pub = published.isoformat() if published else None  # shown with every fact, as the page gives it
    report = _REPORT_OF_YEAR.search(title)
    if report and (published is None or published.year != int(report.group(1))):
        # 2020年鄂尔多斯市人民政府工作报告 reprinted in July 2022: periods are read against the report's own
        # date (delivered early in its year), not the reprint's
        published = dt.date(int(report.group(1)), 2, 1)
    defaults = document_defaults(text, gaz, title=title, source=source, published=published,
                                 default_year=default_year, default_region=default_region, url=url)
    seeds, title_period, fallback_region = defaults.seeds, defaults.period, defaults.region
    found = gaz.find(text)
    if fallback_region is None and not any(m.candidates and m.candidates != (COUNTRY,) for m in found) and (
            _NATIONAL.search(text) or _NATIONAL.search(title or "") or _NATIONAL.search(source or "")):
        fallback_region = COUNTRY  # a text about the country (or by a national publisher) that names no province or city
    year0 = default_year if default_year is not None else (title_period.year if title_period else None)
    regions = _resolve_regions(found, gaz, text, seeds)
    periods = _refill([_Period(p, _comparison_at(text, p)) for p in find_periods(text, default_year=year0,
                                                                                 reference=published)], year0, text)
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    section_target = False
    review = False  # inside a work report's review of the past year (一、2024年工作回顾)
    dash_target, para_start = False, 0
    planning = False  # inside its plan for the year (二、2025年工作安排)
    paragraph = -1
    last_end = ""  # the last character of the previous sentence
    bullets = tuple((m.start(), m.end()) for m in _BULLET_LINE.finditer(text))
    brackets = _bracket_spans(text)
    for sent in split_sentences(text):
        stext = sent.text
        if any(a <= sent.start < b for a, b in skip_spans):
            continue
        zh = bool(_CJK.search(stext))
        # a ■ / ◆ line is a heading unless it carries figures (then it is an item of a list)
        heading = bool(_HEADING.match(stext)) and not _FIGURE.search(stext)
        if sent.paragraph != paragraph:
            paragraph = sent.paragraph
            # items of a plan's goals written as dashed paragraphs after a deadline
            # (到2025年，…。\n——高端制造引领功能大幅提升。…比重达45%)
            if _DASH_ITEM.match(stext):
                dash_target = dash_target or any(p.m.target and para_start <= p.m.start < sent.start for p in periods)
            else:
                dash_target = False
            para_start = sent.start
            if not heading and not _TARGET_HEADING.search(stext):
                # items of a list of targets: bulleted lines, or lines after a heading ending
                # with a colon and items ending with a semicolon (主要预期目标是：\n…；\n…。)
                section_target = section_target and bool(re.match(r"\s*[●◆▲■·•\-]", stext) or (last_end != "" and last_end in "：:；;"))
        this_section = section_target or dash_target
        last_end = stext.rstrip()[-1:] or last_end
        if defaults.work_report and (heading or _EN_HEADING.match(stext)):
            review = bool(_REVIEW_HEADING.search(stext))
            planning = not review and bool(_PLAN_HEADING.search(stext))
        if heading or _TARGET_HEADING.search(stext):
            section_target = bool(_TARGET_HEADING.search(stext))
            if heading and not section_target:
                this_section = False
        numbers = _fix_points(find_numbers(stext), stext)
        if not numbers:
            continue
        many_regions = bool(_MANY_REGIONS.search(stext))
        national_words = bool(re.search(r"全国|我国|national|country|China", stext, re.IGNORECASE))
        sent_regions = [r for r in regions if sent.start <= r.start < sent.end]
        numbers = [n for n in numbers if not any(r.start - sent.start < n.end and n.start < r.end - sent.start
                                                 for r in sent_regions)]  # 三台县 is a name
        numbers, ratio_facts = _ratios(numbers, stext)
        candidates = []
        for num in numbers:
            cstart = _clause_start(stext, num.start, zh)
            if not _not_a_fact(num, stext, zh, numbers, cstart):
                candidates.append((num, cstart))
        cand_numbers = [n for n, _ in candidates]
        resp = _respectively(stext, cand_numbers, zh)
        abs_numbers = [(sent.start + n.start, sent.start + n.end) for n in cand_numbers]
        spans = [(r.start - sent.start, r.end - sent.start) for r in sent_regions] + [
            (p.m.start - sent.start, p.m.end - sent.start) for p in periods if sent.start <= p.m.start < sent.end]
        prev_end = 0
        prev_subject = ""
        prev_measure: dict[int, str] = {}
        prev_negative: dict[int, bool] = {}
        range_kinds: dict[int, str] = {}
        for num, cstart in candidates:
            unit, value = num.unit, num.value
            seg_start = max(cstart, prev_end)
            segment = stext[seg_start : num.start]
            after = stext[num.end : num.end + 40]
            # ---- unit of bare numbers
            if unit == "":
                if re.search(r"指数|index|score", stext[max(0, num.start - 40) : num.start], re.IGNORECASE):
                    unit = "number"
                elif not zh and _GROWTH.search(segment[-25:]) and re.match(r"\s*(?:year[- ]on[- ]year|yoy)", after,
                                                                            re.IGNORECASE):
                    unit, value = "fraction", value / 100
                elif zh and num.magnitude and (_MONEY_SUBJECT_ZH.search(segment) or (
                        value >= 1e8 and (re.search(r"(?:任务|目标)\s*$", segment) or re.match(
                            r"[^，,。；;\d]{0,6}?(?:任务|目标|资金|投资|引资|产值|收入)", after)))):
                    unit = "yuan"  # 全市工业产值突破1万亿, 区200亿招商引资任务: an amount of money written without 元
                elif num.magnitude or (not zh and re.match(r"\s*(?:new\s+|more\s+)?[A-Za-z]", after)) or (
                        not zh and value >= 100 and float(value).is_integer()):
                    unit = "count"
                else:
                    prev_end = num.end
                    continue
            # ---- subject
            clean = _strip_regions_periods(segment, seg_start, spans)
            subject = _subject_zh(clean) if zh else _subject_en(clean, after)
            if not zh and not subject and (label := _EN_LABEL.search(stext[max(prev_end, 0) : num.start])):
                start = max(prev_end, 0) + label.start(1)
                subject = _subject_en(_strip_regions_periods(label.group(1), start, spans), after)  # "Permanent residents: 8.5 million"
            if not zh and unit in ("count", "person", "person_time", "") and num.kind != "money":
                noun = _noun_phrase_after(stext[num.end : num.end + 80])
                if noun and not _EN_STOP.match(noun.split()[0]) and not re.match(r"(?:yuan|percent|%|times)\b", noun):
                    subject = noun.replace("“", "").replace("”", "").replace('"', "")
            if zh and unit in ("count", "person") and (not subject or re.search(r"(?:中有|中|有)$", clean.strip())):
                m_after = re.match(r"\s*([^，,。；;、\d（(]{2,16}?)(?=保持|实现|[，,。；;、（(]|$)", stext[num.end : num.end + 24])
                if m_after:
                    subject = m_after.group(1)
            resp_subject = _resp_subject(stext, num, cand_numbers, resp, zh, spans) if num.start in resp else None
            subject = resp_subject or subject
            if zh and not subject and cstart > prev_end:
                before_clause = stext[prev_end:cstart].rstrip("，,；; ")
                cut = max((m.end() for m in _CLAUSE_ZH.finditer(before_clause)), default=0)
                subject = _subject_zh(_strip_regions_periods(before_clause[cut:], prev_end + cut, spans))
                subject = re.sub(r"(?:连续|居|排名|位居|位列).*$", "", subject)
            if zh and subject.startswith("占") and prev_subject:
                subject = prev_subject + subject
            if not subject or len(subject) < 2:
                subject = prev_subject
                if not zh and subject and unit == "fraction" and re.match(r"\s*of\s", after):
                    subject = f"{subject} share"
            upper = next((n for n in numbers if n.start >= num.end and re.fullmatch(
                r"\s*(?:[—–\-~～]|至)\s*", stext[num.end : n.start])), None) if num.approx == "at_least" else None
            if unit == "count" and (_policy_structure(num, stext, subject, zh) or (
                    upper is not None and _policy_structure(upper, stext, subject, zh))):
                prev_end = num.end
                continue  # 4个千亿级产业集群, 17条重点产业链, "34 key industrial chains": the plan's structure
            if many_regions and _MANY_REGIONS.search(stext[cstart : num.start]) and not _NATIONAL_FIGURE.search(
                    stext[max(0, num.start - 40) : num.start]):
                prev_end = num.end
                continue  # "many major economic provinces have set the target at about 5.5%": no one region's figure
            if unit == "count" and (re.search(r"人口|就业|人才|员工|职工|居民|人数", subject) or (not zh and re.match(
                    r"\s*(?:[\w-]+\s+){0,2}(?:residents|people|persons|workers|jobs|talents|employees|staff)\b", after)) or (
                    not zh and re.search(r"\bpopulation(?:\s+of\s+|\s+was\s+|\s+stood\s+at\s+|\s+reached\s+|\s*:\s*)(?:(?:more|less)\s+than\s+|over\s+|"
                                         r"about\s+|around\s+|nearly\s+|some\s+|approximately\s+)?$",
                                         stext[max(0, num.start - 50) : num.start], re.IGNORECASE))):
                unit = "person"  # "It has a population of more than 6.81 million"
            if not zh and unit == "count":
                unit = _english_count_unit(subject, after, unit)
            # ---- measure and sign
            measure, unit, value = _measure(num, unit, value, segment, after, subject, stext, zh)
            if num.start in resp and resp[num.start] > 0:
                first = min((n for n in cand_numbers if n.start in resp and _group_anchor(stext, n.start, zh)
                             == _group_anchor(stext, num.start, zh)), key=lambda n: n.start)
                if first.start in prev_measure and prev_measure[first.start] != measure and unit == first.unit:
                    measure = prev_measure[first.start]
                    if measure == "growth" and value > 0 and _DECLINE.search(stext[max(0, first.start - 12):first.start]):
                        value = -value
                elif first is not num and measure == "change" and unit == "pp" == first.unit and value > 0 and not _RISE.search(
                        stext[first.end : num.start]) and _DECLINE.search(stext[max(0, first.start - 12):first.start]):
                    value = -value  # 分别低0.8个和0.9个百分点: the decline word before the first is every item's
            if re.search(r"\b(?:up|down)\s+from\s+$|\bfrom\s+$|由\s*$|从\s*$", segment) and prev_measure:
                measure = list(prev_measure.values())[-1]  # "6.5 percent last year, up from 6.3 percent in 2019"
            if not zh and value < 0 < num.value and _NO_FALL_BEFORE_EN.search(segment):
                value = -value  # 2017's rate "which reached 9.5 percent", the rate a growth is "down from"
            low = _range_low(num, cand_numbers, stext)
            if low is not None and low.start in prev_measure:
                measure = prev_measure[low.start]  # the upper end of a range is read as its lower end
            if zh and unit == "fraction" and value > 0 and measure in ("growth", "level") and re.fullmatch(r"\s*[、和及]\s*", segment):
                before_num = [n for n in cand_numbers if n.end <= num.start]
                if before_num and before_num[-1].unit == "fraction" and prev_measure.get(before_num[-1].start) == "growth":
                    measure = "growth"  # 同比下降4.9%、5.7%: the growth word before the first is the list's
                    if prev_negative.get(before_num[-1].start):
                        value = -value
            prev_measure[num.start] = measure
            prev_negative[num.start] = value < 0
            # ---- region
            abs_start, abs_end = sent.start + num.start, sent.start + num.end
            region = _pick_region(regions, sent.start, sent.end, abs_start, resp, num, stext, cand_numbers, zh,
                                  bullets, fallback_region is not None, brackets, defaults.headline, gaz, text)
            if region is not None:
                region = _refine(region, regions, gaz, text)
            region_code = region.code if region else fallback_region
            region_text = region.text if region else None
            units = re.match(r"\s*(?:(?P<city>市\s*[（(]\s*州\s*[)）]|市州|市|州)|(?P<county>县\s*[（(]\s*市、?区\s*[)）]|县市区|区县|县区|县))",
                             after) if zh and num.counter == "个" else None
            if units and region_code in gaz.places and gaz.places[region_code].level != (
                    level := "province" if units.group("city") else "city"):
                region_code, region_text = gaz.lift(region_code, level), None  # 甘孜、泸州…7个市(州): the province's count
            if national_words and (_NATIONAL_FIGURE.search(stext[max(0, num.start - 40) : num.start]) or (
                    zh and re.search(r"(?:全国|我国)平均\s*$", stext[max(0, num.start - 6) : num.start])
                    and re.match(r"\s*的?(?:水平|增速)", after))):  # 高于全国平均5.3%的水平
                region_code, region_text = COUNTRY, None  # 高于全国(3.9%), "the national average of 6.4 percent"
            # ---- period
            group_end = None
            if not zh and num.start in resp:
                group_end = sent.start + max(n.end for n in cand_numbers if n.start in resp and _group_anchor(
                    stext, n.start, zh) == _group_anchor(stext, num.start, zh))
            period = _pick_period(periods, sent.start, sent.end, abs_start, abs_end, text, zh, abs_numbers,
                                  title_period, measure, group_end, this_section)
            if measure == "growth" and unit == "times" and period is not None and period.year is not None \
                    and period.year_from is None:
                base = [p.m for p in periods if sent.start <= p.m.start < abs_start and p.m.year is not None
                        and p.m.year_from is None and p.m.year < period.year and p.cmp_at is None]
                if base:  # "In 1949, … by 2018 … up 8,000-times": the ratio over the two years
                    period = replace(period, year_from=base[0].year, month_from=1, month_to=12)
            if not zh and re.search(r"\bfrom\s+(?:about\s+|around\s+|some\s+)?$", stext[: num.start]):
                since = [p.m for p in periods if sent.start <= p.m.start < abs_start and p.m.year is not None
                         and re.search(r"\b[Ss]ince\s+$", text[max(0, p.m.start - 8) : p.m.start])]
                if since and not (period is not None and period.start > abs_end and period.start - abs_end < 12):
                    period = since[-1]  # "Since 2020, … soared from 1.456 million to 9.443 million by 2023"
            if period is not None and unit == "times" and measure in ("growth", "level") and period.year is not None \
                    and period.year_from is None:
                bases = [p.m for p in periods if sent.start <= p.m.start < sent.end and p.m.year is not None
                         and p.m.year < period.year and (
                             (p.cmp_at is not None and p.m.start > sent.start + cstart)
                             or re.search(r"\b[Ss]ince\s+$|(?:自|从)\s*$", text[max(0, p.m.start - 8) : p.m.start]))]
                if bases:  # 7.7 times the amount in 2002, 是2002年的7.7倍: growth over 2002~2011
                    period = replace(period, year_from=bases[-1].year, month_from=1, month_to=12)
                    measure = "growth"
            if period is not None and period.year is not None and re.search(
                    r"\bsame\s+period\s+(?:of|in)\s+$", text[max(0, period.start - 25) : period.start], re.IGNORECASE):
                ref = title_period or next((p.m for p in reversed(periods) if p.m.end <= period.start and p.cmp_at is None
                                            and p.m.year is not None and (p.m.month_from, p.m.month_to) != (1, 12)), None)
                if ref is not None and (ref.month_from, ref.month_to) != (1, 12):
                    period = replace(period, month_from=ref.month_from, month_to=ref.month_to, stock=ref.stock)
            if period is not None and period.relative == "recent" and period.year_from is not None and measure == "level" \
                    and unit not in ("fraction", "pp") and period.end <= abs_start and not re.search(
                        r"累计|累积|共|合计|新增|总计|\b(?:total|cumulative|in all|combined|new)\b",
                        text[max(sent.start, period.end) : abs_start], re.IGNORECASE) and not (zh and re.search(
                        r"(?:完成|推进|实施|引进|签约|建成|开工|培育|招引|落地|争取)[^，,。；;]{0,24}$", stext[: num.start])):
                # (推进…产业项目947个，完成投资832.6亿元 over 这五年 are what the years achieved: the span)
                if _FROM_BEFORE.search(stext, max(0, num.start - 2), num.start) and _TO_LEVEL_ZH.match(stext, num.end) \
                        and period.year_from is not None:
                    period = replace(period, year=period.year_from - 1, year_from=None)  # 由1.31万亿元增加到…: the level before the span
                else:
                    period = replace(period, year_from=None)  # 五年来…经济总量突破3600亿元: the level at the span's end
            if zh and _FROM_BEFORE.search(stext, max(0, num.start - 2), num.start) and _TO_LEVEL_ZH.match(stext, num.end):
                first_year = _first_year_of(periods, text, para_start, abs_start)
                if first_year is not None:  # 由21亿元提高到41.5亿元 after 由2010年的…到2015年的…, or in 五年来: the first year
                    period = replace(period, year=first_year, year_from=None, month_from=1, month_to=12, target=False) \
                        if period is not None else PeriodMention(0, 0, "", first_year, 1, 12)
            if period is not None and period.year_from is None and period.month_from < period.month_to < 12 \
                    and measure in ("level", "growth") and _STOCK_SUBJECT.search(subject):
                period = replace(period, month_from=period.month_to, stock=True)  # 1-4月…贷款余额: at the end of April
            if num.start in resp and resp_subject is None:
                size = sum(1 for n in cand_numbers if n.start in resp and _group_anchor(stext, n.start, zh)
                           == _group_anchor(stext, num.start, zh))
                in_sentence = [p.m for p in periods if sent.start <= p.m.start < sent.end and p.cmp_at is None]
                if not (zh and len([x for x in re.split(r"[、和及与]", subject) if x]) == size):
                    # (生铁、粗钢产量分别为…: the items are the listed subjects, not the months of 1-2月)
                    period = _series_period(in_sentence, period, resp[num.start], size, text) or period
            # ---- kind
            kind = _kind(stext, num, period, this_section, published)
            if zh and kind == "actual" and (done := _WHEN_DONE.search(stext[: num.start])) and not re.search(
                    r"[。；;]", stext[done.end() : num.start]):
                kind = "forecast"  # 达产后将新增产值603.9亿元: what a project is to yield once running
                if period is not None and not (sent.start + done.end() <= period.start < abs_start):
                    period = None
            if zh and kind == "actual" and unit != "fraction" and (
                    re.search(r"任务\s*$", stext[max(0, num.start - 3) : num.start])
                    or re.match(r"[^，,。；;\d]{0,6}?任务", stext[num.end : num.end + 10])):
                kind = "target"  # 完成市下达任务100亿的100.2%: the task's amount is a goal, its completion rate actual
            if review and kind == "target" and not (zh and "任务" in stext[max(0, num.start - 3) : num.end + 10]):
                kind = "actual"  # a work report's review: 争取…资金超过300亿元 is money secured, not a goal
            elif planning and kind == "actual" and published is not None and (
                    period is None or period.year is None or period.year >= published.year or period.end == 0):
                kind = "target"  # its plan for the year: 二、2025年工作安排 … 地区生产总值增长5.5%左右
                if period is None or period.year is None or period.year < published.year:
                    period = PeriodMention(0, 0, "", published.year, 1, 12, target=True)
            if kind == "actual" and period is not None and period.year_from is not None and published is not None \
                    and period.year is not None and period.year_from >= published.year:
                kind = "target"  # a figure over a plan's years that have not begun or just begun is a goal
            if low is not None and low.start in range_kinds:
                kind = range_kinds[low.start]
            range_kinds[num.start] = kind
            if kind in ("target", "forecast") and published is not None and (period is None or (
                    period.year is not None and period.year < published.year)):
                later = [p.m for p in periods if sent.start <= p.m.start < sent.end and p.m.start > abs_start
                         and p.m.year is not None and p.m.year >= published.year and p.cmp_at is None]
                if later:
                    period = later[0]
                elif defaults.work_report and published is not None and (kind == "target" or not zh) and (
                        period is None or period.start < sent.start or period.end == 0):
                    # a work report's target with no year of its own is for the year it plans (so is
                    # an English forecast, "is expected to"; 预计 in a Chinese report estimates the
                    # year it reviews)
                    period = PeriodMention(0, 0, "", published.year, 1, 12, target=True)
            if kind == "actual" and period is not None and published is not None and period.year is not None \
                    and (period.start < sent.start or period.end == 0) and not period.stock \
                    and (period.year, period.month_to) > (published.year, published.month):
                # a period taken from elsewhere that has not ended at publication cannot date an
                # actual figure ("achievements in 2013 and tasks in 2014", January 2014): the
                # document's own period, else the same months a year earlier
                if defaults.period is not None and defaults.period.year is not None and (
                        defaults.period.year, defaults.period.month_to) <= (published.year, published.month):
                    period = defaults.period
                else:
                    ended = [p.m for p in periods if p.m.end <= sent.start and p.cmp_at is None and not p.m.target
                             and p.m.relative in (None, "this") and p.m.year is not None and p.m.year_from is None
                             and (p.m.year, p.m.month_to) <= (published.year, published.month)
                             and p.m.year == published.year and p.m.month_to < 12
                             and not (zh and _ON_THE_BASIS_AFTER.match(text, p.m.end))]
                    # "… this year" carried in a release of September: the month the release reports
                    # ("Its added value in August increased by 7.4%"), else the same months a year earlier
                    period = ended[-1] if ended and period.relative == "this" else replace(
                        period, year=(period.year or 0) - 1, year_from=None)
            if period is not None:
                if kind in ("target", "forecast") and period.year_from is not None and (
                        measure in ("level", "share") or (unit == "times" and kind == "target")) and not (
                        period.end <= abs_start and _DURING_SPAN.search(text[period.end : abs_start])):
                    # a level target is due at the end of the span, unless the text says the figure is
                    # for the span ("… 13th Five-Year Plan …, during this period, aiming at …")
                    period = replace(period, year_from=None)
                elif kind == "actual" and zh and measure in ("level", "share") and period.year_from is not None \
                        and not period.target and re.search(r"(?:达到|达|升至|提高到|增加到|突破)\s*$", stext[max(0, num.start - 4) : num.start]) \
                        and not re.search(r"累计|合计|共计|总计", stext[max(0, num.start - 30) : num.start]):
                    period = replace(period, year_from=None)  # “十四五”期间，地区生产总值…达到1.5万亿元: the level at the span's end
                if not zh and period.year is not None and period.year_from is None and not period.target \
                        and (period.month_from, period.month_to) != (1, 12) and not sent.start <= period.start < sent.end \
                        and re.search(r"\b(?:annual|full-year|whole-year)\s+(?!growth|rate|average|capacity)\w",
                                      stext[max(0, num.start - 60) : num.start], re.IGNORECASE):
                    # "… over the first three quarters. The annual GDP is expected to exceed 800 billion yuan": the year
                    period = replace(period, month_from=1, month_to=12, stock=False)
                if measure == "growth" and unit == "fraction" and period.year is not None and period.year_from is None \
                        and (period.month_from, period.month_to) == (1, 12) \
                        and (_AVERAGE_ANNUAL.search(text, max(sent.start, abs_start - (10 if zh else 40)), abs_start)
                             or (not zh and _AVERAGE_ANNUAL_AFTER_EN.match(text, abs_end))):
                    period = _average_span(period, periods, kind, published, abs_start, zh=zh)
                if period.stock and period.month_from == period.month_to and period.relative != "now" and (re.search(
                        r"累计|cumulative", text[max(period.end, sent.start) : abs_start]) or _FLOW_SUBJECT.match(subject)):
                    period = replace(period, month_from=1, stock=False)  # 截至10月底累计, 截至9月末…新增: year to date
            # ---- indicator, sector, product
            code = _lexicon_code(lex, (clean.strip() if measure == "share" and zh else subject), measure, unit, zh) or (
                _lexicon_code(lex, subject, measure, unit, zh) if measure == "share" else None)
            sector = vocab.sector(subject)
            product = vocab.product(subject) if (sector is None or re.search(
                r"产量|产销|output|production|produc|export|出口", subject, re.IGNORECASE)) else None
            qualifier = _qualifier(num, stext)
            if measure == "change" and qualifier == "over" and not num.approx:
                qualifier = None  # 超过…1.4个百分点 is the size of a difference, not a bound
            prev_end = num.end
            prev_subject = subject or prev_subject
            if abs_start < skip_before:
                continue
            key = (round(value, 9), unit, region_code, period.canonical if period else None, abs_start)
            if key in seen:
                continue
            seen.add(key)
            both = _each_of(subject, stext[: num.start]) if zh else []
            if both:
                subject = both[0]
                code = _lexicon_code(lex, subject, measure, unit, zh)
            facts.append(Fact(
                document_id=document_id, value_start=abs_start, value_end=abs_end,
                sentence_start=sent.start, sentence_end=sent.end,
                region_code=region_code, region_text=region_text,
                indicator=code or subject, subject=subject, measure=measure, sector=sector, product=product,
                value=float(f"{value:.12g}"), unit=unit, qualifier=qualifier,
                period=period.canonical if period else None,
                year=period.year if period else None,
                month_from=period.month_from if period else None,
                month_to=period.month_to if period else None,
                kind=kind, published=pub, value_text=raw[abs_start:abs_end], sentence=raw[sent.start : sent.end],
            ))
            for part in both[1:]:  # 工业产值、营收均超过1.2万亿: one fact per subject
                facts.append(replace(facts[-1], subject=part,
                                     indicator=_lexicon_code(lex, part, measure, unit, zh) or part,
                                     sector=vocab.sector(part), product=vocab.product(part)))
        for rf in ratio_facts:
            abs_start = sent.start + rf.start
            if abs_start < skip_before:
                continue
            region = _pick_region(regions, sent.start, sent.end, abs_start, {}, rf.number, stext, [], zh)
            period = _pick_period(periods, sent.start, sent.end, abs_start, abs_start + 1, text, zh, [],
                                  title_period, "share", None)
            if period is not None and rf.previous_year and period.year is not None:
                period = replace(period, year=period.year - 1, year_from=None)
            facts.append(Fact(
                document_id=document_id, value_start=abs_start, value_end=sent.start + rf.end,
                sentence_start=sent.start, sentence_end=sent.end,
                region_code=region.code if region else fallback_region, region_text=region.text if region else None,
                indicator=rf.subject, subject=rf.subject, measure="share", sector=None, product=None,
                value=rf.value, unit="fraction", qualifier=None,
                period=period.canonical if period else None, year=period.year if period else None,
                month_from=period.month_from if period else None, month_to=period.month_to if period else None,
                kind="actual", published=pub, value_text=rf.text, sentence=raw[sent.start : sent.end],
            ))
    facts.sort(key=lambda f: f.value_start)
    return dedupe(facts)


def dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per figure of a document: a headline, a table or a later sentence repeating a
    fact (same value, unit, region, period, kind and measure, and a subject one of which contains
    most of the other) is dropped; the fact with the longer sentence is kept.

    >>> from dataclasses import replace
    >>> f = extract_facts("规上工业增加值增长16%。全市规模以上工业增加值同比增长16.0%。")
    >>> [(x.value, x.sentence) for x in f]
    [(0.16, '全市规模以上工业增加值同比增长16.0%。')]
    """
    kept: list[Fact] = []
    for f in sorted(facts, key=lambda x: (" | " in x.sentence, -len(x.sentence))):
        if any(k.unit == f.unit and abs(k.value - f.value) <= 1e-9 * max(1.0, abs(f.value))
               and k.region_code == f.region_code and k.period == f.period and k.kind == f.kind
               and k.measure == f.measure and _same_subject(k.subject, f.subject, k.sentence_start != f.sentence_start)
               for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda x: x.value_start)


def _same_subject(a: str, b: str, loose: bool) -> bool:
    """Whether two equal figures are one: within one sentence only if one subject contains the other
    (第二产业投资 and 第三产业投资, both 增长6.8%, are two figures); across sentences also when most
    of the shorter subject's characters (Chinese) or words (English) are in the longer (规上工业增加值
    and 规模以上工业增加值), but not when only half are (汽车制造业 and 汽车产业)."""
    na, nb = re.sub(r"\W", "", a or "").lower(), re.sub(r"\W", "", b or "").lower()
    if not na or not nb:
        return na == nb
    if na in nb or nb in na:
        return True
    if not loose:
        return False
    if _CJK.search(na + nb):
        short, long_ = sorted((set(na), set(nb)), key=len)
    else:
        short, long_ = sorted((set(re.findall(r"[a-z0-9]+", (a or "").lower())),
                               set(re.findall(r"[a-z0-9]+", (b or "").lower()))), key=len)
    return bool(short) and len(short & long_) >= 0.8 * len(short)


@dataclass(frozen=True)
class DocumentDefaults:
    """What a document's headline and publisher say: the region of facts whose text names none,
    the regions 全省 / 我市 refer to (``seeds``), and the period of facts without one."""

    region: str | None
    seeds: list[str]
    period: PeriodMention | None
    work_report: bool = False
    headline: str | None = None  # the finest region the headline names (what the page is about)


_REPORT_OF_YEAR = re.compile(r"((?:19|20)\d\d)\s*年[^，,。；;]{0,20}?政府工作报告")


def document_defaults(text: str, gaz: Gazetteer, *, title: str | None = None, source: str | None = None,
                      published: dt.date | None = None, default_year: int | None = None,
                      default_region: str | None = None, url: str | None = None) -> DocumentDefaults:
    """Region and period a document's headline and publisher give (rules 5 and 6).

    The headline's region (the finest it names) comes first; the publisher's (named in it, or the
    home region of a regional paper, ``data/publishers.yaml``) is used by Chinese text; then
    ``default_region``. The period is the headline's (not a span); a government work report
    published in the first quarter reviews the year before.
    """
    title = title or ""
    head_regions = _finest(gaz.codes_in(title), gaz) if title else []
    source_regions = _publisher_regions(source or "", gaz) or _host_regions(url or "", gaz)
    doc_zh = bool(_CJK.search(text[:2000]))
    seeds = [c for c in (*head_regions, *source_regions) if c != COUNTRY]
    title_periods = find_periods(title, default_year=default_year, reference=published) if title else []
    period = next((p for p in title_periods if p.year is not None and p.year_from is None and p.relative != "day"), None)
    work_report = published is not None and published.month <= 3 and bool(re.search(
        r"政府工作报告|work\s+report|report\s+on\s+(?:the\s+)?(?:government\s+)?work|work\s+of\s+the\s+government",
        title + text[:300], re.IGNORECASE))
    if period is None and work_report and published is not None:
        period = PeriodMention(0, 0, "", published.year - 1, 1, 12)  # a work report reviews last year
    # an English page takes its publisher's region only when the publisher's name says it and the
    # publisher is a city's or county's ("Chun'an County People's Government", "China Daily Conghua"):
    # provinces' English sites and regional papers reprint national Xinhua stories
    named_source = [c for c in gaz.codes_in(source or "") if c in gaz.places and gaz.places[c].level in ("city", "county")
                    ] if not doc_zh and not re.search(r"Xinhua", source or "", re.IGNORECASE) else []
    fallbacks: list[str | None] = [*(head_regions or (source_regions if doc_zh else _finest(named_source, gaz))),
                                   default_region]
    return DocumentDefaults(fallbacks[0], seeds, period, work_report, head_regions[0] if head_regions else None)


def _finest(codes: list[str], gaz: Gazetteer) -> list[str]:
    """Region codes of a headline, finest (and not the country) first."""
    real = [c for c in codes if c != COUNTRY and c in gaz.places]
    real.sort(key=lambda c: -LEVEL_RANK.get(gaz.places[c].level, 0))
    return real or [c for c in codes if c == COUNTRY]


def _publisher_regions(source: str, gaz: Gazetteer) -> list[str]:
    """Regions of a publisher: named in it (四川省统计局), or its home region (四川日报, data file)."""
    if not source:
        return []
    codes = [c for c in gaz.codes_in(source) if c != COUNTRY]
    if codes:
        return _finest(codes, gaz)
    for name, code in _publishers().items():
        if name.lower() in source.lower() and code in gaz.places:
            return [code]
    return []


def _host_regions(url: str, gaz: Gazetteer) -> list[str]:
    """Region of a page's host: a publisher of ``data/publishers.yaml`` named in it
    (``english.anhuinews.com``, ``www.sc.gov.cn``)."""
    m = re.match(r"(?:[a-z]+://)?([^/:?#]+)", url.strip().lower())
    if not m:
        return []
    host = m.group(1)
    for name, code in _publishers().items():
        key = name.lower()
        if re.fullmatch(r"[a-z0-9.-]+", key) and (key in host.split(".") if "." not in key else (
                host == key or host.endswith("." + key))) and code in gaz.places:
            return [code]
        if re.fullmatch(r"[a-z]{6,}", key) and key in host and code in gaz.places:
            return [code]
    return []


@cache
def _publishers() -> dict[str, str]:
    text = resources.files("xinzhi.intelligence").joinpath("data/publishers.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k): str(v) for k, v in (data.get("publishers") or {}).items()}


def _measure(num: NumberMention, unit: str, value: float, segment: str, after: str, subject: str,
             stext: str, zh: bool) -> tuple[str, str, float]:
    """Measure (level, growth, share, change), unit and signed value of a number (rule 3)."""
    if unit == "pp":
        if _DECLINE.search(segment) and not (zh and _RISE.search(segment[-4:])):
            value = -abs(value)
        elif not zh and re.match(r"\s*(?:lower|less|slower|down|below|smaller)\b", after, re.IGNORECASE):
            value = -abs(value)  # "0.5 percentage point lower than growth in the first half"
        return "change", unit, value
    if unit in ("fraction", "times"):
        if (_SHARE.search(segment) and not re.search(r"增长|增速|下降|grew|growth|rose|up\b", segment[-8:], re.IGNORECASE)
                and not (not zh and re.search(r"\b(?:fell|dropped|declined|decreased|increased|rose|grew|went\s+(?:up|down))\s+by\s+$",
                                              segment, re.IGNORECASE))) or (
                not zh and re.match(r"\s*of\s+(?:the\s+|its\s+|all\s+)?(?:[\w-]+['’]s\s+)?[a-z]", after, re.IGNORECASE)
                and not re.search(r"\b(?:by|of)\s*$", segment)):
            return "share", unit, value
        cues = list(_GROWTH.finditer(segment))
        if not cues and not zh and re.search(r"\bby\s+$", segment):
            cues = list(_GROWTH.finditer(stext[: num.start]))  # "… grew by 4.1 percent; joint-stock enterprises by 8.5 percent"
        g = cues[-1] if cues else None
        after_g = _GROWTH_AFTER.match(after)
        to_level = bool(re.search(r"(?:至|到)\s*$|\bto\s+(?:about\s+|over\s+|nearly\s+)?$", segment)) and not re.search(
            r"增速|增幅|增长率|\bgrowth\b|\brate\b", segment)
        rate_level = bool(_RATE_SUBJECT.search(subject)) and (g is None or re.match(r"同比|环比|年均", g.group(0)))
        if (g is not None or after_g) and not rate_level and not to_level:
            cue = (g.group(0) if g is not None else "") + (after_g.group(0) if after_g else "")
            if _DECLINE.search(cue) and value > 0:
                value = -value
            if unit == "times" and zh and g is not None and re.search(r"增长|增加|提高", g.group(0)):
                unit = "fraction"  # 增长1.4倍 = +140 %
            return "growth", unit, value
        if unit == "times":
            grow = re.search(r"翻|double|fold|times\s+(?:as|the)", num.text + after, re.IGNORECASE)
            return ("growth" if grow else "level"), unit, value
        return "level", unit, value
    if num.kind in ("money", "count", "person", "physical") and _CHANGE_MONEY.search(stext[max(0, num.start - 30) : num.start]):
        if _DECLINE.search(stext[max(0, num.start - 12) : num.start]):
            value = -abs(value)
        return "change", unit, value
    return "level", unit, value


def _item_bound_estimate(prefix: str, m: re.Match[str]) -> bool:
    """Whether a Chinese 预计 written after its item's subject (地区生产总值预计完成230.6亿元，增长4%；规上工业增加值
    增长6.5%) governs only that item, and the number (at the end of ``prefix``) lies beyond it: past
    the next semicolon or comma after a completed figure. 预计 opening the clause (预计全年…, 初步预计，…)
    governs the whole sentence."""
    if not m.group(0).startswith("预计"):
        return False
    if re.match(r"数?\s*[，,]?\s*下同", prefix[m.end() : m.end() + 6]):
        return False  # (预计数，下同): every figure of the list is an estimate
    start = max(prefix.rfind(c, 0, m.start()) for c in "，,；;。：:\n") + 1
    head = re.sub(r"初步|全年|全市|全县|全区|全省|今年|\d+年末?|\d+月|[\s—–-]", "", prefix[start : m.start()])
    if len(head) < 2:
        return False
    after = prefix[m.end() :]
    return bool(re.search(r"[；;]", after)) or bool(re.search(r"\d[^，,；;]*[，,][^，,；;]*$", after) and re.search(
        r"[，,]\s*[^\d，,；;]{2,}?(?:占比|比重|增加值|收入|产值|投资|总额|总值|税收|利润)", after))


def _kind(stext: str, num: NumberMention, period: PeriodMention | None, section_target: bool,
          published: dt.date | None = None) -> str:
    """actual, target or forecast (rule 7). A deadline already past at publication ("by the end
    of 2017" in 2018, "soared to 9.4 million by 2023" in 2024) is the date of an actual figure
    unless a target word says otherwise."""
    prefix = stext[: num.start]
    if re.match(r"[^，,。；;\d]{0,6}?[（(]\s*预计", stext[num.end : num.end + 12]):
        return "forecast"  # 地区生产总值4800亿元左右(预计数，下同): an estimate written after its figure
    if re.search(r"\b(?:goal|target)\s+of\s+(?:around\s+|about\s+|approximately\s+)?$", prefix[-40:], re.IGNORECASE):
        return "target"  # "topping the goal of 6.5 percent set at the beginning of the year"
    if published is not None and period is not None and period.year is not None and period.year < published.year \
            and not section_target and not _FORECAST_CUE.search(prefix) and not [
                m for m in _TARGET_CUE.finditer(prefix) if not re.match(r"to\s", m.group(0), re.IGNORECASE)]:
        return "actual"
    if "from" in prefix[-30:] and _FROM_BASE.search(prefix[-120:]):
        return "actual"  # "projected to rise to 380 billion yuan in 2015 from 114 billion yuan in 2010": the base
    fc = [m for m in _FORECAST_CUE.finditer(prefix) if not _item_bound_estimate(prefix, m)]
    tc = [m for m in _TARGET_CUE.finditer(prefix) if not _ACTUAL_TO.search(prefix[max(0, m.start() - 90) : m.start()])
          and not (m.group(0) == "目标" and _MET_TARGET.search(prefix[max(0, m.start() - 8) : m.start()]))
          and not (m.group(0).startswith("将") and re.search(r"(?:预计|预测|有望|估计)[^。；;]{0,20}$", prefix[: m.start()]))]
    # 初步预计，全市生产总值将达到103.22亿元: 将 continues the estimate
    if _KEEP_AT.search(prefix[-80:]):
        return "target"  # "keeping GDP growth at around 6.5-7 percent this year"
    last_f = fc[-1].start() if fc else -1
    last_t = tc[-1].start() if tc else -1
    clause = prefix[max(prefix.rfind("，"), prefix.rfind(","), prefix.rfind("；"), prefix.rfind(";")) + 1 :]
    deadline = period is not None and period.target and not (_STOCK_CUE.search(clause) and not _FUTURE_CUE.search(clause))
    if last_f > last_t:
        kind = "forecast"
    elif last_t >= 0 or deadline or section_target:
        kind = "target"
        if re.search(r"计划(?:总)?投资|年度计划投资", stext[max(0, num.start - 8) : num.start]):
            kind = "actual"
    else:
        kind = "actual"
        if re.match(r"[^.;,，。；]{0,40}?\s(?:will|shall)\s+be\s+(?:created|added|built|completed|achieved|kept|controlled|established|set\s+up|cultivated|launched|introduced|attracted|trained)\b",
                    stext[num.end : num.end + 80]):
            kind = "target"  # "about 350,000 new jobs will be created in 2023": a goal written after its figure
    if kind == "target" and re.search(r"\b(?:is|are)\s+(?:expected|estimated|anticipated|projected)\s+to|"
                                      r"(?:expected|estimated|anticipated|projected)\s+to\s+(?:exceed|reach|hit|top)\b",
                                      prefix, re.IGNORECASE):
        kind = "forecast"
    return kind


@dataclass(frozen=True)
class _Ratio:
    start: int
    end: int
    value: float
    subject: str
    text: str
    previous_year: bool
    number: NumberMention


def _ratios(numbers: list[NumberMention], stext: str) -> tuple[list[NumberMention], list[_Ratio]]:
    """Structures written as ``3.7∶30.6∶65.7`` (三次产业结构): one share fact per part; the
    numbers of the ratio are not facts of their own. ``由上年的a:b:c调整为d:e:f``: the first
    ratio is the year before."""
    out: list[_Ratio] = []
    taken: set[int] = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*[:∶]\s*(\d+(?:\.\d+)?)\s*[:∶]\s*(\d+(?:\.\d+)?)", stext):
        previous = bool(re.search(r"(?:上年|去年)的?\s*$", stext[max(0, m.start() - 6) : m.start()]))
        names = ["第一产业", "第二产业", "第三产业"] if re.search(r"三次产业|产业结构|industr|sector", stext[:m.start()],
                                                                re.IGNORECASE) else ["part 1", "part 2", "part 3"]
        for k in range(3):
            v = float(m.group(k + 1))
            n = NumberMention(m.start(k + 1), m.end(k + 1), v / 100, "fraction", "percent", m.group(k + 1))
            out.append(_Ratio(m.start(k + 1), m.end(k + 1), float(f"{v / 100:.12g}"), f"{names[k]}占比",
                              m.group(k + 1), previous, n))
        taken.update(range(m.start(), m.end()))
    return [n for n in numbers if n.start not in taken], out


def facts_frame(facts: list[Fact]) -> pd.DataFrame:
    """Facts as a data frame with the columns of :data:`FACT_COLUMNS`."""
    import pandas as pd

    return pd.DataFrame([asdict(f) for f in facts], columns=FACT_COLUMNS)


_SHOWN_UNITS = {"count": "", "person": " 人", "person_time": " 人次", "tonne": " 吨", "kwh": " 千瓦时", "kw": " 千瓦",
                "m2": " 平方米", "km2": " 平方公里", "mu": " 亩", "km": " 公里", "m3": " 立方米", "times": " 倍",
                "usd": " 美元", "eur": " 欧元", "hkd": " 港元", "number": ""}
_SHOWN_UNITS_EN = {"count": "", "number": "", "person": " people", "person_time": " person-times", "tonne": " t",
                   "kwh": " kWh", "kw": " kW", "m2": " m²", "km2": " km²", "mu": " mu", "km": " km", "m3": " m³",
                   "times": " times", "usd": " US dollars", "eur": " euros", "hkd": " HK dollars"}


def _trim(x: float) -> str:
    """Two decimals at most, thousands separated, trailing zeros dropped."""
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def shown_value(value: float, unit: str, lang: str = "zh") -> str:
    """A fact value for reading: yuan in 亿元 (or 万元 below one 亿), fractions in percent,
    percentage points, counts with thousands separators, physical units in Chinese. With
    ``lang="en"``: yuan in billions (bn, from one billion) or millions, points as pp, units in
    English.

    >>> shown_value(6.01329e12, "yuan"), shown_value(0.061, "fraction"), shown_value(-0.006, "pp")
    ('60,132.9 亿元', '6.1%', '-0.6 个百分点')
    >>> shown_value(1_496_000, "count"), shown_value(72e6, "kwh")
    ('1,496,000', '72,000,000 千瓦时')
    >>> shown_value(6.01329e12, "yuan", "en"), shown_value(1.0677e11, "yuan", "en"), shown_value(5.2e7, "yuan", "en")
    ('6,013.29 bn yuan', '106.77 bn yuan', '52 M yuan')
    >>> shown_value(0.061, "fraction", "en"), shown_value(-0.006, "pp", "en"), shown_value(72e6, "kwh", "en")
    ('6.1%', '-0.6 pp', '72,000,000 kWh')
    """
    if value != value:  # NaN
        return ""
    en = lang == "en"
    if unit == "yuan":
        if en:
            if abs(value) >= 1e9:
                return f"{_trim(value / 1e9)} bn yuan"
            return f"{_trim(value / 1e6)} M yuan" if abs(value) >= 1e6 else f"{_trim(value)} yuan"
        return f"{_trim(value / 1e8)} 亿元" if abs(value) >= 1e8 else f"{_trim(value / 1e4)} 万元"
    if unit == "fraction":
        return f"{100 * value:.2f}".rstrip("0").rstrip(".") + "%"
    if unit == "pp":
        return f"{100 * value:.2f}".rstrip("0").rstrip(".") + (" pp" if en else " 个百分点")
    return _trim(value) + (_SHOWN_UNITS_EN if en else _SHOWN_UNITS).get(unit, f" {unit}")
