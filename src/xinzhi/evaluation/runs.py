"""Running a rulebook on a workspace and storing the run (the only I/O in this package)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from xinzhi.errors import InputError
from xinzhi.evaluation.loader import load_rulebook
from xinzhi.evaluation.permu import evaluate_permu
from xinzhi.evaluation.permu_rulebook import PermuRulebook

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pandas as pd

__all__ = ["ENTERPRISE_ATTRIBUTES", "RESULT_TABLE", "enterprise_panel", "permu_results", "run_permu"]

logger = logging.getLogger(__name__)

RESULT_TABLE = "evaluation_result"
ENTERPRISE_ATTRIBUTES = ("region_code", "park_code", "industry_code", "size_class", "above_scale",
                         "established_year", "tags")


def enterprise_panel(enterprise_year: ir.Table, enterprise: ir.Table) -> ir.Table:
    """Enterprise-years with the enterprise attributes the rulebooks read (inner join on the code)."""
    attrs = enterprise.select("credit_code", *ENTERPRISE_ATTRIBUTES).rename(__code="credit_code")
    j = enterprise_year.join(attrs, enterprise_year.credit_code == attrs.__code)
    return j.drop("__code")


def run_permu(ws: Any, rulebook: str | PermuRulebook, *, year: int, engine: str = "duckdb",
              save: bool = True) -> tuple[str | None, pd.DataFrame]:
    """Evaluate the workspace's enterprises of ``year`` and store the results as a run.

    Returns ``(run_id, results)``; ``run_id`` is ``None`` when ``save`` is false. The run records
    the rulebook id and version, the year, the engine and (through the workspace) the snapshot
    ids of every input table.
    """
    book = load_rulebook(rulebook) if isinstance(rulebook, str) else rulebook
    if not isinstance(book, PermuRulebook):
        raise InputError(f"rulebook {book.id!r} is a {book.kind} rulebook, not a 亩均 (permu) rulebook")
    if engine == "duckdb":
        panel = enterprise_panel(ws.table("enterprise_year"), ws.table("enterprise"))
    else:
        from xinzhi.backends import connect, read_parquet

        con = connect(engine)
        paths = {t: ws.snapshot_path(t) for t in ("enterprise_year", "enterprise")}
        if any(p is None for p in paths.values()):
            raise InputError("the workspace has no enterprise or enterprise_year data")
        panel = enterprise_panel(read_parquet(con, paths["enterprise_year"], table_name="enterprise_year"),
                                 read_parquet(con, paths["enterprise"], table_name="enterprise"))
    frame = evaluate_permu(panel, book, year=year).to_pandas()
    if frame.empty:
        raise InputError(f"no enterprise data for {year} in the workspace")
    run_id = None
    if save:
        run_id = ws.save_result(
            RESULT_TABLE, frame, kind="evaluation", name=book.id, version=book.version,
            params={"program": "permu", "rulebook": book.id, "version": book.version, "year": year,
                    "engine": engine, "notes": list(book.notes)},
        )
        logger.info("saved run %s: %d enterprises evaluated with %s", run_id, len(frame), book.id)
    return run_id, frame


def permu_results(ws: Any, rulebook: PermuRulebook, *, year: int, run_id: str | None = None) -> tuple[ir.Table, str]:
    """The 亩均 results of ``year``: a stored run, else an evaluation made now (not stored).

    With ``run_id``, that run (it must be an ``evaluation_result`` run). Otherwise the latest
    stored run of ``rulebook`` for ``year``; when there is none, the rulebook is run on the
    workspace without storing. Returns the results and a line saying where they come from.
    """
    import ibis

    runs = ws.runs(result_table=RESULT_TABLE)
    if run_id is None and not runs.empty:
        mine = [r for r in runs.itertuples() if isinstance(r.params, dict)
                and r.params.get("rulebook") == rulebook.id and int(r.params.get("year", -1)) == year]
        run_id = mine[0].id if mine else None
    if run_id is not None:
        path = ws.result_path(RESULT_TABLE, run_id)
        return ws.ibis.read_parquet(str(path)), f"{year}: run {run_id}"
    _, frame = run_permu(ws, rulebook, year=year, save=False)
    return ibis.memtable(frame), f"{year}: evaluated now with {rulebook.id} (no stored run)"
