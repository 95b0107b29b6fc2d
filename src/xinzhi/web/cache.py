"""A small thread-safe cache of derived frames, keyed by the snapshots they were built from.

The web application serves many requests from the same snapshots; each entry is rebuilt when
a snapshot it depends on changes (an import makes the next request see the new data).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class SnapshotCache:
    """Least-recently-used cache with one build lock per key (no stampede)."""

    def __init__(self, size: int = 256):
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]  # type: ignore[no-any-return]
            klock = self._key_locks.setdefault(key, threading.Lock())
        with klock:
            with self._lock:
                if key in self._data:
                    return self._data[key]  # type: ignore[no-any-return]
            value = build()
            with self._lock:
                self._data[key] = value
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
                self._key_locks.pop(key, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
