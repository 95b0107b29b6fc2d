"""The chains shipped with Xinzhi (see ``chains/data/SOURCES.md``).

* ``nev`` and ``pv``: example new-energy-vehicle and photovoltaic/storage chains mapped to
  GB/T 4754-2017 classes;
* ``kag-rubber``: the small product chain of the OpenSPG KAG supply-chain example (Apache-2.0),
  nodes mapped to products (matched against enterprise tags);
* ``io-2020``: a sector-level chain derived from the NBS 2020 42-sector input-output table.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from xinzhi.chains.definitions import ChainDefinition, chain_from_dict, read_chain_file, split_list
from xinzhi.errors import InputError, NotFoundError
from xinzhi.inputoutput.leontief import output_coefficients, technical_coefficients, upstreamness
from xinzhi.inputoutput.tables import IOTable, load_io_table

__all__ = ["BUNDLED_CHAINS", "bundled_chain", "io_sector_chain", "kag_product_chain"]

BUNDLED_CHAINS = {
    "nev": "新能源汽车 (example, GB/T 4754 classes)",
    "pv": "光伏及储能 (example, GB/T 4754 classes)",
    "kag-rubber": "合成橡胶—轮胎—汽车零部件 product chain (OpenSPG KAG example, Apache-2.0)",
    "io-2020": "sector chain from the NBS 2020 42-sector input-output table",
}


def _data(name: str) -> Path:
    return Path(str(resources.files("xinzhi.chains").joinpath("data", name)))


def kag_product_chain() -> ChainDefinition:
    """The KAG product chain: products and their downstream products, node id = product path."""
    products = pd.read_csv(_data("kag_supplychain/Product.csv"), dtype=str)
    edges = pd.read_csv(_data("kag_supplychain/product_downstream_edges.csv"), dtype=str)
    ids = pd.unique(pd.concat([products["id"], edges["upstream_product"], edges["downstream_product"]]))
    nodes = [{"node": p, "name": p.split("-")[-1], "products": [p]} for p in ids]
    pairs = [[s, t] for s, t in edges[["upstream_product", "downstream_product"]].itertuples(index=False) if s != t]
    return chain_from_dict({"chain": "kag-rubber", "name": "合成橡胶—轮胎—汽车零部件（KAG示例）",
                            "nodes": nodes, "edges": pairs}, source="KAG supplychain")


def io_sector_chain(table: IOTable, *, chain: str = "io", threshold: float = 0.05) -> ChainDefinition:
    r"""A sector chain from an input-output table: edge i → j when :math:`a_{ij} \ge` ``threshold``.

    Stages order sectors by upstreamness U (row sums of the Ghosh inverse, Antràs et al. 2012):
    ``stage = 1 + floor(max U - U)``, and the segment is the tercile of U the sector lies in
    (the most upstream third is ``upstream``). For the 42-sector tables, nodes map to GB/T 4754 divisions (``io42_gbt4754.csv``).

    Examples
    --------
    >>> c = io_sector_chain(load_io_table(2020, 42), chain="io-2020")
    >>> len(c.nodes), c.nodes.set_index("node").loc["02", "segment"], c.nodes.set_index("node").loc["42", "segment"]
    (42, 'upstream', 'downstream')
    """
    if not 0 < threshold < 1:
        raise InputError(f"threshold must be in (0, 1), got {threshold}")
    a = technical_coefficients(table.flows, table.output)
    u = upstreamness(output_coefficients(table.flows, table.output))
    stage = 1 + np.floor(u.max() - u).astype(int)
    order = (-u).argsort(kind="stable").argsort()  # 0 = most upstream
    third = 1 + (order * 3) // len(u)
    segment = np.array(["upstream", "midstream", "downstream"])[third - 1]
    conc: dict[str, list[str]] = {}
    if table.n == 42:
        cc = pd.read_csv(_data("io42_gbt4754.csv"), dtype=str)
        conc = {r.sector: split_list(r.divisions) for r in cc.itertuples()}
    nodes = [
        {"node": c, "name": n, "stage": int(s), "segment": str(g), "industries": conc.get(c, [])}
        for c, n, s, g in zip(table.codes, table.names, stage, segment, strict=True)
    ]
    ii, jj = np.nonzero(a >= threshold)
    edges = [[table.codes[i], table.codes[j]] for i, j in zip(ii, jj, strict=True) if i != j]
    name = f"{table.year or ''} 投入产出部门链（直接消耗系数≥{threshold:g}）".strip()
    return chain_from_dict({"chain": chain, "name": name, "nodes": nodes, "edges": edges}, source="IO table")


def bundled_chain(chain: str) -> ChainDefinition:
    """One of :data:`BUNDLED_CHAINS` as a :class:`ChainDefinition`."""
    if chain == "nev":
        return read_chain_file(_data("nev.yaml"))
    if chain == "pv":
        return read_chain_file(_data("photovoltaic.yaml"))
    if chain == "kag-rubber":
        return kag_product_chain()
    if chain.startswith("io-") and chain[3:].isdigit():
        return io_sector_chain(load_io_table(int(chain[3:]), 42), chain=chain)
    raise NotFoundError(f"no bundled chain {chain!r}; bundled: {', '.join(BUNDLED_CHAINS)}")
