"""Writes to one workspace serialise: two real import processes at once both land, on a SQLite
and on a PostgreSQL catalog; a writer that cannot get the lock in time fails clearly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from xinzhi.credit_code import make_credit_code
from xinzhi.errors import WorkspaceError
from xinzhi.workspace import Workspace, open_workspace


def firms_csv(path: Path, start: int, n: int) -> Path:
    pd.DataFrame({
        "credit_code": [make_credit_code("510104", i) for i in range(start, start + n)],
        "name": [f"企业{i}" for i in range(start, start + n)], "region_code": "510104", "industry_code": "3971",
    }).to_csv(path, index=False)
    return path


def fresh_database(postgres_url: str, name: str) -> str:
    eng = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return postgres_url.replace("/xinzhi_test?", f"/{name}?")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def catalog(request: pytest.FixtureRequest) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None
    else:
        yield fresh_database(request.getfixturevalue("postgres_url"), "concurrent_imports")


def cli(ws_path: Path, url: str | None, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "xinzhi.cli.main", "--workspace", str(ws_path)]
    if url:
        cmd += ["--catalog-url", url]
    return subprocess.Popen([*cmd, *args], env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_line(proc: subprocess.Popen[str], text: str, timeout: float = 120) -> str:
    assert proc.stderr is not None
    deadline = time.time() + timeout
    seen = ""
    while time.time() < deadline:
        line = proc.stderr.readline()
        seen += line
        if text in line or not line:
            break
    return seen


def test_two_concurrent_imports_both_land(catalog: str | None, tmp_path: Path) -> None:
    """A (2,000 new firms) is held just before its commit; B (3 firms) starts meanwhile. Before
    the write lock, B committed first and A's commit then dropped B's rows although both
    exited 0 and both were in the history."""
    ws_path = tmp_path / "ws"
    ws = open_workspace(ws_path, catalog_url=catalog)
    ws.import_file("enterprise", firms_csv(tmp_path / "seed.csv", 0, 10))
    ws.close()
    a = firms_csv(tmp_path / "A.csv", 100, 2000)
    b = firms_csv(tmp_path / "B.csv", 5000, 3)
    go = tmp_path / "go"
    proc_a = cli(ws_path, catalog, "import", "enterprise", str(a), env={"XINZHI_FAULT": f"before_commit:wait={go}"})
    assert "fault point before_commit reached" in wait_for_line(proc_a, "fault point before_commit reached")
    proc_b = cli(ws_path, catalog, "import", "enterprise", str(b))
    # B either waits for A's lock (and says so) or, without a lock, runs to its end
    seen_b = wait_for_line(proc_b, "waiting up to")
    go.touch()
    _, err_a = proc_a.communicate(timeout=120)
    _, err_b = proc_b.communicate(timeout=120)
    assert proc_a.returncode == 0, err_a
    assert proc_b.returncode == 0, seen_b + err_b
    assert "waiting up to" in seen_b and "import enterprise from A.csv" in seen_b

    ws = open_workspace(ws_path, catalog_url=catalog, create=False)
    firms = ws.to_pandas("enterprise")
    assert len(firms) == 10 + 2000 + 3
    assert {make_credit_code("510104", i) for i in (100, 2099, 5000, 5002)} <= set(firms["credit_code"])
    hist = ws.history("enterprise")
    assert list(hist["file_name"][:2]) == ["B.csv", "A.csv"]  # B committed after A
    assert hist["rows_total"].iloc[0] == 2013
    ws.close()


def test_a_writer_that_cannot_get_the_lock_fails_clearly(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    before = ws.current("enterprise")
    with ws.lock.hold("import enterprise from big.csv"):
        proc = cli(tmp_path / "ws", None, "import", "enterprise", str(firms_csv(tmp_path / "B.csv", 0, 3)),
                   env={"XINZHI_LOCK_TIMEOUT": "0.5"})
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in err
    assert "being written by import enterprise from big.csv" in err and "nothing was written" in err
    assert ws.current("enterprise") == before
    assert ws.history("enterprise").empty
    ws.close()


def test_every_kind_of_write_takes_the_lock(ws: Workspace, tmp_path: Path) -> None:
    from xinzhi.workspace.locking import WorkspaceBusy

    first = ws.import_file("enterprise", firms_csv(tmp_path / "a.csv", 0, 3))
    frame = pd.read_csv(tmp_path / "a.csv", dtype=str)
    other = open_workspace(ws.path, create=False)  # a second handle, as another thread would hold
    try:
        with ws.lock.hold("a long import"):
            for attempt in (
                lambda: other.import_file("enterprise", firms_csv(tmp_path / "b.csv", 10, 3)),
                lambda: other.write("enterprise", frame.assign(name="x"), source="code"),
                lambda: other.restore("enterprise", first.snapshot_id or ""),
                lambda: other.save_result("r", frame, kind="test", name="t"),
            ):
                with pytest.raises(WorkspaceBusy, match="being written by a long import"):
                    _with_timeout(attempt)
            # the holder itself may write (a write inside a write, e.g. reference data on open)
            ws.write("enterprise", frame.assign(name="y"), source="code")
    finally:
        other.close()
    assert set(ws.to_pandas("enterprise")["name"]) == {"y"}


def _with_timeout(fn: object) -> None:
    os.environ["XINZHI_LOCK_TIMEOUT"] = "0.2"
    try:
        fn()  # type: ignore[operator]
    finally:
        del os.environ["XINZHI_LOCK_TIMEOUT"]


def test_a_commit_refuses_when_the_table_moved_underneath(ws: Workspace, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Behind the lock, the commit checks that the current snapshot is still the one the write
    merged with (so even a lock that failed, e.g. on a network file system, loses nothing)."""
    import contextlib

    from xinzhi.workspace import workspace as wsmod

    ws.import_file("enterprise", firms_csv(tmp_path / "a.csv", 0, 3))
    other = open_workspace(ws.path, create=False)
    monkeypatch.setattr(type(ws.lock), "hold", lambda self, what, timeout=None: contextlib.nullcontext())

    def sneak_in(name: str) -> None:
        monkeypatch.setattr(wsmod, "_fault_point", lambda name: None)
        other.import_file("enterprise", firms_csv(tmp_path / "c.csv", 20, 3))

    monkeypatch.setattr(wsmod, "_fault_point", sneak_in)
    with pytest.raises(WorkspaceError, match="changed by another write"):
        ws.import_file("enterprise", firms_csv(tmp_path / "b.csv", 10, 3))
    monkeypatch.undo()
    assert len(ws.to_pandas("enterprise")) == 6  # a + c; b was refused, nothing lost
    other.close()


@pytest.mark.postgres
def test_postgres_advisory_lock_serialises_servers(postgres_url: str, tmp_path: Path) -> None:
    """Two servers sharing one PostgreSQL catalog do not share file locks (each has its own
    folder here): the advisory lock in the catalog still lets only one write at a time."""
    from xinzhi.workspace.locking import WorkspaceBusy

    url = fresh_database(postgres_url, "advisory_lock")
    one = open_workspace(tmp_path / "one", catalog_url=url)
    two = open_workspace(tmp_path / "two", catalog_url=url)
    try:
        with (one.lock.hold("import on server one"),
              pytest.raises(WorkspaceBusy, match="another server sharing the catalog"),
              two.lock.hold("import on server two", timeout=0.3)):
            pass
        with two.lock.hold("import on server two", timeout=0.3):
            pass  # free again once the first writer is done
    finally:
        one.close()
        two.close()
