//! A content word of six or more letters used three or more times within a
//! hundred words: machine translation repeats where a writer varies.

use std::collections::HashSet;
use std::sync::Arc;

use super::kind::{ALLOW, Check, Kind, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "overuse",
    keys: &[ALLOW.decl()],
    placeholders: PROCEDURAL,
    compile: |spec| {
        Ok(Arc::new(Overuse {
            allow: spec.allow_set()?,
        }))
    },
    prepare: None,
};

#[derive(Debug)]
pub struct Overuse {
    /// Words never reported, lowercased.
    pub allow: HashSet<String>,
}

impl Check for Overuse {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, &self.allow, out);
    }
}

const MIN_LETTERS: usize = 6;
const WINDOW: usize = 100;
const MIN_USES: usize = 3;

pub fn check(doc: &Document, rule: &RuleMeta, allow: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    let words = doc.words();
    // Recent positions (word index, within the window) of each lowercase
    // content word: bounded per word, however long the document.
    let mut seen: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    let mut reported: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (i, word) in words.iter().enumerate() {
        let text = doc.slice(word.span);
        // Capitalised words are names (the topic of the article), not style;
        // only plain lowercase words count.
        if text.len() < MIN_LETTERS
            || !text.chars().all(char::is_lowercase)
            || text.chars().count() < MIN_LETTERS
        {
            continue;
        }
        let lower = text;
        let positions = seen.entry(lower).or_default();
        let stale = positions.partition_point(|&p| i - p >= WINDOW);
        positions.drain(..stale);
        positions.push(i);
        let in_window = positions.len();
        // One report per cluster: not again until the window has moved on.
        let last = reported.get(lower).copied();
        if in_window >= MIN_USES && last.is_none_or(|l| i - l >= WINDOW) && !allow.contains(lower) {
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
