//! What the name-variant check reads from one section of a document: the
//! capitalised words that may be names, each with what decides whether two
//! of them are one name spelled two ways (where they stand in their
//! sentences, which names stand beside them). Gathered per paragraph by the
//! language server, so an edit re-reads one paragraph (see
//! [`crate::check::facts`]).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::span::Span;

/// The name candidates of one section, spans relative to it.
#[derive(Debug)]
pub(super) struct NameFacts {
    /// One entry per distinct spelling, in order of first occurrence.
    pub(super) spellings: Vec<SpellingFacts>,
    /// Every occurrence of them, in order: one list for all (a spelling's
    /// own list, grown as it recurs, cost an allocation per name), read
    /// back only for the few spellings compared or reported.
    occurrences: Vec<Occurrence>,
}

/// One spelling's occurrences in a section, summed up.
#[derive(Debug)]
pub(super) struct SpellingFacts {
    /// The first occurrence (a possessive `’s` left out): it gives the text.
    pub(super) first: Span,
    /// How often it occurs.
    pub(super) count: usize,
    /// Whether it once stood in the middle of a sentence, where a capital
    /// means a name.
    pub(super) mid_sentence: bool,
    /// Whether it once stood with no capitalised word beside it.
    pub(super) ever_alone: bool,
    /// What the decision asks of the spelling's text, worked out on first
    /// use and then kept with these facts (an editor asks again on each edit).
    skeleton: OnceLock<String>,
    english: OnceLock<bool>,
}

/// One occurrence of a spelling.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    /// The spelling's number in [`NameFacts::spellings`].
    spelling: u32,
    /// The sentence it stands in, numbered in order within the section.
    sentence: u32,
    /// Where it stands (a possessive `’s` left out).
    span: Span,
    /// The capitalised words right before and after it, one space away
    /// (`Gunnar` in `Ole Gunnar Solskjær`), or empty spans.
    beside: [Span; 2],
}

impl SpellingFacts {
    /// The [`skeleton`](super::skeleton) of `text`, this spelling's text.
    pub(super) fn skeleton(&self, text: &str) -> &str {
        self.skeleton.get_or_init(|| super::skeleton(text))
    }

    /// Whether `text`, this spelling's text, lowercased is an English word.
    pub(super) fn is_english(&self, text: &str) -> bool {
        *self
            .english
            .get_or_init(|| crate::lexicon::is_english(&text.to_lowercase()))
    }
}

impl NameFacts {
    /// Each occurrence of spelling number `spelling`, in order.
    pub(super) fn spans(&self, spelling: usize) -> impl Iterator<Item = Span> + '_ {
        self.of(spelling).map(|o| o.span)
    }

    /// The sentences spelling number `spelling` occurs in (in order; one
    /// sentence once per occurrence in it).
    pub(super) fn sentences(&self, spelling: usize) -> impl Iterator<Item = u32> + '_ {
        self.of(spelling).map(|o| o.sentence)
    }

    /// The capitalised words right before or after spelling number
    /// `spelling`, where it occurs: the rest of a person's name (repeats
    /// included).
    pub(super) fn neighbours(&self, spelling: usize) -> impl Iterator<Item = Span> + '_ {
        self.of(spelling)
            .flat_map(|o| o.beside)
            .filter(|span| !span.is_empty())
    }

    fn of(&self, spelling: usize) -> impl Iterator<Item = &Occurrence> + '_ {
        let first = self.spellings[spelling].first;
        // (Nothing of it stands before its first occurrence.)
        let start = self
            .occurrences
            .partition_point(|o| o.span.start < first.start);
        self.occurrences[start..]
            .iter()
            .filter(move |o| o.spelling as usize == spelling)
    }

    /// The capitalised words of `section` of `min_letters` letters or more
    /// (after a possessive `’s`), the rest lowercase letters, hyphens or
    /// apostrophes.
    pub(super) fn gather(section: &Document, min_letters: usize) -> NameFacts {
        let text = section.text;
        let words = section.words();
        // Sized for a page's distinct capitalised words (a median of one
        // word in six on 200 real pages), not grown and copied as they come;
        // a long text repeats its names, so no more than a page's worth.
        let expected = (words.len() / 8).min(4096) + 8;
        let mut spellings: Vec<SpellingFacts> = Vec::with_capacity(expected);
        let mut occurrences: Vec<Occurrence> = Vec::with_capacity(2 * expected);
        let mut by_text: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(expected, Default::default());
        let mut sentence = 0u32;
        let mut previous_end = 0usize;
        let capitalised_neighbour = |k: usize, before: bool| -> Option<Span> {
            let other = if before { k.checked_sub(1)? } else { k + 1 };
            let other = words.get(other)?;
            let (left, right) = if before {
                (other.span, words[k].span)
            } else {
                (words[k].span, other.span)
            };
            let gap = &text[left.end as usize..right.start as usize];
            (gap == " " && other.is_capitalised()).then_some(other.span)
        };
        let bytes = text.as_bytes();
        for (k, word) in words.iter().enumerate() {
            let start = word.span.start as usize;
            // (ASCII marks, so searched for as bytes.)
            if bytes[previous_end..start]
                .iter()
                .any(|b| matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r'))
            {
                sentence += 1;
            }
            previous_end = word.span.end as usize;
            // Most words are not capitalised: nothing more to ask of them.
            if !word.is_capitalised() {
                continue;
            }
            let mut spelling = section.slice(word.span);
            let name_shaped = if word.is_ascii() && !word.is_joined() {
                // Most: ASCII letters and digits, asked byte by byte.
                spelling.len() >= min_letters
                    && spelling.bytes().skip(1).all(|b| b.is_ascii_lowercase())
            } else {
                for suffix in ["’s", "'s"] {
                    if let Some(stem) = spelling.strip_suffix(suffix) {
                        spelling = stem;
                    }
                }
                let mut chars = spelling.chars();
                chars.next().is_some_and(char::is_uppercase)
                    && spelling.chars().count() >= min_letters
                    && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
            };
            if !name_shaped {
                continue;
            }
            let span = Span::new(
                word.span.start as usize,
                word.span.start as usize + spelling.len(),
            );
            let before = text[..word.span.start as usize].trim_end_matches([' ', '\u{a0}']);
            let mid_sentence = !(before.is_empty()
                || before.ends_with(['.', '!', '?', '\n', '\r', '“', '"', ':', '‘', '\'']));
            let index = *by_text.entry(spelling).or_insert_with(|| {
                spellings.push(SpellingFacts {
                    first: span,
                    count: 0,
                    mid_sentence: false,
                    ever_alone: false,
                    skeleton: OnceLock::new(),
                    english: OnceLock::new(),
                });
                spellings.len() - 1
            });
            let facts = &mut spellings[index];
            let beside = [
                capitalised_neighbour(k, true),
                capitalised_neighbour(k, false),
            ];
            facts.ever_alone |= beside.iter().all(Option::is_none);
            facts.count += 1;
            facts.mid_sentence |= mid_sentence;
            occurrences.push(Occurrence {
                spelling: index as u32,
                sentence,
                span,
                beside: beside.map(|b| b.unwrap_or(Span::new(0, 0))),
            });
        }
        NameFacts {
            spellings,
            occurrences,
        }
    }
}
