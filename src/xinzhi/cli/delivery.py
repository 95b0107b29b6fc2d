"""Delivery commands: template, targets, projects, rank, alerts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from xinzhi.cli.common import console, open_ws, render_table
from xinzhi.delivery import reports
from xinzhi.delivery.templates import TEMPLATES, write_template
from xinzhi.errors import InputError

_SYNTHETIC = "[bold yellow]Synthetic demo data[/] — figures are generated, not real statistics. 演示数据为合成数据。"


def _note_if_demo(ws: object) -> None:
    if getattr(ws, "is_demo", False):
        console.print(_SYNTHETIC)


def template(
    name: str = typer.Argument(..., help=f"Template: {', '.join(TEMPLATES)}."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output .xlsx (default NAME-template.xlsx)."),
) -> None:
    """Write an Excel template with Chinese and English headers that `xinzhi import` accepts."""
    path = write_template(name, out or Path(f"{name}-template.xlsx"))
    table = TEMPLATES.get(name, name)
    console.print(f"Wrote {path}; fill the first sheet and run: xinzhi import {table} {path}")


def targets(
    region: str = typer.Argument(..., help="Region code or name (targets of the region and below)."),
    as_of_year: int | None = typer.Option(None, "--as-of-year", help="Ignore values after this year."),
    status: str | None = typer.Option(None, help="Only this status: achieved, on_track, at_risk, off_track, no_data."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write all columns to .csv/.xlsx/.parquet."),
) -> None:
    """Target progress: actual vs linear and compound paths, CAGR, projection and status."""
    ws = open_ws()
    df = reports.targets_report(ws, region, as_of_year=as_of_year)
    if status:
        df = df[df["status"] == status]
    _note_if_demo(ws)
    if out is not None:
        render_table(df, title="targets", out=out)
        return
    show = df[["target_id", "region_name", "name", "kind", "deadline_year", "target_level", "latest_year",
               "actual", "achieved_cagr", "required_cagr", "projected", "status"]]
    render_table(show, title=f"Targets — {region}")
    for r in df[df["status"].isin(["off_track", "at_risk"])].itertuples(index=False):
        console.print(f"  [bold]{r.target_id}[/] {r.status}: {r.rule}", highlight=False)


def projects(
    region: str = typer.Argument(..., help="Region code or name (projects of the region and below)."),
    late: bool = typer.Option(False, "--late", help="Only late projects (suspended, stalled, overdue, behind pace ...)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Reporting month YYYY-MM (default: latest)."),
    tolerance: float = typer.Option(0.10, help="Pace gap (share of plan) before a project counts as behind."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write all columns to .csv/.xlsx/.parquet."),
) -> None:
    """Major projects: investment progress, schedule checks, size bands, share of industrial investment."""
    ws = open_ws()
    df = reports.projects_report(ws, region, as_of=as_of, late_only=late, tolerance=tolerance)
    _note_if_demo(ws)
    if out is not None:
        render_table(df, title="projects", out=out)
        return
    show = df[["project_id", "name", "region_name", "status", "planned_investment", "cumulative_investment",
               "completion", "expected", "late", "reasons"]]
    render_table(show, title=f"Major projects — {region}" + (" (late)" if late else ""),
                 caption="money in 万元")
    if not late:
        s = reports.projects_summary(ws, region, as_of=as_of, tolerance=tolerance)
        share = s["share_of_industrial_investment"]
        share_txt = "n/a" if pd.isna(share) else f"{share:.1%}"  # type: ignore[arg-type]
        console.print(
            f"{s['projects']} projects, planned {s['planned_investment']:,.0f} 万元; "
            f"invested {s['ytd_investment']:,.0f} 万元 Jan–{s['as_of']}, {share_txt} of industrial "
            f"investment; {s['late']} late."
        )
        render_table(s["size_bands"], title="By size (万元)")  # type: ignore[arg-type]


def rank(
    indicator: str = typer.Argument(..., help="Indicator code."),
    period: str = typer.Option(..., "--period", "-p", help="2024, 2024Q3 or 2024-11."),
    peers_of: str | None = typer.Option(None, "--peers-of", help="Rank the regions directly under this one."),
    level: str | None = typer.Option(None, help="Rank every region of this level (province, city ...)."),
    by: str = typer.Option("value", help="value, growth_nominal or growth_real."),
    compare: str = typer.Option("year_ago", help="Rank change vs year_ago or previous period."),
    out: Path | None = typer.Option(None, "--out", "-o"),
) -> None:
    """League table of peer regions for an indicator and period, with change in rank."""
    if by not in ("value", "growth_nominal", "growth_real"):
        raise InputError(f"--by must be value, growth_nominal or growth_real, got {by!r}")
    if compare not in ("year_ago", "previous"):
        raise InputError(f"--compare must be year_ago or previous, got {compare!r}")
    ws = open_ws()
    df = reports.ranking_report(ws, indicator, period=period, peers_of=peers_of, level=level,
                                by=by, compare=compare)  # type: ignore[arg-type]
    _note_if_demo(ws)
    render_table(df, title=f"{indicator} {period} ({by})", out=out)


def alerts(
    region: str = typer.Argument(..., help="Region code or name."),
    as_of: str | None = typer.Option(None, "--as-of", help="Reporting month for projects (YYYY-MM)."),
    out: Path | None = typer.Option(None, "--out", "-o"),
) -> None:
    """Suspended, stalled and late projects, and targets off track or at risk, with reasons."""
    ws = open_ws()
    df = reports.alerts_report(ws, region, as_of=as_of)
    _note_if_demo(ws)
    render_table(df, title=f"Alerts — {region}", out=out)


def register(app: typer.Typer) -> None:
    app.command("template")(template)
    app.command("targets")(targets)
    app.command("projects")(projects)
    app.command("rank")(rank)
    app.command("alerts")(alerts)
