"""The web cache is bounded by memory: many small entries cannot evict a large one that still
fits, an entry larger than the budget is not kept, and a failed build leaves nothing behind.
Each server thread reads through its own DuckDB connection."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from xinzhi.web.cache import SnapshotCache, size_of


def test_size_of_counts_frame_buffers_and_text() -> None:
    frame = pd.DataFrame({"x": np.zeros(100_000), "name": ["企业名称" * 4] * 100_000})
    assert 100_000 * 8 < size_of(frame) < 100_000 * 8 + 100_000 * 200
    assert size_of({"a": frame}) >= size_of(frame)


def test_small_entries_do_not_evict_a_large_one() -> None:
    cache = SnapshotCache(max_bytes=8 * 2**20)
    big = cache.get("big", lambda: np.zeros(2**19))  # 4 MiB
    for i in range(300):  # 300 distinct searches of a few hundred bytes each
        cache.get(("search", i), lambda i=i: f"result {i}")
    assert "big" in cache and cache.get("big", lambda: np.ones(1)) is big
    assert cache.bytes <= cache.max_bytes


def test_least_recently_used_goes_first_when_the_budget_is_full() -> None:
    cache = SnapshotCache(max_bytes=3 * 2**20)
    cache.get("a", lambda: np.zeros(2**17))  # 1 MiB each
    cache.get("b", lambda: np.zeros(2**17))
    cache.get("a", lambda: np.ones(1))  # a is now the most recent
    cache.get("c", lambda: np.zeros(2**17))
    cache.get("d", lambda: np.zeros(2**17))
    assert "b" not in cache and all(k in cache for k in ("a", "c", "d"))


def test_an_entry_larger_than_the_budget_is_returned_but_not_kept() -> None:
    cache = SnapshotCache(max_bytes=2**20)
    value = cache.get("huge", lambda: np.zeros(2**18))  # 2 MiB
    assert len(value) == 2**18 and "huge" not in cache and cache.bytes == 0


def test_a_failed_build_is_not_cached_and_one_build_per_key() -> None:
    cache = SnapshotCache()
    with pytest.raises(ValueError):
        cache.get("k", lambda: (_ for _ in ()).throw(ValueError("no")))
    calls = []

    def build() -> int:
        calls.append(1)
        return 7

    threads = [threading.Thread(target=cache.get, args=("k", build)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("k", build) == 7 and len(calls) == 1


def test_each_thread_reads_through_its_own_connection(tmp_path: Path) -> None:
    from xinzhi.web.service import WebData
    from xinzhi.workspace import open_workspace

    ws = open_workspace(tmp_path / "ws")
    data = WebData(ws)
    seen: dict[str, object] = {}

    def read(name: str) -> None:
        view = data.ws
        assert view is data.ws  # the same view for the whole thread
        seen[name] = view
        view.ibis.raw_sql("SELECT 1")

    threads = [threading.Thread(target=read, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a, b = seen["a"], seen["b"]
    assert a is not b and a.ibis is not b.ibis  # type: ignore[attr-defined]
    assert a.engine is ws.engine and a.lock is ws.lock and a.path == ws.path  # type: ignore[attr-defined]
    ws.close()


def test_dropping_a_large_entry_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    """A large frame dropped to make room is rebuilt (seconds) at its next use: the operator is
    told, with the setting to raise; small entries are dropped silently."""
    cache = SnapshotCache(max_bytes=40 * 2**20)
    with caplog.at_level("WARNING", logger="xinzhi.web.cache"):
        cache.get(("small", 1), lambda: np.zeros(2**17))  # 1 MiB
        cache.get(("support-firm-panel", 7), lambda: np.zeros(20 * 2**17))  # 20 MiB
        cache.get(("other", 1), lambda: np.zeros(30 * 2**17))  # 30 MiB: both older entries go
    assert ("support-firm-panel", 7) not in cache and ("small", 1) not in cache
    text = [r.getMessage() for r in caplog.records]
    assert len(text) == 1 and "support-firm-panel (20 MiB)" in text[0] and "XINZHI_WEB_CACHE_MB" in text[0]
