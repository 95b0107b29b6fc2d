"""``xinzhi chain ...`` (chain maps, gaps, leaders, 招商 targets) and ``xinzhi io ...`` (input-output)."""

from __future__ import annotations

from pathlib import Path

import typer

from xinzhi.cli.common import console, open_ws, render_table

chain_app = typer.Typer(help="Industrial chains: maps, coverage, gaps (补链/强链/延链), leaders (链主), targets (招商).",
                        no_args_is_help=True)
io_app = typer.Typer(help="Input-output analytics on the bundled NBS tables.", no_args_is_help=True)

REGION = typer.Option(..., "--region", "-r", help="Region code (GB/T 2260), e.g. 510100.")
YEAR = typer.Option(None, "--year", "-y", help="Year (default: latest in enterprise_year).")
OUT = typer.Option(None, "--out", "-o", help="Write to .csv, .xlsx or .parquet instead of the terminal.")


@chain_app.command("list")
def list_cmd(out: Path | None = OUT) -> None:
    """Chains stored in the workspace, and the bundled ones you can install."""
    from xinzhi.chains.bundled import BUNDLED_CHAINS
    from xinzhi.chains.definitions import list_chains

    with open_ws() as ws:
        render_table(list_chains(ws), title="Chains in the workspace", out=out)
    if out is None:
        console.print("Bundled (install with `xinzhi chain install ID`): "
                      + "; ".join(f"{k}: {v}" for k, v in BUNDLED_CHAINS.items()))


@chain_app.command("install")
def install_cmd(chain: str = typer.Argument(..., help="Bundled chain id: nev, pv, kag-rubber, io-2020, io-2017.")) -> None:
    """Install a bundled chain into the workspace."""
    from xinzhi.chains.bundled import bundled_chain
    from xinzhi.chains.definitions import install_chain

    defn = bundled_chain(chain)
    with open_ws() as ws:
        install_chain(ws, defn, source=f"bundled chain {chain}")
    console.print(f"Installed chain {defn.chain} ({defn.name}): {len(defn.nodes)} nodes, {len(defn.edges)} edges")


@chain_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="Chain file: .yaml, .json, or a .csv/.xlsx node list."),
    chain: str | None = typer.Option(None, "--chain", help="Chain id (overrides the file's)."),
) -> None:
    """Import a chain definition (replaces an earlier version of the same chain)."""
    from xinzhi.chains.definitions import install_chain, read_chain_file

    defn = read_chain_file(file, chain=chain)
    with open_ws() as ws:
        install_chain(ws, defn, source=file.name)
    console.print(f"Imported chain {defn.chain} ({defn.name}): {len(defn.nodes)} nodes, {len(defn.edges)} edges")


@chain_app.command("export")
def export_cmd(chain: str = typer.Argument(...), file: Path = typer.Argument(..., help=".yaml or .json")) -> None:
    """Export a chain definition to YAML or JSON."""
    import json

    import yaml

    from xinzhi.chains.definitions import chain_to_dict, load_chain

    with open_ws() as ws:
        data = chain_to_dict(load_chain(ws, chain))
    if file.suffix.lower() == ".json":
        file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    console.print(f"Wrote chain {chain} to {file}")


MIN_FIRMS = typer.Option(1, "--min-firms", help="Fewer local firms than this (but some) make a node weak.")
LANG = typer.Option("", "--lang", help="Language of the reasons: zh or en (default: the tables' language, "
                    "XINZHI_LANG).")


def _reason_col(lang: str) -> str:
    from xinzhi.cli.common import cli_lang
    from xinzhi.errors import InputError

    lang = lang or cli_lang()
    if lang not in ("zh", "en"):
        raise InputError(f"--lang must be zh or en, got {lang!r}")
    return f"reason_{lang}"


@chain_app.command("show")
def show_cmd(chain: str = typer.Argument(...), region: str = REGION, year: int | None = YEAR,
             min_firms: int = MIN_FIRMS, lang: str = LANG, out: Path | None = OUT) -> None:
    """Coverage of every node by the region's enterprises (band, action, reason), and the chain leaders (链主)."""
    from xinzhi.chains.report import chain_context, coverage_for, leaders_for

    reason = _reason_col(lang)
    with open_ws() as ws:
        ctx = chain_context(ws, chain, region, year)
        cov = coverage_for(ctx, min_firms=min_firms)
        cols = ["stage", "segment", "name", "local_firms", "local_revenue", "share", "relative_strength",
                "status", "action", "shared_with", "top_firms", reason]
        share = cov.attrs["chain_share"]
        title = _t(f"{ctx.chain.name} — {region} {ctx.year}（本地区占全链营收 {share:.1%}）",
                   f"{ctx.chain.name} — {region} {ctx.year} (region's share of the chain {share:.1%})")
        render_table(cov if out else cov[cols], title=title, out=out, max_rows=200)
        if out is None:
            console.print(_bands_note(cov))
            render_table(leaders_for(ctx), title=_t("链主企业候选", "Chain leader candidates (链主)"))


def _bands_note(cov: object) -> str:
    a = getattr(cov, "attrs", {})
    weak, strong = a.get("weak_below", 0.8), a.get("strong_above", 1.25)
    return _t(f"[dim]相对强度分档：薄弱 < {weak:g} ≤ 具备 < {strong:g} ≤ 优势；缺失 = 本地无企业；"
              "暂无数据 = 工作区任何地区都没有该节点的企业（不算缺口）[/]",
              f"[dim]bands of relative strength: weak < {weak:g} ≤ present < {strong:g} ≤ strong; absent = no "
              "local firm; no data = the workspace holds no firm of the node anywhere (never a gap)[/]")


def _t(zh: str, en: str) -> str:
    from xinzhi.cli.common import say

    return say(zh, en)


#: where investment targets may lie (``--scope``), in words
SCOPE_ZH = {"outside-city": "本市以外", "outside-region": "本地区以外", "anywhere": "不限地区"}


@chain_app.command("gaps")
def gaps_cmd(chain: str = typer.Argument(...), region: str = REGION, year: int | None = YEAR,
             min_firms: int = MIN_FIRMS, lang: str = LANG, out: Path | None = OUT) -> None:
    """Gaps (补链), extensions (延链) and weak links (强链), ranked by priority, with reasons."""
    from xinzhi.chains.report import chain_context, coverage_for, gaps_for

    reason = _reason_col(lang)
    with open_ws() as ws:
        ctx = chain_context(ws, chain, region, year)
        sel = gaps_for(coverage_for(ctx, min_firms=min_firms))
    cols = ["rank", "name", "action", "status", "local_firms", "relative_strength", "priority", "bottleneck",
            reason]
    render_table(sel if out else sel[cols], title=_t(f"{ctx.chain.name} — {region} {ctx.year} 补链、延链与强链",
                                                    f"{ctx.chain.name} — gaps for {region} {ctx.year}"),
                 out=out, max_rows=200)
    if out is None:
        console.print(_bands_note(sel))
        if sel.attrs.get("no_data"):
            console.print(_t("暂无数据（不算缺口）：", "No data (not gaps): ") + "、".join(sel.attrs["no_data"]))


@chain_app.command("targets")
def targets_cmd(chain: str = typer.Argument(...), region: str = REGION, year: int | None = YEAR,
                per_node: int = typer.Option(5, help="Candidates per gap or weak node."),
                scope: str = typer.Option("outside-city", help="Where candidates may lie: outside-city, "
                                          "outside-region or anywhere."),
                candidates: bool = typer.Option(True, "--candidates/--no-candidates",
                                                help="Also rank the imported candidate list (chain_candidate)."),
                lang: str = LANG, out: Path | None = OUT) -> None:
    """Investment-attraction targets (招商图谱) for the region's gap, extension and weak nodes, with reasons."""
    from xinzhi.chains.report import chain_context, targets_for

    reason = _reason_col(lang)
    with open_ws() as ws:
        ctx = chain_context(ws, chain, region, year)
        t = targets_for(ctx, per_node=per_node, scope=scope, use_candidates=candidates)
    cols = ["node_rank", "node_name", "action", "rank", "name", "region_name", "source", "revenue", "score", reason]
    title = _t(f"{ctx.chain.name} — {region} {ctx.year} 招商目标（{SCOPE_ZH.get(scope, scope)}）",
               f"{ctx.chain.name} — investment targets (招商) for {region} {ctx.year} ({scope})")
    render_table(t if out else t[cols], title=title, out=out, max_rows=100)


@io_app.command("linkages")
def linkages_cmd(
    table: int = typer.Option(2020, "--table", "-t", help="Year of the NBS table (2012, 2017, 2018, 2020)."),
    sectors: int | None = typer.Option(None, "--sectors", help="42 or the detailed table (default: most detailed)."),
    forward: str = typer.Option("ghosh", help="Forward linkage from the 'ghosh' or 'leontief' inverse."),
    key_only: bool = typer.Option(False, "--key-only", help="Only key sectors."),
    out: Path | None = OUT,
) -> None:
    """Rasmussen–Hirschman backward and forward linkages, key sectors and output multipliers."""
    from xinzhi.inputoutput import load_io_table, sector_linkages

    t = load_io_table(table, sectors)
    df = sector_linkages(t, forward=forward)  # type: ignore[arg-type]
    if key_only:
        df = df[df["key_sector"]]
    df = df.sort_values("backward", ascending=False)
    render_table(df, title=f"NBS {table} input-output table, {t.n} sectors (10,000 yuan)", out=out, max_rows=200)


@io_app.command("tables")
def tables_cmd() -> None:
    """The bundled NBS input-output tables."""
    import pandas as pd

    from xinzhi.reference import available_io_tables

    render_table(pd.DataFrame(available_io_tables(), columns=["year", "sectors"]), title="Bundled NBS input-output tables")


def register(app: typer.Typer) -> None:
    """Add ``chain`` and ``io`` to the root command."""
    app.add_typer(chain_app, name="chain")
    app.add_typer(io_app, name="io")
