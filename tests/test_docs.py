"""Documentation stays in step with the code."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from xinzhi.cli.main import app
from xinzhi.schema.docs import render

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_data_model_page_matches_the_specs() -> None:
    page = (DOCS / "data-model.md").read_text(encoding="utf-8")
    assert page == render(), "regenerate with: python -m xinzhi.schema.docs > docs/data-model.md"


def test_every_command_has_a_one_line_help() -> None:
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"command {name} has no help text"


def test_cli_reference_matches_the_commands() -> None:
    from xinzhi.cli.docs import render as render_cli

    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert page == render_cli(), "regenerate with: python -m xinzhi.cli.docs > docs/cli.md"
