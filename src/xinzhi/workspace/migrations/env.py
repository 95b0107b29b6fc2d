"""Alembic environment: runs on the connection handed over by ``xinzhi.workspace.catalog.migrate``."""

from __future__ import annotations

from alembic import context

from xinzhi.workspace.catalog import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when alembic is run by hand
    import sqlalchemy as sa

    connection = sa.create_engine(context.config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
