"""Suspended (停工), stalled and overdue projects are alerts whatever their status; reporting
noise in the pace gap shows as zero. Hand-worked at the end of December 2024."""

from __future__ import annotations

import pandas as pd

from xinzhi.delivery.alerts import alerts
from xinzhi.delivery.projects import project_progress


def registry() -> pd.DataFrame:
    return pd.DataFrame({
        "project_id": ["S1", "S2", "Q1", "T1", "C1", "D1"],
        "name": ["停工且逾期", "停工未逾期", "计划逾期", "停滞", "已竣工", "实际竣工"],
        "region_code": "510100",
        "planned_investment": [100_000.0, 100_000.0, 50_000.0, 24_000.0, 29_215.3, 10_000.0],
        "start_date": pd.to_datetime(["2022-01-01", "2024-01-01", "2023-01-01", "2024-01-01", "2022-01-01",
                                      "2023-01-01"]),
        "planned_completion": pd.to_datetime(["2023-12-31", "2026-12-31", "2024-06-30", "2025-12-31",
                                              "2023-06-30", "2024-06-30"]),
        "actual_completion": pd.to_datetime([None, None, None, None, "2023-06-30", "2024-05-31"]),
        "status": ["停工", "suspended", "planned", "在建", "竣工", "under construction"],
    })


def monthly() -> pd.DataFrame:
    return pd.concat([
        # S1: 15,000 of 100,000 in 2022, then halted
        pd.DataFrame({"project_id": "S1", "month": ["2022-03", "2022-06"], "investment": [10_000.0, 5_000.0]}),
        # S2: 10,000 in the first quarter of 2024, then halted
        pd.DataFrame({"project_id": "S2", "month": ["2024-01", "2024-02", "2024-03"], "investment": 10_000.0 / 3}),
        # T1: 1,500 a month January–August 2024 (12,000 = half the plan at half the period), then nothing
        pd.DataFrame({"project_id": "T1", "month": [f"2024-{m:02d}" for m in range(1, 9)], "investment": 1_500.0}),
        # C1: 29,215.29 of 29,215.3 (the registry's total was rounded differently): 3.4e-07 short
        pd.DataFrame({"project_id": "C1", "month": ["2022-06", "2022-12", "2023-06"],
                      "investment": [10_000.0, 10_000.0, 9_215.29]}),
        # D1: 6,000 of 10,000, completed in May 2024 (actual date) though the status still says 在建
        pd.DataFrame({"project_id": "D1", "month": ["2023-06", "2024-03"], "investment": [3_000.0, 3_000.0]}),
    ], ignore_index=True)


def test_suspended_projects_are_late_and_high_alerts() -> None:
    r = project_progress(registry(), monthly(), as_of="2024-12").set_index("project_id")
    s1 = r.loc["S1"]
    # 15 % of plan, construction period over (expected 1), planned completion 2023-12-31 passed
    assert s1["completion"] == 0.15 and s1["expected"] == 1.0 and s1["pace_gap"] == 0.85
    assert bool(s1["suspended"]) and bool(s1["overdue"]) and bool(s1["behind_pace"]) and bool(s1["late"])
    assert "停工" in s1["reasons"] and "last investment 2022-06" in s1["reasons"]
    assert "2023-12-31 passed, status suspended" in s1["reasons"]
    s2 = r.loc["S2"]
    # not past completion: 10 % of plan vs 365/1095 days (2024-01-01 to 2024-12-31 of 2026-12-31)
    assert s2["expected"] == 0.3333 and s2["completion"] == 0.1 and not bool(s2["overdue"])
    assert bool(s2["suspended"]) and bool(s2["late"])
    a = alerts(None, r.reset_index()).set_index("id")
    assert a.loc["S1", "kind"] == "project_suspended" and a.loc["S1", "severity"] == "high"
    assert a.loc["S2", "kind"] == "project_suspended" and a.loc["S2", "severity"] == "high"


def test_overdue_whatever_the_status_and_completion_by_actual_date() -> None:
    r = project_progress(registry(), monthly(), as_of="2024-12").set_index("project_id")
    # Q1 is still "planned" six months after its planned completion: overdue and not started
    assert bool(r.loc["Q1", "overdue"]) and bool(r.loc["Q1", "not_started"]) and bool(r.loc["Q1", "late"])
    assert not bool(r.loc["Q1", "behind_pace"])  # not_started says it already
    # D1 has an actual completion date before December: completed, never late
    assert not bool(r.loc["D1", "late"]) and not bool(r.loc["D1", "overdue"])


def test_stalled_project_is_a_medium_alert() -> None:
    r = project_progress(registry(), monthly(), as_of="2024-12").set_index("project_id")
    t1 = r.loc["T1"]
    # 12,000 / 24,000 = 50 % at 365/730 days elapsed: on pace, but nothing since August
    assert t1["completion"] == 0.5 and t1["pace_gap"] == 0.0 and not bool(t1["behind_pace"])
    assert bool(t1["stalled"]) and bool(t1["late"])
    assert "no investment in the last 3 months (last investment 2024-08)" in t1["reasons"]
    a = alerts(None, r.reset_index()).set_index("id")
    assert a.loc["T1", "kind"] == "project_stalled" and a.loc["T1", "severity"] == "medium"
    # in October the last three months (Aug–Oct) still hold August's investment
    octo = project_progress(registry(), monthly(), as_of="2024-10").set_index("project_id")
    assert not bool(octo.loc["T1", "stalled"])
    assert bool(project_progress(registry(), monthly(), as_of="2024-10", stall_months=2)
                .set_index("project_id").loc["T1", "stalled"])


def test_pace_gap_noise_is_zero() -> None:
    r = project_progress(registry(), monthly(), as_of="2024-12").set_index("project_id")
    # 29,215.29 / 29,215.3 = 0.99999966: completion 1 to 0.01 point, pace gap exactly 0
    assert r.loc["C1", "completion"] == 1.0
    assert r.loc["C1", "pace_gap"] == 0.0 and str(r.loc["C1", "pace_gap"]) == "0.0"
    assert not bool(r.loc["C1", "late"])
    a = alerts(None, r.reset_index())
    assert set(a["id"]) == {"S1", "S2", "Q1", "T1"}
