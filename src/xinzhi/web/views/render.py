"""Rendering a page: the shared template context (language, user, demo label, CSRF token)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from xinzhi.access.users import User
from xinzhi.web.auth import _session_user, csrf_token, state_of
from xinzhi.web.formatting import present
from xinzhi.web.i18n import LANGS, gettext, label

NAV = ("overview", "compare", "structure", "clusters", "chains", "enterprises", "support", "delivery", "news")


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "zh"
    return lang if lang in LANGS else "zh"


def render(request: Request, template: str, context: dict[str, Any], *, user: User | None = None,
           status_code: int = 200) -> HTMLResponse:
    st = state_of(request)
    lang = lang_of(request)
    if user is None:
        user = _session_user(request) if "session" in request.scope else None  # error pages keep the navigation
    ctx = {
        "request": request, "lang": lang, "t": gettext(lang), "label": lambda k: label(lang, k),
        "present": lambda frame, table=None, max_rows=None: present(frame, lang=lang, table=table, max_rows=max_rows,
                                                                     region_names=st.data.region_display(lang)),
        "user": user, "nav": NAV, "is_demo": st.data.is_demo,
        "demo_note": st.data.demo_note(),
        "csrf": csrf_token(request), "path": request.url.path,
        "query": request.url.query, **context,
    }
    resp = st.templates.TemplateResponse(request, template, ctx, status_code=status_code)
    if request.query_params.get("lang") in LANGS:
        resp.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    return resp
