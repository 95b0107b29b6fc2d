r"""A region's relatedness to the industries of each chain node (capability fit for 招商).

The region's relatedness density to industry p (Hidalgo et al. 2007; Hausmann et al. 2014) is
computed by :mod:`xinzhi.analytics` (RCA → presence → proximity → density) on the
``region_industry_year`` panel of one year, with regions aggregated to the level of the region
under study (county codes truncated to their city or province, see
:func:`~xinzhi.chains.membership.region_peer_key`). A node's relatedness is the mean density
over the industries it maps to that appear in the panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from xinzhi.analytics.complexity_core import presence, rca_matrix
from xinzhi.analytics.relatedness import density, proximity
from xinzhi.chains.definitions import ChainDefinition
from xinzhi.chains.membership import expand_industry_maps, region_peer_key
from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["industry_density", "node_relatedness"]


def industry_density(region_industry_year: ir.Table, *, region: str, year: int, measure: str = "output") -> pd.Series:
    """Relatedness density of ``region`` to every industry of the panel in ``year``.

    Returns
    -------
    pandas.Series
        Density in [0, 1] indexed by ``industry_code``; empty when the year has no data, all 0
        when the region has none.
    """
    rit = region_industry_year
    if measure not in rit.columns:
        raise InputError(f"measure must be a column of region_industry_year, got {measure!r}")
    t = rit.filter((rit.year == year) & rit[measure].notnull())
    t = t.mutate(peer=region_peer_key(t.region_code, region))
    agg = t.group_by(["peer", "industry_code"]).aggregate(value=t[measure].sum()).to_pandas()
    if agg.empty:
        return pd.Series(dtype=float, name="density")
    wide = agg.pivot_table(index="peer", columns="industry_code", values="value", aggfunc="sum", fill_value=0.0)
    wide = wide.clip(lower=0.0)
    if region not in wide.index:
        return pd.Series(0.0, index=wide.columns, name="density")
    with np.errstate(invalid="ignore", divide="ignore"):
        m = presence(rca_matrix(wide.to_numpy()))
    d = density(m, proximity(m))
    row = int(np.flatnonzero(wide.index == region)[0])
    return pd.Series(d[row], index=wide.columns, name="density")


def node_relatedness(chain: ChainDefinition, industry_density: pd.Series, *, industries: pd.DataFrame) -> pd.Series:
    """Mean density over each node's mapped industries present in ``industry_density``.

    Nodes mapped only to tags or products, or to industries absent from the panel, get NaN.

    Examples
    --------
    >>> from xinzhi.chains.definitions import chain_from_dict
    >>> c = chain_from_dict({"chain": "x", "nodes": [{"node": "n", "industries": ["361"]},
    ...                                              {"node": "m", "tags": ["t"]}]})
    >>> ind = pd.DataFrame({"code": ["361", "3611", "3612"], "section": ["C"] * 3})
    >>> node_relatedness(c, pd.Series({"3611": 0.2, "3612": 0.6}), industries=ind).round(3).to_dict()
    {'n': 0.4, 'm': nan}
    """
    exp = expand_industry_maps(chain.maps, industries, keys=["node"])
    exp = exp.assign(density=exp["industry_code"].map(industry_density))
    mean = exp.dropna(subset=["density"]).groupby("node")["density"].mean()
    return chain.nodes["node"].map(mean).set_axis(chain.nodes["node"]).rename("relatedness")
