"""Every shipped 亩均 rulebook speaks English too: a title and an English label for every
cohort, indicator, adjustment, veto, protection and lever, so that English pages and files show
no Chinese rule text; the reasons rendered in English from the stored flags are English."""

from __future__ import annotations

import re

import pytest

from xinzhi.evaluation import load_rulebook
from xinzhi.evaluation.permu import reason_parts, render_reasons
from xinzhi.evaluation.permu_rulebook import label_in

HAN = re.compile(r"[\u4e00-\u9fff]")
PERMU = ("huangyan-2022", "huaian-2024", "changle-2023", "sichuan-parks-2022", "template")


def _labelled(book):  # type: ignore[no-untyped-def]
    for c in book.cohorts:
        yield c
        yield from c.indicators
        yield from c.adjustments
    yield from book.vetoes
    yield from book.protections
    for pol in book.policies:
        yield from pol.levers


@pytest.mark.parametrize("rid", PERMU)
def test_every_label_has_english(rid: str) -> None:
    book = load_rulebook(rid)
    assert book.title_en and not HAN.search(book.title_en)
    items = list(_labelled(book))
    assert items
    for item in items:
        assert item.label_en, (rid, item.label)
        assert not HAN.search(item.label_en), (rid, item.label_en)
        assert label_in(item, "en") == item.label_en and label_in(item, "zh") == item.label


@pytest.mark.parametrize("rid", PERMU)
def test_every_reason_renders_in_english(rid: str) -> None:
    book = load_rulebook(rid)
    n = len(reason_parts(book))
    every = (1 << n) - 1
    zh, en = render_reasons(every, book), render_reasons(every, book, "en")
    assert zh.count("; ") == en.count("; ") == n  # one text a flag, in the same order
    assert not HAN.search(en), en
    # each single flag gives one part, the same in both languages' order
    for j in range(n):
        assert render_reasons(1 << j, book, "en") == en.split("; ")[j] + "; "


def test_label_in_falls_back_to_chinese() -> None:
    class Item:
        label, label_en = "亩均税收", None

    assert label_in(Item(), "en") == "亩均税收"
