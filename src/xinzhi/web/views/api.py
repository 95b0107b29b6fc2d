"""REST API under ``/api/v1``: the same service functions as the pages, as JSON."""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from xinzhi.access import audit
from xinzhi.access.throttle import Throttled
from xinzhi.access.tokens import new_token
from xinzhi.access.users import User, authenticate
from xinzhi.web import params as params_rules
from xinzhi.web import sections
from xinzhi.web.auth import api_user, client_ip, end_token, state_of
from xinzhi.web.exports import file_response
from xinzhi.web.service import EnterpriseFilter
from xinzhi.web.tables import TABLES
from xinzhi.web.tables import table as get_table
from xinzhi.web.views.blocks import records


def _plain(v: Any) -> Any:
    """numpy scalars in cached payloads as plain Python values."""
    return v.item() if hasattr(v, "item") else str(v)


router = APIRouter(prefix="/api/v1", tags=["xinzhi"])

#: an enterprise page larger than this is a bulk read, audited like an export
BULK_PAGE_SIZE = 100

Measure = Literal[params_rules.VALUE_COLUMNS]  # type: ignore[valid-type]
Strategy = Literal[params_rules.STRATEGIES]  # type: ignore[valid-type]
YesNo = Literal[params_rules.YES_NO]  # type: ignore[valid-type]


def _pattern(key: str, max_length: int) -> Any:
    rule, description = params_rules.RULES[key]
    assert isinstance(rule, str)
    return Query(None, pattern=rule, max_length=max_length, description=description)


def _described(key: str) -> Any:
    return Query(None, description=params_rules.RULES[key][1])

TableName = Literal[tuple(TABLES)]  # type: ignore[valid-type]


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class Me(BaseModel):
    username: str
    role: str
    region_code: str | None
    synthetic_data: bool


class EnterprisePage(BaseModel):
    total: int
    page: int
    page_size: int
    synthetic_data: bool
    items: list[dict[str, Any]]


class Rows(BaseModel):
    synthetic_data: bool
    rows: list[dict[str, Any]]


@router.post("/token", response_model=Token, summary="Exchange a username and password for a JWT")
def token(request: Request, username: str = Form(...), password: str = Form(...)) -> Token:
    st = state_of(request)
    try:
        user = authenticate(st.ws, username, password, ip=client_ip(request))
    except Throttled as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from None
    if user is None:
        raise HTTPException(status_code=401, detail="wrong username or password")
    return Token(access_token=new_token(st.ws, user, ip=client_ip(request)))


@router.post("/logout", status_code=204, response_class=Response,
             summary="Revoke the bearer token of this request (it stops working at once)")
def logout(request: Request, user: User = Depends(api_user)) -> Response:
    end_token(request)
    return Response(status_code=204)


@router.get("/me", response_model=Me)
def me(request: Request, user: User = Depends(api_user)) -> Me:
    return Me(username=user.username, role=user.role, region_code=user.region_code,
              synthetic_data=state_of(request).data.is_demo)


@router.get("/regions", response_model=Rows, summary="Regions inside the user's scope")
def regions(request: Request, user: User = Depends(api_user)) -> Rows:
    st = state_of(request)
    return Rows(synthetic_data=st.data.is_demo, rows=records(st.data.selectable_regions(st.data.scope(user))))


@router.get("/overview", summary="Region profile: counts, indicators by year, top industries")
def overview(request: Request, region: str | None = Query(None, max_length=32, pattern=params_rules.REGION_PATTERN),
             user: User = Depends(api_user)) -> Response:
    st = state_of(request)
    scope = st.data.scope(user)
    code = region or st.data.default_region(scope)
    ov = st.data.overview(scope, code)

    def payload() -> dict[str, Any]:
        return {"region_code": ov["code"], "name": ov["name"], "level": ov["level"],
                "synthetic_data": bool(ov["synthetic"]), "counts": ov["counts"],
                "indicators": records(ov["totals"]), "top_industries": records(ov["top_industries"])}

    key = ("overview-json", ov["code"], *st.data.version("region", "enterprise", "enterprise_year", "region_industry_year"))
    return Response(st.data.cache.get(key, lambda: json.dumps(payload(), ensure_ascii=False, default=_plain)),
                    media_type="application/json")


@router.get("/enterprises", response_model=EnterprisePage, summary="Enterprises in scope, with filters")
def enterprises(
    request: Request,
    park: str | None = _pattern("park", 32),
    region: str | None = Query(None, max_length=32, pattern=params_rules.REGION_PATTERN,
                               description="region code prefix filter"),
    industry: str | None = _pattern("industry", 8),
    klass: str | None = _pattern("klass", 8),
    q: str | None = _pattern("q", 64),
    page: int = Query(1, ge=1, le=100_000),
    page_size: int = Query(50, ge=1, le=1000),
    user: User = Depends(api_user),
) -> Response:
    st = state_of(request)
    flt = EnterpriseFilter(park=park, region=region, industry=industry, klass=klass, q=q)
    body = st.data.enterprises_json(st.data.scope(user), flt, page=page, page_size=page_size)
    if page_size > BULK_PAGE_SIZE:  # a bulk read: audited like an export
        rows = len(json.loads(body).get("items", []))
        audit.record(st.ws, user.username, "export", target="enterprises.page", ip=client_ip(request),
                     details={"rows": rows, "page": page, "page_size": page_size, "via": "api",
                              "params": dict(request.query_params)})
    return Response(body, media_type="application/json")


@router.get("/enterprises/{credit_code}",
            summary="One enterprise: attributes, figures by year, evaluation, gradient status, digital maturity")
def enterprise(credit_code: str, request: Request, user: User = Depends(api_user)) -> dict[str, Any]:
    st = state_of(request)
    e = st.data.enterprise(st.data.scope(user), credit_code)
    row = e["row"].to_frame().T
    return {"enterprise": records(row)[0], "years": records(e["years"]), "evaluation": records(e["evaluation"]),
            "gradient": records(e["gradient"]), "digital": records(e["digital"]), "synthetic_data": st.data.is_demo}


@router.get("/search", summary="Enterprises and regions in scope matching a text")
def search(request: Request, q: str = Query(..., min_length=1, max_length=64, pattern=params_rules.TEXT_PATTERN),
           user: User = Depends(api_user)) -> dict[str, Any]:
    st = state_of(request)
    res = st.data.search(st.data.scope(user), q)
    return {"enterprises": records(res["enterprises"]), "regions": records(res["regions"])}


@router.get("/tables/{name}", response_model=None, summary="Any dashboard table as JSON, CSV or Excel (every read is audited)")
def tables(name: TableName, request: Request, format: Literal["json", "csv", "xlsx"] = "json",  # type: ignore[valid-type]
           region: str | None = _pattern("region", 32),
           value: Measure | None = _described("value"),  # type: ignore[valid-type]
           indicator: Measure | None = _described("indicator"),  # type: ignore[valid-type]
           strategy: Strategy | None = _described("strategy"),  # type: ignore[valid-type]
           chain: str | None = _pattern("chain", 64),
           late: Literal["0", "1"] | None = _described("late"),
           park: str | None = _pattern("park", 32),
           in_region: str | None = _pattern("in_region", 32),
           industry: str | None = _pattern("industry", 8),
           klass: str | None = _pattern("klass", 8),
           q: str | None = _pattern("q", 64),
           above_scale: YesNo | None = _described("above_scale"),  # type: ignore[valid-type]
           user: User = Depends(api_user)) -> Response | dict[str, Any]:
    st = state_of(request)
    given = {"region": region, "value": value, "indicator": indicator, "strategy": strategy, "chain": chain,
             "late": late, "park": park, "in_region": in_region, "industry": industry, "klass": klass, "q": q,
             "above_scale": above_scale}
    params = params_rules.table_params({k: str(v) for k, v in given.items() if v is not None})
    try:
        if format == "json":
            rows, body = table_json(st.data, user, str(name), params)
        else:
            frame = get_table(str(name), st.data, st.data.scope(user), params)
            rows = len(frame)
    except sections.Unavailable as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    audit.record(st.ws, user.username, "export", target=f"{name}.{format}", ip=client_ip(request),
                 details={"rows": rows, "params": params, "via": "api"})  # JSON too: a whole table
    if format == "json":
        return Response(body, media_type="application/json")
    return file_response(frame, str(format), str(name), note=st.data.demo_note())


def table_json(data: Any, user: User, name: str, params: dict[str, str]) -> tuple[int, bytes]:
    """The row count and JSON document of table ``name`` for ``user``: pandas' JSON writer
    straight to the text (the same document as ``records()``, ten times faster), kept per user
    account (name, role, region scope), table, parameters and data version
    (:meth:`~xinzhi.web.service.WebData.data_version`), so a repeated read costs the audit
    record only. On a PostgreSQL catalog the user's row-level security answer is part of
    what is kept: the same account over the same data gets the same rows."""
    def build() -> tuple[int, bytes]:
        frame = get_table(name, data, data.scope(user), params)
        return len(frame), data.rows_json(frame).encode()  # kept encoded: a province's firms are 20 MB

    key = ("table-json", user.username, user.role, user.region_code, name, tuple(sorted(params.items())),
           data.data_version())
    result: tuple[int, bytes] = data.cache.get(key, build)
    return result
