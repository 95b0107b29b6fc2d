"""Pages read in the page's language where the workspace holds both: facts on the news page (an
English page shows amounts in bn or M yuan and points as pp; the stored facts and the Chinese page
use 亿元 and 个百分点) and cluster names (the cluster system's ``name_en``). On the demo workspace,
as the province user."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import page_login
from xinzhi.intelligence.facts import shown_value


@pytest.fixture(scope="module")
def client(demo_ws) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    from xinzhi.web.server import prepare

    c = TestClient(prepare(demo_ws.path))
    assert page_login(c, "sichuan", "demo-sichuan") == 303
    yield c


def test_fact_values_in_the_page_language(client: TestClient, demo_ws) -> None:  # type: ignore[no-untyped-def]
    facts = demo_ws.to_pandas("fact")
    money = facts[facts["unit"] == "yuan"].head(20)
    assert len(money)
    en, zh = client.get("/news?lang=en").text, client.get("/news?lang=zh").text
    for v in money["value"]:
        assert f">{shown_value(v, 'yuan', 'en')}<" in en and f">{shown_value(v, 'yuan')}<" not in en
        assert f">{shown_value(v, 'yuan')}<" in zh
    assert shown_value(0.012, "pp", "en") == "1.2 pp" and shown_value(3e9, "yuan", "en") == "3 bn yuan"


def test_cluster_names_in_the_page_language(client: TestClient, demo_ws) -> None:  # type: ignore[no-untyped-def]
    clusters = demo_ws.to_pandas("cluster")
    demo = clusters[clusters["system"] == "demo-sc"]
    assert demo["name_en"].notna().all()
    en, zh = client.get("/clusters?lang=en").text, client.get("/clusters?lang=zh").text
    overview = client.get("/overview?lang=en").text
    for name, name_en in zip(demo["name"], demo["name_en"], strict=True):
        assert f">{name_en}<" in en and f">{name}<" not in en
        assert f">{name}<" in zh and name_en not in zh
    assert '/clusters/E1?region=510000">Electronic information</a>' in overview  # the top clusters
    assert '/clusters/E1?region=510000">电子信息</a>' not in overview
    detail = client.get("/clusters/E1?lang=en").text
    assert "Electronic information" in detail and "电子信息" not in detail
