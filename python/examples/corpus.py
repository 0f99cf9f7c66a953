"""Builds the JSONL shards the recipes and the benchmark run on, from the
evaluation pages in ../shared/eval/articles/page/*.txt (real scraped pages,
not committed here): every page repeated ``--repeat`` times, each copy a record
``{"id": "<page>-<copy>", "text": ...}``, dealt round-robin into ``--shards``
files.

    python python/examples/corpus.py /tmp/artlint-corpus --repeat 20 --shards 4

When the pages are absent it says so and exits 0 (the recipes then skip).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

HERE = Path(__file__).resolve().parent
PAGES = Path(os.environ.get("ARTLINT_EVAL_PAGES", HERE.parents[2] / "shared" / "eval" / "articles" / "page"))


def pages() -> List[Path]:
    return sorted(PAGES.glob("*.txt"))


def build(out: Path, repeat: int = 20, shards: int = 4) -> Optional[List[Path]]:
    """Writes the shards into ``out`` and returns their paths; ``None`` (with
    a note on stderr) when there are no pages to build them from."""
    found = pages()
    if not found:
        print(f"corpus: no pages in {PAGES}; skipping (set ARTLINT_EVAL_PAGES)", file=sys.stderr)
        return None
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"part-{n:02}.jsonl" for n in range(shards)]
    files = [open(p, "w", encoding="utf-8") for p in paths]
    try:
        n = 0
        for copy in range(repeat):
            for page in found:
                text = page.read_text(encoding="utf-8", errors="replace")
                record = {"id": f"{page.stem[:12]}-{copy}", "text": text}
                files[n % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    finally:
        for f in files:
            f.close()
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--shards", type=int, default=4)
    args = parser.parse_args()
    paths = build(args.out, args.repeat, args.shards)
    if paths:
        records = sum(1 for p in paths for _ in open(p, encoding="utf-8"))
        size = sum(p.stat().st_size for p in paths)
        print(f"{records} records, {size / 2**20:.1f} MiB in {len(paths)} shards under {args.out}")


if __name__ == "__main__":
    main()
