"""Benchmark: chain coverage, leaders and investment targets for a 500-node chain against
1,000,000 enterprises (2,000,000 enterprise-years) on DuckDB.

Synthetic data are written to Parquet in a temporary folder (not timed), read through Ibis'
DuckDB backend exactly as ``Workspace.table`` does, and the three analytics run once warm-up
excluded. Peak memory is the peak resident set size of a fresh child process that runs only the
timed part (``ru_maxrss`` of the child), so data generation does not count.

Usage::

    .venv/bin/python benchmarks/chain_targets.py [--enterprises 1000000] [--nodes 500]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def make_data(folder: Path, n_ent: int, n_nodes: int, seed: int = 7) -> None:
    from xinzhi.reference import industries, regions

    rng = np.random.default_rng(seed)
    ind = industries()
    classes = ind[(ind.level == 4) & ind.section.isin(["B", "C", "D"])]["code"].to_numpy()
    reg = regions()
    counties = reg[reg.level == "county"]["code"].to_numpy()
    sc = counties[np.char.startswith(counties.astype(str), "51")]
    # a third of the firms in Sichuan, except in 15% of the classes (none there: gaps) and
    # another 15% (5% there: weak links); the others anywhere else in China
    others = counties[~np.char.startswith(counties.astype(str), "51")]
    industry = rng.choice(classes, n_ent)
    kind = rng.random(len(classes))
    p_sc = pd.Series(np.where(kind < 0.15, 0.0, np.where(kind < 0.3, 0.05, 0.33)), index=classes)
    in_sc = rng.random(n_ent) < p_sc.reindex(industry).to_numpy()
    region = np.where(in_sc, rng.choice(sc, n_ent), rng.choice(others, n_ent))
    tag_pool = np.array(["", "", "", "高新技术企业", "专精特新", "高新技术企业;专精特新", "上市企业", "链主企业", "专精特新小巨人"])
    tags = rng.choice(tag_pool, n_ent).astype(object)
    # product tags: 1% of the firms make one of 200 tagged products (matched by tag nodes)
    prod = rng.random(n_ent) < 0.01
    tags[prod] = [f"{t};产品{k}" if t else f"产品{k}" for t, k in zip(tags[prod], rng.integers(0, 200, prod.sum()), strict=True)]
    ent = pa.table({
        "credit_code": [f"X{i:017d}" for i in range(n_ent)],
        "name": [f"企业{i}" for i in range(n_ent)],
        "region_code": region,
        "industry_code": industry,
        "tags": tags,
    })
    pq.write_table(ent, folder / "enterprise.parquet")
    rev = rng.lognormal(8, 1.5, n_ent)
    ey = pa.table({
        "credit_code": pa.concat_arrays([ent["credit_code"].combine_chunks()] * 2),
        "year": np.repeat([2024, 2023], n_ent),
        "revenue": np.concatenate([rev, rev / rng.lognormal(0.05, 0.2, n_ent)]),
        "main_revenue": np.full(2 * n_ent, np.nan),
    })
    pq.write_table(ey, folder / "enterprise_year.parquet")
    # chain: n_nodes nodes in 6 stages, each mapped to 1-3 classes; 5% mapped to a product tag instead
    nodes = [{"node": f"n{i}", "name": f"节点{i}", "stage": 1 + i * 6 // n_nodes} for i in range(n_nodes)]
    for nd in nodes:
        if rng.random() < 0.05:
            nd["tags"] = [f"产品{rng.integers(0, 200)}"]
        else:
            nd["industries"] = list(rng.choice(classes, rng.integers(1, 4), replace=False))
    by_stage: dict[int, list[str]] = {}
    for nd in nodes:
        by_stage.setdefault(int(nd["stage"]), []).append(str(nd["node"]))
    edges = []
    for nd in nodes:
        s = int(nd["stage"])
        if s + 1 in by_stage:
            for t in rng.choice(by_stage[s + 1], 2, replace=False):
                edges.append([nd["node"], str(t)])
    (folder / "chain.json").write_text(json.dumps({"chain": "bench", "nodes": nodes, "edges": edges}, ensure_ascii=False))
    # region x industry panel (county level) for relatedness
    cc = np.repeat(sc, len(classes))
    ii = np.tile(classes, len(sc))
    out = rng.lognormal(10, 2, len(cc)) * (rng.random(len(cc)) < 0.4)
    pd.DataFrame({"region_code": cc, "industry_code": ii, "year": 2024, "output": out}).to_parquet(
        folder / "region_industry_year.parquet")


def run(folder: Path) -> dict[str, float]:
    import ibis

    from xinzhi.chains.coverage import chain_leaders, node_coverage
    from xinzhi.chains.definitions import read_chain_file
    from xinzhi.chains.membership import region_and_descendants
    from xinzhi.chains.relatedness import industry_density, node_relatedness
    from xinzhi.chains.targets import investment_targets
    from xinzhi.reference import industries, regions

    con = ibis.duckdb.connect()
    con.raw_sql("SET enable_progress_bar = false")
    for name in ("enterprise", "enterprise_year", "region_industry_year"):
        con.raw_sql(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder / (name + '.parquet')}')")
    chain = read_chain_file(folder / "chain.json")
    ind = industries()
    codes = region_and_descendants(regions(), "510000")
    kw = {"industries": ind, "region_codes": codes, "year": 2024}
    e, ey = con.table("enterprise"), con.table("enterprise_year")
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    cov = node_coverage(chain, e, ey, min_firms=50, **kw)  # type: ignore[arg-type]
    times["coverage_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    lead = chain_leaders(chain, e, ey, **kw)  # type: ignore[arg-type]
    times["leaders_s"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    dens = industry_density(con.table("region_industry_year"), region="510000", year=2024)
    rel = node_relatedness(chain, dens, industries=ind)
    tg = investment_targets(chain, cov, e, ey, relatedness=rel, per_node=10, industries=ind, exclude=codes,
                            year=2024)
    times["targets_s"] = time.perf_counter() - t2
    times["total_s"] = time.perf_counter() - t0
    times["gap_or_weak_nodes"] = float((cov.gap | cov.weak_link).sum())
    times["targets_rows"] = float(len(tg))
    times["leaders_rows"] = float(len(lead))
    times["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--enterprises", type=int, default=1_000_000)
    ap.add_argument("--nodes", type=int, default=500)
    ap.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run(args.child)  # warm-up: imports, Parquet metadata, DuckDB caches
        sys.stdout.write(json.dumps(run(args.child)) + "\n")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        make_data(folder, args.enterprises, args.nodes)
        sys.stdout.write(f"data: {args.enterprises:,} enterprises, {args.nodes} nodes, written in {time.perf_counter() - t:.1f} s\n")
        res = subprocess.run([sys.executable, __file__, "--child", str(folder)], capture_output=True, text=True, check=True)
        figures = json.loads(res.stdout.strip().splitlines()[-1])
    for k, v in figures.items():
        sys.stdout.write(f"{k:>20}: {v:,.2f}\n")


if __name__ == "__main__":
    main()
