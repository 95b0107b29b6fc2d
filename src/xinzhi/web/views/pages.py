"""Dashboard pages. Each handler parses the query, calls the service/section functions and
renders blocks; no numbers are computed here. The analysis pages live in a module each
(``views/overview.py``, ``views/structure.py`` …) and are included in :data:`router`; this module
keeps login, search and the exports (the boundary upload is ``views/boundaries.py``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from xinzhi.access import audit
from xinzhi.access.throttle import Throttled
from xinzhi.access.users import User, authenticate
from xinzhi.errors import InputError
from xinzhi.web.auth import check_csrf, client_ip, end_session, page_user, start_session, state_of
from xinzhi.web.downloads import people_file
from xinzhi.web.exports import FORMATS
from xinzhi.web.i18n import label
from xinzhi.web.params import table_params
from xinzhi.web.tables import table as get_table
from xinzhi.web.views import (
    chains,
    clusters,
    compare,
    delivery,
    enterprises,
    glossary,
    news,
    overview,
    structure,
)
from xinzhi.web.views.blocks import table_block
from xinzhi.web.views.common import render_page
from xinzhi.web.views.render import lang_of, render

router = APIRouter(include_in_schema=False)
for _module in (overview, compare, structure, clusters, chains, enterprises, delivery, news, glossary):
    router.include_router(_module.router)


# ---------------------------------------------------------------- login
@router.get("/login")
def login_form(request: Request, next: str = "/overview") -> Response:
    from xinzhi.web.demo_users import DEMO_USERS

    st = state_of(request)
    demo = DEMO_USERS if st.data.is_demo else ()
    return render(request, "login.html", {"next": next, "error": None, "demo_users": demo})


@router.post("/login")
def login(request: Request, username: str = Form(...), password: str = Form(...),
          csrf_token: str = Form(""), next: str = Form("/overview")) -> Response:
    check_csrf(request, csrf_token)
    st = state_of(request)
    t = label(lang_of(request), "bad_login")
    try:
        user = authenticate(st.ws, username, password, ip=client_ip(request))
    except Throttled:
        user, t = None, label(lang_of(request), "throttled")
    if user is None:
        from xinzhi.web.demo_users import DEMO_USERS

        return render(request, "login.html", {"next": next, "error": t,
                                              "demo_users": DEMO_USERS if st.data.is_demo else ()}, status_code=401)
    start_session(request, user)
    target = next if next.startswith("/") and not next.startswith("//") else "/overview"
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    check_csrf(request, csrf_token)
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/overview", status_code=303)


# ---------------------------------------------------------------- overview
@router.get("/search")
def search(request: Request, q: str = "", user: User = Depends(page_user)) -> Response:
    st = state_of(request)
    lang = lang_of(request)
    res = st.data.search(st.data.scope(user), q)
    blocks = [table_block(label(lang, "enterprises"), res["enterprises"], links={"credit_code": "/enterprises/",
                                                                                "name": "/enterprises/"},
                          link_keys={"name": "credit_code"}, table="enterprises"),
              table_block(label(lang, "region"), res["regions"], links={"code": "/overview?region=",
                                                                      "name": "/overview?region="},
                          link_keys={"name": "code"}, table="regions")]
    return render_page(request, user, "search", f"{label(lang, 'search')}: {q}", blocks)


# ---------------------------------------------------------------- exports
@router.get("/export/{name}.{fmt}")
def export(name: str, fmt: str, request: Request, user: User = Depends(page_user)) -> Response:
    """A dashboard table as a file for people: headers in the page's language with units, values
    in the units the page shows (see :func:`xinzhi.web.formatting.for_file`); the demo label goes
    to a notes sheet (Excel) or a response header and the file name (CSV), never into the rows."""
    st = state_of(request)
    if fmt not in FORMATS:
        raise InputError("format must be csv or xlsx")
    params = table_params(request.query_params)
    frame = get_table(name, st.data, st.data.scope(user), params)
    if name == "subregions":  # the value is the chosen indicator (its label and unit)
        frame = frame.rename(columns={"value": params.get("indicator") or "output"})
    audit.record(st.ws, user.username, "export", target=f"{name}.{fmt}", ip=client_ip(request),
                 details={"rows": len(frame), "params": params})
    return people_file(frame, fmt, name, lang=lang_of(request), note=st.data.demo_note(), data=st.data)
