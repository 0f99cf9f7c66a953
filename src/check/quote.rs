//! Quotation-mark spacing and balance: `help, ”Tokayev said` (a closing quote
//! with a space before it and glued to the next word), `“ word` (an opening
//! quote followed by a space), and quotes left open within a paragraph.

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

/// Paragraphs: runs of lines separated by blank lines, as byte ranges.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push((s, offset));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A quote touching `=`, `<` or `>` is HTML debris, reported by the markup rules.
fn markup_context(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].trim_end_matches(is_space).chars().next_back();
    let after = text[at + len..].trim_start_matches(is_space).chars().next();
    matches!(before, Some('=' | '<' | '>')) || matches!(after, Some('=' | '<' | '>'))
}

pub fn check(doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    let paras = paragraphs(text);
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
        if !para.contains(['“', '”']) {
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
            if let Some((open, spaces)) = spaced_open.take()
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
