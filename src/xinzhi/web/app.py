"""The application factory: ``create_app(ws) -> FastAPI``.

Pages (``views/pages.py``, ``views/admin.py``) and the REST API under ``/api/v1``
(``views/api.py``) call the same :class:`~xinzhi.web.service.WebData` methods and table
functions (:mod:`xinzhi.web.tables`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import plotly
from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from xinzhi import __version__
from xinzhi.access.sessions import SessionCache
from xinzhi.access.tokens import secret_key
from xinzhi.errors import InputError, NotFoundError, XinzhiError
from xinzhi.web.auth import LoginRequired
from xinzhi.web.page_cache import PageCache
from xinzhi.web.security import SecurityHeaders, TrustedProxies
from xinzhi.web.service import WebData

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@dataclass
class AppState:
    """What every request handler reaches through ``request.app.state.xinzhi``."""

    ws: Workspace
    data: WebData
    templates: Jinja2Templates
    secret: str
    sessions: SessionCache
    trusted_proxies: TrustedProxies
    session_lifetime: timedelta


def create_app(ws: Workspace, *, https_only: bool = False, session_max_age: int = 12 * 3600,
               trusted_proxies: str | list[str] | None = None) -> FastAPI:
    """Build the FastAPI application serving the dashboard and the REST API of ``ws``.

    ``trusted_proxies``: addresses or networks of the reverse proxies whose ``X-Forwarded-For``
    names the client (default ``$XINZHI_TRUSTED_PROXIES``, else none). Sessions are server-side
    (:mod:`xinzhi.access.sessions`) and end ``session_max_age`` seconds after the login at the
    latest; the cookie's own lifetime is the same and using it extends nothing on the server.
    """
    from xinzhi.web.views import admin, api, boundaries, docs, pages, support

    secret = secret_key(ws)
    app = FastAPI(
        title="Xinzhi API",
        version=__version__,
        description=("REST API of Xinzhi (新质). Authenticate with `POST /api/v1/token` and send "
                     "`Authorization: Bearer <token>`. Enterprise-level data are limited to the "
                     "user's region scope."),
        docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",  # /api/docs: views/docs.py (offline)
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.xinzhi = AppState(ws, WebData(ws), templates, secret, SessionCache(ws),
                                TrustedProxies.parse(trusted_proxies), timedelta(seconds=session_max_age))
    app.add_middleware(PageCache)  # inside the session middleware: it reads the session
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="xinzhi_session",
                       max_age=session_max_age, same_site="lax", https_only=https_only)
    app.add_middleware(SecurityHeaders, https_only=https_only)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="application/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> Response:
        return await _error(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        return await _error(request, 400, str(exc))

    @app.exception_handler(XinzhiError)
    async def _xinzhi(request: Request, exc: XinzhiError) -> Response:
        return await _error(request, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        return await _error(request, exc.status_code, str(exc.detail), headers=exc.headers)

    async def _error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status, headers=dict(headers or {}))
        from xinzhi.web.views.render import render

        return render(request, "error.html", {"status": status, "message": message}, status_code=status)

    app.include_router(pages.router)
    app.include_router(boundaries.router)
    app.include_router(admin.router)
    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(support.router)
    app.include_router(support.api)
    return app
