"""Validated imports: every error kind, unit conversion, encodings, modes, idempotence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from xinzhi.credit_code import make_credit_code
from xinzhi.errors import ValidationError
from xinzhi.workspace import Workspace

C1 = make_credit_code("510104", 1)
C2 = make_credit_code("510104", 2)
C3 = make_credit_code("510107", 3)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def enterprises_csv(tmp_path: Path, encoding: str = "utf-8") -> Path:
    return write_csv(
        tmp_path / "firms.csv",
        "统一社会信用代码,企业名称,区划代码,行业代码,标签\n"
        f"{C1},成都甲电子有限公司,510104,3971,高新技术企业\n"
        f"{C2},成都乙汽车有限公司,510104,3612,\n"
        f"{C3},成都丙酒业有限公司,510107,1512,专精特新;高新技术企业\n",
        encoding,
    )


def test_import_chinese_headers_gbk(ws: Workspace, tmp_path: Path) -> None:
    res = ws.import_file("enterprise", enterprises_csv(tmp_path, "gbk"))
    assert res.changed and res.rows_total == 3
    df = ws.to_pandas("enterprise").set_index("credit_code")
    assert df.loc[C3, "name"] == "成都丙酒业有限公司"
    assert df.loc[C3, "tags"] == "专精特新;高新技术企业"
    assert pd.isna(df.loc[C2, "tags"])


def test_units_are_converted_and_recorded(ws: Workspace, tmp_path: Path) -> None:
    ws.import_file("enterprise", enterprises_csv(tmp_path))
    f = write_csv(
        tmp_path / "facts.csv",
        "统一社会信用代码,年份,用地面积（公顷）,税收（元）,营业收入（亿元）,用电量(千瓦时),资产负债率\n"
        f"{C1},2024,2,1234500,1.5,100000,45%\n"
        f"{C2},2024,\"1,000\",0,0.2,,0.3\n",
    )
    res = ws.import_file("enterprise_year", f)
    conv = {c.column: (c.source_unit, c.factor) for c in res.conversions}
    assert conv["land_mu"] == ("公顷", 15.0)
    assert conv["tax"] == ("元", 1e-4)
    assert conv["revenue"] == ("亿元", 1e4)
    df = ws.to_pandas("enterprise_year").set_index("credit_code")
    assert df.loc[C1, "land_mu"] == pytest.approx(30.0)  # 2 ha = 30 mu
    assert df.loc[C1, "tax"] == pytest.approx(123.45)  # 万元
    assert df.loc[C1, "revenue"] == pytest.approx(15000.0)
    assert df.loc[C1, "electricity"] == pytest.approx(10.0)  # 万千瓦时
    assert df.loc[C1, "debt_ratio"] == pytest.approx(0.45)
    assert df.loc[C2, "land_mu"] == pytest.approx(15000.0)
    hist = ws.history("enterprise_year")
    assert len(hist) == 1


def test_unit_option_for_headers_without_unit(ws: Workspace, tmp_path: Path) -> None:
    ws.import_file("enterprise", enterprises_csv(tmp_path))
    f = write_csv(tmp_path / "facts.csv", f"credit_code,year,tax\n{C1},2024,50000\n")
    ws.import_file("enterprise_year", f, units={"tax": "元"})
    assert ws.to_pandas("enterprise_year")["tax"].item() == pytest.approx(5.0)


def problems_of(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.kind) for p in exc.value.problems]


def test_every_error_kind_is_located(ws: Workspace, tmp_path: Path) -> None:
    ws.import_file("enterprise", enterprises_csv(tmp_path))
    before = ws.current("enterprise_year")
    f = write_csv(
        tmp_path / "bad.csv",
        "credit_code,year,land_mu,tax,employees\n"
        f"{C1},2024,10,5,20\n"  # row 2 fine
        f"{C1[:-1]}0,2024,10,5,20\n"  # row 3 bad check digit
        f"{C2},2024,-3,5,20\n"  # row 4 negative land
        f"{C3},2024,10,abc,20\n"  # row 5 not a number
        f"{C1},2024,11,6,21\n"  # row 6 duplicate key
        f"{C2},,10,5,20\n"  # row 7 missing year
        f"{C3},2023,10,5,-1\n",  # row 8 negative employment
    )
    with pytest.raises(ValidationError) as exc:
        ws.import_file("enterprise_year", f)
    got = problems_of(exc)
    assert (3, "credit_code", "malformed credit code") in got
    assert (4, "land_mu", "negative value") in got
    assert (5, "tax", "not a number") in got
    assert (6, "credit_code,year", "duplicate key") in got
    assert (7, "year", "missing value") in got
    assert (8, "employees", "negative value") in got
    assert len(got) == 6
    message = str(exc.value)
    assert "bad.csv:5:tax: not a number: 'abc'" in message
    assert "bad.csv:6:credit_code,year: duplicate key" in message and "first at row 2" in message
    assert "By kind:" in message
    assert ws.current("enterprise_year") == before  # nothing written


def test_unknown_region_industry_and_missing_column(ws: Workspace, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "firms.csv",
        "credit_code,name,region_code,industry_code\n"
        f"{C1},甲,999999,3971\n"
        f"{C2},乙,510104,9999\n",
    )
    with pytest.raises(ValidationError) as exc:
        ws.import_file("enterprise", f)
    assert problems_of(exc) == [(2, "region_code", "unknown region"), (3, "industry_code", "unknown industry")]
    g = write_csv(tmp_path / "nocol.csv", f"credit_code,region_code,industry_code\n{C1},510104,3971\n")
    with pytest.raises(ValidationError) as exc2:
        ws.import_file("enterprise", g)
    assert problems_of(exc2) == [(1, "name", "missing column")]


def test_problem_list_is_capped_with_counts(ws: Workspace, tmp_path: Path) -> None:
    rows = "\n".join(f"{C1},{2000 + i},x" for i in range(80))
    f = write_csv(tmp_path / "many.csv", "credit_code,year,tax\n" + rows + "\n")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("enterprise_year", f)
    text = str(exc.value)
    assert "80 problems found" in text and "... and 30 more." in text
    assert "not a number: 80" in text


def test_reimport_same_content_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    f = enterprises_csv(tmp_path)
    first = ws.import_file("enterprise", f)
    again = ws.import_file("enterprise", f)
    assert not again.changed and again.snapshot_id == first.snapshot_id
    assert len(ws.history("enterprise")) == 1
    assert len(ws.snapshots("enterprise")) == 1


def test_upsert_append_replace(ws: Workspace, tmp_path: Path) -> None:
    ws.import_file("enterprise", enterprises_csv(tmp_path))
    upd = write_csv(tmp_path / "upd.csv", f"credit_code,name,region_code,industry_code\n{C1},新名称,510104,3971\n")
    ws.import_file("enterprise", upd)
    df = ws.to_pandas("enterprise").set_index("credit_code")
    assert len(df) == 3 and df.loc[C1, "name"] == "新名称"
    with pytest.raises(ValidationError, match="already stored"):
        ws.import_file("enterprise", upd, mode="append")
    ws.import_file("enterprise", upd, mode="replace")
    assert ws.to_pandas("enterprise")["credit_code"].tolist() == [C1]


def test_excel_and_parquet_imports(ws: Workspace, tmp_path: Path) -> None:
    frame = pd.DataFrame({"统一社会信用代码": [C1, C2], "企业名称": ["甲", "乙"],
                          "区划代码": ["510104", "510104"], "行业代码": ["3971", "3612"],
                          "成立年份": [2015, 2021], "是否规上": ["是", "否"]})
    xlsx = tmp_path / "firms.xlsx"
    frame.to_excel(xlsx, index=False)
    ws.import_file("enterprise", xlsx)
    df = ws.to_pandas("enterprise").set_index("credit_code")
    assert df.loc[C1, "established_year"] == 2015 and bool(df.loc[C1, "above_scale"]) is True
    assert bool(df.loc[C2, "above_scale"]) is False
    pq = tmp_path / "firms.parquet"
    frame.assign(企业名称=["甲2", "乙2"]).to_parquet(pq)
    ws.import_file("enterprise", pq)
    assert ws.to_pandas("enterprise").set_index("credit_code").loc[C2, "name"] == "乙2"


def test_region_parent_must_exist(ws: Workspace, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "parks.csv", "code,name,level,parent_code\n510104P01,锦江园区,park,510104\nX1,孤岛,park,000000\n")
    with pytest.raises(ValidationError) as exc:
        ws.import_file("region", f)
    assert problems_of(exc) == [(3, "parent_code", "unknown region")]


def test_not_a_text_file(ws: Workspace, tmp_path: Path) -> None:
    f = tmp_path / "junk.csv"
    f.write_bytes(bytes([0xFF, 0xFE, 0x81, 0x00, 0x81]) * 3)
    with pytest.raises(ValidationError, match=r"junk\.csv"):
        ws.import_file("enterprise", f)


def test_cell_and_cross_column_problems_in_one_report(ws: Workspace, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "projects.csv",
        "项目编号,项目名称,区划代码,计划总投资（亿元）,开工日期,计划竣工日期\n"
        "P1,甲项目,510100,-1,2025-01-01,2026-01-01\n"
        "P2,乙项目,510100,10,2025-01-01,2024-01-01\n",
    )
    with pytest.raises(ValidationError) as exc:
        ws.import_file("project", f)
    got = problems_of(exc)
    assert (2, "计划总投资（亿元）", "negative value") in got
    assert any(row == 3 and col == "计划竣工日期" for row, col, _ in got)


def test_frame_with_repeated_index_is_written(ws: Workspace) -> None:
    a = pd.DataFrame({"credit_code": [C1], "name": ["甲"], "region_code": "510104", "industry_code": "3971"})
    b = pd.DataFrame({"credit_code": [C2], "name": ["乙"], "region_code": "510104", "industry_code": "3971"})
    ws.write("enterprise", pd.concat([a, b]), source="concat without ignore_index")
    assert len(ws.to_pandas("enterprise")) == 2
