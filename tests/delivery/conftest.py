"""A small real workspace holding the synthetic delivery demo (built once per module)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from xinzhi.demo.delivery import build
from xinzhi.workspace import Workspace, open_workspace


@pytest.fixture(scope="module")
def delivery_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path: Path = tmp_path_factory.mktemp("delivery") / "ws"
    ws = open_workspace(path)
    build(ws, np.random.default_rng(2024))
    yield ws
    ws.close()
