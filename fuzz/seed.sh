#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, gitignored) from the
# repository's fixtures and rule packs. Safe to run again: files are copied
# under stable names, so re-seeding adds nothing twice.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"

mkdir -p "$corpus/lint_bytes" "$corpus/apply_fixes" "$corpus/load_rules" "$corpus/input_formats" \
    "$corpus/config_files" "$corpus/lint_options" "$corpus/baselines"

# Articles: the fixtures (they hold the artifacts each built-in rule targets).
for f in "$root"/fixtures/*; do
    [ -f "$f" ] || continue
    name="fixture-$(basename "$f")"
    cp "$f" "$corpus/lint_bytes/$name"
    cp "$f" "$corpus/apply_fixes/$name"
done
# input_formats: the first byte picks the format (0 Markdown, 1 HTML, 2 JSONL).
for f in "$root"/fixtures/*; do
    [ -f "$f" ] || continue
    { printf '\x00'; cat "$f"; } > "$corpus/input_formats/md-$(basename "$f")"
    { printf '\x01<html><body><p>'; cat "$f"; printf '</p><script>x("Source link")</script></body></html>'; } \
        > "$corpus/input_formats/html-$(basename "$f")"
    python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": open(sys.argv[1], encoding="utf-8", errors="replace").read()}), end="")' "$f" \
        | { printf '\x02'; cat; } > "$corpus/input_formats/jsonl-$(basename "$f")"
done
printf '\x00---\ntitle: x\n---\n# Poutine\n\n`the the` [Source link](http://x) &amp;amp; <b>Moscou</b>\n' > "$corpus/input_formats/seed-md"
printf '\x01<p>Vladimir&nbsp;<b>Poutine</b> &amp;amp; &lt;br&gt; “target =” _blank “></p><style>p{}</style>' > "$corpus/input_formats/seed-html"
printf '\x02{"id":1,"text":"caf\\u00e9 \\ud83d\\ude00 the the"}' > "$corpus/input_formats/seed-jsonl"

# A few bytes that are not UTF-8, for lint_bytes.
printf 'caf\xe9 Vladimir Poutine\r\nSource link\n' > "$corpus/lint_bytes/seed-latin1"
printf '\xef\xbb\xbf\xc3\x28 the the \xf0\x9f\x98\x80\r' > "$corpus/lint_bytes/seed-bad-utf8"

# Rule files: every .toml of the built-in pack (rules/**/*.toml).
find "$root/rules" -name '*.toml' -print0 | while IFS= read -r -d '' f; do
    rel="${f#"$root/rules/"}"
    cp "$f" "$corpus/load_rules/rules-${rel//\//-}"
done

for t in lint_bytes apply_fixes load_rules input_formats; do
    echo "seeded $t: $(find "$corpus/$t" -type f | wc -l) files"
done

# config_files: configurations in the README's shape, and the init template.
printf 'select = ["scrape/*", "names/*"]\nignore = ["scrape/byline"]\naccept = ["Poutine"]\nreject = ["utilize"]\nexclude = ["vendor/**"]\n[severity]\n"scrape/*" = "info"\n[[overrides]]\npaths = ["docs/**"]\nignore = ["names/*"]\n' \
    > "$corpus/config_files/seed-full"
printf 'fail-on = "error"\nnames = ["Kassym-Jomart Tokayev"]\nrule-dirs = ["rules"]\n' > "$corpus/config_files/seed-names"
# lint_options: three option bytes (format and fixes, selection, limit), then a fixture.
for f in "$root"/fixtures/*; do
    [ -f "$f" ] || continue
    for opts in '\x00\x00\x02' '\x81\x01\x07' '\x02\x02\x00' '\x83\x07\x05'; do
        { printf "$opts"; cat "$f"; } > "$corpus/lint_options/$(printf '%s' "$opts" | tr -d '\\')-$(basename "$f")"
    done
done

# baselines: both versions, with findings of the sample text's rules, and a few near misses.
printf '{\n  "version": 2,\n  "findings": [\n    {\n      "path": "f",\n      "rule": "repetition/word",\n      "fingerprint": "1f2e3d4c5b6a7988"\n    }\n  ]\n}\n' > "$corpus/baselines/seed-v2"
printf '{"version": 1, "findings": [{"path": "./a.txt", "rule": "names/exonym", "fingerprint": "x"}, {"path": "a.txt", "rule": "names/exonym", "fingerprint": "x"}]}' > "$corpus/baselines/seed-v1"
printf '{"version": 3, "findings": []}' > "$corpus/baselines/seed-v3"
printf '{"findings": [], "version": 2, "extra": true}' > "$corpus/baselines/seed-extra"
