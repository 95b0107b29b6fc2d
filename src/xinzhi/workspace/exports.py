"""Exports of workspace tables that round-trip with imports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from xinzhi.errors import InputError
from xinzhi.schema.base import TableSpec
from xinzhi.workspace.neutralise import excel_writer, neutralise_csv


def export_frame(spec: TableSpec, frame: pd.DataFrame, out: Path, *, fmt: str | None, headers: str) -> None:
    """Write ``frame`` (rows of ``spec``) as CSV (UTF-8 with BOM), XLSX or Parquet.

    With ``headers="zh"`` the header of a column is its Chinese label with the canonical unit
    in full-width brackets, e.g. ``实缴税收（万元）``; imports read both styles. Text that a
    spreadsheet would run as a formula is neutralised (:mod:`xinzhi.workspace.neutralise`).
    """
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if headers not in ("en", "zh"):
        raise InputError("headers must be 'en' or 'zh'")
    if headers == "zh" and fmt != "parquet":
        names = {c.name: (f"{c.label_zh}（{c.unit}）" if c.unit and c.quantity != "ratio" else c.label_zh)
                 for c in spec.columns}
        frame = frame.rename(columns=names)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        neutralise_csv(frame).to_csv(out, index=False, encoding="utf-8-sig")
    elif fmt == "xlsx":
        with excel_writer(out) as xw:
            frame.to_excel(xw, sheet_name=spec.name[:31], index=False)
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    else:
        raise InputError(f"unknown export format {fmt!r}; use csv, xlsx or parquet")
