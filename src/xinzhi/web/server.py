"""Run the web application with uvicorn: ``serve(workspace_path)``.

This is the function ``xinzhi serve`` and ``xinzhi run`` call.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

logger = logging.getLogger(__name__)


def prepare(workspace_path: Path, catalog_url: str | None = None):  # type: ignore[no-untyped-def]
    """Open the workspace, create the demo accounts on the demo, and build the app."""
    from xinzhi.web.app import create_app
    from xinzhi.workspace import open_workspace

    ws = open_workspace(Path(workspace_path), catalog_url=catalog_url, create=False)
    if ws.is_demo:
        from xinzhi.web.demo_users import (
            DEMO_USERS,
            ensure_demo_evaluation,
            ensure_demo_gradient,
            ensure_demo_users,
        )

        ensure_demo_evaluation(ws)
        ensure_demo_gradient(ws)

        made = ensure_demo_users(ws)
        if made:
            lines = "\n".join(f"  {u:<10} {p:<14} {r}{' ' + c if c else ''}" for u, p, r, c, _ in DEMO_USERS)
            sys.stderr.write(f"Demo accounts (synthetic demo workspace only):\n{lines}\n")
    return create_app(ws)


def serve(workspace_path: Path, host: str = "127.0.0.1", port: int = 8000, catalog_url: str | None = None) -> None:
    """Serve the dashboard and the REST API of the workspace at ``workspace_path`` (blocking)."""
    import uvicorn

    app = prepare(workspace_path, catalog_url)
    logger.info("serving %s at http://%s:%d", workspace_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
