"""Templates round-trip through `ws.import_file`; bad rows are rejected with file:row:column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from xinzhi.delivery.templates import TEMPLATES, write_template
from xinzhi.errors import InputError, ValidationError
from xinzhi.workspace import Workspace


def fill(template: Path, rows: list[dict[str, object]], out: Path) -> Path:
    """Fill a template as a user would: keep its header row, add rows by English column name."""
    header = CalamineWorkbook.from_path(str(template)).get_sheet_by_index(0).to_python()[0]
    english = [h.split(" ", 1)[1].split("（")[0] for h in header]
    frame = pd.DataFrame([[r.get(c, "") for c in english] for r in rows], columns=header)
    with pd.ExcelWriter(out, engine="xlsxwriter") as xw:
        frame.to_excel(xw, index=False)
    return out


def test_every_template_has_bilingual_headers(tmp_path: Path) -> None:
    for name in TEMPLATES:
        p = write_template(name, tmp_path / f"{name}.xlsx")
        wb = CalamineWorkbook.from_path(str(p))
        header = wb.get_sheet_by_index(0).to_python()[0]
        assert all(" " in h for h in header), header
        assert wb.sheet_names[1] == "填表说明 notes"
    assert "计划总投资 planned_investment（万元）" in CalamineWorkbook.from_path(
        str(tmp_path / "projects.xlsx")).get_sheet_by_index(0).to_python()[0]
    with pytest.raises(InputError, match="unknown template"):
        write_template("budgets", tmp_path / "x.xlsx")


def test_round_trip_targets_projects_indicators(ws: Workspace, tmp_path: Path) -> None:
    t = fill(write_template("targets", tmp_path / "t.xlsx"), [
        {"target_id": "SC-HT", "name": "高新技术企业倍增", "region_code": "510000", "indicator": "hte",
         "kind": "multiple", "baseline": 14000, "baseline_year": 2022, "target_value": 2, "deadline_year": 2027},
        {"target_id": "SC-SHARE", "region_code": "510000", "indicator": "hitech_share", "kind": "share",
         "baseline_year": 2022, "target_value": "20%", "deadline_year": 2027},
    ], tmp_path / "t-filled.xlsx")
    res = ws.import_file("target", t)
    assert res.rows_total == 2
    got = ws.to_pandas("target").set_index("target_id")
    assert got.loc["SC-SHARE", "target_value"] == pytest.approx(0.20)
    assert got.loc["SC-HT", "baseline"] == 14000

    p = fill(write_template("projects", tmp_path / "p.xlsx"), [
        {"project_id": "P1", "name": "某显示面板项目", "region_code": "510100", "industry_code": "3974",
         "planned_investment": 1_200_000, "start_date": "2024-03-01", "planned_completion": "2026-12-31",
         "status": "在建"},
    ], tmp_path / "p-filled.xlsx")
    ws.import_file("project", p)
    assert ws.to_pandas("project")["planned_investment"].item() == 1_200_000

    v = fill(write_template("indicators", tmp_path / "v.xlsx"), [
        {"indicator": "gdp", "region_code": "510000", "period": "2024Q3", "value": 46000.5, "growth": "5.7%"},
    ], tmp_path / "v-filled.xlsx")
    ws.import_file("indicator_value", v)
    assert ws.to_pandas("indicator_value")["growth"].item() == pytest.approx(0.057)

    for name, table, row in [
        ("catalog", "indicator", {"code": "gdp", "name_zh": "地区生产总值", "frequency": "quarter",
                                  "cumulative": "是", "measure": "flow"}),
        ("progress", "project_progress", {"project_id": "P1", "month": "2024-11", "investment": 2500}),
        ("milestones", "project_milestone", {"project_id": "P1", "milestone": "开工",
                                             "planned_date": "2024-03-01", "actual_date": "2024-03-10"}),
    ]:
        f = fill(write_template(name, tmp_path / f"{name}.xlsx"), [row], tmp_path / f"{name}-filled.xlsx")
        assert ws.import_file(table, f).rows_total == 1


def _problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_bad_targets_rejected_with_location(ws: Workspace, tmp_path: Path) -> None:
    f = fill(write_template("targets", tmp_path / "t.xlsx"), [
        {"target_id": "OK", "region_code": "510000", "indicator": "x", "kind": "level",
         "baseline_year": 2022, "target_value": 5, "deadline_year": 2027},
        {"target_id": "LATE", "region_code": "510000", "indicator": "x", "kind": "level",
         "baseline_year": 2024, "target_value": 5, "deadline_year": 2020},
        {"target_id": "SHARE", "region_code": "510000", "indicator": "x", "kind": "share",
         "baseline_year": 2022, "target_value": "120%", "deadline_year": 2027},
        {"target_id": "KIND", "region_code": "510000", "indicator": "x", "kind": "rank",
         "baseline_year": 2022, "target_value": 1, "deadline_year": 2027},
    ], tmp_path / "bad-targets.xlsx")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("target", f)
    msgs = _problems(exc)
    assert "bad-targets.xlsx:3:目标年份 deadline_year: deadline year 2020 must be after the baseline year 2024" in msgs
    assert any(m.startswith("bad-targets.xlsx:4:目标值 target_value: a share must be between 0 and 1") and "got 1.2" in m
               for m in msgs)
    assert any(m.startswith("bad-targets.xlsx:5:目标类型 kind: target kind must be one of") for m in msgs)
    assert len(msgs) == 3
    assert not ws.has_data("target")  # all or nothing


def test_negative_investment_rejected_on_import(ws: Workspace, tmp_path: Path) -> None:
    f = fill(write_template("progress", tmp_path / "pg.xlsx"), [
        {"project_id": "P1", "month": "2024-10", "investment": 100},
        {"project_id": "P1", "month": "2024-11", "investment": -250},
    ], tmp_path / "progress.xlsx")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("project_progress", f)
    assert _problems(exc) == ["progress.xlsx:3:当月完成投资 investment（万元）: must not be negative, got -250"]
    # cross-column checks name the column as the file's header does
    g = fill(write_template("progress", tmp_path / "pg.xlsx"), [
        {"project_id": "P1", "month": "2024-13", "investment": 10},
    ], tmp_path / "months.xlsx")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("project_progress", g)
    assert _problems(exc) == ["months.xlsx:2:月份 month: month must look like 2024-11, got '2024-13'"]


def test_negative_planned_investment_and_completion_before_start(ws: Workspace, tmp_path: Path) -> None:
    f = fill(write_template("projects", tmp_path / "p.xlsx"), [
        {"project_id": "P1", "name": "a", "region_code": "510100", "planned_investment": -1},
        {"project_id": "P2", "name": "b", "region_code": "510100", "planned_investment": 10,
         "start_date": "2025-01-01", "planned_completion": "2024-01-01", "status": "building"},
    ], tmp_path / "projects.xlsx")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("project", f)
    assert "projects.xlsx:2:计划总投资 planned_investment（万元）: must not be negative, got -1" in str(exc.value)
    f = fill(write_template("projects", tmp_path / "p.xlsx"), [
        {"project_id": "P2", "name": "b", "region_code": "510100", "planned_investment": 10,
         "start_date": "2025-01-01", "planned_completion": "2024-01-01", "status": "building"},
    ], tmp_path / "projects.xlsx")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("project", f)
    text = str(exc.value)
    assert "projects.xlsx:2:计划竣工日期 planned_completion: planned completion 2024-01-01 is before the start date 2025-01-01" in text
    assert "projects.xlsx:2:项目状态 status: status must be one of" in text
