"""Rendering a page: the shared template context (language, user, demo label, CSRF token)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import Request
from fastapi.responses import HTMLResponse

from xinzhi.access.users import User
from xinzhi.web.auth import csrf_token, state_of
from xinzhi.web.i18n import LANGS, gettext, label

NAV = ("overview", "structure", "clusters", "chains", "enterprises", "support", "delivery", "news")


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "zh"
    return lang if lang in LANGS else "zh"


def fmt(v: Any, col: str = "year") -> str:
    """A cell of column ``col`` for display: thousands separators, whole floats (counts) without
    decimals, 3 significant digits below 1, 2 decimals below 1000; integers 1900–2100 without a
    separator only in year columns (``col`` containing ``year``)."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):  # dates without a time of day as dates
        return v.strftime("%Y-%m-%d") if v == v.normalize() else v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, bool):
        return "✓" if v else ""
    if isinstance(v, float) and v.is_integer() and abs(v) >= 2:  # counts stored as floats: 977, not 977.00
        return fmt(int(v), col)
    if isinstance(v, int):
        return str(v) if 1900 <= v <= 2100 and "year" in col else f"{v:,}"
    if isinstance(v, float):
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        return f"{v:.3g}" if abs(v) < 1 else f"{v:,.2f}"
    return str(v)


def render(request: Request, template: str, context: dict[str, Any], *, user: User | None = None,
           status_code: int = 200) -> HTMLResponse:
    st = state_of(request)
    lang = lang_of(request)
    ctx = {
        "request": request, "lang": lang, "t": gettext(lang), "label": lambda k: label(lang, k),
        "fmt": fmt, "user": user, "nav": NAV, "is_demo": st.data.is_demo,
        "demo_note": st.data.demo_note(),
        "csrf": csrf_token(request), "path": request.url.path,
        "query": request.url.query, **context,
    }
    resp = st.templates.TemplateResponse(request, template, ctx, status_code=status_code)
    if request.query_params.get("lang") in LANGS:
        resp.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    return resp
