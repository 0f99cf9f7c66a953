//! The same word twice in a row (`the the`), a classic of hurried editing and
//! of machine translation.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use super::kind::{ALLOW, Check, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "repetition",
    keys: &[ALLOW.decl()],
    placeholders: &["match"],
    compile: |spec| {
        Ok(Arc::new(Repetition {
            allow: spec.allow_set()?,
        }))
    },
    prepare: None,
};

#[derive(Debug)]
pub struct Repetition {
    /// Words that may be doubled, lowercased.
    pub allow: HashSet<String>,
}

impl Check for Repetition {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, &self.allow, out);
    }
}

pub fn check(doc: &Document, rule: &RuleMeta, allow: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    let words = doc.words();
    for pair in words.windows(2) {
        let (first, second) = (pair[0].span, pair[1].span);
        // (Lengths from the spans: most neighbours differ there, and then
        // the text is not sliced.)
        if first.len() != second.len() {
            continue;
        }
        let (a, b) = (doc.slice(first), doc.slice(second));
        // (Two ASCII words, nearly every pair, compared without decoding.)
        let same = if pair[0].is_ascii() && pair[1].is_ascii() {
            a.eq_ignore_ascii_case(b)
        } else {
            same_word(a, b)
        };
        if !same {
            continue;
        }
        if a.chars().all(|c| c.is_numeric()) || allow.contains(&a.to_lowercase()) {
            continue;
        }
        // A capitalised repeat is a name or a title (`Duran Duran`, `Bora Bora`).
        if b.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // A doubled word that is a whole sentence is an exclamation or a
        // sound (`Splash splash!`, `Beep beep.`), said twice on purpose;
        // not a lowercase stutter on a line of its own (`the the`), nor a
        // doubled function word (`The the.`).
        if a.chars().next().is_some_and(char::is_uppercase)
            && !is_english_stop_word(b)
            && whole_sentence(doc.text, first, second)
        {
            continue;
        }
        // Only spaces between them; a line break only inside wrapped prose
        // (a long previous line), never between list items or headings.
        let gap = &doc.text[first.end as usize..second.start as usize];
        if !gap.chars().all(char::is_whitespace)
            || !continues_line(doc.text, first.start as usize, gap)
        {
            continue;
        }
        out.push(
            rule.report(second, |name| (name == "match").then(|| b.to_string()))
                .fix([Edit::new(
                    Span::new(first.end as usize, second.end as usize),
                    "",
                )])
                .build(),
        );
    }
}

fn is_english_stop_word(word: &str) -> bool {
    crate::check::language::STOP_WORDS
        .iter()
        .find(|(language, _)| *language == "en")
        .is_some_and(|(_, words)| words.contains(&word))
}

/// True if the two words are all of their sentence or quotation: a
/// sentence end, an opening quote or the line's start right before, and a
/// sentence end, a closing quote or the line's end right after.
fn whole_sentence(text: &str, first: Span, second: Span) -> bool {
    let before = text[..first.start as usize].trim_end_matches([' ', '\t']);
    let starts = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '\r', '“', '"', '‘']);
    let after = &text[second.end as usize..];
    let ends =
        after.is_empty() || after.starts_with(['.', '!', '?', '…', '\n', '\r', '”', '"', '’']);
    starts && ends
}

/// Lines shorter than this are headings or list items, not wrapped prose.
const WRAPPED_LINE_MIN: usize = 60;

fn continues_line(text: &str, first_start: usize, gap: &str) -> bool {
    match gap.matches(['\n', '\r']).count() {
        0 => true,
        1 => {
            let line_start = text[..first_start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            first_start - line_start >= WRAPPED_LINE_MIN
        }
        _ => false,
    }
}

fn same_word(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}
