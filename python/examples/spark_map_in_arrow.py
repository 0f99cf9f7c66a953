"""Spark: findings per record with ``DataFrame.mapInArrow``: each partition
builds one linter and lints each Arrow batch with ``lint_many`` (every core,
GIL released). The same code runs under Spark Connect (``--connect``: a
local Spark Connect server is started, the client talks to it over gRPC).

    python python/examples/spark_map_in_arrow.py [--connect] [--input shards/]

Needs ``pyspark`` (``pyspark[connect]`` for ``--connect``) and Java 17.
"""

from __future__ import annotations

import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from artlint.arrow import FINDING_DDL, map_batches
from common import count_records, shards, timed


def lint_partition(batches):
    """Runs in the Python worker: one linter for the whole partition."""
    return map_batches(batches, text_column="text")


def main() -> None:
    connect = "--connect" in sys.argv
    if connect:
        sys.argv.remove("--connect")
    paths = shards(__doc__)
    records = count_records(paths)
    # The workers must import artlint: run them with this interpreter.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName("artlint")
    builder = builder.remote("local[2]") if connect else builder.master("local[2]")
    spark = builder.config("spark.sql.shuffle.partitions", "2").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR") if not connect else None
    label = f"spark mapInArrow{' (Spark Connect)' if connect else ''}, start-up excluded"
    with timed(label, records):
        df = spark.read.json([str(p) for p in paths]).select("id", "text")
        linted = df.mapInArrow(lint_partition, f"id string, text string, artlint {FINDING_DDL}").persist()
        # The first action lints (once: the result is kept for the second).
        out = linted.count()
        by_rule = (
            linted.select(F.explode("artlint.rule").alias("rule"))
            .groupBy("rule")
            .count()
            .orderBy(F.desc("count"))
            .collect()
        )
    print(f"records out: {out}, findings: {sum(r['count'] for r in by_rule)}, top rules: {[(r['rule'], r['count']) for r in by_rule[:3]]}")
    spark.stop()


if __name__ == "__main__":
    main()
