//! A content word of six or more letters used three or more times within a
//! hundred words: machine translation repeats where a writer varies.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use super::kind::{ALLOW, Check, Key, Kind, KindError, KindSpec, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

const MIN_LETTERS: Key<u32> = Key::new("min-letters");
const MIN_USES: Key<u32> = Key::new("min-uses");
const WINDOW: Key<u32> = Key::new("window");

pub static KIND: Kind = Kind {
    name: "overuse",
    keys: &[
        ALLOW.decl(),
        MIN_LETTERS.decl(),
        MIN_USES.decl(),
        WINDOW.decl(),
    ],
    placeholders: PROCEDURAL,
    compile,
    prepare: None,
};

/// An overuse rule: its thresholds are rule keys, with these defaults.
#[derive(Debug)]
pub struct Overuse {
    /// `allow`: words never reported, lowercased.
    pub allow: HashSet<String>,
    /// `min-letters` (6): shorter words are not counted.
    pub min_letters: usize,
    /// `min-uses` (3): uses within the window that are reported.
    pub min_uses: usize,
    /// `window` (100): in words.
    pub window: usize,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    Ok(Arc::new(Overuse {
        allow: spec.allow_set()?,
        min_letters: spec.count(&MIN_LETTERS, 6, 1)?,
        min_uses: spec.count(&MIN_USES, 3, 2)?,
        window: spec.count(&WINDOW, 100, 1)?,
    }))
}

impl Check for Overuse {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, self, out);
    }
}

pub fn check(doc: &Document, rule: &RuleMeta, overuse: &Overuse, out: &mut Vec<Diagnostic>) {
    let allow = &overuse.allow;
    let (min_letters, min_uses, window) = (overuse.min_letters, overuse.min_uses, overuse.window);
    let words = doc.words();
    // Recent positions (word index, within the window) of each lowercase
    // content word: bounded per word, however long the document.
    // Sized once for the long lowercase words a page typically has (about
    // one word in four), rather than grown and rehashed as they come.
    let mut seen: rustc_hash::FxHashMap<&str, smallvec::SmallVec<[usize; 2]>> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(words.len() / 4, Default::default());
    let mut reported: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (i, word) in words.iter().enumerate() {
        // Capitalised words are names (the topic of the article), not style;
        // only plain lowercase words count (a joiner is no lowercase letter).
        // (Asked of the span and the flags before the text is sliced.)
        if word.span.len() < min_letters || word.is_capitalised() || word.is_joined() {
            continue;
        }
        let text = doc.slice(word.span);
        // (An ASCII word, nearly every word, asked on its bytes.)
        let lowercase = if word.is_ascii() {
            text.bytes().all(|b| b.is_ascii_lowercase())
        } else {
            text.chars().all(char::is_lowercase) && text.chars().count() >= min_letters
        };
        if !lowercase {
            continue;
        }
        let lower = text;
        let positions = seen.entry(lower).or_default();
        let stale = positions.partition_point(|&p| i - p >= window);
        positions.drain(..stale);
        positions.push(i);
        let in_window = positions.len();
        // One report per cluster: not again until the window has moved on.
        if in_window >= min_uses
            && reported.get(lower).is_none_or(|&l| i - l >= window)
            && !allow.contains(lower)
        {
            reported.insert(lower, i);
            let first = positions[positions.len() - in_window];
            let span = Span::new(word.span.start as usize, word.span.end as usize);
            out.push(
                rule.report(span, |name| match name {
                    "match" => Some(lower.to_string()),
                    "count" => Some(in_window.to_string()),
                    "value" => Some((i - first + 1).to_string()),
                    _ => None,
                })
                .build(),
            );
        }
    }
}
