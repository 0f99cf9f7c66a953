#!/usr/bin/env python3
"""Deterministic benchmark corpus for artlint: synthetic English news prose with
injected artifacts (exonyms, doubled words, boilerplate lines, HTML debris,
entities, scrambled acronyms, spacing errors).

Writes three layouts of the same ~50 MB of text under OUT (default
target/bench-corpus):
  files/     5,000 articles of ~10 KB each, in 50 folders
  big.txt    all articles concatenated
  corpus.jsonl  one record per article: {"id", "text"}

Everything comes from a seeded PRNG and the word lists below (written for this
script), so the corpus is identical on every machine and needs no download.
"""
import json
import os
import random
import sys

SEED = 20261127
ARTICLES = 5000
TARGET_BYTES = 10_400  # per article, so the total passes 50 MB

SUBJECTS = ["The government", "The minister", "Officials", "The central bank", "Protesters", "The company",
            "Local residents", "The committee", "Analysts", "The president", "Investors", "The court",
            "Health workers", "The city council", "Farmers", "The opposition", "Researchers", "The army"]
VERBS = ["said", "announced", "warned", "reported", "confirmed", "denied", "argued", "suggested", "claimed",
         "estimated", "promised", "insisted", "acknowledged", "revealed", "decided", "agreed"]
OBJECTS = ["that prices would rise again next year", "that the talks had broken down", "a new plan to cut emissions",
           "that the bridge would reopen in the spring", "that wages had not kept pace with inflation",
           "an investigation into the contract", "that the vote would go ahead as planned",
           "a package of measures for small businesses", "that exports fell for a third month",
           "that the road network needed urgent repairs", "a review of the tax system",
           "that the harvest was the worst in a decade", "that hospitals were under strain",
           "that the deal would protect thousands of jobs", "new rules for online platforms"]
CLAUSES = ["after weeks of negotiations", "despite strong opposition", "according to a statement",
           "in a televised address on Wednesday", "as the crisis deepened", "before the summit in the capital",
           "amid growing pressure from unions", "in an interview with local media", "on Tuesday evening",
           "following a meeting with regional leaders", "while the markets remained calm"]
PLACES = ["Warsaw", "Moscow", "Beijing", "London", "Berlin", "Madrid", "Rome", "Almaty", "Kyiv", "Ankara"]
PEOPLE = ["Vladimir Putin", "Emmanuel Macron", "Kassym-Jomart Tokayev", "Nikol Pashinyan", "Olaf Scholz",
          "Recep Tayyip Erdogan", "Alexander Lukashenko", "Dmitry Peskov", "Sergei Lavrov", "Antonio Guterres"]
ORGS = [("Collective Security Treaty Organization", "CSTO"), ("World Health Organization", "WHO"),
        ("International Monetary Fund", "IMF"), ("European Central Bank", "ECB"),
        ("North Atlantic Treaty Organization", "NATO")]

# Artifacts, each injected with a small probability per paragraph.
ARTIFACTS = [
    lambda r: "Vladimir Poutine said the talks were useful.",
    lambda r: "Talks in Moscou ended without agreement.",
    lambda r: "It was the the first meeting since the spring.",
    lambda r: "Read the <a href=\"https://example.com/report\">full report</a> here.",
    lambda r: "Johnson &amp; Johnson said it&#8217;s too early to tell.",
    lambda r: "The bloc's guarantees were invoked by the CSTO .",
    lambda r: "“We need help, ”the minister said.",
    lambda r: "Kassym-Jopart Tokayev spoke to reporters.",
]
BOILERPLATE = ["Source link", "Comments are closed.", "Share this:", "Related posts", "Advertisement",
               "Read more", "Leave a Reply"]


def sentence(r):
    s = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
    if r.random() < 0.6:
        s += f" {r.choice(CLAUSES)}"
    if r.random() < 0.25:
        s += f", {r.choice(PEOPLE)} told reporters in {r.choice(PLACES)}"
    return s + "."


def article(r, n):
    org, acronym = r.choice(ORGS)
    title = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}".rstrip(".")
    parts = [title, ""]
    parts.append(f"{sentence(r)} The {org} ({acronym}) {r.choice(VERBS)} {r.choice(OBJECTS)}.")
    size = sum(len(p) for p in parts)
    while size < TARGET_BYTES:
        para = " ".join(sentence(r) for _ in range(r.randint(3, 6)))
        if r.random() < 0.15:
            para += " " + r.choice(ARTIFACTS)(r)
        if r.random() < 0.3:
            para += f" The {acronym} {r.choice(VERBS)} {r.choice(OBJECTS)}."
        parts += ["", para]
        size += len(para) + 2
    if r.random() < 0.5:
        parts += ["", r.choice(BOILERPLATE)]
    return "\n".join(parts) + "\n"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/bench-corpus"
    files = os.path.join(out, "files")
    os.makedirs(files, exist_ok=True)
    r = random.Random(SEED)
    total = 0
    with open(os.path.join(out, "big.txt"), "w", encoding="utf-8") as big, \
            open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as jsonl:
        for n in range(ARTICLES):
            text = article(r, n)
            folder = os.path.join(files, f"{n % 50:02d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"article-{n:05d}.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            big.write(text + "\n")
            jsonl.write(json.dumps({"id": f"doc-{n:05d}", "text": text}, ensure_ascii=False) + "\n")
            total += len(text.encode("utf-8"))
    print(f"wrote {ARTICLES} articles, {total / 1e6:.1f} MB of text, to {out}")


if __name__ == "__main__":
    main()
