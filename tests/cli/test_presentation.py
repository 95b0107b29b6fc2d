"""What people read in the terminal: tables that fit 80 columns with readable numbers, snapshot ids
that `restore` takes (also shortened), commands that say what they can take, the README's quick
start with the sample files it names, and a template for every importable table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from xinzhi.cli import common
from xinzhi.cli.main import app
from xinzhi.schema import TABLES

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def printed(frame: pd.DataFrame, width: int = 80, **kw: object) -> str:
    """What :func:`render_table` prints on a terminal ``width`` columns wide."""
    old = common.console
    common.console = Console(width=width, record=True, color_system=None, force_terminal=False)
    try:
        common.render_table(frame, **kw)  # type: ignore[arg-type]
        return common.console.export_text()
    finally:
        common.console = old


def test_a_wide_table_fits_80_columns_without_cutting_words() -> None:
    frame = pd.DataFrame({"stage": [1], "segment": ["midstream"], "node": ["chips"], "name": ["车规级芯片"],
                          "action": ["卡脖子"], "status": ["strong"], "local_firms": [127],
                          "relative_strength": [1.7840716], "extension_side": [""], "local_revenue": [361141.2],
                          "share": [0.7245], "gap": [False], "weak_link": [False]})
    text = printed(frame, title="新能源汽车 — gaps for 成都市 2024")
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    for shown in ("车规级芯片", "Midstream", "Strong", "1.78", "72.5%", "36.11", "Relative", "strength"):
        assert shown in text, shown
    assert text.count("车规级芯片") >= 2  # the name is repeated in every part of a split table


def test_numbers_read_as_people_read_them() -> None:
    frame = pd.DataFrame({"credit_code": ["91510104MA0000001X"], "name": ["甲"], "score": [329.7740724400105],
                          "rank": [113.0], "revenue": [555413.72], "growth": [0.07099]})
    text = printed(frame)
    assert "329.8" in text and "113" in text and "113.0" not in text and "555,414" in text and "7.1%" in text
    assert "(10k yuan)" in text  # firms in 万元, with the unit in the header
    regions = pd.DataFrame({"name": ["成都市"], "output": [306679170.0], "share": [0.52]})
    assert "30,667.9" in printed(regions) and "(100M yuan)" in printed(regions)


def test_chinese_tables_with_xinzhi_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XINZHI_LANG", "zh")
    text = printed(pd.DataFrame({"name": ["电子信息"], "tier": ["leading"], "output": [35728236.8]}))
    assert "引领型" in text and "工业总产值（亿元）" in text and "3,572.8" in text


def _run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return res.exit_code, res.output


def test_quick_start_files_exist_and_import(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    named = re.findall(r"(\S+\.(?:html|xlsx|csv))\b", block)
    files = [n for n in named if "/" in n]
    assert files, named
    for name in files:
        assert (REPO / name).exists(), name
    ws = tmp_path / "my-workspace"
    assert _run("-w", str(ws), "init")[0] == 0
    code, out = _run("-w", str(ws), "import", "enterprise", str(REPO / "examples/quickstart/firms.xlsx"))
    assert code == 0 and "5 rows" in out, out
    code, out = _run("-w", str(ws), "import", "enterprise_year", str(REPO / "examples/quickstart/facts_2024.csv"),
                     "--unit", "tax=元")
    assert code == 0 and "元 → 万元" in out, out
    # history shows whole snapshot ids, and restore takes one or a unique prefix of it
    code, out = _run("-w", str(ws), "history", "enterprise")
    ids = re.findall(r"\d{8}T\d{9}-[0-9a-f]{6}", out)
    assert code == 0 and ids, out
    code, out = _run("-w", str(ws), "restore", "enterprise", ids[0][:15])
    assert code == 0 and ids[0] in out, out
    code, out = _run("-w", str(ws), "restore", "enterprise", "2")  # every id starts with the year
    assert code != 0 or ids[0] in out
    code, out = _run("-w", str(ws), "export", "enterprise", "--format", "csv", "--out", str(tmp_path / "e.csv"))
    assert code == 0 and "Wrote 5 rows of enterprise" in " ".join(out.split()) and str(tmp_path) in out.replace("\n", "")
    code, out = _run("extract", str(REPO / "examples/quickstart/article.html"))
    assert code == 0 and "facts from 1 documents" in out


def test_a_template_for_every_importable_table(tmp_path: Path) -> None:
    for table in TABLES:
        code, out = _run("template", table, "--out", str(tmp_path / f"{table}.xlsx"))
        assert code == 0, (table, out)
        header = pd.read_excel(tmp_path / f"{table}.xlsx", engine="calamine").columns
        assert len(header) == len(TABLES[table].columns), table


def test_rank_names_the_indicators_and_periods_that_exist(demo_ws) -> None:  # type: ignore[no-untyped-def]
    code, out = _run("-w", str(demo_ws.path), "rank")
    assert code == 0 and "gdp" in out and "2025Q3" in out
    code, out = _run("-w", str(demo_ws.path), "rank", "gdp", "--period", "2024", "--peers-of", "510000")
    assert code == 1 and "2024Q4" in out  # the periods gdp has, instead of "no value for 2024"
    code, out = _run("-w", str(demo_ws.path), "rank", "not_an_indicator")
    assert code == 1 and "high_tech_enterprises" in out
    code, out = _run("-w", str(demo_ws.path), "opportunities", "成都市", "--top", "3")
    assert code == 0 and "制造" in out  # industry names, not only codes


def test_names_in_the_help_match_the_schema_and_templates() -> None:
    from xinzhi.cli.names import TABLE_NAMES, TEMPLATE_NAMES
    from xinzhi.delivery.templates import TEMPLATES

    assert tuple(TABLES) == TABLE_NAMES and tuple(TEMPLATES) == TEMPLATE_NAMES


@pytest.mark.parametrize("args", [["--help"], ["rank", "--help"], ["-w", "no-such-workspace", "tables"],
                                  ["-w", "no-such-workspace", "history"]])
def test_help_and_errors_import_no_data_libraries(args: list[str], tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom xinzhi.cli.main import app\ntry:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'duckdb', 'ibis', 'numpy', 'fastapi', 'sqlalchemy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr
