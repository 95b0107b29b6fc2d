"""Demo chains: the bundled new-energy-vehicle (``nev``) and photovoltaic/storage (``pv``) chains,
with one node of each tagged as a bottleneck, and the input-output sector chain ``io-2020``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from xinzhi.chains.bundled import bundled_chain
from xinzhi.chains.definitions import install_chain

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace


def build(ws: Workspace, rng: np.random.Generator) -> None:
    """Install ``nev``, ``pv`` and ``io-2020`` into the demo workspace."""
    for chain in ("nev", "pv", "io-2020"):
        install_chain(ws, bundled_chain(chain), source=f"demo: bundled chain {chain}")
