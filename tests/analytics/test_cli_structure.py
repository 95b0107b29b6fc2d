"""The structure CLI on a small real workspace built with ws.write in a tmp folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.cli.main import app


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from xinzhi.workspace import open_workspace

    path = tmp_path_factory.mktemp("ws") / "w"
    ws = open_workspace(path)
    regions = ws.to_pandas("region")
    counties = regions[(regions.level == "county") & regions.code.str.startswith("5101")].code.head(8).tolist()
    inds = ["3612", "3670", "3961", "2710", "1311", "3311", "3914", "3963"]
    rng = np.random.default_rng(3)
    rows = [(c, i, y, float(rng.lognormal(3, 1)) * (rng.random() > 0.3))
            for c in counties for i in inds for y in (2022, 2023)]
    df = pd.DataFrame(rows, columns=["region_code", "industry_code", "year", "output"])
    ws.write("region_industry_year", df, source="test")
    ws.write("taxonomy", pd.DataFrame({"taxonomy": ["sei"], "category": ["1"], "category_name": ["新一代信息技术"],
                                       "industry_code": ["39"]}), source="test")
    return path


def _run(ws_path: Path, *args: str) -> str:
    res = CliRunner().invoke(app, ["--workspace", str(ws_path), *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_complexity_command(ws_path: Path, tmp_path: Path) -> None:
    out = _run(ws_path, "complexity", "--year", "2023", "--level", "county")
    assert "ECI" in out
    csv = tmp_path / "eci.csv"
    _run(ws_path, "complexity", "--year", "2023", "--out", str(csv))
    t = pd.read_csv(csv)
    assert len(t) >= 2 and {"region", "eci", "diversity"} <= set(t.columns)


def test_structure_and_opportunities(ws_path: Path, tmp_path: Path) -> None:
    from xinzhi.workspace import open_workspace

    ws = open_workspace(ws_path)
    data = ws.to_pandas("region_industry_year")
    code = str(data.region_code.iloc[0])
    name = ws.to_pandas("region").set_index("code").loc[code, "name"]
    out = _run(ws_path, "structure", name, "--year", "2023")
    assert "HHI" in out
    x = tmp_path / "opp.xlsx"
    _run(ws_path, "opportunities", code, "--strategy", "balanced", "--taxonomy", "sei", "--out", str(x))
    t = pd.read_excel(x, engine="calamine")
    assert {"rank", "industry", "score", "explanation"} <= set(t.columns)


def test_unknown_region_is_one_line_error(ws_path: Path) -> None:
    res = CliRunner().invoke(app, ["--workspace", str(ws_path), "structure", "不存在的地方"])
    assert res.exit_code == 1
    assert "no region" in res.output
