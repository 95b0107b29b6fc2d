"""Imports never store wrong data silently: each of these cells is a located error
(file:row:column: reason) or is read one documented way, and nothing is written on error."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from xinzhi.credit_code import make_credit_code
from xinzhi.errors import ValidationError
from xinzhi.workspace import Workspace

C1 = make_credit_code("510104", 1)
C2 = make_credit_code("510104", 2)
C3 = make_credit_code("510104", 3)


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def firms(ws: Workspace) -> None:
    ws.write("enterprise", pd.DataFrame({"credit_code": [C1, C2], "name": ["甲", "乙"], "region_code": "510104",
                                         "industry_code": "3971"}), source="test")


def refused(ws: Workspace, table: str, path: Path) -> list[str]:
    """The problems of an import that must fail, as 'row:column: reason'; checks nothing was written."""
    before = ws.current(table)
    with pytest.raises(ValidationError) as exc:
        ws.import_file(table, path)
    assert ws.current(table) == before
    return [str(p).split(":", 1)[1] for p in exc.value.problems]


def test_a_utf8_row_inside_a_gbk_file_is_located(ws: Workspace, tmp_path: Path) -> None:
    header = "统一社会信用代码,企业名称,区划代码,行业代码\n".encode("gbk")
    gbk_row = f"{C1},成都甲电子有限公司,510104,3971\n".encode("gbk")
    utf8_row = f"{C2},成都乙汽车零部件,510104,3612\n".encode()  # valid GB18030 bytes too: mojibake
    assert utf8_row.decode("gb18030") != utf8_row.decode("utf-8")
    problems = refused(ws, "enterprise", write(tmp_path / "mixed.csv", header + gbk_row + utf8_row + gbk_row.replace(C1.encode(), C3.encode())))
    assert problems == ["3:: this row is UTF-8 but the rest of the file is GBK/GB18030 (it would be stored as "
                        "garbled text); save the whole file in one encoding, e.g. UTF-8"]
    # a file in one encoding, either one, imports as before
    ws.import_file("enterprise", write(tmp_path / "gbk.csv", header + gbk_row))
    assert ws.to_pandas("enterprise")["name"].tolist() == ["成都甲电子有限公司"]


def test_numbers_are_read_one_way_or_refused(ws: Workspace, tmp_path: Path) -> None:
    firms(ws)
    f = write(tmp_path / "facts.csv",
              "credit_code,year,tax,revenue,land_mu,employees\n"
              f'{C1},2024,"1234,5",inf,1e400,12.5\n'
              f'{C2},2024,"1,234.5",-inf,nan,3\n')
    problems = refused(ws, "enterprise_year", f)
    assert problems == [
        "2:employees: not a whole number: '12.5' (people are counted in whole numbers)",
        "2:land_mu: not a finite number: '1e400'",
        "2:revenue: not a finite number: 'inf'",
        "2:tax: ambiguous comma in '1234,5': write a decimal point (1234.5); a comma may only group thousands (1,234.5)",
        "3:land_mu: not a number: 'nan'",
        "3:revenue: not a finite number: '-inf'",
    ]
    ok = write(tmp_path / "ok.csv", "credit_code,year,tax,employees,从业人员（万人）\n".replace(",从业人员（万人）", "")
               + f'{C1},2024,"1,234.5",12\n{C2},2024,"１２，３４５",0\n')
    ws.import_file("enterprise_year", ok)
    got = ws.to_pandas("enterprise_year").set_index("credit_code")
    assert got.loc[C1, "tax"] == 1234.5 and got.loc[C2, "tax"] == 12345.0  # full-width digits and comma
    assert got.loc[C1, "employees"] == 12


def test_numbers_from_parquet_must_be_finite(ws: Workspace, tmp_path: Path) -> None:
    firms(ws)
    p = tmp_path / "facts.parquet"
    pd.DataFrame({"credit_code": [C1], "year": [2024], "tax": [float("inf")]}).to_parquet(p)
    assert refused(ws, "enterprise_year", p) == ["1:tax: not a finite number: inf"]


PROJECT = "project_id,name,region_code,planned_investment,start_date\n"


def test_dates_are_written_year_first(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "projects.csv", PROJECT
              + "P1,项目一,510104,100,05/03/2024\n"
              + "P2,项目二,510104,100,0024-03-05\n"
              + "P3,项目三,510104,100,2024-02-30\n"
              + "P4,项目四,510104,100,2024-03/05\n")
    assert refused(ws, "project", f) == [
        "2:start_date: ambiguous date '05/03/2024' (day or month first?): write the year first, as 2024-03-05 or 2024年3月5日",
        "3:start_date: year 0024 in '0024-03-05' is outside 1900-2100",
        "4:start_date: no such day: '2024-02-30'",
        "5:start_date: not a date (YYYY-MM-DD or 2024年3月5日): '2024-03/05'",
    ]
    ok = write(tmp_path / "ok.csv", PROJECT
               + "P1,项目一,510104,100,2024年3月5日\n"
               + "P2,项目二,510104,100,２０２４年１２月１日\n"
               + "P3,项目三,510104,100,2024/3/5\n"
               + "P4,项目四,510104,100,20240305\n"
               + "P5,项目五,510104,100,2024-03-05 08:30:00\n")
    ws.import_file("project", ok)
    got = ws.to_pandas("project").set_index("project_id")["start_date"]
    assert {k: pd.Timestamp(v).date() for k, v in got.items()} == {"P1": date(2024, 3, 5), "P2": date(2024, 12, 1), "P3": date(2024, 3, 5),
                             "P4": date(2024, 3, 5), "P5": date(2024, 3, 5)}


def test_a_repeated_header_is_refused(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "firms.csv", f"credit_code,name,region_code,industry_code,name\n{C1},甲,510104,3971,乙\n")
    assert refused(ws, "enterprise", f) == ["1:name: header 'name' appears in columns B and E"]
    x = tmp_path / "firms.xlsx"
    pd.DataFrame([[C1, "甲", "510104", "3971", "乙"]],
                 columns=["credit_code", "name", "region_code", "industry_code", "tags"]).to_excel(x, index=False)
    _patch_xlsx(x, lambda xml: xml, shared=lambda s: s.replace("<t>tags</t>", "<t>name</t>"))
    assert refused(ws, "enterprise", x) == ["1:name: header 'name' appears in columns B and E"]


def _patch_xlsx(path: Path, sheet: object, *, shared: object = None, workbook: object = None) -> None:
    """Rewrite parts of an .xlsx package (to make files other programs write)."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename).decode("utf-8") if item.filename.endswith(".xml") else src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet(data)  # type: ignore[operator]
            elif item.filename == "xl/sharedStrings.xml" and shared:
                data = shared(data)  # type: ignore[operator]
            elif item.filename == "xl/workbook.xml" and workbook:
                data = workbook(data)  # type: ignore[operator]
            z.writestr(item, data)
    path.write_bytes(out.getvalue())


def test_formula_cells_without_a_calculated_value_are_refused(ws: Workspace, tmp_path: Path) -> None:
    import xlsxwriter

    firms(ws)
    x = tmp_path / "facts.xlsx"
    wb = xlsxwriter.Workbook(str(x))
    sh = wb.add_worksheet("facts")
    sh.write_row(0, 0, ["credit_code", "year", "revenue", "tax"])
    sh.write_row(1, 0, [C1, 2024, 100])
    sh.write_formula(1, 3, "=C2*0.05")  # xlsxwriter stores 0 and asks Excel to recalculate
    wb.close()
    assert refused(ws, "enterprise_year", x) == [
        "2:tax: cell D2 holds the formula =C2*0.05 which was never calculated (the workbook was written by a "
        "program and asks to be recalculated when opened); open and save the file in Excel or WPS, or paste the values"]
    # as openpyxl writes it: a formula with no value at all
    _patch_xlsx(x, lambda xml: re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", xml),
                workbook=lambda xml: xml.replace(' fullCalcOnLoad="1"', ""))
    assert refused(ws, "enterprise_year", x)[0].startswith("2:tax: cell D2 holds the formula =C2*0.05 which has no calculated value")
    # as Excel saves it: the calculated value is stored and read
    _patch_xlsx(x, lambda xml: re.sub(r"(<f>[^<]*</f>)", r"\1<v>5</v>", xml))
    ws.import_file("enterprise_year", x)
    assert ws.to_pandas("enterprise_year")["tax"].tolist() == [5.0]


def test_text_cells_have_limits(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "firms.csv", "credit_code,name,region_code,industry_code\n"
              f"{C1},{'长' * 1_000_000},510104,3971\n"
              f"{C2},甲\x00乙,510104,3971\n"
              f"{C3},丙\x07,510104,3971\n")
    assert refused(ws, "enterprise", f) == [
        "2:name: too long: 1,000,000 characters (at most 2,000)",
        "3:name: contains the control character U+0000 (NUL)",
        "4:name: contains the control character U+0007",
    ]


def test_figures_of_unknown_enterprises_are_stored_with_a_warning(ws: Workspace, tmp_path: Path) -> None:
    firms(ws)
    strangers = [make_credit_code("510105", i) for i in range(10, 17)]
    rows = "".join(f"{c},2024,10\n" for c in [C1, *strangers, strangers[0]])
    res = ws.import_file("enterprise_year", write(tmp_path / "facts.csv", "credit_code,year,tax\n" + rows.replace(
        f"{strangers[0]},2024,10\n", f"{strangers[0]},2023,10\n", 1)))
    assert res.changed and res.rows_total == 9
    assert res.warnings == [
        f"facts.csv: 8 rows of enterprise_year (7 credit codes) name enterprises that are not in the enterprise "
        f"table (first: {', '.join(strangers[:5])}, ...); they are stored, but belong to no region, park or "
        "industry until those enterprises are imported"]
    assert ws.history("enterprise_year").shape[0] == 1
    # figures of known firms only: no warning
    assert ws.import_file("enterprise_year", write(tmp_path / "ok.csv", f"credit_code,year,tax\n{C2},2024,1\n")).warnings == []
