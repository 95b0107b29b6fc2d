"""``xinzhi serve``: the web dashboard and REST API of the workspace."""

from __future__ import annotations

import typer

from xinzhi.cli.common import state, workspace_path


def serve_cmd(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, help="Port."),
    workers: int = typer.Option(1, min=1, max=16, help="Server processes (each keeps its own caches)."),
) -> None:
    """Serve the dashboard at http://HOST:PORT (and the API under /api/v1)."""
    from xinzhi.web.server import serve

    serve(workspace_path(), host=host, port=port, catalog_url=state.catalog_url, workers=workers)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
