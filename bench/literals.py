#!/usr/bin/env python3
"""Prints every literal phrase of the built-in rule pack (existence tokens,
substitution keys, boilerplate phrases, exonyms, consistency variants), one a
line: the pattern file for `rg -F -f`, the practical ceiling for a literal search."""
import glob
import sys
import tomllib

root = sys.argv[1] if len(sys.argv) > 1 else "rules"
seen = set()
for path in sorted(glob.glob(f"{root}/**/*.toml", recursive=True)):
    with open(path, "rb") as f:
        for rule in tomllib.load(f).get("rule", []):
            words = list(rule.get("tokens", [])) + list(rule.get("swap", {}).keys()) + list(rule.get("phrases", []))
            words += [p["foreign"] for p in rule.get("people", [])]
            for group in rule.get("groups", []):
                words += group
            for w in words:
                if w and w not in seen:
                    seen.add(w)
                    print(w)
