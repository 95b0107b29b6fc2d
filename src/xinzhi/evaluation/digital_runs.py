"""Running a digital-maturity rulebook on a workspace's questionnaire tables (or a file).

A rulebook that lists its items scores answers (table ``digital_answer``: credit_code, year,
item, answer); one without items adds points given per dimension and item (table
``digital_assessment``: credit_code, year, dimension, item, points).
"""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

from xinzhi.errors import InputError
from xinzhi.evaluation.digital import assess_digital, name_weakest
from xinzhi.evaluation.digital_answers import name_gaps, prepare_answers, score_answers
from xinzhi.evaluation.digital_rulebook import DigitalRulebook
from xinzhi.evaluation.loader import load_rulebook

__all__ = ["ANSWER_TABLE", "ASSESSMENT_TABLE", "DIGITAL_RESULT_TABLE", "run_digital"]

ASSESSMENT_TABLE = "digital_assessment"
ANSWER_TABLE = "digital_answer"
DIGITAL_RESULT_TABLE = "digital_result"


def run_digital(ws: Any | None, rulebook: str | DigitalRulebook = "digital-maturity-2022", *,
                year: int | None = None, answers: pd.DataFrame | None = None,
                source: str = "answers", save: bool = False) -> tuple[str | None, pd.DataFrame]:
    """Levels and weakest dimensions of every assessed enterprise; returns ``(run_id, results)``.

    ``answers`` wins when given (``source`` names it in error messages); otherwise the workspace
    table is read: ``digital_answer`` when the rulebook lists its items, else
    ``digital_assessment``. Rows with a ``year`` are those of ``year`` (default: the latest).
    With items, every answer is checked first and the result also names the items with the most
    points left (``to_improve``). With ``save``, the results are stored in the workspace as a run
    (``run_id`` is ``None`` otherwise).
    """
    book = load_rulebook(rulebook) if isinstance(rulebook, str) else rulebook
    if not isinstance(book, DigitalRulebook):
        raise InputError(f"{book.id} is not a digital-maturity rulebook")
    name = ANSWER_TABLE if book.items else ASSESSMENT_TABLE
    if answers is None:
        if ws is None or not ws.has_data(name):
            raise InputError(f"no questionnaire answers: give a file, or import the {name} table")
        stored = ws.table(name)
        if year is None:
            year = int(stored.year.max().execute())
        answers = stored.filter(stored.year == year).to_pandas()
        source = f"{name} ({year})"
    elif "year" in answers.columns and year is None:
        years = pd.to_numeric(answers["year"], errors="coerce")
        year = int(years.max()) if years.notna().any() else None
    if book.items:
        prepared = prepare_answers(answers, book, source=source, year=year)
        item_points = score_answers(ibis.memtable(prepared.drop(columns="year", errors="ignore")), book).to_pandas()
        points: Any = ibis.memtable(item_points)
    else:
        if "year" in answers.columns and year is not None:
            answers = answers[pd.to_numeric(answers["year"], errors="coerce") == year]
        points = ibis.memtable(answers)
    result = assess_digital(points, book).to_pandas()
    if result.empty:
        raise InputError(f"no questionnaire answers for {year}" if year is not None else "no questionnaire answers")
    out = name_weakest(result, book)
    if book.items:
        out = name_gaps(out, item_points, book)
    if year is not None:
        out.insert(1, "year", year)
    run_id = None
    if save:
        if ws is None:
            raise InputError("no workspace to store the run in")
        run_id = ws.save_result(DIGITAL_RESULT_TABLE, out, kind="digital", name=book.id, version=book.version,
                                params={"program": "digital", "year": year, "inputs_from": source})
    return run_id, out
