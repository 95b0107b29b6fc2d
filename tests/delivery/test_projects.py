"""Major projects: a project falling behind, overdue, missed milestones, size bands, shares."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.delivery.alerts import alerts
from xinzhi.delivery.projects import investment_share, month_end, project_progress, size_bands
from xinzhi.errors import InputError


def registry() -> pd.DataFrame:
    return pd.DataFrame({
        "project_id": ["P1", "P2", "P3", "P4", "P5"],
        "name": ["behind", "on pace", "overdue", "not started", "completed"],
        "region_code": ["510100", "510100", "510700", "510700", "510100"],
        "planned_investment": [120_000.0, 1_200_000.0, 50_000.0, 2_000_000.0, 8_000.0],
        "start_date": pd.to_datetime(["2024-01-01", "2024-01-01", "2023-01-01", "2024-06-01", "2023-01-01"]),
        "planned_completion": pd.to_datetime(["2025-12-31", "2025-12-31", "2024-06-30", "2027-06-01", "2023-12-31"]),
        "status": ["under construction", "在建", "under construction", "planned", "竣工"],
    })


def monthly() -> pd.DataFrame:
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    return pd.concat([
        # P1: 2,000 万元 a month for six months, then nothing
        pd.DataFrame({"project_id": "P1", "month": months[:6], "investment": 2_000.0}),
        # P2: 50,000 a month all year (on the straight-line pace of 1,200,000 over 24 months)
        pd.DataFrame({"project_id": "P2", "month": months, "investment": 50_000.0}),
        pd.DataFrame({"project_id": "P3", "month": ["2023-06", "2024-03"], "investment": [30_000.0, 15_000.0]}),
        pd.DataFrame({"project_id": "P5", "month": ["2023-05"], "investment": [8_000.0]}),
    ], ignore_index=True)


def test_project_falling_behind_worked_example() -> None:
    r = project_progress(registry(), monthly(), as_of="2024-12").set_index("project_id")
    p1 = r.loc["P1"]
    # 6 * 2,000 = 12,000 of 120,000 → 10 %; 365 of 730 days elapsed → 50 %; gap 40 points
    assert p1["cumulative_investment"] == 12_000.0
    assert p1["completion"] == pytest.approx(0.10)
    assert p1["expected"] == pytest.approx(365 / 730)
    assert bool(p1["behind_pace"]) and bool(p1["late"])
    assert "10% of plan vs 50%" in p1["reasons"]
    p2 = r.loc["P2"]
    assert p2["completion"] == pytest.approx(0.5) and not p2["late"]
    assert p2["status"] == "under construction"  # 在建 normalised


def test_overdue_not_started_completed() -> None:
    r = project_progress(registry(), monthly(), as_of="2024-12").set_index("project_id")
    assert bool(r.loc["P3", "overdue"]) and "2024-06-30 passed" in r.loc["P3", "reasons"]
    assert r.loc["P3", "ytd_investment"] == 15_000.0 and r.loc["P3", "cumulative_investment"] == 45_000.0
    assert bool(r.loc["P4", "not_started"]) and not bool(r.loc["P4", "behind_pace"])
    assert not bool(r.loc["P5", "late"])  # completed projects are never late
    mid = project_progress(registry(), monthly(), as_of="2024-03").set_index("project_id")
    # March: 6,000 → 5 % vs 90/730 = 12.33 % (to 0.01 point) → gap 7.33 points < 10 → not behind
    assert mid.loc["P1", "expected"] == 0.1233 and mid.loc["P1", "pace_gap"] == pytest.approx(0.0733)
    assert not bool(mid.loc["P1", "behind_pace"])


def test_missed_and_late_milestones() -> None:
    ms = pd.DataFrame({
        "project_id": ["P2", "P2", "P2"],
        "milestone": ["主体封顶", "设备进场", "投产"],
        "planned_date": pd.to_datetime(["2024-06-30", "2024-10-31", "2025-12-31"]),
        "actual_date": pd.to_datetime(["2024-08-15", None, None]),
    })
    r = project_progress(registry(), monthly(), ms, as_of="2024-12").set_index("project_id")
    assert r.loc["P2", "missed_milestones"] == 1  # 设备进场 due 2024-10-31, not reached
    assert r.loc["P2", "late_milestones"] == 1  # 主体封顶 reached late
    assert bool(r.loc["P2", "late"]) and "设备进场 (due 2024-10-31)" in r.loc["P2", "reasons"]


def test_size_bands_counts() -> None:
    b = size_bands(registry()).set_index("band")
    # 8,000 < 1亿; 50,000 and 120,000 → 1亿-10亿 has 50,000 only (120,000 = 12亿 ≥ 10亿)
    assert b["projects"].to_dict() == {"<1亿": 1, "1亿-10亿": 1, "10亿-100亿": 1, "≥100亿": 2}
    assert b.loc["≥100亿", "planned_investment"] == 3_200_000.0
    assert b.loc["10亿-100亿", "at_least"] == 3  # "over 1 billion yuan": 3 projects
    with pytest.raises(InputError):
        size_bands(registry(), thresholds=[10.0, 5.0])


def test_investment_share_and_month_end() -> None:
    # "185.7 billion yuan invested January–November, over 30 % of industrial investment"
    assert investment_share(18_570_000.0, 60_000_000.0) == pytest.approx(0.3095)
    assert pd.isna(investment_share(1.0, 0.0))
    assert month_end("2023-02").day == 28
    with pytest.raises(InputError):
        month_end("2024Q3")


def test_negative_investment_rejected() -> None:
    bad = monthly()
    bad.loc[0, "investment"] = -5.0
    with pytest.raises(InputError, match="negative"):
        project_progress(registry(), bad, as_of="2024-12")


def test_alerts_list_late_projects_and_off_track_targets() -> None:
    pr = project_progress(registry(), monthly(), as_of="2024-12")
    targets = pd.DataFrame({"target_id": ["T1", "T2", "T3"], "region_code": "510000",
                            "name": ["a", "b", None], "indicator_name": ["", "", "高新技术企业数"],
                            "status": ["off_track", "at_risk", "on_track"], "rule": ["r1", "r2", "r3"]})
    a = alerts(targets, pr)
    assert set(a["id"]) == {"T1", "T2", "P1", "P3", "P4"}
    assert a["severity"].iloc[0] == "high"
    assert a.set_index("id").loc["P1", "severity"] == "medium"  # only behind pace
    assert set(alerts(targets, pr, include_at_risk=False)["id"]) == {"T1", "P1", "P3", "P4"}
