"""Load on the web server under a real mix: every page and every JSON API endpoint, both demo
users (the Chengdu city user and the Sichuan province user), N concurrent clients for a fixed
time, against a real uvicorn server on the demo workspace.

    .venv/bin/python benchmarks/api_load.py [--workspace DIR] [--clients 20] [--duration 60]
        [--workers 1] [--catalog-url postgresql+psycopg://...] [--seed 7]

Builds the demo workspace in a temporary folder unless --workspace names one. The server runs in its
own process (``xinzhi.web.server.serve``; with --catalog-url on that catalog, e.g. PostgreSQL with
row-level security). Half of the clients act as ``chengdu``, half as ``sichuan``; each client runs in
its own thread with its own HTTP connection (the page session, logged in through the login form, and
the API token are one per user), and sends requests back to back for --duration seconds. Each request
draws a route from the mix (every route equally often) and its parameters from pools read from
the server before timing: enterprise codes of the user's scope, chains, support measures, and
search texts (two characters of a firm's name, so most searches are distinct and the caches see
hundreds of different queries). One warm-up pass over every route and user comes first and is
reported as the cold start (with --workers N, 4N passes on new connections, so that every worker
process builds its caches before timing). Reported per route: requests, p50, p95, max, 5xx, other non-2xx;
and the 1-minute load average before, during (highest of samples every 5 s) and after.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

USERS = {"chengdu": "demo-chengdu", "sichuan": "demo-sichuan"}
#: dashboard tables served by GET /api/v1/tables/{name} (JSON)
TABLES = ("enterprises", "indicators", "top_industries", "subregions", "specialisation", "subregion_structure",
          "opportunities", "clusters", "chain_coverage", "chain_gaps", "chain_leaders", "chain_targets", "targets",
          "projects", "facts", "priorities")


def _start(workspace: Path, workers: int = 1, catalog_url: str | None = None,
           log: Path | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Run ``serve()`` in its own process (so the client threads do not share its GIL)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = (f"from xinzhi.web.server import serve; serve({str(workspace)!r}, port={port}, workers={workers}, "
            f"catalog_url={catalog_url!r})")
    err = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=err)
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            httpx.get(base + "/login", timeout=1)
            return proc, base
        except httpx.TransportError:
            if proc.poll() is not None:
                raise RuntimeError("the server exited") from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def _loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


@dataclass
class Pools:
    """Parameters of one user's requests, read from the server before timing."""

    codes: list[str]
    words: list[str]
    chains: list[str]
    measures: list[str]
    regions: list[str]


@dataclass
class Stats:
    lat: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    e5xx: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    other: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, ms: float, status: int) -> None:
        with self.lock:
            self.lat[route].append(ms)
            if status >= 500:
                self.e5xx[route] += 1
            elif status >= 300:
                self.other[route] += 1


@dataclass
class Load:
    """The clients' side: routes, parameter pools, each user's cookies and API headers."""

    base: str
    routes: list[Route]
    pools: dict[str, Pools]
    sessions: dict[str, tuple[dict[str, str], dict[str, str]]]
    seed: int

    def client(self, n: int, stop: float, stats: Stats, draw: int) -> int:
        """Client ``n``: requests back to back until ``stop`` (``time.monotonic``), each route
        equally often in a shuffled order; returns the number sent."""
        user = list(USERS)[n % len(USERS)]
        rnd = random.Random(self.seed * 1000 + n + draw)
        cookies, headers = self.sessions[user]
        page = httpx.Client(base_url=self.base, timeout=120, cookies=cookies)
        api = httpx.Client(base_url=self.base, headers=headers, timeout=120)
        done = 0
        order: list[Route] = []
        while time.monotonic() < stop:
            if not order:
                order = list(self.routes)
                rnd.shuffle(order)
            name, is_api, path = order.pop()
            url = path(self.pools[user], rnd)
            t0 = time.perf_counter()
            try:
                resp = (api if is_api else page).get(url)
                status = resp.status_code
            except httpx.TransportError:
                status = 599
            stats.add(name, 1000 * (time.perf_counter() - t0), status)
            done += 1
        page.close()
        api.close()
        return done

    def threads(self, ids: list[int], stop: float, draw: int) -> tuple[int, Stats, float]:
        """Clients ``ids`` as threads of this process: requests sent, their times, CPU seconds used."""
        stats = Stats()
        cpu = time.process_time()
        with ThreadPoolExecutor(len(ids)) as pool:
            total = sum(pool.map(lambda n: self.client(n, stop, stats, draw), ids))
        return total, stats, time.process_time() - cpu

    def run(self, clients: int, processes: int, stop: float, draw: int) -> tuple[int, Stats, float]:
        """All clients until ``stop``: as threads of this process, or spread over ``processes``
        forked processes (each client keeps its own connection, user, and random draws)."""
        if processes <= 1:
            return self.threads(list(range(clients)), stop, draw)
        ctx = mp.get_context("fork")
        queue = ctx.Queue()
        parts = [list(range(clients))[k::processes] for k in range(processes)]
        procs = [ctx.Process(target=_forked, args=(self, ids, stop, draw, queue)) for ids in parts if ids]
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        for p in procs:
            p.join()
        stats = Stats()
        total = cpu = 0.0
        for done, lat, e5xx, other, used in results:
            total += done
            cpu += used
            for k, v in lat.items():
                stats.lat[k].extend(v)
            for k, c in e5xx.items():
                stats.e5xx[k] += c
            for k, c in other.items():
                stats.other[k] += c
        return int(total), stats, cpu


def _forked(load: Load, ids: list[int], stop: float, draw: int, queue: Any) -> None:
    done, stats, cpu = load.threads(ids, stop, draw)
    queue.put((done, dict(stats.lat), dict(stats.e5xx), dict(stats.other), cpu))


def _page_client(base: str, user: str) -> httpx.Client:
    c = httpx.Client(base_url=base, timeout=120)
    r = c.get("/login")
    tok = re.search(r'name="csrf_token" value="([^"]+)"', r.text)
    r = c.post("/login", data={"username": user, "password": USERS[user], "csrf_token": tok.group(1) if tok else "",
                               "next": "/overview"}, follow_redirects=False)
    if r.status_code != 303:
        raise RuntimeError(f"login of {user} failed: {r.status_code}")
    return c


def _api_headers(base: str, user: str) -> dict[str, str]:
    r = httpx.post(f"{base}/api/v1/token", data={"username": user, "password": USERS[user]}, timeout=60)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _pools(base: str, user: str) -> Pools:
    h = _api_headers(base, user)
    page = _page_client(base, user)
    ents = httpx.get(f"{base}/api/v1/enterprises?page_size=1000", headers=h, timeout=120).json()["items"]
    rnd = random.Random(user)
    codes = [e["credit_code"] for e in ents]
    words = sorted({e["name"][i:i + 2] for e in ents for i in (0, 2, 4) if len(e["name"]) >= i + 2})
    rnd.shuffle(words)
    chains = sorted(set(re.findall(r'<option value="([^"]+)"[^>]*>', page.get("/chains").text)) - {""})
    chain_ids = [c for c in chains if not re.fullmatch(r"\d+", c)] or chains
    measures = sorted(set(re.findall(r'/support/measures/([A-Za-z0-9_.-]+)', page.get("/support").text)))
    regions = [r["code"] for r in httpx.get(f"{base}/api/v1/regions", headers=h, timeout=60).json()["rows"]
               if r["level"] in ("province", "city")]
    page.close()
    return Pools(codes, words, chain_ids[:6], measures, regions)


Route = tuple[str, bool, Callable[[Pools, random.Random], str]]


def _routes() -> list[Route]:
    """``(name, is_api, path builder)`` of every route in the mix."""
    def pick(xs: list[str], rnd: random.Random, default: str = "") -> str:
        return rnd.choice(xs) if xs else default

    pages: list[Route] = [
        ("page /overview", False, lambda p, r: "/overview"),
        ("page /overview?region=", False, lambda p, r: f"/overview?region={pick(p.regions, r)}"),
        ("page /enterprises", False, lambda p, r: "/enterprises"),
        ("page /enterprises?filter", False, lambda p, r: f"/enterprises?industry={r.choice(['36', '38', '39', '26'])}&page=2"),
        ("page /enterprises/{code}", False, lambda p, r: f"/enterprises/{pick(p.codes, r)}"),
        ("page /structure", False, lambda p, r: "/structure"),
        ("page /clusters", False, lambda p, r: "/clusters"),
        ("page /chains", False, lambda p, r: f"/chains?chain={pick(p.chains, r)}"),
        ("page /delivery", False, lambda p, r: "/delivery"),
        ("page /news", False, lambda p, r: "/news"),
        ("page /compare", False, lambda p, r: "/compare"),
        ("page /support", False, lambda p, r: "/support"),
        ("page /support/measures/{id}", False, lambda p, r: f"/support/measures/{pick(p.measures, r)}"),
        ("page /support/firms/{code}", False, lambda p, r: f"/support/firms/{pick(p.codes, r)}"),
        ("page /support/services", False, lambda p, r: "/support/services"),
        ("page /support/warnings", False, lambda p, r: "/support/warnings"),
        ("page /search", False, lambda p, r: f"/search?q={pick(p.words, r)}"),
        ("page /glossary", False, lambda p, r: "/glossary"),
    ]
    api: list[Route] = [
        ("api me", True, lambda p, r: "/api/v1/me"),
        ("api regions", True, lambda p, r: "/api/v1/regions"),
        ("api overview", True, lambda p, r: f"/api/v1/overview?region={pick(p.regions, r)}"),
        ("api enterprises", True, lambda p, r: "/api/v1/enterprises?page_size=50"),
        ("api enterprises?filter", True,
         lambda p, r: f"/api/v1/enterprises?industry={r.choice(['36', '38', '39', '26'])}&page=2&page_size=50"),
        ("api enterprises/{code}", True, lambda p, r: f"/api/v1/enterprises/{pick(p.codes, r)}"),
        ("api search", True, lambda p, r: f"/api/v1/search?q={pick(p.words, r)}"),
    ]
    for t in TABLES:
        if t.startswith("chain_"):
            api.append((f"api tables/{t}", True, lambda p, r, t=t: f"/api/v1/tables/{t}?chain={pick(p.chains, r)}"))
        else:
            api.append((f"api tables/{t}", True, lambda p, r, t=t: f"/api/v1/tables/{t}"))
    return pages + api


def run(workspace: Path, clients: int, duration: float, workers: int = 1, catalog_url: str | None = None,
        seed: int = 7, log: Path | None = None, settle: float = 0.0, processes: int = 1) -> None:
    print(f"load average before start: {Path('/proc/loadavg').read_text().strip()}")
    server, base = _start(workspace, workers, catalog_url, log)
    try:
        _measure(base, clients, duration, workers, seed, settle, processes)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(base: str, clients: int, duration: float, workers: int, seed: int, settle: float = 0.0,
             processes: int = 1) -> None:
    routes = _routes()
    pools = {u: _pools(base, u) for u in USERS}
    print(f"server {base} ({workers} worker process{'es' if workers > 1 else ''}), {clients} concurrent clients "
          f"(half chengdu, half sichuan), {duration:.0f} s, {len(routes)} routes"
          + (f", after {settle:.0f} s of the same load untimed" if settle else "")
          + (f"; the clients run in {processes} processes" if processes > 1 else "; the clients are threads of one process"))
    for u, p in pools.items():
        print(f"  {u}: {len(p.codes)} enterprise codes, {len(p.words)} search texts, chains {p.chains}, "
              f"{len(p.measures)} measures, {len(p.regions)} regions")
    # one page session and one token per user, shared by that user's clients (each on its own
    # connection): logins are throttled per user name, and at once they would count as a burst
    sessions = {u: (_page_client(base, u), _api_headers(base, u)) for u in USERS}
    cold: dict[str, float] = {}
    for n in range(1 if workers <= 1 else 4 * workers):  # new connections, so every worker process warms up
        for u in USERS:
            page, h = sessions[u]
            rnd = random.Random(seed + n)
            for name, is_api, path in routes:
                t = time.perf_counter()
                r = httpx.get(base + path(pools[u], rnd), headers=h if is_api else None,
                              cookies=None if is_api else page.cookies, timeout=300)
                if n == 0:
                    cold[name] = max(cold.get(name, 0.0), 1000 * (time.perf_counter() - t))
                if r.status_code >= 500:
                    print(f"  warm-up: {name} as {u} answered {r.status_code}")
    load = Load(base, routes, pools, {u: (dict(sessions[u][0].cookies), sessions[u][1]) for u in USERS}, seed)
    if settle > 0:  # a server that has been up for a while: untimed, other draws than the timed window
        settled, before, _ = load.run(clients, processes, time.monotonic() + settle, 500_000)
        print(f"  settling: {settled} requests in {settle:.0f} s (not counted), 5xx {sum(before.e5xx.values())}")
    stop = time.monotonic() + duration
    loads: list[float] = [_loadavg()]

    def sampler() -> None:
        while time.monotonic() < stop:
            time.sleep(5)
            loads.append(_loadavg())

    threading.Thread(target=sampler, daemon=True).start()
    t0 = time.perf_counter()
    total, stats, cpu = load.run(clients, processes, stop, 0)
    wall = time.perf_counter() - t0
    loads.append(_loadavg())
    every = [x for v in stats.lat.values() for x in v]
    print(f"\n{total} requests in {wall:.1f} s ({total / wall:.1f} req/s); all routes p50 {statistics.median(every):.0f} ms, "
          f"p95 {_pct(every, 0.95):.0f} ms; 5xx {sum(stats.e5xx.values())}; "
          f"load average (1 min) start {loads[0]:.2f}, highest {max(loads):.2f}, end {loads[-1]:.2f}; "
          f"the clients used {cpu:.1f} CPU seconds ({cpu / wall:.2f} cores)")
    print("\n| route | n | cold | p50 ms | p95 ms | max ms | 5xx | other non-2xx |\n|---|---|---|---|---|---|---|---|")
    for name, _, _ in routes:
        v = stats.lat.get(name, [])
        if not v:
            print(f"| {name} | 0 | | | | | | |")
            continue
        print(f"| {name} | {len(v)} | {cold.get(name, 0):.0f} | {statistics.median(v):.0f} | {_pct(v, 0.95):.0f} | "
              f"{max(v):.0f} | {stats.e5xx.get(name, 0)} | {stats.other.get(name, 0)} |")
    slow = [n for n, v in stats.lat.items() if _pct(v, 0.95) >= 300]
    print(f"\nroutes with p95 >= 300 ms: {len(slow)} of {len(stats.lat)}"
          + (f" ({', '.join(sorted(slow))})" if slow else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspace", type=Path)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of timed load")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of the server")
    ap.add_argument("--catalog-url", help="catalog of the workspace, e.g. a PostgreSQL URL (row-level security)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds of the same load, untimed, before the timed window (a server up for a while)")
    ap.add_argument("--server-log", type=Path, help="file for the server's standard error (tracebacks of 5xx)")
    ap.add_argument("--client-processes", type=int, default=1,
                    help="spread the clients over this many processes (default: threads of one process, whose "
                         "interpreter lock then adds to the times measured)")
    a = ap.parse_args()
    if a.workspace is None:
        from xinzhi.demo import build_demo

        folder = Path(tempfile.mkdtemp()) / "demo"
        print(f"building the demo workspace in {folder} ...")
        build_demo(folder).close()
        a.workspace = folder
    run(a.workspace, a.clients, a.duration, a.workers, a.catalog_url, a.seed, a.server_log, a.settle,
        a.client_processes)


if __name__ == "__main__":
    main()
