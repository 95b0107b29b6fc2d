"""Bureau workbooks (Chinese headers with units, no cell read as a formula) and the CLI commands."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.support.conftest import NAMES, A, D, E
from xinzhi.cli.main import app
from xinzhi.support.exports import neutralise
from xinzhi.workspace import Workspace


def test_neutralise() -> None:
    assert [neutralise(t) for t in ("=1+1", "+86", "-3", "@x", "\tA", "锦江")] == \
        ["'=1+1", "'+86", "'-3", "'@x", "'\tA", "锦江"]


@pytest.fixture(scope="module")
def cli(support_ws: Workspace) -> CliRunner:
    return CliRunner()


def _run(cli: CliRunner, ws: Workspace, *args: str) -> str:
    r = cli.invoke(app, ["-w", str(ws.path), *args])
    assert r.exit_code == 0, r.output
    return r.output


def test_measures_list_and_show(cli: CliRunner, support_ws: Workspace) -> None:
    out = _run(cli, support_ws, "measures", "list")
    assert "rd-super-deduction-2023" in out and "财政部 税务总局公告2023年第7号" in out
    out = _run(cli, support_ws, "measures", "show", "hitech-cit-2016")
    assert "第十一条（四）" in out and "st_staff / employees >= 0.10" in out and "Assumptions:" in out
    r = cli.invoke(app, ["measures", "show", "no-such-measure"])
    assert r.exit_code == 1 and "no measure 'no-such-measure'" in r.output


def test_push_list_workbook(cli: CliRunner, support_ws: Workspace, tmp_path: Path) -> None:
    out_file = tmp_path / "push.xlsx"
    out = _run(cli, support_ws, "measures", "match", "rd-super-deduction-2023", "--region", "成都市", "--no-save",
               "--out", str(out_file))
    assert "Push lists — 成都市" in out and "Wrote" in out
    sheets = pd.read_excel(out_file, sheet_name=None, header=None, engine="calamine")
    assert list(sheets) == ["拟推送企业", "待核实企业", "差一项企业", "政策说明"]
    push = sheets["拟推送企业"]
    assert push.iloc[0, 0] == "研发费用税前加计扣除（100%） 拟推送企业名单（成都市）"
    assert "财政部 税务总局公告2023年第7号" in push.iloc[1, 0]
    header = push[push[0] == "序号"].index[0]
    assert list(push.iloc[header]) == ["序号", "统一社会信用代码", "企业名称", "所在地区", "行业代码",
                                       "预计受益金额（万元）", "说明"]
    body = push.iloc[header + 1:].dropna(how="all")
    assert set(body[1]) == {A, D}  # B and C spend nothing on R&D, the retail firm E is excluded, M is in Mianyang
    row_a = body[body[1] == A].iloc[0]
    assert float(row_a[5]) == pytest.approx(30.0)
    # a name that looks like a formula is stored as text with a leading apostrophe
    near = _run(cli, support_ws, "match", E, "--lang", "zh")
    assert "负面清单" in near


def test_formula_like_names_are_neutralised_in_the_firm_workbook(cli: CliRunner, support_ws: Workspace,
                                                                 tmp_path: Path) -> None:
    import zipfile

    out_file = tmp_path / "firm.xlsx"
    _run(cli, support_ws, "match", E, "--out", str(out_file))
    with zipfile.ZipFile(out_file) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
    assert "<f>" not in xml  # no formula anywhere
    assert "&apos;=HYPERLINK" in xml or "'=HYPERLINK" in xml
    head = pd.read_excel(out_file, sheet_name="全部政策", header=None, engine="calamine").iloc[0, 0]
    assert head.startswith("'" + NAMES[E])


def test_match_firm_services_stage_warnings(cli: CliRunner, support_ws: Workspace) -> None:
    out = _run(cli, support_ws, "match", A)
    assert "Total estimated benefit: 89.5 万元" in out
    out = _run(cli, support_ws, "services", "成都市", "--lang", "zh")
    assert "Demand by scene" in out and "数据自动采集覆盖的业务环节" in out
    out = _run(cli, support_ws, "services", "--firm", D)
    assert "轻量MES" in out
    out = _run(cli, support_ws, "stage", "--firm", A, "--lang", "zh")
    assert "成长壮大（1→10）" in out and "锦江加速器" in out
    out = _run(cli, support_ws, "warnings", "成都市", "--loans", "--lang", "zh")
    assert "红色预警" in out and "纾困贷" in out and "技改贷" in out
    # without --lang, texts follow the tables' language (English unless XINZHI_LANG=zh)
    out = _run(cli, support_ws, "warnings", "成都市")
    assert "Red" in out and "红色预警" not in out
