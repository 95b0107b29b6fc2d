"""``xinzhi user add/list/passwd/disable/enable/scope/delete/token``: web accounts."""

from __future__ import annotations

import typer

from xinzhi.cli.common import console, open_ws, render_table

user_app = typer.Typer(help="Web users: roles (admin, province, city, county, park, viewer) and region scopes.",
                       no_args_is_help=True)


def _password(password: str | None) -> str:
    if password:
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def add_cmd(
    username: str = typer.Argument(...),
    role: str = typer.Option(..., "--role", help="admin, province, city, county, park or viewer."),
    region: str | None = typer.Option(None, "--region", help="Region scope (GB/T 2260 code or park code)."),
    name: str | None = typer.Option(None, "--name", help="Display name."),
    password: str | None = typer.Option(None, "--password", help="Password (prompted if omitted)."),
) -> None:
    """Create a web user."""
    from xinzhi.access.users import add_user

    with open_ws(create=False) as ws:
        u = add_user(ws, username, _password(password), role=role, region_code=region, display_name=name, by="cli")
    console.print(f"Created {u.username} ({u.role}{', scope ' + u.region_code if u.region_code else ''})")


@user_app.command("list")
def list_cmd() -> None:
    """List web users."""
    from xinzhi.access.users import list_users

    with open_ws(create=False) as ws:
        render_table(list_users(ws), title="Users")


@user_app.command("passwd")
def passwd_cmd(username: str, password: str | None = typer.Option(None, "--password")) -> None:
    """Change a password (the user's API tokens stop working)."""
    from xinzhi.access.users import set_password

    with open_ws(create=False) as ws:
        set_password(ws, username, _password(password), by="cli")
    console.print(f"Password of {username} changed")


@user_app.command("disable")
def disable_cmd(username: str) -> None:
    """Disable an account."""
    from xinzhi.access.users import set_active

    with open_ws(create=False) as ws:
        set_active(ws, username, False, by="cli")
    console.print(f"{username} disabled")


@user_app.command("enable")
def enable_cmd(username: str) -> None:
    """Enable an account."""
    from xinzhi.access.users import set_active

    with open_ws(create=False) as ws:
        set_active(ws, username, True, by="cli")
    console.print(f"{username} enabled")


@user_app.command("scope")
def scope_cmd(username: str, role: str = typer.Option(..., "--role"),
              region: str | None = typer.Option(None, "--region")) -> None:
    """Change a user's role and region scope."""
    from xinzhi.access.users import set_scope

    with open_ws(create=False) as ws:
        u = set_scope(ws, username, role=role, region_code=region, by="cli")
    console.print(f"{u.username}: {u.role} {u.region_code or ''}")


@user_app.command("delete")
def delete_cmd(username: str) -> None:
    """Delete an account."""
    from xinzhi.access.users import delete_user

    with open_ws(create=False) as ws:
        delete_user(ws, username, by="cli")
    console.print(f"{username} deleted")


@user_app.command("token")
def token_cmd(username: str) -> None:
    """Print an API token (JWT, 12 hours) for a user; it is a server-side session, ended by
    `POST /api/v1/logout` with it, or by a change of the user's password, role or scope."""
    from xinzhi.access.tokens import new_token
    from xinzhi.access.users import get_user

    with open_ws(create=False) as ws:
        typer.echo(new_token(ws, get_user(ws, username)))


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
