"""Sessions end on the server: logout, expiry without sliding, API token revocation, a reused user
name; headers that limit the browser; X-Forwarded-For from trusted proxies only; bulk JSON reads
audited like exports."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORDS, api_token, csrf_of, fill_workspace, page_login
from xinzhi.access import audit
from xinzhi.workspace import Workspace, open_workspace


@pytest.fixture(scope="module")
def sec_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("sec") / "ws"))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def sec_app(sec_ws: Workspace):  # type: ignore[no-untyped-def]
    from xinzhi.web.app import create_app

    return create_app(sec_ws, trusted_proxies="10.0.0.0/8")


def test_logout_revokes_the_cookie_on_the_server(sec_app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(sec_app)
    assert page_login(c, "chengdu") == 303
    stolen = dict(c.cookies)
    assert TestClient(sec_app, cookies=stolen).get("/overview", follow_redirects=False).status_code == 200
    r = c.post("/logout", data={"csrf_token": csrf_of(c)}, follow_redirects=False)
    assert r.status_code == 303
    # the copy of the cookie taken before the logout no longer opens anything
    r = TestClient(sec_app, cookies=stolen).get("/overview", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert TestClient(sec_app, cookies=stolen).get("/api/v1/me").status_code == 401


def test_using_a_session_does_not_extend_it(sec_ws: Workspace) -> None:
    """The session ends at its limit on the server, however fresh the cookie: a cookie re-signed
    at the last moment (as the middleware does when it re-sends the session) is refused once the
    session's time is up."""
    import itsdangerous

    from xinzhi.web.app import create_app

    lifetime = 3
    app = create_app(sec_ws, session_max_age=lifetime)
    c = TestClient(app)
    assert page_login(c, "chengdu") == 303
    after = time.monotonic()  # the session started before this
    assert c.get("/api/v1/me").status_code == 200
    signer = itsdangerous.TimestampSigner(str(app.state.xinzhi.secret))
    content = signer.unsign(c.cookies["xinzhi_session"].encode())
    time.sleep(max(0.0, after + lifetime + 0.3 - time.monotonic()))
    refreshed = signer.sign(content).decode()  # signed just now: the cookie itself is fresh
    late = TestClient(app, cookies={"xinzhi_session": refreshed})
    assert late.get("/api/v1/me").status_code == 401
    assert late.get("/overview", follow_redirects=False).status_code == 303


def test_api_logout_revokes_the_token(sec_app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(sec_app)
    h = api_token(c, "chengdu")
    other = api_token(c, "chengdu")
    assert c.get("/api/v1/me", headers=h).status_code == 200
    assert c.post("/api/v1/logout", headers=h).status_code == 204
    assert c.get("/api/v1/me", headers=h).status_code == 401
    assert c.get("/api/v1/me", headers=other).status_code == 200  # only that token ended


def test_a_token_does_not_pass_to_a_new_account_with_the_same_name(sec_app, sec_ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    """The probe: a token of a deleted Chengdu viewer became valid again when a Mianyang city user
    was created with the same name, and read Mianyang's firms."""
    from xinzhi.access.users import add_user, delete_user

    c = TestClient(sec_app)
    add_user(sec_ws, "temp", "lilac umbrellas in the square", role="viewer", region_code="510104")
    r = c.post("/api/v1/token", data={"username": "temp", "password": "lilac umbrellas in the square"})
    h = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert c.get("/api/v1/me", headers=h).json()["region_code"] == "510104"
    delete_user(sec_ws, "temp")
    add_user(sec_ws, "temp", "lilac umbrellas in the square", role="city", region_code="510700")
    time.sleep(1.1)  # past the per-process session recheck
    assert c.get("/api/v1/me", headers=h).status_code == 401
    assert c.get("/api/v1/enterprises", headers=h).status_code == 401


def test_every_answer_limits_the_browser(sec_app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(sec_app)
    page_login(c, "chengdu")
    for path in ("/overview", "/login", "/api/v1/me", "/static/app.js", "/no-such-page"):
        h = c.get(path).headers
        csp = h["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp, path
        assert "script-src 'self' 'unsafe-hashes' 'sha256-" in csp, path
        assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff", path


def test_x_forwarded_for_is_believed_from_a_configured_proxy_only(sec_app, sec_ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.web.auth import client_ip

    class Req:  # the parts of a request client_ip reads
        def __init__(self, peer: str, forwarded: list[str]):
            self.client = type("C", (), {"host": peer})()
            self.headers = type("H", (), {"getlist": lambda _self, name: forwarded})()
            self.app = sec_app

    assert client_ip(Req("203.0.113.7", ["1.2.3.4"])) == "203.0.113.7"  # not a proxy: header ignored
    assert client_ip(Req("10.0.0.5", ["1.2.3.4"])) == "1.2.3.4"
    # a client that sends its own header through the proxy is still seen at its real address
    assert client_ip(Req("10.0.0.5", ["6.6.6.6, 198.51.100.9"])) == "198.51.100.9"
    assert client_ip(Req("10.0.0.5", ["6.6.6.6", "198.51.100.9, 10.0.0.6"])) == "198.51.100.9"
    # over HTTP: the test client is no configured proxy, so the failed login is logged at its address
    c = TestClient(sec_app)
    c.post("/api/v1/token", data={"username": "jinjiang", "password": "not it at all, sorry"},
           headers={"X-Forwarded-For": "9.9.9.9"})
    row = audit.entries(sec_ws, action="login.failed", username="jinjiang").iloc[0]
    assert row["ip"] == "testclient"


def test_bulk_json_reads_are_audited(sec_app, sec_ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(sec_app)
    h = api_token(c, "admin")
    assert c.get("/api/v1/tables/enterprises", params={"format": "json"}, headers=h).status_code == 200
    assert c.get("/api/v1/enterprises", params={"page_size": 1000}, headers=h).status_code == 200
    assert c.get("/api/v1/enterprises", params={"page_size": 20}, headers=h).status_code == 200
    log = audit.entries(sec_ws, action="export", username="admin")
    targets = list(log["target"])
    assert "enterprises.json" in targets
    bulk = log[log["target"] == "enterprises.page"]
    assert len(bulk) == 1 and bulk.iloc[0]["details"]["page_size"] == 1000
    assert bulk.iloc[0]["details"]["rows"] == 4


def test_the_right_password_still_works(sec_app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(sec_app)
    r = c.post("/api/v1/token", data={"username": "mianyang", "password": PASSWORDS["mianyang"]})
    assert r.status_code == 200
