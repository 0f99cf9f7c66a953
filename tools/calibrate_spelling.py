#!/usr/bin/env python3
"""Prints the thresholds `mt/untranslated` uses for ASCII words judged by their
spelling (`MAX_SPELLING_LIKENESS` in src/check/untranslated.rs), one per
range of word lengths.

The model is the one src/lexicon/trigrams.rs builds from the lexicon
(src/lexicon/english-words.txt): letter trigrams of the words made of ASCII
letters, lowercased, with `^`/`$` at the ends; add-0.1 smoothing over 28
symbols; a word scores the mean natural log-probability of its trigrams.

A threshold is how un-English a word must look to be taken for a source
word: below the first percentile of English words of its length that the
model has not seen. Ten times, a tenth of the lexicon's lowercase words is
held out, the model is built from the rest, and the held-out words of five
letters or more are scored; the first percentile of the scores of each range
of lengths is printed. A mean over more trigrams varies less, so the longer
the word, the closer to English its threshold: one threshold for every
length would let long source words through and take short English ones.
It uses the lexicon only, never the evaluation data.

Run: python3 tools/calibrate_spelling.py
"""

import collections
import math
import os
import random

K, SYMBOLS = 0.1, 28
MIN_LETTERS = 5

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "src", "lexicon", "english-words.txt")
with open(path, encoding="utf-8") as f:
    words = [w.strip() for w in f if w.strip() and not w.startswith("#")]
letters = [w.lower() for w in words if w.isascii() and w.isalpha()]
lowercase = [w for w in words if w.isascii() and w.isalpha() and w.islower()]


def train(training):
    trigrams, pairs = collections.Counter(), collections.Counter()
    for w in training:
        w = "^" + w + "$"
        for i in range(len(w) - 2):
            trigrams[w[i : i + 3]] += 1
            pairs[w[i : i + 2]] += 1
    return trigrams, pairs


def likeness(model, word):
    trigrams, pairs = model
    w = "^" + word + "$"
    logs = [
        math.log((trigrams[w[i : i + 3]] + K) / (pairs[w[i : i + 2]] + K * SYMBOLS))
        for i in range(len(w) - 2)
    ]
    return sum(logs) / len(logs)


random.seed(1)
random.shuffle(lowercase)
# The longest word of each range (the last has no bound).
RANGES = [6, 8, 10, 13, None]
scores = {longest: [] for longest in RANGES}
for fold in range(10):
    held_out = lowercase[fold::10]
    unseen = set(held_out)
    model = train([w for w in letters if w not in unseen])
    for w in held_out:
        if len(w) >= MIN_LETTERS:
            longest = next(r for r in RANGES if r is None or len(w) <= r)
            scores[longest].append(likeness(model, w))
for longest in RANGES:
    s = sorted(scores[longest])
    bound = "usize::MAX" if longest is None else longest
    print(f"    ({bound}, {s[len(s) // 100]:.2f}), // {len(s)} held-out words")
