"""Workspace commands: init, demo, import, export, history, restore, tables, profile, run."""

from __future__ import annotations

from pathlib import Path

import typer

from xinzhi.cli.common import console, open_ws, progress, render_table, state, workspace_path
from xinzhi.cli.names import TABLE_NAMES
from xinzhi.errors import InputError

SYNTHETIC_NOTE = "[bold yellow]Synthetic demo data[/] — figures are generated, not real statistics. 演示数据为合成数据。"
SYNTHETIC_NOTE_ZH = "[bold yellow]演示数据[/]：地区与行业真实，所有数值均为合成，不代表真实统计。"
#: the profile's counts in Chinese
COUNTS_ZH = {"cities": "市（州）", "counties": "县（市、区）", "parks": "园区", "enterprises": "企业",
             "above_scale": "规上企业"}
LEVEL_ZH = {"province": "省", "city": "市（州）", "county": "县（市、区）", "park": "园区", "zone": "功能区"}


def _parse_units(units: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in units or []:
        if "=" not in item:
            raise InputError(f"--unit takes COLUMN=UNIT (e.g. tax=元), got {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def init() -> None:
    """Create an empty workspace with the bundled reference data."""
    ws = open_ws(create=True)
    console.print(f"Workspace ready at {ws.path} ({len(ws.to_pandas('region')):,} regions, "
                  f"{len(ws.to_pandas('industry')):,} industries).")


def import_(
    table: str = typer.Argument(..., help=f"Table to import into: {', '.join(TABLE_NAMES)}."),
    file: Path = typer.Argument(..., help="CSV (UTF-8 or GBK), XLSX or Parquet file."),
    mode: str = typer.Option("upsert", help="upsert (replace rows with the same key), append, or replace (whole table)."),
    unit: list[str] | None = typer.Option(None, "--unit", help="COLUMN=UNIT for columns whose header has no unit, e.g. tax=元."),
    sheet: str | None = typer.Option(None, help="Sheet name for Excel files (default: the first sheet)."),
) -> None:
    """Validate a file and import it as a new snapshot (all or nothing)."""
    ws = open_ws()
    with progress(f"Importing {file.name} into {table}"):
        res = ws.import_file(table, file, mode=mode, units=_parse_units(unit), sheet=sheet)  # type: ignore[arg-type]
    for w in res.warnings:
        console.print(f"[bold yellow]Warning:[/] {w}", highlight=False)
    if not res.changed:
        console.print(f"{file}: {res.message}. Snapshot {res.snapshot_id} stays current.")
        return
    console.print(f"[green]Imported[/] {file} into {table}: {res.message}. Snapshot {res.snapshot_id}.")
    for c in res.conversions:
        console.print(f"  converted {c.column}: {c.source_unit} → {c.canonical_unit} (× {c.factor:g})")
    if res.ignored_columns:
        console.print(f"  ignored columns not in {table}: {', '.join(res.ignored_columns)}")


def export(
    table: str = typer.Argument(..., help="Table to export."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (default TABLE.FORMAT)."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, xlsx or parquet."),
    headers: str = typer.Option("en", help="en (column names) or zh (Chinese labels with units)."),
) -> None:
    """Export the current rows of a table; the file imports back unchanged."""
    ws = open_ws(create=False)
    target = out or Path(f"{table}.{fmt}")
    n = ws.export(table, target, fmt=fmt, headers=headers)
    kind = "Chinese labels with units" if headers == "zh" else "column names"
    console.print(f"Wrote {n:,} rows of {table} to {target.resolve()} ({fmt}, headers: {kind})", highlight=False)


def history(table: str | None = typer.Argument(None, help="Only this table.")) -> None:
    """List imports, writes and restores: when, who, file, hash, rows, snapshot."""
    ws = open_ws(create=False)
    import pandas as pd

    h = ws.history(table)
    h["at"] = pd.to_datetime(h["at"]).dt.strftime("%Y-%m-%d %H:%M:%S")
    h["file_hash"] = h["file_hash"].str[:12]
    render_table(h[["snapshot_id", "at", "table_name", "action", "rows_total", "file_name", "user", "mode", "rows_in",
                    "file_hash"]],
                 title="Import history", max_rows=200,
                 caption="`xinzhi restore TABLE SNAPSHOT` takes a snapshot id or its first characters")


def restore(
    table: str = typer.Argument(..., help="Table to restore."),
    snapshot: str = typer.Argument(..., help="Snapshot id (see `xinzhi history`)."),
) -> None:
    """Make an earlier snapshot of a table current again (nothing is deleted). The snapshot id
    may be shortened to any prefix that names one snapshot of the table."""
    ws = open_ws(create=False)
    ids = [str(i) for i in ws.history(table)["snapshot_id"].dropna().unique()]
    hits = [i for i in ids if i.startswith(snapshot.strip())]
    if len(hits) > 1 and snapshot.strip() not in hits:
        raise InputError(f"snapshot {snapshot!r} is ambiguous: {', '.join(hits[:5])}; give more characters")
    snap = ws.restore(table, snapshot.strip() if snapshot.strip() in hits or not hits else hits[0])
    console.print(f"{table} is now snapshot {snap.id} ({snap.rows:,} rows).")


def tables() -> None:
    """List the workspace tables with their current row counts."""
    ws = open_ws(create=False)
    import pandas as pd

    from xinzhi.schema import TABLES

    rows = []
    for name, spec in TABLES.items():
        snap = ws.current(name)
        rows.append({"table": name, "label": spec.label_zh, "rows": snap.rows if snap else 0,
                     "snapshot": snap.id if snap else ""})
    render_table(pd.DataFrame(rows), title=f"Tables of {ws.path}", max_rows=100)


def demo(
    seed: int = typer.Option(2024, help="Random seed; the same seed builds the same workspace."),
    force: bool = typer.Option(False, help="Rebuild even if the folder already holds a workspace."),
) -> None:
    """Build the synthetic demo workspace (Sichuan, about 50,000 enterprises)."""
    from xinzhi.demo import build_demo

    path = workspace_path()
    build_demo(path, seed=seed, force=force, show_progress=True)
    console.print(f"Demo workspace ready at {path}.")
    console.print(SYNTHETIC_NOTE)


def profile(region: str = typer.Argument(..., help="Region code or name, e.g. 510000 or 四川省.")) -> None:
    """Print the profile of a region: enterprises, revenue, tax, top industries."""
    from xinzhi.profile import region_profile

    ws = open_ws(create=False)
    show_profile(region_profile(ws, region))


def show_profile(prof: object) -> None:
    from xinzhi.profile import RegionProfile

    assert isinstance(prof, RegionProfile)
    from xinzhi.cli.common import cli_lang, say

    zh = cli_lang() == "zh"
    console.rule(f"{prof.name}（{prof.code}，{LEVEL_ZH.get(prof.level, prof.level)}）" if zh
                 else f"{prof.name} ({prof.code}, {prof.level})")
    if prof.synthetic:
        console.print(SYNTHETIC_NOTE_ZH if zh else SYNTHETIC_NOTE)
    console.print("  ".join(
        f"{COUNTS_ZH.get(k, k) if zh else k}: {v:,}" for k, v in prof.counts.items()))
    if len(prof.enterprise_totals):
        render_table(prof.enterprise_totals, title=say("历年企业合计", "Enterprise totals by year"))
    if len(prof.top_industries):
        render_table(prof.top_industries, title=say("产值最大的行业", "Largest industries by output"))


def run(
    host: str = typer.Option("127.0.0.1", help="Address to serve the dashboard on."),
    port: int = typer.Option(8000, help="Port to serve the dashboard on."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web dashboard after the profile."),
) -> None:
    """The main job: build the demo workspace if missing, show the demo province, serve the dashboard."""
    from xinzhi.demo import DEMO_PROVINCE, build_demo
    from xinzhi.profile import region_profile

    path = workspace_path()
    if not (path / "xinzhi-workspace.json").exists():
        build_demo(path, show_progress=True)
    ws = open_ws(create=False)
    show_profile(region_profile(ws, DEMO_PROVINCE))
    ws.close()
    if serve:
        from xinzhi.web.server import serve as serve_web

        console.print(f"Serving the dashboard at [bold]http://{host}:{port}[/] (Ctrl+C to stop).")
        serve_web(path, host=host, port=port, catalog_url=state.catalog_url)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("import")(import_)
    app.command("export")(export)
    app.command("history")(history)
    app.command("restore")(restore)
    app.command("tables")(tables)
    app.command("demo")(demo)
    app.command("profile")(profile)
    app.command("run")(run)
