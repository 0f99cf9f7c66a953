"""What the recipes share: the input shards (built from the evaluation pages
unless given), a timer, and one line of results."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import List

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def shards(description: str) -> List[Path]:
    """The JSONL shards named by ``--input`` (a folder), or built from the
    evaluation pages (``--repeat``, ``--shards``). Exits 0 with a note when
    there is nothing to run on."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--input", type=Path, help="folder of *.jsonl shards (default: built from the eval pages)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--shards", type=int, default=4)
    args = parser.parse_args()
    if args.input:
        paths = sorted(args.input.glob("*.jsonl"))
    else:
        paths = corpus.build(Path(tempfile.mkdtemp(prefix="artlint-corpus-")), args.repeat, args.shards) or []
    if not paths:
        print("no input shards; nothing to run", file=sys.stderr)
        sys.exit(0)
    return paths


def count_records(paths: List[Path]) -> int:
    return sum(1 for p in paths for _ in open(p, encoding="utf-8"))


@contextmanager
def timed(label: str, records: int):
    """Prints ``label: N records in S s (D docs/s)`` after the block."""
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    print(f"{label}: {records} records in {seconds:.2f} s ({records / seconds:,.0f} docs/s)")
