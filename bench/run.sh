#!/usr/bin/env bash
# Throughput and peak memory of artlint against peers on the same corpus.
# Usage: bench/run.sh [CORPUS_DIR]   (generates the corpus if missing)
# Prints one line per run: tool, layout, seconds, MB/s, peak RSS.
#
# Two corpora: generated text (bench/gen_corpus.py) and, when ../shared is
# beside the repository, real scraped pages (../shared/eval/articles/page,
# copied BENCH_REAL_COPIES (55: 5,005 files, 46 MB) times into ten folders: menus, footers and share
# rows as users feed them). The real pages are the figure that counts; the
# generated layouts show the cost of big files and streams.
# Peers: typos (`pip install typos` gives the binary) and rg, when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-target/bench-corpus}
[ -f "$corpus/big.txt" ] || python3 bench/gen_corpus.py "$corpus"
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
artlint="$target/release/artlint"
python3 bench/literals.py rules > "$target/bench-literals.txt"
bytes=$(du -sb "$corpus/files" | cut -f1)
big_bytes=$(stat -c %s "$corpus/big.txt")
jsonl_bytes=$(stat -c %s "$corpus/corpus.jsonl")

measure() { # name layout bytes command...
  local name=$1 layout=$2 n=$3; shift 3
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" > /dev/null 2>&1 || true
  read -r secs rss < <(tail -1 "$log")
  rm -f "$log"
  awk -v n="$name" -v l="$layout" -v b="$n" -v s="$secs" -v r="$rss" \
    'BEGIN { printf "%-10s %-12s %8.2f s %9.1f MB/s %8.1f MiB\n", n, l, s, (s > 0 ? b / 1e6 / s : 0), r / 1024 }'
}

real_pages=../shared/eval/articles/page
if [ -d "$real_pages" ]; then
  real="$target/bench-real"
  copies=${BENCH_REAL_COPIES:-55}
  if [ ! -f "$real/.copies-$copies" ]; then
    rm -rf "$real" "$real-500"
    python3 - "$real_pages" "$real" "$copies" <<'PY'
import os, shutil, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
n = 0
for copy in range(copies):
    for page in pages:
        folder = os.path.join(dst, str(n % 10))
        os.makedirs(folder, exist_ok=True)
        shutil.copy(os.path.join(src, page), os.path.join(folder, f"{copy}-{page}"))
        n += 1
PY
    touch "$real/.copies-$copies"
    # sed, not head: head would close the pipe early and fail it under pipefail.
    mkdir -p "$real-500" && find "$real" -name '*.txt' | sort | sed -n '1,500p' | xargs cp -t "$real-500"
  fi
  real_bytes=$(du -sb --exclude='.copies-*' "$real" | cut -f1)
  echo "real pages: $(awk -v b="$real_bytes" 'BEGIN{printf "%.1f MB", b/1e6}') in $(find "$real" -name '*.txt' | wc -l) files; $(nproc) cores"
  measure artlint real-json "$real_bytes" $artlint check --fail-on never --format json --max-diagnostics 1000000000 "$real"
  measure artlint real-concise "$real_bytes" $artlint check --fail-on never --format concise -q --max-diagnostics 1000000000 "$real"
  measure artlint real-j1 "$real_bytes" $artlint check -j 1 --fail-on never --format json --max-diagnostics 1000000000 "$real"
  if command -v typos > /dev/null; then
    measure typos real-brief "$real_bytes" typos --format brief "$real"
  else
    echo "typos     (not installed: pip install typos)"
  fi
  if command -v rg > /dev/null; then
    measure rg real-literals "$real_bytes" rg -F -c -f "$target/bench-literals.txt" "$real"
  fi
  # Memory must not grow with threads (issue 14: below 160 MiB at 16).
  real500_bytes=$(du -sb "$real-500" | cut -f1)
  measure artlint 500-j2 "$real500_bytes" $artlint check -j 2 --fail-on never --format json "$real-500"
  measure artlint 500-j16 "$real500_bytes" $artlint check -j 16 --fail-on never --format json "$real-500"
  measure artlint 500-j64 "$real500_bytes" $artlint check -j 64 --fail-on never --format json "$real-500"
  # Per-file cost (issue 15): 3,000 chunks of about 1 KB cut at line
  # ends from the real pages, the web pages and the MT documents, one
  # thread each, as typos -j1 reads them.
  small="$target/bench-small"
  if [ ! -f "$small/.chunks-3000" ]; then
    rm -rf "$small"
    python3 - "$small" ../shared/eval/articles/page ../shared/eval/web/articles/page ../shared/eval/mt-docs/docs.jsonl <<'PY'
import json, os, sys
dst, sources = sys.argv[1], sys.argv[2:]
texts = []
for source in sources:
    if source.endswith(".jsonl"):
        with open(source, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    elif os.path.isdir(source):
        for name in sorted(os.listdir(source)):
            if name.endswith(".txt"):
                with open(os.path.join(source, name), encoding="utf-8", errors="replace") as f:
                    texts.append(f.read())
chunks, current = [], ""
for text in texts:
    for line in text.splitlines(keepends=True):
        current += line
        if len(current.encode()) >= 900:
            chunks.append(current)
            current = ""
os.makedirs(dst, exist_ok=True)
for n, chunk in enumerate(chunks[:3000]):
    with open(os.path.join(dst, f"{n:04}.txt"), "w", encoding="utf-8") as f:
        f.write(chunk)
PY
    touch "$small/.chunks-3000"
  fi
  small_bytes=$(du -sb --exclude='.chunks-*' "$small" | cut -f1)
  echo "small files: $(find "$small" -name '*.txt' | wc -l) chunks, $(awk -v b="$small_bytes" 'BEGIN{printf "%.1f MB", b/1e6}'), one thread"
  measure artlint small-j1 "$small_bytes" $artlint check -j 1 --fail-on never --format json "$small"
  if command -v typos > /dev/null; then
    measure typos small-j1 "$small_bytes" typos -j 1 --format brief "$small"
  fi
  # Start-up: one small file, the mean wall time of 20 runs (what an editor
  # save hook or a pre-commit run on one article pays).
  chunks=("$small"/*.txt)
  one=${chunks[0]}
  startup() { # name command...
    local name=$1; shift
    local t0 t1; t0=$(date +%s%N)
    for _ in $(seq 20); do "$@" > /dev/null 2>&1 || true; done
    t1=$(date +%s%N)
    awk -v n="$name" -v d="$((t1 - t0))" 'BEGIN { printf "%-10s %-12s %8.1f ms per run\n", n, "one-file", d / 20 / 1e6 }'
  }
  startup artlint $artlint check --fail-on never --format json "$one"
  if command -v typos > /dev/null; then
    startup typos typos --format brief "$one"
  fi
  # What a file costs in itself (issue 15), apart from its text: one-line
  # files, so the checks have next to nothing to read. Per file = (best of
  # three runs on 3,000 files - best of three on 1,000) / 2,000: start-up
  # and what a run builds once cancel out.
  tiny="$target/bench-tiny"
  if [ ! -f "$tiny/.files-3000" ]; then
    rm -rf "$tiny" "$tiny-1000" && mkdir -p "$tiny" "$tiny-1000"
    for i in $(seq -w 0 2999); do echo "A short line of text here." > "$tiny/$i.txt"; done
    cp "$tiny"/0*.txt "$tiny-1000"/
    touch "$tiny/.files-3000"
  fi
  best_of_three() { # command... -> nanoseconds
    local best=0 t0 t1
    for _ in 1 2 3; do
      t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N)
      if [ "$best" -eq 0 ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
    done
    echo "$best"
  }
  perfile() { # name command... (the folder is appended)
    local name=$1; shift
    local many few
    many=$(best_of_three "$@" "$tiny")
    few=$(best_of_three "$@" "$tiny-1000")
    awk -v n="$name" -v many="$many" -v few="$few" 'BEGIN {
      printf "%-10s %-12s %8.1f us per file (3,000 one-line files %.0f ms, 1,000 %.0f ms)\n",
        n, "per-file", (many - few) / 2000 / 1e3, many / 1e6, few / 1e6 }'
  }
  perfile artlint $artlint check -j 1 --fail-on never --format json
  if command -v typos > /dev/null; then
    perfile typos typos -j 1 --format brief
  fi
else
  echo "real pages: skipped ($real_pages not found)"
fi

echo "corpus: $(awk -v b="$bytes" 'BEGIN{printf "%.1f MB", b/1e6}') in $(find "$corpus/files" -type f | wc -l) files; $(nproc) cores"
# --max-diagnostics high enough that every byte is linted (by default a big
# file stops once 10,000 findings are shown; measured separately below).
all="--max-diagnostics 1000000000"
measure artlint 5000-files "$bytes" $artlint check --fail-on never --format concise -q $all "$corpus/files"
measure artlint big-file "$big_bytes" $artlint check --fail-on never --format concise -q $all "$corpus/big.txt"
measure artlint big-capped "$big_bytes" $artlint check --fail-on never --format concise -q "$corpus/big.txt"
measure artlint jsonl-stream "$jsonl_bytes" sh -c "$artlint check --input-format jsonl --format json-lines - < $corpus/corpus.jsonl"
# Flat memory on a long stream: the JSONL corpus repeated to 1 GB (BENCH_STREAM_GB=0 skips it).
repeats=$(awk -v g="${BENCH_STREAM_GB:-1}" -v b="$jsonl_bytes" 'BEGIN { printf "%d", g * 1e9 / b + (g > 0) }')
if [ "$repeats" -gt 0 ]; then
  measure artlint "stream-${BENCH_STREAM_GB:-1}GB" $((jsonl_bytes * repeats)) sh -c \
    "for i in \$(seq $repeats); do cat $corpus/corpus.jsonl; done | $artlint check --input-format jsonl --format json-lines - | wc -l"
fi
if command -v rg > /dev/null; then
  measure rg 5000-files "$bytes" rg -F -c -f "$target/bench-literals.txt" "$corpus/files"
  measure rg big-file "$big_bytes" rg -F -c -f "$target/bench-literals.txt" "$corpus/big.txt"
fi
if command -v typos > /dev/null; then
  measure typos 5000-files "$bytes" typos --format brief "$corpus/files"
fi
if command -v proselint > /dev/null; then
  # proselint is slow; time it on the first 200 files and report the rate.
  sample=$(find "$corpus/files/00" "$corpus/files/01" "$corpus/files/02" "$corpus/files/03" -type f | awk 'NR <= 200')
  sample_bytes=$(cat $sample | wc -c)
  # proselint 0.14+ takes a `check` subcommand; older releases take files.
  if proselint check --help > /dev/null 2>&1; then prose=(proselint check); else prose=(proselint); fi
  measure proselint 200-files "$sample_bytes" "${prose[@]}" $sample
fi
