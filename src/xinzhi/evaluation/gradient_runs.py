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

__all__ = ["GRADIENT_RESULT_TABLE", "run_gradient"]

GRADIENT_RESULT_TABLE = "gradient_result"


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
    holds the extra inputs keyed by ``credit_code``.
    """
    book = _book(program, on, application)
    panel = enterprise_panel(ws.table("enterprise_year"), ws.table("enterprise"))
    if year is None:
        year = int(panel.year.max().execute())
    apps = None
    if applications is not None:
        apps = ibis.memtable(applications)
    frame = evaluate_gradient(panel, book, year=year, applications=apps).to_pandas()
    frame["explanation"] = [" | ".join(explain_gradient(r, book)[1:]) for r in frame.to_dict("records")]
    run_id = None
    if save:
        run_id = ws.save_result(GRADIENT_RESULT_TABLE, frame, kind="gradient", name=book.id, version=book.version,
                                params={"program": book.program, "year": year, "application": application,
                                        "date": (on or dt.date.today()).isoformat()})
    return run_id, frame
