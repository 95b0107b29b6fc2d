"""Scoring extracted facts against a labelled set: precision and recall per field.

Alignment: within each paragraph, every predicted fact is paired with at most one gold fact of
the same value (relative tolerance 1e-6), greedily by the number of other fields that agree.
Then, for each field ``f`` (region, indicator, value, period, qualifier, kind):

.. math::

    P_f = \\frac{\\#\\{\\text{pairs agreeing on } f\\}}{\\#\\text{predicted}}, \\qquad
    R_f = \\frac{\\#\\{\\text{pairs agreeing on } f\\}}{\\#\\text{gold}}

and for the composite ``fact`` field a pair counts when region, indicator, value and period all
agree (the issue's definition of a correct fact). Unpaired predictions count against precision,
unpaired gold facts against recall.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["FIELDS", "FieldScore", "score_facts"]

FIELDS = ("region", "indicator", "value", "period", "qualifier", "kind")
CORE = ("region", "indicator", "value", "period")


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


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)


def _agree(pred: Mapping[str, Any], gold: Mapping[str, Any], field: str) -> bool:
    if field == "value":
        return _same_value(pred["value"], gold["value"])
    return (pred.get(field) or None) == (gold.get(field) or None)


def score_facts(
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, FieldScore]:
    """Precision and recall per field and for whole facts (``fact``).

    Parameters
    ----------
    predicted, gold : mapping
        Paragraph id → list of facts, each a mapping with keys ``region``, ``indicator``,
        ``value``, ``period``, ``qualifier``, ``kind``.

    Examples
    --------
    >>> gold = {"p": [{"region": "510000", "indicator": "gdp", "value": 1.0, "period": "2023",
    ...                "qualifier": None, "kind": "actual"}]}
    >>> pred = {"p": [dict(gold["p"][0], period="2024"),
    ...               {"region": "510000", "indicator": "gdp", "value": 2.0, "period": "2023",
    ...                "qualifier": None, "kind": "actual"}]}
    >>> s = score_facts(pred, gold)
    >>> s["fact"].precision, s["fact"].recall, s["region"].precision, s["region"].recall
    (0.0, 0.0, 0.5, 1.0)
    """
    correct = dict.fromkeys((*FIELDS, "fact"), 0)
    n_pred = sum(len(v) for v in predicted.values())
    n_gold = sum(len(v) for v in gold.values())
    for pid in set(predicted) | set(gold):
        for p, g in _align(predicted.get(pid, ()), gold.get(pid, ())):
            for f in FIELDS:
                correct[f] += _agree(p, g, f)
            correct["fact"] += all(_agree(p, g, f) for f in CORE)
    return {f: FieldScore(f, c, n_pred, n_gold) for f, c in correct.items()}


def _align(
    preds: Iterable[Mapping[str, Any]], golds: Iterable[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    preds, golds = list(preds), list(golds)
    options = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if _same_value(p["value"], g["value"]):
                agree = sum(_agree(p, g, f) for f in FIELDS)
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
