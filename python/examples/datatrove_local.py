"""datatrove: annotate and filter JSONL shards with the local executor.

Reader -> ArtlintAnnotator (counts and dolma-style spans in metadata) ->
ArtlintFilter (drop pages with template residue or too many findings) ->
JsonlWriter; one task per shard, two worker processes.

    python python/examples/datatrove_local.py [--input shards/]
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from artlint.datatrove import ArtlintAnnotator, ArtlintFilter
from common import count_records, shards, timed


def main() -> None:
    paths = shards(__doc__)
    records = count_records(paths)
    out = Path(tempfile.mkdtemp(prefix="artlint-datatrove-"))
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(paths[0].parent), glob_pattern="*.jsonl"),
            ArtlintAnnotator(),
            # At most 50 findings at warning or above, and at most 5 from the
            # scrape/* rules (menus, share links, template lines).
            ArtlintFilter(
                thresholds={"scrape/*": 5, "*": 50},
                exclusion_writer=JsonlWriter(str(out / "dropped"), compression=None),
            ),
            JsonlWriter(str(out / "kept"), compression=None),
        ],
        tasks=len(paths),
        workers=2,
        logging_dir=str(out / "logs"),
    )
    with timed("datatrove LocalPipelineExecutor (2 workers)", records):
        executor.run()
    kept = [json.loads(line) for p in (out / "kept").glob("*.jsonl") for line in open(p, encoding="utf-8")]
    dropped = [json.loads(line) for p in (out / "dropped").glob("*.jsonl") for line in open(p, encoding="utf-8")]
    reasons = {}
    for doc in dropped:
        reason = doc["metadata"]["filter_reason"]
        reasons[reason] = reasons.get(reason, 0) + 1
    print(f"kept: {len(kept)}, dropped: {len(dropped)} {reasons}; output under {out}")


if __name__ == "__main__":
    main()
