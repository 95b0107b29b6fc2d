"""Who is asking: the signed-cookie session (pages) or a JWT bearer token (API), CSRF, and the
client's address.

Both kinds of credential carry only the id of a server-side session
(:mod:`xinzhi.access.sessions`): Starlette's signed cookie (itsdangerous) holds the session id
and a CSRF token, the JWT the session id. A request is accepted while that session is open.
Every form carries the CSRF token in a hidden ``csrf_token`` field and every POST handler calls
:func:`check_csrf`.
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request

from xinzhi.access import sessions
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
    sid = request.session.get("sid")
    if not sid:
        if request.session.get("user"):  # a cookie from before server-side sessions: log in again
            request.session.clear()
        return None
    user = state_of(request).sessions.user(str(sid))
    if user is None:
        request.session.clear()
    return user


def _bearer_user(request: Request) -> User | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    st = state_of(request)
    try:
        sid = read_token(header[7:].strip(), st.secret)
    except TokenError:
        sid = None
    user = st.sessions.user(sid) if sid else None
    if user is None:
        raise HTTPException(status_code=401, detail="invalid or expired token",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def start_session(request: Request, user: User) -> None:
    """Log ``user`` in on this browser: a new server-side session (a new id, so a session id
    planted before the login is worthless) and a new CSRF token."""
    st = state_of(request)
    s = sessions.open_session(st.ws, user, kind="cookie", ip=client_ip(request), lifetime=st.session_lifetime)
    request.session.clear()
    request.session["sid"] = s.id


def end_session(request: Request) -> None:
    """Log this browser out: the server-side session is revoked, so the cookie is worthless
    even if a copy was kept."""
    sid = request.session.get("sid")
    if sid:
        st = state_of(request)
        sessions.revoke(st.ws, str(sid))
        st.sessions.forget(str(sid))
    request.session.clear()


def end_token(request: Request) -> bool:
    """Revoke the API session of the request's bearer token; returns whether one was open."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return False
    st = state_of(request)
    try:
        sid = read_token(header[7:].strip(), st.secret)
    except TokenError:
        return False
    st.sessions.forget(sid)
    return sessions.revoke(st.ws, sid)


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
    """The client's address: the connection's peer, or, when the peer is one of the proxies
    configured in ``trusted_proxies`` (``$XINZHI_TRUSTED_PROXIES``), the last address in
    ``X-Forwarded-For`` that is not a trusted proxy. A client cannot choose the address the
    throttle and the audit log see by sending the header itself."""
    peer = request.client.host if request.client else None
    proxies = state_of(request).trusted_proxies
    if not peer or not proxies.trusts(peer):
        return peer
    forwarded = [a.strip() for h in request.headers.getlist("x-forwarded-for") for a in h.split(",") if a.strip()]
    for addr in reversed(forwarded):
        if not proxies.trusts(addr):
            return addr[:64]
    return peer
