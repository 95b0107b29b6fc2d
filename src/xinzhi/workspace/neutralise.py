"""Exported text that a spreadsheet would run as a formula, written so that it shows as text.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking) is taken for a formula by Excel, WPS and LibreOffice
when a CSV file is opened: an enterprise named ``=HYPERLINK("http://…","点击")`` becomes a live
link, and worse formulas can run commands or send data away ("CSV injection", OWASP). Every
export of Xinzhi (web pages, REST API, ``xinzhi export`` and the CLI's ``--out``) therefore:

* in **CSV**, puts an apostrophe before such text (``'=HYPERLINK(…)``), the usual way to tell
  a spreadsheet "this is text"; text that is a plain number (``-12.5``, ``+3``, ``-4.5%``) is
  left as it is, since a spreadsheet reads it as that number and runs nothing;
* in **XLSX**, writes every text as a text cell (xlsxwriter's ``strings_to_formulas`` and
  ``strings_to_urls`` off), so the text is shown exactly and nothing is added to it.

Imports take the apostrophe off again (:mod:`xinzhi.workspace.validate`), so an exported
table imports back unchanged. Full-width ``＝ ＋ － ＠``, which some Chinese spreadsheets also
read as formula signs, are treated the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

import pandas as pd

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_START = frozenset("=+-@\t\r＝＋－＠")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:,\d{3})*)(?:\.\d+)?(?:[eE][+-]?\d+)?%?$")
#: ``engine_kwargs`` of :class:`pandas.ExcelWriter` (xlsxwriter) for exports
XLSX_ENGINE_KWARGS: dict[str, Any] = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet opening ``text`` from a CSV file could run it as a formula."""
    return bool(text) and text[0] in FORMULA_START and not _PLAIN_NUMBER.match(text)


def neutralise_text(value: Any) -> Any:
    """``value`` with an apostrophe in front if it is text a spreadsheet would run; other
    values unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def neutralise_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` safe to write as CSV: every text cell and column name neutralised."""
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise_text)
    out.columns = [neutralise_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def excel_writer(target: str | Path | IO[bytes]) -> pd.ExcelWriter:
    """A :class:`pandas.ExcelWriter` (xlsxwriter) that writes text as text, never as a formula
    or a hyperlink."""
    return pd.ExcelWriter(target, engine="xlsxwriter", engine_kwargs=XLSX_ENGINE_KWARGS)
