"""The sparse eigen path (large years) gives the ECI and PCI of the dense one, on either side."""

from __future__ import annotations

import numpy as np
import pytest

from xinzhi.analytics import complexity_core
from xinzhi.analytics.complexity_core import eci_pci


@pytest.mark.parametrize("shape", [(40, 90), (90, 40)])  # region side, industry side
@pytest.mark.parametrize("method", ["eigenvector", "reflections"])
def test_sparse_and_dense_paths_agree(shape: tuple[int, int], method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(11)
    n_c, n_p = shape
    m = (rng.uniform(0, 1, (n_c, 1)) - rng.uniform(0, 1, (1, n_p)) + rng.logistic(0, 0.3, shape)) > 0
    m[0] = False  # a region with zero diversity: left out on both paths
    dense = eci_pci(m.astype(np.float64), method=method)  # type: ignore[arg-type]
    monkeypatch.setattr(complexity_core, "DENSE_EIGEN_MAX", 0)
    monkeypatch.setattr(complexity_core, "DENSE_MATVEC_MAX", 0)
    sparse = eci_pci(m, method=method)  # type: ignore[arg-type]
    assert np.isnan(sparse.eci[0]) and np.isnan(dense.eci[0])
    np.testing.assert_allclose(sparse.eci, dense.eci, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(sparse.pci, dense.pci, rtol=1e-9, atol=1e-9)
    if method == "eigenvector":
        assert sparse.eigenvalue == pytest.approx(dense.eigenvalue, rel=1e-9)
