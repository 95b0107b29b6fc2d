"""An import is all or nothing: under an injected failure and under a real kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import Workspace, open_workspace


def big_facts_csv(path: Path, n: int, *, tax: float) -> Path:
    codes = [make_credit_code("510104", i) for i in range(n)]
    pd.DataFrame({"credit_code": codes, "year": 2024, "tax": tax, "land_mu": 10.0}).to_csv(path, index=False)
    return path


def seed(ws: Workspace, n: int) -> None:
    ws.write("enterprise", pd.DataFrame({
        "credit_code": [make_credit_code("510104", i) for i in range(n)],
        "name": [f"企业{i}" for i in range(n)], "region_code": "510104", "industry_code": "3971",
    }), source="seed")


def state(ws: Workspace) -> tuple[str | None, int, float]:
    snap = ws.current("enterprise_year")
    df = ws.to_pandas("enterprise_year")
    return (snap.id if snap else None, len(df), float(df["tax"].sum()) if len(df) else 0.0)


def test_injected_failure_before_commit(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(ws, 100)
    ws.import_file("enterprise_year", big_facts_csv(tmp_path / "a.csv", 100, tax=1.0))
    before = state(ws)
    monkeypatch.setenv("XINZHI_FAULT", "before_commit:raise")
    with pytest.raises(RuntimeError, match="injected fault"):
        ws.import_file("enterprise_year", big_facts_csv(tmp_path / "b.csv", 100, tax=2.0))
    monkeypatch.delenv("XINZHI_FAULT")
    assert state(ws) == before
    assert len(ws.history("enterprise_year")) == 1
    # the same import then succeeds
    ws.import_file("enterprise_year", tmp_path / "b.csv")
    assert state(ws)[2] == pytest.approx(200.0)


def test_failure_inside_catalog_transaction(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xinzhi.workspace import workspace as wsmod

    seed(ws, 10)
    ws.import_file("enterprise_year", big_facts_csv(tmp_path / "a.csv", 10, tax=1.0))
    before = state(ws)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full while updating the current pointer")

    monkeypatch.setattr(wsmod, "_set_current", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        ws.import_file("enterprise_year", big_facts_csv(tmp_path / "b.csv", 10, tax=5.0))
    monkeypatch.undo()
    assert state(ws) == before
    assert len(ws.snapshots("enterprise_year")) == 1  # the snapshot row was rolled back too


def test_real_kill_mid_import_leaves_workspace_unchanged(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws"
    ws = open_workspace(ws_path)
    n = 20_000
    seed(ws, n)
    ws.import_file("enterprise_year", big_facts_csv(tmp_path / "a.csv", n, tax=1.0))
    before = state(ws)
    files_before = sorted(p.name for p in (ws_path / "tables" / "enterprise_year").iterdir())
    ws.close()

    env = {**os.environ, "XINZHI_FAULT": "before_commit:pause=60"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "xinzhi.cli.main", "--workspace", str(ws_path), "import",
         "enterprise_year", str(big_facts_csv(tmp_path / "b.csv", n, tax=3.0))],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    assert proc.stderr is not None
    deadline = time.time() + 120
    line = ""
    while time.time() < deadline:
        line = proc.stderr.readline()
        if "fault point before_commit reached" in line or not line:
            break
    assert "fault point before_commit reached" in line, "the import never reached the commit point"
    # The new Parquet file is fully written at this point; kill the process for real.
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    ws2 = open_workspace(ws_path, create=False)
    assert state(ws2) == before
    assert len(ws2.history("enterprise_year")) == 1
    files_after = sorted(p.name for p in (ws_path / "tables" / "enterprise_year").iterdir())
    assert not any(f.startswith(".tmp-") for f in files_after)
    # an orphan snapshot file may remain on disk, but it is not current and not in the catalog
    assert set(files_before) <= set(files_after)
    ws2.import_file("enterprise_year", tmp_path / "b.csv")
    assert state(ws2)[2] == pytest.approx(3.0 * n)


def test_file_size_limit_gives_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    """An import under ``ulimit -f`` (as on a full disk): one clear error line, no traceback,
    the workspace as it was."""
    import secrets

    ws_path = tmp_path / "ws"
    ws = open_workspace(ws_path)
    seed(ws, 10)
    before = (ws.current("enterprise"), len(ws.history()))
    ws.close()
    n = 20_000  # random names do not compress: the snapshot is well over the limit
    big = tmp_path / "big.csv"
    pd.DataFrame({"credit_code": [make_credit_code("510105", i) for i in range(n)],
                  "name": [secrets.token_hex(32) for _ in range(n)], "region_code": "510105",
                  "industry_code": "3971"}).to_csv(big, index=False)
    # the limit is set by the shell, not by a preexec_fn: after other tests started threads
    # (live servers, the browser driver) a forked child running Python code can crash (SIGSEGV)
    proc = subprocess.run(
        ["bash", "-c", 'ulimit -f 400 && exec "$@"', "bash",  # 400 blocks of 1,024 bytes
         sys.executable, "-m", "xinzhi.cli.main", "--workspace", str(ws_path), "import", "enterprise", str(big)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    err = " ".join(proc.stderr.split())
    assert "Error: import enterprise from big.csv: cannot write enterprise/" in err
    assert "over the file size limit" in err and "nothing was written" in err
    ws = open_workspace(ws_path, create=False)
    assert (ws.current("enterprise"), len(ws.history())) == before
    assert not list((ws_path / "tables" / "enterprise").glob(".tmp-*"))
    ws.close()
