#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, gitignored) from the
# repository's fixtures and rule packs. Safe to run again: files are copied
# under stable names, so re-seeding adds nothing twice.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"

mkdir -p "$corpus/lint_bytes" "$corpus/apply_fixes" "$corpus/load_rules"

# Articles: the fixtures (they hold the artifacts each built-in rule targets).
for f in "$root"/fixtures/*; do
    [ -f "$f" ] || continue
    name="fixture-$(basename "$f")"
    cp "$f" "$corpus/lint_bytes/$name"
    cp "$f" "$corpus/apply_fixes/$name"
done
# A few bytes that are not UTF-8, for lint_bytes.
printf 'caf\xe9 Vladimir Poutine\r\nSource link\n' > "$corpus/lint_bytes/seed-latin1"
printf '\xef\xbb\xbf\xc3\x28 the the \xf0\x9f\x98\x80\r' > "$corpus/lint_bytes/seed-bad-utf8"

# Rule files: every .toml of the built-in pack (rules/**/*.toml).
find "$root/rules" -name '*.toml' -print0 | while IFS= read -r -d '' f; do
    rel="${f#"$root/rules/"}"
    cp "$f" "$corpus/load_rules/rules-${rel//\//-}"
done

for t in lint_bytes apply_fixes load_rules; do
    echo "seeded $t: $(find "$corpus/$t" -type f | wc -l) files"
done
