"""The indicator lexicon is data and a user file extends it."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinzhi.errors import InputError
from xinzhi.intelligence import extract_facts, load_lexicon


def test_user_lexicon_adds_an_indicator(tmp_path: Path) -> None:
    f = tmp_path / "lex.yaml"
    f.write_text(
        "indicators:\n- code: pv_output\n  quantity: count\n  growth: true\n"
        "  zh: ['光伏组件产量']\n  en: ['(?:output of )?solar modules?']\n",
        encoding="utf-8",
    )
    lex = load_lexicon(f)
    facts = extract_facts("2023年，乐山市光伏组件产量达到30万件，增长45%。", lexicon=lex)
    assert [(f.region_code, f.indicator, f.value) for f in facts] == [
        ("511100", "pv_output", 300000.0), ("511100", "pv_output_growth", 0.45)]
    # without the entry the fact is still extracted, labelled by its subject (open vocabulary)
    (f,) = extract_facts("2023年，乐山市光伏组件产量达到30万件。")
    assert (f.region_code, f.indicator, f.subject, f.value, f.period) == (
        "511100", "光伏组件产量", "光伏组件产量", 300000.0, "2023")


def test_bad_lexicon_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "lex.yaml"
    f.write_text("indicators:\n- code: x\n  quantity: mass\n", encoding="utf-8")
    with pytest.raises(InputError, match="quantity"):
        load_lexicon(f)
