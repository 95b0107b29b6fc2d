"""The 政策匹配 pages and the support API on the small workspace: region scope (another city's firm
is invisible in pages, API and exports), one language per page, the bureau export audited."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.support.conftest import NAMES, PASSWORDS, A, C, D, M
from xinzhi.workspace import Workspace


@pytest.fixture(scope="module")
def client(support_ws: Workspace) -> Iterator[TestClient]:
    from xinzhi.web.app import create_app

    with TestClient(create_app(support_ws)) as c:
        yield c


def login(c: TestClient, user: str) -> None:
    c.cookies.clear()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text)
    assert tok
    r = c.post("/login", data={"username": user, "password": PASSWORDS[user], "csrf_token": tok.group(1)},
               follow_redirects=False)
    assert r.status_code == 303


def token(c: TestClient, user: str) -> dict[str, str]:
    r = c.post("/api/v1/token", data={"username": user, "password": PASSWORDS[user]})
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_city_user_pages(client: TestClient) -> None:
    login(client, "chengdu")
    home = client.get("/support?lang=zh")
    assert home.status_code == 200 and "成都市 · 政策匹配" in home.text
    assert 'href="/support/measures/rd-super-deduction-2023"' in home.text
    page = client.get("/support/measures/rd-super-deduction-2023?lang=zh")
    assert NAMES[A] in page.text and NAMES[D] in page.text and NAMES[M] not in page.text
    assert "拟推送企业（符合） (2)" in page.text
    firm = client.get(f"/support/firms/{A}?lang=zh")
    assert firm.status_code == 200 and "89.5" in firm.text and "锦江加速器" in firm.text
    assert "数据自动采集覆盖的业务环节 +10 分" in firm.text
    assert client.get(f"/support/firms/{M}").status_code == 404  # another city's firm
    warn = client.get("/support/warnings?lang=zh")
    assert NAMES[C] in warn.text and "纾困贷" in warn.text and "技改贷" in warn.text
    import io

    import pandas as pd

    book = pd.read_excel(io.BytesIO(client.get("/support/warnings/loans.xlsx").content), sheet_name=None, header=None,
                         engine="calamine")
    assert list(book) == ["L1 纾困贷", "L2 技改贷"]
    assert book["L1 纾困贷"].iloc[0, 0] == "银企对接名单：测试银行 纾困贷（成都市）"
    assert C in set(book["L1 纾困贷"][1]) and D in set(book["L2 技改贷"][1])
    services = client.get("/support/services?lang=zh")
    assert "需求（按场景）" in services.text and "锦江数字服务公司" in services.text


def test_pages_speak_one_language(client: TestClient) -> None:
    login(client, "chengdu")
    en = client.get("/support?lang=en").text
    assert "Support matching" in en and "Eligible firms" in en and "R&amp;D super-deduction (100 %)" in en
    assert "Chengdu 成都市</option>" in en  # the region picker of every page, English name first
    for zh in ("符合企业数", "预计受益", "政策措施", "差一项", "研发费用税前加计扣除"):
        assert zh not in en
    firm = client.get(f"/support/firms/{A}?lang=en").text
    assert "Total benefit (10k yuan)" in firm and "Holds a valid high-tech enterprise certificate" in firm
    assert "Business links with automatic data collection +10 points possible → 2 solutions" in firm
    for zh in ("可享政策数", "符合", "持有有效期内", "阶段", "数据自动采集"):
        assert zh not in firm


def test_region_is_remembered_and_bounded_by_scope(client: TestClient) -> None:
    login(client, "chengdu")
    assert 'value="510104" selected' in client.get("/support?region=510104").text
    assert 'value="510104" selected' in client.get("/support/services").text  # remembered
    assert client.get("/support?region=510700").status_code == 404  # Mianyang is outside the scope


def test_a_kept_support_page_still_remembers_its_region(support_ws: Workspace) -> None:
    """Support pages are kept (:mod:`xinzhi.web.page_cache`); a kept page sent to another session
    of the same user writes the region it shows to that session, as the page itself would."""
    from xinzhi.web.app import create_app

    app = create_app(support_ws)
    with TestClient(app) as one, TestClient(app) as two:
        login(one, "chengdu")
        login(two, "chengdu")
        for c in (one, two):  # the first page after a login gives the session its CSRF token
            c.get("/support/services?lang=zh")
        assert 'value="510104" selected' in one.get("/support?region=510104&lang=zh").text
        node = app.middleware_stack
        while node is not None and type(node).__name__ != "PageCache":
            node = getattr(node, "app", None)
        assert node is not None and any(k[3] == "/support" for k in node.store.pages)  # kept
        kept = two.get("/support?region=510104&lang=zh")  # the same user, address and language: the kept page
        assert 'value="510104" selected' in kept.text
        assert re.search(r'name="csrf_token" value="([^"]+)"', kept.text).group(1) != re.search(  # type: ignore[union-attr]
            r'name="csrf_token" value="([^"]+)"', one.get("/support?region=510104&lang=zh").text).group(1)  # type: ignore[union-attr]
        assert 'value="510104" selected' in two.get("/support/services?lang=zh").text  # remembered from the kept page
        assert 'value="510100" selected' in one.get("/support/services?region=510100&lang=zh").text
        assert 'value="510100" selected' in one.get("/support?lang=zh").text


def test_api_and_export_respect_the_scope(client: TestClient, support_ws: Workspace) -> None:
    h = token(client, "chengdu")
    push = client.get("/api/v1/support/measures/rd-super-deduction-2023", headers=h).json()
    assert {r["credit_code"] for r in push["eligible"]} == {A, D}
    assert client.get(f"/api/v1/support/firms/{M}", headers=h).status_code == 404
    firm = client.get(f"/api/v1/support/firms/{A}", headers=h).json()
    assert firm["total_benefit"] == pytest.approx(89.5) and firm["stage"] == "growth"
    mianyang = client.get("/api/v1/support/measures/tech-relending-2024", headers=token(client, "mianyang")).json()
    assert [r["credit_code"] for r in mianyang["near"]] == [M]
    login(client, "chengdu")
    r = client.get("/support/measures/rd-super-deduction-2023/push-list.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert NAMES[M].encode() not in r.content
    from xinzhi.access.audit import entries

    assert any(e["target"] == "support/rd-super-deduction-2023.xlsx" for e in entries(support_ws, limit=20).to_dict("records"))


def test_counties_in_english_show_their_pinyin_before_the_chinese(client: TestClient) -> None:
    """The firms' region cells of the push list and the warnings read "Jinjiang 锦江区" in English,
    as a city reads "Chengdu 成都市" (not the pinyin alone), and "锦江区" alone in Chinese."""
    login(client, "chengdu")
    cell = re.compile(r"<td[^>]*>\s*Jinjiang 锦江区\s*</td>")
    for path in ("/support/measures/rd-super-deduction-2023", "/support/warnings"):
        en = client.get(f"{path}?lang=en").text
        assert cell.search(en), path
        assert "Chengdu 成都市 · " in en  # the title names the region as other pages do
        zh = client.get(f"{path}?lang=zh").text
        assert re.search(r"<td[^>]*>\s*锦江区\s*</td>", zh) and "Jinjiang" not in zh, path
