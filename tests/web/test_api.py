"""REST API and pages on the hand-built workspace, once on SQLite and once on PostgreSQL.

Expected numbers are written from the fixture's figures (tests/web/conftest.py)."""

from __future__ import annotations

import datetime as dt
import io
import time

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import E1, E2, E3, E4, NAMES, PARK, api_token, csrf_of, page_login
from xinzhi.access import audit
from xinzhi.credit_code import make_credit_code
from xinzhi.web.service import FRESHNESS


@pytest.fixture(scope="module")
def client(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app)


def codes(resp_json: dict) -> set[str]:  # type: ignore[type-arg]
    return {r["credit_code"] for r in resp_json["items"]}


def test_scope_of_each_user_in_the_enterprise_list(client: TestClient) -> None:
    # Chengdu sees its own two, and E3 through the park located in Chengdu (region OR park rule)
    assert codes(client.get("/api/v1/enterprises", headers=api_token(client, "chengdu")).json()) == {E1, E3, E4}
    # Mianyang sees E2 and E3 (registered in Mianyang)
    assert codes(client.get("/api/v1/enterprises", headers=api_token(client, "mianyang")).json()) == {E2, E3}
    # the Jinjiang county user: E1 (registered there) and E3 (its park), not the city-level E4
    assert codes(client.get("/api/v1/enterprises", headers=api_token(client, "jinjiang")).json()) == {E1, E3}
    assert codes(client.get("/api/v1/enterprises", headers=api_token(client, "admin")).json()) == {E1, E2, E3, E4}


def test_latest_year_figures_and_filters(client: TestClient) -> None:
    h = api_token(client, "chengdu")
    body = client.get("/api/v1/enterprises", headers=h, params={"industry": "34"}).json()
    assert body["total"] == 2
    rev = {r["credit_code"]: r["revenue"] for r in body["items"]}
    assert rev == {E1: 1200.0, E4: 350.0}  # the 2023 figures
    assert codes(client.get("/api/v1/enterprises", headers=h, params={"park": PARK}).json()) == {E3}
    assert client.get("/api/v1/enterprises", headers=h, params={"q": "涪城"}).json()["total"] == 0


def test_other_citys_enterprise_is_not_found_like_a_missing_one(client: TestClient) -> None:
    h = api_token(client, "chengdu")
    hidden = client.get(f"/api/v1/enterprises/{E2}", headers=h)
    missing = client.get(f"/api/v1/enterprises/{make_credit_code('510104', 999)}", headers=h)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "not found"}
    ok = client.get(f"/api/v1/enterprises/{E3}", headers=h).json()
    assert ok["enterprise"]["name"] == NAMES[E3]
    assert [y["revenue"] for y in ok["years"]] == [500.0, 700.0]


def test_search_and_exports_stay_in_scope(client: TestClient, web_ws) -> None:  # type: ignore[no-untyped-def]
    h = api_token(client, "chengdu")
    found = client.get("/api/v1/search", headers=h, params={"q": "有限公司"}).json()
    assert {e["credit_code"] for e in found["enterprises"]} == {E1, E3, E4}
    assert client.get("/api/v1/search", headers=h, params={"q": E2}).json()["enterprises"] == []
    csv = client.get("/api/v1/tables/enterprises", headers=h, params={"format": "csv"})
    assert csv.status_code == 200
    assert E1 in csv.text and E2 not in csv.text and NAMES[E2] not in csv.text
    xlsx = client.get("/api/v1/tables/enterprises", headers=h, params={"format": "xlsx"})
    frame = pd.read_excel(io.BytesIO(xlsx.content), engine="calamine")
    assert set(frame["credit_code"]) == {E1, E3, E4}
    log = audit.entries(web_ws, action="export", username="chengdu")
    assert {"enterprises.csv", "enterprises.xlsx"} <= set(log["target"])


def test_overview_numbers_by_hand(client: TestClient) -> None:
    h = api_token(client, "chengdu")
    ov = client.get("/api/v1/overview", headers=h, params={"region": "510100"}).json()
    assert ov["counts"]["enterprises"] == 3
    by_year = {r["year"]: r for r in ov["indicators"]}
    assert by_year[2022]["revenue"] == 1000.0 + 500.0 + 300.0
    assert by_year[2023]["tax"] == 60.0 + 30.0 + 15.0
    # another city's overview is out of scope, answered like a missing region
    assert client.get("/api/v1/overview", headers=h, params={"region": "510700"}).status_code == 404
    subs = client.get("/api/v1/tables/subregions", headers=h, params={"region": "510100"}).json()["rows"]
    assert {r["code"]: r["value"] for r in subs if r["value"] is not None} == {"510104": 6000.0, "510105": 2000.0}


def test_tokens_are_checked_and_revoked(client: TestClient, web_ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.access.users import add_user, set_password

    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    add_user(web_ws, "temp", "marble stairs in the morning fog", role="viewer", region_code="510104")
    r = client.post("/api/v1/token", data={"username": "temp", "password": "marble stairs in the morning fog"})
    h = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert client.get("/api/v1/me", headers=h).json()["region_code"] == "510104"
    set_password(web_ws, "temp", "marble stairs in the evening fog")
    time.sleep(FRESHNESS + 0.2)  # accounts are re-read from the catalog at most once per FRESHNESS
    assert client.get("/api/v1/me", headers=h).status_code == 401


def test_pages_log_in_show_scope_and_hide_other_cities(app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(app)
    assert c.get("/overview", follow_redirects=False).status_code == 303
    assert page_login(c, "chengdu") == 303
    for path in ("/overview", "/compare", "/structure", "/clusters", "/chains", "/enterprises", "/delivery", "/news",
                 "/glossary"):
        r = c.get(path)
        assert r.status_code == 200, path
        assert NAMES[E2] not in r.text
    page = c.get(f"/enterprises/{E2}")
    assert page.status_code == 404 and NAMES[E2] not in page.text
    assert c.get(f"/enterprises/{E1}").status_code == 200
    exp = c.get("/export/enterprises.csv")
    assert exp.status_code == 200 and E2 not in exp.text and E1 in exp.text
    denied = c.get("/overview?region=510700")  # a region outside the scope: 403 in the user's language, nav kept
    assert denied.status_code == 403 and "无权访问" in denied.text and 'data-nav="overview"' in denied.text
    assert c.get("/overview?region=510700&lang=en").status_code == 403
    assert c.get("/overview?region=999999").status_code == 404
    assert c.get("/admin").status_code == 403


def test_forms_need_the_csrf_token(app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(app)
    c.get("/login")
    r = c.post("/login", data={"username": "admin", "password": "admin-pass-1", "csrf_token": "wrong"})
    assert r.status_code == 403
    assert page_login(c, "admin") == 303
    r = c.post("/admin/users", data={"username": "newbie", "password": "newbie-pass", "role": "viewer",
                                     "region_code": "510100"})
    assert r.status_code == 403
    r = c.post("/admin/users", data={"username": "newbie", "password": "listen to the tidal drums", "role": "viewer",
                                     "region_code": "510100", "csrf_token": csrf_of(c)}, follow_redirects=False)
    assert r.status_code == 303
    assert "newbie" in c.get("/admin").text


def test_login_is_throttled_after_five_failures(app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(app)
    for _ in range(5):
        assert page_login(c, "mianyang", "wrong-password") == 401
    # even the right password is refused now, with a message that names no user
    assert page_login(c, "mianyang") == 401
    r = c.post("/api/v1/token", data={"username": "mianyang", "password": "a quiet orchard after rain 42"})  # PASSWORDS["mianyang"]
    assert r.status_code == 429


def test_openapi_document(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/enterprises", "/api/v1/enterprises/{credit_code}", "/api/v1/overview",
            "/api/v1/tables/{name}", "/api/v1/token"} <= set(doc["paths"])


def test_enterprise_list_pages_in_revenue_order(client: TestClient) -> None:
    h = api_token(client, "chengdu")
    first = client.get("/api/v1/enterprises", headers=h, params={"page_size": 2}).json()
    second = client.get("/api/v1/enterprises", headers=h, params={"page_size": 2, "page": 2}).json()
    # 2023 revenue: E1 1200, E3 700, E4 350 (descending), two to a page
    assert [r["credit_code"] for r in first["items"]] == [E1, E3]
    assert [r["credit_code"] for r in second["items"]] == [E4]
    assert first["total"] == second["total"] == 3 and first["synthetic_data"] is False
    assert (first["page"], first["page_size"], second["page"]) == (1, 2, 2)
    assert client.get("/api/v1/enterprises", headers=h, params={"page": 3, "page_size": 2}).json()["items"] == []
    filtered = client.get("/api/v1/enterprises", headers=h, params={"industry": "3411", "page_size": 1, "page": 2})
    assert [r["credit_code"] for r in filtered.json()["items"]] == [E4]


def test_structure_specialisation_from_level_totals(client: TestClient) -> None:
    h = api_token(client, "chengdu")
    rows = client.get("/api/v1/tables/specialisation", headers=h, params={"region": "510100"}).json()["rows"]
    got = {r["industry_code"]: r for r in rows}
    # Chengdu (city level) = its counties: 3411 5000 + 2000, 3971 1000; Mianyang 3411 500, 3971 4000
    assert got["3411"]["value"] == 7000.0 and got["3971"]["value"] == 1000.0
    assert got["3411"]["share"] == pytest.approx(7000 / 8000)
    # location quotient (7000 / 8000) / ((7000 + 500) / (8000 + 4500))
    assert got["3411"]["lq"] == pytest.approx((7000 / 8000) / (7500 / 12500))


def test_news_facts_keep_their_source_and_scope(client: TestClient, web_ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.intelligence import document_from_text, extract_document
    from xinzhi.intelligence.store import store_extraction

    doc = document_from_text("# 测试新闻\n\n2023年，成都市工业增加值100.5亿元。绵阳市工业增加值50.2亿元。", fmt="markdown",
                             published=dt.date(2024, 1, 20))
    facts, prios = extract_document(doc)
    store_extraction(web_ws, [doc], facts, prios)
    time.sleep(FRESHNESS + 0.2)  # snapshot ids are re-read at most once per FRESHNESS
    rows = client.get("/api/v1/tables/facts", headers=api_token(client, "chengdu"),
                      params={"region": "510100"}).json()["rows"]
    assert [(r["region_code"], r["indicator"], r["value"], r["shown"], r["period"]) for r in rows] == [
        ("510100", "industrial_va", 100.5e8, "100.5 亿元", "2023")]
    r = rows[0]
    assert doc.text[r["sentence_start"]:r["sentence_end"]] == r["sentence"] == "2023年，成都市工业增加值100.5亿元。"
    assert r["title"] == "测试新闻"
    assert (r["published"], r["sources"], r["conflict"]) == ("2024-01-20", 1, False)  # date of the document
    other = client.get("/api/v1/tables/facts", headers=api_token(client, "admin"),
                       params={"region": "510700"}).json()["rows"]
    assert [x["value"] for x in other] == [50.2e8]
    # (the Mianyang account is throttled by an earlier test) a county user cannot read its city
    county = client.get("/api/v1/tables/facts", headers=api_token(client, "jinjiang"), params={"region": "510100"})
    assert county.status_code == 404
