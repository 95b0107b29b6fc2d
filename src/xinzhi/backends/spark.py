"""Apache Spark (PySpark local mode by default): the scale-out engine.

Spark 4 runs with ANSI SQL on, so a division by zero raises instead of giving NULL; rulebook
formulas guard every denominator, and this module keeps ANSI on so a missed guard fails loudly.
"""

from __future__ import annotations

import logging
import os
from typing import Any

__all__ = ["connect", "session"]

logger = logging.getLogger(__name__)


def session(*, master: str = "local[2]", app_name: str = "xinzhi", shuffle_partitions: int = 4,
            driver_memory: str = "2g") -> Any:
    """Get or create a SparkSession: ANSI on, UI off, quiet logs, few shuffle partitions.

    Parameters
    ----------
    master : str, default="local[2]"
        Spark master URL; ``local[2]`` runs in this machine's JVM with two threads.
    shuffle_partitions : int, default=4
        ``spark.sql.shuffle.partitions`` (Spark's 200 is far too many for one machine).
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", "python3"))
    spark = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    logging.getLogger("py4j").setLevel(logging.ERROR)
    return spark


def connect(*, spark_session: Any = None, **options: Any) -> Any:
    """An Ibis PySpark backend on ``spark_session`` (or on :func:`session` with ``options``)."""
    import ibis

    return ibis.pyspark.connect(spark_session if spark_session is not None else session(**options))
