"""Kept pages (:mod:`xinzhi.web.page_cache`): each user gets their own pages with their own
session's CSRF token, a page is sent only to a logged-in user, and new data make new pages."""

from __future__ import annotations

import re
import time

import pandas as pd
from fastapi.testclient import TestClient

from tests.web.conftest import api_token, page_login
from xinzhi.web.page_cache import PageStore
from xinzhi.workspace import Workspace


def _csrf(html: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', html))


def test_store_keeps_within_its_budget_least_recently_used_first_out() -> None:
    s = PageStore(budget=10)
    s.put(("a",), [], b"1234")
    s.put(("b",), [], b"5678")
    assert s.get(("a",)) is not None  # a is now the most recently used
    s.put(("c",), [], b"90ab")  # 12 bytes: b goes
    assert s.get(("b",)) is None and s.get(("a",)) is not None and s.get(("c",)) is not None
    assert s.size == 8
    s.put(("d",), [], b"x" * 11)  # larger than the whole budget: not kept, nothing dropped
    assert s.get(("d",)) is None and s.size == 8


def test_each_session_gets_its_own_token_and_each_user_their_own_page(app) -> None:  # type: ignore[no-untyped-def]
    one, two, other = TestClient(app), TestClient(app), TestClient(app)
    assert page_login(one, "chengdu") == 303 and page_login(two, "chengdu") == 303
    assert page_login(other, "mianyang") == 303
    one.get("/glossary")  # a fresh session gets its CSRF token on its first page
    first, again = one.get("/enterprises?lang=zh"), one.get("/enterprises?lang=zh")
    assert first.status_code == again.status_code == 200
    assert first.text == again.text
    token_one = _csrf(first.text)
    assert len(token_one) == 1
    two.get("/glossary")
    page_two = two.get("/enterprises?lang=zh").text
    token_two = _csrf(page_two)
    assert len(token_two) == 1 and token_two != token_one  # the same page, the asking session's token
    assert page_two.replace(token_two.pop(), "T") == first.text.replace(token_one.pop(), "T")
    theirs = other.get("/enterprises?lang=zh").text
    assert "锦江精密制造有限公司" in first.text and "锦江精密制造有限公司" not in theirs  # Chengdu's firm
    assert "涪城电子科技有限公司" in theirs and "涪城电子科技有限公司" not in first.text  # Mianyang's


def test_a_kept_page_needs_a_live_session(app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(app)
    assert page_login(c, "chengdu") == 303
    assert c.get("/clusters").status_code == 200
    stolen = dict(c.cookies)
    token = _csrf(c.get("/clusters").text).pop()
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    r = TestClient(app, cookies=stolen).get("/clusters", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert TestClient(app).get("/clusters", follow_redirects=False).status_code == 303


def test_new_data_make_a_new_page(app, web_ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.credit_code import make_credit_code

    c = TestClient(app)
    assert page_login(c, "chengdu") == 303
    before = c.get("/enterprises?lang=zh").text
    code = make_credit_code("510104", 99)
    web_ws.write("enterprise", pd.DataFrame([{"credit_code": code, "name": "锦江新到企业有限公司", "region_code": "510104",
                                              "park_code": None, "industry_code": "3411", "size_class": "small",
                                              "above_scale": True}]), source="test: one more firm", mode="upsert")
    time.sleep(1.2)  # the snapshot ids are read again after xinzhi.web.service.FRESHNESS (1 s)
    after = c.get("/enterprises?lang=zh").text
    assert "锦江新到企业有限公司" not in before and "锦江新到企业有限公司" in after


def test_a_kept_api_table_is_audited_each_time_and_follows_new_data(app, web_ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    """``/api/v1/tables/{name}`` as JSON is kept per account and data version
    (:func:`xinzhi.web.views.api.table_json`): every read is still audited, another account
    gets its own rows, and new data give new rows."""
    from xinzhi.access import audit
    from xinzhi.credit_code import make_credit_code

    c = TestClient(app)
    chengdu, mianyang = api_token(c, "chengdu"), api_token(c, "mianyang")
    logged = len(audit.entries(web_ws, action="export", username="chengdu"))
    first = c.get("/api/v1/tables/enterprises", headers=chengdu).json()
    assert c.get("/api/v1/tables/enterprises", headers=chengdu).json() == first
    assert len(audit.entries(web_ws, action="export", username="chengdu")) == logged + 2
    ours = {r["credit_code"] for r in first["rows"]}
    theirs = c.get("/api/v1/tables/enterprises", headers=mianyang).json()["rows"]
    mianyang_only, chengdu_only = make_credit_code("510703", 2), make_credit_code("510104", 1)
    assert chengdu_only in ours and mianyang_only not in ours
    assert {r["credit_code"] for r in theirs} >= {mianyang_only} and chengdu_only not in {r["credit_code"] for r in theirs}
    code = make_credit_code("510104", 98)
    web_ws.write("enterprise", pd.DataFrame([{"credit_code": code, "name": "锦江又到企业有限公司", "region_code": "510104",
                                              "park_code": None, "industry_code": "3411", "size_class": "small",
                                              "above_scale": True}]), source="test: one more firm", mode="upsert")
    time.sleep(1.2)  # the snapshot ids are read again after xinzhi.web.service.FRESHNESS (1 s)
    after = {r["credit_code"] for r in c.get("/api/v1/tables/enterprises", headers=chengdu).json()["rows"]}
    assert after == ours | {code}
