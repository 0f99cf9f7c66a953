#!/usr/bin/env bash
# Median latency of `artlint server` re-linting a 200 KB article after a
# one-character edit (the incremental path: paragraph cache + document-level
# rules). A benchmark, not a test: prints the figure.
# Usage: bench/server.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 bench/server_latency.py "${CARGO_TARGET_DIR:-target}/release/artlint" "${1:-50}"
