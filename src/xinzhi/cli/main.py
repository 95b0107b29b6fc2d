"""Entry point of the ``xinzhi`` command.

Each command family lives in its own module ``xinzhi.cli.<name>`` exposing
``register(app: typer.Typer) -> None``; this file only assembles them and turns
:class:`~xinzhi.errors.XinzhiError` into one clear message (a traceback only with ``--debug``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from xinzhi import __version__
from xinzhi.cli.common import err_console, state
from xinzhi.errors import XinzhiError

COMMAND_MODULES = (
    "workspace",
    "structure",
    "clusters",
    "chains",
    "evaluate",
    "delivery",
    "extract",
    "serve",
    "users",
    "support",
)

class XinzhiGroup(TyperGroup):
    """Root command group: a :class:`XinzhiError` becomes one red line and exit status 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except XinzhiError as exc:
            if state.debug:
                raise
            err_console.print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="xinzhi",
    cls=XinzhiGroup,
    help="Xinzhi (新质): analytics for a region's modern industrial system.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"xinzhi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    workspace: Path | None = typer.Option(
        None, "--workspace", "-w", help="Workspace folder (default ./xinzhi-workspace or $XINZHI_WORKSPACE)."
    ),
    catalog_url: str | None = typer.Option(
        None, "--catalog-url", envvar="XINZHI_CATALOG_URL",
        help="SQLAlchemy URL of the catalog (default: a SQLite file inside the workspace).",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    state.workspace = workspace
    state.catalog_url = catalog_url
    state.debug = debug


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"xinzhi.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command family not built yet
        if exc.name != f"xinzhi.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    """Run the CLI."""
    app()


if __name__ == "__main__":
    main()
