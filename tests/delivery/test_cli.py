"""The delivery CLI: template, targets, projects --late, rank, alerts."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from xinzhi.cli.main import app
from xinzhi.workspace import Workspace

runner = CliRunner()


def _run(ws: Workspace, *args: str) -> str:
    res = runner.invoke(app, ["--workspace", str(ws.path), *args], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    return res.output


def test_template_command(tmp_path: Path, delivery_ws: Workspace) -> None:
    out = tmp_path / "targets.xlsx"
    text = _run(delivery_ws, "template", "targets", "--out", str(out))
    assert "xinzhi import target" in text
    header = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()[0]
    assert header[0] == "目标编号 target_id"


def test_targets_projects_rank_alerts(delivery_ws: Workspace, tmp_path: Path) -> None:
    text = _run(delivery_ws, "targets", "510000")
    assert "SC-HTS-2027" in text and "At risk" in text
    hts = next(line for line in text.splitlines() if "SC-HTS-2027" in line and "│" in line)
    assert "20.0%" in hts  # a share target in its indicator's unit, not 0.20
    text = _run(delivery_ws, "projects", "四川省", "--late")
    assert "SC0" in text
    out = tmp_path / "late.csv"
    _run(delivery_ws, "projects", "510000", "--late", "--out", str(out))
    assert out.read_text(encoding="utf-8-sig").count("\n") >= 2
    text = _run(delivery_ws, "rank", "gdp", "--period", "2024Q3", "--peers-of", "510000")
    assert "成都市" in text
    text = _run(delivery_ws, "alerts", "510000")
    assert "Project late" in text


def test_cli_errors_are_one_line(delivery_ws: Workspace) -> None:
    res = runner.invoke(app, ["--workspace", str(delivery_ws.path), "rank", "gdp", "--period", "2024Q9"])
    assert res.exit_code == 1
    assert "2024Q3" in res.output
    res = runner.invoke(app, ["--workspace", str(delivery_ws.path), "template", "budgets"])
    assert res.exit_code == 1 and "unknown template" in res.output
