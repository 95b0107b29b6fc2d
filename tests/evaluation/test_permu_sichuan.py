"""Sichuan parks 2022: 70 province points + 30 local points, A ≤ 30 %, C ≥ 10 %, parks only."""

from __future__ import annotations

import pytest

from xinzhi.evaluation import evaluate_permu, load_rulebook

PARK = "510100P01"


def test_weights_benchmarks_and_shares(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("sichuan-parks-2022")
    previous = [dict(credit_code=f"P{i}", year=2021, region_code="510104", park_code=PARK, tax=10.0 * i,
                     land_mu=10.0, revenue=100.0 * i, employees=10.0, energy_tce=10.0, rd_spending=1.0 * i,
                     value_added=30.0 * i) for i in (1, 2, 3)]
    # province benchmarks (sum/sum of 2021): revenue/mu 600/30 = 20, tax/mu 60/30 = 2, revenue/worker 600/30 = 20,
    # revenue/energy 600/30 = 20, R&D 6/600 = 0.01, value added/mu 180/30 = 6
    current = [dict(credit_code=f"F{i:02d}", year=2022, region_code="510104", park_code=PARK, tax=2.0 * i,
                    land_mu=10.0, revenue=200.0, employees=10.0, energy_tce=10.0, rd_spending=2.0,
                    value_added=60.0) for i in range(1, 11)]
    outside = [dict(credit_code="OUT", year=2022, region_code="510104", park_code="", tax=500.0),
               dict(credit_code="SMALL", year=2022, region_code="510104", park_code=PARK, above_scale=False)]
    out = evaluate_permu(firms(previous + current + outside), book, year=2022).to_pandas().set_index("credit_code")
    # F01: 20/20*20 + 0.2/2*20 + 20/20*20 + 20/20*5 + 0.01/0.01*5 + 6/6*30
    assert out.loc["F01", "score"] == pytest.approx(20 + 2 + 20 + 5 + 5 + 30, abs=1e-9)
    ranked = out[out.cohort == "park_above"].sort_values("rank")["class"].tolist()
    assert ranked == ["A"] * 3 + ["B"] * 6 + ["C"]  # A: rank <= 3; B: rank <= 9; C: the rest
    assert out.loc["OUT", "class"] is None or out.loc["OUT", "cohort"] == "other"
    assert out.loc["SMALL", "cohort"] == "other"
