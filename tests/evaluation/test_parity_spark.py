"""The same compiled rulebooks on DuckDB and on Spark: identical classes, scores equal to 1e-9.

One SparkSession for the module (4 shuffle partitions), the panel registered once per engine,
and one collect per rulebook and engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from xinzhi.backends import connect, read_parquet
from xinzhi.evaluation import evaluate_permu, load_rulebook
from xinzhi.evaluation.synthetic import write_synthetic_panel

pytestmark = pytest.mark.spark
N_FIRMS = 100_000


@pytest.fixture(scope="module")
def panel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_panel(tmp_path_factory.mktemp("parity") / "panel.parquet", N_FIRMS, seed=7)


@pytest.fixture(scope="module")
def tables(panel_path: Path) -> Iterator[tuple[Any, Any]]:
    pytest.importorskip("pyspark")
    spark_con = connect("spark", shuffle_partitions=4)
    duck = read_parquet(connect("duckdb"), panel_path, table_name="panel")
    spark = read_parquet(spark_con, panel_path, table_name="panel")
    yield duck, spark


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("credit_code").reset_index(drop=True)


@pytest.mark.parametrize("rulebook", ["huangyan-2022", "huaian-2024", "changle-2023", "sichuan-parks-2022"])
def test_duckdb_and_spark_agree(tables: tuple[Any, Any], rulebook: str) -> None:
    book = load_rulebook(rulebook)
    duck, spark = tables
    a = _sorted(evaluate_permu(duck, book, year=2024).to_pandas())
    b = _sorted(evaluate_permu(spark, book, year=2024).to_pandas())
    assert len(a) == len(b) == N_FIRMS
    assert a["credit_code"].tolist() == b["credit_code"].tolist()
    for col in ("class", "class_by_rank", "cohort", "status", "benefits", "reasons"):
        assert a[col].fillna("<NA>").tolist() == b[col].fillna("<NA>").tolist(), col
    for col in ("rank", "group_size", "reason_flags", "n_missing", "over_weight"):
        assert a[col].fillna(-1).astype("int64").tolist() == b[col].fillna(-1).astype("int64").tolist(), col
    floats = ["score", "surcharge", "max_item_ratio", *[c for c in a.columns if c.startswith(("v_", "s_"))]]
    for col in floats:
        x, y = a[col].to_numpy(dtype="float64", na_value=np.nan), b[col].to_numpy(dtype="float64", na_value=np.nan)
        assert np.array_equal(np.isnan(x), np.isnan(y)), col
        assert np.nanmax(np.abs(x - y), initial=0.0) <= 1e-9, col
    # the classes are not degenerate: every class the ranking can give occurs (Sichuan's D comes
    # only from a city's criteria: its last cumulative cutoff is 100 %)
    rule = book.classes
    by_rank = rule.order[:-1] if rule.method == "rank_share" and rule.cutoffs[-1] >= 1 else rule.order
    assert set(by_rank) <= set(a["class"].dropna())
