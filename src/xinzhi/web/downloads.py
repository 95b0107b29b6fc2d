"""Files for people from the dashboard's tables: CSV (UTF-8 with BOM, so Excel opens Chinese text)
or Excel, with headers in the page's language and values in the units the page shows
(:func:`xinzhi.web.formatting.for_file`).

The first row is the header row, so ``pandas.read_csv`` and ``pandas.read_excel`` read the files
as they are. The synthetic-data label of the demo goes elsewhere: a second sheet ``说明`` /
``Notes`` in Excel, the file name and an ``X-Xinzhi-Synthetic`` response header for CSV.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

import pandas as pd
from fastapi.responses import Response

from xinzhi.errors import InputError
from xinzhi.web.exports import FORMATS
from xinzhi.web.formatting import for_file
from xinzhi.workspace.neutralise import excel_writer, neutralise_csv


def people_bytes(table: pd.DataFrame, fmt: str, *, sheet: str = "data", note: str | None = None, lang: str = "zh") -> bytes:
    """``table`` (already in people's form) as CSV or Excel bytes; ``note`` on a notes sheet."""
    if fmt not in FORMATS:
        raise InputError(f"format must be csv or xlsx, got {fmt!r}")
    if fmt == "csv":  # text cells starting with = + - @ (formulas) get a leading apostrophe
        return neutralise_csv(table).to_csv(index=False).encode("utf-8-sig")
    buf = io.BytesIO()
    out = table.copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.DatetimeTZDtype):
            out[c] = out[c].dt.tz_localize(None)
    with excel_writer(buf) as xw:  # text stays text, never a formula or a hyperlink
        out.to_excel(xw, sheet_name=sheet[:31] or "data", index=False)
        ws = xw.sheets[sheet[:31] or "data"]
        for k, c in enumerate(out.columns):
            ws.set_column(k, k, min(40, max(8, len(str(c)) * (2 if lang == "zh" else 1) + 2)))
        if note:
            notes = pd.DataFrame({"说明" if lang == "zh" else "Note": [note]})
            notes.to_excel(xw, sheet_name="说明" if lang == "zh" else "Notes", index=False)
    return buf.getvalue()


def people_file(frame: pd.DataFrame, fmt: str, name: str, *, lang: str, note: str | None = None,
                data: Any = None) -> Response:
    """A download of the dashboard table ``name`` in people's form (see the module docstring)."""
    table = for_file(frame, lang=lang, table=name, region_names=data.region_display(lang) if data is not None else None)
    body = people_bytes(table, fmt, sheet=name, note=note, lang=lang)
    stem = name + (("-演示数据" if lang == "zh" else "-synthetic-demo") if note else "")
    ascii_stem = name + ("-synthetic-demo" if note else "")
    disposition = f"attachment; filename=\"{ascii_stem}.{fmt}\"; filename*=UTF-8''{quote(stem)}.{fmt}"
    headers = {"Content-Disposition": disposition}
    if note:
        headers["X-Xinzhi-Synthetic"] = "true"
    return Response(body, media_type=FORMATS[fmt], headers=headers)
