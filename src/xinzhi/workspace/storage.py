"""Parquet storage of snapshots: typed Arrow schemas from table specs, atomic writes."""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from xinzhi.schema.base import TableSpec

_ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
_SQL = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE"}


def arrow_schema(spec: TableSpec) -> pa.Schema:
    return pa.schema([pa.field(c.name, _ARROW[c.dtype]) for c in spec.columns])


def empty_select_sql(spec: TableSpec) -> str:
    """SQL for an empty relation with the spec's columns and types."""
    cols = ", ".join(f'CAST(NULL AS {_SQL[c.dtype]}) AS "{c.name}"' for c in spec.columns)
    return f"SELECT {cols} WHERE FALSE"


def new_id(prefix: str = "") -> str:
    """A sortable, unique id: UTC timestamp plus random suffix (``20261129T071530123-3f9a1c``)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")[:-3]
    return f"{prefix}{stamp}-{secrets.token_hex(3)}"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_parquet_atomic(table: pa.Table, final: Path) -> None:
    """Write to a temporary file in the same folder, fsync, then rename into place.

    A crash leaves at most a ``.tmp-*`` file that nothing references; it is removed when the
    workspace is next opened.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".tmp-{final.name}-{secrets.token_hex(4)}"
    with open(tmp, "wb") as fh:
        pq.write_table(table, fh, compression="zstd")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    fsync_dir(final.parent)


def frame_to_arrow(frame: pd.DataFrame, spec: TableSpec | None) -> pa.Table:
    if spec is None:
        return pa.Table.from_pandas(frame, preserve_index=False)
    return pa.Table.from_pandas(frame[spec.column_names], schema=arrow_schema(spec), preserve_index=False)
