"""Property-based test of the REST API from its OpenAPI document (schemathesis, in-process
against the ASGI app, authenticated with a JWT, a bounded number of examples per operation):
no input may produce a server error."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import PASSWORDS, fill_workspace

MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def api_app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from xinzhi.web.app import create_app
    from xinzhi.workspace import open_workspace

    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("fuzz") / "ws"))
    app = create_app(ws)
    yield app
    ws.close()


@pytest.fixture(scope="module")
def api_schema(api_app):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", api_app)


@pytest.fixture(scope="module")
def bearer(api_app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    r = TestClient(api_app).post("/api/v1/token", data={"username": "chengdu", "password": PASSWORDS["chengdu"]})
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_no_server_errors(api_schema, bearer) -> None:  # type: ignore[no-untyped-def]
    tested = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers=bearer)
            case.validate_response(response, checks=(not_a_server_error,))

        run()
        tested.append(operation.label)
    assert len(tested) >= 8, tested
