#!/usr/bin/env bash
# Short fuzzing smoke run for CI: seeds the corpora, builds every target and
# runs each for FUZZ_SECONDS (default 30). Needs the nightly toolchain and
# cargo-fuzz; without them it prints a note and exits 0, since the saved
# regressions are replayed by plain `cargo test --test properties` anyway.
# Exits non-zero if a target crashes (libFuzzer leaves the input in
# fuzz/artifacts/<target>/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${FUZZ_SECONDS:-30}"
targets=(lint_bytes load_rules apply_fixes input_formats config_files lint_options baselines)

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz/ci.sh: cargo-fuzz or the nightly toolchain is not installed; skipping fuzzing"
    echo "  (install: rustup toolchain install nightly && cargo install cargo-fuzz)"
    exit 0
fi

"$here/seed.sh"
cd "$here"
# Without a sanitizer and unoptimised: a smoke run looks for panics (the
# invariants are assertions), and this build takes ~3 minutes instead of ~8.
flags=(-s none --dev)
cargo +nightly fuzz build "${flags[@]}"
status=0
for t in "${targets[@]}"; do
    echo "== fuzz $t for ${seconds}s"
    if ! cargo +nightly fuzz run "${flags[@]}" "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len=2048 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1; then
        echo "fuzz/ci.sh: $t crashed; see fuzz/artifacts/$t/ and fuzz/README.md" >&2
        status=1
    fi
done
exit $status
