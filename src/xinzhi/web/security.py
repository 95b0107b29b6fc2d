"""Response headers that limit what a browser lets a page do, and the proxies whose
``X-Forwarded-For`` is believed.

Every response carries:

* ``Content-Security-Policy``: scripts, styles, images and connections from the server itself
  only (no CDN, no inline script except the one ``onchange="this.form.submit()"`` handler of
  the page controls, allowed by its hash); no plugins; forms post to the server only; no page
  may frame the dashboard (``frame-ancestors 'none'``);
* ``X-Frame-Options: DENY`` (the same for older browsers), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: same-origin``, and ``Strict-Transport-Security`` when the app is served
  over HTTPS only.

The API documentation page (``/api/docs``) starts Swagger UI with an inline script (FastAPI's
page), so there inline scripts are allowed; everything else of the policy holds.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ENV_PROXIES = "XINZHI_TRUSTED_PROXIES"

#: inline event handlers the templates use, allowed by hash ('unsafe-hashes'); a template that
#: adds another must add it here (or move it to static/app.js)
INLINE_HANDLERS = (
    "this.form.submit()",  # the page controls' selects
    "this.parentNode.nextElementSibling.textContent = this.files.length ? this.files[0].name : ''",  # file name
)


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def content_security_policy(*, strict_scripts: bool = True) -> str:
    """The policy of every page; ``strict_scripts=False`` (the API documentation page only)
    allows inline scripts, which Swagger UI's page needs to start."""
    script = ("script-src 'self' 'unsafe-hashes' " + " ".join(_hash(h) for h in INLINE_HANDLERS)
              if strict_scripts else "script-src 'self' 'unsafe-inline'")
    parts = [
        "default-src 'self'",
        script,
        "style-src 'self' 'unsafe-inline'",  # Plotly sets inline styles on the charts it draws
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(parts)


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: Any, *, https_only: bool = False, relaxed_paths: Iterable[str] = ("/api/docs",)):
        self.app = app
        common = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                  (b"referrer-policy", b"same-origin")]
        if https_only:
            common.append((b"strict-transport-security", b"max-age=31536000"))
        self.headers = [(b"content-security-policy", content_security_policy().encode()), *common]
        self.relaxed = [(b"content-security-policy", content_security_policy(strict_scripts=False).encode()), *common]
        self.relaxed_paths = tuple(relaxed_paths)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.relaxed if scope.get("path", "").startswith(self.relaxed_paths) else self.headers

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *[(k, v) for k, v in extra if k not in names]]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True)
class TrustedProxies:
    """Addresses (``10.0.0.5``), networks (``10.0.0.0/8``) or names of the reverse proxies in
    front of the server; only a request coming from one of them may name the client's address
    in ``X-Forwarded-For``. Empty (the default) trusts no proxy."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    names: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, spec: str | Iterable[str] | None) -> TrustedProxies:
        if spec is None:
            spec = os.environ.get(ENV_PROXIES, "")
        items = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s and s.strip()]
        nets, names = [], set()
        for item in items:
            try:
                nets.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                names.add(item)
        return cls(tuple(nets), frozenset(names))

    def __bool__(self) -> bool:
        return bool(self.networks or self.names)

    def trusts(self, addr: str) -> bool:
        if addr in self.names:
            return True
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            return False
        return any(ip in n for n in self.networks)
