"""Administration pages: users (add, disable, change scope) and the audit log."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from xinzhi.access import audit
from xinzhi.access.roles import ROLES
from xinzhi.access.users import User, add_user, list_users, set_active, set_password
from xinzhi.errors import XinzhiError
from xinzhi.web.auth import admin_user, check_csrf, state_of
from xinzhi.web.views.render import render

router = APIRouter(include_in_schema=False)


def _admin_page(request: Request, user: User, error: str | None = None, status_code: int = 200) -> Response:
    st = state_of(request)
    return render(request, "admin.html", {"users": list_users(st.ws), "audit": audit.entries(st.ws, limit=100),
                                          "roles": ROLES, "error": error, "page": "admin"},
                  user=user, status_code=status_code)


@router.get("/admin")
def admin(request: Request, user: User = Depends(admin_user)) -> Response:
    return _admin_page(request, user)


@router.post("/admin/users")
def admin_add(request: Request, username: str = Form(...), password: str = Form(...), role: str = Form(...),
              region_code: str = Form(""), csrf_token: str = Form(""), user: User = Depends(admin_user)) -> Response:
    check_csrf(request, csrf_token)
    try:
        add_user(state_of(request).ws, username, password, role=role, region_code=region_code or None, by=user.username)
    except XinzhiError as exc:
        return _admin_page(request, user, str(exc), status_code=400)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{username}/active")
def admin_active(username: str, request: Request, active: str = Form(...), csrf_token: str = Form(""),
                 user: User = Depends(admin_user)) -> Response:
    check_csrf(request, csrf_token)
    set_active(state_of(request).ws, username, active == "1", by=user.username)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{username}/password")
def admin_password(username: str, request: Request, password: str = Form(...), csrf_token: str = Form(""),
                   user: User = Depends(admin_user)) -> Response:
    check_csrf(request, csrf_token)
    try:
        set_password(state_of(request).ws, username, password, by=user.username)
    except XinzhiError as exc:
        return _admin_page(request, user, str(exc), status_code=400)
    return RedirectResponse("/admin", status_code=303)
