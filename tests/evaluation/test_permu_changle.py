"""昌乐 2023: rank cut-offs 20 / 75 / 95 %, one-vote veto, protection of new firms, class T."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.evaluation import evaluate_permu, load_rulebook

C = "370725"
PREVIOUS = [dict(credit_code="P", year=2022, region_code=C, tax=10.0, land_mu=10.0, revenue=100.0,
                 energy_tce=10.0, emissions=1.0, rd_spending=1.0, value_added=50.0, employees=10.0)]


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_rulebook("changle-2023")


def county(**overrides: dict[str, object]) -> list[dict[str, object]]:
    """20 above-scale firms, F01 (tax 20) best ... F20 (tax 1) worst; only tax per mu varies."""
    rows = []
    for i in range(1, 21):
        code = f"F{i:02d}"
        rows.append({"credit_code": code, "year": 2023, "region_code": C, "tax": float(21 - i),
                     "land_mu": 10.0, **overrides.get(code, {})})
    return rows


def run(firms, book, rows) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return evaluate_permu(firms(PREVIOUS + rows), book, year=2023).to_pandas().set_index("credit_code")


def test_cutoffs_20_75_95(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, county())
    # benchmark tax/mu = 10/10 = 1 (x1); F01: tax/mu 2 -> 2/1*20 = 40 points
    assert out.loc["F01", "score"] == pytest.approx(40.0, abs=1e-12)
    classes = out.sort_values("rank")["class"].tolist()
    assert classes == ["A"] * 4 + ["B"] * 11 + ["C"] * 4 + ["D"]


def test_veto_bars_a_and_b(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, county(F01={"safety_incident": True}, F05={"tags": "未完成节能减排任务"}))
    assert out.loc["F01", "class_by_rank"] == "A" and out.loc["F01", "class"] == "C"
    assert out.loc["F05", "class_by_rank"] == "B" and out.loc["F05", "class"] == "C"
    assert bool(out.loc["F01", "vetoed"])
    assert "一票否决" in out.loc["F01", "reasons"]
    # the veto does not free a place: F02 keeps A and nobody moves up
    assert out["class"].value_counts().to_dict() == {"A": 3, "B": 10, "C": 6, "D": 1}


def test_protection_lifts_d_to_c(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, county(F20={"established_year": 2023}))
    assert out.loc["F20", "class_by_rank"] == "D" and out.loc["F20", "class"] == "C"
    assert bool(out.loc["F20", "protected"]) and "保护(新建企业)" in out.loc["F20", "reasons"]
    tagged = run(firms, book, county(F20={"tags": "在建重大项目;高新技术企业"}))
    assert tagged.loc["F20", "class"] == "C"


def test_veto_wins_over_protection(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, county(F20={"established_year": 2023, "safety_incident": True}))
    assert out.loc["F20", "class"] == "D"
    assert not bool(out.loc["F20", "protected"])


def test_utilities_supply_data_but_are_not_evaluated(firms, book) -> None:  # type: ignore[no-untyped-def]
    out = run(firms, book, [*county(), dict(credit_code="U", year=2023, region_code=C, industry_code="4430", tax=99.0)])
    assert out.loc["U", "class"] == "T"
    assert out.loc["F01", "group_size"] == 20
