"""Spark and Ray, end to end on the fixture articles. Slow (a JVM, a Ray
cluster) and heavy to install, so they run only when asked:

    ARTLINT_TEST_SPARK=1 pytest python/tests/test_engines.py   # needs pyspark[connect], Java 17
    ARTLINT_TEST_RAY=1 pytest python/tests/test_engines.py     # needs ray[data]
"""

import os
import sys

import pytest

import artlint

spark_only = pytest.mark.skipif(os.environ.get("ARTLINT_TEST_SPARK") != "1", reason="set ARTLINT_TEST_SPARK=1")
ray_only = pytest.mark.skipif(os.environ.get("ARTLINT_TEST_RAY") != "1", reason="set ARTLINT_TEST_RAY=1")


def expected(articles):
    return [[(f.rule, f.start, f.end) for f in found] for found in artlint.Linter().lint_many(articles)]


def spark_findings(builder, articles):
    from artlint.arrow import FINDING_DDL, map_batches

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = builder.getOrCreate()
    try:
        df = spark.createDataFrame([(str(i), t) for i, t in enumerate(articles)], "id string, text string")
        rows = df.mapInArrow(map_batches, f"id string, text string, artlint {FINDING_DDL}").collect()
    finally:
        spark.stop()
    rows.sort(key=lambda r: int(r["id"]))
    return [[(f["rule"], f["start"], f["end"]) for f in r["artlint"]] for r in rows]


@spark_only
@pytest.mark.parametrize("connect", [False, True], ids=["classic", "connect"])
def test_spark_map_in_arrow(articles, connect):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("artlint-test")
    builder = builder.remote("local[2]") if connect else builder.master("local[2]")
    assert spark_findings(builder, articles) == expected(articles)


@ray_only
def test_ray_map_batches(articles):
    import pyarrow as pa
    import ray

    from artlint.arrow import with_findings

    class Lint:
        def __init__(self):
            self.linter = artlint.Linter()

        def __call__(self, batch):
            return with_findings(self.linter, batch)

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.from_items([{"id": i, "text": t} for i, t in enumerate(articles)])
        out = ds.map_batches(Lint, batch_format="pyarrow", concurrency=1, num_cpus=1)
        table = pa.concat_tables(ray.get(out.to_arrow_refs())).sort_by("id")
    finally:
        ray.shutdown()
    got = [[(f["rule"], f["start"], f["end"]) for f in row] for row in table.column("artlint").to_pylist()]
    assert got == expected(articles)
