"""Fixtures shared by the whole suite: real workspaces in temporary folders and a real
PostgreSQL server started for the session (a throwaway cluster in a temporary folder)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("COLUMNS", "240")  # Rich tables in CLI tests: do not fold long lines

import contextlib

from xinzhi.workspace import Workspace, open_workspace

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace holding only the bundled reference data."""
    w = open_workspace(tmp_path / "ws")
    yield w
    w.close()


@pytest.fixture(scope="session")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The full demo workspace, built once per test session (about 10 seconds)."""
    from xinzhi.demo import build_demo

    w = build_demo(tmp_path_factory.mktemp("demo") / "ws")
    yield w
    w.close()


def _find_pg_bin() -> Path | None:
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / "initdb").exists():
            return base
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster and yield a SQLAlchemy URL to a fresh database.

    The test command installs the server; where it is missing the tests that need it fail
    (on CI) rather than pass silently.
    """
    bin_dir = _find_pg_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries not found; the test command should have installed them")
        pytest.skip("PostgreSQL server not installed (run scripts/test.sh)")
    base = tmp_path_factory.mktemp("pg")
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:  # initdb refuses to run as root: use the postgres system user
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(base, 0o755)
        for parent in base.parents:
            if parent == Path("/"):
                break
            with contextlib.suppress(PermissionError):
                os.chmod(parent, os.stat(parent).st_mode | 0o011)
    port = _free_port()
    subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8"], check=True, capture_output=True)
    subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"),
                    "-o", f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        import psycopg

        for _ in range(50):
            try:
                with psycopg.connect(host=str(sock), port=port, user="postgres", dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute("CREATE DATABASE xinzhi_test")
                break
            except psycopg.OperationalError:
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@/xinzhi_test?host={sock}&port={port}"
    finally:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
