"""One writer at a time per workspace, across threads, processes and servers.

Every write to a workspace (import, write, restore, saved analysis result, boundary upload)
runs inside :func:`write_lock`, which holds two locks for the whole read-merge-write-commit
sequence:

* an OS file lock (``flock``) on ``.write.lock`` in the workspace folder, which serialises the
  processes and threads of one machine (each acquisition opens the file anew, so two threads of
  one process exclude each other too);
* with a PostgreSQL catalog, also a session-level advisory lock in the catalog database, which
  serialises servers on different machines that share the catalog (and the folder, over a
  network file system whose file locks may not reach every client).

A writer that cannot get the lock within ``timeout`` seconds (default 600, or
``$XINZHI_LOCK_TIMEOUT``) gives up with a :class:`~xinzhi.errors.WorkspaceError` naming the
writer that holds it; nothing is written. The holder writes who it is (process, host, what,
since when) into the lock file for that message. The lock is released when the writer finishes
or its process dies (the kernel drops ``flock`` locks and PostgreSQL drops the advisory lock
with the connection).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from xinzhi.errors import WorkspaceError

logger = logging.getLogger(__name__)

LOCK_FILE = ".write.lock"
#: the advisory lock key (a signed 64-bit number) taken in a PostgreSQL catalog: one catalog
#: database belongs to one workspace, so one key per database suffices
ADVISORY_KEY = int.from_bytes(b"xinzhi-w", "big", signed=True)
ENV_TIMEOUT = "XINZHI_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 600.0

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class WriteLock:
    """The write lock of one workspace folder and catalog, re-entrant within a thread."""

    def __init__(self, folder: Path, engine: sa.Engine):
        self.folder = folder
        self.engine = engine
        self._local = threading.local()

    def default_timeout(self) -> float:
        try:
            return float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
        except ValueError:
            raise WorkspaceError(f"${ENV_TIMEOUT} must be a number of seconds") from None

    @contextlib.contextmanager
    def hold(self, what: str, *, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock for ``what`` (e.g. ``import enterprise``); waits up to ``timeout``."""
        depth = getattr(self._local, "depth", 0)
        if depth:  # this thread already holds it (a write inside a write)
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        wait = self.default_timeout() if timeout is None else timeout
        deadline = time.monotonic() + wait
        with self._file_lock(what, deadline, wait), self._catalog_lock(what, deadline, wait):
            self._local.depth = 1
            try:
                yield
            finally:
                self._local.depth = 0

    @contextlib.contextmanager
    def try_hold(self) -> Iterator[bool]:
        """Hold the lock only if it is free right now; yields whether it is held."""
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(self.hold("maintenance", timeout=0))
            except WorkspaceError:  # busy, or a folder this process may not write
                yield False
                return
            yield True

    # ------------------------------------------------------------------ the file lock
    @contextlib.contextmanager
    def _file_lock(self, what: str, deadline: float, wait: float) -> Iterator[None]:
        path = self.folder / LOCK_FILE
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WorkspaceError(f"{what}: cannot lock the workspace for writing ({exc.strerror}: {path}); "
                                 "nothing was written") from exc
        try:
            delay = 0.02
            while not _try_flock(fd):
                if time.monotonic() >= deadline:
                    raise WorkspaceBusy(_busy_message(what, wait, _holder(path)))
                if delay == 0.02:
                    logger.warning("%s: waiting up to %g s for %s to finish", what, wait, _holder(path))
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
            with contextlib.suppress(OSError):  # who holds it, for the message of waiters
                os.ftruncate(fd, 0)
                os.pwrite(fd, json.dumps(_me(what)).encode(), 0)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    # ------------------------------------------------------------------ the catalog lock
    @contextlib.contextmanager
    def _catalog_lock(self, what: str, deadline: float, wait: float) -> Iterator[None]:
        if self.engine.dialect.name != "postgresql":
            yield
            return
        with self.engine.connect() as conn:
            delay = 0.02
            while not conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
                conn.rollback()
                if time.monotonic() >= deadline:
                    raise WorkspaceBusy(_busy_message(what, wait, "a writer on another server sharing the catalog"))
                if delay == 0.02:
                    logger.warning("%s: waiting up to %g s for a writer on another server to finish", what, wait)
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
            conn.commit()
            try:
                yield
            finally:
                with contextlib.suppress(sa.exc.DBAPIError):
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                    conn.commit()


class WorkspaceBusy(WorkspaceError):
    """The workspace is being written by someone else and the wait timed out."""


def _try_flock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: msvcrt locks the first byte
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _me(what: str) -> dict[str, object]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "what": what,
            "since": datetime.now(UTC).isoformat(timespec="seconds")}


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another writer"
    if not info:
        return "another writer"
    return f"{info.get('what', 'a write')} (process {info.get('pid')} on {info.get('host')}, since {info.get('since')})"


def _busy_message(what: str, wait: float, holder: str) -> str:
    return (f"{what}: the workspace is being written by {holder}; waited {wait:g} s, nothing was "
            f"written. Run it again when that write has finished (or set ${ENV_TIMEOUT} to wait longer).")
