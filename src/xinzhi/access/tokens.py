"""API tokens: JWT (HS256) signed with the workspace's web secret.

A token carries the id of a server-side session (:mod:`xinzhi.access.sessions`), never a user
name: the session names the account row, so revoking the session, changing the account's
password, role or scope, disabling or deleting it ends the token, and a new account with a
deleted account's name cannot inherit it. The secret comes from ``$XINZHI_SECRET_KEY`` or is
generated once and kept in the catalog.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

import jwt

from xinzhi.errors import XinzhiError
from xinzhi.workspace.catalog import now

if TYPE_CHECKING:
    from xinzhi.access.sessions import Session
    from xinzhi.access.users import User
    from xinzhi.workspace import Workspace

ALGORITHM = "HS256"
DEFAULT_LIFETIME = timedelta(hours=12)  # as sessions.LIFETIME
_SECRET_META = "web_secret_key"


class TokenError(XinzhiError):
    """A token is malformed, expired or revoked."""


def secret_key(ws: Workspace) -> str:
    """The signing secret of this workspace's web application (created on first use)."""
    env = os.environ.get("XINZHI_SECRET_KEY")
    if env:
        return env
    key = ws.get_meta(_SECRET_META)
    if key is None:  # the worker processes starting together all keep the first one stored
        key = ws.setdefault_meta(_SECRET_META, secrets.token_urlsafe(48))
    return key


def issue_token(session: Session, key: str) -> str:
    """A signed JWT for the API ``session``, expiring with it."""
    claims = {"sid": session.id, "sub": str(session.user_id), "iat": now(), "exp": session.expires_at,
              "iss": "xinzhi"}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def new_token(ws: Workspace, user: User, *, ip: str | None = None, lifetime: timedelta = DEFAULT_LIFETIME) -> str:
    """Open an API session for ``user`` and return its token."""
    from xinzhi.access.sessions import open_session

    return issue_token(open_session(ws, user, kind="token", ip=ip, lifetime=lifetime), secret_key(ws))


def read_token(token: str, key: str) -> str:
    """The session id of a well-signed, unexpired token; raises :class:`TokenError`. (Whether
    the session is still open is for :func:`xinzhi.access.sessions.session_user` to say.)"""
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM], issuer="xinzhi",
                            options={"require": ["sid", "sub", "exp", "iat"]})
    except jwt.PyJWTError as exc:
        raise TokenError(f"invalid token: {exc}") from None
    return str(claims["sid"])
