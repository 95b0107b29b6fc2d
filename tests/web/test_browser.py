"""Real-browser tests: Debian's chromium driven by pytest-playwright against a real uvicorn
server on a loopback port, serving the demo workspace (built once per session).

A city user (chengdu) and a province user (sichuan) open every page in Chinese and in English.
Each page fails the test on: a table cell holding a float with more than four decimals; an
English word in a Chinese page's headers, values, controls or chart texts outside the accepted
abbreviations; a chart axis holding text where numbers belong (category labels or SI suffixes
such as "80M" on a value axis); a console error; a request leaving the machine. The city's map
must draw every district and county. Another city's enterprise is unreachable by URL, API, export
and search, and another city's overview is a 403 page in the user's language with the navigation
kept. Screenshots of every page go to test-artifacts/web/ (git-ignored).
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PAGES = ("overview", "compare", "structure", "clusters", "chains", "enterprises", "delivery", "news", "glossary",
         "support")
#: Latin words a Chinese page may show: codes and accepted abbreviations, and proper names
ALLOWED = {"GDP", "R", "D", "PCI", "ECI", "LQ", "COG", "COI", "CSV", "Excel", "API", "GeoJSON", "pyecharts", "Xinzhi"}
WORD = re.compile(r"[A-Za-z]{2,}")
LONG_FLOAT = re.compile(r"\d\.\d{5,}")
NUMBER_TICK = re.compile(r"^[−\-+]?[\d,]*\.?\d*%?$")

#: what a page shows people, collected in the browser: table headers and cells (with their
#: column's kind), controls, headings, cards, explanation lines, and every chart's texts
COLLECT = """() => {
  const out = {cells: [], texts: [], charts: []};
  document.querySelectorAll('table.data').forEach(t => {
    const kinds = Array.from(t.querySelectorAll('thead th')).map(th => th.dataset.kind || 'text');
    t.querySelectorAll('thead th').forEach(th => out.texts.push(th.childNodes[0].textContent));
    t.querySelectorAll('tbody tr').forEach(tr => Array.from(tr.children).forEach((td, i) =>
      out.cells.push([kinds[i] || 'text', td.textContent.trim()])));
  });
  document.querySelectorAll('main label').forEach(e => out.texts.push(Array.from(e.childNodes)
    .filter(n => n.nodeType === 3).map(n => n.textContent).join(' ')));
  document.querySelectorAll('main h1, main h2, main option, .kpi, ul.explain li, .note-text, nav a')
    .forEach(e => out.texts.push(e.textContent));
  document.querySelectorAll('.xz-chart').forEach(el => {
    const fl = el._fullLayout || {};
    const axes = [];
    Object.keys(fl).filter(k => /^[xy]axis\\d*$/.test(k)).forEach(k => {
      const ax = fl[k];
      if (!ax.visible) return;
      const letter = k[0];
      const ticks = Array.from(el.querySelectorAll('.' + letter + 'tick text')).map(t => t.textContent);
      axes.push({name: k, type: ax.type, ticks: ticks, labelled: ax.tickmode === 'array'});
    });
    const regions = (el.data || []).filter(tr => tr.meta && tr.meta.region).length;
    const texts = Array.from(el.querySelectorAll('.gtitle, .xtitle, .ytitle, .legendtext, .cbtitle text, .annotation-text'))
      .map(t => t.textContent);
    out.charts.push({id: el.id, axes: axes, regions: regions, texts: texts});
  });
  return out;
}"""


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


class Watch:
    """Console errors and off-machine requests of one browser page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.outside.append(r.url)
                if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)


def log_in(page: Any, base: str, user: str) -> Watch:
    watch = Watch(page)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{base}/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", f"demo-{user}")
    page.click("button[type=submit]")
    page.wait_for_url("**/overview")
    return watch


def english_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w not in ALLOWED}


def check_page(page: Any, url: str, lang: str, shot: Path) -> dict[str, Any]:
    """Open ``url``, wait for the charts, screenshot it, and return the problems found."""
    page.goto(url, timeout=120_000)
    page.wait_for_function("window.chartsReady === true", timeout=120_000)
    assert page.locator("[data-testid=demo-banner]").is_visible(), url
    page.screenshot(path=str(shot), full_page=True)
    seen = page.evaluate(COLLECT)
    problems: list[str] = []
    for kind, text in seen["cells"]:
        if LONG_FLOAT.search(text):
            problems.append(f"long float {text!r}")
        if lang == "zh" and kind not in ("code", "quote") and english_words(text):
            problems.append(f"English in a cell: {text!r}")
    if lang == "zh":
        for text in seen["texts"]:
            if english_words(text):
                problems.append(f"English in a header or control: {text.strip()!r}")
    for chart in seen["charts"]:
        axes = chart["axes"]
        categorical = [a for a in axes if a["type"] == "category"]
        numeric = [a for a in axes if a["type"] in ("linear", "log") and not a["labelled"]]  # not a diagram's stages
        if categorical and not numeric and len(axes) == 1:
            problems.append(f"{chart['id']}: only a text axis")
        for a in numeric:
            bad = [t for t in a["ticks"] if t and not NUMBER_TICK.match(t.replace("\u2009", ""))]
            if bad:
                problems.append(f"{chart['id']} {a['name']}: text where numbers belong {bad[:3]}")
        if lang == "zh":
            for text in chart["texts"]:
                if english_words(text):
                    problems.append(f"{chart['id']}: English in chart text {text!r}")
    return {"problems": problems, "charts": seen["charts"]}


def _counties(demo_ws: Any, city: str) -> int:
    r = demo_ws.to_pandas("region")
    return int(((r["parent_code"] == city) & (r["level"] == "county")).sum())


@pytest.mark.parametrize("user", ["chengdu", "sichuan"])
def test_every_page_reads_right_in_both_languages(page, live_server, demo_ws, user) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    watch = log_in(page, live_server, user)
    problems: dict[str, list[str]] = {}
    for lang in ("zh", "en"):
        for name in PAGES:
            res = check_page(page, f"{live_server}/{name}?lang={lang}", lang, ARTIFACTS / f"{user}-{name.replace('/', '-')}-{lang}.png")
            if res["problems"]:
                problems[f"{name} {lang}"] = res["problems"]
            if name == "overview":  # the map: the user's own sub-regions, every one of them
                own = "510100" if user == "chengdu" else "510000"
                expected = _counties(demo_ws, own) if user == "chengdu" else 21
                shapes = max(c["regions"] for c in res["charts"])
                assert shapes >= expected, f"{user}: map with {shapes} shapes, {expected} sub-regions"
        # one cluster page, one enterprise page and (for the province) a city seen from above
        extra = {"cluster": f"/clusters/E1?lang={lang}"}
        if user == "sichuan":
            extra["city"] = f"/overview?region=510700&lang={lang}"
        page.goto(f"{live_server}/enterprises?lang={lang}")
        extra["enterprise"] = page.locator("table.data a[href^='/enterprises/']").first.get_attribute("href") + f"?lang={lang}"
        extra["support-firm"] = extra["enterprise"].replace("/enterprises/", "/support/firms/")
        page.goto(f"{live_server}/support?lang={lang}")
        measure = page.locator("a[href^='/support/measures/']").first.get_attribute("href")
        extra["support-measure"] = f"{measure}?lang={lang}"
        for key, path in extra.items():
            res = check_page(page, f"{live_server}{path}", lang, ARTIFACTS / f"{user}-{key}-{lang}.png")
            if res["problems"]:
                problems[f"{key} {lang}"] = res["problems"]
    assert problems == {}, problems
    assert watch.errors == [], watch.errors
    assert watch.outside == [], watch.outside


def test_the_api_docs_work_offline(page, live_server) -> None:  # type: ignore[no-untyped-def]
    watch = Watch(page)
    page.goto(f"{live_server}/api/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=60_000)
    assert "Xinzhi API" in page.content()
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    assert watch.outside == [], watch.outside
    assert watch.errors == [], watch.errors


def _other_city_enterprise(demo_ws) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    ent = demo_ws.to_pandas("enterprise")
    row = ent[ent["region_code"].str.startswith("5107") & ent["park_code"].isna()].iloc[0]
    return str(row["credit_code"]), str(row["name"])


def test_a_city_user_sees_nothing_of_another_city(page, live_server, demo_ws) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, "chengdu")
    code, name = _other_city_enterprise(demo_ws)
    r = page.goto(f"{live_server}/enterprises/{code}?lang=zh")
    assert r is not None and r.status == 404 and name not in page.content()
    assert page.locator("[data-nav=overview]").is_visible()  # the navigation is kept
    api = page.request.get(f"{live_server}/api/v1/enterprises/{code}")
    assert api.status == 404 and name not in api.text()
    exp = page.request.get(f"{live_server}/export/enterprises.csv")
    assert exp.status == 200 and code not in exp.text()
    found = page.request.get(f"{live_server}/api/v1/search?q={code}")
    assert found.json()["enterprises"] == []
    r = page.goto(f"{live_server}/overview?region=510700&lang=zh")
    assert r is not None and r.status == 403
    assert "无权访问" in page.inner_text("h1") and page.locator("[data-nav=overview]").is_visible()
    page.screenshot(path=str(ARTIFACTS / "chengdu-403-zh.png"))
    r = page.goto(f"{live_server}/overview?region=510700&lang=en")
    assert r is not None and r.status == 403 and "Access denied" in page.inner_text("h1")
    page.screenshot(path=str(ARTIFACTS / "chengdu-403-en.png"))
