"""Spark: the CLI's streaming mode behind ``RDD.pipe`` (classic Spark only:
Spark Connect has no RDDs). Each partition's lines go to one ``artlint``
process, which writes exactly one JSON line per record.

    python python/examples/spark_pipe.py [--artlint /abs/path/artlint] [--input shards/]

PySpark starts the command with an empty environment: give the CLI by an
absolute path (the default is target/release/artlint, else PATH).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from pyspark.sql import SparkSession

from common import count_records, shards, timed

REPO = Path(__file__).resolve().parents[2]


def cli_path() -> str:
    if "--artlint" in sys.argv:
        i = sys.argv.index("--artlint")
        path = sys.argv[i + 1]
        del sys.argv[i : i + 2]
        return os.path.abspath(path)
    built = REPO / "target" / "release" / "artlint"
    found = str(built) if built.exists() else shutil.which("artlint")
    if not found:
        sys.exit("no artlint CLI: build it (cargo build --release) or pass --artlint")
    return os.path.abspath(found)


def main() -> None:
    cli = cli_path()
    paths = shards(__doc__)
    records = count_records(paths)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = SparkSession.builder.master("local[2]").appName("artlint-pipe").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    command = f"{cli} check --input-format jsonl --format json-lines --offsets chars -"
    with timed("spark RDD.pipe + CLI streaming, start-up excluded", records):
        lines = spark.sparkContext.textFile(",".join(str(p) for p in paths))
        out = lines.pipe(command).map(json.loads)
        found = out.map(lambda r: len(r.get("diagnostics", []))).collect()
    print(f"records in: {records} lines out: {len(found)} findings: {sum(found)}")
    spark.stop()


if __name__ == "__main__":
    main()
