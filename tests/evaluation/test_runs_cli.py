"""A real workspace: stored runs, rollups, the Excel workbook and the CLI commands."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.credit_code import make_credit_code
from xinzhi.evaluation.rollup import rollup
from xinzhi.evaluation.runs import RESULT_TABLE, run_permu

COUNTY = "320803"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from xinzhi.workspace import open_workspace

    w = open_workspace(tmp_path_factory.mktemp("evalws") / "ws")
    codes = [make_credit_code(COUNTY, i) for i in range(1, 8)]
    ent = pd.DataFrame({"credit_code": codes, "name": [f"企业{i}" for i in range(1, 8)], "region_code": COUNTY,
                        "industry_code": ["3311"] * 6 + ["4411"], "above_scale": True, "established_year": 2000})
    w.write("enterprise", ent, source="test", mode="replace")
    years = []
    for year in (2023, 2024):
        for i, code in enumerate(codes, start=1):
            years.append({"credit_code": code, "year": year, "land_mu": 10.0, "tax": float(i * (year - 2020)),
                          "revenue": 100.0 * i, "energy_tce": 10.0, "electricity": 5.0})
    w.write("enterprise_year", pd.DataFrame(years), source="test", mode="replace")
    return w


def test_run_is_stored_with_rulebook_and_year(ws) -> None:  # type: ignore[no-untyped-def]
    run_id, frame = run_permu(ws, "huaian-2024", year=2024)
    runs = ws.runs(result_table=RESULT_TABLE)
    row = runs[runs["id"] == run_id].iloc[0]
    assert row["name"] == "huaian-2024" and row["version"] == "2024.1" and row["params"]["year"] == 2024
    assert set(row["inputs"]) >= {"enterprise", "enterprise_year"}
    stored = ws.result(RESULT_TABLE, run_id).to_pandas()
    assert len(stored) == 7 and (stored["class"] == "T").sum() == 1
    # 6 ranked firms, A: rank <= 1.2 -> 1; B: rank <= 3.6 -> 2; C: rank <= 5.7 -> 2; D: 1
    assert frame.sort_values("rank")["class"].dropna().tolist()[:6] == ["A", "B", "B", "C", "C", "D"]


def test_rollup_counts_and_tax_per_mu(ws) -> None:  # type: ignore[no-untyped-def]
    _, frame24 = run_permu(ws, "huaian-2024", year=2024, save=False)
    import ibis

    r = rollup(ibis.memtable(frame24)).to_pandas().iloc[0]
    # classed firms: the 6 ranked (tax 4*i, i=1..6) and the utility (tax 28, class T), 10 mu each
    assert r.tax_per_mu == pytest.approx((4 * 21 + 28) / 70)
    assert (r.n_A, r.n_B, r.n_C, r.n_D, r.n_T) == (1, 2, 2, 1, 1)


def test_excel_has_one_sheet_per_cohort(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app

    out = tmp_path / "huaian.xlsx"
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "permu", "--rulebook", "huaian-2024",
                                   "--year", "2024", "--excel", str(out)])
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert list(sheets) == ["说明", "水、电、气等公用事业企业", "规上工业企业"]
    assert sheets["规上工业企业"]["评价类别"].tolist() == ["A", "B", "B", "C", "C", "D"]
    assert "亩均税收（万元/亩）" in sheets["规上工业企业"].columns


def test_explain_command(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app

    run_permu(ws, "huaian-2024", year=2024)
    code = make_credit_code(COUNTY, 6)
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "explain", code])
    assert res.exit_code == 0, res.output
    assert "类别 A" in res.output and "亩均税收" in res.output


def test_unknown_rulebook_is_one_line_error(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app

    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "permu", "--rulebook", "nowhere-1999", "--year", "2024"])
    assert res.exit_code == 1 and "no rulebook 'nowhere-1999'" in res.output
