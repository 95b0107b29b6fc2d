"""Every query parameter of the table endpoints is checked and described in the OpenAPI schema:
a value outside the rules is a 4xx, never a 500 or a meaningless number; schemathesis, reading
the schema, sends allowed and disallowed values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.web.conftest import PASSWORDS, api_token, fill_workspace, page_login
from xinzhi.workspace import Workspace, open_workspace


@pytest.fixture(scope="module")
def p_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("params") / "ws"))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def p_app(p_ws: Workspace):  # type: ignore[no-untyped-def]
    from xinzhi.web.app import create_app

    return create_app(p_ws)


@pytest.mark.parametrize("value", ["year", "region_code", "industry_code", "nonsense"])
def test_the_value_parameter_is_checked(p_app, value: str) -> None:  # type: ignore[no-untyped-def]
    """The probe: value=year answered 500, value=region_code a meaningless 5.1e119."""
    c = TestClient(p_app)
    h = api_token(c, "chengdu")
    for fmt in ("json", "csv"):
        r = c.get("/api/v1/tables/specialisation", params={"value": value, "region": "510104", "format": fmt},
                  headers=h)
        assert r.status_code == 422, r.text
        assert "value" in r.text
    assert page_login(c, "chengdu") == 303
    r = c.get("/export/specialisation.csv", params={"value": value, "region": "510104"})
    assert r.status_code == 400 and "parameter value" in r.text
    # the allowed measures answer
    r = c.get("/api/v1/tables/specialisation", params={"value": "employment", "region": "510104"}, headers=h)
    assert r.status_code == 200 and r.json()["rows"][0]["value"] == 100.0


def test_other_table_parameters_are_checked(p_app) -> None:  # type: ignore[no-untyped-def]
    c = TestClient(p_app)
    h = api_token(c, "chengdu")
    for params in ({"strategy": "everything"}, {"indicator": "year"}, {"late": "maybe"}, {"region": "51 01"},
                   {"chain": "../../etc"}, {"above_scale": "perhaps"}, {"q": "a\x00b"}):
        r = c.get("/api/v1/tables/opportunities", params=params, headers=h)
        assert r.status_code == 422, (params, r.status_code)
    assert page_login(c, "chengdu") == 303
    assert c.get("/export/subregions.csv", params={"indicator": "year"}).status_code == 400


def test_the_schema_lists_the_allowed_values(p_app) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.web.params import VALUE_COLUMNS

    spec = TestClient(p_app).get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/tables/{name}"]["get"]["parameters"]}
    value = params["value"]["schema"]["anyOf"][0]
    assert value["enum"] == list(VALUE_COLUMNS) and "year" not in value["enum"]
    assert {"region", "value", "indicator", "strategy", "chain", "late", "park", "in_region", "industry",
            "klass", "q", "above_scale", "format"} <= set(params)
    assert "pattern" in params["region"]["schema"]["anyOf"][0]


def test_no_server_error_for_any_table_parameter(p_app) -> None:  # type: ignore[no-untyped-def]
    """Schemathesis on the table endpoint, with values the schema allows and values it does not."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", p_app)
    token = TestClient(p_app).post("/api/v1/token", data={"username": "chengdu", "password": PASSWORDS["chengdu"]})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    op = next(r.ok() for r in schema.get_all_operations() if r.ok().label == "GET /api/v1/tables/{name}")
    statuses: set[int] = set()

    @given(case=op.as_strategy(generation_mode=GenerationMode.POSITIVE)
           | op.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case) -> None:  # type: ignore[no-untyped-def]
        response = case.call(headers=headers)
        statuses.add(response.status_code)
        case.validate_response(response, checks=(not_a_server_error,))

    run()
    assert 200 in statuses and 422 in statuses
