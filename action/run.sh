#!/usr/bin/env bash
# The action's lint step: `artlint check --format sarif --output-file
# "$SARIF_FILE" ARGS... -- PATHS...`, then `exit-code=N` to "$GITHUB_OUTPUT".
#
# ARGS and PATHS are split into words as a shell would split them (quotes and
# backslashes understood) but never glob-expanded, so `--ignore quality/*`
# reaches artlint as written and `"my articles"` is one path. The exit status
# is artlint's, after the report is written.
set -uo pipefail

# Splits $2 into the array named $1: words as a shell splits them (quotes and
# backslashes understood, by xargs), never glob-expanded. An unmatched quote
# is an error naming the input ($3).
split() {
    local -n into=$1
    local text=$2 input=$3 list word
    list=$(mktemp)
    if ! printf '%s\n' "$text" | xargs printf '%s\0' > "$list"; then
        echo "::error title=artlint::cannot split the '$input' input into words (an unmatched quote?): $text"
        rm -f "$list"
        exit 2
    fi
    into=()
    while IFS= read -r -d '' word; do
        [ -n "$word" ] && into+=("$word")
    done < "$list"
    rm -f "$list"
}

split args "${ARGS:-}" args
split paths "${PATHS:-}" paths
if [ ${#paths[@]} -eq 0 ]; then
    paths=(.)
fi

sarif="${SARIF_FILE:-artlint.sarif}"
artlint check --format sarif --output-file "$sarif" "${args[@]}" -- "${paths[@]}"
status=$?
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ "$status" -ne 0 ]; then
    echo "artlint exited with $status; the report is in $sarif"
fi
exit "$status"
