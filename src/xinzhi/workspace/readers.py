"""Reading import files (CSV in UTF-8 or GBK/GB18030, XLSX, Parquet) into raw frames.

Raw frames keep every value as it came (CSV and XLSX as text; Parquet typed) so that the
validation step can say exactly which cell was wrong. ``first_row`` is the spreadsheet row
number of the first data row (2 for files with a header row).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

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


def decode_text(data: bytes, name: str, *, sep: str = ",") -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312).

    A file that is not UTF-8 throughout is read as GBK/GB18030 only if every row is: a row in
    the other encoding (a UTF-8 row pasted into a GBK file, or the reverse) would otherwise be
    stored as mojibake, so it is a located error (see :func:`mixed_encoding_problems`).
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    problems = mixed_encoding_problems(data, name, sep=sep)
    if problems:
        raise ValidationError(problems)
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ValidationError(
            [Problem(name, None, None, "encoding", f"not UTF-8 nor GBK/GB18030 text ({exc.reason} at byte {exc.start})")]
        ) from None


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _row_encoding(raw: bytes) -> str | None:
    """``utf-8``, ``gb18030``, ``invalid``, or ``None`` (ASCII, or readable both ways)."""
    if raw.isascii():
        return None
    try:
        as_utf8: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    try:
        raw.decode("gb18030")
        gb = True
    except UnicodeDecodeError:
        gb = False
    if as_utf8 is not None and not gb:
        return "utf-8"
    if gb and as_utf8 is None:
        return "gb18030"
    if as_utf8 is None:
        return "invalid"
    # valid both ways: UTF-8 Chinese read as GB18030 gives rare characters outside GB2312
    # (continuation bytes 80-A0 are no GB2312 byte), while real GBK text is mostly GB2312
    try:
        raw.decode("gb2312")
    except UnicodeDecodeError:
        return "utf-8" if _CJK.search(as_utf8) else None
    return None


def mixed_encoding_problems(data: bytes, name: str, *, sep: str = ",") -> list[Problem]:
    """Rows of a CSV whose encoding differs from the file's (row = spreadsheet row number).

    The rows are split with the CSV rules on the raw bytes (read as Latin-1, which maps byte
    to character one to one; separators, quotes and line ends never occur inside a GBK or UTF-8
    multi-byte character), and each row's non-ASCII bytes are tested as UTF-8 and GB18030.
    """
    text = data.decode("latin-1")
    kinds: list[tuple[int, str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        for i, cells in enumerate(reader):
            kind = _row_encoding("".join(cells).encode("latin-1"))
            if kind is not None:
                kinds.append((i + 1, kind))
    except csv.Error:
        return []  # malformed CSV: the parser says where
    counts = {k: sum(1 for _, x in kinds if x == k) for k in ("utf-8", "gb18030")}
    main = "utf-8" if counts["utf-8"] > counts["gb18030"] else "gb18030"
    label = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030"}
    out = []
    for row, kind in kinds:
        if kind == "invalid":
            out.append(Problem(name, row, None, "encoding", "this row is neither UTF-8 nor GBK/GB18030 text"))
        elif kind != main:
            out.append(Problem(
                name, row, None, "mixed encodings",
                f"this row is {label[kind]} but the rest of the file is {label[main]} (it would be stored "
                "as garbled text); save the whole file in one encoding, e.g. UTF-8"))
    return out


def duplicate_header_problems(header: list[str], name: str) -> list[Problem]:
    """A header that appears twice: only one of the columns could be imported, so say so."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        h = str(h).strip()
        if not h:
            continue
        if h in seen:
            out.append(Problem(name, 1, h, "duplicate column",
                               f"header {h!r} appears in columns {_letters(seen[h])} and {_letters(i)}"))
        else:
            seen[h] = i
    return out


def _letters(i: int) -> str:
    """Spreadsheet column letters of position ``i`` (0 → A, 26 → AA)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


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
        sep = "\t" if suffix == ".tsv" else ","
        text, encoding = decode_text(data, name, sep=sep)
        try:
            header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=sep), [])
        except csv.Error:
            header = []
        dup = duplicate_header_problems(header, name)
        if dup:
            raise ValidationError(dup)
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
            sheet_name = ws.name
        except Exception as exc:  # calamine raises its own error types
            raise ValidationError([Problem(name, None, None, "malformed file", f"cannot read workbook: {exc}")]) from None
        while rows and all(_cell(v) == "" for v in rows[-1]):
            rows.pop()
        if not rows:
            raise ValidationError([Problem(name, None, None, "malformed file", "the sheet is empty")])
        header = [str(_cell(h)).strip() for h in rows[0]]
        problems = duplicate_header_problems(header, name)
        if suffix in (".xlsx", ".xlsm"):
            problems += uncalculated_formulas(data, sheet_name, header, name)
        if problems:
            raise ValidationError(problems)
        header = [h or f"Unnamed: {i}" for i, h in enumerate(header)]
        body = [[_cell(v) for v in r] for r in rows[1:]]
        frame = pd.DataFrame(body, columns=header, dtype=object) if body else pd.DataFrame(columns=header)
        return RawFile(name, frame, digest, None, 2)
    if suffix == ".parquet":
        frame = pd.read_parquet(io.BytesIO(data))
        return RawFile(name, frame, digest, None, 1)
    raise InputError(f"{name}: unsupported file type {suffix!r}; use .csv, .xlsx or .parquet")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def uncalculated_formulas(data: bytes, sheet_name: str, header: list[str], name: str) -> list[Problem]:
    """Formula cells of an .xlsx sheet whose stored value cannot be trusted.

    A workbook keeps each formula's last calculated value next to it, and imports read that
    value. A formula has no such value when the file was written by a program and never
    opened in a spreadsheet: the cell has no ``<v>``, or the workbook asks to be recalculated
    on opening (``fullCalcOnLoad``, which xlsxwriter sets and which makes programs store a
    placeholder 0). Those cells are located errors instead of silent zeros.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            target = None
            for sh in workbook.iter(f"{_MAIN}sheet"):
                if sh.get("name") == sheet_name:
                    rid = sh.get(f"{_REL}id")
                    for rel in rels.iter(f"{_PKG_REL}Relationship"):
                        if rel.get("Id") == rid:
                            target = rel.get("Target", "")
            if not target:
                return []
            target = target.lstrip("/")
            path = target if target.startswith("xl/") else f"xl/{target}"
            calc = workbook.find(f"{_MAIN}calcPr")
            never_calculated = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
            out: list[Problem] = []
            with z.open(path) as fh:
                for _, el in ElementTree.iterparse(fh):
                    if el.tag != f"{_MAIN}c":
                        continue
                    f = el.find(f"{_MAIN}f")
                    if f is not None:
                        v = el.find(f"{_MAIN}v")
                        missing = v is None or v.text is None
                        if missing or never_calculated:
                            out.append(_formula_problem(name, el.get("r", ""), f.text or "", header, missing))
                    el.clear()
                    if len(out) >= 500:
                        break
            return out
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return []  # not a regular .xlsx package: calamine has read it, keep its values


def _formula_problem(name: str, ref: str, formula: str, header: list[str], missing: bool) -> Problem:
    m = _CELL_REF.match(ref)
    row = int(m.group(2)) if m else None
    column = None
    if m:
        i = 0
        for ch in m.group(1):
            i = i * 26 + ord(ch) - 64
        column = header[i - 1] if 0 < i <= len(header) and header[i - 1] else m.group(1)
    why = ("has no calculated value" if missing else
           "was never calculated (the workbook was written by a program and asks to be recalculated when opened)")
    return Problem(name, row, column, "uncalculated formula",
                   f"cell {ref} holds the formula ={formula} which {why}; open and save the file in Excel "
                   "or WPS, or paste the values")


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
