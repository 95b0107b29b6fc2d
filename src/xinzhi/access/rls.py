"""PostgreSQL row-level security for the enterprise rows the web serves.

The enterprise tables live in Parquet snapshots read by DuckDB, outside the catalog, so a
PostgreSQL policy cannot guard them where they are stored. With a PostgreSQL catalog the web
application therefore *mirrors* the current ``enterprise`` snapshot into the catalog table
``web_enterprise`` (:func:`sync_mirror`) and reads the enterprise rows of the enterprise list,
the enterprise pages, search and the enterprise exports from that table with
:func:`scoped_rows`, inside a transaction that switches to the unprivileged role
``xinzhi_web`` and sets ``app.scope_codes``. The policy created by catalog revision 0002 then
returns only rows whose ``region_code`` or ``park_code`` is in the scope, a second time after
the application's own check (:func:`xinzhi.access.scope.restrict`).

What RLS covers: the identity and registration of each enterprise (name, region, park,
industry, size, tags). Figures per enterprise (``enterprise_year``, evaluation results) are
joined to the RLS-filtered rows by credit code, so a row the policy hides cannot appear with
its figures either. Region-level aggregates (overview, structure) are not enterprise-level
and are not mirrored.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa

from xinzhi.access.models import web_enterprise

if TYPE_CHECKING:
    from xinzhi.access.scope import Scope
    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

WEB_ROLE = "xinzhi_web"
_META = "web_enterprise_snapshot"
COLUMNS = [c.name for c in web_enterprise.columns]


def is_postgres(ws: Workspace) -> bool:
    """Whether the workspace catalog is PostgreSQL (so the RLS path applies)."""
    return ws.engine.dialect.name == "postgresql"


def sync_mirror(ws: Workspace) -> bool:
    """Copy the current ``enterprise`` snapshot into ``web_enterprise`` if it changed.

    Returns True when rows were copied. Runs as the catalog's own user (the table owner).
    """
    snap = ws.current("enterprise")
    key = snap.id if snap else "empty"
    if ws.get_meta(_META) == key:
        return False
    frame = ws.to_pandas("enterprise")[COLUMNS]
    frame = frame.astype(object).where(frame.notna(), None)
    rows = frame.to_dict("records")
    with ws.engine.begin() as conn:
        conn.execute(web_enterprise.delete())
        for i in range(0, len(rows), 5000):
            conn.execute(web_enterprise.insert(), rows[i:i + 5000])
    ws.set_meta(_META, key)
    logger.info("mirrored %d enterprises into web_enterprise (snapshot %s)", len(rows), key)
    return True


def scope_setting(scope: Scope) -> str:
    """The value of ``app.scope_codes`` for ``scope``: ``*`` or comma-separated codes."""
    return "*" if scope.unrestricted else ",".join(scope.sorted_codes())


def scoped_rows(ws: Workspace, scope: Scope, *, credit_code: str | None = None) -> pd.DataFrame:
    """Enterprise rows of ``web_enterprise`` as the policy lets ``scope`` see them.

    The query runs as role ``xinzhi_web`` with ``app.scope_codes`` set for this transaction
    only (``SET LOCAL``), so PostgreSQL itself filters the rows.
    """
    q = sa.select(web_enterprise)
    if credit_code is not None:
        q = q.where(web_enterprise.c.credit_code == credit_code)
    with ws.engine.begin() as conn:
        conn.execute(sa.text(f"SET LOCAL ROLE {WEB_ROLE}"))
        conn.execute(sa.text("SELECT set_config('app.scope_codes', :v, true)"), {"v": scope_setting(scope)})
        rows = conn.execute(q).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=COLUMNS)


def scoped_codes(ws: Workspace, scope: Scope) -> list[str]:
    """Credit codes of the ``web_enterprise`` rows the policy lets ``scope`` see (the same
    query as :func:`scoped_rows`, one column: what the web intersects its cached lists with)."""
    with ws.engine.begin() as conn:
        conn.execute(sa.text(f"SET LOCAL ROLE {WEB_ROLE}"))
        conn.execute(sa.text("SELECT set_config('app.scope_codes', :v, true)"), {"v": scope_setting(scope)})
        joined = conn.execute(sa.select(sa.func.string_agg(web_enterprise.c.credit_code, ","))).scalar()
    return joined.split(",") if joined else []  # one text instead of one row per firm (credit codes hold no comma)
