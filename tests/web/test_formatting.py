"""How values, headers and files are written for people (``xinzhi.web.formatting``), and the
Chinese phrasebook of the analytics' reason texts (``xinzhi.web.phrases``)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from xinzhi.web.columns import COLUMNS
from xinzhi.web.downloads import people_bytes
from xinzhi.web.formatting import axis, cell, column, for_file, header, present
from xinzhi.web.phrases import translate


@pytest.mark.parametrize(("value", "col", "money", "shown"), [
    (2056.0, "employees", "yi", "2,056"),            # a count stored as a float
    (2024, "year", "yi", "2024"), (2024.0, "deadline_year", "yi", "2024"),  # years without a separator
    (113.0, "rank", "yi", "113"),                    # 排名 113, not 113.0
    (329.7740724400105, "score", "yi", "329.8"),     # 得分 one decimal
    (0.07099, "growth", "yi", "7.1%"), (-0.0102, "growth", "yi", "-1.0%"), (3.5728, "progress_100bn", "yi", "357.3%"),
    (35728236.8, "output", "yi", "3,572.8"),         # 万元 → 亿元, one decimal from 1,000
    (710.5, "output", "yi", "0.07"),                 # small 亿元 amounts keep two decimals
    (555413.72, "revenue", "wan", "555,414"),        # firms in 万元
    (893.9108282718868, "land_mu", "yi", "893.9"),   # an amount with its own unit
    (1.136705448841624, "lq", "yi", "1.14"), (-0.0567, "cog", "yi", "-0.06"),
    (None, "lq", "yi", ""), (float("nan"), "growth", "yi", ""), (pd.NaT, "start_date", "yi", ""),
    (pd.Timestamp("2023-05-01"), "start_date", "yi", "2023-05-01"), (True, "above_scale", "yi", "✓"),
    (False, "gap", "yi", ""), ("large", "size_class", "yi", "大型"), ("off_track", "target_status", "yi", "滞后"),
    (None, "class", "yi", "不参评"), ("T", "class", "yi", "T类（提供数据，不参评）"),
])
def test_cells_in_chinese(value: object, col: str, money: str, shown: str) -> None:
    assert cell(value, column(col), "zh", money=money) == shown


def test_english_values_and_measures() -> None:
    assert cell("leading", column("tier"), "en") == "Leading"
    assert cell("upstream", column("segment"), "en") == "Upstream"
    assert cell(0.035, column("actual"), "en", unit="比例") == "3.5%"      # a share target
    assert cell(31071.366575, column("target_level"), "en", unit="亿元") == "31,071"


def test_headers_carry_units() -> None:
    assert header("output", "zh") == "工业总产值（亿元）"
    assert header("revenue", "zh", money="wan") == "营业收入（万元）"
    assert header("revenue", "en", money="wan") == "Revenue (10k yuan)"
    assert header("land_mu", "zh") == "用地（亩）"
    assert header("share", "zh") == "占比" and header("share", "zh", file=True) == "占比（%）"


def test_every_column_has_both_labels_and_a_known_kind() -> None:
    kinds = {"text", "quote", "code", "category", "year", "month", "date", "count", "money", "area", "pct", "index",
             "score", "points", "rank", "flag", "measure", "hidden"}
    for name, c in COLUMNS.items():
        assert c.kind in kinds, name
        assert c.zh and c.en, name


def test_present_orders_key_columns_first_and_hides_internal_ones() -> None:
    frame = pd.DataFrame({"tier": ["leading"], "cluster_code": ["E1"], "name": ["电子信息"], "output": [35728236.8],
                          "growth": [0.141], "placeholder": [False]})
    shown = present(frame, lang="zh", table="clusters")
    assert [c.name for c in shown.columns][:3] == ["name", "tier", "output"]
    assert "placeholder" not in [c.name for c in shown.columns]
    row = dict(zip([c.name for c in shown.columns], [t for t, _ in shown.rows[0]], strict=True))
    assert row == {"name": "电子信息", "tier": "引领型", "output": "3,572.8", "growth": "14.1%", "cluster_code": "E1"}
    growth = next(c for c in shown.columns if c.name == "growth")
    assert growth.tip and growth.numeric


def test_file_for_people_reads_back_with_plain_pandas() -> None:
    frame = pd.DataFrame({"name": ["甲", "乙"], "output": [35728236.8, 710.5], "share": [0.1206, 0.0024],
                          "strong": [True, False], "tier": ["leading", "pillar"]})
    table = for_file(frame, lang="zh", table="clusters")
    back = pd.read_csv(io.BytesIO(people_bytes(table, "csv", note="合成数据")), encoding="utf-8-sig")
    assert list(back.columns) == ["名称", "梯队", "工业总产值（亿元）", "占比（%）", "优势集群"]
    assert back["工业总产值（亿元）"].tolist() == [3572.82, 0.07]
    assert back["占比（%）"].tolist() == [12.1, 0.2]
    assert back["梯队"].tolist() == ["引领型", "支柱型"] and back["优势集群"].tolist() == ["是", "否"]
    xlsx = pd.read_excel(io.BytesIO(people_bytes(table, "xlsx", note="合成数据")), sheet_name=None, engine="calamine")
    assert list(xlsx) == ["data", "说明"] and len(xlsx["data"]) == 2
    english = for_file(frame, lang="en", table="clusters")
    assert "Gross output (100M yuan)" in english.columns and english["Tier"].tolist() == ["Leading", "Pillar"]


def test_axes_use_grouped_digits_and_units() -> None:
    a = axis("money", "zh", title="营业收入")
    assert a["tickformat"] == "," and a["title"]["text"] == "营业收入（亿元）"
    assert axis("pct", "en", title="Share")["ticksuffix"] == "%"


@pytest.mark.parametrize(("english", "chinese"), [
    ("investment 37% of plan vs 100% of the construction period elapsed; missed milestone(s): 主体封顶 (due 2024-04-30); "
     "竣工投产 (due 2025-10-31)",
     "累计完成投资为计划的 37%，工期已过 100%；未按期完成节点：主体封顶（应于 2024-04-30 完成）；竣工投产（应于 2025-10-31 完成）"),
    ("planned completion 2023-07-31 passed, status under construction",
     "计划竣工日期 2023-07-31 已过，当前状态：在建"),
    ("even the favourable end of the 90% interval 24,542-30,738 for 2027 misses the target 31,071",
     "2027 年预测的 90% 区间 24,542–30,738 中有利一端仍未达到目标 31,071"),
    ("too little history for a projection; actual 2024 = 6,800 vs compound path 7,451 (-8.7%; at risk within 5%)",
     "历史数据不足，无法预测；2024 年实际值 6,800，复合增长路径应达 7,451（偏差 -8.7%；偏差在 5% 以内为有风险）"),
    ("builds on 3853 家用通风电器具制造 (φ=0.50), 2761 生物药品制造 (φ=0.33); density 0.52, PCI 1.57",
     "基于本地优势产业 3853 家用通风电器具制造（φ=0.50）、2761 生物药品制造（φ=0.33）；关联密度 0.52，PCI 1.57"),
    ("no baseline value for 2022", "缺少 2022 年基期值"),
    ("suspended (停工), last investment 2024-02; stalled: no investment in the last 3 months (last investment 2024-02)",
     "停工，最近一次投资在 2024-02；连续 3 个月无新增投资（最近一次投资在 2024-02）"),
    ("stalled: no investment in the last 6 months (nothing invested)", "连续 6 个月无新增投资（尚无投资）"),
])
def test_reason_texts_in_chinese(english: str, chinese: str) -> None:
    assert translate(english) == chinese


def test_unknown_sentences_stay_as_written() -> None:
    assert translate("a sentence no analytic writes") == "a sentence no analytic writes"


def test_english_headers_carry_english_units() -> None:
    """An English header names its unit in English (``Electricity (10k kWh)``, not 万千瓦时)."""
    for name, c in COLUMNS.items():
        if c.unit:
            text = header(name, "en")
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), (name, text)
    assert header("electricity", "en") == "Electricity (10k kWh)"
    assert header("electricity", "zh") == "用电量（万千瓦时）"


def test_investment_size_bands_read_in_the_page_language() -> None:
    from xinzhi.delivery.projects import size_bands

    bands = size_bands(pd.DataFrame({"planned_investment": [5_000.0, 100_000.0, 2_000_000.0]}))["band"]
    for name in ("band", "size_band"):
        en = [cell(b, column(name), "en") for b in bands]
        assert en == ["<100M yuan", "100M–1bn yuan", "1bn–10bn yuan", "≥10bn yuan"]
        assert [cell(b, column(name), "zh") for b in bands] == list(bands)
