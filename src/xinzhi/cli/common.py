"""What every CLI command shares: the workspace option, table output, progress bars."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from xinzhi.errors import InputError

if TYPE_CHECKING:
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
    """Open the workspace selected by the global options."""
    from xinzhi.workspace import open_workspace

    return open_workspace(workspace_path(), catalog_url=state.catalog_url, create=create)


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e4:  # counts and years stored as floats (NULL-able)
            return str(int(v))
        if abs(v) >= 1e4:
            return f"{v:,.0f}"
        return f"{v:.4g}" if abs(v) < 1 else f"{v:,.2f}"
    return str(v)


def render_table(
    df: pd.DataFrame,
    *,
    title: str | None = None,
    out: Path | None = None,
    max_rows: int = 50,
    caption: str | None = None,
) -> None:
    """Print ``df`` as a Rich table, or write it to ``out`` (``.csv``, ``.xlsx`` or ``.parquet``)."""
    if out is not None:
        write_frame(df, out, sheet=title or "data")
        console.print(f"Wrote {len(df):,} rows to {out}")
        return
    table = Table(title=title, caption=caption, show_lines=False)
    for c in df.columns:
        numeric = pd.api.types.is_numeric_dtype(df[c])
        table.add_column(str(c), justify="right" if numeric else "left")
    for row in df.head(max_rows).itertuples(index=False):
        table.add_row(*[_fmt(v) for v in row])
    console.print(table)
    if len(df) > max_rows:
        console.print(f"… {len(df) - max_rows:,} more rows (use --out FILE to write all)")


def write_frame(df: pd.DataFrame, out: Path, *, sheet: str = "data") -> None:
    """Write a frame to CSV (UTF-8 with BOM, so Excel opens Chinese correctly), XLSX or Parquet."""
    suffix = out.suffix.lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    from xinzhi.workspace.neutralise import excel_writer, neutralise_csv

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
