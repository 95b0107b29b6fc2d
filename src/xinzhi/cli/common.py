"""What every CLI command shares: the workspace option, table output, progress bars."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from xinzhi.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from xinzhi.workspace import Workspace

console = Console()
err_console = Console(stderr=True)

DEFAULT_WORKSPACE = "xinzhi-workspace"


@dataclass
class State:
    """Global options, set by the main callback."""

    workspace: Path | None = None
    catalog_url: str | None = None
    debug: bool = False


state = State()


def workspace_path() -> Path:
    """The workspace folder: ``--workspace``, else ``XINZHI_WORKSPACE``, else ``./xinzhi-workspace``."""
    if state.workspace is not None:
        return state.workspace
    return Path(os.environ.get("XINZHI_WORKSPACE", DEFAULT_WORKSPACE))


def open_ws(*, create: bool = True) -> Workspace:
    """Open the workspace selected by the global options. A folder that is not a workspace is
    refused before the workspace code (and pandas, Ibis, SQLAlchemy) is imported, so the error
    comes at once; :func:`xinzhi.workspace.open_workspace` makes the same check."""
    folder = workspace_path()
    if not create and not (folder / "xinzhi-workspace.json").exists():
        from xinzhi.errors import WorkspaceError

        raise WorkspaceError(f"{folder} is not a Xinzhi workspace (run `xinzhi init` or `xinzhi demo`)")
    from xinzhi.workspace import open_workspace

    return open_workspace(folder, catalog_url=state.catalog_url, create=create)


#: the language of CLI tables: ``XINZHI_LANG=zh`` for Chinese headers and values (default English)
def cli_lang() -> str:
    return "zh" if os.environ.get("XINZHI_LANG", "").lower().startswith("zh") else "en"


def say(zh: str, en: str) -> str:
    """``zh`` or ``en``, in the tables' language (:func:`cli_lang`): titles and notes speak the
    language of the headers and values under them."""
    return zh if cli_lang() == "zh" else en


#: a text column wider than this wraps inside its cell instead of widening the table
WRAP_AT = 36


#: columns that identify a row, repeated on the left of every part of a split table
KEY_COLUMNS = ("name", "region_name", "node_name", "region", "credit_code", "target_id", "project_id", "snapshot_id")


def _groups(widths: list[int], room: int, key: int = 0) -> list[list[int]]:
    """Column positions split into tables that fit ``room`` characters, each starting with the
    ``key`` column (e.g. the name). A Rich table spends three characters per column on padding
    and borders, and one more at the right edge."""
    if sum(w + 3 for w in widths) + 1 <= room or len(widths) <= 2:
        return [list(range(len(widths)))]
    groups: list[list[int]] = []
    current = [key]
    used = widths[key] + 4
    for i in range(len(widths)):
        if i == key:
            continue
        if len(current) > 1 and used + widths[i] + 3 > room:
            groups.append(current)
            current, used = [key], widths[key] + 4
        current.append(i)
        used += widths[i] + 3
    groups.append(current)
    return groups


def render_table(
    df: pd.DataFrame,
    *,
    title: str | None = None,
    out: Path | None = None,
    max_rows: int = 50,
    caption: str | None = None,
    table: str | None = None,
    money: str | None = None,
) -> None:
    """Print ``df`` as a Rich table for people, or write it to ``out`` (``.csv``, ``.xlsx`` or
    ``.parquet``, values as computed).

    Headers and values come from :mod:`xinzhi.web.formatting` (the dashboard's column kinds):
    percentages with one decimal, money in 亿元 (in 万元 for tables of firms, those with a
    ``credit_code``) with the unit in the header, counts with thousands separators, category
    values in words, reason texts in the table's language (``XINZHI_LANG=zh`` for Chinese). A
    table wider than the terminal is printed in several parts that fit, each repeating the first
    column; long texts wrap inside their cells.
    """
    if out is not None:
        write_frame(df, out, sheet=title or "data")
        console.print(f"Wrote {len(df):,} rows to {out}")
        return
    import pandas as pd
    from rich.cells import cell_len
    from rich.table import Table

    from xinzhi.web.columns import NUMERIC_KINDS, TableSpec
    from xinzhi.web.formatting import cell, column, guess_table, header, ordered_columns, table_spec
    from xinzhi.web.phrases import localise_reasons

    lang = cli_lang()
    table = table or guess_table(df.columns)
    spec = table_spec(table) if table else TableSpec(money=money or ("wan" if "credit_code" in df.columns else "yi"))
    names = ordered_columns(df.columns, TableSpec(money=spec.money, override=spec.override), keep_hidden=True)
    part = localise_reasons(df.head(max_rows), lang)
    units = part["unit"].tolist() if "unit" in part.columns else None
    heads = [header(n, lang, spec=spec) for n in names]
    body = [[cell(v, column(n, spec), lang, money=spec.money, unit=units[i] if units else None)
             for i, v in enumerate(part[n].tolist())] for n in names]
    numeric = [column(n, spec).kind in NUMERIC_KINDS or (column(n, spec).kind == "auto" and pd.api.types.is_numeric_dtype(df[n])
                                                         and not pd.api.types.is_bool_dtype(df[n])) for n in names]
    widths = []
    for h, col, num in zip(heads, body, numeric, strict=True):
        w = max([cell_len(x) for x in col] + [min(cell_len(h), 12)])
        widths.append(w if num else min(w, WRAP_AT))
    key = next((names.index(k) for k in KEY_COLUMNS if k in names), 0)
    groups = _groups(widths, console.width, key)
    for k, group in enumerate(groups):
        shown_title = title if k == 0 else (f"{title}{say('（续）', ' (continued)')}" if title else None)
        # a narrow table widens to its title (up to the terminal) rather than wrap the title in pieces
        t = Table(title=shown_title, caption=caption if k == len(groups) - 1 else None, show_lines=False,
                  min_width=min(cell_len(shown_title) + 4, console.width) if shown_title else None)
        for i in group:
            t.add_column(heads[i], justify="right" if numeric[i] else "left", overflow="fold",
                         min_width=widths[i] if numeric[i] else min(widths[i], 8))
        for r in range(len(part)):
            t.add_row(*[body[i][r] for i in group])
        console.print(t)
    if len(df) > max_rows:
        console.print(f"… {len(df) - max_rows:,} more rows (use --out FILE to write all)")


def write_frame(df: pd.DataFrame, out: Path, *, sheet: str = "data") -> None:
    """Write a frame to CSV (UTF-8 with BOM, so Excel opens Chinese correctly), XLSX or Parquet;
    text that a spreadsheet would read as a formula is neutralised."""
    from xinzhi.workspace.neutralise import excel_writer, neutralise_csv

    suffix = out.suffix.lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        neutralise_csv(df).to_csv(out, index=False, encoding="utf-8-sig")
    elif suffix in (".xlsx", ".xls"):
        with excel_writer(out) as xw:
            df.to_excel(xw, sheet_name=sheet[:31] or "data", index=False)
    elif suffix == ".parquet":
        df.to_parquet(out, index=False)
    else:
        raise InputError(f"cannot write {out}: use a .csv, .xlsx or .parquet file name")


@contextmanager
def progress(description: str, total: float | None = None) -> Iterator[Any]:
    """A Rich progress bar; yields a callable ``advance(n=1)``."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f}" if total else ""),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: float = 1) -> None:
            bar.advance(task, n)

        yield advance
