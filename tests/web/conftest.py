"""A small hand-built workspace for the web tests: four enterprises in Chengdu and Mianyang,
two years of figures, a park in Chengdu, so every expected number can be written by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from xinzhi.access.users import add_user
from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace, open_workspace

E1 = make_credit_code("510104", 1)  # Chengdu, Jinjiang district, no park
E2 = make_credit_code("510703", 2)  # Mianyang, Fucheng district, no park
E3 = make_credit_code("510703", 3)  # registered in Mianyang but located in a Chengdu park
E4 = make_credit_code("510100", 4)  # registered at Chengdu city level
PARK = "510104P01"
NAMES = {E1: "锦江精密制造有限公司", E2: "涪城电子科技有限公司", E3: "园区新材料有限公司", E4: "成都市级装备有限公司"}
# revenue, tax by (enterprise, year)
FIGURES = {
    (E1, 2022): (1000.0, 50.0), (E1, 2023): (1200.0, 60.0),
    (E2, 2022): (800.0, 40.0), (E2, 2023): (900.0, 45.0),
    (E3, 2022): (500.0, 20.0), (E3, 2023): (700.0, 30.0),
    (E4, 2022): (300.0, 10.0), (E4, 2023): (350.0, 15.0),
}
# long and unrelated to the account, as the password rules ask (xinzhi.access.passwords)
PASSWORDS = {"admin": "copper kettle on a windy ridge", "chengdu": "seven lanterns over the old bridge",
             "mianyang": "a quiet orchard after rain 42", "jinjiang": "violet ferry crossing at dawn"}


def fill_workspace(ws: Workspace) -> Workspace:
    ws.write("region", pd.DataFrame([{"code": PARK, "name": "锦江测试园区", "name_en": "", "level": "park",
                                      "parent_code": "510104"}]), source="test park")
    ws.write("park", pd.DataFrame([{"code": PARK, "name": "锦江测试园区", "region_code": "510104",
                                    "park_level": "provincial"}]), source="test park")
    ent = pd.DataFrame([
        {"credit_code": E1, "name": NAMES[E1], "region_code": "510104", "park_code": None, "industry_code": "3411"},
        {"credit_code": E2, "name": NAMES[E2], "region_code": "510703", "park_code": None, "industry_code": "3971"},
        {"credit_code": E3, "name": NAMES[E3], "region_code": "510703", "park_code": PARK, "industry_code": "2652"},
        {"credit_code": E4, "name": NAMES[E4], "region_code": "510100", "park_code": None, "industry_code": "3411"},
    ])
    ent["size_class"] = "small"
    ent["above_scale"] = True
    ws.write("enterprise", ent, source="test enterprises")
    ey = pd.DataFrame([{"credit_code": c, "year": y, "revenue": r, "tax": t, "land_mu": 10.0, "employees": 50.0}
                       for (c, y), (r, t) in FIGURES.items()])
    ws.write("enterprise_year", ey, source="test figures")
    riy = pd.DataFrame([
        {"region_code": "510104", "industry_code": "3411", "year": 2023, "output": 5000.0, "employment": 100.0},
        {"region_code": "510104", "industry_code": "3971", "year": 2023, "output": 1000.0, "employment": 30.0},
        {"region_code": "510105", "industry_code": "3411", "year": 2023, "output": 2000.0, "employment": 40.0},
        {"region_code": "510703", "industry_code": "3971", "year": 2023, "output": 4000.0, "employment": 90.0},
        {"region_code": "510703", "industry_code": "3411", "year": 2023, "output": 500.0, "employment": 10.0},
    ])
    ws.write("region_industry_year", riy, source="test statistics")
    add_user(ws, "admin", PASSWORDS["admin"], role="admin")
    add_user(ws, "chengdu", PASSWORDS["chengdu"], role="city", region_code="510100")
    add_user(ws, "mianyang", PASSWORDS["mianyang"], role="city", region_code="510700")
    add_user(ws, "jinjiang", PASSWORDS["jinjiang"], role="county", region_code="510104")
    return ws


def demo_marked_workspace(folder: Path) -> Workspace:
    """:func:`fill_workspace` in a new workspace at ``folder``, marked as the demo (so serving it
    runs the demo evaluations)."""
    ws = fill_workspace(open_workspace(folder))
    ws.set_meta("demo", "true")
    ws.set_meta("demo_note", "test workspace marked as the demo")
    return ws


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def web_ws(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The small workspace, once on a SQLite catalog and once on the session's PostgreSQL."""
    url = None
    if request.param == "postgres":
        base = request.getfixturevalue("postgres_url")
        import sqlalchemy as sa

        db = f"web_{tmp_path_factory.mktemp('x').name.replace('-', '_').lower()}"
        eng = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with eng.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{db}"'))
        eng.dispose()
        url = base.replace("/xinzhi_test?", f"/{db}?")
    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("webws") / "ws", catalog_url=url))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def app(web_ws: Workspace):  # type: ignore[no-untyped-def]
    from xinzhi.web.app import create_app

    return create_app(web_ws)


def api_token(client: TestClient, user: str) -> dict[str, str]:
    r = client.post("/api/v1/token", data={"username": user, "password": PASSWORDS[user]})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def page_login(client: TestClient, user: str, password: str | None = None) -> int:
    r = client.get("/login")
    tok = re.search(r'name="csrf_token" value="([^"]+)"', r.text)
    assert tok
    r = client.post("/login", data={"username": user, "password": password or PASSWORDS[user],
                                    "csrf_token": tok.group(1), "next": "/overview"}, follow_redirects=False)
    return r.status_code


def csrf_of(client: TestClient, path: str = "/overview") -> str:
    tok = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert tok
    return tok.group(1)


REPO = Path(__file__).resolve().parents[2]
