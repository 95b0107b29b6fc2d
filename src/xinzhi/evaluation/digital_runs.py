"""Running a digital-maturity rulebook on a workspace's ``digital_assessment`` answers (or a file)."""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

from xinzhi.errors import InputError
from xinzhi.evaluation.digital import assess_digital, name_weakest
from xinzhi.evaluation.digital_rulebook import DigitalRulebook
from xinzhi.evaluation.loader import load_rulebook

__all__ = ["ASSESSMENT_TABLE", "run_digital"]

ASSESSMENT_TABLE = "digital_assessment"


def run_digital(ws: Any | None, rulebook: str | DigitalRulebook = "digital-maturity-2022", *,
                year: int | None = None, answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Levels and weakest dimensions of every assessed enterprise.

    ``answers`` (``credit_code``, ``dimension``, ``points``) wins when given; otherwise the
    workspace table ``digital_assessment`` is read for ``year`` (default: its latest year).
    """
    book = load_rulebook(rulebook) if isinstance(rulebook, str) else rulebook
    if not isinstance(book, DigitalRulebook):
        raise InputError(f"{book.id} is not a digital-maturity rulebook")
    if answers is not None:
        table = ibis.memtable(answers)
    else:
        if ws is None or not ws.has_data(ASSESSMENT_TABLE):
            raise InputError("no questionnaire answers: give a file, or import the digital_assessment table")
        table = ws.table(ASSESSMENT_TABLE)
        if year is None:
            year = int(table.year.max().execute())
        table = table.filter(table.year == year)
    result = assess_digital(table, book).to_pandas()
    if result.empty:
        raise InputError(f"no questionnaire answers for {year}" if year is not None else "no questionnaire answers")
    out = name_weakest(result, book)
    if year is not None:
        out.insert(1, "year", year)
    return out
