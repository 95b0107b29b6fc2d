"""Who is asking: the signed-cookie session (pages) or a JWT bearer token (API), and CSRF.

Sessions are Starlette's signed cookies (itsdangerous); they hold the user name, the token
version and a CSRF token. Every form carries the CSRF token in a hidden ``csrf_token`` field
and every POST handler calls :func:`check_csrf`.
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request

from xinzhi.access.tokens import TokenError, read_token
from xinzhi.access.users import User

if TYPE_CHECKING:
    from xinzhi.web.app import AppState


class LoginRequired(Exception):
    """Raised by page dependencies; the app answers with a redirect to the login page."""


def state_of(request: Request) -> AppState:
    st: AppState = request.app.state.xinzhi
    return st


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use)."""
    tok = request.session.get("csrf")
    if not tok:
        tok = secrets.token_urlsafe(32)
        request.session["csrf"] = tok
    return str(tok)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a form whose CSRF token does not match the session's (403)."""
    expected = request.session.get("csrf")
    if not expected or not submitted or not hmac.compare_digest(str(expected), submitted):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong")


def _session_user(request: Request) -> User | None:
    name = request.session.get("user")
    if not name:
        return None
    user = state_of(request).data.user(str(name))
    if user is None or not user.active or user.token_version != request.session.get("ver"):
        request.session.clear()
        return None
    return user


def _bearer_user(request: Request) -> User | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    st = state_of(request)
    try:
        name, ver = read_token(header[7:].strip(), st.secret)
    except TokenError:
        raise HTTPException(status_code=401, detail="invalid or expired token",
                            headers={"WWW-Authenticate": "Bearer"}) from None
    user = st.data.user(name)
    if user is None or not user.active or user.token_version != ver:
        raise HTTPException(status_code=401, detail="invalid or expired token",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def page_user(request: Request) -> User:
    """Dependency of pages: the logged-in user, else a redirect to ``/login``."""
    user = _session_user(request)
    if user is None:
        raise LoginRequired()
    return user


def api_user(request: Request) -> User:
    """Dependency of the API: the bearer token's user (or the session's), else 401."""
    user = _bearer_user(request) or _session_user(request)
    if user is None:
        raise HTTPException(status_code=401, detail="not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return user


def admin_user(request: Request) -> User:
    user = page_user(request)
    if not user.is_admin:
        raise HTTPException(status_code=403, detail="administrators only")
    return user


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
