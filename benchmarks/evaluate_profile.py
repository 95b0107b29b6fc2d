"""Where DuckDB's time goes in Xinzhi's 亩均 query, and engine-level options measured on
hand-written SQL of the same two rulebooks (黄岩 2022, 淮安 2024).

Not a race against a peer: a profile, so that the engine change can be chosen by measurement.

1. **Profile.** Xinzhi's compiled query of each rulebook (the five published columns, as
   ``evaluate_10m.py`` writes them) runs through DuckDB's profiler (``enable_profiling = 'json'``);
   the operators' CPU time is summed by operator type.
2. **Variants.** The same rules written by hand in SQL, then changed one engine-level thing at a
   time: an integer partition key, a two-pass rank (the window carries integers only and the
   result is joined back by the Parquet row number), the input Parquet partitioned by year or
   sorted by year and county; and Xinzhi's own query written with other Parquet writer settings
   (compression, row-group size, format version). Every variant runs in a fresh connection (2 threads,
   ``memory_limit`` 1600MB, as Xinzhi), alternating, ``--repeat`` times; medians and CPU time
   (all threads) are printed, and every variant's classes and ranks are checked against Xinzhi's
   firm by firm.

    .venv/bin/python benchmarks/evaluate_profile.py --panel PANEL.parquet [--repeat 3]

``PANEL.parquet`` is the synthetic panel of ``evaluate_10m.py`` (``--workdir`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

RULEBOOKS = ("huangyan-2022", "huaian-2024")
YEAR = 2024

HUANGYAN = """
WITH cur AS (
  SELECT {rowid} credit_code, {part} AS region,
         coalesce(substr(industry_code, 1, 2) IN ('44', '45', '46'), false) AS util,
         coalesce(above_scale, false) AS above_scale, coalesce(land_mu >= 3, false) AS big_land,
         land_mu, tax, value_added, energy_tce, employees, rd_spending, main_revenue, emissions, electricity
  FROM {src} WHERE year = {year}
), flags AS (
  SELECT *, NOT util AND above_scale AS above, NOT util AND NOT above_scale AND big_land AS below,
         above_scale OR big_land AS in_scope, tax / NULLIF(land_mu, 0) IS NOT NULL AS complete,
         value_added / NULLIF(emissions, 0) / 4929.81 * 10 AS emis
  FROM cur
), emis_mean AS (
  SELECT region, avg(emis) AS m FROM flags WHERE above GROUP BY region
), scored AS (
  SELECT f.*, CASE
      WHEN f.above AND f.complete THEN 0.0
        + coalesce(f.tax / NULLIF(f.land_mu, 0) / 24.097 * 30, 0)
        + coalesce(f.value_added / NULLIF(f.land_mu, 0) / 136.16 * 20, 0)
        + coalesce(f.value_added / NULLIF(f.energy_tce, 0) / 2.694 * 20, 0)
        + coalesce(f.value_added / NULLIF(f.employees, 0) / 18.14 * 10, 0)
        + coalesce(f.rd_spending / NULLIF(f.main_revenue, 0) / 0.0302 * 10, 0)
        + coalesce(f.emis, e.m, 0)
      WHEN f.below AND f.complete THEN coalesce(f.tax / NULLIF(f.land_mu, 0) / 11.5932 * 50, 0)
        + coalesce(f.tax / NULLIF(f.electricity, 0) / 0.2352 * 50, 0)
    END AS score,
    CASE WHEN f.above THEN 1 WHEN f.below THEN 2 ELSE 0 END AS grp,
    f.util AND f.in_scope AS special
  FROM flags f LEFT JOIN emis_mean e USING (region)
)
{ranked}
SELECT credit_code,
       CASE WHEN special THEN 'utilities' WHEN NOT in_scope THEN 'below_small' WHEN grp = 1 THEN 'above'
            ELSE 'below' END AS cohort,
       score, rank, {classes} AS class
FROM ranked
"""

HUAIAN = """
WITH base AS (
  SELECT {rowid} credit_code, year, {part} AS region,
         coalesce(substr(industry_code, 1, 2) IN ('44', '45', '46'), false) AS util,
         coalesce((year - established_year) < 2, false) AS new, coalesce(above_scale, false) AS above_scale,
         coalesce(land_mu >= 3, false) AS big_land, land_mu, tax, revenue, energy_tce
  FROM {src} WHERE year IN ({year} - 1, {year})
), pooled AS (
  SELECT *, NOT util AND NOT new AND (above_scale OR big_land) AS pool, above_scale OR big_land AS in_scope
  FROM base
), bench AS (
  SELECT region,
    2 * sum(CASE WHEN tax / NULLIF(land_mu, 0) IS NOT NULL THEN tax END)
      / NULLIF(sum(CASE WHEN tax / NULLIF(land_mu, 0) IS NOT NULL THEN land_mu END), 0) AS b1,
    2 * sum(CASE WHEN revenue / NULLIF(land_mu, 0) IS NOT NULL THEN revenue END)
      / NULLIF(sum(CASE WHEN revenue / NULLIF(land_mu, 0) IS NOT NULL THEN land_mu END), 0) AS b2,
    2 * sum(CASE WHEN tax / NULLIF(energy_tce, 0) IS NOT NULL THEN tax END)
      / NULLIF(sum(CASE WHEN tax / NULLIF(energy_tce, 0) IS NOT NULL THEN energy_tce END), 0) AS b3
  FROM pooled WHERE year = {year} - 1 AND pool GROUP BY region
), scored AS (
  SELECT p.*, CASE WHEN p.pool AND p.tax / NULLIF(p.land_mu, 0) IS NOT NULL THEN 0.0
      + coalesce(p.tax / NULLIF(p.land_mu, 0) / NULLIF(b.b1, 0) * 45, 0)
      + coalesce(p.revenue / NULLIF(p.land_mu, 0) / NULLIF(b.b2, 0) * 35, 0)
      + coalesce(p.tax / NULLIF(p.energy_tce, 0) / NULLIF(b.b3, 0) * 20, 0) END AS score,
    0 AS grp, (p.util OR p.new) AND p.in_scope AS special
  FROM pooled p LEFT JOIN bench b USING (region) WHERE p.year = {year}
)
{ranked}
SELECT credit_code,
       CASE WHEN util AND in_scope THEN 'utilities' WHEN new AND in_scope THEN 'new_firms'
            WHEN above_scale THEN 'above' WHEN big_land THEN 'below' ELSE 'below_small' END AS cohort,
       score, rank, {classes} AS class
FROM ranked
"""

CLASSES = ("CASE WHEN special THEN 'T' WHEN score IS NULL THEN NULL WHEN rank <= 0.2 * n + 1e-9 THEN 'A' "
           "WHEN rank <= 0.6 * n + 1e-9 THEN 'B' WHEN rank <= 0.95 * n + 1e-9 THEN 'C' ELSE 'D' END")

#: One window carrying every column of ``scored``.
WIDE = """, ranked AS (
  SELECT *, CASE WHEN score IS NOT NULL THEN rank() OVER w END AS rank, count(round(score, 6)) OVER w0 AS n
  FROM scored
  WINDOW w AS (PARTITION BY region, grp ORDER BY round(score, 6) DESC), w0 AS (PARTITION BY region, grp)
)"""

#: Two passes: the window sorts integers only (row number, partition, key), then joins back.
NARROW = """, r AS (
  SELECT rid, CASE WHEN key IS NOT NULL THEN rank() OVER w END AS rank, count(key) OVER w0 AS n
  FROM (SELECT rid, region, grp, round(score, 6) AS key FROM scored)
  WINDOW w AS (PARTITION BY region, grp ORDER BY key DESC), w0 AS (PARTITION BY region, grp)
), ranked AS (SELECT s.*, r.rank, r.n FROM scored s JOIN r USING (rid))"""


def hand_sql(rid: str, src: str, *, int_key: bool = False, narrow: bool = False) -> str:
    template = HUANGYAN if rid == "huangyan-2022" else HUAIAN
    return template.format(
        src=src, year=YEAR, part="CAST(region_code AS INTEGER)" if int_key else "region_code",
        rowid="file_row_number AS rid," if narrow else "", ranked=NARROW if narrow else WIDE,
        classes=CLASSES)


def xinzhi_sql(panel: Path) -> dict[str, str]:
    """Xinzhi's compiled query of each rulebook (publish columns), over ``read_parquet(panel)``."""
    import ibis

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from xinzhi.backends import connect, read_parquet
    from xinzhi.evaluation import evaluate_permu, load_rulebook

    con = connect("duckdb", threads=2)
    table = read_parquet(con, panel, table_name="panel")
    out = {}
    for rid in RULEBOOKS:
        expr = evaluate_permu(table, load_rulebook(rid), year=YEAR, reasons=False)
        expr = expr.select("credit_code", "cohort", "score", "rank", "class")
        sql = str(ibis.to_sql(expr, dialect="duckdb"))
        out[rid] = sql.replace('"panel"', f"read_parquet('{panel}')")
    return out


def connection(profile: str | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for s in ("SET threads = 2", "SET memory_limit = '1600MB'", "SET enable_progress_bar = false",
              "SET preserve_insertion_order = false"):
        con.execute(s)
    if profile:
        con.execute("PRAGMA enable_profiling = 'json'")
        con.execute(f"PRAGMA profiling_output = '{profile}'")
    return con


#: Parquet writer settings tried on Xinzhi's own query (variant name → COPY options).
WRITERS = {"xinzhi+uncompressed": "COMPRESSION uncompressed", "xinzhi+lz4": "COMPRESSION lz4",
           "xinzhi+zstd1": "COMPRESSION zstd, COMPRESSION_LEVEL 1", "xinzhi+rowgroup1M": "ROW_GROUP_SIZE 1000000",
           "xinzhi+v2": "PARQUET_VERSION V2"}


def run(sql: str, out: Path, profile: Path | None = None, options: str = "") -> tuple[float, float]:
    con = connection(str(profile) if profile else None)
    t0, c0 = time.perf_counter(), time.process_time()
    con.execute(f"COPY ({sql}) TO '{out}' (FORMAT parquet{', ' + options if options else ''})")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    con.close()
    return wall, cpu


def operators(profile: Path) -> tuple[dict[str, float], dict[str, Any]]:
    """CPU seconds per operator type in a DuckDB JSON profile (summed over the plan), and the
    query's totals (CPU time, peak buffer memory, bytes spilled)."""
    tree = json.loads(profile.read_text())
    sums: dict[str, float] = defaultdict(float)

    def walk(node: dict[str, Any]) -> None:
        kind = str(node.get("type") or node.get("name") or "?")
        if kind == "TABLE_SCAN":
            kind = str((node.get("extra_info") or {}).get("Function", kind))
        sums[kind] += float(node.get("timing") or 0.0)
        for child in node.get("children", []):
            walk(child)

    for root in tree.get("operator", tree.get("children", [])):
        walk(root)
    totals = {"cpu_time": tree.get("query", {}).get("cpu_time", tree.get("cpu_time")),
              "peak_buffer_mb": (tree.get("system", {}).get("peak_buffer_memory") or 0) / 2**20,
              "spilled_mb": (tree.get("system", {}).get("total_bytes_spilled") or 0) / 2**20}
    return dict(sorted(sums.items(), key=lambda kv: -kv[1])), totals


def agree(a: Path, b: Path) -> tuple[int, int, int]:
    q = (f"SELECT count(*), sum(CASE WHEN x.class IS NOT DISTINCT FROM y.class THEN 1 ELSE 0 END), "
         f"sum(CASE WHEN x.rank IS NOT DISTINCT FROM y.rank THEN 1 ELSE 0 END) "
         f"FROM read_parquet('{a}') x JOIN read_parquet('{b}') y USING (credit_code)")
    n, c, r = duckdb.connect().execute(q).fetchall()[0]
    return int(n), int(c), int(r)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--panel", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--variants", default="xinzhi,hand,hand+int,hand+narrow,hand+int+narrow,by-year,sorted,"
                    + ",".join(WRITERS))
    a = ap.parse_args()
    panel = a.panel.resolve()
    work = Path(tempfile.mkdtemp(prefix="xinzhi-profile-"))
    src = f"read_parquet('{panel}', file_row_number = true)"
    by_year, sorted_panel = work / "by_year", work / "sorted.parquet"
    wanted = set(a.variants.split(","))
    con = connection()
    t0 = time.perf_counter()
    if "by-year" in wanted:
        con.execute(f"COPY (SELECT * FROM read_parquet('{panel}')) TO '{by_year}' (FORMAT parquet, PARTITION_BY (year))")
    if "sorted" in wanted:
        con.execute(f"COPY (SELECT * FROM read_parquet('{panel}') ORDER BY year, region_code, credit_code) "
                    f"TO '{sorted_panel}' (FORMAT parquet)")
    con.close()
    sys.stdout.write(f"derived inputs written in {time.perf_counter() - t0:.1f} s (not timed)\n")
    x_sql = xinzhi_sql(panel)

    sys.stdout.write(f"\n1. Profile of Xinzhi's query (DuckDB JSON profiler), load {os.getloadavg()[0]:.1f}\n")
    for rid in RULEBOOKS:
        prof = work / f"profile-{rid}.json"
        wall, cpu = run(x_sql[rid], work / f"profile-{rid}.parquet", prof)
        ops, totals = operators(prof)
        total = sum(ops.values()) or 1.0
        sys.stdout.write(f"  {rid}: wall {wall:.2f} s, process CPU {cpu:.2f} s, operators {total:.2f} CPU-s, "
                         f"peak buffer {totals['peak_buffer_mb']:.0f} MB, spilled {totals['spilled_mb']:.0f} MB\n")
        for name, sec in list(ops.items())[:9]:
            sys.stdout.write(f"    {name:28s} {sec:6.2f} CPU-s ({sec / total:4.0%})\n")

    variants = {
        "xinzhi": lambda rid: x_sql[rid],
        "hand": lambda rid: hand_sql(rid, src),
        "hand+int": lambda rid: hand_sql(rid, src, int_key=True),
        "hand+narrow": lambda rid: hand_sql(rid, src, narrow=True),
        "hand+int+narrow": lambda rid: hand_sql(rid, src, int_key=True, narrow=True),
        "by-year": lambda rid: hand_sql(rid, f"read_parquet('{by_year}/*/*.parquet', hive_partitioning = true, "
                                              f"file_row_number = true)", int_key=True),
        "sorted": lambda rid: hand_sql(rid, f"read_parquet('{sorted_panel}', file_row_number = true)", int_key=True),
    }
    variants.update({w: (lambda rid: x_sql[rid]) for w in WRITERS})
    chosen = [v for v in a.variants.split(",") if v in variants]
    times: dict[str, list[tuple[float, float]]] = {v: [] for v in chosen}
    sys.stdout.write(f"\n2. Variants, both rulebooks, {a.repeat} alternating runs\n")
    for k in range(a.repeat):
        for v in chosen:
            wall = cpu = 0.0
            for rid in RULEBOOKS:
                w, c = run(variants[v](rid), work / f"{v}-{rid}.parquet", options=WRITERS.get(v, ""))
                wall, cpu = wall + w, cpu + c
            times[v].append((wall, cpu))
            sys.stdout.write(f"  run {k + 1} {v:16s} {wall:6.2f} s (CPU {cpu:5.2f} s), load {os.getloadavg()[0]:.1f}\n")
            sys.stdout.flush()
    base = statistics.median(w for w, _ in times["xinzhi"]) if "xinzhi" in times else None
    sys.stdout.write("\n  variant            median wall   median CPU   vs Xinzhi   agreement with Xinzhi (classes, ranks)\n")
    for v in chosen:
        w = statistics.median(t for t, _ in times[v])
        c = statistics.median(t for _, t in times[v])
        checks = []
        for rid in RULEBOOKS:
            n, same_c, same_r = agree(work / f"xinzhi-{rid}.parquet", work / f"{v}-{rid}.parquet") \
                if "xinzhi" in times else (0, 0, 0)
            checks.append(f"{rid} {same_c:,}/{n:,}, {same_r:,}/{n:,}")
        ratio = f"{base / w:5.2f}x" if base else "   -"
        sys.stdout.write(f"  {v:16s} {w:9.2f} s   {c:8.2f} s   {ratio}    {'; '.join(checks)}\n")


if __name__ == "__main__":
    main()
