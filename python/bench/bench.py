"""Documents per second through the Python module (``lint_many``) and through
the CLI's streaming mode, on the same JSONL file.

    python python/bench/bench.py [--input corpus.jsonl] [--artlint target/release/artlint]

Without ``--input`` the file is built from the evaluation pages
(python/examples/corpus.py). Both sides lint every record as text with the
built-in rules and code-point offsets; each figure is the best of
``--rounds`` runs. The CLI figure includes its JSON parsing and writing (to
/dev/null); the Python one is given with and without reading and parsing the
file (``json.loads`` per line), and for a plain loop over ``lint``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import artlint

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
import corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def best(rounds: int, run) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, help="a JSONL file with a `text` field")
    parser.add_argument("--repeat", type=int, default=20, help="copies of each page when building the input")
    parser.add_argument("--artlint", default=None, help="the CLI (default: target/release/artlint, else PATH)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    path = args.input
    if path is None:
        shards = corpus.build(Path(tempfile.mkdtemp(prefix="artlint-bench-")), args.repeat, shards=1)
        if not shards:
            sys.exit(0)
        path = shards[0]
    cli = args.artlint or (str(REPO / "target/release/artlint") if (REPO / "target/release/artlint").exists() else shutil.which("artlint"))
    if not cli:
        sys.exit("no artlint CLI: build it (cargo build --release) or pass --artlint")

    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    docs = len(texts)
    size = path.stat().st_size / 2**20
    print(f"input: {path} ({docs} records, {size:.1f} MiB); CLI: {cli}")

    def run_cli():
        with open(path, "rb") as stdin:
            subprocess.run(
                [cli, "check", "--input-format", "jsonl", "--format", "json-lines", "--offsets", "chars", "-"],
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                check=True,
            )

    linter = artlint.Linter()

    def run_python_end_to_end():
        with open(path, encoding="utf-8") as f:
            linter.lint_many(json.loads(line)["text"] for line in f)

    results = [
        ("CLI --input-format jsonl --format json-lines", best(args.rounds, run_cli)),
        ("Python lint_many (read + json.loads + lint)", best(args.rounds, run_python_end_to_end)),
        ("Python lint_many (texts in memory)", best(args.rounds, lambda: linter.lint_many(texts))),
        ("Python loop over lint (texts in memory)", best(1, lambda: [linter.lint(t) for t in texts])),
    ]
    found = sum(len(f) for f in linter.lint_many(texts))
    print(f"findings: {found}")
    for label, seconds in results:
        print(f"{label:48} {seconds:7.2f} s {docs / seconds:9,.0f} docs/s {size / seconds:6.1f} MiB/s")


if __name__ == "__main__":
    main()
