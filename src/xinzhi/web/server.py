"""Run the web application with uvicorn: ``serve(workspace_path)``.

This is the function ``xinzhi serve`` and ``xinzhi run`` call. With ``workers > 1`` uvicorn
starts that many server processes, each building the app from the workspace named in the
environment (:func:`worker_app`); the demo accounts and demo evaluations are prepared once, in
the parent, before the workers start. Several processes are safe on a SQLite catalog (WAL mode
and a busy timeout; accounts, login throttling, audit log and the session key live in the
catalog) and on PostgreSQL; each process keeps its own caches.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

ENV_WORKSPACE = "XINZHI_WEB_WORKSPACE"
ENV_CATALOG = "XINZHI_WEB_CATALOG_URL"
ENV_THREADS = "XINZHI_WEB_THREADS"
#: requests computed at once in one server process (the others wait their turn in order)
DEFAULT_THREADS = 2
ENV_SWITCH = "XINZHI_WEB_SWITCH_MS"
#: milliseconds a thread may hold the interpreter lock while another waits (Python's default: 5)
DEFAULT_SWITCH_MS = 0.5


def _open(workspace_path: Path | str, catalog_url: str | None) -> Workspace:
    from xinzhi.workspace import open_workspace

    return open_workspace(Path(workspace_path), catalog_url=catalog_url, create=False)


def _prepare_demo(ws: Workspace) -> None:
    """On the demo: the demo accounts, and the 亩均 evaluation, gradient screening and digital
    assessment if missing."""
    if not ws.is_demo:
        return
    from xinzhi.web.demo_users import (
        DEMO_USERS,
        ensure_demo_digital,
        ensure_demo_evaluation,
        ensure_demo_gradient,
        ensure_demo_users,
    )

    ensure_demo_evaluation(ws)
    ensure_demo_gradient(ws)
    ensure_demo_digital(ws)
    made = ensure_demo_users(ws)
    if made:
        lines = "\n".join(f"  {u:<10} {p:<14} {r}{' ' + c if c else ''}" for u, p, r, c, _ in DEMO_USERS)
        sys.stderr.write(f"Demo accounts (synthetic demo workspace only):\n{lines}\n")


def prepare(workspace_path: Path, catalog_url: str | None = None) -> FastAPI:
    """Open the workspace, prepare the demo (accounts, evaluations), and build the app."""
    from xinzhi.web.app import create_app

    ws = _open(workspace_path, catalog_url)
    _prepare_demo(ws)
    return limit_threads(create_app(ws))


def limit_threads(app: FastAPI, threads: int | None = None) -> FastAPI:
    """Compute at most ``threads`` requests at once (``$XINZHI_WEB_THREADS``, default
    :data:`DEFAULT_THREADS`; anyio's default is 40).

    The pages are computed in Python, so one process runs one of them at a time whatever the
    number of threads; forty threads taking turns on the interpreter lock every few milliseconds
    make each request wait for all the others (and push out each other's caches), while a few
    threads finish requests in the order they came. DuckDB queries, file reads and the catalog
    release the lock, so a few threads still overlap them with Python work. With the lock handed
    over every 0.5 ms (:func:`share_interpreter_lock`), two threads did better than four on the
    full-mix load (two processes, 20 clients): 426–446 against 296–381 requests/s, p95 of the
    slowest route (one firm's support page) 197–208 against 312–371 ms (``docs/benchmarks.md``).
    """
    n = threads or int(os.environ.get(ENV_THREADS) or DEFAULT_THREADS)

    from contextlib import asynccontextmanager

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = n
        async with inner(a) as state:
            yield state

    app.router.lifespan_context = lifespan
    return app


def settle_gc() -> None:
    """Move everything alive after start-up (modules, the app, the workspace) out of the cyclic
    garbage collector's reach, and collect young objects less often.

    A full collection of a started server walks about 270,000 objects and stops every thread for
    about 150 ms on the development machine, which showed as the p95 of the enterprise list under
    load; frozen start-up objects are never walked again (:func:`gc.freeze`), and a larger
    first-generation threshold lets short-lived request objects die before they are promoted.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def share_interpreter_lock(ms: float | None = None) -> None:
    """Let the thread holding the interpreter lock hand it over after ``ms`` milliseconds
    (``$XINZHI_WEB_SWITCH_MS``, default :data:`DEFAULT_SWITCH_MS`) instead of Python's 5.

    The event loop accepts, reads and answers every request, kept pages included, in short
    steps between waits for the network; after each wait it needs the lock back from a thread
    computing a page. With the default interval each step can wait 5 ms per busy thread, so a
    request that costs a millisecond took 40–90 ms under load and the kept pages' speed was
    lost. Measured with ``benchmarks/api_load.py`` (full mix, 20 clients, two processes): at
    5 ms 262 requests/s and 13 of 41 routes with p95 over 300 ms; at 0.5 ms 371 requests/s and
    none (``docs/benchmarks.md``).
    """
    value = ms if ms is not None else float(os.environ.get(ENV_SWITCH) or DEFAULT_SWITCH_MS)
    sys.setswitchinterval(value / 1000)


def worker_app() -> FastAPI:
    """App factory of one worker process (workspace and catalog from the environment)."""
    from xinzhi.web.app import create_app

    app = limit_threads(create_app(_open(os.environ[ENV_WORKSPACE], os.environ.get(ENV_CATALOG) or None)))
    settle_gc()
    share_interpreter_lock()
    return app


def serve(workspace_path: Path, host: str = "127.0.0.1", port: int = 8000, catalog_url: str | None = None,
          workers: int = 1) -> None:
    """Serve the dashboard and the REST API of the workspace at ``workspace_path`` (blocking)."""
    import uvicorn

    if workers <= 1:
        app = prepare(workspace_path, catalog_url)
        settle_gc()
        share_interpreter_lock()
        logger.info("serving %s at http://%s:%d", workspace_path, host, port)
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=False,
                    proxy_headers=False)  # the app reads X-Forwarded-For from trusted proxies only
        return
    ws = _open(workspace_path, catalog_url)
    _prepare_demo(ws)
    ws.close()
    os.environ[ENV_WORKSPACE] = str(Path(workspace_path).resolve())
    if catalog_url:
        os.environ[ENV_CATALOG] = catalog_url
    logger.info("serving %s at http://%s:%d with %d worker processes", workspace_path, host, port, workers)
    uvicorn.run("xinzhi.web.server:worker_app", factory=True, workers=workers, host=host, port=port,
                log_level="info", access_log=False, proxy_headers=False)
