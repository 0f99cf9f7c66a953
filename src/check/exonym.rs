//! Foreign forms of people's names (`Poutine` for Putin), made contextual: a
//! warning when anchored by the person's given name or when the English form
//! also appears in the document, info otherwise (`poutine` is also a dish).

use std::collections::HashMap;

use crate::check::text::at_word_boundary;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Document;
use crate::rule::{Person, Rule, render_message};
use crate::span::Span;

/// Reports one occurrence of `person.foreign` found at `span` by the shared
/// literal automaton.
/// `english_seen` caches, per document, whether an English form occurs, so a
/// document with many foreign forms is still scanned once per person.
pub fn report<'r>(
    doc: &Document,
    rule: &Rule,
    person: &'r Person,
    span: Span,
    english_seen: &mut HashMap<&'r str, bool>,
    out: &mut Vec<Diagnostic>,
) {
    let before = doc.text[..span.start as usize].trim_end_matches([' ', '\u{a0}']);
    let anchored_by_given = person.given.iter().any(|given| {
        before.ends_with(given.as_str())
            && at_word_boundary(before, before.len() - given.len(), before.len())
    });
    let english_elsewhere = anchored_by_given
        || *english_seen
            .entry(person.english.as_str())
            .or_insert_with(|| {
                doc.text
                    .match_indices(person.english.as_str())
                    .any(|(i, m)| at_word_boundary(doc.text, i, i + m.len()))
            });
    let severity = if anchored_by_given || english_elsewhere {
        rule.severity
    } else {
        Severity::Info
    };
    let matched = doc.slice(span);
    out.push(Diagnostic {
        rule: rule.id.clone(),
        severity,
        span,
        message: render_message(&rule.message, |name| match name {
            "match" => Some(matched.to_string()),
            "replacement" => Some(person.english.clone()),
            _ => None,
        }),
        labels: Vec::new(),
        fix: Some(Fix {
            applicability: rule
                .applicability
                .min(crate::diagnostic::Applicability::Unsafe),
            edits: vec![Edit::new(span, person.english.clone())],
        }),
    });
}
