"""Tables to files: CSV (UTF-8 with BOM, so Excel opens Chinese text) and Excel (xlsxwriter)."""

from __future__ import annotations

import io
from urllib.parse import quote

import pandas as pd
from fastapi.responses import Response

from xinzhi.errors import InputError
from xinzhi.workspace.neutralise import excel_writer, neutralise_csv

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def frame_bytes(frame: pd.DataFrame, fmt: str, *, sheet: str = "data", note: str | None = None) -> bytes:
    """``frame`` written as ``csv`` or ``xlsx``; ``note`` (e.g. the synthetic-data label) is
    written above the table in Excel and as a first comment line in CSV. Text that a
    spreadsheet would run as a formula is neutralised (:mod:`xinzhi.workspace.neutralise`)."""
    if fmt not in FORMATS:
        raise InputError(f"format must be csv or xlsx, got {fmt!r}")
    buf = io.BytesIO()
    if fmt == "csv":
        text = neutralise_csv(frame).to_csv(index=False)
        if note:
            text = f"# {note}\n{text}"
        buf.write(text.encode("utf-8-sig"))
    else:
        out = frame.copy()
        for c in out.columns:
            if isinstance(out[c].dtype, pd.DatetimeTZDtype):
                out[c] = out[c].dt.tz_localize(None)
        with excel_writer(buf) as xw:
            start = 2 if note else 0
            out.to_excel(xw, sheet_name=sheet[:31], index=False, startrow=start)
            if note:
                xw.sheets[sheet[:31]].write_string(0, 0, note)
    return buf.getvalue()


def file_response(frame: pd.DataFrame, fmt: str, name: str, *, note: str | None = None) -> Response:
    """A download of ``frame`` named ``name.fmt``."""
    body = frame_bytes(frame, fmt, sheet=name, note=note)
    disposition = f"attachment; filename=\"{name}.{fmt}\"; filename*=UTF-8''{quote(name)}.{fmt}"
    return Response(body, media_type=FORMATS[fmt], headers={"Content-Disposition": disposition})
