"""Parquet storage of snapshots: typed Arrow schemas from table specs, atomic writes."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from xinzhi.errors import WorkspaceError
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


def write_parquet_atomic(table: pa.Table, final: Path, *, what: str = "write") -> None:
    """Write to a temporary file in the same folder, fsync, then rename into place.

    A crash leaves at most a ``.tmp-*`` file that nothing references; it is removed when the
    workspace is next opened. A full disk, a quota or a file size limit (``ulimit -f``) raises
    :class:`~xinzhi.errors.WorkspaceError` naming the cause, after removing the partial file.
    """
    _write_atomic(final, lambda fh: pq.write_table(table, fh, compression="zstd"), what=what)


def write_bytes_atomic(data: bytes, final: Path, *, what: str = "write") -> None:
    """:func:`write_parquet_atomic` for a file of bytes (e.g. uploaded boundaries)."""
    _write_atomic(final, lambda fh: fh.write(data), what=what)


def _write_atomic(final: Path, write: Callable[[BinaryIO], object], *, what: str) -> None:
    tmp = final.parent / f".tmp-{final.name}-{secrets.token_hex(4)}"
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WorkspaceError(
            f"{what}: cannot write {final.parent.name}/{final.name}: {_reason(exc)}; nothing was "
            "written, the workspace is as it was") from exc


def _reason(exc: OSError) -> str:
    """An OS error in words, with the likely cause for the space errors."""
    text = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return f"{text} (the disk is full)"
    if exc.errno == errno.EDQUOT:
        return f"{text} (the disk quota is exhausted)"
    if exc.errno == errno.EFBIG:
        return f"{text} (over the file size limit, see `ulimit -f`)"
    return text


def frame_to_arrow(frame: pd.DataFrame, spec: TableSpec | None) -> pa.Table:
    if spec is None:
        return pa.Table.from_pandas(frame, preserve_index=False)
    return pa.Table.from_pandas(frame[spec.column_names], schema=arrow_schema(spec), preserve_index=False)
