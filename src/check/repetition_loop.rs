//! A unit of one or more words repeated three or more times in a row: the
//! hallucination loops of neural machine translation (`the team the team the
//! team`) and anchor text a scraper repeated.

use std::collections::HashSet;
use std::sync::Arc;

use super::kind::{ALLOW, Check, Key, Kind, KindError, KindSpec, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

const MAX_WORDS: Key<u32> = Key::new("max-words");
const MIN_REPEATS: Key<u32> = Key::new("min-repeats");

pub static KIND: Kind = Kind {
    name: "repetition-loop",
    keys: &[ALLOW.decl(), MAX_WORDS.decl(), MIN_REPEATS.decl()],
    placeholders: PROCEDURAL,
    compile,
    prepare: None,
};

/// A repetition-loop rule: its thresholds are rule keys, with these defaults.
#[derive(Debug)]
pub struct RepetitionLoop {
    /// `allow`: single words that may repeat, lowercased.
    pub allow: HashSet<String>,
    /// `max-words` (8): the longest unit, in words, that is looked for.
    pub max_words: usize,
    /// `min-repeats` (3): repeats (including the first) that make a loop.
    pub min_repeats: usize,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    Ok(Arc::new(RepetitionLoop {
        allow: spec.allow_set()?,
        max_words: spec.count(&MAX_WORDS, 8, 1)?,
        min_repeats: spec.count(&MIN_REPEATS, 3, 2)?,
    }))
}

impl Check for RepetitionLoop {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, self, out);
    }
}

/// What may stand between the words of a loop besides space.
const WORD_GAP_PUNCTUATION: &str = ",.;:!?'\"“”‘’«»()-–—…";

fn fold_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut folded = [0u8; 32];
    if word.is_ascii() && word.len() <= folded.len() {
        // One write of the folded bytes: the hasher takes eight at a time.
        let folded = &mut folded[..word.len()];
        folded.copy_from_slice(word.as_bytes());
        folded.make_ascii_lowercase();
        h.write(folded);
    } else if word.is_ascii() {
        for b in word.bytes() {
            h.write_u8(b.to_ascii_lowercase());
        }
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            h.write_u32(c as u32);
        }
    }
    h.finish()
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

pub fn check(doc: &Document, rule: &RuleMeta, loops: &RepetitionLoop, out: &mut Vec<Diagnostic>) {
    let (allow, max_unit, min_repeats) = (&loops.allow, loops.max_words, loops.min_repeats);
    let words = doc.words();
    let text = |i: usize| doc.slice(words[i].span);
    // Case-folded hashes, so the scan compares integers; equal hashes are
    // confirmed on the text.
    let keys: Vec<u64> = (0..words.len()).map(|i| fold_hash(text(i))).collect();
    let mut i = 0;
    while i < words.len() {
        let mut found = None;
        for unit in 1..=max_unit {
            if i + unit * min_repeats > words.len() {
                break;
            }
            let mut repeats = 1;
            while i + unit * (repeats + 1) <= words.len()
                && (0..unit).all(|k| {
                    keys[i + k] == keys[i + unit * repeats + k]
                        && same(text(i + k), text(i + unit * repeats + k))
                })
            {
                repeats += 1;
            }
            if repeats >= min_repeats {
                found = Some((unit, repeats));
                break;
            }
        }
        let Some((unit, repeats)) = found else {
            i += 1;
            continue;
        };
        let unit_words: Vec<&str> = (i..i + unit).map(text).collect();
        let numeric = unit_words.iter().all(|w| w.chars().all(|c| c.is_numeric()));
        let allowed = unit == 1 && allow.contains(&unit_words[0].to_lowercase());
        // A loop does not run across a paragraph break.
        let end_word = i + unit * repeats - 1;
        let whole = Span::new(
            words[i].span.start as usize,
            words[end_word].span.end as usize,
        );
        let crosses_paragraph = doc.slice(whole).contains("\n\n");
        // One word repeated between commas is said on purpose (`Location,
        // location, location`); machine-translation loops leave no commas.
        let rhetorical = unit == 1
            && (i..end_word).all(|k| {
                let gap = &doc.text[words[k].span.end as usize..words[k + 1].span.start as usize];
                gap.trim_end() == ","
            });
        // Words glued to symbols are tokens of code or a formula (`C, C++,
        // C#`, `|U|, 0_U`, `"key": [""],`), not a loop of words: between
        // words there is only space and punctuation.
        let symbols = (i..end_word).any(|k| {
            doc.text[words[k].span.end as usize..words[k + 1].span.start as usize]
                .chars()
                .any(|c| !c.is_whitespace() && !WORD_GAP_PUNCTUATION.contains(c))
        });
        if numeric || allowed || crosses_paragraph || rhetorical || symbols {
            i += unit * repeats;
            continue;
        }
        let first_end = words[i + unit - 1].span.end as usize;
        let repeat_span = Span::new(words[i + unit].span.start as usize, whole.end as usize);
        let shown: String = unit_words.join(" ");
        out.push(
            rule.report(repeat_span, |name| match name {
                "match" => Some(shown.clone()),
                "count" => Some(repeats.to_string()),
                _ => None,
            })
            .unsafe_fix([Edit::new(Span::new(first_end, whole.end as usize), "")])
            .build(),
        );
        i += unit * repeats;
    }
}
