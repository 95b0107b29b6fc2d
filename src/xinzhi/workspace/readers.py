"""Reading import files (CSV in UTF-8 or GBK/GB18030, XLSX, Parquet) into raw frames.

Raw frames keep every value as it came (CSV and XLSX as text; Parquet typed) so that the
validation step can say exactly which cell was wrong. ``first_row`` is the spreadsheet row
number of the first data row (2 for files with a header row).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from xinzhi.errors import InputError, NotFoundError, Problem, ValidationError


@dataclass
class RawFile:
    """A file read for import: its frame, hash, encoding and row numbering."""

    name: str
    frame: pd.DataFrame
    sha256: str
    encoding: str | None
    first_row: int


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ValidationError(
            [Problem(name, None, None, "encoding", f"not UTF-8 nor GBK/GB18030 text ({exc.reason} at byte {exc.start})")]
        ) from None


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return v if isinstance(v, str) else str(v)


def read_file(path: Path, *, sheet: str | None = None, display_name: str | None = None) -> RawFile:
    """Read ``path`` by its suffix (.csv/.txt, .xlsx/.xls, .parquet)."""
    name = display_name or str(path)
    if not path.exists():
        raise NotFoundError(f"{name}: no such file")
    data = path.read_bytes()
    digest = file_hash(data)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        text, encoding = decode_text(data, name)
        sep = "\t" if suffix == ".tsv" else ","
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep)
        except pd.errors.ParserError as exc:
            raise ValidationError([Problem(name, None, None, "malformed file", f"cannot parse CSV: {exc}")]) from None
        except pd.errors.EmptyDataError:
            raise ValidationError([Problem(name, None, None, "malformed file", "the file is empty")]) from None
        return RawFile(name, frame, digest, encoding, 2)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        try:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            ws = wb.get_sheet_by_name(sheet) if sheet else wb.get_sheet_by_index(0)
            rows = ws.to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own error types
            raise ValidationError([Problem(name, None, None, "malformed file", f"cannot read workbook: {exc}")]) from None
        while rows and all(_cell(v) == "" for v in rows[-1]):
            rows.pop()
        if not rows:
            raise ValidationError([Problem(name, None, None, "malformed file", "the sheet is empty")])
        header = [str(_cell(h)).strip() for h in rows[0]]
        body = [[_cell(v) for v in r] for r in rows[1:]]
        frame = pd.DataFrame(body, columns=header, dtype=object) if body else pd.DataFrame(columns=header)
        return RawFile(name, frame, digest, None, 2)
    if suffix == ".parquet":
        frame = pd.read_parquet(io.BytesIO(data))
        return RawFile(name, frame, digest, None, 1)
    raise InputError(f"{name}: unsupported file type {suffix!r}; use .csv, .xlsx or .parquet")


def read_sheet(path: Path) -> pd.DataFrame:
    """A CSV (UTF-8 or GBK/GB18030) or workbook as text cells, empty cells missing.

    For definition files (chains, cluster systems) that are not workspace tables but come from
    the same offices, so they get the same encodings and readers as imports.
    """
    frame = read_file(path, display_name=path.name).frame
    return frame.astype(object).mask(frame.astype(str).apply(lambda c: c.str.strip()) == "")


def read_mapping(path: Path, *, expected: str) -> Mapping[str, Any]:
    """A ``.yaml`` / ``.yml`` / ``.json`` definition file as a mapping.

    ``expected`` says what the mapping must hold, for the error message.
    """
    import json

    import yaml

    if not path.exists():
        raise NotFoundError(f"no such file: {path}")
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    if not isinstance(data, Mapping):
        raise InputError(f"{path.name}: expected a mapping with {expected}")
    return data
