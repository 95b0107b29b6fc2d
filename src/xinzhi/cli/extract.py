"""``xinzhi extract``: facts and priority lists from news and policy text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from xinzhi.cli.common import console, open_ws, render_table
from xinzhi.errors import InputError


class _DefaultRun(TyperGroup):
    """``xinzhi extract FILE...`` means ``xinzhi extract run FILE...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Any: typer vendors click
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultRun,
    help=(
        "Extract quantitative facts and priority industries from text, Markdown or HTML files: "
        "`xinzhi extract FILE...` (same as `extract run`), `extract facts`, `extract promote`."
    ),
    no_args_is_help=True,
)


@app.command("run")
def run(
    files: list[Path] = typer.Argument(..., help="Text, Markdown or HTML files."),
    jsonl: Path | None = typer.Option(None, "--jsonl", help="Write facts (and priorities) as JSON Lines."),
    out: Path | None = typer.Option(None, "--out", help="Write the fact table to .csv, .xlsx or .parquet."),
    store: bool = typer.Option(False, "--store", help="Save documents, facts and priorities into the workspace."),
    lexicon: Path | None = typer.Option(None, "--lexicon", help="User indicator lexicon (YAML) extending the shipped one."),
    region: str | None = typer.Option(None, "--region", help="Region code for facts whose text names none."),
    year: int | None = typer.Option(None, "--year", help="Year for periods written without one (1—11月)."),
    use_workspace_regions: bool = typer.Option(
        False, "--workspace-regions", help="Build the gazetteer from the workspace's region table (parks included)."
    ),
) -> None:
    """Extract facts from FILES and print them (or write JSON Lines / a table / the workspace)."""
    from xinzhi.intelligence import extract_document
    from xinzhi.intelligence.documents import read_document
    from xinzhi.intelligence.facts import facts_frame
    from xinzhi.intelligence.gazetteer import Gazetteer, reference_gazetteer
    from xinzhi.intelligence.lexicon import load_lexicon
    from xinzhi.intelligence.priorities import priorities_frame

    lex = load_lexicon(lexicon)
    ws = open_ws() if (store or use_workspace_regions) else None
    gaz = Gazetteer(ws.to_pandas("region")) if (ws is not None and use_workspace_regions) else reference_gazetteer()
    docs, facts, prios = [], [], []
    for f in files:
        doc = read_document(f)
        fs, ps = extract_document(doc, gazetteer=gaz, lexicon=lex, default_region=region, default_year=year)
        docs.append(doc)
        facts += fs
        prios += ps
    if jsonl is not None:
        from dataclasses import asdict

        with jsonl.open("w", encoding="utf-8") as fh:
            for fact in facts:
                fh.write(json.dumps({"type": "fact", **asdict(fact)}, ensure_ascii=False) + "\n")
            for p in prios:
                fh.write(json.dumps({"type": "priority", **asdict(p)}, ensure_ascii=False) + "\n")
        console.print(f"Wrote {len(facts)} facts and {len(prios)} priority items to {jsonl}")
    frame = facts_frame(facts)
    if jsonl is None:
        cols = ["region_code", "indicator", "value", "unit", "qualifier", "period", "kind", "value_text"]
        render_table(frame[cols] if out is None else frame, title=f"{len(facts)} facts from {len(docs)} documents", out=out)
        if prios and out is None:
            render_table(priorities_frame(prios)[["region_code", "category", "item"]], title="Priority lists")
    if store and ws is not None:
        from xinzhi.intelligence.store import store_extraction

        counts = store_extraction(ws, docs, facts, prios)
        console.print(
            f"Stored {counts['document']} documents, {counts['fact']} facts, "
            f"{counts['priority']} priority items (deduplicated by content hash)"
        )


@app.command("facts")
def list_facts(
    indicator: str | None = typer.Option(None, "--indicator", help="Only this indicator code."),
    region: str | None = typer.Option(None, "--region", help="Only this region code."),
    out: Path | None = typer.Option(None, "--out", help="Write to .csv, .xlsx or .parquet."),
) -> None:
    """List the facts stored in the workspace, with their ids for promotion."""
    ws = open_ws(create=False)
    df = ws.to_pandas("fact")
    if indicator:
        df = df[df["indicator"] == indicator]
    if region:
        df = df[df["region_code"] == region]
    cols = ["fact_id", "region_code", "indicator", "value", "unit", "qualifier", "period", "kind"]
    render_table(df if out else df[cols], title="Stored facts", out=out)


@app.command("promote")
def promote(
    fact_id: str = typer.Argument(..., help="Fact id (or a unique prefix) from `xinzhi extract facts`."),
    indicator: str | None = typer.Option(None, "--indicator", help="Indicator code of the workspace catalog."),
    as_target: bool = typer.Option(False, "--target", help="Write a target even if the fact is not one."),
    baseline: float | None = typer.Option(None, "--baseline", help="Target baseline, in the indicator's unit."),
    baseline_year: int | None = typer.Option(None, "--baseline-year", help="Target baseline year."),
) -> None:
    """Promote a stored fact into indicator_value (actual) or target, keeping its source."""
    from xinzhi.intelligence.store import promote_fact

    if baseline is not None and baseline != baseline:  # NaN
        raise InputError("--baseline must be a number")
    ws = open_ws(create=False)
    row = promote_fact(ws, fact_id, indicator=indicator, as_target=as_target, baseline=baseline,
                       baseline_year=baseline_year)
    table = row.pop("table")
    console.print(f"Wrote into [bold]{table}[/]:")
    for k, v in row.items():
        console.print(f"  {k}: {v}", highlight=False)


def register(main: typer.Typer) -> None:
    """Add the ``extract`` command family."""
    main.add_typer(app, name="extract")
