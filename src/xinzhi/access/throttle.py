"""Login throttling: after :data:`MAX_FAILURES` failed logins for one username (or
:data:`MAX_FAILURES_PER_IP` from one address) within :data:`WINDOW`, further attempts are
refused until the window has passed.

Attempts are stored in the catalog (``login_attempt``), so the limit holds across restarts and
across several servers sharing a PostgreSQL catalog, and they are counted atomically before
the password is checked (:func:`reserve`), so the limit also holds for attempts sent at once.
A successful login clears the username's attempts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from xinzhi.access.models import login_attempt
from xinzhi.errors import XinzhiError
from xinzhi.workspace.catalog import now

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

MAX_FAILURES = 5
MAX_FAILURES_PER_IP = 20
WINDOW = timedelta(minutes=15)


class Throttled(XinzhiError):
    """Too many failed logins; the message does not say whether the user exists."""


#: the PostgreSQL advisory lock that serialises the counting of login attempts
_ADVISORY_KEY = int.from_bytes(b"xz-login", "big", signed=True)


def reserve(ws: Workspace, username: str, *, ip: str | None = None) -> None:
    """Count this login attempt *before* the password is checked, or raise :class:`Throttled`.

    The attempt is inserted and the recent attempts of the user name and of the address are
    counted in one transaction that no other reservation can interleave with (on SQLite the
    insert takes the database's write lock first; on PostgreSQL an advisory lock is taken), so
    thirty wrong passwords sent at once get exactly :data:`MAX_FAILURES` checks, not thirty.
    A successful login removes the user name's attempts (:func:`succeeded`); a failed one
    stays counted. A refused attempt is not stored.
    """
    t = now()
    since = t - WINDOW
    with ws.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
        conn.execute(login_attempt.insert().values(at=t, username=username[:64], ip=ip))
        by_user = conn.execute(
            sa.select(sa.func.count()).select_from(login_attempt)
            .where(login_attempt.c.username == username[:64], login_attempt.c.at >= since)
        ).scalar_one()
        by_ip = 0
        if ip:
            by_ip = conn.execute(
                sa.select(sa.func.count()).select_from(login_attempt)
                .where(login_attempt.c.ip == ip, login_attempt.c.at >= since)
            ).scalar_one()
        if by_user > MAX_FAILURES or by_ip > MAX_FAILURES_PER_IP:
            minutes = int(WINDOW.total_seconds() // 60)
            raise Throttled(f"too many failed logins; try again in {minutes} minutes")  # rolls back the insert


def succeeded(ws: Workspace, username: str) -> None:
    with ws.engine.begin() as conn:
        conn.execute(login_attempt.delete().where(login_attempt.c.username == username[:64]))
