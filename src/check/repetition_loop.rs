//! A unit of one or more words repeated three or more times in a row: the
//! hallucination loops of neural machine translation (`the team the team the
//! team`) and anchor text a scraper repeated.

use rustc_hash::FxHashSet as HashSet;
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

/// Units of up to this many words are looked for with one mask of compared
/// keys (the default pack's `max-words` is eight).
const WINDOW: usize = 8;

/// What may stand between the words of a loop besides space.
const WORD_GAP_PUNCTUATION: &str = ",.;:!?'\"“”‘’«»()-–—…";

/// The key of the word at `span` of `text` for the scan: equal for words
/// equal up to case, rarely equal otherwise (equal keys are confirmed on the
/// text). An ASCII word, nearly every word, is keyed on its length and its
/// first and last eight bytes with the case bit set, read as whole words
/// from the text (past a short word's end, masked off), without hashing.
/// (`ascii`: whether the word is, as its [`Word`](crate::document::Word)
/// already knows.)
fn fold_key(text: &str, span: Span, ascii: bool) -> u64 {
    let (start, end) = (span.start as usize, span.end as usize);
    let word = &text[start..end];
    let bytes = text.as_bytes();
    if ascii {
        let eight_at = |at: usize| match bytes.get(at..at + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
            None => {
                let mut buf = [0u8; 8];
                let n = bytes.len() - at;
                buf[..n].copy_from_slice(&bytes[at..]);
                u64::from_le_bytes(buf)
            }
        };
        let (head, tail) = if word.len() >= 8 {
            (eight_at(start), eight_at(end - 8))
        } else {
            let head = eight_at(start) & ((1u64 << (8 * word.len())) - 1);
            (head, head)
        };
        let (head, tail) = (head | 0x2020_2020_2020_2020, tail | 0x2020_2020_2020_2020);
        return (head.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ tail).rotate_left(7)
            ^ word.len() as u64;
    }
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for c in word.chars().flat_map(char::to_lowercase) {
        h.write_u32(c as u32);
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
    // Case-folded keys, so the scan compares integers; equal keys are
    // confirmed on the text.
    // Then keys to read `max_unit` (and a window) past the last word without
    // a bounds check per unit: a unit reaching into them never fits
    // `min_repeats` times.
    let padded = words.len() + max_unit.max(WINDOW);
    let mut keys: Vec<u64> = Vec::with_capacity(padded);
    keys.extend(
        words
            .iter()
            .map(|&w| fold_key(doc.text, w.span, w.is_ascii())),
    );
    keys.resize(padded, 0);
    let mut i = 0;
    while i < words.len() {
        let mut found = None;
        let room = words.len() - i;
        // Most units fail at their first word: one key compared first, with
        // the next few at once (a mask of the units whose next word is it).
        let first = keys[i];
        let units: &mut dyn Iterator<Item = usize> = if max_unit <= WINDOW {
            let window: &[u64; WINDOW] = keys[i + 1..i + 1 + WINDOW]
                .try_into()
                .expect("a window of keys");
            let mut mask = window
                .iter()
                .enumerate()
                .fold(0u32, |mask, (k, &key)| mask | u32::from(key == first) << k);
            mask &= (1u32 << max_unit) - 1;
            if mask == 0 {
                i += 1;
                continue;
            }
            &mut std::iter::from_fn(move || {
                (mask != 0).then(|| {
                    let unit = mask.trailing_zeros() as usize + 1;
                    mask &= mask - 1;
                    unit
                })
            })
        } else {
            &mut (1..=max_unit).filter(|&unit| keys[i + unit] == first)
        };
        for unit in units {
            // (Fits or not, in order: past the first unit that does not
            // fit, none does.)
            if unit * min_repeats > room {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of a text that is one word.
    fn key(word: &str) -> u64 {
        fold_key(word, Span::new(0, word.len()), word.is_ascii())
    }

    proptest::proptest! {
        /// A word's key is its own, whatever stands around it in the text
        /// (the eight-byte loads read past a short word's end).
        #[test]
        fn a_key_ignores_the_text_around_the_word(before in "[ a-zA-Zé.,]{0,12}", word in "[a-zA-Z0-9é'’-]{1,20}", after in "[ a-zA-Zé.,]{0,12}") {
            let text = format!("{before}{word}{after}");
            let span = Span::new(before.len(), before.len() + word.len());
            proptest::prop_assert_eq!(fold_key(&text, span, word.is_ascii()), key(&word));
        }

        /// The scan skips a unit whose keys differ: words equal up to case
        /// must share a key, or loops written in mixed case would be missed.
        #[test]
        fn words_equal_up_to_case_share_a_key(word in "[a-zA-Z0-9'’-]{1,40}", flips in proptest::collection::vec(proptest::bool::ANY, 40)) {
            let flipped: String = word
                .chars()
                .zip(&flips)
                .map(|(c, &flip)| if flip { c.to_uppercase().next().unwrap() } else { c.to_lowercase().next().unwrap() })
                .collect();
            proptest::prop_assert!(same(&word, &flipped));
            proptest::prop_assert_eq!(key(&word), key(&flipped));
        }
    }

    #[test]
    fn keys_tell_words_apart_by_their_ends_and_length() {
        assert_ne!(key("going"), key("doing"));
        assert_ne!(key("internationally"), key("internationalise"));
        assert_ne!(key("ab"), key("abb"));
    }

    /// The loops found in `text` with units of up to `max_words` words.
    fn loops(text: &str, max_words: usize) -> Vec<&str> {
        let rule = RuleMeta {
            id: Arc::from("t/loop"),
            severity: crate::diagnostic::Severity::Warning,
            message: "{match}".into(),
            applicability: crate::diagnostic::Applicability::Unsafe,
        };
        let loops = RepetitionLoop {
            allow: HashSet::default(),
            max_words,
            min_repeats: 3,
        };
        let mut out = Vec::new();
        check(&Document::new("t", text), &rule, &loops, &mut out);
        out.iter().map(|d| &text[d.span.range()]).collect()
    }

    #[test]
    fn units_up_to_max_words_are_found_above_and_below_the_window() {
        let four = "one two three four ";
        let nine = "a b c d e f g h i ";
        let text = format!("{}end. {}end.", four.repeat(3), nine.repeat(3));
        let (four_repeats, nine_repeats) = (four.repeat(2), nine.repeat(2));
        let (four_repeats, nine_repeats) = (four_repeats.trim_end(), nine_repeats.trim_end());
        // Below the window: units longer than max-words are not looked for.
        assert_eq!(loops(&text, 3), Vec::<&str>::new());
        assert_eq!(loops(&text, 4), [four_repeats]);
        assert_eq!(loops(&text, 8), [four_repeats]);
        // Above it: every unit up to max-words.
        assert_eq!(loops(&text, 9), [four_repeats, nine_repeats]);
        assert_eq!(loops(&text, 12), [four_repeats, nine_repeats]);
    }
}
