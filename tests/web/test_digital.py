"""Digital maturity on the enterprise pages: before any assessment the page says how to run one;
on a demo-marked workspace with questionnaire answers, serving runs the assessment once and the
enterprise shows its total, level, weakest dimensions and the items with the most points to gain.

E1's answers by hand (digital-manufacturing-2024): 信息系统 all 10 + 网络建设 2 × 2 = 14 (基础);
规划实施 visited 7.5 (管理); 能耗 down 7 (成效); total 28.5 → 一级 (20 ≤ 28.5 < 40)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import E1, E2, api_token, demo_marked_workspace, page_login
from xinzhi.web.demo_users import DEMO_DIGITAL_RULEBOOKS, ensure_demo_digital
from xinzhi.web.service import FRESHNESS
from xinzhi.workspace import Workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_marked_workspace(Path(tmp_path_factory.mktemp("digital")) / "w")


def test_digital_maturity_before_and_after_the_demo_assessment(ws: Workspace) -> None:
    from xinzhi.web.app import create_app

    c = TestClient(create_app(ws))
    assert page_login(c, "chengdu") == 303
    before = c.get(f"/enterprises/{E1}?lang=en")
    assert "No digital-maturity assessment yet" in before.text
    h = api_token(c, "chengdu")
    assert c.get(f"/api/v1/enterprises/{E1}", headers=h).json()["digital"] == []
    assert ensure_demo_digital(ws) == []  # no answers: nothing to assess

    answers = [("information_systems", "all"), ("network", "5g;application"), ("planning", "visited"),
               ("energy_per_revenue", "down")]
    rows = [{"credit_code": code, "year": 2023, "item": i, "answer": a} for code in (E1, E2) for i, a in answers]
    ws.write("digital_answer", pd.DataFrame(rows), source="test")
    made = ensure_demo_digital(ws)
    assert len(made) == len(DEMO_DIGITAL_RULEBOOKS) == 1
    assert ensure_demo_digital(ws) == []  # once only
    time.sleep(FRESHNESS + 0.2)  # runs are re-read at most once per FRESHNESS

    (dig,) = c.get(f"/api/v1/enterprises/{E1}", headers=h).json()["digital"]
    assert (dig["rulebook"], dig["year"], dig["total"], dig["level"]) == ("digital-manufacturing-2024", 2023, 28.5, "一级")
    assert dig["to_improve"].startswith("数据自动采集覆盖的业务环节 +10")
    page = c.get(f"/enterprises/{E1}?lang=zh")
    assert "数字化水平评测" in page.text and "总分 28.5 · 等级 一级" in page.text
    assert "提分空间最大的题目: 数据自动采集覆盖的业务环节 +10" in page.text
    # another city's enterprise stays hidden, digital results included
    assert c.get(f"/api/v1/enterprises/{E2}", headers=h).status_code == 404
