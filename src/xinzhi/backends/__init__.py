"""Engine-specific code: connecting to DuckDB or Spark and reading Parquet.

Everything else in Xinzhi builds neutral Ibis expressions; this package is the only place that
knows which engine runs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["ENGINES", "connect", "read_parquet", "scalar"]

ENGINES = ("duckdb", "spark")


def connect(kind: str = "duckdb", **options: Any) -> Any:
    """An Ibis backend of ``kind`` (``duckdb`` or ``spark``), configured for Xinzhi.

    Options go to :func:`xinzhi.backends.duckdb.connect` or :func:`xinzhi.backends.spark.connect`.
    """
    if kind == "duckdb":
        from xinzhi.backends import duckdb

        return duckdb.connect(**options)
    if kind == "spark":
        from xinzhi.backends import spark

        return spark.connect(**options)
    raise InputError(f"engine must be one of {', '.join(ENGINES)}, got {kind!r}")


def read_parquet(con: Any, path: str | Path, *, table_name: str) -> ir.Table:
    """Register the Parquet file (or folder) ``path`` as ``table_name`` on ``con`` and return it."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"no Parquet file at {p}")
    return con.read_parquet(str(p), table_name=table_name)  # type: ignore[no-any-return]


def scalar(expr: ir.Scalar) -> Any:
    """The value of a scalar expression, on whichever engine its tables live.

    On DuckDB, an expression over registered tables is run through the backend's own
    connection: Ibis's fetch path imports pandas, which costs about a second in a fresh process
    for a one-number answer. Elsewhere (Spark, in-memory tables) it is ``expr.execute()``.
    """
    import ibis
    import ibis.expr.operations as ops

    if list(expr.op().find(ops.InMemoryTable)):  # in-memory tables are registered by execute()
        return expr.execute()
    backend = expr._find_backend()
    if getattr(backend, "name", "") == "duckdb":
        rows = backend.con.execute(ibis.to_sql(expr, dialect="duckdb")).fetchall()
        return rows[0][0] if rows else None
    return expr.execute()
