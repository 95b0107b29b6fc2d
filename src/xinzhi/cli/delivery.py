"""Delivery commands: template, targets, projects, rank, alerts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from xinzhi.cli.common import console, err_console, open_ws, render_table, say
from xinzhi.cli.names import TEMPLATE_NAMES
from xinzhi.errors import InputError, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

_SYNTHETIC = "[bold yellow]Synthetic demo data[/] — figures are generated, not real statistics. 演示数据为合成数据。"


def _note_if_demo(ws: object) -> None:
    if getattr(ws, "is_demo", False):
        console.print(say("[bold yellow]演示数据[/]：地区与行业真实，所有数值均为合成，不代表真实统计。", _SYNTHETIC))


def template(
    name: str = typer.Argument(..., help=f"Template: {', '.join(TEMPLATE_NAMES)}, or any table name "
                                          "(enterprise, enterprise_year, region_industry_year …; see `xinzhi tables`)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output .xlsx (default NAME-template.xlsx)."),
) -> None:
    """Write an Excel template with Chinese and English headers that `xinzhi import` accepts."""
    from xinzhi.delivery.templates import TEMPLATES, write_template

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
    from xinzhi.delivery import reports

    ws = open_ws()
    df = reports.targets_report(ws, region, as_of_year=as_of_year)
    if "unit" not in df:  # values are in their indicator's unit (a share 0.026 reads 2.6%)
        cat = ws.to_pandas("indicator") if ws.has_data("indicator") else None
        units = dict(zip(cat["code"], cat["unit"], strict=True)) if cat is not None else {}
        df = df.assign(unit=df["indicator"].map(units))
    if status:
        df = df[df["status"] == status]
    _note_if_demo(ws)
    if out is not None:
        render_table(df, title="targets", out=out)
        return
    show = df[["target_id", "region_name", "name", "kind", "deadline_year", "target_level", "unit", "latest_year",
               "actual", "achieved_cagr", "required_cagr", "projected", "status"]]
    render_table(show, title=say(f"{region} 目标进度", f"Targets — {region}"))
    from xinzhi.cli.common import cli_lang
    from xinzhi.web.i18n import value_text
    from xinzhi.web.phrases import translate

    lang = cli_lang()
    for r in df[df["status"].isin(["off_track", "at_risk"])].itertuples(index=False):
        rule = translate(str(r.rule)) if lang == "zh" else r.rule
        console.print(f"  [bold]{r.target_id}[/] {value_text(lang, 'target_status', r.status)}: {rule}",
                      highlight=False)


def projects(
    region: str = typer.Argument(..., help="Region code or name (projects of the region and below)."),
    late: bool = typer.Option(False, "--late", help="Only late projects (suspended, stalled, overdue, behind pace ...)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Reporting month YYYY-MM (default: latest)."),
    tolerance: float = typer.Option(0.10, help="Pace gap (share of plan) before a project counts as behind."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write all columns to .csv/.xlsx/.parquet."),
) -> None:
    """Major projects: investment progress, schedule checks, size bands, share of industrial investment."""
    import pandas as pd

    from xinzhi.delivery import reports

    ws = open_ws()
    df = reports.projects_report(ws, region, as_of=as_of, late_only=late, tolerance=tolerance)
    _note_if_demo(ws)
    if out is not None:
        render_table(df, title="projects", out=out)
        return
    show = df[["project_id", "name", "region_name", "status", "planned_investment", "cumulative_investment",
               "completion", "expected", "late", "reasons"]]
    render_table(show, title=say(f"{region} 重大项目" + ("（滞后）" if late else ""),
                                 f"Major projects — {region}" + (" (late)" if late else "")))
    if not late:
        s = reports.projects_summary(ws, region, as_of=as_of, tolerance=tolerance)
        share = s["share_of_industrial_investment"]
        share_txt = say("无", "n/a") if pd.isna(share) else f"{share:.1%}"  # type: ignore[arg-type]
        console.print(say(
            f"共 {s['projects']} 个项目，计划总投资 {s['planned_investment']:,.0f} 万元；1月至 {s['as_of']} 完成投资 "
            f"{s['ytd_investment']:,.0f} 万元，占工业投资 {share_txt}；滞后 {s['late']} 个。",
            f"{s['projects']} projects, planned {s['planned_investment']:,.0f} 万元; "
            f"invested {s['ytd_investment']:,.0f} 万元 Jan–{s['as_of']}, {share_txt} of industrial "
            f"investment; {s['late']} late."))
        render_table(s["size_bands"], title=say("按投资规模", "By size"))  # type: ignore[arg-type]


def _periods(ws: object) -> pd.DataFrame:
    """Every indicator with values: name, unit, regions and its periods, newest first."""
    import pandas as pd

    from xinzhi.web.comparison import _period_key

    values = ws.to_pandas("indicator_value")  # type: ignore[attr-defined]
    catalog = ws.to_pandas("indicator").set_index("code")  # type: ignore[attr-defined]
    rows = []
    for code, g in values.groupby("indicator"):
        periods = sorted(set(g["period"].astype(str)), key=_period_key, reverse=True)
        rows.append({"indicator": code, "name": catalog["name_zh"].get(code, ""), "unit": catalog["unit"].get(code, ""),
                     "regions": g["region_code"].nunique(), "latest": periods[0],
                     "periods": ", ".join(periods[:4]) + (f" … ({len(periods)})" if len(periods) > 4 else "")})
    return pd.DataFrame(rows, columns=["indicator", "name", "unit", "regions", "latest", "periods"])


def rank(
    indicator: str | None = typer.Argument(None, help="Indicator code (without one: the indicators and periods that exist)."),
    period: str | None = typer.Option(None, "--period", "-p", help="2024, 2024Q3 or 2024-11 (default: the latest)."),
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
    from xinzhi.delivery import reports

    ws = open_ws()
    known = _periods(ws)
    if indicator is None or indicator not in set(known["indicator"]):
        if indicator is not None:
            err_console.print(f"[bold red]Error:[/] no values of indicator {indicator!r}; these exist:", highlight=False)
        render_table(known, title="Indicators with values (xinzhi rank INDICATOR --period PERIOD)")
        if indicator is not None:
            raise typer.Exit(1)
        return
    row = known[known["indicator"] == indicator].iloc[0]
    period = period or str(row["latest"])
    try:
        df = reports.ranking_report(ws, indicator, period=period, peers_of=peers_of, level=level,
                                    by=by, compare=compare)  # type: ignore[arg-type]
    except (InputError, NotFoundError) as exc:
        raise InputError(f"{exc}. Periods of {indicator} ({row['name']}): {row['periods']}") from None
    _note_if_demo(ws)
    render_table(df, title=f"{row['name'] or indicator} {period} ({by}, {row['unit']})", out=out)


def alerts(
    region: str = typer.Argument(..., help="Region code or name."),
    as_of: str | None = typer.Option(None, "--as-of", help="Reporting month for projects (YYYY-MM)."),
    out: Path | None = typer.Option(None, "--out", "-o"),
) -> None:
    """Suspended, stalled and late projects, and targets off track or at risk, with reasons."""
    from xinzhi.delivery import reports

    ws = open_ws()
    df = reports.alerts_report(ws, region, as_of=as_of)
    _note_if_demo(ws)
    render_table(df, title=say(f"{region} 预警", f"Alerts — {region}"), out=out)


def register(app: typer.Typer) -> None:
    app.command("template")(template)
    app.command("targets")(targets)
    app.command("projects")(projects)
    app.command("rank")(rank)
    app.command("alerts")(alerts)
