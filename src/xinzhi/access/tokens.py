"""API tokens: JWT (HS256) signed with the workspace's web secret.

A token names the user and carries their ``token_version``; changing a password, the scope or
disabling the account increments the version, so every earlier token stops working. The
secret comes from ``$XINZHI_SECRET_KEY`` or is generated once and kept in the catalog.
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
    from xinzhi.access.users import User
    from xinzhi.workspace import Workspace

ALGORITHM = "HS256"
DEFAULT_LIFETIME = timedelta(hours=12)
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


def issue_token(user: User, key: str, *, lifetime: timedelta = DEFAULT_LIFETIME) -> str:
    """A signed JWT for ``user``, valid for ``lifetime``."""
    t = now()
    claims = {"sub": user.username, "ver": user.token_version, "iat": t, "exp": t + lifetime,
              "iss": "xinzhi"}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def read_token(token: str, key: str) -> tuple[str, int]:
    """The (username, token_version) of a valid token; raises :class:`TokenError`."""
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM], issuer="xinzhi",
                            options={"require": ["sub", "exp", "iat"]})
    except jwt.PyJWTError as exc:
        raise TokenError(f"invalid token: {exc}") from None
    return str(claims["sub"]), int(claims.get("ver", 0))
