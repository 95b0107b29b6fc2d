"""Login throttling: after :data:`MAX_FAILURES` failed logins for one username (or from one
address) within :data:`WINDOW`, further attempts are refused until the window has passed.

Failures are stored in the catalog (``login_attempt``), so the limit holds across restarts and
across several servers sharing a PostgreSQL catalog. A successful login clears the username's
failures.
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


def check(ws: Workspace, username: str, *, ip: str | None = None) -> None:
    """Raise :class:`Throttled` when ``username`` or ``ip`` has too many recent failures."""
    since = now() - WINDOW
    with ws.engine.connect() as conn:
        by_user = conn.execute(
            sa.select(sa.func.count()).select_from(login_attempt)
            .where(login_attempt.c.username == username, login_attempt.c.at >= since)
        ).scalar_one()
        by_ip = 0
        if ip:
            by_ip = conn.execute(
                sa.select(sa.func.count()).select_from(login_attempt)
                .where(login_attempt.c.ip == ip, login_attempt.c.at >= since)
            ).scalar_one()
    if by_user >= MAX_FAILURES or by_ip >= MAX_FAILURES_PER_IP:
        minutes = int(WINDOW.total_seconds() // 60)
        raise Throttled(f"too many failed logins; try again in {minutes} minutes")


def failed(ws: Workspace, username: str, *, ip: str | None = None) -> None:
    with ws.engine.begin() as conn:
        conn.execute(login_attempt.insert().values(at=now(), username=username[:64], ip=ip))


def succeeded(ws: Workspace, username: str) -> None:
    with ws.engine.begin() as conn:
        conn.execute(login_attempt.delete().where(login_attempt.c.username == username))
