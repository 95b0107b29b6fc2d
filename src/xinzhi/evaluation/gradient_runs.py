"""Running a gradient programme on a workspace: choose the rulebook by date, explain, store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ibis
import pandas as pd

from xinzhi.errors import InputError
from xinzhi.evaluation.explain import explain_gradient
from xinzhi.evaluation.gradient import evaluate_gradient
from xinzhi.evaluation.gradient_rulebook import GradientRulebook
from xinzhi.evaluation.loader import load_rulebook, rulebook_dir, select_rulebook
from xinzhi.evaluation.runs import enterprise_panel
from xinzhi.evaluation.size import sme_eligibility
from xinzhi.evaluation.size_rulebook import SizeRulebook

__all__ = ["APPLICATION_TABLE", "GRADIENT_RESULT_TABLE", "application_inputs", "run_gradient"]

GRADIENT_RESULT_TABLE = "gradient_result"
APPLICATION_TABLE = "gradient_application"


def application_inputs(ws: Any, *, year: int, application: str) -> Any:
    """The workspace's ``gradient_application`` rows of data year ``year``, or ``None`` if it has none.

    Rows declared for the other application type (``new`` / ``recheck``) are left out; rows
    that do not say are kept. One row per enterprise is expected (the table's key).
    """
    if not ws.has_data(APPLICATION_TABLE):
        return None
    apps = ws.table(APPLICATION_TABLE)
    apps = apps.filter((apps.year == year) & (apps.application.isnull() | (apps.application == application)))
    return apps.drop("year")


def _book(program: str, on: dt.date | None, application: str) -> GradientRulebook:
    if (rulebook_dir() / f"{program}.yaml").is_file() or Path(program).is_file():
        book = load_rulebook(program)
        if not isinstance(book, GradientRulebook):
            raise InputError(f"{program} is a {book.kind} rulebook, not a gradient programme")
        return book
    return select_rulebook(program, on=on or dt.date.today(), application=application)


def run_gradient(ws: Any, program: str, *, year: int | None = None, on: dt.date | None = None,
                 application: str = "new", applications: pd.DataFrame | None = None,
                 save: bool = True) -> tuple[str | None, pd.DataFrame]:
    """Screen the workspace's enterprises for ``program``; returns ``(run_id, results)``.

    ``program`` is a rulebook id (``zjtx-2022``) or a programme (``zjtx``), in which case the
    rulebook in force on ``on`` for ``application`` (new / recheck) is chosen. ``applications``
    holds the extra inputs keyed by ``credit_code``; without it they are read from the
    workspace table ``gradient_application`` (rows of data year ``year``) when it has rows.
    """
    book = _book(program, on, application)
    panel = enterprise_panel(ws.table("enterprise_year"), ws.table("enterprise"))
    if year is None:
        year = int(panel.year.max().execute())
    apps = ibis.memtable(applications) if applications is not None else None
    source = "file" if applications is not None else None
    if apps is None and book.inputs:
        apps = application_inputs(ws, year=year, application=application)
        source = APPLICATION_TABLE if apps is not None else None
    frame = evaluate_gradient(panel, book, year=year, applications=apps, application=application).to_pandas()
    if book.eligibility.sme:
        size_book = load_rulebook(book.eligibility.sme)
        assert isinstance(size_book, SizeRulebook)
        texts = [sme_eligibility(r, size_book) for r in frame.to_dict("records")]
        frame["eligibility"] = [zh for _, zh, _ in texts]
        frame["eligibility_en"] = [en for _, _, en in texts]
    frame["explanation"] = [" | ".join(explain_gradient(r, book)[1:]) for r in frame.to_dict("records")]
    run_id = None
    if save:
        run_id = ws.save_result(GRADIENT_RESULT_TABLE, frame, kind="gradient", name=book.id, version=book.version,
                                params={"program": book.program, "year": year, "application": application,
                                        "date": (on or dt.date.today()).isoformat(), "inputs_from": source})
    return run_id, frame
