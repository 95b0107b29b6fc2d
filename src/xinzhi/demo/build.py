"""Build the demo workspace, deterministically from a seed.

Real: Sichuan's cities and counties (NBS division codes), GB/T 4754-2017, the parks' names.
Synthetic and labelled so everywhere: every figure (statistics, enterprises, projects, targets),
generated around published totals (city GDP, above-scale industrial revenue and firm counts) so
that rankings and proportions are Sichuan's; ``xinzhi/demo/data/SOURCES.md`` names the source of
every calibration figure.
Domain modules add their parts when present: ``xinzhi.demo.clusters``, ``xinzhi.demo.chains``,
``xinzhi.demo.delivery`` each expose ``build(ws, rng)``.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import numpy as np

from xinzhi.errors import WorkspaceError
from xinzhi.workspace import Workspace, open_workspace

DEMO_PROVINCE = "510000"
DEMO_NOTE = "Synthetic demo data for Sichuan: regions and industries are real, every figure is generated. 演示数据：地区与行业真实，数值均为合成。"
DEMO_SOURCES = "xinzhi/demo/data/SOURCES.md: the published figures the demo is calibrated to, each with its source; 演示数据校准所用公开统计及其来源"
DOMAIN_BUILDERS = ("clusters", "chains", "delivery", "evaluation", "intelligence", "support")


def build_demo(
    path: str | Path,
    *,
    seed: int = 2024,
    force: bool = False,
    n_enterprises: int = 50_000,
    show_progress: bool = False,
) -> Workspace:
    """Create the demo workspace at ``path`` and return it open."""
    from xinzhi.demo.enterprises import demo_enterprises
    from xinzhi.demo.industries import demo_industries
    from xinzhi.demo.parks import demo_parks
    from xinzhi.demo.statistics import county_attributes, region_industry_year

    folder = Path(path)
    if (folder / "xinzhi-workspace.json").exists():
        if not force:
            raise WorkspaceError(f"{folder} already holds a workspace; use --force to rebuild the demo")
        shutil.rmtree(folder)
    steps = ["workspace", "parks", "statistics", "enterprises", *DOMAIN_BUILDERS]
    rng = np.random.default_rng(seed)

    def _run(advance: object) -> Workspace:
        ws = open_workspace(folder)
        ws.set_meta("demo", "true")
        ws.set_meta("demo_note", DEMO_NOTE)
        ws.set_meta("demo_seed", str(seed))
        ws.set_meta("demo_sources", DEMO_SOURCES)
        step(advance)
        regions = ws.to_pandas("region")
        park_regions, parks = demo_parks(regions)
        ws.write("region", park_regions, source="demo: parks", user="demo")
        ws.write("park", parks, source="demo: parks", user="demo")
        step(advance)
        sichuan = regions[regions["code"].str[:2] == DEMO_PROVINCE[:2]]
        counties = county_attributes(sichuan[sichuan["level"] == "county"], rng)
        inds = demo_industries(ws.to_pandas("industry"), rng, include=chain_classes())
        riy = region_industry_year(counties, inds, rng)
        ws.write("region_industry_year", riy, source="demo: statistics", user="demo")
        from xinzhi.reference import bundled_taxonomies, taxonomy

        for name in bundled_taxonomies():
            ws.write("taxonomy", taxonomy(name), source=f"bundled taxonomy {name}", user="demo")
        step(advance)
        ent, ey = demo_enterprises(riy, counties, parks, regions, rng, n=n_enterprises)
        ws.write("enterprise", ent, source="demo: enterprises", user="demo")
        ws.write("enterprise_year", ey, source="demo: enterprise facts", user="demo")
        step(advance)
        for name in DOMAIN_BUILDERS:
            try:
                module = importlib.import_module(f"xinzhi.demo.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"xinzhi.demo.{name}":
                    raise
            else:
                module.build(ws, np.random.default_rng([seed, len(name)]))
            step(advance)
        return ws

    if show_progress:
        from xinzhi.cli.common import progress

        with progress("Building the demo workspace", total=len(steps)) as advance:
            return _run(advance)
    return _run(None)


def chain_classes() -> set[str]:
    """GB/T 4754 classes that the demo's bundled chains map their nodes to, so that every node
    has firms somewhere in the province (and gaps of one city have candidates elsewhere)."""
    from xinzhi.chains.bundled import bundled_chain

    out: set[str] = set()
    for chain in ("nev", "pv"):
        maps = bundled_chain(chain).maps
        codes = maps.loc[maps["kind"] == "industry", "value"].astype(str)
        out |= {c for c in codes if len(c) == 4}
    return out


def step(advance: object) -> None:
    if callable(advance):
        advance()
