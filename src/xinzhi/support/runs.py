"""Matching on a workspace: the panel from its tables and latest evaluation runs, stored runs.

The only I/O of the support package besides :mod:`xinzhi.support.exports`: everything here reads
the workspace, calls the pure functions, and (with ``save``) stores the result as a run, like the
evaluation runs (``xinzhi.workspace.Workspace.save_result``).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.errors import InputError
from xinzhi.support.loader import load_measures, load_stage_rulebook
from xinzhi.support.matching import KEPT, PANEL_PLACEHOLDER, columns_read, match_sql
from xinzhi.support.panel import build_panel

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from xinzhi.support.rules import Measure
    from xinzhi.workspace import Workspace

__all__ = [
    "AS_OF_META",
    "DECLARATION_TABLE",
    "DIGITAL_RULEBOOK",
    "RESULT_TABLE",
    "data_year",
    "firm_matches",
    "gradient_results",
    "latest_digital",
    "match_workspace",
    "panel_table",
    "reference_date",
    "run_match",
    "workspace_panel",
]

logger = logging.getLogger(__name__)

RESULT_TABLE = "support_match"
DECLARATION_TABLE = "support_declaration"
#: the digital-maturity rulebook whose latest run gives ``digital_total`` / ``digital_level``
DIGITAL_RULEBOOK = "digital-manufacturing-2024"
#: workspace metadata key fixing the reference date of support runs (the demo sets it)
AS_OF_META = "support_as_of"


def reference_date(ws: Workspace) -> dt.date:
    """The date measures must be in force on and projects start after: the workspace's
    ``support_as_of`` metadata when set (the demo fixes it), else today."""
    text = ws.get_meta(AS_OF_META)
    return dt.date.fromisoformat(text) if text else dt.date.today()


def data_year(ws: Workspace) -> int:
    """The latest year of ``enterprise_year`` (the default data year of a match)."""
    if not ws.has_data("enterprise_year"):
        raise InputError("the workspace has no enterprise_year data")
    return int(ws.table("enterprise_year").year.max().execute())


def latest_digital(ws: Workspace, rulebook: str = DIGITAL_RULEBOOK) -> tuple[str | None, pd.DataFrame | None]:
    """``(run id, result)`` of the latest digital-maturity run of ``rulebook`` (any rulebook when it
    has none), or ``(None, None)``."""
    runs = ws.runs(result_table="digital_result")
    if runs.empty:
        return None, None
    mine = runs[runs["name"] == rulebook]
    run = str((mine if len(mine) else runs)["id"].iloc[0])
    return run, pd.read_parquet(ws.result_path("digital_result", run))


def gradient_results(ws: Workspace) -> tuple[list[str], pd.DataFrame | None]:
    """Run ids and ``credit_code``, ``program``, ``passed`` of the latest gradient run of each rulebook."""
    runs = ws.runs(result_table="gradient_result")
    if runs.empty:
        return [], None
    frames, ids = [], []
    for r in runs.drop_duplicates("name").itertuples():
        program = (r.params or {}).get("program") if isinstance(r.params, dict) else None
        if not program:
            continue
        res = pd.read_parquet(ws.result_path("gradient_result", str(r.id)), columns=["credit_code", "passed"])
        frames.append(res.assign(program=program))
        ids.append(str(r.id))
    return ids, (pd.concat(frames, ignore_index=True) if frames else None)


def workspace_panel(ws: Workspace, *, year: int, credit_codes: Sequence[str] | None = None,
                    digital_rulebook: str = DIGITAL_RULEBOOK) -> tuple[ir.Table, dict[str, Any]]:
    """The matching panel of data year ``year`` from the workspace, and what it was built from
    (the digital and gradient run ids, the stage rulebook), for the run's record."""
    ey, ent = ws.table("enterprise_year"), ws.table("enterprise")
    decl = ws.table(DECLARATION_TABLE) if ws.has_data(DECLARATION_TABLE) else None
    if credit_codes is not None:
        codes = list(credit_codes)
        ey, ent = ey.filter(ey.credit_code.isin(codes)), ent.filter(ent.credit_code.isin(codes))
        decl = decl.filter(decl.credit_code.isin(codes)) if decl is not None else None
    digital_run, digital = latest_digital(ws, digital_rulebook)
    gradient_runs, gradient = gradient_results(ws)
    if credit_codes is not None:
        digital = digital[digital["credit_code"].isin(codes)] if digital is not None else None
        gradient = gradient[gradient["credit_code"].isin(codes)] if gradient is not None else None
    stages = load_stage_rulebook()
    panel = build_panel(ey, ent, year=year, declarations=decl, digital=digital, gradient=gradient, stages=stages)
    return panel, {"digital_run": digital_run, "gradient_runs": gradient_runs, "stages": f"{stages.id} {stages.version}"}


@contextmanager
def panel_table(ws: Workspace, panel: ir.Table) -> Iterator[tuple[str, ir.Table]]:
    """The panel computed once into a temporary DuckDB table of the workspace's connection:
    ``(name, table)``, dropped on exit."""
    name = f"support_panel_{uuid.uuid4().hex[:12]}"
    table = ws.ibis.create_table(name, panel, temp=True)
    try:
        yield name, table
    finally:
        ws.ibis.raw_sql(f'DROP TABLE IF EXISTS "{name}"')


def run_match(ws: Workspace, name: str, table: ir.Table, measures: Sequence[Measure],
              keep: Sequence[str] | None) -> pd.DataFrame:
    """Match rows of the panel table ``name`` (see :func:`panel_table`) by the cached SQL of
    :func:`xinzhi.support.matching.match_sql`, run on the workspace's DuckDB connection."""
    sql = match_sql(measures, table.schema(), keep=keep).replace(f'"{PANEL_PLACEHOLDER}"', f'"{name}"')
    return ws.ibis.con.execute(sql).df()


def match_workspace(ws: Workspace, *, year: int | None = None, on: dt.date | None = None,
                    measures: Sequence[Measure] | None = None, keep: Sequence[str] | None = KEPT,
                    save: bool = False) -> tuple[str | None, pd.DataFrame]:
    """Match the workspace's firms of data year ``year`` (default: the latest) to the measures in
    force on ``on`` (default: :func:`reference_date`); returns ``(run_id, rows)`` with the statuses in ``keep``.

    With ``save`` the rows are stored as a run (result table ``support_match``) recording the
    data year, the date, each measure's version and the runs the panel read.
    """
    year = data_year(ws) if year is None else year
    on = on or reference_date(ws)
    chosen = list(measures) if measures is not None else load_measures(on=on)
    chosen = [m for m in chosen if m.valid.covers(on)]
    if not chosen:
        raise InputError(f"no measure is in force on {on.isoformat()}")
    panel, used = workspace_panel(ws, year=year)
    panel = panel.select(*columns_read(chosen, panel.columns))
    with panel_table(ws, panel) as (name, table):  # the panel once, for every measure's query
        frame = run_match(ws, name, table, chosen, keep)
    run_id = None
    if save:
        run_id = ws.save_result(RESULT_TABLE, frame, kind="support", name="measures",
                                version=";".join(f"{m.id}@{m.version}" for m in chosen),
                                params={"year": year, "date": on.isoformat(), "keep": list(keep or []),
                                        "measures": {m.id: m.version for m in chosen}, **used})
        logger.info("saved support run %s: %d rows for %d measures", run_id, len(frame), len(chosen))
    return run_id, frame


def firm_matches(ws: Workspace, credit_code: str, *, year: int | None = None, on: dt.date | None = None,
                 measures: Sequence[Measure] | None = None) -> pd.DataFrame:
    """Every measure in force for one firm, whatever its status (excluded and not eligible too)."""
    year = data_year(ws) if year is None else year
    on = on or reference_date(ws)
    chosen = [m for m in (measures if measures is not None else load_measures(on=on)) if m.valid.covers(on)]
    panel, _ = workspace_panel(ws, year=year, credit_codes=[credit_code])
    with panel_table(ws, panel) as (name, table):
        return run_match(ws, name, table, chosen, None)
