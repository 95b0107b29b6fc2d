"""DuckDB: the default engine (in-process, no server)."""

from __future__ import annotations

from typing import Any

import ibis

__all__ = ["connect"]


def connect(*, threads: int | None = None, memory_limit: str | None = None) -> Any:
    """An in-memory Ibis DuckDB backend with the progress bar off (it writes to stderr).

    Parameters
    ----------
    threads : int, optional
        Worker threads (DuckDB's default: all cores).
    memory_limit : str, optional
        e.g. ``"2GB"``; DuckDB spills to disk beyond it.
    """
    con = ibis.duckdb.connect()
    con.raw_sql("SET enable_progress_bar = false")
    con.raw_sql("SET preserve_insertion_order = false")  # results are keyed; order is not promised
    if threads is not None:
        con.raw_sql(f"SET threads = {int(threads)}")
    if memory_limit is not None:
        con.raw_sql(f"SET memory_limit = '{memory_limit.replace(chr(39), '')}'")
    return con
