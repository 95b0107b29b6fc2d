"""Pages and files people use, on the small hand-built workspace of conftest.py: exports for people
in the page's language that plain pandas reads, the enterprise filters and sorting, the glossary
behind every tooltip, and the bundled sub-region boundaries."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import E1, E2, E3, E4, NAMES, fill_workspace, page_login
from xinzhi.reference.boundaries import subregion_boundaries
from xinzhi.web.columns import COLUMNS
from xinzhi.web.glossary import GLOSSARY
from xinzhi.workspace import open_workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from xinzhi.web.app import create_app

    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("pages") / "ws"))
    c = TestClient(create_app(ws))
    assert page_login(c, "chengdu") == 303
    yield c
    ws.close()


def test_exports_for_people_in_the_page_language(client: TestClient) -> None:
    zh = client.get("/export/enterprises.csv?lang=zh")
    assert zh.status_code == 200
    frame = pd.read_csv(io.BytesIO(zh.content), encoding="utf-8-sig", dtype=str)  # no note row to skip
    assert list(frame.columns)[:3] == ["名称", "地区", "行业"]  # no evaluation yet: no class and score columns
    assert "营业收入（万元）" in frame.columns and "统一社会信用代码" in frame.columns
    assert set(frame["统一社会信用代码"]) == {E1, E3, E4} and NAMES[E2] not in zh.text  # scope still applies
    assert set(frame["企业规模"]) == {"小型"} and set(frame["规上企业"]) == {"是"}
    assert frame.set_index("统一社会信用代码").loc[E1, "营业收入（万元）"] == "1200.0"
    en = client.get("/export/enterprises.xlsx?lang=en")
    sheet = pd.read_excel(io.BytesIO(en.content), engine="calamine")
    assert {"Name", "Revenue (10k yuan)", "Above scale"} <= set(sheet.columns)
    assert set(sheet["Above scale"]) == {"yes"}
    sub = pd.read_csv(io.BytesIO(client.get("/export/subregions.csv?lang=zh&region=510100").content),
                      encoding="utf-8-sig")
    assert "工业总产值（亿元）" in sub.columns
    # 510104 has 5000 + 1000 万元 of output: 0.6 亿元
    assert sub.set_index("代码").loc[510104, "工业总产值（亿元）"] == pytest.approx(0.6)


def test_enterprise_filters_and_sorting(client: TestClient) -> None:
    def codes(query: str) -> list[str]:
        page = client.get(f"/enterprises?{query}").text
        return re.findall(r'href="/enterprises/(9\w{17})"', page)

    assert set(codes("klass=none")) == {E1, E3, E4}  # 不参评: no evaluation yet
    assert codes("klass=D") == [] and codes("klass=T") == []
    page = client.get("/enterprises").text
    for option in ("A类", "D类", "T类（提供数据，不参评）", "不参评"):
        assert option in page, option
    assert set(codes("industry=锅炉")) == {E1, E4}  # industry by name
    assert set(codes("industry=3411")) == {E1, E4}  # and by code
    ordered = list(dict.fromkeys(codes("sort=revenue&dir=asc")))
    assert ordered == [E4, E3, E1]  # 350 < 700 < 1200 万元 in 2023
    ordered = list(dict.fromkeys(codes("sort=revenue&dir=desc")))
    assert ordered == [E1, E3, E4]


def test_pages_show_units_and_words_not_codes(client: TestClient) -> None:
    page = client.get("/enterprises?lang=zh").text
    assert "营业收入（万元）" in page and "小型" in page and ">small<" not in page
    assert "1,200" in page
    overview = client.get("/overview?lang=zh").text
    assert "营业收入（亿元）" in overview
    glossary = client.get("/glossary?lang=zh").text
    assert 'id="lq"' in glossary and "区位商" in glossary


def test_every_tooltip_has_a_glossary_entry_listed_in_the_docs() -> None:
    docs = (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")
    for name, col in COLUMNS.items():
        if col.tip:
            assert col.tip in GLOSSARY, (name, col.tip)
    for key, entry in GLOSSARY.items():
        assert entry.en in docs or entry.zh in docs, key


def test_bundled_boundaries_cover_every_sichuan_city_and_county() -> None:
    areas = pd.read_csv(REPO / "src/xinzhi/reference/data/admin_divisions/areas.csv", dtype=str)
    cities = subregion_boundaries("510000")
    assert cities is not None and len({f["id"] for f in cities["features"]}) == 21
    for city in {f["id"] for f in cities["features"]}:
        counties = subregion_boundaries(city)
        assert counties is not None, city
        expected = set(areas.loc[areas["cityCode"] == city[:4], "code"])
        assert {f["id"] for f in counties["features"]} >= expected, city
    assert subregion_boundaries("510104") is None  # no township boundaries


def test_counties_in_english_show_their_pinyin_before_the_chinese(client: TestClient) -> None:
    """A county reads "Jinjiang 锦江区" on English pages wherever a city reads "Chengdu 成都市":
    the region picker, the enterprise list's region cells, the sub-region table; Chinese pages keep
    the Chinese name alone."""
    en = client.get("/enterprises?lang=en").text
    assert re.search(r"<td[^>]*>\s*Jinjiang 锦江区\s*</td>", en)  # E1's region cell
    overview = client.get("/overview?lang=en&region=510100").text
    assert "Jinjiang 锦江区</option>" in overview and "Chengdu 成都市</option>" in overview
    assert re.search(r"<td[^>]*>\s*Jinjiang 锦江区\s*</td>", overview)  # the sub-region table
    for zh_page in (client.get("/enterprises?lang=zh").text, client.get("/overview?lang=zh&region=510100").text):
        assert "锦江区" in zh_page and "Jinjiang" not in zh_page and "Chengdu" not in zh_page
