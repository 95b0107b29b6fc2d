"""Target progress: worked examples for a doubling target, a share target and every status."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from xinzhi.delivery.targets import (
    compound_path,
    linear_path,
    project_value,
    target_level,
    target_progress,
    targets_progress,
)
from xinzhi.errors import InputError

Z90 = 1.6448536269514722  # standard normal quantile for a two-sided 90 % interval


def test_doubling_target_worked_example() -> None:
    # "double high-tech enterprises to 12,000 by 2027": 6,000 in 2022, 7,000 in 2023, 8,000 in 2024.
    s = pd.Series([6000.0, 7000.0, 8000.0], index=[2022, 2023, 2024])
    p = target_progress(s, kind="multiple", target_value=2.0, baseline_year=2022, deadline_year=2027)
    assert p.target_level == 12000.0
    assert p.baseline == 6000.0 and p.latest_year == 2024 and p.actual == 8000.0
    # linear path: 6000 + 6000 * 2/5 = 8400; compound path: 6000 * 2**0.4 = 7917.04
    assert p.linear_path == pytest.approx(8400.0)
    assert p.compound_path == pytest.approx(7917.0, abs=0.05)
    # achieved CAGR (8000/6000)^(1/2) - 1 = 15.47 %; required (12000/8000)^(1/3) - 1 = 14.47 %
    assert p.achieved_cagr == pytest.approx(0.154701, abs=1e-6)
    assert p.required_cagr == pytest.approx(0.144714, abs=1e-6)
    assert p.progress == pytest.approx(2000 / 6000)
    assert p.time_elapsed == pytest.approx(0.4)
    # projection: log changes ln(7/6) = 0.154151 and ln(8/7) = 0.133531, mean 0.143841,
    # central 8000 * exp(3 * 0.143841) = 12,316.9 ≥ 12,000 → on track
    assert p.projected == pytest.approx(12316.9, abs=0.1)
    sd = 0.0145805  # sample sd of the two log changes: |0.154151 - 0.133531| / sqrt(2)
    half = Z90 * sd * math.sqrt(3 * (1 + 3 / 2))
    assert p.projected_high == pytest.approx(8000 * math.exp(3 * 0.143841 + half), rel=1e-5)
    assert p.status == "on_track"
    assert "12,000" in p.rule or "1.2e+04" in p.rule


def test_share_target_worked_example_is_at_risk() -> None:
    # "high-tech manufacturing above 20 % of manufacturing value added by 2027":
    # 15 % in 2022, 16 % in 2023, 16.5 % in 2024.
    s = pd.Series([0.15, 0.16, 0.165], index=[2022, 2023, 2024])
    p = target_progress(s, kind="share", target_value=0.20, baseline_year=2022, deadline_year=2027)
    assert p.target_level == 0.20
    assert p.linear_path == pytest.approx(0.17)  # 15 % + 5 pp * 2/5
    assert p.achieved_change == pytest.approx(0.0075)  # 0.75 pp a year
    assert p.required_change == pytest.approx(0.035 / 3)  # 1.17 pp a year still needed
    # additive projection: changes +1.0 and +0.5 pp, mean 0.75 pp → 16.5 + 2.25 = 18.75 %
    assert p.projected == pytest.approx(0.1875)
    sd = 0.005 / math.sqrt(2)
    half = Z90 * sd * math.sqrt(3 * (1 + 3 / 2))
    assert p.projected_high == pytest.approx(0.1875 + half)  # 20.34 % ≥ 20 %
    assert p.status == "at_risk"
    assert "interval" in p.rule


def test_off_track_achieved_and_missed() -> None:
    slow = pd.Series([100.0, 101.0, 102.0, 103.0], index=[2021, 2022, 2023, 2024])
    p = target_progress(slow, kind="growth", target_value=0.07, baseline_year=2021, deadline_year=2026)
    assert p.target_level == pytest.approx(100 * 1.07**5)
    assert p.status == "off_track"
    done = target_progress(slow, kind="level", target_value=102.5, baseline_year=2021, deadline_year=2026)
    assert done.status == "achieved"
    missed = target_progress(slow, kind="level", target_value=110.0, baseline_year=2021, deadline_year=2023)
    assert missed.status == "off_track" and "deadline year 2023 reached" in missed.rule
    assert missed.latest_year == 2023  # values after the deadline are ignored


def test_lower_is_better_target() -> None:
    # energy per unit of GDP to fall 13.5 % (multiple 0.865) from 2020 to 2025
    s = pd.Series([1.00, 0.97, 0.93, 0.90], index=[2020, 2021, 2022, 2023])
    p = target_progress(s, kind="multiple", target_value=0.865, baseline_year=2020, deadline_year=2025,
                        higher_is_better=False)
    assert p.target_level == pytest.approx(0.865)
    assert p.status == "on_track"  # projected 0.90 * (0.9/1.0)^(2/3) ≈ 0.839 ≤ 0.865


def test_short_history_uses_the_path() -> None:
    s = pd.Series([100.0, 104.0], index=[2024, 2025])
    p = target_progress(s, kind="growth", target_value=0.05, baseline_year=2024, deadline_year=2028)
    # one change only: compare with the compound path 105.0 in 2025: 104 is 0.95 % below → at risk
    assert p.compound_path == pytest.approx(105.0)
    assert p.status == "at_risk" and "compound path" in p.rule
    assert math.isnan(p.projected_low)


def test_no_data_and_baseline_from_the_series() -> None:
    empty = target_progress(pd.Series(dtype=float), kind="count", target_value=40, baseline_year=2022,
                            deadline_year=2027)
    assert empty.status == "no_data"
    s = pd.Series([10.0, 12.0, 14.0], index=[2022, 2023, 2024])
    p = target_progress(s, kind="multiple", target_value=2, baseline_year=2022, deadline_year=2027)
    assert p.baseline == 10.0 and p.target_level == 20.0


def test_paths_and_levels() -> None:
    assert target_level("count", 40, 12, 5) == 40
    assert linear_path(10, 20, 2020, 2030, 2025) == 15
    assert compound_path(10, 40, 2020, 2030, 2025) == pytest.approx(20)
    assert math.isnan(compound_path(0, 40, 2020, 2030, 2025))
    with pytest.raises(InputError):
        target_level("rank", 1, 1, 1)


def test_projection_interval_formula() -> None:
    h = pd.Series([1.0, 2.0, 2.0, 4.0], index=[2021, 2022, 2023, 2024])
    p = project_value(h, horizon=1, additive=True, level=0.95)
    # changes 1, 0, 2: mean 1, sd 1, m 3 → 4 + 1 ± 1.959964 * sqrt(1 * (1 + 1/3))
    assert p.central == 5.0
    assert p.high == pytest.approx(5.0 + 1.959964 * math.sqrt(4 / 3), abs=1e-6)


def test_targets_frame_rejects_bad_rows() -> None:
    targets = pd.DataFrame({"target_id": ["T1"], "region_code": ["A"], "indicator": ["x"],
                            "kind": ["share"], "baseline": [0.1], "baseline_year": [2024],
                            "target_value": [1.2], "deadline_year": [2020]})
    with pytest.raises(InputError) as err:
        targets_progress(targets, pd.DataFrame(columns=["indicator", "region_code", "year", "value"]))
    assert "deadline year 2020 must be after the baseline year 2024" in str(err.value)
    assert "got 1.2" in str(err.value)


def test_targets_frame_uses_catalog_direction() -> None:
    targets = pd.DataFrame({"target_id": ["E1"], "region_code": ["A"], "indicator": ["energy"],
                            "kind": ["level"], "baseline": [None], "baseline_year": [2020],
                            "target_value": [0.8], "deadline_year": [2025], "name": ["能耗下降"]})
    annual = pd.DataFrame({"indicator": "energy", "region_code": "A", "year": [2020, 2021],
                           "value": [1.0, 0.79]})
    cat = pd.DataFrame({"code": ["energy"], "name_zh": ["单位GDP能耗"], "higher_is_better": [False]})
    out = targets_progress(targets, annual, catalog=cat)
    assert out["status"].item() == "achieved"
    assert out["indicator_name"].item() == "单位GDP能耗"
