"""A 亩均 evaluation as a Spark job: the same rulebook, compiled to the same Ibis expression as on
DuckDB, run on the cluster that ``spark-submit`` gives it.

Submit it with Xinzhi installed on the driver and the executors (a wheel in the cluster's
Python environment, or ``--py-files`` with a zip of ``src/xinzhi`` and its pure-Python
dependencies), for example::

    spark-submit --master yarn --deploy-mode client \\
        --conf spark.sql.ansi.enabled=true --conf spark.sql.shuffle.partitions=400 \\
        --conf spark.sql.execution.arrow.pyspark.enabled=true \\
        benchmarks/evaluate_spark_submit.py \\
        --panel hdfs:///data/permu/panel/ --out hdfs:///data/permu/results/ \\
        --rulebook huangyan-2022 --rulebook huaian-2024 --year 2024

On one machine the same script runs with ``--master local[2]`` (what the 1M-row figure in
docs/benchmarks.md measures). ANSI mode stays on as in ``xinzhi.backends.spark.session``: a
division that a rulebook failed to guard then raises instead of giving NULL.
"""

from __future__ import annotations

import argparse
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--panel", required=True, help="Parquet file or folder of enterprise-year rows")
    ap.add_argument("--out", required=True, help="folder for one Parquet result per rulebook")
    ap.add_argument("--rulebook", action="append", required=True, help="shipped id or YAML path")
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--columns", default="credit_code,cohort,score,rank,class",
                    help="result columns to write ('' for all)")
    a = ap.parse_args()

    from pyspark.sql import SparkSession

    from xinzhi.backends.spark import connect
    from xinzhi.evaluation import evaluate_permu, load_rulebook

    t0 = time.perf_counter()
    spark = SparkSession.builder.appName("xinzhi-permu").getOrCreate()  # the cluster's session
    spark.conf.set("spark.sql.ansi.enabled", "true")
    spark.sparkContext.setLogLevel("WARN")
    con = connect(spark_session=spark)
    panel = con.read_parquet(a.panel, table_name="panel")
    started = time.perf_counter() - t0
    for rid in a.rulebook:
        t1 = time.perf_counter()
        expr = evaluate_permu(panel, load_rulebook(rid), year=a.year, reasons=False)
        if a.columns:
            expr = expr.select(*a.columns.split(","))
        target = f"{a.out.rstrip('/')}/{rid.rsplit('/', 1)[-1].removesuffix('.yaml')}"
        con.to_parquet(expr, target)
        sys.stdout.write(f"{rid}: {time.perf_counter() - t1:.1f} s -> {target}\n")
    sys.stdout.write(f"session and input: {started:.1f} s; total {time.perf_counter() - t0:.1f} s\n")
    spark.stop()


if __name__ == "__main__":
    main()
