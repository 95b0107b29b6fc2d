"""The matching engine on a measure written here: statuses (to confirm, no data, near within the
tolerance, direct routes, regions and parks), benefit floor, cap and missing inputs, totals with
benefit groups and the gain of the next unlock, and located errors in measure files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.support.conftest import panel
from xinzhi.errors import ValidationError
from xinzhi.support.firm import firm_support, total_benefit
from xinzhi.support.loader import load_measure
from xinzhi.support.matching import match_sql, measure_rows, region_prefix

MEASURE = """\
kind: measure
id: test-measure
version: "1"
title: 测试措施
title_en: Test measure
category: subsidy
source: {document: 文件, number: 测〔2024〕1号, articles: 第一条, issuer: 测试局, confidence: official, checked: by hand}
valid: {from: 2024-01-01}
region: {name: 成都市, name_en: Chengdu, codes: ["510100"]}
inputs: [digital_spend, credit_blacklisted]
eligibility:
  - {id: staff, label: 从业人员不少于100人, label_en: At least 100 staff, when: "employees >= 100", unit: people}
  - {id: spend, label: 有改造投入, label_en: Retrofit spending, when: "digital_spend > 0", unit: money, near: false}
direct:
  - {id: titled, label: 小巨人, label_en: Little giant, when: "has_tag(tags, '专精特新小巨人')"}
negative:
  - {id: blacklist, label: 失信, label_en: Dishonest, when: "credit_blacklisted"}
benefit: {kind: subsidy, label: 补助, label_en: Subsidy, base: "digital_spend - 10", rate: 0.5, cap: 100}
assumptions: [none]
"""


@pytest.fixture(scope="module")
def measure(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = Path(tmp_path_factory.mktemp("m")) / "test-measure.yaml"
    path.write_text(MEASURE, encoding="utf-8")
    return load_measure(path)


def rows(measure: Any, firms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    base = {"employees": 120.0, "digital_spend": 50.0, "credit_blacklisted": False}
    out = measure_rows(panel([{**base, **f} for f in firms]), measure, keep=None).to_pandas()
    out["n"] = out["credit_code"].str[1:].astype(int)
    return out.sort_values("n").to_dict("records")  # type: ignore[no-any-return]


def test_statuses(measure: Any) -> None:
    r = rows(measure, [
        {},                                                   # eligible: (50 − 10) × 50 % = 20
        {"digital_spend": 300.0},                             # capped at 100
        {"digital_spend": 5.0},                               # a negative amount counts as 0
        {"employees": 80.0},                                  # 20 % short of 100: near (the bound is included)
        {"employees": 79.0},                                  # 21 % short: not eligible
        {"digital_spend": None},                              # staff hold, spend unknown: to confirm
        {"digital_spend": None, "employees": None},           # nothing known: no data
        {"credit_blacklisted": None},                         # the negative list unknown: to confirm
        {"credit_blacklisted": True, "tags": "专精特新小巨人"},  # the negative list wins over a direct route
        {"employees": 10.0, "tags": "专精特新小巨人"},          # the direct route wins over a failed condition
        {"region_code": "510703"},                            # Mianyang
        {"region_code": "510703", "park_code": "510104P01"},  # registered in Mianyang, in a Chengdu park
    ])
    got = [(x["status"], x["benefit"]) for x in r]
    assert [s for s, _ in got] == ["eligible", "eligible", "eligible", "near", "not_eligible", "to_confirm", "no_data",
                                   "to_confirm", "excluded", "eligible", "out_of_scope", "eligible"]
    assert [b for _, b in got[:3]] == [pytest.approx(20.0), 100.0, 0.0]
    assert pd.isna(got[5][1])  # an unknown amount is unknown, never 0
    assert (r[3]["lacking"], r[3]["value"], r[3]["threshold"], r[3]["gap"]) == ("staff", 80.0, 100.0, pytest.approx(0.2))
    assert r[4]["lacking"] == "staff" and pd.isna(r[4]["gap"])
    assert r[5]["missing"] == "spend;" and r[6]["missing"] == "staff;spend;" and r[7]["missing"] == "blacklist;"
    assert r[9]["route"] == "titled" and r[8]["hit"] == "blacklist"


def test_the_sql_path_gives_the_same_rows(measure: Any) -> None:
    import duckdb

    firms = [{}, {"employees": 80.0}, {"digital_spend": None}, {"credit_blacklisted": True}]
    base = {"employees": 120.0, "digital_spend": 50.0, "credit_blacklisted": False}
    t = panel([{**base, **f} for f in firms])
    expected = measure_rows(t, measure).to_pandas().sort_values("credit_code").reset_index(drop=True)
    con = duckdb.connect()
    con.register("p", t.to_pandas())
    sql = match_sql([measure], t.schema()).replace('"__xinzhi_support_panel__"', '"p"')
    got = con.sql(sql).df().sort_values("credit_code").reset_index(drop=True)
    def plain(f: pd.DataFrame) -> list[list[object]]:
        return f.astype(object).where(f.notna(), None).values.tolist()  # type: ignore[no-any-return]

    assert list(got.columns) == list(expected.columns) and plain(got) == plain(expected)


def test_totals_with_groups_and_the_gain_of_the_next_unlock(measure: Any) -> None:
    from xinzhi.support.loader import load_measures

    ms = {m.id: m for m in load_measures()}
    frame = pd.DataFrame([
        {"measure": "hitech-cit-2016", "status": "eligible", "benefit": 50.0, "gap": None},
        {"measure": "small-low-profit-2023", "status": "near", "benefit": 80.0, "gap": 0.05},
        {"measure": "rd-super-deduction-2023", "status": "eligible", "benefit": 30.0, "gap": None},
        {"measure": "first-set-insurance-2024", "status": "near", "benefit": 10.0, "gap": 0.05},
        {"measure": "tech-sme-2017", "status": "eligible", "benefit": None, "gap": None},
    ])
    frame = frame.assign(credit_code="X", year=2024, route=None, lacking=None, value=None, threshold=None,
                         missing="", hit=None)
    assert total_benefit(frame, ms) == 80.0
    s = firm_support(frame, ms)
    gains = s.measures.set_index("measure")["gain"]
    # the small-profit rate replaces the high-tech rate in the group: 80 − 50; insurance adds its 10
    assert gains["small-low-profit-2023"] == pytest.approx(30.0) and gains["first-set-insurance-2024"] == 10.0
    assert s.next_unlock is not None and s.next_unlock["measure"] == "small-low-profit-2023"  # same gap, larger gain


def test_region_prefix() -> None:
    assert [region_prefix(c) for c in ("510000", "510100", "510104", "110000")] == ["51", "5101", "510104", "11"]


@pytest.mark.parametrize(("change", "where", "reason"), [
    (("employees >= 100", "staf >= 100"), ":12:eligibility.0.when:", "unknown name(s) staf"),
    (("inputs: [digital_spend, credit_blacklisted]", "inputs: [digital_spend, nope]"), ":10:inputs.1:",
     "unknown input 'nope'"),
    (("employees >= 100", "employees >="), ":12:eligibility.0.when:", "cannot parse"),
    (("rate: 0.5, cap: 100", "rate: 0.5, cap: -1"), ":18:benefit.cap:", "greater than or equal to 0"),
    (('category: subsidy', 'category: gift'), ":6:category:", "Input should be"),
])
def test_measure_files_report_file_line_and_key(tmp_path: Path, change: tuple[str, str], where: str, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MEASURE.replace(*change), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_measure(path)
    assert f"bad.yaml{where}" in str(err.value) and reason in str(err.value), str(err.value)
