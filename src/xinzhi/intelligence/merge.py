"""One fact per figure across documents: the same figure read from a Chinese and an English
article (or from two articles) becomes one fact with all its sources.

Two facts of different documents are the same figure when all of these hold:

- same region (a code), period, kind, measure and unit;
- values equal within the precision they were written with: each value is taken to be exact to
  half a unit of its last written digit (``6.01 trillion`` = 6.01 × 10¹² ± 0.005 × 10¹²), and the
  two intervals overlap (``60132.9亿元`` and ``6.01 trillion yuan`` agree);
- the same concept: the same lexicon code, or the same GB/T 4754 sector, or the same product
  tag; facts of the same language may instead agree by subject (one contains most of the other).
  Facts without any of these (a subject in Chinese, another in English) are not merged, since
  nothing says they measure the same thing.

The fact kept is the most precise one (most significant digits), then the earliest published;
its ``sources`` lists every document the figure was read from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xinzhi.intelligence.facts import Fact

__all__ = ["FactSource", "MergedFact", "merge_facts", "written_precision"]


@dataclass(frozen=True)
class FactSource:
    """Where a merged fact was read: a document, the offsets of the number and its sentence."""

    document_id: str
    language: str
    value_start: int
    value_end: int
    sentence_start: int
    sentence_end: int
    value_text: str
    sentence: str
    published: str | None


@dataclass(frozen=True)
class MergedFact:
    """A fact, every source it was read from (the fact's own first), and the facts merged."""

    fact: Fact
    sources: tuple[FactSource, ...]
    members: tuple[Fact, ...] = ()


_MAG = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3,
        "trillion": 1e12, "trln": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "million": 1e6, "mn": 1e6,
        "mln": 1e6, "thousand": 1e3}


def written_precision(fact: Fact) -> float:
    """Half a unit of the last written digit of the fact's value, in the fact's unit.

    >>> from dataclasses import replace
    >>> f = extract_one("6.01 trillion yuan")
    >>> written_precision(f)
    5000000000.0
    """
    text = fact.value_text.replace(",", "")
    m = re.search(r"\d+(?:\.(\d+))?", text)
    if not m:
        return 0.0
    decimals = len(m.group(1) or "")
    raw = float(m.group(0))
    if raw == 0:
        return 0.0
    scale = abs(fact.value) / raw  # magnitude and unit factor of the mention
    return 0.5 * 10 ** (-decimals) * scale


def extract_one(text: str) -> Fact:
    """The single fact of a short phrase (for examples)."""
    from xinzhi.intelligence.facts import extract_facts

    return extract_facts(f"The value was {text} in 2023.")[0]


def _concept(f: Fact) -> set[str]:
    out = set()
    if f.indicator and f.indicator != f.subject:
        out.add(f"code:{f.indicator}")
    if f.sector:
        out.add(f"sector:{f.sector}")
    if f.product:
        out.add(f"product:{f.product}")
    return out


def _same(a: Fact, b: Fact, la: str, lb: str) -> bool:
    from xinzhi.intelligence.evaluation import _subject_agrees

    if a.document_id == b.document_id:
        return False
    if not a.region_code or a.region_code != b.region_code:
        return False
    if (a.period, a.kind, a.measure, a.unit) != (b.period, b.kind, b.measure, b.unit):
        return False
    tol = written_precision(a) + written_precision(b) + 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if abs(a.value - b.value) > tol:
        return False
    if _concept(a) & _concept(b):
        return True
    return la == lb and _subject_agrees(a.subject, b.subject)


def _source(f: Fact, lang: str) -> FactSource:
    return FactSource(f.document_id, lang, f.value_start, f.value_end, f.sentence_start, f.sentence_end,
                      f.value_text, f.sentence, f.published)


def merge_facts(facts: Sequence[Fact], languages: Mapping[str, str] | None = None) -> list[MergedFact]:
    """Group the facts of several documents into one fact per figure (see the module docstring).

    Parameters
    ----------
    facts : sequence of Fact
        Facts of one or more documents.
    languages : mapping, optional
        Document id → language (``zh`` or ``en``); by default guessed from the sentence.

    Examples
    --------
    >>> from xinzhi.intelligence.facts import extract_facts
    >>> zh = extract_facts("2023年广东地区生产总值达到13.57万亿元、增长4.8%。", document_id="a")
    >>> en = extract_facts("Guangdong's GDP grew 4.8 percent year-on-year to 13.57 trillion yuan in 2023.",
    ...                    document_id="b")
    >>> [(m.fact.indicator, [s.document_id for s in m.sources]) for m in merge_facts(zh + en)]
    [('gdp', ['a', 'b']), ('gdp_growth', ['a', 'b'])]
    """
    def lang(f: Fact) -> str:
        if languages and f.document_id in languages:
            return languages[f.document_id]
        return "zh" if re.search(r"[\u4e00-\u9fff]", f.sentence) else "en"

    groups: list[list[Fact]] = []
    for f in facts:
        for g in groups:
            if any(_same(f, other, lang(f), lang(other)) for other in g):
                g.append(f)
                break
        else:
            groups.append([f])
    out = []
    for g in groups:
        def key(f: Fact) -> tuple[float, str]:
            return (written_precision(f) / max(abs(f.value), 1e-12), f.published or "9999")
        best = min(g, key=key)
        rest = [f for f in g if f is not best]
        out.append(MergedFact(best, tuple(_source(f, lang(f)) for f in [best, *rest]), tuple([best, *rest])))
    out.sort(key=lambda m: (m.fact.document_id, m.fact.value_start))
    return out
