"""Aggregates a scoped user may see about enterprises outside their scope.

A chain's coverage table compares a region's firms with all firms of the workspace, node by
node: ``local_firms`` / ``local_revenue`` (the region's) next to ``total_firms`` /
``total_revenue`` (everyone's), with ``share`` and ``relative_strength`` derived from both. For a
user who may not see the firms outside the region, ``total_revenue - local_revenue`` is the
revenue of those outside firms: harmless when many firms make it up, but the revenue of *one*
enterprise when a single outside firm serves the node.

:func:`limit_outside_totals` therefore applies the threshold rule of statistical disclosure
control (a cell is published only if at least :data:`MIN_GROUP` units contribute to it; Hundepool
et al., *Statistical Disclosure Control*, Wiley 2012, section 4.2): on a node where fewer than
:data:`MIN_GROUP` firms lie outside the region shown, the figures that would reveal their revenue
(``total_revenue``, ``share``, ``relative_strength``) are withheld (empty). Firm counts stay: a
count says that an enterprise exists, which its public registration says too, not what it earns.
Users who may see every enterprise of the workspace get the table unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_GROUP = 3
#: columns from which the revenue of the firms outside the region can be worked out
REVEALING = ("total_revenue", "share", "relative_strength")


def limit_outside_totals(coverage: pd.DataFrame, *, sees_everyone: bool) -> pd.DataFrame:
    """``coverage`` with the revealing columns withheld on nodes where fewer than
    :data:`MIN_GROUP` firms outside the region contribute to the totals (see the module)."""
    if sees_everyone or not {"local_firms", "total_firms"} <= set(coverage.columns):
        return coverage
    outside = pd.to_numeric(coverage["total_firms"], errors="coerce").fillna(0) - \
        pd.to_numeric(coverage["local_firms"], errors="coerce").fillna(0)
    few = (outside > 0) & (outside < MIN_GROUP)
    if not few.any():
        return coverage
    out = coverage.copy()
    for c in REVEALING:
        if c in out.columns:
            out[c] = out[c].astype(float).where(~few, np.nan)
    out.attrs = {k: v for k, v in coverage.attrs.items() if k != "chain_share"}  # the chain total, likewise
    return out
