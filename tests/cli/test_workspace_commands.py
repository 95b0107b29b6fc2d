"""The workspace commands through Typer's runner."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from xinzhi.cli.main import app
from xinzhi.credit_code import make_credit_code

runner = CliRunner()


def run(ws: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--workspace", str(ws), *args])
    return result.exit_code, " ".join(result.output.split())  # Rich wraps long lines


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("init", "import", "export", "history", "restore", "tables", "demo", "profile", "run"):
        assert name in result.output


def test_init_import_history_export_restore(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    code, out = run(ws, "init")
    assert code == 0 and "Workspace ready" in out
    c1 = make_credit_code("510104", 1)
    f = tmp_path / "firms.csv"
    f.write_text(f"统一社会信用代码,企业名称,区划代码,行业代码\n{c1},成都甲有限公司,510104,3971\n", encoding="utf-8")
    code, out = run(ws, "import", "enterprise", str(f))
    assert code == 0 and "Imported" in out
    code, out = run(ws, "import", "enterprise", str(f))
    assert code == 0 and "no change" in out
    facts = tmp_path / "facts.csv"
    facts.write_text(f"credit_code,year,税收（元）\n{c1},2024,20000\n", encoding="utf-8")
    code, out = run(ws, "import", "enterprise_year", str(facts))
    assert code == 0 and "元 → 万元" in out
    code, out = run(ws, "history")
    assert code == 0 and "firms.csv" in out and "facts.csv" in out
    out_file = tmp_path / "out.xlsx"
    code, out = run(ws, "export", "enterprise", "--format", "xlsx", "--out", str(out_file))
    assert code == 0 and out_file.exists()
    from xinzhi.workspace import open_workspace

    w = open_workspace(ws, create=False)
    first = w.current("enterprise")
    assert first is not None
    f.write_text(f"统一社会信用代码,企业名称,区划代码,行业代码\n{c1},改名有限公司,510104,3971\n", encoding="utf-8")
    assert run(ws, "import", "enterprise", str(f))[0] == 0
    code, out = run(ws, "restore", "enterprise", first.id)
    assert code == 0
    assert w.to_pandas("enterprise")["name"].item() == "成都甲有限公司"


def test_errors_are_one_clear_message(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run(ws, "init")
    f = tmp_path / "bad.csv"
    f.write_text("credit_code,name,region_code,industry_code\n123,甲,510104,3971\n", encoding="utf-8")
    code, out = run(ws, "import", "enterprise", str(f))
    assert code == 1
    assert "bad.csv:2:credit_code: credit code must have 18 characters" in out
    assert "Traceback" not in out
    code, out = run(ws, "import", "nosuchtable", str(f))
    assert code == 1 and "unknown table 'nosuchtable'" in out
    code, out = run(tmp_path / "none", "history")
    assert code == 1 and "not a Xinzhi workspace" in out


def test_main_job_on_the_demo_workspace(demo_ws: object) -> None:
    from xinzhi.workspace import Workspace

    assert isinstance(demo_ws, Workspace)
    code, out = run(demo_ws.path, "run", "--no-serve")
    assert code == 0, out
    assert "四川省 (510000, province)" in out and "Synthetic demo data" in out
    assert "enterprises: 50,000" in out
