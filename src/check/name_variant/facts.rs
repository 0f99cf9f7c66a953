//! What the name-variant check reads from one section of a document: the
//! capitalised words that may be names, each with what decides whether two
//! of them are one name spelled two ways (where they stand in their
//! sentences, which names stand beside them). Gathered per paragraph by the
//! language server, so an edit re-reads one paragraph (see
//! [`crate::check::facts`]).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::document::Document;
use crate::span::Span;

/// The name candidates of one section, spans relative to it.
#[derive(Debug)]
pub(super) struct NameFacts {
    /// One entry per distinct spelling, in order of first occurrence.
    pub(super) spellings: Vec<SpellingFacts>,
}

/// One spelling's occurrences in a section.
#[derive(Debug)]
pub(super) struct SpellingFacts {
    /// Each occurrence (a possessive `’s` left out); the first gives the text.
    pub(super) spans: SmallVec<[Span; 1]>,
    /// Whether it once stood in the middle of a sentence, where a capital
    /// means a name.
    pub(super) mid_sentence: bool,
    /// The sentences it occurs in, numbered in order within the section.
    pub(super) sentences: SmallVec<[u32; 1]>,
    /// The first occurrence of each distinct capitalised word right before or
    /// after it (`Gunnar` in `Ole Gunnar Solskjær`): the rest of a person's
    /// name. A neighbour is one space away, so never in another section.
    pub(super) neighbours: SmallVec<[Span; 2]>,
    /// Whether it once stood with no capitalised word beside it.
    pub(super) ever_alone: bool,
    /// What the decision asks of the spelling's text, worked out on first
    /// use and then kept with these facts (an editor asks again on each edit).
    skeleton: OnceLock<String>,
    english: OnceLock<bool>,
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
            let first = section.slice(other.span).chars().next();
            (gap == " " && first.is_some_and(char::is_uppercase)).then_some(other.span)
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
            // Most words begin with an ASCII letter or digit that is not
            // uppercase: nothing more to ask of them, and no need to slice.
            if bytes[start].is_ascii() && !bytes[start].is_ascii_uppercase() {
                continue;
            }
            let mut spelling = section.slice(word.span);
            if !spelling.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            for suffix in ["’s", "'s"] {
                if let Some(stem) = spelling.strip_suffix(suffix) {
                    spelling = stem;
                }
            }
            let mut chars = spelling.chars();
            let first_upper = chars.next().is_some_and(char::is_uppercase);
            if !first_upper
                || spelling.chars().count() < min_letters
                || !chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
            {
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
                    spans: SmallVec::new(),
                    mid_sentence: false,
                    sentences: SmallVec::new(),
                    neighbours: SmallVec::new(),
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
            for neighbour in beside.into_iter().flatten() {
                let name = section.slice(neighbour);
                if !facts.neighbours.iter().any(|&n| section.slice(n) == name) {
                    facts.neighbours.push(neighbour);
                }
            }
            facts.spans.push(span);
            facts.mid_sentence |= mid_sentence;
            if facts.sentences.last() != Some(&sentence) {
                facts.sentences.push(sentence);
            }
        }
        NameFacts { spellings }
    }
}
