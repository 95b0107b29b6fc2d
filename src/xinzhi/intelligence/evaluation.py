"""Scoring extracted facts against a labelled set: precision and recall per field, for whole
facts, and broken down by language, document type and kind of quantity.

Alignment: within each paragraph, every predicted fact is paired with at most one gold fact of
the same value (relative tolerance 1e-6), greedily by the number of other fields that agree.
For each field ``f``:

.. math::

    P_f = \\frac{\\#\\{\\text{pairs agreeing on } f\\}}{\\#\\text{predicted}}, \\qquad
    R_f = \\frac{\\#\\{\\text{pairs agreeing on } f\\}}{\\#\\text{gold}}

A **whole fact** (``fact``) is a pair agreeing on region, value, unit, period and kind — the
definition of issue 16. ``strict`` also asks for the measure (level, growth, share, change).
Unpaired predictions count against precision, unpaired gold facts against recall.

Field agreement: the region agrees when the codes are equal, or, for a zone without a code,
when one name contains the other (case-insensitive); a subject agrees when one contains the
other after removing spaces and punctuation, or when at least half of the shorter one's
characters (Chinese) or words (English) occur in the longer; empty values agree with empty. Periods
agree when they cover the same months: ``2019-01~03`` (1至3月) and ``2019Q1`` (一季度) are one period.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from xinzhi.intelligence.periods import canonical_period

__all__ = ["CORE", "FIELDS", "FieldScore", "GroupScore", "quantity_kind", "real_set_report", "report_markdown",
           "score_by", "score_facts"]

FIELDS = ("region", "value", "unit", "period", "kind", "qualifier", "measure", "subject")
CORE = ("region", "value", "unit", "period", "kind")


@dataclass(frozen=True)
class FieldScore:
    """Precision and recall of one field."""

    field: str
    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)


_NORM = re.compile(r"[\s、，,.;；:：()（）“”\"'’\-–—]")


def _subject_agrees(a: str | None, b: str | None) -> bool:
    a, b = (a or "").strip(), (b or "").strip()
    if not a or not b:
        return not a and not b
    na, nb = _NORM.sub("", a).lower(), _NORM.sub("", b).lower()
    if na in nb or nb in na:
        return True
    if re.search(r"[\u4e00-\u9fff]", a + b):
        short, long_ = sorted((set(na), set(nb)), key=len)
    else:
        short, long_ = sorted((set(re.findall(r"[a-z0-9]+", a.lower())), set(re.findall(r"[a-z0-9]+", b.lower()))),
                              key=len)
    return bool(short) and len(short & long_) >= 0.5 * len(short)


def _region_agrees(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    g = gold.get("region")
    codes = (pred.get("region") or None, pred.get("region_text") or None)
    if g is None:
        return codes[0] is None
    if re.fullmatch(r"\d{6}|CN|[A-Z]\d+", str(g)):
        return codes[0] == g
    name = str(g).lower()
    return any(bool(c) and (name in str(c).lower() or str(c).lower() in name) for c in codes)


_MONTHS = re.compile(r"(?P<y>\d{4})-(?P<a>\d\d)~(?P<b>\d\d)")


def _period_key(p: Any) -> str | None:
    """One spelling per span of months: 2019-01~03 (1至3月) is 2019Q1 (一季度), 2019-01~12 is 2019."""
    if not p:
        return None
    m = _MONTHS.fullmatch(str(p))
    return canonical_period(int(m["y"]), int(m["a"]), int(m["b"])) if m else str(p)


def _agree(pred: Mapping[str, Any], gold: Mapping[str, Any], field: str) -> bool:
    if field == "value":
        return _same_value(pred["value"], gold["value"])
    if field == "region":
        return _region_agrees(pred, gold)
    if field == "subject":
        return _subject_agrees(pred.get("subject"), gold.get("subject"))
    if field == "period":
        return _period_key(pred.get("period")) == _period_key(gold.get("period"))
    return (pred.get(field) or None) == (gold.get(field) or None)


def quantity_kind(fact: Mapping[str, Any]) -> str:
    """Kind of quantity, for break-downs: money, growth rate, ratio (levels and shares in
    percent), points, count, people, times or physical (tonnes, kWh, areas …)."""
    unit, measure = fact.get("unit"), fact.get("measure")
    if unit in ("yuan", "usd", "eur", "hkd"):
        return "money"
    if unit == "fraction":
        return "growth rate" if measure == "growth" else "ratio"
    if unit == "pp":
        return "points"
    if unit == "count":
        return "count"
    if unit in ("person", "person_time"):
        return "people"
    if unit == "times":
        return "times"
    return "physical"


def _align(
    preds: Iterable[Mapping[str, Any]], golds: Iterable[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    preds, golds = list(preds), list(golds)
    options = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if _same_value(p["value"], g["value"]):
                agree = sum(_agree(p, g, f) for f in FIELDS) + 2 * all(_agree(p, g, f) for f in CORE)
                options.append((-agree, i, j))
    options.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in options:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    return pairs


def score_facts(
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, FieldScore]:
    """Precision and recall per field, for whole facts (``fact``) and ``strict`` facts.

    Parameters
    ----------
    predicted, gold : mapping
        Paragraph id → list of facts, each a mapping with keys ``region`` (a code, or None),
        ``region_text`` (predictions: the region as written), ``value``, ``unit``, ``period``,
        ``kind``, ``qualifier``, ``measure`` and ``subject``.

    Examples
    --------
    >>> g = {"region": "510000", "value": 0.06, "unit": "fraction", "period": "2023", "kind": "actual",
    ...      "qualifier": None, "measure": "growth", "subject": "地区生产总值"}
    >>> s = score_facts({"p": [dict(g, period="2024"), dict(g, value=2.0)]}, {"p": [g]})
    >>> s["fact"].precision, s["fact"].recall, s["region"].precision, s["region"].recall
    (0.0, 0.0, 0.5, 1.0)
    """
    correct = dict.fromkeys((*FIELDS, "fact", "strict"), 0)
    n_pred = sum(len(v) for v in predicted.values())
    n_gold = sum(len(v) for v in gold.values())
    for pid in set(predicted) | set(gold):
        for p, g in _align(predicted.get(pid, ()), gold.get(pid, ())):
            for f in FIELDS:
                correct[f] += _agree(p, g, f)
            whole = all(_agree(p, g, f) for f in CORE)
            correct["fact"] += whole
            correct["strict"] += whole and _agree(p, g, "measure")
    return {f: FieldScore(f, c, n_pred, n_gold) for f, c in correct.items()}


def score_by(
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    group: Callable[[str, Mapping[str, Any]], str],
) -> dict[str, GroupScore]:
    """Whole-fact precision and recall per group; ``group(paragraph_id, fact)`` names the group
    of a fact. A predicted fact counts in its own group (precision), a gold fact in its own
    (recall).

    >>> g = {"region": "CN", "value": 5.0, "unit": "count", "period": None, "kind": "actual", "measure": "level"}
    >>> s = score_by({"p": [g, dict(g, value=7.0, unit="yuan")]}, {"p": [g]}, lambda pid, f: quantity_kind(f))
    >>> (s["count"].precision, s["count"].recall), (s["money"].precision, s["money"].recall)
    ((1.0, 1.0), (0.0, 1.0))
    """
    ok_pred: dict[str, int] = {}
    ok_gold: dict[str, int] = {}
    n_pred: dict[str, int] = {}
    n_gold: dict[str, int] = {}
    for pid in set(predicted) | set(gold):
        preds, golds = list(predicted.get(pid, ())), list(gold.get(pid, ()))
        for p in preds:
            k = group(pid, p)
            n_pred[k] = n_pred.get(k, 0) + 1
        for g in golds:
            k = group(pid, g)
            n_gold[k] = n_gold.get(k, 0) + 1
        for p, g in _align(preds, golds):
            if all(_agree(p, g, f) for f in CORE):
                kp, kg = group(pid, p), group(pid, g)
                ok_pred[kp] = ok_pred.get(kp, 0) + 1
                ok_gold[kg] = ok_gold.get(kg, 0) + 1
    return {k: GroupScore(k, ok_pred.get(k, 0), ok_gold.get(k, 0), n_pred.get(k, 0), n_gold.get(k, 0))
            for k in sorted(set(n_pred) | set(n_gold))}


@dataclass(frozen=True)
class GroupScore:
    """Whole-fact precision and recall of one group."""

    group: str
    correct_pred: int
    correct_gold: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct_pred / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct_gold / self.gold if self.gold else 1.0


def fact_mapping(f: Any) -> dict[str, Any]:
    """A :class:`~xinzhi.intelligence.facts.Fact` as the scorer's mapping."""
    return {"region": f.region_code, "region_text": f.region_text, "value": f.value, "unit": f.unit,
            "period": f.period, "kind": f.kind, "qualifier": f.qualifier, "measure": f.measure,
            "subject": f.subject, "indicator": f.indicator}


def predict_paragraphs(paragraphs: Sequence[Any], *, gazetteer: Any = None, lexicon: Any = None,
                       documents: Mapping[str, str] | None = None) -> dict[str, list[Any]]:
    """Run the extractor on labelled paragraphs (:class:`~xinzhi.intelligence.labels.LabelledParagraph`).

    Paragraph mode (the default): the paragraph's ``context`` is read first and its own facts
    dropped; the publication date, title, source and URL are the document's metadata.

    Document mode, for a paragraph whose page is in ``documents`` (URL → the page's text, one
    paragraph a line, as :func:`load_documents` gives it): the extractor reads the whole page,
    as ``xinzhi extract`` does, and the facts whose figure lies inside the labelled paragraph
    are the paragraph's. A paragraph not found in its page is read in paragraph mode.

    Returns paragraph id → list of facts.
    """
    from xinzhi.intelligence.facts import extract_facts

    out: dict[str, list[Any]] = {}
    pages: dict[str, list[Any]] = {}
    for p in paragraphs:
        page = (documents or {}).get(p.url)
        where = page.find(p.text) if page else -1
        if page is not None and where >= 0:
            if p.url not in pages:
                pages[p.url] = extract_facts(page, document_id=p.url, gazetteer=gazetteer, lexicon=lexicon,
                                             published=p.published, title=p.title, source=p.source, url=p.url)
            out[p.id] = [f for f in pages[p.url] if where <= f.value_start < where + len(p.text)]
            continue
        prefix = (p.context + "\n") if p.context else ""
        out[p.id] = extract_facts(prefix + p.text, document_id=p.id, gazetteer=gazetteer, lexicon=lexicon,
                                  published=p.published, title=p.title, source=p.source, url=p.url,
                                  skip_before=len(prefix))
    return out


def normalise_paragraph(text: str) -> str:
    """A page's paragraph as the candidate lists hold it: spaces collapsed within each line."""
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n"))


def load_documents(*paths: Any) -> dict[str, str]:
    """Pages of ``candidates/documents*.yaml`` (every paragraph of each page, in order) as
    URL → text, one paragraph a line, each normalised like the candidates
    (:func:`normalise_paragraph`)."""
    from pathlib import Path

    import yaml

    out: dict[str, str] = {}
    for path in paths:
        for d in yaml.safe_load(Path(path).read_text("utf-8")) or []:
            out[str(d["url"])] = "\n".join(normalise_paragraph(x) for x in d.get("paragraphs") or [])
    return out


def real_set_report(directory: str, part: str, *, gazetteer: Any = None, lexicon: Any = None,
                    mode: str = "document") -> dict[str, Any]:
    """Scores of the extractor on one part (``dev``, ``heldout``, ``heldout3``, ``heldout4``, …: the
    lists of ``split.yaml``) of the labelled real-text set
    in ``directory`` (``*.yaml`` paragraph files and ``split.yaml``).

    ``mode="document"`` reads each paragraph within its whole page where the page is kept
    (``candidates/documents*.yaml``), as a user runs the extractor; ``mode="paragraph"`` reads
    the paragraph and its context only (see :func:`predict_paragraphs`).

    Returns ``{"paragraphs": n, "facts": n_gold, "fields": {lang: {field: FieldScore}},
    "language": {...}, "type": {...}, "quantity": {...}}``, the last three whole-fact
    :class:`GroupScore` per language, document type (and language) and kind of quantity (and
    language).
    """
    from pathlib import Path

    import yaml

    from xinzhi.intelligence.labels import load_labelled

    root = Path(directory)
    split = yaml.safe_load((root / "split.yaml").read_text("utf-8"))
    parts = [k for k, v in split.items() if isinstance(v, list) and k not in ("unused",)]
    if part not in parts:
        raise ValueError(f"part must be one of {', '.join(parts)}, got {part!r}")
    if mode not in ("document", "paragraph"):
        raise ValueError(f"mode must be document or paragraph, got {mode!r}")
    ids = set(split[part])
    paragraphs = [p for p in load_labelled(*sorted(x for x in root.glob("*.yaml") if x.name != "split.yaml"))
                  if p.id in ids]
    documents = load_documents(*sorted((root / "candidates").glob("documents*.yaml"))) if mode == "document" else None
    pred = predict_paragraphs(paragraphs, gazetteer=gazetteer, lexicon=lexicon, documents=documents)
    predicted = {pid: [fact_mapping(f) for f in facts] for pid, facts in pred.items()}
    gold = {p.id: p.facts for p in paragraphs}
    meta = {p.id: p for p in paragraphs}
    fields = {}
    for lang in ("zh", "en"):
        mine = [p.id for p in paragraphs if p.lang == lang]
        fields[lang] = score_facts({i: predicted[i] for i in mine}, {i: gold[i] for i in mine})
    return {
        "mode": mode,
        "paragraphs": len(paragraphs),
        "facts": sum(len(v) for v in gold.values()),
        "fields": fields,
        "language": score_by(predicted, gold, lambda pid, f: meta[pid].lang),
        "type": score_by(predicted, gold, lambda pid, f: f"{meta[pid].lang} {meta[pid].type}"),
        "quantity": score_by(predicted, gold, lambda pid, f: f"{meta[pid].lang} {quantity_kind(f)}"),
    }


def report_markdown(report: Mapping[str, Any]) -> str:
    """:func:`real_set_report` as Markdown tables (for ``docs/extraction.md``)."""
    lines = [f"{report['paragraphs']} paragraphs, {report['facts']} labelled facts.", "",
             "| language | field | precision | recall | correct | predicted | labelled |", "|---|---|---|---|---|---|---|"]
    for lang, scores in report["fields"].items():
        for name in ("fact", "strict", *FIELDS):
            s = scores[name]
            lines.append(f"| {lang} | {name} | {s.precision:.3f} | {s.recall:.3f} | {s.correct} | {s.predicted} | {s.gold} |")
    for key, title in (("language", "language"), ("type", "document type"), ("quantity", "kind of quantity")):
        lines += ["", f"| {title} | whole-fact precision | recall | predicted | labelled |", "|---|---|---|---|---|"]
        for g in report[key].values():
            lines.append(f"| {g.group} | {g.precision:.3f} | {g.recall:.3f} | {g.predicted} | {g.gold} |")
    return "\n".join(lines)

