"""Chain definitions: reading, validating and storing them as the workspace tables.

A chain is a directed graph of nodes from upstream to downstream. In the workspace it is three
tables (see :mod:`xinzhi.schema.chains`): ``chain_node``, ``chain_edge`` (source supplies
target) and ``chain_node_map`` (node → GB/T 4754 code, enterprise tag, product tag or name
keyword; :mod:`xinzhi.chains.membership` says how they match). Files:

* **YAML / JSON**::

      chain: nev
      name: 新能源汽车
      nodes:
        - {node: cell, name: 动力电池, segment: midstream, industries: ["3841"],
           products: [动力电池, 锂离子动力电池], keywords: [动力电池], bottleneck: false}
      edges:
        - [cathode, cell]          # or {source: cathode, target: cell}

* **CSV / Excel node list**, one row per node: ``node, name, stage, segment, bottleneck,
  industries, tags, products, keywords, upstream`` (lists separated by ``;``; ``upstream``
  names the nodes that supply this one) and optionally ``chain`` / ``chain_name``.

A node's product tags are its ``products`` list or, when it has none, its ``name`` (so a firm
tagged 动力电池 belongs to the node named 动力电池 without further mapping).

``stage`` (1 = most upstream) is computed as the longest path from a source node when a file
omits it (the graph must then be acyclic); ``segment`` then follows from the stage thirds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from xinzhi.errors import InputError, NotFoundError
from xinzhi.workspace.readers import read_mapping, read_sheet

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = [
    "MAP_KINDS",
    "ChainDefinition",
    "chain_from_dict",
    "chain_from_node_list",
    "chain_to_dict",
    "install_chain",
    "list_chains",
    "load_chain",
    "read_chain_file",
    "split_list",
]

MAP_KINDS = ("industry", "tag", "product", "keyword")
SEGMENTS = ("upstream", "midstream", "downstream")
NODE_COLUMNS = ["chain", "chain_name", "node", "name", "stage", "segment", "bottleneck"]


@dataclass(frozen=True)
class ChainDefinition:
    """One chain: its nodes, edges and node mappings as frames in the workspace layout."""

    chain: str
    name: str
    nodes: pd.DataFrame
    edges: pd.DataFrame
    maps: pd.DataFrame

    def graph(self) -> nx.DiGraph:
        """The chain as a :class:`networkx.DiGraph` (node attributes from ``nodes``)."""
        g = nx.DiGraph()
        for row in self.nodes.to_dict("records"):
            g.add_node(row["node"], **{k: row[k] for k in ("name", "stage", "segment", "bottleneck")})
        g.add_edges_from(zip(self.edges["source"], self.edges["target"], strict=True))
        return g


def split_list(value: object) -> list[str]:
    """Split a ``;``-separated cell (also ``,`` ``；`` ``，``) or pass a list through, dropping blanks.

    Examples
    --------
    >>> split_list("3841; 3842；"), split_list(["a", " b "]), split_list(None)
    (['3841', '3842'], ['a', 'b'], [])
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        text = str(value)
        for sep in ("；", "，", ","):
            text = text.replace(sep, ";")
        items = text.split(";")
    return [s.strip() for s in items if s.strip()]


def _bool(value: object) -> bool:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y", "是", "√", "x")
    return bool(value)


def _stages(g: nx.DiGraph, source: str) -> dict[str, int]:
    if not nx.is_directed_acyclic_graph(g):
        cycle = nx.find_cycle(g)
        raise InputError(
            f"{source}: the chain has a cycle ({' → '.join(str(e[0]) for e in cycle)}); "
            "give every node a stage"
        )
    stage: dict[str, int] = {}
    for n in nx.topological_sort(g):
        preds = [stage[p] for p in g.predecessors(n)]
        stage[n] = 1 + max(preds, default=0)
    return stage


def _segment_of(stage: pd.Series) -> pd.Series:
    top = max(int(stage.max()), 1)
    third = np.ceil(stage.to_numpy(dtype=float) / top * 3).clip(1, 3).astype(int)
    return pd.Series([SEGMENTS[t - 1] for t in third], index=stage.index, dtype=object)


def _build(chain: str, name: str, rows: list[dict[str, Any]], edges: list[tuple[str, str]], source: str) -> ChainDefinition:
    if not chain:
        raise InputError(f"{source}: the chain needs an id ('chain')")
    if not rows:
        raise InputError(f"{source}: the chain {chain!r} has no nodes")
    nodes = pd.DataFrame(rows)
    dup = nodes["node"][nodes["node"].duplicated()].tolist()
    if dup:
        raise InputError(f"{source}: node ids repeated: {dup[:5]}")
    known = set(nodes["node"])
    bad = [(s, t) for s, t in edges if s not in known or t not in known]
    if bad:
        raise InputError(f"{source}: edges name unknown nodes: {bad[:5]}")
    loops = [(s, t) for s, t in edges if s == t]
    if loops:
        raise InputError(f"{source}: an edge cannot join a node to itself: {loops[:5]}")
    edge_df = pd.DataFrame(sorted(set(edges)), columns=["source", "target"]) if edges else pd.DataFrame(
        {"source": pd.Series(dtype=object), "target": pd.Series(dtype=object)}
    )
    if nodes["stage"].isna().any():
        g = nx.DiGraph()
        g.add_nodes_from(nodes["node"])
        g.add_edges_from(edges)
        computed = _stages(g, source)
        nodes["stage"] = nodes["stage"].fillna(nodes["node"].map(computed))
    nodes["stage"] = nodes["stage"].astype("int64")
    seg = nodes["segment"].where(nodes["segment"].notna() & (nodes["segment"].astype(str) != ""))
    nodes["segment"] = seg.fillna(_segment_of(nodes["stage"]))
    nodes["chain"], nodes["chain_name"] = chain, name
    maps = [
        {"chain": chain, "node": r["node"], "kind": kind, "value": v}
        for r in rows
        for kind in MAP_KINDS
        for v in r.get(f"_{kind}", [])
    ]
    map_df = pd.DataFrame(maps, columns=["chain", "node", "kind", "value"]).drop_duplicates()
    edge_df.insert(0, "chain", chain)
    return ChainDefinition(chain, name, nodes[NODE_COLUMNS].reset_index(drop=True), edge_df,
                           map_df.reset_index(drop=True))


def _node_row(d: Mapping[str, Any], source: str, i: int) -> dict[str, Any]:
    node = str(d.get("node") or d.get("id") or "").strip()
    if not node:
        raise InputError(f"{source}: node {i + 1} has no id ('node')")
    stage = d.get("stage")
    return {
        "node": node,
        "name": str(d.get("name") or node),
        "stage": None if stage is None or (isinstance(stage, float) and np.isnan(stage)) or stage == "" else int(stage),
        "segment": d.get("segment") or None,
        "bottleneck": _bool(d.get("bottleneck")),
        "_industry": split_list(d.get("industries")),
        "_tag": split_list(d.get("tags")),
        "_product": split_list(d.get("products")) or [str(d.get("name") or node).strip()],
        "_keyword": split_list(d.get("keywords")),
    }


def chain_from_dict(data: Mapping[str, Any], *, source: str = "chain definition") -> ChainDefinition:
    """Build a chain from the YAML / JSON layout described in the module docstring.

    Examples
    --------
    >>> c = chain_from_dict({"chain": "x", "name": "X", "nodes": [
    ...     {"node": "a", "industries": ["3985"]}, {"node": "b"}, {"node": "c"}],
    ...     "edges": [["a", "b"], {"source": "b", "target": "c"}]})
    >>> c.nodes[["node", "stage", "segment"]].values.tolist()
    [['a', 1, 'upstream'], ['b', 2, 'midstream'], ['c', 3, 'downstream']]
    """
    nodes = data.get("nodes") or []
    rows = [_node_row(d, source, i) for i, d in enumerate(nodes)]
    edges: list[tuple[str, str]] = []
    for e in data.get("edges") or []:
        if isinstance(e, Mapping):
            edges.append((str(e["source"]), str(e["target"])))
        elif isinstance(e, (list, tuple)) and len(e) == 2:
            edges.append((str(e[0]), str(e[1])))
        else:
            raise InputError(f"{source}: an edge must be [source, target] or {{source, target}}, got {e!r}")
    for r, d in zip(rows, nodes, strict=True):
        edges += [(u, r["node"]) for u in split_list(d.get("upstream"))]
    chain = str(data.get("chain") or "")
    return _build(chain, str(data.get("name") or chain), rows, edges, source)


def chain_from_node_list(frame: pd.DataFrame, *, chain: str | None = None, name: str | None = None,
                         source: str = "node list") -> ChainDefinition:
    """Build a chain from a node-list table (CSV / Excel layout of the module docstring)."""
    cols = {str(c).strip().lower(): c for c in frame.columns}
    if "node" not in cols:
        raise InputError(f"{source}: a node list needs a 'node' column; columns are {list(frame.columns)}")
    f = frame.rename(columns={v: k for k, v in cols.items()})
    if chain is None:
        ids = f["chain"].dropna().astype(str).unique().tolist() if "chain" in f else []
        if len(ids) != 1:
            raise InputError(f"{source}: give the chain id (one 'chain' column value or --chain), found {ids}")
        chain = ids[0]
    if name is None:
        names = f["chain_name"].dropna().astype(str).unique().tolist() if "chain_name" in f else []
        name = names[0] if names else chain
    records = f.to_dict("records")
    return chain_from_dict({"chain": chain, "name": name, "nodes": records, "edges": []}, source=source)


def read_chain_file(path: str | Path, *, chain: str | None = None) -> ChainDefinition:
    """Read a chain from ``.yaml`` / ``.yml`` / ``.json`` or a ``.csv`` / ``.xlsx`` node list."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise NotFoundError(f"no such file: {p}")
    if suffix in (".yaml", ".yml", ".json"):
        data = read_mapping(p, expected="chain, nodes and edges")
        if chain is not None:
            data = {**data, "chain": chain}
        return chain_from_dict(data, source=p.name)
    if suffix not in (".csv", ".xlsx", ".xls"):
        raise InputError(f"{p.name}: a chain file must be .yaml, .json, .csv or .xlsx")
    frame = read_sheet(p)
    return chain_from_node_list(frame, chain=chain, source=p.name)


def chain_to_dict(defn: ChainDefinition) -> dict[str, Any]:
    """The YAML / JSON layout of a chain (inverse of :func:`chain_from_dict`)."""
    maps = defn.maps.groupby(["node", "kind"])["value"].apply(list).to_dict()
    nodes = []
    for r in defn.nodes.sort_values(["stage", "node"]).to_dict("records"):
        d: dict[str, Any] = {"node": r["node"], "name": r["name"], "stage": int(r["stage"]),
                             "segment": r["segment"], "bottleneck": bool(r["bottleneck"])}
        for kind, key in (("industry", "industries"), ("tag", "tags"), ("product", "products"),
                          ("keyword", "keywords")):
            if (r["node"], kind) in maps:
                d[key] = sorted(maps[(r["node"], kind)])
        nodes.append(d)
    edges = [[s, t] for s, t in defn.edges[["source", "target"]].itertuples(index=False)]
    return {"chain": defn.chain, "name": defn.name, "nodes": nodes, "edges": edges}


def _replace_rows(ws: Workspace, table: str, chain_ids: Iterable[str], new: pd.DataFrame, source: str) -> None:
    old = ws.to_pandas(table)
    keep = old[~old["chain"].isin(set(chain_ids))]
    frame = pd.concat([keep, new[old.columns.tolist()]], ignore_index=True) if len(keep) else new
    ws.write(table, frame, source=source, mode="replace")


def install_chain(ws: Workspace, defn: ChainDefinition, *, source: str | None = None) -> None:
    """Store ``defn`` in the workspace, replacing any earlier version of the same chain id."""
    src = source or f"chain {defn.chain}"
    _replace_rows(ws, "chain_node", [defn.chain], defn.nodes, src)
    _replace_rows(ws, "chain_edge", [defn.chain], defn.edges, src)
    _replace_rows(ws, "chain_node_map", [defn.chain], defn.maps, src)


def list_chains(ws: Workspace) -> pd.DataFrame:
    """Chains stored in the workspace: id, name, number of nodes and edges."""
    nodes = ws.to_pandas("chain_node")
    edges = ws.to_pandas("chain_edge")
    out = nodes.groupby("chain").agg(name=("chain_name", "first"), nodes=("node", "count")).reset_index()
    out["edges"] = out["chain"].map(edges.groupby("chain").size()).fillna(0).astype(int)
    return out


def load_chain(ws: Workspace, chain: str) -> ChainDefinition:
    """Read chain ``chain`` back from the workspace tables."""
    nodes = ws.to_pandas("chain_node")
    nodes = nodes[nodes["chain"] == chain].reset_index(drop=True)
    if nodes.empty:
        known = sorted(ws.to_pandas("chain_node")["chain"].unique())
        raise NotFoundError(f"no chain {chain!r} in the workspace; known chains: {', '.join(known) or 'none'} "
                            "(import one with `xinzhi chain import` or `xinzhi chain install`)")
    edges = ws.to_pandas("chain_edge")
    maps = ws.to_pandas("chain_node_map")
    nodes["bottleneck"] = nodes["bottleneck"].fillna(False).astype(bool)
    if nodes["stage"].isna().any():
        g = nx.DiGraph()
        g.add_nodes_from(nodes["node"])
        e = edges[edges["chain"] == chain]
        g.add_edges_from(zip(e["source"], e["target"], strict=True))
        nodes["stage"] = nodes["stage"].fillna(nodes["node"].map(_stages(g, f"chain {chain}")))
    return ChainDefinition(
        chain,
        str(nodes["chain_name"].dropna().iloc[0]) if nodes["chain_name"].notna().any() else chain,
        nodes,
        edges[edges["chain"] == chain].reset_index(drop=True),
        maps[maps["chain"] == chain].reset_index(drop=True),
    )
