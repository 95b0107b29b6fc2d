"""The workspace: a folder with a catalog and Parquet snapshots of every table.

Layout::

    xinzhi-workspace/
      catalog.sqlite          SQLAlchemy catalog (unless a PostgreSQL URL is given)
      tables/<table>/<snapshot>.parquet
      results/<result table>/<run>.parquet

Every write of a table creates a new immutable snapshot: the Parquet file is written under a
temporary name and renamed, then one catalog transaction records the snapshot, the import
history row and the new current pointer. Until that transaction commits, readers keep seeing
the previous snapshot, so a failed or killed import leaves the workspace as it was.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from xinzhi.errors import InputError, NotFoundError, ValidationError, WorkspaceError
from xinzhi.schema import TABLES, get_spec
from xinzhi.schema.base import TableSpec
from xinzhi.units import Conversion
from xinzhi.workspace import catalog as cat
from xinzhi.workspace.locking import WriteLock
from xinzhi.workspace.readers import RawFile, file_hash, read_file
from xinzhi.workspace.storage import (
    _SQL,
    empty_select_sql,
    frame_to_arrow,
    new_id,
    write_parquet_atomic,
)
from xinzhi.workspace.validate import KnownCodes, validate_frame

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import polars as pl

Mode = Literal["upsert", "append", "replace"]
_DONE = {"upsert": "upserted", "append": "appended", "replace": "written (replacing the table)"}


@dataclass
class ImportResult:
    """What an import or write did."""

    table: str
    snapshot_id: str | None
    rows_in: int
    rows_total: int
    changed: bool
    conversions: list[Conversion] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    message: str = ""
    #: things stored as asked but worth a look (e.g. figures of firms not in ``enterprise``)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Snapshot:
    id: str
    table: str
    path: Path
    rows: int


class Workspace:
    """An open workspace. Use :func:`open_workspace` to get one."""

    def __init__(self, path: Path, engine: sa.Engine):
        self.path = path
        self.engine = engine
        #: held by every write (import, write, restore, save_result): see :mod:`.locking`
        self.lock = WriteLock(path, engine)
        self._ibis: Any = None
        self._views: dict[str, str] = {}

    # ------------------------------------------------------------------ reading
    @property
    def ibis(self) -> Any:
        """The Ibis DuckDB backend holding one view per table (created lazily)."""
        if self._ibis is None:
            import ibis

            self._ibis = ibis.duckdb.connect()
            self._ibis.raw_sql("SET enable_progress_bar = false")
        return self._ibis

    def current(self, table: str) -> Snapshot | None:
        """The current snapshot of ``table``, or ``None`` if nothing was ever written."""
        q = (
            sa.select(cat.snapshot)
            .join(cat.current_snapshot, cat.current_snapshot.c.snapshot_id == cat.snapshot.c.id)
            .where(cat.current_snapshot.c.table_name == table)
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        if row is None:
            return None
        return Snapshot(row["id"], table, self.path / row["path"], int(row["rows"]))

    def select_sql(self, table: str) -> str:
        """DuckDB SQL selecting the current rows of ``table`` with exactly the spec's columns."""
        spec = get_spec(table)
        snap = self.current(table)
        if snap is None:
            return empty_select_sql(spec)
        return _snapshot_select(spec, snap.path)

    def table(self, name: str) -> ir.Table:
        """The current rows of table ``name`` as an Ibis table (DuckDB)."""
        spec = get_spec(name)
        snap = self.current(name)
        key = snap.id if snap else "empty"
        if self._views.get(name) != key:
            sql = empty_select_sql(spec) if snap is None else _snapshot_select(spec, snap.path)
            self.ibis.raw_sql(f'CREATE OR REPLACE VIEW "{name}" AS {sql}')
            self._views[name] = key
        return self.ibis.table(name)

    def to_pandas(self, name: str) -> pd.DataFrame:
        """The current rows of ``name`` as a pandas frame."""
        with duckdb.connect() as con:
            return con.execute(self.select_sql(name)).df()

    def to_polars(self, name: str) -> pl.DataFrame:
        """The current rows of ``name`` as a polars frame."""
        with duckdb.connect() as con:
            return con.sql(self.select_sql(name)).pl()

    def snapshot_path(self, name: str) -> Path | None:
        """Path of the current Parquet snapshot of ``name`` (for engines such as Spark)."""
        snap = self.current(name)
        return snap.path if snap else None

    def has_data(self, name: str) -> bool:
        snap = self.current(name)
        return bool(snap and snap.rows)

    # ------------------------------------------------------------------ writing
    def import_file(
        self,
        table: str,
        file: str | Path,
        *,
        mode: Mode = "upsert",
        units: Mapping[str, str] | None = None,
        sheet: str | None = None,
        user: str | None = None,
    ) -> ImportResult:
        """Validate ``file`` and make its rows part of a new snapshot of ``table``.

        ``mode``: ``upsert`` (default) replaces rows with the same key and keeps the others;
        ``append`` rejects keys that already exist; ``replace`` makes the file the whole table.
        ``units`` overrides the unit of columns whose header gives none, e.g. ``{"tax": "元"}``.
        """
        path = Path(file)
        raw = read_file(path, sheet=sheet, display_name=path.name)
        return self._write_raw(table, raw, mode=mode, units=units, user=user, action="import")

    def write(
        self,
        table: str,
        frame: pd.DataFrame,
        *,
        source: str,
        mode: Mode = "upsert",
        units: Mapping[str, str] | None = None,
        user: str | None = None,
    ) -> ImportResult:
        """Validate a frame built in code and write it like an import (``source`` names it)."""
        digest = file_hash(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
                           + ",".join(map(str, frame.columns)).encode())
        raw = RawFile(source, frame, digest, None, 2)
        return self._write_raw(table, raw, mode=mode, units=units, user=user, action="write")

    def _known_codes(self, spec: TableSpec, frame: pd.DataFrame) -> KnownCodes:
        needs = {chk for c in spec.columns for chk in c.checks}
        regions: set[str] = set()
        industries: set[str] = set()
        with duckdb.connect() as con:
            if "region" in needs:
                regions = {r[0] for r in con.execute(f"SELECT code FROM ({self.select_sql('region')})").fetchall()}
            if "industry" in needs:
                industries = {r[0] for r in con.execute(f"SELECT code FROM ({self.select_sql('industry')})").fetchall()}
        return KnownCodes(regions=regions, industries=industries)

    def _write_raw(
        self,
        table: str,
        raw: RawFile,
        *,
        mode: Mode,
        units: Mapping[str, str] | None,
        user: str | None,
        action: str,
    ) -> ImportResult:
        if mode not in ("upsert", "append", "replace"):
            raise InputError(f"mode must be upsert, append or replace, got {mode!r}")
        spec = get_spec(table)
        with self.lock.hold(f"{action} {table} from {raw.name}"):
            return self._write_locked(spec, raw, mode=mode, units=units, user=user, action=action)

    def _write_locked(
        self,
        spec: TableSpec,
        raw: RawFile,
        *,
        mode: Mode,
        units: Mapping[str, str] | None,
        user: str | None,
        action: str,
    ) -> ImportResult:
        """The body of a write, run while holding the workspace's write lock: everything from
        reading the current snapshot to committing the new one happens under it, so no
        concurrent write can slip in between and be lost."""
        table = spec.name
        known = self._known_codes(spec, raw.frame)
        validated, problems = validate_frame(
            spec, raw.frame, file=raw.name, first_row=raw.first_row, known=known, units=dict(units or {})
        )
        if validated is None:
            raise ValidationError(problems)
        new = frame_to_arrow(validated.frame, spec)
        current = self.current(table)
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            con.register("new_rows", new)
            old_sql = _snapshot_select(spec, current.path) if current else empty_select_sql(spec)
            con.execute(f"CREATE TEMP VIEW old_rows AS {old_sql}")
            problems = _parent_problems(spec, con, raw.name, raw.first_row)
            if mode == "append":
                problems += _append_clashes(con, spec, raw.name)
            if problems:
                raise ValidationError(problems)
            warnings = self._orphan_warnings(spec, con, raw.name)
            unchanged = _unchanged(con, mode, current is not None)
            if unchanged:
                rows_total = current.rows if current else 0
                return ImportResult(
                    table, current.id if current else None, len(new), rows_total, False,
                    validated.conversions, validated.ignored_columns,
                    "no change: every row is already stored exactly so", warnings,
                )
            merged = _merge(con, spec, mode, raw.name, raw.first_row)
        merged = merged.cast(frame_to_arrow(validated.frame.head(0), spec).schema)
        snapshot_id = new_id()
        rel = Path("tables") / table / f"{snapshot_id}.parquet"
        write_parquet_atomic(merged, self.path / rel, what=f"{action} {table} from {raw.name}")
        details: dict[str, Any] = {
            "conversions": [c.__dict__ for c in validated.conversions],
            "ignored_columns": validated.ignored_columns,
            "encoding": raw.encoding,
            "warnings": warnings,
        }
        _fault_point("before_commit")
        when = cat.now()
        with _catalog_write(f"{action} {table} from {raw.name}"), self.engine.begin() as conn:
            _check_current(conn, table, current.id if current else None)
            conn.execute(
                cat.snapshot.insert().values(
                    id=snapshot_id, table_name=table, path=str(rel), rows=merged.num_rows,
                    created_at=when, parent_id=current.id if current else None,
                )
            )
            conn.execute(
                cat.import_log.insert().values(
                    at=when, user=user or _user(), action=action, table_name=table, mode=mode,
                    file_name=raw.name, file_hash=raw.sha256, rows_in=len(new),
                    rows_total=merged.num_rows, snapshot_id=snapshot_id, details=details,
                )
            )
            _set_current(conn, table, snapshot_id, when)
        return ImportResult(
            table, snapshot_id, len(new), merged.num_rows, True,
            validated.conversions, validated.ignored_columns,
            f"{len(new):,} rows {_DONE[mode]}; {table} now has {merged.num_rows:,} rows", warnings,
        )

    def _orphan_warnings(self, spec: TableSpec, con: duckdb.DuckDBPyConnection, file: str) -> list[str]:
        """Rows keyed by a credit code that no row of ``enterprise`` has: stored (figures may
        arrive before the register), but said, with the count and the first codes."""
        if spec.name == "enterprise" or "credit_code" not in spec.column_names:
            return []
        known = self.select_sql("enterprise")
        con.execute(
            "CREATE OR REPLACE TEMP VIEW orphan_rows AS SELECT credit_code, rn FROM "
            "(SELECT credit_code, row_number() OVER () AS rn FROM new_rows) n WHERE credit_code IS NOT NULL "
            f"AND credit_code NOT IN (SELECT credit_code FROM ({known}) WHERE credit_code IS NOT NULL)"
        )
        n_rows, n_codes = con.execute("SELECT count(*), count(DISTINCT credit_code) FROM orphan_rows").fetchall()[0]
        if not n_rows:
            return []
        first = [r[0] for r in con.execute(
            "SELECT credit_code FROM orphan_rows GROUP BY credit_code ORDER BY min(rn) LIMIT 5").fetchall()]
        more = ", ..." if n_codes > len(first) else ""
        return [f"{file}: {n_rows:,} row{'s' if n_rows != 1 else ''} of {spec.name} ({n_codes:,} credit "
                f"code{'s' if n_codes != 1 else ''}) name enterprises that are not in the enterprise table "
                f"(first: {', '.join(first)}{more}); they are stored, but belong to no region, park or "
                "industry until those enterprises are imported"]

    # ------------------------------------------------------------------ history
    def history(self, table: str | None = None) -> pd.DataFrame:
        """Imports, writes and restores, newest first."""
        q = sa.select(cat.import_log).order_by(cat.import_log.c.id.desc())
        if table:
            q = q.where(cat.import_log.c.table_name == table)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        cols = ["id", "at", "user", "action", "table_name", "mode", "file_name", "file_hash",
                "rows_in", "rows_total", "snapshot_id"]
        return pd.DataFrame(rows, columns=[*cols, "details"])[cols]

    def snapshots(self, table: str) -> pd.DataFrame:
        q = (sa.select(cat.snapshot).where(cat.snapshot.c.table_name == table)
             .order_by(cat.snapshot.c.created_at.desc()))
        with self.engine.connect() as conn:
            return pd.DataFrame([dict(r) for r in conn.execute(q).mappings()],
                                columns=["id", "table_name", "path", "rows", "created_at", "parent_id"])

    def restore(self, table: str, snapshot_id: str, *, user: str | None = None) -> Snapshot:
        """Make an earlier snapshot of ``table`` current again (nothing is deleted)."""
        get_spec(table)
        with (self.lock.hold(f"restore {table}"), _catalog_write(f"restore {table}"),
              self.engine.begin() as conn):
            row = conn.execute(
                sa.select(cat.snapshot).where(cat.snapshot.c.id == snapshot_id)
            ).mappings().first()
            if row is None or row["table_name"] != table:
                raise NotFoundError(f"no snapshot {snapshot_id!r} of table {table!r} (see `xinzhi history`)")
            if not (self.path / row["path"]).exists():
                raise WorkspaceError(f"snapshot file {row['path']} is missing from the workspace folder")
            when = cat.now()
            conn.execute(
                cat.import_log.insert().values(
                    at=when, user=user or _user(), action="restore", table_name=table, mode="restore",
                    file_name="", file_hash="", rows_in=0, rows_total=row["rows"],
                    snapshot_id=snapshot_id, details=None,
                )
            )
            _set_current(conn, table, snapshot_id, when)
        return Snapshot(snapshot_id, table, self.path / row["path"], int(row["rows"]))

    def export(self, table: str, out: str | Path, *, fmt: str | None = None, headers: str = "en") -> int:
        """Write the current rows of ``table`` to CSV, XLSX or Parquet; returns the row count.

        ``headers="zh"`` writes Chinese labels with units (``用地面积（亩）``); both header
        styles import back unchanged.
        """
        from xinzhi.workspace.exports import export_frame

        frame = self.to_pandas(table)
        export_frame(get_spec(table), frame, Path(out), fmt=fmt, headers=headers)
        return len(frame)

    # ------------------------------------------------------------------ results of analyses
    def save_result(
        self,
        result_table: str,
        frame: pd.DataFrame | pa.Table,
        *,
        kind: str,
        name: str,
        version: str | None = None,
        params: Mapping[str, Any] | None = None,
        inputs: Mapping[str, str] | None = None,
        user: str | None = None,
    ) -> str:
        """Store the output of an analysis run (e.g. an evaluation) and return its run id.

        ``inputs`` defaults to the current snapshot ids of every table, so a run records
        exactly which data it saw.
        """
        arrow = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)
        what = f"save {kind} result {name}"
        with self.lock.hold(what):
            return self._save_result_locked(result_table, arrow, what=what, kind=kind, name=name,
                                            version=version, params=params, inputs=inputs, user=user)

    def _save_result_locked(self, result_table: str, arrow: pa.Table, *, what: str, kind: str, name: str,
                            version: str | None, params: Mapping[str, Any] | None,
                            inputs: Mapping[str, str] | None, user: str | None) -> str:
        run_id = new_id("run-")
        rel = Path("results") / result_table / f"{run_id}.parquet"
        write_parquet_atomic(arrow, self.path / rel, what=what)
        if inputs is None:
            inputs = {t: s.id for t in TABLES if (s := self.current(t)) is not None}
        with _catalog_write(what), self.engine.begin() as conn:
            conn.execute(
                cat.run.insert().values(
                    id=run_id, at=cat.now(), user=user or _user(), kind=kind, name=name, version=version,
                    result_table=result_table, path=str(rel), rows=arrow.num_rows,
                    params=json.loads(json.dumps(dict(params or {}), default=str)), inputs=dict(inputs),
                )
            )
        return run_id

    def runs(self, *, kind: str | None = None, result_table: str | None = None) -> pd.DataFrame:
        q = sa.select(cat.run).order_by(cat.run.c.at.desc(), cat.run.c.id.desc())
        if kind:
            q = q.where(cat.run.c.kind == kind)
        if result_table:
            q = q.where(cat.run.c.result_table == result_table)
        with self.engine.connect() as conn:
            return pd.DataFrame([dict(r) for r in conn.execute(q).mappings()],
                                columns=[c.name for c in cat.run.columns])

    def result_path(self, result_table: str, run_id: str | None = None, *, name: str | None = None) -> Path:
        q = sa.select(cat.run).where(cat.run.c.result_table == result_table)
        if run_id:
            q = q.where(cat.run.c.id == run_id)
        if name:
            q = q.where(cat.run.c.name == name)
        q = q.order_by(cat.run.c.at.desc(), cat.run.c.id.desc())
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        if row is None:
            raise NotFoundError(f"no saved result {result_table!r}" + (f" for run {run_id}" if run_id else ""))
        return self.path / row["path"]

    def result(self, result_table: str, run_id: str | None = None, *, name: str | None = None) -> ir.Table:
        """A saved result as an Ibis table: the latest run unless ``run_id`` or ``name`` is given."""
        path = self.result_path(result_table, run_id, name=name)
        view = f"result_{result_table}"
        self.ibis.raw_sql(f"CREATE OR REPLACE VIEW \"{view}\" AS SELECT * FROM read_parquet('{_q(path)}')")
        self._views.pop(view, None)
        return self.ibis.table(view)

    # ------------------------------------------------------------------ metadata
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            v = conn.execute(sa.select(cat.meta.c.value).where(cat.meta.c.key == key)).scalar()
        return default if v is None else str(v)

    def set_meta(self, key: str, value: str) -> None:
        """Set a metadata value (one atomic upsert, safe when several processes set it)."""
        with self.engine.begin() as conn:
            conn.execute(cat.upsert(conn, cat.meta, {"key": key, "value": value}, ["key"], update=True))

    def setdefault_meta(self, key: str, value: str) -> str:
        """The value of ``key``, storing ``value`` first if there is none. Atomic: processes
        racing to set it all get the value of the first one."""
        with self.engine.begin() as conn:
            conn.execute(cat.upsert(conn, cat.meta, {"key": key, "value": value}, ["key"], update=False))
        stored = self.get_meta(key)
        assert stored is not None
        return stored

    @property
    def is_demo(self) -> bool:
        """True for the synthetic demo workspace (everything shown from it says so)."""
        return self.get_meta("demo") == "true"

    def close(self) -> None:
        if self._ibis is not None:
            self._ibis.disconnect()
            self._ibis = None
        self._views.clear()
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"


# ---------------------------------------------------------------------- helpers
def _fault_point(name: str) -> None:
    """Fault injection for the atomicity and concurrency tests: ``XINZHI_FAULT=before_commit:pause=5``
    sleeps here (so a test can kill the process), ``before_commit:wait=PATH`` waits until the
    file PATH exists (at most a minute), ``before_commit:raise`` fails here."""
    spec = os.environ.get("XINZHI_FAULT", "")
    if not spec.startswith(name + ":"):
        return
    action = spec.split(":", 1)[1]
    if action == "raise":
        raise RuntimeError(f"injected fault at {name}")
    import sys
    import time

    if action.startswith("pause="):
        print(f"fault point {name} reached", file=sys.stderr, flush=True)
        time.sleep(float(action.split("=", 1)[1]))
    elif action.startswith("wait="):
        print(f"fault point {name} reached", file=sys.stderr, flush=True)
        go = Path(action.split("=", 1)[1])
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.05)


@contextlib.contextmanager
def _catalog_write(what: str) -> Iterator[None]:
    """A catalog transaction that fails for lack of space (or any database error) is rolled
    back by SQLAlchemy; say so in one sentence instead of a driver traceback."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise WorkspaceError(f"{what}: the catalog could not record it ({reason}); nothing was written, "
                             "the workspace is as it was") from exc


def _check_current(conn: sa.Connection, table: str, expected: str | None) -> None:
    """Refuse to commit when the current snapshot of ``table`` is no longer the one the write
    started from (a second line of defence behind the write lock; with PostgreSQL the row is
    locked until the commit)."""
    found = conn.execute(
        sa.select(cat.current_snapshot.c.snapshot_id)
        .where(cat.current_snapshot.c.table_name == table).with_for_update()
    ).scalar()
    if found != expected:
        raise WorkspaceError(
            f"{table} was changed by another write while this one ran (snapshot {found}, expected "
            f"{expected}); nothing was written. Run it again.")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def _q(path: Path) -> str:
    return str(path).replace("'", "''")


def _snapshot_select(spec: TableSpec, path: Path) -> str:
    """Select the spec's columns from a snapshot, adding NULLs for columns added since."""
    have = set(pq.read_schema(path).names)
    parts = [
        f'"{c.name}"' if c.name in have else f'CAST(NULL AS {_SQL[c.dtype]}) AS "{c.name}"'
        for c in spec.columns
    ]
    return f"SELECT {', '.join(parts)} FROM read_parquet('{_q(path)}')"


def _set_current(conn: sa.Connection, table: str, snapshot_id: str, when: Any) -> None:
    updated = conn.execute(
        cat.current_snapshot.update()
        .where(cat.current_snapshot.c.table_name == table)
        .values(snapshot_id=snapshot_id, updated_at=when)
    )
    if updated.rowcount == 0:
        conn.execute(cat.current_snapshot.insert().values(table_name=table, snapshot_id=snapshot_id, updated_at=when))


def _unchanged(con: duckdb.DuckDBPyConnection, mode: str, has_old: bool) -> bool:
    if not has_old:
        return False
    (added,) = con.execute("SELECT count(*) FROM (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)").fetchall()[0]
    if added:
        return False
    if mode != "replace":
        return True
    (removed,) = con.execute("SELECT count(*) FROM (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)").fetchall()[0]
    return removed == 0


def _key_match(spec: TableSpec, a: str, b: str) -> str:
    return " AND ".join(f'{a}."{k}" IS NOT DISTINCT FROM {b}."{k}"' for k in spec.key)


def _append_clashes(con: duckdb.DuckDBPyConnection, spec: TableSpec, file: str) -> list[Any]:
    """Append mode: keys of the new rows that are already stored."""
    from xinzhi.errors import Problem

    key_cols = ", ".join(f'n."{k}"' for k in spec.key)
    clash = con.execute(
        f"SELECT {key_cols} FROM new_rows n "
        f"WHERE EXISTS (SELECT 1 FROM old_rows o WHERE {_key_match(spec, 'n', 'o')}) LIMIT 50"
    ).fetchall()
    return [
        Problem(file, None, ",".join(spec.key), "key exists",
                f"key {tuple(r)} is already stored (use mode upsert to replace it)")
        for r in clash
    ]


def _merge(con: duckdb.DuckDBPyConnection, spec: TableSpec, mode: str, file: str, first_row: int) -> pa.Table:
    cols = ", ".join(f'"{c}"' for c in spec.column_names)
    if mode == "replace":
        return con.sql(f"SELECT {cols} FROM new_rows").to_arrow_table()
    keep_old = (
        f"SELECT {cols} FROM old_rows o WHERE NOT EXISTS "
        f"(SELECT 1 FROM new_rows n WHERE {_key_match(spec, 'n', 'o')})"
    )
    return con.sql(f"{keep_old} UNION ALL SELECT {cols} FROM new_rows").to_arrow_table()


def _parent_problems(spec: TableSpec, con: duckdb.DuckDBPyConnection, file: str, first_row: int) -> list[Any]:
    """Regions: each parent code must exist among stored or imported regions."""
    if spec.name != "region":
        return []
    from xinzhi.errors import Problem

    rows = con.execute(
        "SELECT n.rn, n.parent_code FROM (SELECT row_number() OVER () AS rn, * FROM new_rows) n "
        "WHERE coalesce(n.parent_code, '') <> '' AND n.parent_code NOT IN "
        "(SELECT code FROM new_rows UNION SELECT code FROM old_rows) ORDER BY n.rn LIMIT 500"
    ).fetchall()
    return [
        Problem(file, int(rn) - 1 + first_row, "parent_code", "unknown region", f"unknown parent region {p!r}")
        for rn, p in rows
    ]


def open_workspace(
    path: str | Path | None = None,
    *,
    catalog_url: str | None = None,
    create: bool = True,
) -> Workspace:
    """Open the workspace folder at ``path`` (creating it, with reference data, if missing).

    Parameters
    ----------
    path : str or Path, optional
        Workspace folder; default ``$XINZHI_WORKSPACE`` or ``./xinzhi-workspace``.
    catalog_url : str, optional
        SQLAlchemy URL of the catalog, e.g. ``postgresql+psycopg://user@host/db``; default a
        SQLite file ``catalog.sqlite`` inside the folder. Also read from ``$XINZHI_CATALOG_URL``.
    create : bool, default=True
        Create the folder and load the bundled reference data (regions, GB/T 4754) if missing.

    Examples
    --------
    >>> import tempfile
    >>> ws = open_workspace(tempfile.mkdtemp())
    >>> ws.to_pandas("industry").query("code == '3963'").name.item()
    '智能无人飞行器制造'
    """
    folder = Path(path or os.environ.get("XINZHI_WORKSPACE", "xinzhi-workspace"))
    catalog_url = catalog_url or os.environ.get("XINZHI_CATALOG_URL")
    marker = folder / "xinzhi-workspace.json"
    if not marker.exists():
        if not create:
            raise WorkspaceError(f"{folder} is not a Xinzhi workspace (run `xinzhi init` or `xinzhi demo`)")
        if folder.exists() and any(p for p in folder.iterdir() if not p.name.startswith(".")):
            raise WorkspaceError(f"{folder} exists and is not empty; choose another folder for a new workspace")
        folder.mkdir(parents=True, exist_ok=True)
    url = catalog_url or f"sqlite:///{(folder / 'catalog.sqlite').resolve()}"
    engine = cat.make_engine(url)
    try:
        cat.migrate(engine)
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise WorkspaceError(f"cannot open the catalog of {folder} ({reason}); is the disk full, or the "
                             "database unreachable?") from exc
    ws = Workspace(folder, engine)
    with ws.lock.try_hold() as alone:
        if alone:  # temporary files of a running write are not ours to remove
            _clean_temporaries(folder)
    if not marker.exists() or ws.current("region") is None:
        with ws.lock.hold("create the workspace"):
            if ws.current("region") is None:
                _load_reference(ws)
            if not marker.exists():
                marker.write_text(json.dumps({"format": 1, "catalog": "sqlite" if catalog_url is None else "external"}) + "\n")
    return ws


def _clean_temporaries(folder: Path) -> None:
    for tmp in [*folder.glob("*/*/.tmp-*"), *folder.glob("*/.tmp-*")]:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _load_reference(ws: Workspace) -> None:
    from xinzhi.reference import industries, regions

    ws.write("industry", industries(), source="GB/T 4754-2017 (bundled)", mode="replace", user="xinzhi")
    ws.write("region", regions(), source="administrative divisions (bundled)", mode="replace", user="xinzhi")
