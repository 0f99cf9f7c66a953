"""Ray Data: findings per record with ``map_batches`` (Arrow batches, one
linter per actor, each batch linted on every core with ``lint_many``).

    python python/examples/ray_map_batches.py [--input shards/]
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import ray

import artlint
from artlint.arrow import with_findings
from common import count_records, shards, timed


class Lint:
    """A Ray actor: the linter is compiled once per actor, not per batch.
    One actor reserving one CPU is enough: ``lint_many`` runs on every core
    (and a read task needs the other CPU slot, or the pipeline stalls)."""

    def __init__(self):
        self.linter = artlint.Linter()

    def __call__(self, batch: pa.Table) -> pa.Table:
        return with_findings(self.linter, batch)


def main() -> None:
    paths = shards(__doc__)
    records = count_records(paths)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    with timed("ray map_batches (start-up excluded)", records):
        ds = ray.data.read_json([str(p) for p in paths], lines=True)
        linted = ds.map_batches(Lint, batch_format="pyarrow", batch_size=256, concurrency=1, num_cpus=1)
        table = pa.concat_tables(ray.get(linted.to_arrow_refs()))
    findings = pc.list_flatten(table.column("artlint"))
    rules = pc.value_counts(pc.struct_field(findings, "rule")).to_pylist()
    top = sorted(rules, key=lambda r: -r["counts"])[:3]
    print(f"records out: {table.num_rows}, findings: {len(findings)}, top rules: {[(r['values'], r['counts']) for r in top]}")
    ray.shutdown()


if __name__ == "__main__":
    main()
