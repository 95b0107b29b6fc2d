"""Precision and recall of the extractor on the labelled sets (the issue's target: 0.9)."""

from __future__ import annotations

from typing import Any

from xinzhi.intelligence import extract_facts, extract_priorities, score_facts


def _predict(paragraphs: list[dict[str, Any]]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    pred, gold = {}, {}
    for p in paragraphs:
        pred[p["id"]] = [
            {"region": f.region_code, "indicator": f.indicator, "value": f.value, "period": f.period,
             "qualifier": f.qualifier, "kind": f.kind}
            for f in extract_facts(p["text"])
        ]
        gold[p["id"]] = p["facts"]
    return pred, gold


def test_eval_set_shape(eval_set: list[dict[str, Any]]) -> None:
    assert len(eval_set) >= 40
    langs = [p["lang"] for p in eval_set]
    assert langs.count("zh") >= 20 and langs.count("en") >= 20


def test_eval_set_precision_recall(eval_set: list[dict[str, Any]]) -> None:
    scores = score_facts(*_predict(eval_set))
    for field, s in scores.items():
        assert s.precision >= 0.9, (field, s)
        assert s.recall >= 0.9, (field, s)


def test_heldout_set_precision_recall(heldout_set: list[dict[str, Any]]) -> None:
    scores = score_facts(*_predict(heldout_set))
    assert scores["fact"].precision >= 0.9 and scores["fact"].recall >= 0.9, scores["fact"]


def test_priority_lists(eval_set: list[dict[str, Any]]) -> None:
    for p in eval_set:
        got = extract_priorities(p["text"])
        expected = p.get("priorities", [])
        assert [(x.region_code, x.item) for x in got] == [
            (e["region"], item) for e in expected for item in e["items"]
        ], p["id"]
