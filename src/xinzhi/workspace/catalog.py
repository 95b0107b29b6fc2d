"""The workspace catalog: snapshots, the current snapshot of each table, the import history,
analysis runs and workspace metadata, stored through SQLAlchemy (SQLite file by default,
PostgreSQL by URL) and migrated with Alembic."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

snapshot = sa.Table(
    "snapshot",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("table_name", sa.String(64), nullable=False, index=True),
    sa.Column("path", sa.String(512), nullable=False),
    sa.Column("rows", sa.BigInteger, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("parent_id", sa.String(64), nullable=True),
)

current_snapshot = sa.Table(
    "current_snapshot",
    metadata,
    sa.Column("table_name", sa.String(64), primary_key=True),
    sa.Column("snapshot_id", sa.String(64), sa.ForeignKey("snapshot.id"), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

import_log = sa.Table(
    "import_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.String(128), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),  # import, write, restore
    sa.Column("table_name", sa.String(64), nullable=False, index=True),
    sa.Column("mode", sa.String(16), nullable=False),
    sa.Column("file_name", sa.String(512), nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False),
    sa.Column("rows_in", sa.BigInteger, nullable=False),
    sa.Column("rows_total", sa.BigInteger, nullable=False),
    sa.Column("snapshot_id", sa.String(64), sa.ForeignKey("snapshot.id"), nullable=False),
    sa.Column("details", sa.JSON, nullable=True),
)

run = sa.Table(
    "run",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.String(128), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False, index=True),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("version", sa.String(64), nullable=True),
    sa.Column("result_table", sa.String(64), nullable=False, index=True),
    sa.Column("path", sa.String(512), nullable=False),
    sa.Column("rows", sa.BigInteger, nullable=False),
    sa.Column("params", sa.JSON, nullable=True),
    sa.Column("inputs", sa.JSON, nullable=True),
)

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


def now() -> datetime:
    """Current time in UTC (stored with time zone)."""
    return datetime.now(UTC)


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration pointing at the migrations shipped in the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the catalog schema to the newest Alembic revision."""
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def upsert(conn: sa.Connection, table: sa.Table, values: dict[str, object], key: list[str], *,
           update: bool) -> Any:
    """One atomic ``INSERT ... ON CONFLICT`` statement for SQLite or PostgreSQL: with
    ``update`` the existing row takes ``values``, else it is kept as it is."""
    from sqlalchemy.dialects import postgresql, sqlite

    stmt: Any = (postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)).values(**values)
    if update:
        return stmt.on_conflict_do_update(index_elements=key,
                                          set_={k: v for k, v in values.items() if k not in key})
    return stmt.on_conflict_do_nothing(index_elements=key)


def make_engine(url: str) -> Engine:
    """A SQLAlchemy engine; SQLite gets WAL mode, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)
