"""The synthetic paragraphs of the first version, kept as a regression test of the lexicon
mapping: every labelled fact there is an indicator of the lexicon, and must come out with its
code, region, value and period. (These paragraphs were written for Xinzhi and label only the
facts of the lexicon, so they measure no precision; the real-text sets do.)"""

from __future__ import annotations

from typing import Any

from xinzhi.intelligence import extract_facts, extract_priorities


def _found(paragraphs: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    hits, missing = 0, []
    total = 0
    for p in paragraphs:
        facts = extract_facts(p["text"])
        for g in p["facts"]:
            total += 1
            ok = any(abs(f.value - g["value"]) <= 1e-6 * max(1.0, abs(g["value"])) and f.indicator == g["indicator"]
                     and f.region_code == g["region"] and f.period == g["period"] for f in facts)
            hits += ok
            if not ok:
                missing.append(f"{p['id']} {g['indicator']} {g['value']}")
    return hits, total, missing


def test_eval_set_shape(eval_set: list[dict[str, Any]]) -> None:
    assert len(eval_set) >= 40
    langs = [p["lang"] for p in eval_set]
    assert langs.count("zh") >= 20 and langs.count("en") >= 20


def test_lexicon_facts_are_found(eval_set: list[dict[str, Any]], heldout_set: list[dict[str, Any]]) -> None:
    for paragraphs in (eval_set, heldout_set):
        hits, total, missing = _found(paragraphs)
        assert hits / total >= 0.95, missing


def test_priority_lists(eval_set: list[dict[str, Any]]) -> None:
    for p in eval_set:
        got = extract_priorities(p["text"])
        expected = p.get("priorities", [])
        assert [(x.region_code, x.item) for x in got] == [
            (e["region"], item) for e in expected for item in e["items"]
        ], p["id"]
