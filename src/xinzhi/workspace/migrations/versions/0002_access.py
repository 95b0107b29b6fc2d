"""Access control: web users, audit log, login attempts, and the PostgreSQL mirror of the
enterprise rows the web serves, guarded by row-level security.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

On PostgreSQL this revision also creates the NOLOGIN role ``xinzhi_web`` (the role the web
application switches to with ``SET LOCAL ROLE`` before reading ``web_enterprise``) and a policy
that shows a row only when its ``region_code`` or ``park_code`` is in the comma-separated list
held by the session setting ``app.scope_codes`` (``*`` for an unrestricted administrator).
Without the setting no row is visible. On SQLite the mirror table stays empty and unused.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_POLICY = """
CREATE POLICY web_enterprise_scope ON web_enterprise FOR SELECT TO xinzhi_web USING (
    current_setting('app.scope_codes', true) = '*'
    OR region_code = ANY (string_to_array(current_setting('app.scope_codes', true), ','))
    OR park_code = ANY (string_to_array(current_setting('app.scope_codes', true), ','))
)
"""

_ROLE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xinzhi_web') THEN
        CREATE ROLE xinzhi_web NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    BEGIN
        EXECUTE format('GRANT xinzhi_web TO %I', current_user);
    EXCEPTION WHEN others THEN
        RAISE NOTICE 'could not grant xinzhi_web to %', current_user;
    END;
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "web_user",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(128), nullable=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("region_code", sa.String(16), nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("token_version", sa.Integer, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("username", sa.String(64), nullable=True),
        sa.Column("action", sa.String(32), nullable=False, index=True),
        sa.Column("target", sa.String(256), nullable=True),
        sa.Column("ip", sa.String(64), nullable=True),
        sa.Column("details", sa.JSON, nullable=True),
    )
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("username", sa.String(64), nullable=False, index=True),
        sa.Column("ip", sa.String(64), nullable=True),
    )
    op.create_table(
        "web_enterprise",
        sa.Column("credit_code", sa.String(18), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("region_code", sa.String(16), nullable=False, index=True),
        sa.Column("park_code", sa.String(32), nullable=True, index=True),
        sa.Column("industry_code", sa.String(8), nullable=False),
        sa.Column("size_class", sa.String(16), nullable=True),
        sa.Column("above_scale", sa.Boolean, nullable=True),
        sa.Column("established_year", sa.Integer, nullable=True),
        sa.Column("tags", sa.Text, nullable=True),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_ROLE)
        op.execute("GRANT SELECT ON web_enterprise TO xinzhi_web")
        op.execute("ALTER TABLE web_enterprise ENABLE ROW LEVEL SECURITY")
        op.execute(_POLICY)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS web_enterprise_scope ON web_enterprise")
        op.execute("REVOKE ALL ON web_enterprise FROM xinzhi_web")
    for name in ("web_enterprise", "login_attempt", "audit_log", "web_user"):
        op.drop_table(name)
