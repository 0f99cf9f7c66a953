#!/usr/bin/env bash
# Volume fuzzing: runs each named target for a number of executions on one
# core and prints one summary line per target (the figures fuzz/README.md
# quotes). Usage:
#
#     fuzz/volume.sh [-n RUNS] [-t] TARGET...
#
#   -n RUNS  executions per target (default 10000000)
#   -t       keep compare tracing (slower; finds more on parsers)
#
# The build is a release build without a sanitizer (the crate has no
# `unsafe`); without -t it is also built without compare tracing, which
# took 42 % of the time of the linting targets. Inputs are capped at 256
# bytes for the targets that lint (each input is linted two or three times)
# and at 4 KiB for the others. Logs go to fuzz/logs/<target>.log.
#
# Do not pause a run (SIGSTOP): libFuzzer counts the pause against the input
# it was working on and reports a timeout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs=10000000
trace=()
while getopts "n:t" opt; do
    case $opt in
        n) runs=$OPTARG ;;
        t) trace=(x) ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: fuzz/volume.sh [-n RUNS] [-t] TARGET..." >&2; exit 2; }

cd "$here"
flags=(-s none --release)
target_dir="$here/target"
if [ ${#trace[@]} -eq 0 ]; then
    flags+=(--no-trace-compares)
    target_dir="$here/target-volume"
fi
"$here/seed.sh" > /dev/null
# One target or all: `cargo fuzz build` takes at most one name.
if [ $# -eq 1 ]; then
    CARGO_TARGET_DIR="$target_dir" cargo +nightly fuzz build "${flags[@]}" "$1"
else
    CARGO_TARGET_DIR="$target_dir" cargo +nightly fuzz build "${flags[@]}"
fi
bin="$target_dir/x86_64-unknown-linux-gnu/release"
mkdir -p logs
for t in "$@"; do
    case $t in
        lint_bytes | apply_fixes | lint_options | input_formats) max_len=256 ;;
        *) max_len=4096 ;;
    esac
    mkdir -p "artifacts/$t"
    start=$(date +%s)
    status=0
    "$bin/$t" "corpus/$t" -max_len=$max_len -runs="$runs" -timeout=30 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" > "logs/$t.log" 2>&1 || status=$?
    seconds=$(( $(date +%s) - start ))
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "logs/$t.log" | tail -1 || true)
    echo "$t: exit $status, $seconds s, max_len $max_len: ${done_line:-no DONE line, see fuzz/logs/$t.log}"
done
