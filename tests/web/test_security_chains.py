"""A city user's chain coverage never gives away the revenue of a single firm outside the city:
total minus local would be that firm's revenue, so totals over fewer than three outside firms are
withheld; an administrator sees every figure."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import api_token, fill_workspace
from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace, open_workspace

BATTERY_OUTSIDER = make_credit_code("510703", 90)  # the only Mianyang battery maker
REVENUE = {BATTERY_OUTSIDER: 98_765.0}


@pytest.fixture(scope="module")
def chain_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    from xinzhi.chains.bundled import bundled_chain
    from xinzhi.chains.definitions import install_chain

    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("chainsec") / "ws"))
    firms = [(make_credit_code("510104", 80 + i), "510104", "3841", 1000.0 + i) for i in range(3)]  # Chengdu batteries
    firms += [(BATTERY_OUTSIDER, "510703", "3841", REVENUE[BATTERY_OUTSIDER])]
    firms += [(make_credit_code("510104", 70), "510104", "3812", 500.0)]  # one Chengdu motor maker
    firms += [(make_credit_code("510703", 60 + i), "510703", "3812", 700.0 + i) for i in range(4)]  # four in Mianyang
    ws.write("enterprise", pd.DataFrame([{"credit_code": c, "name": f"企业{c[-4:]}", "region_code": r,
                                          "industry_code": i} for c, r, i, _ in firms]), source="chain firms")
    ws.write("enterprise_year", pd.DataFrame([{"credit_code": c, "year": 2023, "revenue": v} for c, _, _, v in firms]),
             source="chain figures")
    install_chain(ws, bundled_chain("nev"))
    yield ws
    ws.close()


def coverage(client: TestClient, user: str) -> pd.DataFrame:
    r = client.get("/api/v1/tables/chain_coverage", headers=api_token(client, user),
                   params={"chain": "nev", "region": "510100", "format": "json"})
    assert r.status_code == 200, r.text
    return pd.DataFrame(r.json()["rows"]).set_index("node")


def test_city_users_get_no_total_over_one_outside_firm(chain_ws: Workspace) -> None:
    from xinzhi.web.app import create_app

    c = TestClient(create_app(chain_ws))
    city = coverage(c, "chengdu")
    battery, motor = city.loc["battery"], city.loc["motor"]
    assert battery["total_firms"] - battery["local_firms"] == 1
    for col in ("total_revenue", "share", "relative_strength"):
        assert pd.isna(battery[col]), col
    assert battery["local_revenue"] == pytest.approx(3003.0)
    # four outside firms: the total is an aggregate, shown
    assert motor["total_firms"] - motor["local_firms"] == 4
    assert motor["total_revenue"] - motor["local_revenue"] == pytest.approx(4 * 700.0 + 6.0)
    # the administrator sees the battery total (and so the outsider's revenue): it is in scope
    admin = coverage(c, "admin").loc["battery"]
    assert admin["total_revenue"] - admin["local_revenue"] == pytest.approx(REVENUE[BATTERY_OUTSIDER])
