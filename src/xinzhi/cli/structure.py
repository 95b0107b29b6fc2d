"""``xinzhi structure``, ``xinzhi opportunities`` and ``xinzhi complexity``: thin adapters over
:mod:`xinzhi.analytics` reading the workspace's ``region_industry_year`` table.

A region is compared with the other regions of its level when at least two of them have data,
and across its child regions (a province across its cities, :mod:`xinzhi.analytics.subregions`)
when at least two of its children have data; a province alone in the workspace gets the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from xinzhi.cli.common import console, open_ws, render_table, say
from xinzhi.errors import InputError, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

    from xinzhi.analytics.complexity import Complexity, ComplexityYear
    from xinzhi.workspace import Workspace

VALUE_HELP = "Value column of region_industry_year: output, value_added, revenue, employment ..."
PLURAL = {"province": "provinces", "city": "cities", "county": "counties", "park": "parks"}


def _complexity(panel: pd.DataFrame, year: int | None) -> tuple[Complexity, int]:
    from xinzhi.analytics import complexity

    y = int(panel["year"].max()) if year is None else year
    one = panel[panel["year"] == y]
    if one.empty:
        raise NotFoundError(f"no region_industry_year data in {y}")
    return complexity(one), y


@dataclass
class Comparison:
    """One comparison set: the panel summed to a level, its complexity in ``year``, and which
    level it is (``peers``: the region's own level; ``children``: its child regions)."""

    kind: str
    level: str
    panel: pd.DataFrame
    result: Complexity
    year: int

    @property
    def cy(self) -> ComplexityYear:
        return self.result.year(self.year)

    @property
    def one(self) -> pd.DataFrame:
        return self.panel[self.panel["year"] == self.year]


def _comparisons(ws: Workspace, r: pd.Series, year: int | None, value: str) -> tuple[Comparison | None, Comparison | None]:
    """The peer comparison (if the region and another region of its level have data) and the
    child comparison (if two of its children have data)."""
    from xinzhi.analytics.levels import sum_to_level
    from xinzhi.analytics.subregions import child_level, within_panel

    data = ws.to_pandas("region_industry_year")
    if data.empty:
        raise InputError("the workspace has no region_industry_year data; import it first")
    regions = ws.to_pandas("region")
    code, level = str(r["code"]), str(r["level"])
    peers = children = None
    try:
        panel = sum_to_level(data, regions, level=level, value=value)
        y = int(panel["year"].max()) if year is None else year
        one = panel[panel["year"] == y]
        if one["region"].nunique() >= 2 and code in set(one["region"]):
            res, y = _complexity(panel, y)
            peers = Comparison("peers", level, panel, res, y)
    except InputError:
        pass
    kid_level = child_level(regions, code)
    if kid_level is not None:
        try:
            panel = within_panel(data, regions, code, value=value)
            y = int(panel["year"].max()) if year is None else year
            if panel.loc[panel["year"] == y, "region"].nunique() >= 2:
                res, y = _complexity(panel, y)
                children = Comparison("children", kid_level, panel, res, y)
        except InputError:
            pass
    if peers is None and children is None:
        raise NotFoundError(f"{r['name']} ({code}): structure analytics need {value} data for it and another "
                            f"region of level {level}, or for at least two of its child regions")
    return peers, children


def _industry_names(ws: Workspace) -> pd.Series:
    return ws.to_pandas("industry").set_index("code")["name"]


def _region_names(ws: Workspace) -> pd.Series:
    return ws.to_pandas("region").set_index("code")["name"]


def structure(
    region: str = typer.Argument(..., help="Region code or Chinese name."),
    year: int | None = typer.Option(None, help="Year (default: latest)."),
    value: str = typer.Option("output", help=VALUE_HELP),
    top: int = typer.Option(20, help="Industries to list."),
    out: Path | None = typer.Option(None, "--out", help="Write the industry table to .csv/.xlsx."),
) -> None:
    """Specialisation profile of a region against the other regions of its level, and of its
    child regions (a province compares its cities)."""
    import pandas as pd

    from xinzhi.analytics.specialisation import entropy, herfindahl, krugman
    from xinzhi.analytics.subregions import children_profile, parent_industries
    from xinzhi.regions import resolve_region
    from xinzhi.web.columns import COLUMNS
    from xinzhi.web.formatting import plain

    ws = open_ws()
    r = resolve_region(ws.to_pandas("region"), region)
    code = str(r["code"])
    peers, children = _comparisons(ws, r, year, value)
    inames, rnames = _industry_names(ws), _region_names(ws)
    table: pd.DataFrame | None = None
    if peers is not None:
        cy, one, y = peers.cy, peers.one, peers.year
        c = [str(x) for x in cy.regions].index(code)
        summary = pd.DataFrame({
            "region": [f"{r['name']} {code}"], "year": [y], "diversity": [cy.diversity[c]],
            "eci": [cy.eci[c]], "coi": [cy.coi[c]],
            "hhi": herfindahl(one)[lambda d: d.region == code]["hhi"].to_numpy(),
            "entropy": entropy(one)[lambda d: d.region == code]["entropy"].to_numpy(),
            "krugman": krugman(one)[lambda d: d.region == code]["krugman"].to_numpy(),
        })
        n = one["region"].nunique()
        render_table(summary, title=say(f"{r['name']} 的产业结构：与 {n} 个同级地区比较（{plain(value, 'zh')}，{y} 年）",
                                        f"Structure of {r['name']} against the {n} "
                                        f"{PLURAL.get(peers.level, peers.level)} with data ({value}, {y})"))
        x = cy.values[c]
        table = pd.DataFrame({
            "industry": cy.industries, "value": x, "share": x / x.sum(),
            "lq": cy.rca[c] if cy.rca is not None else float("nan"),
            "present": cy.mcp[c].astype(int), "pci": cy.pci, "density": cy.density[c],
        }).sort_values("value", ascending=False)
        table.insert(1, "name", table["industry"].astype(str).map(inames).fillna(""))
        shown = table if out else table.head(top).rename(columns={"value": value} if value in COLUMNS else {})
        render_table(shown, title=say("行业", "Industries"), out=out)
        for note in peers.result.report.notes:
            console.print(f"[dim]{note}[/]")
    if children is not None:
        cy, one, y = children.cy, children.one, children.year
        n = one["region"].nunique()
        prof = children_profile(cy, one, region_names=rnames, industry_names=inames)
        kids = PLURAL.get(children.level, children.level)
        render_table(prof, title=say(f"{r['name']} 下辖 {n} 个地区比较（{plain(value, 'zh')}，{y} 年）：区位商、经济复杂度"
                                     f"和克鲁格曼指数均在{r['name']}内部计算",
                                     f"{r['name']} across its {n} {kids} ({value}, {y}); RCA, ECI and Krugman "
                                     f"within {r['name']}"), max_rows=200)
        if peers is None:
            table = parent_industries(cy, one, region_names=rnames, industry_names=inames)
            render_table(table if out else table.head(top),
                         title=say(f"{r['name']} 各行业在下辖地区间的分布", f"Industries of {r['name']} across its {n} {kids}"),
                         out=out)
        for note in children.result.report.notes:
            console.print(f"[dim]{note}[/]")


def opportunities_cmd(
    region: str = typer.Argument(..., help="Region code or Chinese name."),
    strategy: str = typer.Option("balanced", help="low_hanging, balanced or long_jumps."),
    year: int | None = typer.Option(None, help="Year (default: latest)."),
    value: str = typer.Option("output", help=VALUE_HELP),
    taxonomy: str | None = typer.Option(None, help="Taxonomy id marking strategic industries."),
    top: int | None = typer.Option(None, help="Opportunities to list (default 20; 3 per child region)."),
    children: bool = typer.Option(False, "--children", help="Opportunities of each child region, even when "
                                  "the region has peers of its own level."),
    out: Path | None = typer.Option(None, "--out", help="Write to .csv/.xlsx."),
) -> None:
    """Industries a region could develop next, ranked by feasibility and attractiveness; for a
    region without peers of its level (a province alone in the workspace), those of each of its
    child regions."""
    import pandas as pd

    from xinzhi.analytics.opportunities import opportunities
    from xinzhi.analytics.subregions import children_opportunities
    from xinzhi.regions import resolve_region

    ws = open_ws()
    r = resolve_region(ws.to_pandas("region"), region)
    peers, kids = _comparisons(ws, r, year, value)
    use = kids if (children or peers is None) and kids is not None else peers
    if use is None:
        raise NotFoundError(f"{r['name']} has no child regions with {value} data")
    cy, panel, y = use.cy, use.panel, use.year
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
    kw = {"strategy": strategy, "growth": growth, "strategic": strategic, "names": _industry_names(ws)}
    if use.kind == "children":
        n = use.one["region"].nunique()
        table = children_opportunities(cy, top=10_000 if out else (top or 3), region_names=_region_names(ws), **kw)
        title = (f"Opportunities of the {n} {PLURAL.get(use.level, use.level)} of {r['name']} "
                 f"({strategy}, {value}, {y}; density and RCA within {r['name']})")
    else:
        table = opportunities(cy, str(r["code"]), top=None if out else (top or 20), **kw)
        title = f"Opportunities for {r['name']} ({strategy}, {value}, {y})"
    table.insert(list(table.columns).index("industry") + 1, "name",
                 table["industry"].astype(str).map(_industry_names(ws)).fillna(""))
    render_table(table, title=title, out=out, max_rows=500)


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
        table = res.industries_frame().sort_values("pci", ascending=False)
        table.insert(1, "name", table["industry"].astype(str).map(_industry_names(ws)).fillna(""))
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
