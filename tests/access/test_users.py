"""Users, password hashes, throttling, tokens and the audit log on a real workspace catalog."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from xinzhi.access import audit, throttle
from xinzhi.access.passwords import hash_password, verify_password
from xinzhi.access.tokens import TokenError, new_token, read_token, secret_key
from xinzhi.access.users import add_user, authenticate, get_user, list_users, set_active, set_scope
from xinzhi.errors import InputError
from xinzhi.workspace import Workspace

PW = "amber pines beneath the snow"


def test_argon2_hashes() -> None:
    h = hash_password("correct horse")
    assert h.startswith("$argon2id$")
    assert verify_password("correct horse", h)
    assert not verify_password("wrong horse", h)
    assert not verify_password("x", "not-a-hash")
    with pytest.raises(InputError):
        hash_password("")


def test_add_user_checks_role_and_region(ws: Workspace) -> None:
    u = add_user(ws, "cd", PW, role="city", region_code="510100")
    assert (u.role, u.region_code) == ("city", "510100")
    with pytest.raises(InputError, match="already exists"):
        add_user(ws, "cd", PW, role="city", region_code="510100")
    with pytest.raises(InputError, match="needs a city region"):
        add_user(ws, "x1", PW, role="city", region_code="510104")
    with pytest.raises(InputError, match="needs a region"):
        add_user(ws, "x2", PW, role="province")
    with pytest.raises(InputError, match="unknown region"):
        add_user(ws, "x3", PW, role="viewer", region_code="999999")
    with pytest.raises(InputError, match="role must be"):
        add_user(ws, "x4", PW, role="superuser", region_code="510100")
    assert list(list_users(ws)["username"]) == ["cd"]
    assert "password_hash" not in list_users(ws).columns


def test_authenticate_throttle_and_audit(ws: Workspace) -> None:
    add_user(ws, "cd", PW, role="city", region_code="510100")
    assert authenticate(ws, "cd", PW, ip="127.0.0.1") is not None
    for _ in range(throttle.MAX_FAILURES):
        assert authenticate(ws, "cd", "bad-pass", ip="127.0.0.1") is None
    with pytest.raises(throttle.Throttled):
        authenticate(ws, "cd", PW, ip="127.0.0.1")
    # an unknown user is throttled the same way (no hint that the name is unknown)
    for _ in range(throttle.MAX_FAILURES):
        assert authenticate(ws, "ghost", "whatever-1") is None
    with pytest.raises(throttle.Throttled):
        authenticate(ws, "ghost", "whatever-1")
    log = audit.entries(ws)
    assert (log["action"] == "login.failed").sum() == 2 * throttle.MAX_FAILURES
    assert (log["action"] == "login").sum() == 1
    assert "user.add" in set(log["action"])


def test_disabled_user_cannot_log_in(ws: Workspace) -> None:
    add_user(ws, "cd", PW, role="city", region_code="510100")
    set_active(ws, "cd", False)
    assert authenticate(ws, "cd", PW) is None


def test_tokens_name_a_session(ws: Workspace) -> None:
    add_user(ws, "cd", PW, role="city", region_code="510100")
    key = secret_key(ws)
    assert secret_key(ws) == key  # generated once, kept in the catalog
    tok = new_token(ws, get_user(ws, "cd"))
    assert read_token(tok, key)  # a session id
    with pytest.raises(TokenError):
        read_token(tok, key + "x")
    set_scope(ws, "cd", role="county", region_code="510104")
    assert get_user(ws, "cd").token_version == 1


def test_user_cli(ws: Workspace) -> None:
    from xinzhi.cli.main import app

    runner = CliRunner()
    base = ["--workspace", str(ws.path)]
    r = runner.invoke(app, [*base, "user", "add", "my", "--role", "city", "--region", "510700",
                            "--password", "hollow reeds by the riverbank"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, [*base, "user", "list"])
    assert "my" in r.output and "510700" in r.output
    r = runner.invoke(app, [*base, "user", "add", "bad", "--role", "city", "--region", "510104", "--password", PW])
    assert r.exit_code == 1 and "needs a city region" in r.output
    r = runner.invoke(app, [*base, "user", "token", "my"])
    assert r.exit_code == 0 and r.output.count(".") == 2
