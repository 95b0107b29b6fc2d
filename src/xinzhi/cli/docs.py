"""Render the command reference (``docs/cli.md``) from the Typer app.

Run ``python -m xinzhi.cli.docs > docs/cli.md`` after changing a command; a test checks that
the page matches the commands.
"""

from __future__ import annotations

from typing import Any

from typer.main import get_command

from xinzhi.cli.main import app

INTRO = """# Command reference

Generated from the command definitions by `python -m xinzhi.cli.docs`; do not edit by hand.
Every command takes the global options `--workspace/-w DIR` (default `./xinzhi-workspace` or
`$XINZHI_WORKSPACE`), `--catalog-url URL` (`$XINZHI_CATALOG_URL`) and `--debug` (show
tracebacks) before the command name, e.g. `xinzhi -w my-ws import enterprise firms.xlsx`.
Tables print to the terminal; most commands write CSV or Excel with `--out FILE`.
"""


def _params(cmd: Any) -> list[str]:
    lines = []
    for p in cmd.params:
        if p.name in ("help",):
            continue
        if p.param_type_name == "argument":
            lines.append(f"- `{(p.name or '').upper()}`{' (optional)' if not p.required else ''}: "
                         f"{(getattr(p, 'help', None) or '').strip()}")
        else:
            names = " / ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
            default = ""
            if p.default not in (None, False, (), []) and not callable(p.default):
                default = f" (default: `{p.default}`)"
            lines.append(f"- {names}: {(p.help or '').strip()}{default}")
    return lines


def _walk(cmd: Any, path: str, out: list[str], depth: int) -> None:
    sub = getattr(cmd, "commands", None)
    if path:
        out.append(f"\n{'#' * min(depth, 4)} `{path}`\n\n{(cmd.help or '').strip()}\n")
        params = _params(cmd)
        if params:
            out.append("\n" + "\n".join(params) + "\n")
    if sub:
        for name in sorted(sub) if depth > 1 else list(sub):
            _walk(sub[name], f"{path} {name}".strip(), out, depth + 1)


def render() -> str:
    out = [INTRO]
    group = get_command(app)
    _walk(group, "", out, 1)
    text = "".join(out)
    return text.rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
