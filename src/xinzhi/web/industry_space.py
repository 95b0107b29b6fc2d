"""The industry space of a region's level and year, drawn as the Atlas of Economic Complexity draws
its product space: industries linked by proximity, placed by a force layout, the region's present
industries and its candidate industries coloured.

The skeleton is the maximum spanning tree of the proximity matrix (every industry connected by its
strongest chain of links) plus the strongest remaining links until there are
:data:`EXTRA_LINKS_PER_NODE` extra links per industry on average (Hidalgo, Klinger, Barabási &
Hausmann 2007, "The product space conditions the development of nations", Science 317: the
maximum spanning tree plus links with φ ≥ 0.55). The layout is networkx's Fruchterman–Reingold
spring layout with a fixed seed, so the same data always give the same picture; it depends on the
level and year only and is cached per snapshot.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

#: extra links per industry beyond the spanning tree (the Atlas keeps the average degree near 4)
EXTRA_LINKS_PER_NODE = 1.5
#: industries kept in the picture: those with any activity in the level's panel, at most this many
MAX_NODES = 400


def space_layout(proximity: np.ndarray, labels: np.ndarray, active: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Positions (``id``, ``x``, ``y``) and links (``source``, ``target``, ``phi``) of the industry
    space over the ``active`` industries (boolean mask aligned with ``labels``)."""
    import networkx as nx
    from scipy.sparse.csgraph import minimum_spanning_tree

    idx = np.flatnonzero(active)[:MAX_NODES]
    phi = np.asarray(proximity, dtype=float)[np.ix_(idx, idx)]
    np.fill_diagonal(phi, 0.0)
    n = len(idx)
    if n < 2:
        return (pd.DataFrame({"id": [str(labels[i]) for i in idx], "x": 0.0, "y": 0.0}),
                pd.DataFrame(columns=["source", "target", "phi"]))
    # maximum spanning tree = minimum spanning tree of (max - phi) over the positive links
    weights = np.where(phi > 0, phi.max() + 1e-9 - phi, 0.0)
    tree = minimum_spanning_tree(weights).tocoo()
    links = {(min(a, b), max(a, b)) for a, b in zip(tree.row.tolist(), tree.col.tolist(), strict=True)}
    iu = np.triu_indices(n, 1)
    order = np.argsort(-phi[iu], kind="stable")
    extra = int(EXTRA_LINKS_PER_NODE * n)
    for k in order:
        if extra <= 0 or phi[iu[0][k], iu[1][k]] <= 0:
            break
        pair = (int(iu[0][k]), int(iu[1][k]))
        if pair not in links:
            links.add(pair)
            extra -= 1
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((a, b, float(phi[a, b])) for a, b in links)
    pos = nx.spring_layout(g, weight="weight", seed=7, iterations=80)
    ids = [str(labels[i]) for i in idx]
    nodes = pd.DataFrame({"id": ids, "x": [float(pos[k][0]) for k in range(n)], "y": [float(pos[k][1]) for k in range(n)]})
    edges = pd.DataFrame([(ids[a], ids[b], float(phi[a, b])) for a, b in sorted(links)],
                         columns=["source", "target", "phi"])
    return nodes, edges


def space_nodes(layout: pd.DataFrame, *, present: pd.Series, values: pd.Series, candidates: pd.Series,
                names: pd.Series, hover: Any, label_top: int = 12) -> pd.DataFrame:
    """The layout's industries with their role for one region (``present`` where ``present`` is
    1, ``candidate`` where the industry is among ``candidates``, else ``other``), marker size from
    the region's ``values`` (area proportional, 5 to 22 pixels) and texts; only the first
    ``label_top`` candidates (the best ranked) carry a label, the others show theirs on hover.

    ``hover(code, name, value, role)`` returns the hover text of one industry.
    """
    out = layout.copy()
    cand = set(candidates.astype(str))
    pres = present.reindex(out["id"]).fillna(0).to_numpy() > 0
    out["role"] = np.where(out["id"].isin(cand), "candidate", np.where(pres, "present", "other"))
    v = values.reindex(out["id"]).fillna(0.0).clip(lower=0).to_numpy(dtype=float)
    top = v.max() if len(v) and v.max() > 0 else 1.0
    out["size"] = np.where(out["role"] == "other", 5.0, 6.0 + 16.0 * np.sqrt(v / top))
    out["name"] = out["id"].map(names).fillna("")
    top = [str(c) for c in candidates.astype(str).head(label_top)]
    out["label"] = np.where(out["id"].isin(top), out["name"].str.slice(0, 8), "")
    out["hover"] = [hover(c, n, val, r) for c, n, val, r in zip(out["id"], out["name"], v, out["role"], strict=True)]
    return out
