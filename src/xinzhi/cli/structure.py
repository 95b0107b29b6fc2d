"""``xinzhi structure``, ``xinzhi opportunities`` and ``xinzhi complexity``: thin adapters over
:mod:`xinzhi.analytics` reading the workspace's ``region_industry_year`` table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from xinzhi.cli.common import console, open_ws, render_table

if TYPE_CHECKING:
    import pandas as pd

    from xinzhi.analytics.complexity import Complexity
    from xinzhi.workspace import Workspace

VALUE_HELP = "Value column of region_industry_year: output, value_added, revenue, employment ..."


def _complexity(panel: pd.DataFrame, year: int | None) -> tuple[Complexity, int]:
    from xinzhi.analytics import complexity

    y = int(panel["year"].max()) if year is None else year
    res = complexity(panel[panel["year"] == y])
    return res, y


def _region_complexity(
    ws: Workspace, region: str, year: int | None, value: str
) -> tuple[pd.Series, pd.DataFrame, Complexity, int]:
    """The region, the panel of its level, and the complexity of that level in ``year`` (default: latest)."""
    from xinzhi.analytics.levels import level_panel
    from xinzhi.regions import resolve_region

    r = resolve_region(ws.to_pandas("region"), region)
    panel = level_panel(ws, level=str(r["level"]), value=value)
    res, y = _complexity(panel, year)
    return r, panel, res, y


def _industry_names(ws: Workspace) -> pd.Series:
    return ws.to_pandas("industry").set_index("code")["name"]


def structure(
    region: str = typer.Argument(..., help="Region code or Chinese name."),
    year: int | None = typer.Option(None, help="Year (default: latest)."),
    value: str = typer.Option("output", help=VALUE_HELP),
    top: int = typer.Option(20, help="Industries to list."),
    out: Path | None = typer.Option(None, "--out", help="Write the industry table to .csv/.xlsx."),
) -> None:
    """Specialisation profile of a region against the other regions of its level."""
    import pandas as pd

    from xinzhi.analytics.specialisation import entropy, herfindahl, krugman

    ws = open_ws()
    r, panel, res, y = _region_complexity(ws, region, year, value)
    cy = res.year(y)
    code = str(r["code"])
    one = panel[panel["year"] == y]
    idx = {str(c): i for i, c in enumerate(cy.regions)}
    if code not in idx:
        from xinzhi.errors import NotFoundError

        raise NotFoundError(f"{r['name']} ({code}) has no {value} data in {y}")
    c = idx[code]
    summary = pd.DataFrame({
        "region": [f"{r['name']} {code}"], "year": [y], "diversity": [cy.diversity[c]],
        "eci": [cy.eci[c]], "coi": [cy.coi[c]],
        "hhi": herfindahl(one)[lambda d: d.region == code]["hhi"].to_numpy(),
        "entropy": entropy(one)[lambda d: d.region == code]["entropy"].to_numpy(),
        "krugman": krugman(one)[lambda d: d.region == code]["krugman"].to_numpy(),
    })
    render_table(summary, title=f"Structure of {r['name']} ({value}, {y})")
    x = cy.values[c]
    table = pd.DataFrame({
        "industry": cy.industries, "value": x, "share": x / x.sum(),
        "lq": cy.rca[c] if cy.rca is not None else float("nan"),
        "present": cy.mcp[c].astype(int), "pci": cy.pci, "density": cy.density[c],
    }).sort_values("value", ascending=False)
    table = _with_names(ws, table)
    render_table(table if out else table.head(top), title="Industries", out=out)
    for note in res.report.notes:
        console.print(f"[dim]{note}[/]")


def _with_names(ws: Workspace, table: pd.DataFrame) -> pd.DataFrame:
    table.insert(1, "name", table["industry"].astype(str).map(_industry_names(ws)).fillna(""))
    return table


def opportunities_cmd(
    region: str = typer.Argument(..., help="Region code or Chinese name."),
    strategy: str = typer.Option("balanced", help="low_hanging, balanced or long_jumps."),
    year: int | None = typer.Option(None, help="Year (default: latest)."),
    value: str = typer.Option("output", help=VALUE_HELP),
    taxonomy: str | None = typer.Option(None, help="Taxonomy id marking strategic industries."),
    top: int = typer.Option(20, help="Opportunities to list."),
    out: Path | None = typer.Option(None, "--out", help="Write to .csv/.xlsx."),
) -> None:
    """Industries a region could develop next, ranked by feasibility and attractiveness."""
    import pandas as pd

    from xinzhi.analytics.opportunities import opportunities

    ws = open_ws()
    r, panel, res, y = _region_complexity(ws, region, year, value)
    cy = res.year(y)
    years = sorted(panel["year"].unique())
    growth = None
    if len(years) > 1 and years[0] < y:
        nat = panel.groupby(["year", "industry"])["value"].sum()
        growth = (nat.loc[y] / nat.loc[years[0]].replace(0, float("nan")) - 1)
    strategic = None
    if taxonomy:
        tax = ws.to_pandas("taxonomy")
        tax = tax[tax["taxonomy"] == taxonomy]
        ind = pd.Series(cy.industries.astype(str))
        cat: dict[str, str] = {}
        for code_, name in zip(tax["industry_code"].astype(str), tax["category_name"].fillna(tax["category"]), strict=True):
            for i in ind[ind.str.startswith(code_)]:
                cat.setdefault(i, name)
        strategic = pd.Series(cat, dtype=object)
    table = opportunities(cy, str(r["code"]), strategy=strategy, growth=growth, strategic=strategic,
                          names=_industry_names(ws), top=None if out else top)
    render_table(_with_names(ws, table), title=f"Opportunities for {r['name']} ({strategy}, {value}, {y})", out=out)


def complexity_cmd(
    year: int | None = typer.Option(None, help="Year (default: latest)."),
    level: str = typer.Option("county", help="Region level: province, city, county."),
    value: str = typer.Option("output", help=VALUE_HELP),
    industries: bool = typer.Option(False, "--industries", help="List PCI of industries instead."),
    out: Path | None = typer.Option(None, "--out", help="Write to .csv/.xlsx."),
) -> None:
    """ECI of every region of a level (or PCI of every industry) for one year."""
    from xinzhi.analytics.levels import level_panel

    ws = open_ws()
    panel = level_panel(ws, level=level, value=value)
    regions = ws.to_pandas("region")
    res, y = _complexity(panel, year)
    if industries:
        table = _with_names(ws, res.industries_frame().sort_values("pci", ascending=False))
    else:
        table = res.regions_frame().sort_values("eci", ascending=False)
        names = regions.set_index("code")["name"]
        table.insert(2, "name", table["region"].astype(str).map(names).fillna(""))
    render_table(table, title=f"Economic complexity, {level}, {value}, {y}", out=out)
    for note in res.report.notes:
        console.print(f"[dim]{note}[/]")


def register(app: typer.Typer) -> None:
    """Add ``structure``, ``opportunities`` and ``complexity`` to the root command."""
    app.command("structure")(structure)
    app.command("opportunities")(opportunities_cmd)
    app.command("complexity")(complexity_cmd)
