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
        "`xinzhi extract FILE...` (same as `extract run`), `extract facts`, `extract conflicts`, `extract promote`, "
        "`extract evaluate`."
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
    published: str | None = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD) for files that do not give one."),
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
    when = None
    if published:
        import datetime as dt

        try:
            when = dt.date.fromisoformat(published)
        except ValueError:
            raise InputError(f"--published must be a date YYYY-MM-DD, got {published!r}") from None
    for f in files:
        doc = read_document(f)
        if doc.published is None and when is not None:
            from dataclasses import replace

            doc = replace(doc, published=when)
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
        if out is None:
            _print_facts(_readable(frame), title=f"{len(facts)} facts from {len(docs)} documents",
                         caption=_dates_caption(docs))
        else:
            render_table(frame, out=out)
        if prios and out is None:
            render_table(priorities_frame(prios)[["region_code", "category", "item"]], title="Priority lists")
    if store and ws is not None:
        from xinzhi.intelligence.store import store_extraction

        counts = store_extraction(ws, docs, facts, prios)
        console.print(
            f"Stored {counts['document']} documents, {counts['fact']} facts "
            f"({counts['fact_source']} sources), {counts['priority']} priority items (deduplicated by content hash)"
        )
        _print_conflicts(ws)


def _day(value: Any) -> str:
    """A publication date as YYYY-MM-DD (stored dates come back as timestamps), ``—`` when unknown."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return "—"
    return str(pd.Timestamp(value).date())


def _readable(frame: Any) -> Any:
    """The fact table as a reader wants it: date, region, what, readable value, period, kind."""
    from xinzhi.intelligence.facts import shown_value

    out = frame.assign(
        shown=[shown_value(v, u) for v, u in zip(frame["value"], frame["unit"], strict=True)],
        published=[_day(p) for p in frame["published"]] if "published" in frame else "—",
    )
    cols = ["published", "region_code", "subject", "measure", "shown", "qualifier", "period", "kind", "indicator"]
    return out[[c for c in cols if c in out]].rename(columns={"shown": "value"})


_KEEP_WHOLE = {"published", "value", "fact", "workspace", "fact_id", "region", "period"}
_WIDE_ONLY = ("qualifier", "indicator", "sources", "conflict")  # left out on a terminal narrower than 120 columns


def _print_facts(df: Any, *, title: str, caption: str | None = None, max_rows: int = 50) -> None:
    """Facts as a Rich table whose date, region, value and period are never cut (the subject wraps)."""
    from rich import box
    from rich.table import Table

    if console.width < 120:
        df = df[[c for c in df.columns if c not in _WIDE_ONLY]]
    df = df.rename(columns={"region_code": "region"})
    narrow = console.width < 120
    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD)
    for c in df.columns:
        whole = c in _KEEP_WHOLE
        table.add_column(str(c), no_wrap=whole, min_width={"published": 10, "subject": 8}.get(c), overflow="fold",
                         justify="right" if c == "value" else "left")
    for row in df.head(max_rows).itertuples(index=False):
        table.add_row(*["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row])
    console.print(table)
    if len(df) > max_rows:
        console.print(f"… {len(df) - max_rows:,} more rows (use --out FILE to write all)")


def _dates_caption(docs: list[Any]) -> str:
    undated = [d.path or d.url or d.document_id for d in docs if d.published is None]
    if not undated:
        return "published: the date of each fact's document"
    return f"published: the date of each fact's document ({len(undated)} without a date: give --published)"


def _print_conflicts(ws: Any) -> None:
    facts = ws.to_pandas("fact")
    if "conflict" not in facts or not facts["conflict"].fillna(False).astype(bool).any():
        console.print("No stored fact disagrees with the workspace's indicator values or region statistics.")
        return
    from xinzhi.intelligence.facts import shown_value

    c = facts[facts["conflict"].fillna(False).astype(bool)]
    table = c.assign(
        fact=[shown_value(v, u) for v, u in zip(c["value"], c["unit"], strict=True)],
        workspace=[shown_value(v, u) for v, u in zip(c["workspace_value"], c["unit"], strict=True)],
        fact_id=c["fact_id"].str[:8], published=[_day(p) for p in c["published"]],
    )[["fact_id", "published", "region_code", "subject", "period", "fact", "workspace", "workspace_source"]]
    _print_facts(table, title=f"{len(c)} facts disagree with the workspace (fact vs workspace figure)")


@app.command("conflicts")
def conflicts(
    out: Path | None = typer.Option(None, "--out", help="Write every comparison to .csv, .xlsx or .parquet."),
    all_rows: bool = typer.Option(False, "--all", help="Show every comparison made, not only disagreements."),
) -> None:
    """Compare the stored facts with the workspace's indicator values and region statistics."""
    from xinzhi.intelligence.conflicts import find_conflicts
    from xinzhi.intelligence.facts import shown_value

    ws = open_ws(create=False)
    c = find_conflicts(ws)
    if out is not None:
        render_table(c, out=out)
        return
    shown = c if all_rows else c[c["conflict"]]
    shown = shown.assign(
        fact=[shown_value(v, u) for v, u in zip(shown["fact_value"], shown["unit"], strict=True)],
        workspace=[shown_value(v, u) for v, u in zip(shown["workspace_value"], shown["unit"], strict=True)],
        fact_id=shown["fact_id"].str[:8], published=[_day(p) for p in shown["published"]],
    )[["fact_id", "published", "region_code", "subject", "period", "fact", "workspace", "conflict", "workspace_source"]]
    _print_facts(shown, title=f"{int(c['conflict'].sum())} of {len(c)} compared facts disagree with the workspace")


@app.command("evaluate")
def evaluate(
    directory: Path = typer.Argument(..., help="Folder of the labelled set (*.yaml paragraph files and split.yaml)."),
    part: str = typer.Option("dev", "--part", help="dev (the part rules are tuned on), heldout, heldout3 … heldout11."),
    mode: str = typer.Option("document", "--mode",
                             help="document (each paragraph read within its whole page) or paragraph."),
) -> None:
    """Score the extractor on a labelled real-text set: precision and recall per language, field,
    document type and kind of quantity, printed as Markdown tables."""
    from xinzhi.intelligence.evaluation import real_set_report, report_markdown

    if part not in ("dev", "heldout", *(f"heldout{r}" for r in range(3, 12))):
        raise InputError(f"--part must be dev, heldout or heldout3 … heldout11, got {part!r}")
    if mode not in ("document", "paragraph"):
        raise InputError(f"--mode must be document or paragraph, got {mode!r}")
    if not (directory / "split.yaml").is_file():
        raise InputError(f"{directory}: no split.yaml (the labelled set's held-out split)")
    console.print(report_markdown(real_set_report(str(directory), part, mode=mode)), markup=False, highlight=False)


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
    if out is not None:
        render_table(df, out=out)
        return
    shown = _readable(df).assign(fact_id=df["fact_id"].str[:8].values, sources=df["sources"].values if "sources" in df else 1,
                                 conflict=df["conflict"].values if "conflict" in df else False)
    _print_facts(shown[["fact_id", *[c for c in shown.columns if c not in ("fact_id",)]]], title="Stored facts")


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
