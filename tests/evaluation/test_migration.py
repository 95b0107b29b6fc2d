"""Year-on-year class migration: per firm, the matrix in tidy form, per park, and the CLI."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.credit_code import make_credit_code
from xinzhi.evaluation.migration import class_migration, migration_counts, migration_summary

ORDER = ["A", "B", "C", "D"]


def _results(rows: list[tuple[str, str | None, str | None, str]]) -> ibis.Table:
    return ibis.memtable(pd.DataFrame(rows, columns=["credit_code", "park_code", "class", "status"])
                         .assign(region_code="320803"))


BEFORE = _results([("F1", "P1", "A", "evaluated"), ("F2", "P1", "C", "evaluated"), ("F3", "P2", "B", "evaluated"),
                   ("F4", "P2", None, "incomplete"), ("F5", None, "T", "fixed"), ("F6", "P1", "D", "evaluated")])
AFTER = _results([("F1", "P1", "B", "evaluated"), ("F2", "P1", "D", "evaluated"), ("F3", "P2", "A", "evaluated"),
                  ("F4", "P2", "C", "evaluated"), ("F5", None, "T", "fixed"), ("F7", "P2", "B", "evaluated")])


def test_each_firm_moves_by_rank_order() -> None:
    out = class_migration(BEFORE, AFTER, ORDER).to_pandas().set_index("credit_code").sort_index()
    assert out.loc["F1", ["from_class", "to_class", "move"]].tolist() == ["A", "B", "down"]
    assert out.loc["F1", "steps"] == -1 and out.loc["F3", "steps"] == 1  # B → A: one class up
    assert out.loc["F2", "move"] == "down" and out.loc["F3", "move"] == "up"
    assert out.loc["F4", ["from_class", "to_class", "move"]].tolist() == ["incomplete", "C", "entered"]
    assert out.loc["F5", "move"] == "same" and pd.isna(out.loc["F5", "steps"])
    assert out.loc["F6", ["from_class", "to_class", "move"]].tolist() == ["D", "absent", "exited"]
    assert out.loc["F7", ["from_class", "to_class", "move"]].tolist() == ["absent", "B", "entered"]
    assert out.loc["F6", "park_code"] == "P1"  # a firm gone in the later year keeps its earlier park


def test_counts_per_park_are_the_matrix_in_tidy_form() -> None:
    moves = class_migration(BEFORE, AFTER, ORDER)
    counts = migration_counts(moves, by="park_code").to_pandas()
    p1 = counts[counts.park_code == "P1"].set_index(["from_class", "to_class"])["firms"].to_dict()
    assert p1 == {("A", "B"): 1, ("C", "D"): 1, ("D", "absent"): 1}
    assert counts[counts.park_code == ""]["firms"].sum() == 1  # F5, outside parks
    whole = migration_counts(moves, by=None).to_pandas()
    assert whole["firms"].sum() == 7 and "park_code" not in whole.columns
    summary = migration_summary(moves, by="park_code").to_pandas().set_index("park_code")
    assert summary.loc["P1", ["firms", "up", "down", "exited"]].tolist() == [3, 0, 2, 1]
    assert summary.loc["P2", ["firms", "up", "entered"]].tolist() == [3, 1, 2]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from xinzhi.workspace import open_workspace

    w = open_workspace(tmp_path_factory.mktemp("migration") / "ws")
    county = "320803"
    codes = [make_credit_code(county, i) for i in range(1, 6)]
    ent = pd.DataFrame({"credit_code": codes, "name": [f"企业{i}" for i in range(1, 6)], "region_code": county,
                        "industry_code": "3311", "above_scale": True, "established_year": 2000})
    w.write("enterprise", ent, source="test", mode="replace")
    # tax per firm and year: firm 1 falls from first to last in 2024, the others move up one place
    tax = {2022: [50, 40, 30, 20, 10], 2023: [50, 40, 30, 20, 10], 2024: [5, 40, 30, 20, 10]}
    years = [{"credit_code": code, "year": y, "land_mu": 10.0, "tax": float(tax[y][i]), "revenue": 100.0,
              "energy_tce": 10.0} for y in tax for i, code in enumerate(codes)]
    w.write("enterprise_year", pd.DataFrame(years), source="test", mode="replace")
    return w


def test_cli_reads_a_stored_run_and_evaluates_a_missing_year(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app
    from xinzhi.evaluation.runs import run_permu

    run_id, _ = run_permu(ws, "huaian-2024", year=2024)
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "migration", "--rulebook", "huaian-2024",
                                   "--year", "2024", "--by", "region_code", "--out", str(ws.path / "moves.csv")])
    assert res.exit_code == 0, res.output
    assert f"2024: run {run_id}" in res.output and "2023: evaluated now" in res.output
    moves = pd.read_csv(ws.path / "moves.csv", dtype={"credit_code": str}).set_index("credit_code")
    # five firms, rank shares 20/60/95 %: A = rank 1, B = ranks 2-3, C = rank 4, D = rank 5
    assert moves.loc[make_credit_code("320803", 1), ["from_class", "to_class", "move"]].tolist() == ["A", "D", "down"]
    assert moves.loc[make_credit_code("320803", 2), ["from_class", "to_class", "move"]].tolist() == ["B", "A", "up"]
    assert moves.loc[make_credit_code("320803", 5), ["from_class", "to_class", "move"]].tolist() == ["D", "C", "up"]
    assert "Moves by region_code" in res.output
