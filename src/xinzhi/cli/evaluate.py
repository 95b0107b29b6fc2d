"""``xinzhi evaluate ...`` and ``xinzhi explain``: thin adapters over :mod:`xinzhi.evaluation`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from xinzhi.cli.common import console, open_ws, render_table
from xinzhi.errors import InputError, NotFoundError, WorkspaceError

if TYPE_CHECKING:
    import pandas as pd

evaluate_app = typer.Typer(help="Evaluate enterprises with rulebooks (亩均, gradient titles, digital maturity).",
                           no_args_is_help=True)


@evaluate_app.command("rulebooks")
def rulebooks_cmd() -> None:
    """List the shipped rulebooks with their kind, jurisdiction and source."""
    import pandas as pd

    from xinzhi.evaluation import list_rulebooks, load_rulebook

    rows = []
    for rid in list_rulebooks():
        book = load_rulebook(rid)
        where = getattr(getattr(book, "jurisdiction", None), "name", "全国")
        rows.append({"rulebook": rid, "kind": book.kind, "version": book.version, "jurisdiction": where,
                     "from": book.effective.from_.isoformat(), "source": book.source.document[:60]})
    render_table(pd.DataFrame(rows), title="Shipped rulebooks")


@evaluate_app.command("permu")
def permu_cmd(
    rulebook: str = typer.Option(..., "--rulebook", "-r", help="Shipped rulebook id (huaian-2024) or a YAML path."),
    year: int = typer.Option(..., "--year", "-y", help="Evaluation year."),
    engine: str = typer.Option("duckdb", "--engine", help="duckdb or spark."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write results to .csv/.xlsx/.parquet."),
    excel: Path | None = typer.Option(None, "--excel", help="Publishable workbook: one sheet per cohort."),
    save: bool = typer.Option(True, "--save/--no-save", help="Store the run in the workspace."),
) -> None:
    """亩均 evaluation: scores, ranks and classes A/B/C/D/T of every enterprise of YEAR."""
    from xinzhi.evaluation import load_rulebook
    from xinzhi.evaluation.export import export_permu_excel
    from xinzhi.evaluation.permu_rulebook import PermuRulebook
    from xinzhi.evaluation.runs import run_permu

    book = load_rulebook(rulebook)
    if not isinstance(book, PermuRulebook):
        raise InputError(f"{rulebook} is a {book.kind} rulebook; use `xinzhi evaluate {book.kind}`")
    ws = open_ws(create=False)
    run_id, frame = run_permu(ws, book, year=year, engine=engine, save=save)
    if excel is not None:
        export_permu_excel(frame, book, excel)
        console.print(f"Wrote {excel}")
    from xinzhi.cli.common import say

    unclassed = frame["status"].map({"incomplete": "incomplete", "out_of_scope": "none"})
    counts = frame["class"].fillna(unclassed).value_counts().rename_axis("class").reset_index(name="firms")
    counts["share"] = counts["firms"] / counts["firms"].sum()
    order = {c: i for i, c in enumerate(("A", "B", "C", "D", "T", "incomplete", "none"))}
    counts = counts.sort_values("class", key=lambda c: c.map(order).fillna(len(order)), kind="stable")
    render_table(counts, title=f"{book.title} — {year}" + (say(f"（运行 {run_id}）", f" (run {run_id})") if run_id else ""))
    missing = int(((frame["n_missing"].fillna(0) > 0) & (frame["status"] == "evaluated")).sum())
    over = int(frame["over_weight"].fillna(False).astype(bool).sum())
    w = f"{book.flag_over_weight:g}"
    console.print(say(f"缺失指标记0分或取均值: {missing:,}  单项得分超过权重{w}倍: {over:,}",
                      f"evaluated with a missing indicator (zero points or the cohort mean): {missing:,}  "
                      f"an item scored over {w}× its weight: {over:,}"), highlight=False)
    for note in book.notes:  # the rulebook's notes are written in Chinese, as its source
        console.print(say(f"说明：{note}", f"Note (from the rulebook, in Chinese): {note}"), highlight=False,
                      overflow="fold")
    if out is not None:
        render_table(frame, out=out)


@evaluate_app.command("rollup")
def rollup_cmd(
    by: str = typer.Option("region_code", "--by", help="region_code or park_code."),
    run_id: str | None = typer.Option(None, "--run", help="Run id (default: the latest evaluation)."),
    out: Path | None = typer.Option(None, "--out", "-o"),
) -> None:
    """Per region or park: 亩均税收, class counts and shares, year-on-year change."""
    from xinzhi.evaluation.rollup import rollup
    from xinzhi.evaluation.runs import RESULT_TABLE

    ws = open_ws(create=False)
    render_table(rollup(ws.result(RESULT_TABLE, run_id), by=by).to_pandas(), title=f"Rollup by {by}", out=out)


@evaluate_app.command("migration")
def migration_cmd(
    rulebook: str = typer.Option(..., "--rulebook", "-r", help="Shipped rulebook id or a YAML path."),
    year: int = typer.Option(..., "--year", "-y", help="The later year."),
    from_year: int | None = typer.Option(None, "--from-year", help="The earlier year (default: YEAR − 1)."),
    by: str = typer.Option("park_code", "--by", help="park_code, region_code or none."),
    run_from: str | None = typer.Option(None, "--run-from", help="Stored run of the earlier year."),
    run_to: str | None = typer.Option(None, "--run-to", help="Stored run of the later year."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the per-firm moves to .csv/.xlsx/.parquet."),
) -> None:
    """Year-on-year class migration: the matrix of classes (from → to) and moves per park or county.

    Each year's results come from the latest stored run of the rulebook for that year (or the
    run given); a year without a stored run is evaluated now, without storing it.
    """
    from xinzhi.evaluation import load_rulebook
    from xinzhi.evaluation.migration import class_migration, migration_counts, migration_summary
    from xinzhi.evaluation.permu_rulebook import PermuRulebook
    from xinzhi.evaluation.runs import permu_results

    book = load_rulebook(rulebook)
    if not isinstance(book, PermuRulebook):
        raise InputError(f"{rulebook} is a {book.kind} rulebook; migration needs a 亩均 (permu) rulebook")
    group = None if by.lower() in ("none", "") else by
    ws = open_ws(create=False)
    earlier = year - 1 if from_year is None else from_year
    before, said_before = permu_results(ws, book, year=earlier, run_id=run_from)
    after, said_after = permu_results(ws, book, year=year, run_id=run_to)
    moves = class_migration(before, after, book.classes.order)
    for line in (said_before, said_after):
        console.print(line, highlight=False)
    counts = migration_counts(moves, by=None).to_pandas()
    others = sorted((set(counts.from_class) | set(counts.to_class)) - set(book.classes.order))
    labels = [*book.classes.order, *others]
    matrix = (counts.pivot_table(index="from_class", columns="to_class", values="firms", aggfunc="sum", fill_value=0)
              .reindex(index=[x for x in labels if x in set(counts.from_class)],
                       columns=[x for x in labels if x in set(counts.to_class)], fill_value=0))
    shown = {"incomplete": "数据不全", "out_of_scope": "不参评", "absent": "无记录"}
    matrix = matrix.rename(index=shown, columns=shown).rename_axis(None, axis=1)
    matrix = matrix.reset_index().rename(columns={"from_class": f"{earlier} → {year}"})
    render_table(matrix, title=f"{book.title}: {earlier} → {year}")
    summary = migration_summary(moves, by=group).to_pandas()
    if group == "park_code":
        summary["park_code"] = summary["park_code"].replace("", "(园区外)")
    render_table(summary, title=f"Moves by {group}" if group else "Moves")
    if out is not None:
        render_table(moves.order_by(["region_code", "park_code", "credit_code"]).to_pandas(), out=out)


@evaluate_app.command("gradient")
def gradient_cmd(
    program: str = typer.Option(..., "--program", "-p", help="Rulebook id (zjtx-2022) or programme (zjtx)."),
    year: int | None = typer.Option(None, "--year", "-y", help="Data year (上年度); default: latest in the workspace."),
    on: str | None = typer.Option(None, "--date", help="Application date (YYYY-MM-DD) to choose the rulebook."),
    application: str = typer.Option("new", "--application", help="new or recheck."),
    applications: Path | None = typer.Option(None, "--applications", help="CSV/XLSX/Parquet of gradient_application rows "
                                             "(default: the workspace's gradient_application table)."),
    out: Path | None = typer.Option(None, "--out", "-o"),
    save: bool = typer.Option(True, "--save/--no-save"),
) -> None:
    """Screen enterprises for a gradient title (创新型, 专精特新, 小巨人, 单项冠军)."""
    from xinzhi.evaluation.gradient_runs import run_gradient

    ws = open_ws(create=False)
    day = dt.date.fromisoformat(on) if on else None
    run_id, frame = run_gradient(ws, program, year=year, on=day, application=application,
                                 applications=_read_any(applications) if applications else None, save=save)
    summary = frame.groupby(["eligible", "passed"], dropna=False).size().rename("firms").reset_index()
    render_table(summary, title=f"{program} (run {run_id})" if run_id else program)
    shown = ["credit_code", *[c for c in ("size_class",) if c in frame.columns], "eligible", "score", "passed",
             "explanation"]
    render_table(frame[shown], title="Results", out=out)


@evaluate_app.command("size")
def size_cmd(
    year: int | None = typer.Option(None, "--year", "-y", help="Data year (default: latest in the workspace)."),
    rulebook: str = typer.Option("sme-size-2017", "--rulebook", "-r", help="Size rulebook id or a YAML path."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write every firm's size to .csv/.xlsx/.parquet."),
) -> None:
    """Size classes (大型/中型/小型/微型) from employees, revenue and assets; stated classes the data contradict."""
    import pandas as pd

    from xinzhi.evaluation import load_rulebook
    from xinzhi.evaluation.runs import enterprise_panel
    from xinzhi.evaluation.size import classify_size
    from xinzhi.evaluation.size_rulebook import SizeRulebook

    book = load_rulebook(rulebook)
    if not isinstance(book, SizeRulebook):
        raise InputError(f"{rulebook} is a {book.kind} rulebook, not a size rulebook")
    ws = open_ws(create=False)
    panel = enterprise_panel(ws.table("enterprise_year"), ws.table("enterprise"))
    if year is None:
        year = int(panel.year.max().execute())
    frame = classify_size(panel, book, year=year).to_pandas()
    order = [*book.classes, "unknown"]
    data = frame["size_class_data"].fillna("unknown")
    stated = frame["size_class_stated"].fillna("unknown")
    table = pd.crosstab(data, stated).reindex(index=[c for c in order if c in set(data)],
                                              columns=[c for c in order if c in set(stated)], fill_value=0)
    table = table.rename_axis(None, axis=1).reset_index().rename(columns={"size_class_data": "data \\ stated"})
    render_table(table, title=f"{book.title} — {year}: class from the data (rows) and as stated (columns)")
    conflicts = int(frame["size_conflict"].sum())
    console.print(f"stated size class contradicted by the data: {conflicts:,} firms; "
                  f"SMEs: {int(frame['is_sme'].fillna(False).astype(bool).sum()):,}; "
                  f"size unknown: {int(frame['size_class'].isna().sum()):,}", highlight=False)
    if out is not None:
        render_table(frame, out=out)


@evaluate_app.command("digital")
def digital_cmd(
    answers: Path | None = typer.Argument(None, help="CSV/XLSX/Parquet with credit_code, item, answer for a rulebook "
                                                     "that lists its items, else credit_code, dimension, points "
                                                     "(default: the workspace's digital_answer or "
                                                     "digital_assessment table)."),
    rulebook: str = typer.Option("digital-maturity-2022", "--rulebook", "-r"),
    year: int | None = typer.Option(None, "--year", "-y", help="Assessment year in the workspace (default: latest)."),
    out: Path | None = typer.Option(None, "--out", "-o"),
    save: bool | None = typer.Option(None, "--save/--no-save",
                                     help="Store the results as a run in the workspace (default: when a file is "
                                          "given, only if the workspace exists)."),
) -> None:
    """Digital maturity levels from questionnaire answers or points, with the weakest dimensions named."""
    from xinzhi.evaluation.digital_runs import run_digital
    from xinzhi.evaluation.loader import load_rulebook

    book = load_rulebook(rulebook)
    ws = None
    if answers is None or save:
        ws = open_ws(create=False)
    elif save is None:
        try:
            ws = open_ws(create=False)
        except WorkspaceError:
            ws = None  # a file needs no workspace; there is nowhere to store the run
    save = ws is not None and save is not False
    if answers is not None:
        run_id, result = run_digital(ws, rulebook, answers=_read_any(answers), source=answers.name, save=save)
    else:
        run_id, result = run_digital(ws, rulebook, year=year, save=save)
    render_table(result, title=f"{book.title} (run {run_id})" if run_id else book.title, out=out)


def _read_any(path: Path) -> pd.DataFrame:
    import pandas as pd

    if not path.is_file():
        raise NotFoundError(f"no file {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return pd.read_csv(path, dtype={"credit_code": str})
    if suffix in (".xlsx", ".xls"):
        return pd.read_excel(path, dtype={"credit_code": str}, engine="calamine")
    if suffix == ".parquet":
        return pd.read_parquet(path)
    raise InputError(f"cannot read {path}: use .csv, .xlsx or .parquet")


def explain_cmd(
    credit_code: str = typer.Argument(..., help="Unified social credit code."),
    run_id: str | None = typer.Option(None, "--run", help="Run id (default: the latest of each kind)."),
) -> None:
    """Why an enterprise got its class or title: points per indicator, conditions, reasons."""
    from xinzhi.evaluation.explain import explain_saved

    ws = open_ws(create=False)
    lines = explain_saved(ws, credit_code, run_id=run_id)
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``evaluate`` (sub-commands) and ``explain`` to the root app."""
    app.add_typer(evaluate_app, name="evaluate")
    app.command("explain")(explain_cmd)
