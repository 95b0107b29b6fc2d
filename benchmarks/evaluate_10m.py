"""Benchmark: 亩均 evaluation of 10 million enterprise-year rows, Xinzhi vs a plain pandas version.

Generates a synthetic panel (rows/2 firms × 2023-2024, Parquet, not timed), then in separate
processes (so each peak RSS is its own):

* Xinzhi on DuckDB: the 黄岩 2022 and 淮安 2024 rulebooks compiled to Ibis and streamed to Parquet
  by DuckDB (2 threads, ``--memory-limit``). By default it writes what an evaluation publishes:
  credit_code, cohort, score, rank and class (``--output publish``). ``--output full`` writes every
  result column (indicator values and points, levers, reason flags, ...); ``--output classes``
  writes credit_code and class; ``--reasons`` adds the reasons text column to the full result;
* pandas: the same rules written directly (group-by transforms, rank(method="min")), writing
  credit_code, cohort, score, rank and class whatever ``--output`` says;
* Polars: the same rules as a Polars user writes them (lazy scan, window expressions,
  ``sink_parquet``), two threads, writing the same five columns;
* optionally Xinzhi on Spark local[2] (``--spark``).

The sides alternate (Xinzhi, pandas, Polars, Xinzhi, ...). Prints the times, the ratios per run
pair, peak memory, the load average after each run, and whether Xinzhi's and Polars' classes and
ranks agree with pandas' firm by firm.

    .venv/bin/python benchmarks/evaluate_10m.py --repeat 2     # 10,000,000 rows, medians of 2
    .venv/bin/python benchmarks/evaluate_10m.py --repeat 5 --pandas-repeat 1   # Xinzhi vs Polars
    .venv/bin/python benchmarks/evaluate_10m.py --repeat 2 --output full
    .venv/bin/python benchmarks/evaluate_10m.py --rows 1000000 --spark
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

YEAR = 2024
RULEBOOKS = ("huangyan-2022", "huaian-2024")
#: Result columns written by ``--output``; ``full`` writes every column.
OUTPUTS = {"publish": ("credit_code", "cohort", "score", "rank", "class"), "classes": ("credit_code", "class")}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def xinzhi_run(panel: str, out_dir: str, engine: str, reasons: bool, memory_limit: str, output: str,
               queue: Any) -> None:
    from xinzhi.backends import connect, read_parquet
    from xinzhi.evaluation import evaluate_permu, load_rulebook

    t0 = time.perf_counter()
    con = connect(engine, threads=2, memory_limit=memory_limit) if engine == "duckdb" else connect(engine)
    t_start = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = read_parquet(con, panel, table_name="panel")
    for rid in RULEBOOKS:
        expr = evaluate_permu(table, load_rulebook(rid), year=YEAR, reasons=reasons)
        if output in OUTPUTS:
            expr = expr.select(*OUTPUTS[output])
        target = f"{out_dir}/{engine}-{rid}.parquet"
        con.to_parquet(expr, target)
    queue.put({"seconds": time.perf_counter() - t0, "startup": t_start, "peak_mb": _peak_mb()})


def pandas_run(panel: str, out_dir: str, queue: Any) -> None:
    import numpy as np
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_parquet(panel)

    def ratio(a: pd.Series, b: pd.Series) -> pd.Series:
        return a / b.where(b != 0)

    def classes(score: pd.Series, groups: list[pd.Series], cutoffs: list[float],
                order: list[str]) -> tuple[pd.Series, pd.Series]:
        key = score.round(6)
        rank = key.groupby(groups).rank(method="min", ascending=False)
        n = key.groupby(groups).transform("count")
        out = pd.Series(order[-1], index=score.index, dtype=object)
        for cut, name in reversed(list(zip(cutoffs, order, strict=False))):
            out = out.mask(rank <= cut * n + 1e-9, name)
        return out.where(score.notna()), rank.astype("Int64")

    def publish(cur: pd.DataFrame, cohort: pd.Series, score: pd.Series, rank: pd.Series, cls: pd.Series,
                rid: str) -> None:
        pd.DataFrame({"credit_code": cur.credit_code, "cohort": cohort, "score": score, "rank": rank,
                      "class": cls}).to_parquet(f"{out_dir}/pandas-{rid}.parquet")

    # 黄岩 2022 (fixed benchmarks)
    cur = df[df.year == YEAR].copy()
    util = cur.industry_code.str[:2].isin(["44", "45", "46"])
    above = ~util & cur.above_scale
    below = ~util & ~cur.above_scale & (cur.land_mu >= 3)
    items = [(ratio(cur.tax, cur.land_mu), 24.097, 30), (ratio(cur.value_added, cur.land_mu), 136.16, 20),
             (ratio(cur.value_added, cur.energy_tce), 2.694, 20), (ratio(cur.value_added, cur.employees), 18.14, 10),
             (ratio(cur.rd_spending, cur.main_revenue), 0.0302, 10)]
    s_above = sum((v / b * w).fillna(0.0) for v, b, w in items)
    emis = ratio(cur.value_added, cur.emissions) / 4929.81 * 10
    emis_mean = emis.where(above).groupby(cur.region_code).transform("mean")
    s_above = s_above + emis.fillna(emis_mean).fillna(0.0)
    s_below = (ratio(cur.tax, cur.land_mu) / 11.5932 * 50).fillna(0.0) + (ratio(cur.tax, cur.electricity) / 0.2352 * 50).fillna(0.0)
    # 亩均税收 is required (missing: not_evaluated): no tax or no land is 数据不全, not ranked
    complete = ratio(cur.tax, cur.land_mu).notna()
    score = pd.Series(np.nan, index=cur.index).mask(above, s_above).mask(below, s_below).where(complete)
    cohort = pd.Series("none", index=cur.index).mask(below, "below").mask(above, "above")
    cls, rank = classes(score, [cur.region_code, cohort], [0.2, 0.6, 0.95], ["A", "B", "C", "D"])
    # scope first: a utility is T only inside the scope (规上, or 规下 with >= 3 亩)
    in_scope = cur.above_scale | (cur.land_mu >= 3)
    small = ~cur.above_scale & ~(cur.land_mu >= 3)
    cohort = cohort.mask(util & in_scope, "utilities").mask(small, "below_small")
    publish(cur, cohort, score, rank, cls.mask(util & in_scope, "T"), "huangyan-2022")

    # 淮安 2024 (2 × previous-year county Σnum/Σden over the pool)
    util_all = df.industry_code.str[:2].isin(["44", "45", "46"])
    new_all = (df.year - df.established_year) < 2
    pool = ~util_all & ~new_all & (df.above_scale | (df.land_mu >= 3))
    prev = df[(df.year == YEAR - 1) & pool]
    bench = {}
    for name, num, den in (("tax_mu", "tax", "land_mu"), ("sales_mu", "revenue", "land_mu"), ("tax_energy", "tax", "energy_tce")):
        ok = ratio(prev[num], prev[den]).notna()
        bench[name] = 2 * prev[num].where(ok).groupby(prev.region_code).sum() / prev[den].where(ok).groupby(prev.region_code).sum().replace(0, np.nan)
    cur = df[df.year == YEAR].copy()
    inpool = pool[cur.index]
    s = 0.0
    for name, num, den, w in (("tax_mu", "tax", "land_mu", 45), ("sales_mu", "revenue", "land_mu", 35), ("tax_energy", "tax", "energy_tce", 20)):
        b = cur.region_code.map(bench[name])
        s = s + (ratio(cur[num], cur[den]) / b.where(b != 0) * w).fillna(0.0)
    score = s.where(inpool & ratio(cur.tax, cur.land_mu).notna())  # 亩均税收 required: 数据不全 is not ranked
    cls, rank = classes(score, [cur.region_code], [0.2, 0.6, 0.95], ["A", "B", "C", "D"])
    # scope first: utilities and new firms are T only inside the scope (规上, or 规下 with >= 3 亩)
    in_scope = cur.above_scale | (cur.land_mu >= 3)
    u, n = util_all[cur.index] & in_scope, new_all[cur.index] & in_scope
    cls = cls.mask(u | n, "T")
    cohort = (pd.Series("below_small", index=cur.index).mask(cur.land_mu >= 3, "below")
              .mask(cur.above_scale, "above").mask(n, "new_firms").mask(u, "utilities"))
    publish(cur, cohort, score, rank, cls, "huaian-2024")
    queue.put({"seconds": time.perf_counter() - t0, "peak_mb": _peak_mb()})


def polars_run(panel: str, out_dir: str, queue: Any) -> None:
    """The same two rulebooks in Polars, as a Polars user would write them: one lazy scan, the
    cohort rules and scores as expressions, group statistics and ranks as window expressions
    (``.over``), the previous year's county benchmarks as a lazy group-by joined back, and each
    result streamed to Parquet (``sink_parquet``). Two threads (``POLARS_MAX_THREADS``), as DuckDB.
    """
    import os

    os.environ["POLARS_MAX_THREADS"] = "2"
    import polars as pl

    t0 = time.perf_counter()
    lf = pl.scan_parquet(panel)
    c = pl.col

    def ratio(a: pl.Expr, b: pl.Expr) -> pl.Expr:
        return pl.when(b != 0).then(a / b)

    def classes(score: pl.Expr, groups: list[str | pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
        key = score.round(6)  # half to even, as numpy
        rank = key.rank("min", descending=True).over(groups)
        n = key.count().over(groups)
        cls = (pl.when(score.is_null()).then(None)
               .when(rank <= 0.2 * n + 1e-9).then(pl.lit("A"))
               .when(rank <= 0.6 * n + 1e-9).then(pl.lit("B"))
               .when(rank <= 0.95 * n + 1e-9).then(pl.lit("C"))
               .otherwise(pl.lit("D")))
        return cls, rank.cast(pl.Int64)

    def publish(frame: pl.LazyFrame, rid: str) -> None:
        frame.select("credit_code", "cohort", "score", "rank", "class").sink_parquet(f"{out_dir}/polars-{rid}.parquet")

    util = c.industry_code.str.slice(0, 2).is_in(["44", "45", "46"])
    big_land = (c.land_mu >= 3).fill_null(False)
    in_scope = c.above_scale | big_land  # scope first: T only inside it (规上, or 规下 with >= 3 亩)
    complete = ratio(c.tax, c.land_mu).is_not_null()  # 亩均税收 required: 数据不全 is not ranked

    # 黄岩 2022 (fixed benchmarks)
    above = ~util & c.above_scale
    below = ~util & ~c.above_scale & big_land
    items = [(ratio(c.tax, c.land_mu), 24.097, 30), (ratio(c.value_added, c.land_mu), 136.16, 20),
             (ratio(c.value_added, c.energy_tce), 2.694, 20), (ratio(c.value_added, c.employees), 18.14, 10),
             (ratio(c.rd_spending, c.main_revenue), 0.0302, 10)]
    s_above = pl.lit(0.0)
    for v, b, w in items:
        s_above = s_above + (v / b * w).fill_null(0.0)
    emis = ratio(c.value_added, c.emissions) / 4929.81 * 10
    s_above = s_above + emis.fill_null(pl.when(above).then(emis).mean().over("region_code")).fill_null(0.0)
    s_below = ((ratio(c.tax, c.land_mu) / 11.5932 * 50).fill_null(0.0)
               + (ratio(c.tax, c.electricity) / 0.2352 * 50).fill_null(0.0))
    cur = lf.filter(c.year == YEAR).with_columns(
        score=pl.when(above & complete).then(s_above).when(below & complete).then(s_below),
        group=pl.when(above).then(pl.lit("above")).when(below).then(pl.lit("below")).otherwise(pl.lit("none")),
    )
    cls, rank = classes(c.score, ["region_code", "group"])
    hy = cur.with_columns(**{"class": pl.when(util & in_scope).then(pl.lit("T")).otherwise(cls)}, rank=rank).with_columns(
        cohort=pl.when(util & in_scope).then(pl.lit("utilities")).when(~in_scope).then(pl.lit("below_small"))
        .otherwise(c.group))
    publish(hy, "huangyan-2022")

    # 淮安 2024 (2 × previous-year county Σnum/Σden over the pool)
    new = (c.year - c.established_year) < 2
    pool = ~util & ~new.fill_null(False) & (c.above_scale | (c.land_mu >= 3))
    parts = (("tax_mu", "tax", "land_mu", 45), ("sales_mu", "revenue", "land_mu", 35),
             ("tax_energy", "tax", "energy_tce", 20))
    aggs = []
    for name, num, den, _ in parts:
        ok = ratio(c(num), c(den)).is_not_null()
        aggs += [pl.when(ok).then(c(num)).sum().alias(f"{name}_n"), pl.when(ok).then(c(den)).sum().alias(f"{name}_d")]
    bench = (lf.filter((c.year == YEAR - 1) & pool).group_by("region_code").agg(aggs)
             .select("region_code", *[(2 * c(f"{n}_n") / pl.when(c(f"{n}_d") != 0).then(c(f"{n}_d"))).alias(f"b_{n}")
                                      for n, *_ in parts]))
    s = pl.lit(0.0)
    for name, num, den, w in parts:
        b = c(f"b_{name}")
        s = s + (ratio(c(num), c(den)) / pl.when(b != 0).then(b) * w).fill_null(0.0)
    cur = lf.filter(c.year == YEAR).join(bench, on="region_code", how="left").with_columns(
        score=pl.when(pool & complete).then(s))
    cls, rank = classes(c.score, ["region_code"])
    special = (util | new.fill_null(False)) & in_scope
    ha = cur.with_columns(**{"class": pl.when(special).then(pl.lit("T")).otherwise(cls)},
                          rank=rank,
                          cohort=pl.when(util & in_scope).then(pl.lit("utilities"))
                          .when(new.fill_null(False) & in_scope).then(pl.lit("new_firms"))
                          .when(c.above_scale).then(pl.lit("above")).when(big_land).then(pl.lit("below"))
                          .otherwise(pl.lit("below_small")))
    publish(ha, "huaian-2024")
    queue.put({"seconds": time.perf_counter() - t0, "peak_mb": _peak_mb()})


def _in_child(target: Any, *args: Any) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=target, args=(*args, q))
    p.start()
    out: dict[str, float] = q.get()
    p.join()
    out["load"] = os.getloadavg()[0]
    return out


def _progress(name: str, r: dict[str, float]) -> None:
    sys.stdout.write(f"  {name:7s} {r['seconds']:6.2f} s, peak RSS {r['peak_mb']:5.0f} MB, load {r['load']:.1f}\n")
    sys.stdout.flush()


def _agree(out_dir: Path, engine: str, column: str = "class") -> dict[str, tuple[int, int]]:
    import duckdb

    res = {}
    for rid in RULEBOOKS:
        x = out_dir / f"{engine}-{rid}.parquet"
        y = out_dir / f"pandas-{rid}.parquet"
        q = (f"SELECT count(*), sum(CASE WHEN a.{column} IS NOT DISTINCT FROM b.{column} THEN 1 ELSE 0 END) "
             f"FROM read_parquet('{x}/**/*.parquet' ) a JOIN read_parquet('{y}') b USING (credit_code)"
             if x.is_dir() else
             f"SELECT count(*), sum(CASE WHEN a.{column} IS NOT DISTINCT FROM b.{column} THEN 1 ELSE 0 END) "
             f"FROM read_parquet('{x}') a JOIN read_parquet('{y}') b USING (credit_code)")
        n, same = duckdb.connect().execute(q).fetchall()[0]
        res[rid] = (int(n), int(same))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000, help="enterprise-year rows (two years)")
    ap.add_argument("--spark", action="store_true", help="also run Xinzhi on Spark local[2]")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each side; medians are printed")
    ap.add_argument("--pandas-repeat", type=int, default=None,
                    help="runs of pandas (default --repeat; 1 keeps a long series short, its output is "
                         "still checked against Xinzhi's and Polars')")
    ap.add_argument("--no-polars", action="store_true", help="leave the Polars peer out")
    ap.add_argument("--reasons", action="store_true", help="also build the reasons text column")
    ap.add_argument("--memory-limit", default="1600MB", help="DuckDB memory_limit (it spills beyond)")
    ap.add_argument("--output", choices=("publish", "full", "classes"), default="publish",
                    help="Xinzhi writes credit_code, cohort, score, rank and class (publish, the default; "
                         "the pandas side always writes these), every result column (full), "
                         "or credit_code and class (classes)")
    args = ap.parse_args()
    if args.pandas_repeat is None:
        args.pandas_repeat = args.repeat
    from xinzhi.evaluation.synthetic import write_synthetic_panel

    work = args.workdir or Path(tempfile.mkdtemp(prefix="xinzhi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    panel = work / f"panel-{args.rows}.parquet"
    if not panel.exists():
        t0 = time.perf_counter()
        write_synthetic_panel(panel, args.rows // 2, years=(YEAR - 1, YEAR), seed=1)
        sys.stdout.write(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f} s -> {panel}\n")
    xs: list[dict[str, float]] = []
    ps: list[dict[str, float]] = []
    ls: list[dict[str, float]] = []
    for k in range(args.repeat):  # alternate the sides, so a change in machine load hits all
        xs.append(_in_child(xinzhi_run, str(panel), str(work), "duckdb", args.reasons, args.memory_limit, args.output))
        _progress("Xinzhi", xs[-1])
        if k < args.pandas_repeat:
            ps.append(_in_child(pandas_run, str(panel), str(work)))
            _progress("pandas", ps[-1])
        if not args.no_polars:
            ls.append(_in_child(polars_run, str(panel), str(work)))
            _progress("Polars", ls[-1])

    def med(rs: list[dict[str, float]]) -> dict[str, float]:
        return {k: statistics.median(r[k] for r in rs) for k in ("seconds", "peak_mb", "load")}

    def runs(rs: list[dict[str, float]]) -> str:
        return ", ".join(f"{r['seconds']:.2f}" for r in rs)

    x = med(xs)
    lines = [
        f"rows: {args.rows:,} enterprise-years ({args.rows // 2:,} firms × 2 years); rulebooks: {', '.join(RULEBOOKS)}",
        f"Xinzhi output: {'every result column' if args.output == 'full' else ', '.join(OUTPUTS[args.output])}; "
        f"pandas and Polars output: {', '.join(OUTPUTS['publish'])}; reasons text: "
        f"{'yes' if args.reasons else 'no (reason flags only)'}; DuckDB memory_limit {args.memory_limit}",
        f"Xinzhi (Ibis → DuckDB): median {x['seconds']:.2f} s (runs {runs(xs)}), peak RSS {x['peak_mb']:.0f} MB, "
        f"load {x['load']:.1f}",
    ]
    for name, rs in (("pandas", ps), ("Polars", ls)):
        if rs:
            m = med(rs)
            pairs = [r["seconds"] / q["seconds"] for q, r in zip(xs, rs, strict=False)]
            lines.append(f"{name + ':':23s} median {m['seconds']:.2f} s (runs {runs(rs)}), peak RSS {m['peak_mb']:.0f} MB, "
                         f"load {m['load']:.1f}")
            lines.append(f"ratio {name} / Xinzhi:  {m['seconds'] / x['seconds']:.2f}× (per run pair "
                         f"{', '.join(f'{v:.2f}' for v in pairs)})")
    if ps:
        for engine, label in (("duckdb", "Xinzhi"), *((("polars", "Polars"),) if ls else ())):
            for rid, (n, same) in _agree(work, engine).items():
                lines.append(f"{label} classes agree with pandas ({rid}): {same:,} / {n:,} {'YES' if n == same else 'NO'}")
            if args.output != "classes" or engine == "polars":
                for rid, (n, same) in _agree(work, engine, "rank").items():
                    lines.append(f"{label} ranks agree with pandas ({rid}): {same:,} / {n:,} {'YES' if n == same else 'NO'}")
    if args.spark:
        s = _in_child(xinzhi_run, str(panel), str(work), "spark", args.reasons, args.memory_limit, args.output)
        lines.append(f"Xinzhi (Ibis → Spark local[2]): {s['seconds']:.2f} s (+ {s['startup']:.1f} s session start), "
                     f"driver peak RSS {s['peak_mb']:.0f} MB")
        for rid, (n, same) in _agree(work, "spark").items():
            lines.append(f"Spark classes agree with pandas ({rid}): {same:,} / {n:,} {'YES' if n == same else 'NO'}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
