"""The fact extractor: region, indicator, value, qualifier, period and kind from sentences.

Rules, in the order they apply to every number of a sentence (see ``docs/extraction.md``):

1. **Numbers** (:mod:`~xinzhi.intelligence.numbers`) carry a kind: money (yuan), count,
   percent, times (倍), percentage points, another currency or another unit. Percentage points,
   other currencies and other units never become facts.
2. **Indicator.** A count written just before an indicator noun binds forward ("412 industrial
   projects"). Otherwise the number binds to the nearest indicator mention before it in the same
   sentence, provided that, when a clause boundary (，；, ;) lies between them, the number's own
   clause has no subject of its own ("，同比增长6%", ", up 6 percent" bind; "，其中出口增长3%"
   does not).
3. **Quantity.** Money binds to money indicators and counts to count indicators as levels. A
   percentage binds to a ratio indicator as its level; after a share phrase (占…比重, accounting
   for) to the indicator's ``share`` code; after (or just before) a growth word to
   ``<code>_growth``, negated after a word of decline (下降, fell). ``增长1.4倍`` is growth 1.4.
4. **Region.** The nearest region mention before the number in the sentence; when that mention
   is an ancestor of an earlier one without a clause boundary between them ("Suzhou in east
   China's Jiangsu Province"), the earlier, finer one. Else the first mention after the number in
   the sentence, else the last one earlier in the document, else ``default_region``. 全省 / 全市 /
   "the city" stand for the last named region lifted to that level.
5. **Period.** The period written right after the number in the same clause ("up 6 percent in
   2023"), else the nearest one before it in the sentence, else the last one earlier in the
   document.
6. **Kind.** ``target`` when the period is a deadline (到2027年, by 2027) or a target word
   (力争, 目标, aims to) precedes the number in the sentence; ``plan`` when the indicator is a
   planned amount (计划投资, agreed investment) or a plan word (计划, 拟, plans to) precedes it;
   else ``actual``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from xinzhi.intelligence.gazetteer import Gazetteer, RegionMention, reference_gazetteer
from xinzhi.intelligence.lexicon import Indicator, IndicatorMention, Lexicon, load_lexicon
from xinzhi.intelligence.numbers import NumberMention, find_numbers
from xinzhi.intelligence.periods import PeriodMention, find_periods
from xinzhi.intelligence.text import split_sentences

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FACT_COLUMNS", "Fact", "extract_facts", "facts_frame"]


@dataclass(frozen=True)
class Fact:
    """One quantitative fact with its provenance.

    Offsets are character offsets in the document's plain text (after HTML or Markdown
    stripping): ``value_start``/``value_end`` delimit the number, ``sentence_start``/``sentence_end`` the
    sentence.
    """

    document_id: str
    value_start: int
    value_end: int
    sentence_start: int
    sentence_end: int
    region_code: str | None
    region_text: str | None
    indicator: str
    value: float
    unit: str
    qualifier: str | None
    period: str | None
    year: int | None
    month_from: int | None
    month_to: int | None
    kind: str
    value_text: str
    sentence: str


FACT_COLUMNS = [f for f in Fact.__dataclass_fields__]

_CLAUSE = re.compile(r"[，；;：:]|,\s")
_GROWTH = re.compile(
    r"增长|增速|增幅|提高|上升|提升|下降|回落|减少|下滑|grew|grow|growth|rose|rise|rising|\bup\b|"
    r"increase[ds]?|jump(?:ed|s)?|expand(?:ed|s)?|climb(?:ed|s)?|gain(?:ed|s)?|surg(?:ed|es)|"
    r"fell|fall|\bdown\b|declin(?:ed|es|e)|decrease[ds]?|dropp?(?:ed|s)?|contract(?:ed|s)?|higher|lower",
    re.IGNORECASE,
)
_DECLINE = re.compile(r"下降|回落|减少|下滑|fell|fall|\bdown\b|declin|decrease|drop|contract|lower",
                      re.IGNORECASE)
_GROWTH_AFTER = re.compile(r"\s*(?:more|higher|increase|growth|rise|up)\b|\s*(?:lower|less|decrease|decline)\b",
                           re.IGNORECASE)
_SHARE = re.compile(r"占[^，。；]{0,15}?比重|占比|比重|\bshare\b|account(?:ed|ing|s)?\s+for|made\s+up|"
                    r"make\s+up", re.IGNORECASE)
_TARGET_CUE = re.compile(r"力争|争取|目标|预期|aims?\s+to|aiming|target|strive|goal|is\s+set\s+to",
                         re.IGNORECASE)
_PLAN_CUE = re.compile(r"计划|拟|plans?\s+to|planned|scheduled\s+to", re.IGNORECASE)
# A stock reported as reached ("By the end of 2024, Chengdu had ...", "到2024年底，全市共有 ...")
# dates an actual figure, although "by/到 YEAR" alone marks a deadline; a future word keeps it a target.
_STOCK_CUE = re.compile(r"\b(?:had|has|have|was|were|totall?ed|stood\s+at|numbered)\b|共有|已有|已达|累计有",
                        re.IGNORECASE)
_FUTURE_CUE = re.compile(r"\b(?:will|shall|would|should)\b|将|要|力争|争取", re.IGNORECASE)
_COMPARISON = re.compile(r"(?:高于|低于|快于|慢于|居|占|比|于|领跑|位列|位居)$")
# text allowed between a region and its ancestor in "Suzhou in east China's Jiangsu Province",
# "Nanjing, capital of Jiangsu Province", "福州市鼓楼区"
_APPOSITION = re.compile(r"\s*(?:,\s*)?(?:(?:the|a)\s+)?(?:[a-z]+\s+){0,2}(?:of|in)\s+(?:[a-z]+\s+)*(?:China['’]s\s+)?|\s*(?:位于|地处)?",
                         re.IGNORECASE)
_FORWARD_GAP = re.compile(r"\s*(?:new\s+|more\s+|additional\s+)?", re.IGNORECASE)

_QUAL_BEFORE = [
    ("at_least", re.compile(r"(?:不少于|不低于|至少|at\s+least|no\s+less\s+than)\s*$", re.IGNORECASE)),
    ("over", re.compile(r"(?:超过|超|逾|突破|多于|高于|more\s+than|over|exceed(?:ed|ing|s)?|"
                        r"top(?:ped|ping|s)?|surpass(?:ed|ing|es)?|above|in\s+excess\s+of)\s*$",
                        re.IGNORECASE)),
    ("nearly", re.compile(r"(?:将近|接近|逼近|近|nearly|almost|close\s+to|just\s+under|approaching)\s*$",
                          re.IGNORECASE)),
    ("about", re.compile(r"(?:大约|约|about|around|roughly|approximately|some|an\s+estimated)\s*$",
                         re.IGNORECASE)),
]
_QUAL_AFTER = [
    ("over", re.compile(r"(?:以上|多|余|\s+or\s+more\b|\s+and\s+above\b|\s+plus\b)", re.IGNORECASE)),
    ("about", re.compile(r"左右|上下")),
]

# words that do not make a subject: cues, fillers and connectives
_FILLER = re.compile(
    r"同比|环比|比上年|较上年|比去年|较去年|上年同期|累计|分别|其中|全年|全省|全市|全州|全区|全县|年均|"
    r"增长|增速|增幅|提高|提升|上升|下降|回落|达到|达|为|是|至|到|了|实现|完成|约|近|超过|左右|"
    r"以上|占[^，。；]{0,15}?比重|占比|比重|"
    r"\b(?:up|down|grew|grow|growth|rose|rise|an?|the|of|by|year|on|year-on-year|to|bringing|for|"
    r"period|with|while|and|compared|from|reaching|reached|at|its|which|was|were|is|representing|"
    r"accounting|account|accounted|share|jumped|expanded|fell|dropped|declined|more|than|over|nearly|"
    r"about|around|approximately|respectively|hitting|hit|totaling|totalling|total|it|in|increase|"
    r"increased|same|reach|rising|climbing|higher|lower|decrease|decline|as|set|expected|be|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"first|second|third|fourth|half|quarters?|months?|Q[1-4]|(?:19|20)\d\d)\b|\d{1,2}\s*[—–\-~至到]\s*\d{1,2}\s*月|\d{1,2}\s*月",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    code: str
    text: str


def _resolve_regions(mentions: list[RegionMention], gaz: Gazetteer, text: str) -> list[_Region]:
    sure, province = gaz.context(mentions)
    out: list[_Region] = []
    concrete: list[_Region] = []
    for m in mentions:
        if m.anaphor:
            if _COMPARISON.search(text[max(0, m.start - 3) : m.start]):
                continue  # 高于全省平均, 居全省第三: a comparison, not the subject
            code = ""
            for r in reversed(concrete):
                lifted = gaz.lift(r.code, m.level_hint)
                if m.level_hint is None or gaz.places[lifted].level == m.level_hint:
                    code = lifted
                    break
            if not code:
                if not concrete:
                    continue
                code = concrete[-1].code
        else:
            code = gaz.choose(m, sure=sure, province=province)
        region = _Region(m.start, m.end, code, m.text)
        out.append(region)
        if not m.anaphor:
            concrete.append(region)
    return out


def _subject_free(clause_prefix: str) -> bool:
    rest = _FILLER.sub(" ", clause_prefix)
    cjk = re.findall(r"[\u4e00-\u9fff]", rest)
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return len(cjk) <= 2 and not words


def _qualifier(number: NumberMention, text: str) -> str | None:
    if number.approx:
        return number.approx
    before = text[max(0, number.start - 16) : number.start]
    for name, pattern in _QUAL_BEFORE:
        if pattern.search(before):
            return name
    after = text[number.end : number.end + 12]
    for name, pattern in _QUAL_AFTER:
        if pattern.match(after):
            return name
    return None


def _bind(
    number: NumberMention,
    inds: list[IndicatorMention],
    stext: str,
    prev_end: int,
) -> tuple[Indicator, int] | None:
    """The indicator a number binds to and where the cue segment starts (sentence offsets)."""
    if number.kind in ("bare", "count"):
        for ind in inds:
            if ind.start >= number.end and ind.indicator.quantity == "count":
                gap = _FORWARD_GAP.fullmatch(stext, number.end, ind.start)
                if gap:
                    return ind.indicator, number.start
                break
    before = [i for i in inds if i.end <= number.start]
    if not before:
        return None
    ind = before[-1]
    boundaries = list(_CLAUSE.finditer(stext, ind.end, number.start))
    if boundaries:
        prefix = stext[boundaries[-1].end() : number.start]
        if not _subject_free(prefix):
            return None
    return ind.indicator, max(ind.end, prev_end)


def _same_clause_fallbacks(number: NumberMention, inds: list[IndicatorMention], stext: str,
                           first: Indicator) -> list[Indicator]:
    """Earlier indicators of the number's clause ("R&D intensity of its industrial enterprises
    above designated size ... 2.8 percent"), tried when the nearest one takes no such value."""
    before = [i for i in inds if i.end <= number.start]
    out = []
    for i in reversed(before[:-1]):
        if _CLAUSE.search(stext, i.end, number.start):
            break
        if i.indicator is not first:
            out.append(i.indicator)
    return out


def _code_for(number: NumberMention, ind: Indicator, segment: str, after: str) -> tuple[str, float] | None:
    q = ind.quantity
    if number.kind == "money":
        return (ind.code, number.value) if q == "money" else None
    if number.kind in ("count", "bare"):
        return (ind.code, number.value) if q == "count" else None
    if number.kind in ("percent", "times"):
        if number.kind == "percent" and q == "ratio":
            return ind.code, number.value
        if number.kind == "percent" and _SHARE.search(segment):
            return (ind.share, number.value) if ind.share else None
        growth_cue = _GROWTH.search(segment) or _GROWTH_AFTER.match(after)
        if growth_cue and ind.growth:
            value = number.value
            if _DECLINE.search(growth_cue.group(0)):
                value = -value
            return f"{ind.code}_growth", value
    return None


def _pick_region(regions: list[_Region], s_start: int, s_end: int, pos: int, stext: str) -> _Region | None:
    in_sentence = [r for r in regions if s_start <= r.start < s_end]
    before = [r for r in in_sentence if r.end <= pos]
    if before:
        chosen = before[-1]
        return chosen
    after = [r for r in in_sentence if r.start >= pos]
    if after:
        return after[0]
    earlier = [r for r in regions if r.end <= s_start]
    return earlier[-1] if earlier else None


def _refine(chosen: _Region, regions: list[_Region], gaz: Gazetteer, text: str) -> _Region:
    """Prefer a finer region named just before its ancestor ("Suzhou in Jiangsu Province")."""
    idx = regions.index(chosen)
    for prev in reversed(regions[max(0, idx - 3) : idx]):
        between = text[prev.end : chosen.start]
        if len(between) > 40 or not _APPOSITION.fullmatch(between):
            break
        if chosen.code in gaz.ancestors(prev.code):
            return prev
    return chosen


def _pick_period(periods: list[PeriodMention], s_start: int, s_end: int, num: NumberMention,
                 text: str, numbers: list[NumberMention]) -> PeriodMention | None:
    in_sentence = [p for p in periods if s_start <= p.start < s_end]
    following = [p for p in in_sentence if p.start >= num.end]
    if following:
        f = following[0]
        gap = text[num.end : f.start]
        if not _CLAUSE.search(gap) and not any(num.end <= n.start < f.start for n in numbers):
            return f
    before = [p for p in in_sentence if p.end <= num.start]
    if before:
        return before[-1]
    earlier = [p for p in periods if p.end <= s_start]
    if earlier:
        return earlier[-1]
    return following[0] if following else None


def extract_facts(
    text: str,
    *,
    document_id: str = "",
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
    default_region: str | None = None,
    default_year: int | None = None,
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
        Region code for facts whose sentence and preceding text name no region.
    default_year : int, optional
        Year for periods written without one before any year appears.

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
    regions = _resolve_regions(gaz.find(text), gaz, text)
    periods = find_periods(text, default_year=default_year)
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for sent in split_sentences(text):
        stext = sent.text
        numbers = find_numbers(stext)
        if not numbers:
            continue
        inds = lex.find(stext)
        prev_end = 0
        for num in numbers:
            if num.kind in ("points", "foreign", "other"):
                prev_end = num.end
                continue
            bound = _bind(num, inds, stext, prev_end)
            prev_end_for_next = num.end
            if bound is None:
                prev_end = prev_end_for_next
                continue
            ind, seg_start = bound
            segment = stext[seg_start : num.start]
            after = stext[num.end : num.end + 16]
            coded = _code_for(num, ind, segment, after)
            if coded is None:
                for other in _same_clause_fallbacks(num, inds, stext, ind):
                    coded = _code_for(num, other, segment, after)
                    if coded is not None:
                        ind = other
                        break
            prev_end = prev_end_for_next
            if coded is None:
                continue
            code, value = coded
            abs_start, abs_end = sent.start + num.start, sent.start + num.end
            region = _pick_region(regions, sent.start, sent.end, abs_start, text)
            if region is not None:
                region = _refine(region, regions, gaz, text)
            abs_nums = [NumberMention(sent.start + n.start, sent.start + n.end, n.value, n.kind, n.text)
                        for n in numbers]
            period = _pick_period(periods, sent.start, sent.end,
                                  NumberMention(abs_start, abs_end, num.value, num.kind, num.text),
                                  text, abs_nums)
            prefix = stext[: num.start]
            deadline = period is not None and period.target and not (
                _STOCK_CUE.search(prefix) and not _FUTURE_CUE.search(prefix))
            if deadline or _TARGET_CUE.search(prefix):
                kind = "target"
            elif ind.kind == "plan" or _PLAN_CUE.search(prefix):
                kind = "plan"
            else:
                kind = "actual"
            unit = "fraction" if num.kind in ("percent", "times") else ind.unit
            key = (code, value, region.code if region else None, period.canonical if period else None,
                   sent.start)
            if key in seen:
                continue
            seen.add(key)
            facts.append(
                Fact(
                    document_id=document_id,
                    value_start=abs_start,
                    value_end=abs_end,
                    sentence_start=sent.start,
                    sentence_end=sent.end,
                    region_code=region.code if region else default_region,
                    region_text=region.text if region else None,
                    indicator=code,
                    value=value,
                    unit=unit,
                    qualifier=_qualifier(num, stext),
                    period=period.canonical if period else None,
                    year=period.year if period else None,
                    month_from=period.month_from if period else None,
                    month_to=period.month_to if period else None,
                    kind=kind,
                    value_text=num.text,
                    sentence=stext,
                )
            )
    return facts


def facts_frame(facts: list[Fact]) -> pd.DataFrame:
    """Facts as a data frame with the columns of :data:`FACT_COLUMNS`."""
    import pandas as pd

    return pd.DataFrame([asdict(f) for f in facts], columns=FACT_COLUMNS)
