"""Catalog tables of the access layer (created by Alembic revision 0002).

``web_user`` holds accounts, ``audit_log`` logins, exports and changes, ``login_attempt`` the
login attempts counted by the throttle, ``web_session`` (revision 0003) the server-side
sessions of browser logins and API tokens. ``web_enterprise`` is the PostgreSQL mirror of the
enterprise rows the web serves (see :mod:`xinzhi.access.rls`); it stays empty on SQLite.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

web_user = sa.Table(
    "web_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.String(128), nullable=True),
    sa.Column("password_hash", sa.String(256), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("region_code", sa.String(16), nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("token_version", sa.Integer, nullable=False, default=0),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=True),
    sa.Column("action", sa.String(32), nullable=False, index=True),
    sa.Column("target", sa.String(256), nullable=True),
    sa.Column("ip", sa.String(64), nullable=True),
    sa.Column("details", sa.JSON, nullable=True),
)

login_attempt = sa.Table(
    "login_attempt",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("ip", sa.String(64), nullable=True),
)

web_session = sa.Table(
    "web_session",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(8), nullable=False),  # cookie (a browser login) or token (API)
    sa.Column("token_version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("ip", sa.String(64), nullable=True),
)

web_enterprise = sa.Table(
    "web_enterprise",
    metadata,
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
