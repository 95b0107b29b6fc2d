"""Real-browser tests: Debian's chromium driven by pytest-playwright against a real uvicorn
server on a loopback port, serving the demo workspace. A city user opens every page, each chart
must render with no console error and no request may leave the machine; another city's
enterprise must be unreachable by URL, API and export. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PAGES = ("overview", "structure", "clusters", "chains", "enterprises", "delivery", "news")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:  # type: ignore[type-arg]
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium not installed (scripts/setup.sh --dev installs Debian's chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}


@pytest.fixture(scope="session")
def live_server(demo_ws) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import uvicorn

    from xinzhi.web.server import prepare

    app = prepare(demo_ws.path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _other_city_enterprise(demo_ws) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    ent = demo_ws.to_pandas("enterprise")
    row = ent[ent["region_code"].str.startswith("5107") & ent["park_code"].isna()].iloc[0]
    return str(row["credit_code"]), str(row["name"])


def test_city_user_sees_every_page_and_nothing_of_another_city(page, live_server, demo_ws) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("request", lambda r: outside.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "chengdu")
    page.fill("input[name=password]", "demo-chengdu")
    page.click("button[type=submit]")
    page.wait_for_url("**/overview")
    for name in PAGES:
        page.goto(f"{live_server}/{name}", timeout=120_000)
        page.wait_for_function("window.chartsReady === true", timeout=120_000)
        assert page.locator("[data-testid=demo-banner]").is_visible(), name
        n_charts = int(page.evaluate("document.querySelectorAll('.xz-chart').length"))
        drawn = int(page.evaluate("document.querySelectorAll('.xz-chart .main-svg').length"))
        assert drawn >= n_charts, f"{name}: {drawn} of {n_charts} charts drawn"
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    # the overview draws at least the trend, the map and the sub-region chart
    page.goto(f"{live_server}/overview")
    page.wait_for_function("window.chartsReady === true")
    assert int(page.evaluate("document.querySelectorAll('.xz-chart .main-svg').length")) >= 3
    assert "成都市" in page.content()
    # the demo's synthetic news, extracted: facts of Chengdu with their source sentences
    page.goto(f"{live_server}/news")
    page.wait_for_function("window.chartsReady === true")
    assert "【演示】" in page.content() and "[Demo]" in page.content()
    # every page again in English (the switch is remembered in a cookie)
    for name in PAGES:
        page.goto(f"{live_server}/{name}?lang=en", timeout=120_000)
        page.wait_for_function("window.chartsReady === true", timeout=120_000)
        assert page.locator("[data-testid=demo-banner]").is_visible(), name
        n_charts = int(page.evaluate("document.querySelectorAll('.xz-chart').length"))
        assert int(page.evaluate("document.querySelectorAll('.xz-chart .main-svg').length")) >= n_charts, name
        page.screenshot(path=str(ARTIFACTS / f"{name}-en.png"), full_page=True)
    page.goto(f"{live_server}/enterprises")  # no ?lang: the cookie keeps English
    assert "Enterprises" in page.inner_text("h1")
    # one enterprise page of the user's own city, with its explanation and gradient status
    own = page.locator("table.data a[href^='/enterprises/']").first.get_attribute("href")
    page.goto(f"{live_server}{own}?lang=en")
    page.wait_for_function("window.chartsReady === true")
    assert "Gradient cultivation" in page.content()
    page.screenshot(path=str(ARTIFACTS / "enterprise-en.png"), full_page=True)
    page.goto(f"{live_server}{own}?lang=zh")
    page.wait_for_function("window.chartsReady === true")
    assert "梯度培育" in page.content()
    page.screenshot(path=str(ARTIFACTS / "enterprise.png"), full_page=True)
    assert errors == [], errors
    assert outside == [], outside
    # another city's enterprise: not by URL, not by API, not by export, not by search
    code, name = _other_city_enterprise(demo_ws)
    r = page.goto(f"{live_server}/enterprises/{code}")
    assert r is not None and r.status == 404 and name not in page.content()
    page.screenshot(path=str(ARTIFACTS / "other-city-404.png"))
    api = page.request.get(f"{live_server}/api/v1/enterprises/{code}")
    assert api.status == 404 and name not in api.text()
    exp = page.request.get(f"{live_server}/export/enterprises.csv")
    assert exp.status == 200 and code not in exp.text() and "5107" not in {ln.split(",")[2][:4] for ln in exp.text().splitlines()[2:50]}
    found = page.request.get(f"{live_server}/api/v1/search?q={code}")
    assert found.json()["enterprises"] == []
    assert page.request.get(f"{live_server}/overview?region=510700").status == 404
    # the only console errors now are the 404 answers themselves
    assert all("404" in e for e in errors), errors
