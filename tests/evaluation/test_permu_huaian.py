"""淮安 2024: benchmark 2 × the county's previous-year value, classes 20/40/35/5 % by rank, T."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.errors import InputError
from xinzhi.evaluation import evaluate_permu, load_rulebook

X, Y, Z = "320803", "320804", "320812"


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_rulebook("huaian-2024")


def prev(region: str, **kw: object) -> dict[str, object]:
    return {"credit_code": f"P-{region}-{kw.pop('n', 1)}", "year": 2023, "region_code": region, **kw}


PREVIOUS = [
    # county X, 2023: evaluated firms P1 (above) and P2 (below, 10 mu); P3 (<3 mu) and P4 (utility) excluded
    prev(X, n=1, tax=100.0, land_mu=10.0, revenue=1000.0, energy_tce=50.0),
    prev(X, n=2, above_scale=False, tax=20.0, land_mu=10.0, revenue=400.0, energy_tce=10.0),
    prev(X, n=3, above_scale=False, tax=50.0, land_mu=2.0, revenue=500.0, energy_tce=5.0),
    prev(X, n=4, industry_code="4411", tax=900.0, land_mu=10.0, revenue=9000.0, energy_tce=5.0),
    # counties Y and Z: benchmarks 2 x 10/10 = 2, 2 x 100/10 = 20, 2 x 10/10 = 2
    prev(Y, tax=10.0, land_mu=10.0, revenue=100.0, energy_tce=10.0),
    prev(Z, tax=10.0, land_mu=10.0, revenue=100.0, energy_tce=10.0),
]


def run(firms, book, rows) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    out = evaluate_permu(firms(PREVIOUS + rows), book, year=2024).to_pandas()
    return out.set_index("credit_code")


def test_score_against_twice_the_previous_county_value(firms, book) -> None:  # type: ignore[no-untyped-def]
    rows = [dict(credit_code="Q", year=2024, region_code=X, tax=120.0, land_mu=10.0, revenue=700.0, energy_tce=30.0)]
    out = run(firms, book, rows)
    # benchmarks (P1 + P2): tax/mu 2 x 120/20 = 12; sales/mu 2 x 1400/20 = 140; tax/energy 2 x 120/60 = 4
    # score = 12/12*45 + 70/140*35 + 4/4*20 = 82.5
    assert out.loc["Q", "score"] == pytest.approx(82.5, abs=1e-9)
    assert out.loc["Q", "s_sales_per_mu"] == pytest.approx(17.5, abs=1e-12)


def _county(region: str, n: int, *, ties: dict[int, int] | None = None) -> list[dict[str, object]]:
    """n firms with tax i (i = 1..n) on 10 mu: score 2.25*i (revenue, energy missing -> 0)."""
    ties = ties or {}
    return [dict(credit_code=f"{region}-{i:02d}", year=2024, region_code=region,
                 tax=float(ties.get(i, i)), land_mu=10.0) for i in range(1, n + 1)]


def _classes(out: pd.DataFrame, region: str) -> list[str]:
    part = out[out.region_code == region].sort_values(["score", "credit_code"], ascending=[False, True])
    return part["class"].tolist()


def test_rank_shares_20_40_35_5(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, _county(Y, 20))
    assert out.loc[f"{Y}-20", "score"] == pytest.approx(20 / 10 / 2 * 45, abs=1e-12)
    assert _classes(out, Y) == ["A"] * 4 + ["B"] * 8 + ["C"] * 7 + ["D"]


def test_floor_rule_on_seven_firms(firms, book) -> None:  # type: ignore[no-untyped-def]
    # A: rank <= 1.4 -> 1 firm; B: rank <= 4.2 -> ranks 2-4; C: rank <= 6.65 -> ranks 5-6; D: rank 7
    out = run(firms, book, _county(Z, 7))
    assert _classes(out, Z) == ["A", "B", "B", "B", "C", "C", "D"]


def test_tie_at_a_boundary_shares_the_better_class(firms, book) -> None:  # type: ignore[no-untyped-def]
    # firms 16 and 17 tie for ranks 4-5 (the A/B boundary at rank 4): both are A
    out = run(firms, book, _county(Y, 20, ties={16: 17}))
    tied = out.loc[[f"{Y}-16", f"{Y}-17"]]
    assert tied["rank"].tolist() == [4, 4]
    assert tied["class"].tolist() == ["A", "A"]
    assert _classes(out, Y).count("A") == 5


def test_each_county_is_ranked_separately(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, _county(Y, 20) + _county(Z, 7))
    assert out[out.region_code == Z]["group_size"].unique().tolist() == [7]
    assert _classes(out, Z) == ["A", "B", "B", "B", "C", "C", "D"]


def test_class_t_for_utilities_and_new_firms(firms, book) -> None:  # type: ignore[no-untyped-def]
    rows = [
        dict(credit_code="U", year=2024, region_code=X, industry_code="4610", tax=50.0),
        dict(credit_code="N", year=2024, region_code=X, established_year=2023, tax=50.0),
        dict(credit_code="S", year=2024, region_code=X, above_scale=False, land_mu=2.5, tax=50.0),
        dict(credit_code="Q", year=2024, region_code=X, tax=50.0),
    ]
    out = run(firms, book, rows)
    assert out.loc["U", "class"] == "T" and out.loc["N", "class"] == "T"
    assert pd.isna(out.loc["S", "class"])
    assert out.loc["Q", "group_size"] == 1


def test_without_previous_year_the_run_is_refused(firms, book) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="no rows for 2023"):
        evaluate_permu(firms(_county(Y, 3)), book, year=2024)
