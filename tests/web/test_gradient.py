"""Gradient-cultivation status on the enterprise pages: before any screening the page says how
to run one; on a demo-marked workspace with applications, serving runs the screening once and
each enterprise shows its status per programme with the reasons.

The small workspace of conftest.py: E1 (Chengdu) revenue 1000 → 1200 万元, no main revenue, R&D
or debt ratio. Its declared application: 高价值Ⅰ类 IP, strategic field, a science award.
创新型中小企业 2022 by hand: IP 20 + R&D 0 (missing) + growth 0 (no main revenue) + debt 0
(missing) + field 10 + main share 0 (missing) = 30 points < 60, but the science award is a
direct pass, so it meets the criteria."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import E1, E2, api_token, demo_marked_workspace, page_login
from xinzhi.web.demo_users import DEMO_GRADIENT_PROGRAMS, ensure_demo_gradient
from xinzhi.web.service import FRESHNESS
from xinzhi.workspace import Workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_marked_workspace(Path(tmp_path_factory.mktemp("grad")) / "w")


def test_gradient_status_before_and_after_the_demo_screening(ws: Workspace) -> None:
    from xinzhi.web.app import create_app

    app = create_app(ws)
    c = TestClient(app)
    assert page_login(c, "chengdu") == 303
    before = c.get(f"/enterprises/{E1}?lang=en")
    assert "No gradient-cultivation screening yet" in before.text and "xinzhi evaluate gradient" in before.text
    h = api_token(c, "chengdu")
    assert c.get(f"/api/v1/enterprises/{E1}", headers=h).json()["gradient"] == []
    assert ensure_demo_gradient(ws) == []  # no applications: nothing to screen

    ws.write("gradient_application", pd.DataFrame([{
        "credit_code": E1, "year": 2023, "application": "new", "ip_level": "high_value_1",
        "strategic_field": True, "sci_award_3y": True}]), source="test")
    made = ensure_demo_gradient(ws)
    assert len(made) == len(DEMO_GRADIENT_PROGRAMS) == 2
    assert ensure_demo_gradient(ws) == []  # once only
    time.sleep(FRESHNESS + 0.2)  # runs are re-read at most once per FRESHNESS

    grad = {g["rulebook"]: g for g in c.get(f"/api/v1/enterprises/{E1}", headers=h).json()["gradient"]}
    assert set(grad) == {"innovative-sme-2022", "zjtx-2022"}
    sme = grad["innovative-sme-2022"]
    assert (sme["year"], sme["score"], sme["passed"]) == (2023, 30.0, True)
    assert any("与主导产品相关的有效知识产权" in line and "20" in line for line in sme["explanation"])
    assert grad["zjtx-2022"]["passed"] is False

    page = c.get(f"/enterprises/{E1}?lang=zh")
    assert "创新型中小企业评价（2022年标准）" in page.text and "符合" in page.text
    # another city's enterprise stays hidden, gradient results included
    assert c.get(f"/api/v1/enterprises/{E2}", headers=h).status_code == 404
