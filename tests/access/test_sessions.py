"""Server-side sessions, account identity, password rules and the atomic login throttle, on real
catalogs (SQLite, and PostgreSQL for the throttle)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from xinzhi.access import throttle
from xinzhi.access.passwords import password_problem
from xinzhi.access.sessions import SessionCache, open_session, revoke, session_user
from xinzhi.access.users import (
    add_user,
    authenticate,
    delete_user,
    get_user,
    set_password,
    set_scope,
)
from xinzhi.errors import InputError
from xinzhi.workspace import Workspace, open_workspace

PW = "amber pines beneath the snow"


def test_a_session_ends_when_revoked_expired_or_the_account_changes(ws: Workspace) -> None:
    u = add_user(ws, "cd", PW, role="city", region_code="510100")
    s = open_session(ws, u, kind="cookie")
    assert session_user(ws, s.id) == u
    assert revoke(ws, s.id) and session_user(ws, s.id) is None
    assert not revoke(ws, s.id)
    assert session_user(ws, open_session(ws, u, kind="token", lifetime=timedelta(seconds=-1)).id) is None
    s2 = open_session(ws, u, kind="token")
    set_scope(ws, "cd", role="county", region_code="510104")
    assert session_user(ws, s2.id) is None  # role or scope changed: log in again
    s3 = open_session(ws, get_user(ws, "cd"), kind="token")
    set_password(ws, "cd", "thirty silver kites at noon")
    assert session_user(ws, s3.id) is None
    assert session_user(ws, "no-such-session") is None


def test_a_new_account_with_a_deleted_accounts_name_inherits_nothing(ws: Workspace) -> None:
    old = add_user(ws, "temp", PW, role="viewer", region_code="510104")
    sessions = [open_session(ws, old, kind=k) for k in ("cookie", "token")]
    delete_user(ws, "temp")
    new = add_user(ws, "temp", PW, role="city", region_code="510700")
    assert new.token_version == old.token_version == 0
    for s in sessions:
        assert session_user(ws, s.id) is None
    with ws.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM web_session")).scalar() == 0


def test_the_cache_forgets_a_revoked_session_at_once(ws: Workspace) -> None:
    u = add_user(ws, "cd", PW, role="city", region_code="510100")
    cache = SessionCache(ws)
    s = open_session(ws, u, kind="cookie")
    assert cache.user(s.id) == u
    revoke(ws, s.id)
    cache.forget(s.id)
    assert cache.user(s.id) is None


@pytest.mark.parametrize("password, reason", [
    ("        ", "at least 15 characters"),
    ("12345678", "at least 15 characters"),
    ("password", "at least 15 characters"),
    (" " * 16, "too easy to guess: Repeats like"),
    ("123456789012345", "too easy to guess"),
    ("passwordpassword", "too easy to guess"),
    ("wangxiaoming2024", "too close to 'wangxiaoming2024'"),  # the user name itself
    ("wangxiaoming-2024!", "too close to 'wangxiaoming'"),
    ("xinzhi-xinzhi-2024", "too close to 'xinzhi'"),
    ("chengdu-chengdu-1234", "too close to 'chengdu'"),  # the region (成都市 Chengdu)
    ("成都市成都市成都市成都市成都市", "too close to '成都市'"),
])
def test_weak_passwords_are_refused(ws: Workspace, password: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason.replace("(", r"\(")):
        add_user(ws, "wangxiaoming2024", password, role="city", region_code="510100", display_name="王小明")
    assert ws.to_pandas("region").query("code == '510100'")["name_en"].item().lower() == "chengdu"


def test_good_passwords_are_accepted() -> None:
    for good in ("correct horse battery staple", "seven lanterns over the old bridge", "我家门前有两棵树一棵是枣树另一棵也是枣树",
                 "Tr4vel-Plans: Lhasa & Xining, 2027"):
        assert password_problem(good, context=["wang", "chengdu"]) is None, good
    assert password_problem("a" * 257) == "password may have at most 256 characters"


def test_the_demo_accounts_still_log_in(ws: Workspace) -> None:
    from xinzhi.web.demo_users import DEMO_USERS, ensure_demo_users

    ws.set_meta("demo", "true")
    ensure_demo_users(ws)
    for username, password, *_ in DEMO_USERS:
        assert authenticate(ws, username, password) is not None, username


def _hammer(ws: Workspace, names: list[str], ip: str) -> tuple[int, int]:
    """Wrong passwords for ``names`` all at once; returns (refused as wrong, refused as throttled)."""
    results: list[str] = []
    go = threading.Event()

    def attempt(name: str) -> None:
        go.wait()
        try:
            results.append("wrong" if authenticate(ws, name, "not the password at all", ip=ip) is None else "in")
        except throttle.Throttled:
            results.append("throttled")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in names]
    for t in threads:
        t.start()
    go.set()
    for t in threads:
        t.join(timeout=120)
    assert "in" not in results
    return results.count("wrong"), results.count("throttled")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def catalog_ws(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    url = None
    if request.param == "postgres":
        from tests.workspace.test_concurrency import fresh_database

        url = fresh_database(request.getfixturevalue("postgres_url"), "throttle")
    ws = open_workspace(tmp_path_factory.mktemp("throttle") / "ws", catalog_url=url)
    add_user(ws, "cd", PW, role="city", region_code="510100")
    yield ws
    ws.close()


def test_thirty_wrong_passwords_at_once_get_five_checks(catalog_ws: Workspace) -> None:
    """Before, every attempt was checked against the count of failures already stored, so 30
    attempts sent together were all checked (30 x 401). The attempt is now counted before the
    password is checked, atomically."""
    wrong, throttled = _hammer(catalog_ws, ["cd"] * 30, ip="10.1.1.1")
    assert (wrong, throttled) == (throttle.MAX_FAILURES, 30 - throttle.MAX_FAILURES)
    with pytest.raises(throttle.Throttled):  # the right password too, for the window
        authenticate(catalog_ws, "cd", PW, ip="10.9.9.9")


def test_one_address_gets_twenty_checks_across_names(catalog_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from xinzhi.access import users

    # twenty argon2 checks of unknown names cost seconds on a busy machine; the count is the point
    monkeypatch.setattr(users, "verify_password", lambda password, hashed: time.sleep(0.05) or False)
    wrong, throttled = _hammer(catalog_ws, [f"user{i}" for i in range(30)], ip="10.2.2.2")
    assert (wrong, throttled) == (throttle.MAX_FAILURES_PER_IP, 30 - throttle.MAX_FAILURES_PER_IP)
    attempts = pd.read_sql("SELECT ip, count(*) AS n FROM login_attempt GROUP BY ip", catalog_ws.engine)
    assert attempts.set_index("ip")["n"].to_dict() == {"10.2.2.2": throttle.MAX_FAILURES_PER_IP}
