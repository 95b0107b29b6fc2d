"""``xinzhi clusters REGION`` (cluster profile) and ``xinzhi cluster-system ...`` (definitions)."""

from __future__ import annotations

from pathlib import Path

import typer

from xinzhi.cli.common import console, open_ws, render_table

system_app = typer.Typer(help="Cluster systems: install bundled ones, import, export, list.", no_args_is_help=True)


def clusters_cmd(
    region: str = typer.Argument(..., help="Region code (GB/T 2260), e.g. 510000."),
    system: str | None = typer.Option(None, "--system", "-s", help="Cluster system id (default: the region's)."),
    year: int | None = typer.Option(None, "--year", "-y", help="Year (default: latest in region_industry_year)."),
    measure: str = typer.Option("output", help="Size measure: output, value_added, revenue, employment."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to .csv, .xlsx or .parquet."),
) -> None:
    """Profile of a region's clusters: size, growth, share, LQ, strong clusters, scale thresholds."""
    from xinzhi.clusters.report import profile_for

    with open_ws() as ws:
        p = profile_for(ws, region, system=system, year=year, measure=measure)
    cols = ["tier", "name", measure, "growth", "share", "lq", "strong", "cagr", "progress_100bn", "year_100bn",
            "year_1tn", "firms", "leading_enterprises"]
    from xinzhi.cli.common import say
    from xinzhi.web.formatting import plain

    title = say(f"{region} {p.attrs['year']} 年产业集群（按{plain(measure, 'zh')}）",
                f"Clusters of {region}, {p.attrs['year']} (by {measure})")
    render_table(p if out else p[cols], title=title,
                 out=out, max_rows=100)


@system_app.command("list")
def list_cmd() -> None:
    """Cluster systems in the workspace and the bundled ones."""
    from xinzhi.clusters.definitions import BUNDLED_SYSTEMS

    with open_ws() as ws:
        c = ws.to_pandas("cluster")
    summary = c.groupby(["system", "system_name", "region_code"]).size().rename("clusters").reset_index()
    render_table(summary, title="Cluster systems in the workspace")
    console.print("Bundled (install with `xinzhi cluster-system install ID`): "
                  + "; ".join(f"{k}: {v}" for k, v in BUNDLED_SYSTEMS.items()))


@system_app.command("install")
def install_cmd(system: str = typer.Argument(..., help="cq-33618 or sc-six")) -> None:
    """Install a bundled cluster system."""
    from xinzhi.clusters.definitions import bundled_system, install_system

    s = bundled_system(system)
    with open_ws() as ws:
        install_system(ws, s, source=f"bundled cluster system {system}")
    console.print(f"Installed {s.system} ({s.name}): {len(s.clusters)} clusters")


@system_app.command("import")
def import_cmd(file: Path = typer.Argument(..., help=".yaml, .json, or a .csv/.xlsx sheet")) -> None:
    """Import a cluster system (replaces an earlier version with the same id)."""
    from xinzhi.clusters.definitions import install_system, read_system_file

    s = read_system_file(file)
    with open_ws() as ws:
        install_system(ws, s, source=file.name)
    console.print(f"Imported {s.system} ({s.name}): {len(s.clusters)} clusters")


@system_app.command("export")
def export_cmd(system: str = typer.Argument(...), file: Path = typer.Argument(..., help=".yaml, .json, .csv or .xlsx")) -> None:
    """Export a cluster system to YAML, JSON, CSV or Excel (all import back)."""
    import json

    import yaml

    from xinzhi.cli.common import write_frame
    from xinzhi.clusters.definitions import load_system, system_to_dict, system_to_frame

    with open_ws() as ws:
        s = load_system(ws, system)
    suffix = file.suffix.lower()
    if suffix == ".json":
        file.write_text(json.dumps(system_to_dict(s), ensure_ascii=False, indent=2), encoding="utf-8")
    elif suffix in (".yaml", ".yml"):
        file.write_text(yaml.safe_dump(system_to_dict(s), allow_unicode=True, sort_keys=False), encoding="utf-8")
    else:
        write_frame(system_to_frame(s), file, sheet=system)
    console.print(f"Wrote {system} to {file}")


def register(app: typer.Typer) -> None:
    """Add ``clusters`` and ``cluster-system`` to the root command."""
    app.command("clusters")(clusters_cmd)
    app.add_typer(system_app, name="cluster-system")
