"""Rendered pages kept for reuse: an ASGI middleware between the session and the routes.

A dashboard page is the same document every time the same user asks for the same address with
the same language while the workspace does not change; building it (queries, figures, tables,
template) costs 30–250 ms of CPU, sending a kept copy well under one. The key of a page is
everything that decides it:

* the user (name, role and region scope: a changed scope makes new pages);
* the path and the whole query string, and the page's language (the query's ``lang``, else the
  ``lang`` cookie);
* what the session remembers besides its id and CSRF token (the region last chosen on a support
  page, which a support page without ``region=`` shows);
* the data: the current snapshot id of every table and the latest evaluation, gradient and
  digital runs (:meth:`xinzhi.web.service.WebData.data_version`), so an import or a new run is
  seen by the next request after the snapshot ids are read again (at most
  :data:`xinzhi.web.service.FRESHNESS` seconds, as for every other cache of the web layer).

What differs between two sessions of one user, the CSRF token in the page's forms, is not
kept: it is replaced by a placeholder when the page is stored and by the asking session's token
when it is sent. What a page writes to the session (a support page remembers the region it
showed) is kept with it and written again when the kept page is sent. Only complete ``200`` HTML
answers to ``GET`` are kept, for the paths in :data:`CACHED_PATHS`: never an export (not HTML),
and every API, login and admin route always runs. A request without a valid
session always runs the route (which sends it to the login page): a kept page is never sent
to anyone but a logged-in user of the key. The cache is bounded by the bytes it holds
(:data:`BUDGET`, ``XINZHI_WEB_PAGE_CACHE_MB``), least recently used first out.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any

from starlette.requests import Request

from xinzhi.web.views.render import lang_of

#: paths whose pages are kept (prefixes: ``/enterprises`` covers the list and each firm)
CACHED_PATHS = ("/overview", "/compare", "/structure", "/clusters", "/chains", "/enterprises", "/delivery",
                "/news", "/glossary", "/support")
#: session entries that are not part of a page's key (they differ between sessions of one user)
SESSION_OWN = frozenset({"sid", "csrf"})
#: bytes of kept pages at most
BUDGET = int(float(os.environ.get("XINZHI_WEB_PAGE_CACHE_MB", "64")) * 1024 * 1024)
PLACEHOLDER = b"\x00xinzhi-csrf\x00"
_MISSING = object()
#: a kept page: response headers, body (CSRF token replaced by :data:`PLACEHOLDER`), session writes
Page = tuple[list[tuple[bytes, bytes]], bytes, dict[str, Any]]


class PageStore:
    """Kept pages by key, least recently used first out when over ``budget`` bytes."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.size = 0
        self.pages: OrderedDict[tuple[Any, ...], Page] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Page | None:
        hit = self.pages.get(key)
        if hit is not None:
            self.pages.move_to_end(key)
        return hit

    def put(self, key: tuple[Any, ...], headers: list[tuple[bytes, bytes]], body: bytes,
            session: dict[str, Any] | None = None) -> None:
        if len(body) > self.budget:
            return
        old = self.pages.pop(key, None)
        if old is not None:
            self.size -= len(old[1])
        self.pages[key] = (headers, body, dict(session or {}))
        self.size += len(body)
        while self.size > self.budget and self.pages:
            _, (_, dropped, _) = self.pages.popitem(last=False)
            self.size -= len(dropped)


class PageCache:
    """ASGI middleware keeping rendered pages (see the module text). It must sit inside the
    session middleware (added before it), so that ``scope["session"]`` is there."""

    def __init__(self, app: Any, *, budget: int = BUDGET) -> None:
        self.app = app
        self.store = PageStore(budget)

    def _key(self, scope: dict[str, Any]) -> tuple[tuple[Any, ...], str] | None:
        """The page's key and the session's CSRF token, or None when the request must run."""
        if scope["type"] != "http" or scope.get("method") != "GET":
            return None
        path = str(scope.get("path", ""))
        if not path.startswith(CACHED_PATHS):
            return None
        session = scope.get("session") or {}
        sid, csrf = session.get("sid"), session.get("csrf")
        if not sid or not csrf:
            return None
        state = scope["app"].state.xinzhi
        user = state.sessions.user(str(sid))
        if user is None:
            return None
        query = scope.get("query_string", b"")
        lang = lang_of(Request(scope))  # the page's language, read as the page reads it
        remembered = tuple(sorted((str(k), repr(v)) for k, v in session.items() if k not in SESSION_OWN))
        key = (user.username, user.role, user.region_code, path, query, lang, remembered, state.data.data_version())
        return key, str(csrf)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        found = self._key(scope)
        if found is None:
            await self.app(scope, receive, send)
            return
        key, csrf = found
        token = csrf.encode()
        hit = self.store.get(key)
        if hit is not None:
            headers, body, writes = hit
            scope["session"].update(writes)
            out = body.replace(PLACEHOLDER, token)
            fixed = [(k, str(len(out)).encode() if k == b"content-length" else v) for k, v in headers]
            await send({"type": "http.response.start", "status": 200, "headers": fixed})
            await send({"type": "http.response.body", "body": out})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        before = dict(scope["session"])

        async def keep(message: Any) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._store(key, start, b"".join(chunks), token, before, scope["session"])
            await send(message)

        await self.app(scope, receive, keep)

    def _store(self, key: tuple[Any, ...], start: dict[str, Any], body: bytes, token: bytes,
               before: dict[str, Any], after: dict[str, Any]) -> None:
        headers = [(bytes(k).lower(), bytes(v)) for k, v in start.get("headers", [])]
        kind = dict(headers).get(b"content-type", b"")
        if start.get("status") != 200 or not kind.startswith(b"text/html") or not token:
            return
        if any(k == b"set-cookie" and not v.startswith(b"lang=") for k, v in headers):
            return  # a page that set another cookie than the language runs each time
        if set(before) - set(after) or any(after.get(k) != before.get(k) for k in SESSION_OWN):
            return  # a page that logged in or out, or took something from the session, runs each time
        writes = {k: v for k, v in after.items() if before.get(k, _MISSING) != v}
        self.store.put(key, headers, body.replace(token, PLACEHOLDER), writes)


__all__ = ["BUDGET", "CACHED_PATHS", "PageCache", "PageStore"]
