"""Server-side sessions of browser logins and API tokens.

Every login (``POST /login``), every API token (``POST /api/v1/token``, ``xinzhi user token``)
opens a row of ``web_session`` with a random id, the account's row id, the account's token
version and an absolute expiry (12 hours). The browser's signed cookie and the JWT carry only
that id. A request is accepted only while its session row exists, is not revoked, has not
expired, and its account is active with the same token version:

* ``POST /logout`` (and ``POST /api/v1/logout`` for a token) revokes the session, so the old
  cookie or token stops working at once, even if a copy of it was kept;
* using a session never extends it: it ends at its expiry however often it is used;
* changing a password, role or scope, or disabling the account, ends every session of it
  (the token version changes); deleting the account deletes its sessions;
* the session names an account row, never a user name, so a new account that takes a
  deleted account's name gets none of its sessions.

Each server process re-reads a session at most once per :data:`RECHECK` second; a revocation
made in another process therefore takes effect there within a second (at once in the process
that made it).
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from xinzhi.access.models import web_session, web_user
from xinzhi.workspace.catalog import now

if TYPE_CHECKING:
    from xinzhi.access.users import User
    from xinzhi.workspace import Workspace

LIFETIME = timedelta(hours=12)
RECHECK = 1.0
KINDS = ("cookie", "token")


@dataclass(frozen=True)
class Session:
    id: str
    user_id: int
    kind: str
    expires_at: datetime


def open_session(ws: Workspace, user: User, *, kind: str, ip: str | None = None,
                 lifetime: timedelta = LIFETIME) -> Session:
    """Start a session of ``user`` (``kind`` ``cookie`` or ``token``) ending after ``lifetime``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    t = now()
    sid = secrets.token_urlsafe(32)
    with ws.engine.begin() as conn:
        conn.execute(web_session.delete().where(web_session.c.expires_at < t - timedelta(days=1)))
        conn.execute(web_session.insert().values(
            id=sid, user_id=user.id, kind=kind, token_version=user.token_version, created_at=t,
            expires_at=t + lifetime, revoked_at=None, ip=ip))
    return Session(sid, user.id, kind, t + lifetime)


def revoke(ws: Workspace, session_id: str) -> bool:
    """End one session now; returns whether it was open."""
    with ws.engine.begin() as conn:
        done = conn.execute(web_session.update().where(
            web_session.c.id == session_id, web_session.c.revoked_at.is_(None)).values(revoked_at=now()))
    return bool(done.rowcount)


def revoke_all(ws: Workspace, user_id: int) -> int:
    """End every open session of an account; returns how many."""
    with ws.engine.begin() as conn:
        done = conn.execute(web_session.update().where(
            web_session.c.user_id == user_id, web_session.c.revoked_at.is_(None)).values(revoked_at=now()))
    return int(done.rowcount or 0)


def session_user(ws: Workspace, session_id: str) -> User | None:
    """The account of an open session, or ``None`` (unknown, revoked, expired, account disabled,
    deleted, or its password, role or scope changed since)."""
    from xinzhi.access.users import _row_to_user

    q = (sa.select(web_user)
         .join(web_session, web_session.c.user_id == web_user.c.id)
         .where(web_session.c.id == session_id, web_session.c.revoked_at.is_(None),
                web_session.c.expires_at > now(), web_user.c.active.is_(True),
                web_session.c.token_version == web_user.c.token_version))
    with ws.engine.connect() as conn:
        row = conn.execute(q).mappings().first()
    return None if row is None else _row_to_user(row)


class SessionCache:
    """:func:`session_user` re-read at most once per :data:`RECHECK` second per session (one
    server process), bounded in size; :meth:`forget` drops a session at once."""

    def __init__(self, ws: Workspace, *, max_entries: int = 20_000):
        self.ws = ws
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[float, User | None]] = {}

    def user(self, session_id: str) -> User | None:
        t = time.monotonic()
        with self._lock:
            hit = self._seen.get(session_id)
        if hit is not None and t - hit[0] < RECHECK:
            return hit[1]
        user = session_user(self.ws, session_id)
        with self._lock:
            if len(self._seen) >= self.max_entries:
                stale = [k for k, (at, _) in self._seen.items() if t - at >= RECHECK]
                for k in stale or list(self._seen)[: self.max_entries // 2]:
                    del self._seen[k]
            self._seen[session_id] = (t, user)
        return user

    def forget(self, session_id: str) -> None:
        with self._lock:
            self._seen.pop(session_id, None)
