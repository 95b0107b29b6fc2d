"""The audit log: logins (and failed logins), exports and changes, in the catalog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa

from xinzhi.access.models import audit_log
from xinzhi.workspace.catalog import now

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace


def record(
    ws: Workspace,
    username: str | None,
    action: str,
    *,
    target: str | None = None,
    ip: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> None:
    """Append one entry (``action`` such as ``login``, ``export``, ``user.add``)."""
    with ws.engine.begin() as conn:
        conn.execute(audit_log.insert().values(
            at=now(), username=username, action=action, target=target, ip=ip,
            details=dict(details) if details else None,
        ))


def entries(ws: Workspace, *, limit: int = 200, action: str | None = None,
            username: str | None = None) -> pd.DataFrame:
    """The newest ``limit`` entries, optionally of one action prefix or one user."""
    q = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action:
        q = q.where(audit_log.c.action.startswith(action))
    if username:
        q = q.where(audit_log.c.username == username)
    with ws.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    return pd.DataFrame(rows, columns=[c.name for c in audit_log.columns])
