"""Load on the REST API: p50/p95 latency of the overview and enterprise-list endpoints with
N concurrent clients on loopback, against a real uvicorn server on the demo workspace.

    .venv/bin/python benchmarks/api_load.py [--workspace DIR] [--clients 20] [--requests 400] [--workers 1]

Builds the demo workspace in a temporary folder unless --workspace names one. The server runs in its own
process (``xinzhi.web.server.serve``); each client runs in its own thread with its own HTTP connection and a JWT of the Chengdu city user (a
scoped user: every enterprise request passes through the scope check). The first request of
each endpoint (building the cached frames) is timed separately as the cold start; with
``--workers N`` a few more requests on new connections warm every worker before timing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx


def _start(workspace: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """Run ``serve()`` in its own process (so the client threads do not share its GIL)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = f"from xinzhi.web.server import serve; serve({str(workspace)!r}, port={port}, workers={workers})"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(base + "/login", timeout=1)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def run(workspace: Path, clients: int, requests: int, workers: int = 1) -> None:
    server, base = _start(workspace, workers)
    try:
        _measure(base, clients, requests, workers)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(base: str, clients: int, requests: int, workers: int = 1) -> None:
    tok = httpx.post(f"{base}/api/v1/token", data={"username": "chengdu", "password": "demo-chengdu"}).json()
    headers = {"Authorization": f"Bearer {tok['access_token']}"}
    endpoints = {
        "overview": "/api/v1/overview?region=510100",
        "enterprises": "/api/v1/enterprises?page_size=50",
        "enterprises filtered": "/api/v1/enterprises?industry=36&page=2&page_size=50",
    }
    print(f"server {base} ({workers} worker process{'es' if workers > 1 else ''}), {clients} concurrent clients, "
          f"{requests} requests per endpoint")
    for name, path in endpoints.items():
        t = time.perf_counter()
        r = httpx.get(base + path, headers=headers, timeout=120)
        r.raise_for_status()
        print(f"  {name:<22} cold start {1000 * (time.perf_counter() - t):8.1f} ms")
        for _ in range(8 * workers):  # new connections, so every worker process builds its caches
            httpx.get(base + path, headers=headers, timeout=120).raise_for_status()
    for name, path in endpoints.items():
        lat: list[float] = []
        lock = threading.Lock()

        def client(n: int, path: str = path, lat: list[float] = lat, lock: threading.Lock = lock) -> None:
            with httpx.Client(headers=headers, timeout=60) as c:
                for _ in range(n):
                    t0 = time.perf_counter()
                    resp = c.get(base + path)
                    dt = 1000 * (time.perf_counter() - t0)
                    resp.raise_for_status()
                    with lock:
                        lat.append(dt)

        per = max(1, requests // clients)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(client, [per] * clients))
        wall = time.perf_counter() - t0
        print(f"  {name:<22} n={len(lat)} p50 {statistics.median(lat):7.1f} ms  p95 {_pct(lat, 0.95):7.1f} ms"
              f"  max {max(lat):7.1f} ms  throughput {len(lat) / wall:6.1f} req/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspace", type=Path)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of the server")
    a = ap.parse_args()
    if a.workspace is None:
        from xinzhi.demo import build_demo

        folder = Path(tempfile.mkdtemp()) / "demo"
        print(f"building the demo workspace in {folder} ...")
        build_demo(folder).close()
        a.workspace = folder
    run(a.workspace, a.clients, a.requests, a.workers)


if __name__ == "__main__":
    main()
