"""The delivery demo: every status exercised, accounting identities hold, data labelled synthetic."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.delivery import reports
from xinzhi.delivery.indicators import to_single_period
from xinzhi.delivery.targets import STATUSES
from xinzhi.workspace import Workspace


def test_every_target_status_is_present(delivery_ws: Workspace) -> None:
    t = reports.targets_report(delivery_ws, "510000")
    assert set(t["status"]) == set(STATUSES)
    by_id = t.set_index("target_id")["status"]
    assert by_id["SC-GDP-2025"] == "achieved"
    assert by_id["SC-HTS-2027"] == "at_risk"
    assert by_id["SC-TSME-2027"] == "off_track"
    assert by_id["CD-RD-2027"] == "no_data"


def test_projects_late_and_not(delivery_ws: Workspace) -> None:
    p = reports.projects_report(delivery_ws, "510000")
    assert 55 <= len(p) <= 65
    assert p["name"].str.endswith("（合成）").all()
    assert 0 < p["late"].sum() < len(p)
    assert {"planned", "under construction", "completed", "suspended"} <= set(p["status"])
    assert p["overdue"].any() and p["behind_pace"].any() and (p["missed_milestones"] > 0).any()
    late = reports.projects_report(delivery_ws, "510000", late_only=True)
    assert late["late"].all() and len(late) == p["late"].sum()
    assert (late["reasons"] != "").all()


def test_province_equals_sum_of_cities(delivery_ws: Workspace) -> None:
    v = delivery_ws.to_pandas("indicator_value")
    regions = delivery_ws.to_pandas("region")
    cities = set(regions.loc[regions["parent_code"] == "510000", "code"])
    for ind, period in [("gdp", "2024Q3"), ("industrial_investment", "2025-10"), ("high_tech_enterprises", "2024")]:
        rows = v[(v["indicator"] == ind) & (v["period"] == period)]
        total = rows.loc[rows["region_code"].isin(cities), "value"].sum()
        assert rows.loc[rows["region_code"] == "510000", "value"].item() == pytest.approx(total, rel=1e-9)
    assert (v["source"] == "synthetic demo data").all()


def test_cumulative_investment_converts_to_months(delivery_ws: Workspace) -> None:
    v = delivery_ws.to_pandas("indicator_value")
    inv = v[(v["indicator"] == "industrial_investment") & (v["region_code"] == "510000")
            & v["period"].str.startswith("2024")]
    single = to_single_period(inv).set_index("period")
    assert single.loc["2024-02", "covers"] == 2  # 1–2月 published together
    assert single["single"].sum() == pytest.approx(inv.loc[inv["period"] == "2024-12", "value"].item())


def test_summary_share_and_alerts(delivery_ws: Workspace) -> None:
    s = reports.projects_summary(delivery_ws, "四川省")
    assert 0.0 < float(s["share_of_industrial_investment"]) < 1.0  # type: ignore[arg-type]
    bands = s["size_bands"]
    assert isinstance(bands, pd.DataFrame) and bands["projects"].sum() == s["projects"]
    a = reports.alerts_report(delivery_ws, "510000")
    assert {"target_off_track", "target_at_risk", "project_late"} <= set(a["kind"])
