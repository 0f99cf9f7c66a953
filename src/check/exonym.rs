//! Foreign forms of people's names (`Poutine` for Putin), made contextual: a
//! warning when anchored by the person's given name or when the English form
//! also appears in the document, info otherwise (`poutine` is also a dish).

use crate::check::text::at_word_boundary;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Document;
use crate::rule::{Person, Rule, render_message};
use crate::span::Span;

/// Reports one occurrence of `person.foreign` found at `span` by the shared
/// literal automaton.
pub fn report(doc: &Document, rule: &Rule, person: &Person, span: Span, out: &mut Vec<Diagnostic>) {
    let before = doc.text[..span.start as usize].trim_end_matches([' ', '\u{a0}']);
    let anchored_by_given = person.given.iter().any(|given| {
        before.ends_with(given.as_str())
            && at_word_boundary(before, before.len() - given.len(), before.len())
    });
    let english_elsewhere = doc
        .text
        .match_indices(person.english.as_str())
        .any(|(i, m)| at_word_boundary(doc.text, i, i + m.len()));
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
