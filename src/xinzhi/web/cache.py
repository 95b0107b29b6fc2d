"""A small thread-safe cache of derived frames, keyed by the snapshots they were built from,
bounded by memory.

The web application serves many requests from the same snapshots; each entry is rebuilt when
a snapshot it depends on changes (an import makes the next request see the new data). Entries
are evicted least recently used first when their estimated size passes the budget, so many
small entries (three hundred distinct searches) cannot push out the few large frames every
page needs; an entry larger than the whole budget is returned but not kept.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

T = TypeVar("T")
logger = logging.getLogger(__name__)

#: default budget of one cache in MiB (``$XINZHI_WEB_CACHE_MB`` overrides it)
DEFAULT_MB = 512
#: an entry this large (bytes) that is dropped to make room is logged: rebuilding it takes seconds
LARGE = 16 * 2**20
#: values of an object column sampled to estimate its size
_SAMPLE = 64


def _object_bytes(values: np.ndarray) -> int:
    """Estimated bytes of an object array: its pointers plus the mean size of sampled values."""
    n = len(values)
    if n == 0:
        return 0
    step = max(1, n // _SAMPLE)
    sample = values[::step][:_SAMPLE]
    mean = sum(sys.getsizeof(v) for v in sample) / len(sample)
    return int(values.nbytes + n * mean)


def size_of(value: Any, depth: int = 0) -> int:
    """Estimated memory of ``value`` in bytes: frames and arrays by their buffers (object columns
    by sampling), containers by their items (down to a few levels), other objects by
    :func:`sys.getsizeof` (at least 64 bytes)."""
    if isinstance(value, pd.DataFrame):
        total = int(value.index.memory_usage(deep=False))
        for _, col in value.items():
            arr = col.array
            if col.dtype == object:
                total += _object_bytes(col.to_numpy())
            else:
                total += int(getattr(arr, "nbytes", col.memory_usage(index=False, deep=False)))
        return total + 512
    if isinstance(value, pd.Series):
        return size_of(value.to_frame(), depth)
    if isinstance(value, np.ndarray):
        return _object_bytes(value) if value.dtype == object else int(value.nbytes)
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if depth >= 4:
        return max(64, sys.getsizeof(value))
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(size_of(k, depth + 1) + size_of(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if len(items) > 256:  # sample long containers
            step = len(items) // 256
            return sys.getsizeof(value) + sum(size_of(v, depth + 1) for v in items[::step][:256]) * step
        return sys.getsizeof(value) + sum(size_of(v, depth + 1) for v in items)
    fields = getattr(value, "__dict__", None)
    if isinstance(fields, dict) and not isinstance(value, type):
        return max(64, sys.getsizeof(value)) + size_of(fields, depth + 1)
    return max(64, sys.getsizeof(value))


def _kind(key: Hashable) -> str:
    """What an entry holds: the first part of its key."""
    return str(key[0]) if isinstance(key, tuple) and key else str(key)


def _budget() -> int:
    try:
        return int(float(os.environ.get("XINZHI_WEB_CACHE_MB", DEFAULT_MB)) * 2**20)
    except ValueError:
        return DEFAULT_MB * 2**20


class SnapshotCache:
    """Least-recently-used cache bounded by estimated bytes (``max_bytes``), with one build lock
    per key (no stampede)."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = _budget() if max_bytes is None else max_bytes
        self.bytes = 0
        self._data: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
                return hit[0]  # type: ignore[no-any-return]
            klock = self._key_locks.setdefault(key, threading.Lock())
        with klock:
            with self._lock:
                hit = self._data.get(key)
                if hit is not None:
                    return hit[0]  # type: ignore[no-any-return]
            try:
                value = build()
            except BaseException:
                with self._lock:
                    self._key_locks.pop(key, None)
                raise
            size = size_of(value)
            with self._lock:
                self._key_locks.pop(key, None)
                if size <= self.max_bytes:
                    self._data[key] = (value, size)
                    self.bytes += size
                    while self.bytes > self.max_bytes and self._data:
                        dropped, (_, s) = self._data.popitem(last=False)
                        self.bytes -= s
                        if s >= LARGE:
                            logger.warning("web cache: dropped %s (%.0f MiB) to stay within %.0f MiB; raise "
                                           "XINZHI_WEB_CACHE_MB if this repeats", _kind(dropped), s / 2**20,
                                           self.max_bytes / 2**20)
            return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.bytes = 0
