"""Web users: create, list, change, authenticate.

Accounts live in the workspace catalog (table ``web_user``), so a PostgreSQL catalog shares
them between several servers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa

from xinzhi.access import audit, throttle
from xinzhi.access.models import web_session, web_user
from xinzhi.access.passwords import check_password, dummy_hash, hash_password, verify_password
from xinzhi.access.roles import ROLE_LEVEL, Role, parse_role
from xinzhi.errors import InputError, NotFoundError
from xinzhi.workspace.catalog import now

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")


@dataclass(frozen=True)
class User:
    """A web user as the application sees it (never carries the password hash)."""

    id: int
    username: str
    display_name: str | None
    role: str
    region_code: str | None
    active: bool
    token_version: int = 0

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


def _row_to_user(row: sa.RowMapping) -> User:
    return User(int(row["id"]), row["username"], row["display_name"], row["role"],
                row["region_code"], bool(row["active"]), int(row["token_version"] or 0))


def _check_region(ws: Workspace, role: Role, region_code: str | None) -> str | None:
    if region_code in (None, ""):
        if role == Role.ADMIN:
            return None
        raise InputError(f"a {role.value} user needs a region scope (--region CODE)")
    regions = ws.to_pandas("region")
    hit = regions[regions["code"] == region_code]
    if hit.empty:
        raise InputError(f"unknown region code {region_code!r}")
    want = ROLE_LEVEL.get(role)
    level = str(hit["level"].iloc[0])
    if want is not None and level != want and not (want == "park" and level == "zone"):
        raise InputError(f"a {role.value} user needs a {want} region, {region_code} is a {level}")
    return str(region_code)


def password_context(ws: Workspace, username: str, display_name: str | None = None,
                     region_code: str | None = None, role: str | None = None) -> list[str]:
    """Words a password of this account must not be built on: the user name and its parts,
    the display name and its parts, the role, and the names and code of the account's region
    and the regions above it."""
    words = [username, *re.split(r"[._@\-\s]+", username), *re.findall(r"[^\W\d_]{3,}|\d{3,}", username),
             role or ""]
    if display_name:
        words += [display_name, *display_name.split()]
    if region_code:
        regions = ws.to_pandas("region").set_index("code", drop=False)
        code: str | None = region_code
        while code and code in regions.index:  # the region and every region above it
            r = regions.loc[code]
            name = str(r["name"])
            words += [code, name, str(r.get("name_en") or ""),
                      re.sub(r"(省|市|区|县|自治州|自治县|地区|盟|旗)$", "", name)]
            parent = r.get("parent_code")
            code = str(parent) if isinstance(parent, str) and parent != code else None
    return [w for w in words if w and len(w) >= 2]


def add_user(
    ws: Workspace,
    username: str,
    password: str,
    *,
    role: str,
    region_code: str | None = None,
    display_name: str | None = None,
    by: str | None = None,
    check_rules: bool = True,
) -> User:
    """Create a user; raises :class:`InputError` for a bad name, role, region or password.

    ``check_rules=False`` skips the password rules (:mod:`xinzhi.access.passwords`): only for
    the demo workspace's documented public accounts.
    """
    if not _USERNAME.match(username):
        raise InputError("username must be 2-64 letters, digits or . _ @ -")
    r = parse_role(role)
    code = _check_region(ws, r, region_code)
    if check_rules:
        check_password(password, context=password_context(ws, username, display_name, code, r.value))
    pw = hash_password(password)
    with ws.engine.begin() as conn:
        exists = conn.execute(sa.select(web_user.c.id).where(web_user.c.username == username)).first()
        if exists is not None:
            raise InputError(f"user {username!r} already exists")
        conn.execute(web_user.insert().values(
            username=username, display_name=display_name, password_hash=pw, role=r.value,
            region_code=code, active=True, created_at=now(), token_version=0,
        ))
    audit.record(ws, by, "user.add", target=username, details={"role": r.value, "region_code": code})
    return get_user(ws, username)


def get_user(ws: Workspace, username: str) -> User:
    """The user named ``username``; raises :class:`NotFoundError`."""
    with ws.engine.connect() as conn:
        row = conn.execute(sa.select(web_user).where(web_user.c.username == username)).mappings().first()
    if row is None:
        raise NotFoundError(f"no user {username!r}")
    return _row_to_user(row)


def find_user(ws: Workspace, username: str) -> User | None:
    """The user named ``username`` or ``None``."""
    try:
        return get_user(ws, username)
    except NotFoundError:
        return None


def list_users(ws: Workspace) -> pd.DataFrame:
    """All users (without password hashes), by username."""
    cols = [web_user.c.username, web_user.c.display_name, web_user.c.role, web_user.c.region_code,
            web_user.c.active, web_user.c.created_at]
    with ws.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.select(*cols).order_by(web_user.c.username)).mappings()]
    return pd.DataFrame(rows, columns=[c.name for c in cols])


def user_count(ws: Workspace) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(web_user)).scalar_one())


def set_password(ws: Workspace, username: str, password: str, *, by: str | None = None) -> None:
    """Change a password (it must meet the rules); every session and API token of the user ends."""
    u = get_user(ws, username)
    check_password(password, context=password_context(ws, username, u.display_name, u.region_code, u.role))
    pw = hash_password(password)
    with ws.engine.begin() as conn:
        conn.execute(web_user.update().where(web_user.c.username == username).values(
            password_hash=pw, token_version=web_user.c.token_version + 1))
    audit.record(ws, by, "user.password", target=username)


def set_active(ws: Workspace, username: str, active: bool, *, by: str | None = None) -> None:
    """Enable or disable an account (a disabled user cannot log in; tokens stop working)."""
    get_user(ws, username)
    with ws.engine.begin() as conn:
        conn.execute(web_user.update().where(web_user.c.username == username).values(
            active=active, token_version=web_user.c.token_version + 1))
    audit.record(ws, by, "user.enable" if active else "user.disable", target=username)


def set_scope(ws: Workspace, username: str, *, role: str, region_code: str | None, by: str | None = None) -> User:
    """Change the role and region scope of a user."""
    get_user(ws, username)
    r = parse_role(role)
    code = _check_region(ws, r, region_code)
    with ws.engine.begin() as conn:
        conn.execute(web_user.update().where(web_user.c.username == username).values(
            role=r.value, region_code=code, token_version=web_user.c.token_version + 1))
    audit.record(ws, by, "user.scope", target=username, details={"role": r.value, "region_code": code})
    return get_user(ws, username)


def delete_user(ws: Workspace, username: str, *, by: str | None = None) -> None:
    """Delete an account and its sessions (a later account with the same name starts afresh)."""
    u = get_user(ws, username)
    with ws.engine.begin() as conn:
        conn.execute(web_session.delete().where(web_session.c.user_id == u.id))
        conn.execute(web_user.delete().where(web_user.c.id == u.id))
    audit.record(ws, by, "user.delete", target=username)


def authenticate(ws: Workspace, username: str, password: str, *, ip: str | None = None) -> User | None:
    """The user if ``username``/``password`` are right, the account active and not throttled.

    Every attempt is audited and counted by the throttle before the password is checked
    (:func:`xinzhi.access.throttle.reserve`, which raises
    :class:`~xinzhi.access.throttle.Throttled`); a success clears the user name's count.
    """
    try:
        throttle.reserve(ws, username, ip=ip)
    except throttle.Throttled:
        audit.record(ws, username[:64], "login.throttled", ip=ip)
        raise
    with ws.engine.connect() as conn:
        row = conn.execute(sa.select(web_user).where(web_user.c.username == username)).mappings().first()
    if row is None:
        verify_password(password, dummy_hash())  # same work whether or not the user exists
        ok = False
    else:
        ok = verify_password(password, row["password_hash"]) and bool(row["active"])
    if not ok:
        audit.record(ws, username[:64], "login.failed", ip=ip)
        return None
    throttle.succeeded(ws, username)
    audit.record(ws, username, "login", ip=ip)
    assert row is not None
    return _row_to_user(row)
