"""Every shipped gradient and digital-maturity rulebook speaks English too: a title and the
English of every label, group, word unit and level, so that English pages show no Chinese rule
text; the explanations rebuilt in English from a result row are English, and the Chinese ones are
as before."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import ibis
import pandas as pd
import pytest
from pydantic import BaseModel

from xinzhi.evaluation import load_rulebook
from xinzhi.evaluation.digital_rulebook import DigitalRulebook
from xinzhi.evaluation.explain import digital_texts, explain_digital, explain_gradient
from xinzhi.evaluation.gradient import evaluate_gradient
from xinzhi.evaluation.rulebook_common import label_in, text_in

HAN = re.compile(r"[\u4e00-\u9fff]")
GRADIENT = ("innovative-sme-2022", "zjtx-2022", "zjtx-2026", "little-giant-2022", "little-giant-2026",
            "single-champion-2023")
DIGITAL = ("digital-maturity-2022", "digital-manufacturing-2024")


def _texts(model: BaseModel, where: str = "") -> Iterator[tuple[str, str, Any, Any]]:
    """``(where, field, Chinese, English)`` of every field of the rulebook that has an ``<field>_en``."""
    fields = type(model).model_fields
    for name in fields:
        value = getattr(model, name)
        if f"{name}_en" in fields:
            yield where, name, value, getattr(model, f"{name}_en")
        items = value if isinstance(value, list) else [value]
        for k, item in enumerate(items):
            if isinstance(item, BaseModel):
                yield from _texts(item, f"{where}.{name}.{k}")


@pytest.mark.parametrize("rid", GRADIENT + DIGITAL)
def test_every_text_has_english(rid: str) -> None:
    book = load_rulebook(rid)
    texts = list(_texts(book))
    assert len([t for t in texts if t[2] is not None]) >= 4  # title and labels at least
    for where, name, zh, en in texts:
        if zh is None:
            continue
        if name == "unit" and not HAN.search(zh):  # "%": no word to translate
            continue
        if name == "below_first_level":  # the default 未达一级 has a default English
            en = book.level_in(zh, "en")  # type: ignore[union-attr]
        assert en, (rid, where, name, zh)
        assert not HAN.search(en), (rid, where, name, en)
    assert book.title_en and text_in(book, "en", "title") == book.title_en and text_in(book, "zh", "title") == book.title


def test_the_official_english_names() -> None:
    assert "(SRDI)" in load_rulebook("zjtx-2022").title_en  # type: ignore[union-attr]
    assert "little giant" in load_rulebook("little-giant-2026").title_en  # type: ignore[union-attr]
    assert "single champion" in load_rulebook("single-champion-2023").title_en  # type: ignore[union-attr]
    assert "Innovative SME" in load_rulebook("innovative-sme-2022").title_en  # type: ignore[union-attr]


def test_text_falls_back_to_chinese() -> None:
    """A user's own rulebook may give no English: its Chinese is shown."""
    book = load_rulebook("zjtx-2022").model_copy(update={"title_en": None})
    assert text_in(book, "en", "title") == book.title
    group = book.groups[0].model_copy(update={"label_en": None})
    assert label_in(group, "en") == group.label == "专业化"


def _history(code: str, *, revenue: float, main: tuple[float, float, float], rd: float, **last: Any) -> list[dict[str, Any]]:
    """Three years 2022-2024 of one firm; ``last`` overrides the 2024 row."""
    return [{"credit_code": code, "year": year, "revenue": revenue, "main_revenue": main[k], "rd_spending": rd,
             "employees": 100.0, **(last if year == 2024 else {})} for k, year in enumerate((2022, 2023, 2024))]


def _rows(firms: Any) -> dict[str, dict[str, Any]]:
    """Innovative-SME results of three firms as a run stores them (with ``eligibility_en``): PASS
    passes by a direct route (a high-tech title), SHORT falls short of the pass score, BIG is a
    large firm and may not apply."""
    from xinzhi.evaluation.size import sme_eligibility

    rows = (_history("PASS", revenue=1000.0, main=(900.0, 900.0, 950.0), rd=30.0, tags="高新技术企业")
            # R&D 2.6 % (10 points), growth -5 % (0), debt 60 % (5), main share 95 % (20)
            + _history("SHORT", revenue=1000.0, main=(1000.0, 1000.0, 950.0), rd=26.0, debt_ratio=0.60)
            + _history("BIG", revenue=231067.0, main=(200000.0, 200000.0, 200000.0), rd=0.0, employees=4503.0))
    apps = pd.DataFrame({"credit_code": ["PASS", "SHORT", "BIG"], "ip_level": "class2", "strategic_field": False,
                         "sci_award_3y": False, "rd_institution": "none"})
    book = load_rulebook("innovative-sme-2022")
    out = evaluate_gradient(firms(rows), book, year=2024, applications=ibis.memtable(apps)).to_pandas()  # type: ignore[arg-type]
    size = load_rulebook("sme-size-2017")
    records = out.to_dict("records")
    for r in records:
        _, r["eligibility"], r["eligibility_en"] = sme_eligibility(r, size)  # type: ignore[arg-type]
    return {str(r["credit_code"]): r for r in records}


def test_explain_gradient_in_english(firms: Any) -> None:
    book = load_rulebook("innovative-sme-2022")
    rows = _rows(firms)
    assert bool(rows["PASS"]["passed"]) and not bool(rows["SHORT"]["passed"]) and not bool(rows["BIG"]["eligible"])
    for code, row in rows.items():
        en = explain_gradient(row, book, lang="en")
        assert not any(HAN.search(ln) for ln in en), (code, en)
        assert en[0].startswith("Innovative SME evaluation (2022 standard): ")
    passed = explain_gradient(rows["PASS"], book, lang="en")
    assert passed[0].endswith(": passed, score 65") and passed[-1].startswith("  Direct route met: A valid title of high-tech")
    short = "\n".join(explain_gradient(rows["SHORT"], book, lang="en"))
    assert "R&D spending as a share of revenue: 2.6 % → 10/20 points" in short
    assert "Total score 15 points short (needs ≥ 60)" in short and "Innovation capacity 5 points short (needs ≥ 20)" in short
    assert "Smallest change that closes the gap: R&D spending as a share of revenue 2.6 % → 3 % adds 5 points" in short
    one = explain_gradient({**rows["SHORT"], "score": 59.0}, book, lang="en")
    assert "  Total score 1 point short (needs ≥ 60)" in one
    big = explain_gradient(rows["BIG"], book, lang="en")
    assert big[0].endswith(": not eligible") and big[1].startswith("  Not eligible: not an SME. Large (industry)")
    # the Chinese explanation is as before
    zh = "\n".join(explain_gradient(rows["SHORT"], book))
    assert "研发费用占营业收入比重: 2.6 % → 10/20 分" in zh and "总分差 15 分 (需 ≥ 60)" in zh
    assert "最小改进: 研发费用占营业收入比重 2.6 % → 3 %，加 5 分" in zh
    assert explain_gradient(rows["BIG"], book)[0].endswith("不符合申报条件")


def test_digital_texts_in_english() -> None:
    book = load_rulebook("digital-manufacturing-2024")
    assert isinstance(book, DigitalRulebook)
    row = {"credit_code": "X", "total": 78.975, "level": "三级", "d_foundation": 38.85, "d_management": 23.625,
           "d_results": 16.5, "weakest": "数字化基础、数字化管理",
           "to_improve": "数据自动采集覆盖的业务环节 +4.4; 产品月均合格率变化 +3.5; 生产设备数字化率 +3"}
    level, weakest, gaps = digital_texts(row, book, "en")
    assert level == "Level 3" and weakest == "Digital foundations, Digital management"
    assert gaps == ("Business processes with automatic data collection +4.4; "
                    "Change in the average monthly product pass rate +3.5; Share of production equipment digitalised +3")
    assert digital_texts(row, book, "zh") == (row["level"], row["weakest"], row["to_improve"])
    assert book.level_in("未达一级", "en") == "Below level 1"
    en = explain_digital(row, book, run_id="r", lang="en")
    assert not any(HAN.search(ln) for ln in en), en
    assert en[1] == "  Total 78.975, Level 3"
    assert explain_digital(row, book, run_id="r")[1] == "  总分 78.975, 等级 三级"
