"""Support on a small real workspace: stored runs, one firm's measures with the total worked by
hand, stages and resources, early warning and loans, digital services, imports and templates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.support.conftest import AS_OF, ON, A, B, C, D, E, M
from xinzhi.errors import ValidationError
from xinzhi.support.firm import firm_support
from xinzhi.support.loader import load_measures
from xinzhi.support.matching import KEPT
from xinzhi.support.reports import (
    firm_frame,
    loans_report,
    resources_report,
    services_report,
    warnings_report,
)
from xinzhi.support.runs import RESULT_TABLE, firm_matches, match_workspace, reference_date
from xinzhi.workspace import Workspace, open_workspace


def test_a_match_is_stored_as_a_run(support_ws: Workspace, tmp_path: Path) -> None:
    run_id, rows = match_workspace(support_ws, save=True)
    assert reference_date(support_ws).isoformat() == AS_OF
    assert set(rows["status"]) <= set(KEPT)
    run = support_ws.runs(result_table=RESULT_TABLE).iloc[0]
    assert run["id"] == run_id and run["kind"] == "support"
    assert run["params"]["year"] == 2024 and run["params"]["date"] == AS_OF
    assert run["params"]["measures"]["rd-super-deduction-2023"] == "2023.1"
    stored = pd.read_parquet(support_ws.result_path(RESULT_TABLE, run_id))
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), rows.reset_index(drop=True))


def test_one_firm_measures_and_total_by_hand(support_ws: Workspace) -> None:
    measures = {m.id: m for m in load_measures(on=ON)}
    s = firm_support(firm_matches(support_ws, A), measures)
    got = s.measures.set_index("measure")
    # net profit 200: R&D 220 capped by the 200 of income × 15 % (high-tech) = 30
    assert got.loc["rd-super-deduction-2023", "benefit"] == pytest.approx(30.0)
    # high-tech: 200 × 10 % = 20; small-profit: 200 × 20 % = 40 (the same group: the larger counts)
    assert got.loc["hitech-cit-2016", "route"] == "certified"
    assert got.loc["small-low-profit-2023", "benefit"] == pytest.approx(40.0)
    # VAT credit: R&D 220 / 4,000 = 5.5 % ≥ 5 %; 5 % × 13 % × (4,000 − 1,000) = 19.5
    assert got.loc["advanced-mfg-vat-2023", "benefit"] == pytest.approx(19.5)
    assert s.total == pytest.approx(30 + 40 + 19.5)
    # the retail firm E is excluded from the super-deduction by the negative list
    e = firm_support(firm_matches(support_ws, E), measures).measures.set_index("measure")
    assert e.loc["rd-super-deduction-2023", "status"] == "excluded"
    assert e.loc["rd-super-deduction-2023", "reason"].startswith("负面清单：")
    # the Mianyang firm is outside Chengdu's pilot
    m = firm_support(firm_matches(support_ws, M), measures).measures.set_index("measure")
    assert m.loc["cd-digital-pilot-2024", "status"] == "out_of_scope"
    assert m.loc["tech-relending-2024", "status"] == "near"  # R&D 5.5 %, staff 12 %: not listed yet


def test_stage_and_resources(support_ws: Workspace) -> None:
    firms = firm_frame(support_ws)
    stages = firms.set_index("credit_code")
    assert (stages.loc[A, "stage"], stages.loc[A, "stage_rule"]) == ("growth", "titled")
    assert (stages.loc[D, "stage"], stages.loc[D, "stage_rule"]) == ("scale", "giant")
    res = resources_report(support_ws, firms[firms["credit_code"] == A])
    # the county accelerator first (closest), then the provincial fund for industries 36/39; no incubator (seed)
    assert list(res["resource_id"]) == ["R1", "R3"]
    assert res["reason"].iloc[1] == "阶段 1→10 ✓；行业 3976 属 39 ✓；地区 四川省 ✓；单笔 1000–20000 万元"


def test_warning_and_loans_by_hand(support_ws: Workspace) -> None:
    w = warnings_report(support_ws, "成都市").set_index("credit_code")
    # revenue −40 % (25), tax −50 % (15), electricity −35 % (20), staff −31 % (15), energy −40 % (10),
    # debt ratio +32 points (15) and at 82 % (5)
    assert (w.loc[C, "score"], w.loc[C, "level"]) == (105.0, "red")
    assert w.loc[C, "why"].startswith("营业收入同比 -40.0% (+25)")
    assert w.loc[C, "need"] == pytest.approx(5000 * 0.92 * 0.4)
    assert M not in w.index  # Mianyang
    loans = loans_report(support_ws, "成都市").set_index(["product_id", "credit_code"])
    assert loans.loc[("L1", C), "target"] == "difficulty"
    assert loans.loc[("L1", C), "amount"] == pytest.approx(1000.0)  # need 1,840 capped at the product's 1,000
    assert loans.loc[("L2", D), "target"] == "project"  # T1 starts 2025-03-01, within 180 days
    assert loans.loc[("L2", D), "amount"] == pytest.approx(3000.0)  # the year's plan
    assert ("L2", B) not in loans.index  # T2 starts in 2026


def test_digital_services_by_hand(support_ws: Workspace) -> None:
    rep = services_report(support_ws, "成都市")
    a = rep.offers[rep.offers["credit_code"] == A]
    # data collection (10 left), information systems (10 − 2.5), mechanisms (7.5; first of the 7.5s after it)
    assert list(a["item"]) == ["data_collection", "information_systems", "mechanisms"]
    assert a["text"].iloc[0] == "数据自动采集覆盖的业务环节 +10 分 → 2 个方案，2–10 万元，1–3 个月可部署"
    assert a["text"].iloc[2].endswith("目录中暂无方案")
    d = rep.matches[(rep.matches["credit_code"] == D) & (rep.matches["item"] == "data_collection")]
    assert list(d["solution_id"]) == ["S2", "S3", "S1"]  # local providers first, then the cheaper
    demand = rep.demand.set_index("item")
    assert (demand.loc["data_collection", "firms"], demand.loc["data_collection", "points"]) == (2, 20.0)
    supply = rep.supply.set_index("provider_id")
    assert supply.loc["P1", "firms_matched"] == 2


@pytest.mark.parametrize(("table", "rows", "reasons"), [
    ("digital_solution", [{"solution_id": "X", "name": "n", "provider_id": "P", "scene": "s", "items": "nope",
                           "price_low": 9, "price_high": 3, "deploy_months": 1}],
     ["price_low,price_high: price band: 9 is above 3", "items: unknown questionnaire item 'nope'"]),
    ("support_resource", [{"resource_id": "R", "name": "n", "kind": "garden", "region_code": "510100",
                           "stages": "seed;mature", "industries": "3x"}],
     ["kind: unknown 'garden'", "stages: unknown 'mature'", "industries: '3x' is not a GB/T 4754 code"]),
    ("loan_product", [{"product_id": "L", "bank": "b", "name": "n", "purpose": "car", "amount_max": 5}],
     ["purpose: unknown 'car'", "lends neither to firms in difficulty nor to projects"]),
])
def test_imports_name_file_row_column_and_reason(tmp_path: Path, table: str, rows: list[dict[str, object]],
                                                 reasons: list[str]) -> None:
    ws = open_workspace(tmp_path / "w")
    path = tmp_path / f"{table}.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    with pytest.raises(ValidationError) as err:
        ws.import_file(table, path)
    text = str(err.value)
    for r in reasons:
        assert f"{table}.csv:2:" in text and r in text, text
    assert not ws.has_data(table)


def test_template_round_trip(tmp_path: Path) -> None:
    from xinzhi.delivery.templates import write_template

    ws = open_workspace(tmp_path / "w")
    path = write_template("solutions", tmp_path / "solutions.xlsx")
    sheet = pd.read_excel(path, engine="calamine")
    assert "价格上限 price_high（万元）" in sheet.columns
    sheet.loc[0] = {c: v for c, v in zip(sheet.columns, ["S9", "盒子", "P9", "数据采集", "data_collection", None, 1, 2,
                                                          1, None, None, None], strict=False)}
    sheet.to_excel(path, index=False)
    ws.import_file("digital_solution", path)
    assert ws.to_pandas("digital_solution")["price_high"].tolist() == [2.0]
