//! Quotation-mark spacing and balance: `help, ”Tokayev said` (a closing quote
//! with a space before it and glued to the next word), `the word ”.` (a
//! closing quote with a space before it, then sentence punctuation), `“ word`
//! (an opening quote followed by a space), and quotes left open within a
//! paragraph.

use std::sync::Arc;

use super::kind::{Check, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "quote-spacing",
    keys: &[],
    placeholders: &["match", "problem"],
    compile: |_| Ok(Arc::new(QuoteSpacing)),
    prepare: None,
};

#[derive(Debug)]
pub struct QuoteSpacing;

impl Check for QuoteSpacing {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, out);
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\t'
}

/// Paragraphs: runs of lines separated by blank lines, as byte ranges
/// (each from its first line's start to the start of the blank line after
/// it, or the end of the text).
fn paragraphs(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for line in doc.lines() {
        let blank = line.trimmed.is_empty();
        match (blank, start) {
            (false, None) => start = Some(line.full.start as usize),
            (true, Some(s)) => {
                out.push((s, line.full.start as usize));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, doc.text.len()));
    }
    out
}

/// A quote touching `=`, `<` or `>` is HTML debris, reported by the markup rules.
fn markup_context(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].trim_end_matches(is_space).chars().next_back();
    let after = text[at + len..].trim_start_matches(is_space).chars().next();
    matches!(before, Some('=' | '<' | '>')) || matches!(after, Some('=' | '<' | '>'))
}

/// The spaces before the closing quote at `at` (`len` bytes long) when it
/// follows a word or a sentence mark and is followed, after optional spaces,
/// by sentence punctuation: `the word ”.`, `he said ” ,`.
fn space_before_closing(text: &str, at: usize, len: usize) -> Option<Span> {
    let before = text[..at].trim_end_matches(is_space);
    let after = text[at + len..].trim_start_matches(is_space);
    let word_before = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '.' | '!' | '?' | '…'));
    (before.len() < at && word_before && after.starts_with(['.', ',', ';', ':', '!', '?']))
        .then(|| Span::new(before.len(), at))
}

/// Straight closing quotes after a space in the paragraph `start..end`, as
/// (quote offset, spaces before it). A straight quote's role is only taken as
/// certain when the paragraph's straight quotes pair up (an even count, none
/// an inch or ditto mark after a digit), this one closes a pair, and its
/// opening quote is not itself followed by a space (`" word "` is ambiguous).
fn straight_closing_after_space(text: &str, start: usize, end: usize) -> Vec<(usize, Span)> {
    let quotes: Vec<usize> = text[start..end]
        .match_indices('"')
        .map(|(i, _)| start + i)
        .collect();
    if quotes.is_empty()
        || quotes.len() % 2 == 1
        || quotes.iter().any(|&q| {
            text[..q]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        })
    {
        return Vec::new();
    }
    quotes
        .chunks(2)
        .filter(|pair| !text[pair[0] + 1..].starts_with(is_space))
        .filter(|pair| !markup_context(text, pair[1], 1))
        .filter_map(|pair| Some((pair[1], space_before_closing(text, pair[1], 1)?)))
        .collect()
}

pub fn check(doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    let paras = paragraphs(doc);
    let mut push = |span: Span, problem: &str, edits: Vec<Edit>| {
        let matched = doc.slice(span);
        out.push(
            rule.report(span, |name| match name {
                "match" => Some(matched.to_string()),
                "problem" => Some(problem.to_string()),
                _ => None,
            })
            .unsafe_fix(edits)
            .build(),
        );
    };
    let mut unbalanced = Vec::new();
    for (n, &(start, end)) in paras.iter().enumerate() {
        let para = &text[start..end];
        for (at, space) in straight_closing_after_space(text, start, end) {
            push(
                Span::new(space.start as usize, at + 1),
                "closing quote after a space",
                vec![Edit::new(space, "")],
            );
        }
        // (Searched for as bytes: a char-set search decodes every char.)
        let curly = |q: &str| memchr::memmem::find(para.as_bytes(), q.as_bytes()).is_some();
        if !curly("“") && !curly("”") {
            continue;
        }
        let mut depth = 0usize;
        let mut last_open: Option<usize> = None;
        // An opening quote followed by a space, waiting for its closing quote:
        // `“ comfort food ”` is a (rare) house style, `“ yes”` is an error.
        let mut spaced_open: Option<(usize, usize)> = None;
        let mut markup = false;
        for (i, c) in para.char_indices() {
            let at = start + i;
            if !matches!(c, '“' | '”') {
                continue;
            }
            if markup_context(text, at, c.len_utf8()) {
                markup = true;
                continue;
            }
            let prev = text[..at].chars().next_back();
            let next = text[at + c.len_utf8()..].chars().next();
            if c == '“' {
                depth += 1;
                last_open = Some(at);
                let rest = &text[at + 3..];
                let spaces = rest.len() - rest.trim_start_matches(is_space).len();
                spaced_open = (spaces > 0 && rest[spaces..].starts_with(char::is_alphanumeric))
                    .then_some((at, spaces));
                continue;
            }
            if depth == 0 {
                continue; // a closing quote used as an opening one: not this check's call
            }
            depth -= 1;
            let space_before = prev.is_some_and(is_space);
            let glued_after = next.is_some_and(char::is_alphanumeric);
            let spaced = spaced_open.take();
            if let Some((open, spaces)) = spaced
                && !space_before
            {
                push(
                    Span::new(open, open + 3 + spaces),
                    "space after an opening quote",
                    vec![Edit::new(Span::new(open + 3, open + 3 + spaces), "")],
                );
            }
            if space_before && glued_after {
                let trimmed = text[..at].trim_end_matches(is_space);
                let edits = vec![
                    Edit::new(Span::new(trimmed.len(), at), ""),
                    Edit::new(Span::new(at + 3, at + 3), " "),
                ];
                push(
                    Span::new(trimmed.len(), at + 3),
                    "closing quote after a space and glued to the next word",
                    edits,
                );
            } else if glued_after {
                push(
                    Span::new(at, at + 3),
                    "closing quote glued to the next word",
                    vec![Edit::new(Span::new(at + 3, at + 3), " ")],
                );
            } else if space_before
                && spaced.is_none()
                && let Some(space) = space_before_closing(text, at, 3)
            {
                // `the word ”.`: unless the opening quote was spaced too (`“ word ”.`, a house style).
                push(
                    Span::new(space.start as usize, at + 3),
                    "closing quote after a space",
                    vec![Edit::new(space, "")],
                );
            }
        }
        // A quotation running over paragraphs is reopened at each paragraph start.
        let continues = paras
            .get(n + 1)
            .is_some_and(|&(s, _)| text[s..].trim_start().starts_with('“'));
        // Other closers (`"`, `’’`) mean the writer mixed styles, not that the quote is open.
        let other_closers = para.contains('"') || para.contains("’’");
        if depth > 0
            && !markup
            && !continues
            && !other_closers
            && let Some(open) = last_open
        {
            unbalanced.push(Span::new(open, open + 3));
        }
    }
    // Open quotations are info: professional copy also leaves a quote open
    // when the next paragraph continues it without reopening.
    for span in unbalanced {
        out.push(
            rule.report(span, |name| match name {
                "match" => Some("“".to_string()),
                "problem" => Some("quotation opened but not closed in this paragraph".to_string()),
                _ => None,
            })
            .severity(Severity::Info)
            .build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_run_between_blank_lines_with_any_line_ending() {
        let doc = Document::new("t", "a\n\nb c\r\n  \r\nd\ne");
        assert_eq!(paragraphs(&doc), [(0, 2), (3, 8), (12, 15)]);
        assert!(paragraphs(&Document::new("t", " \n\n")).is_empty());
    }
}
