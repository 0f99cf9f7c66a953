//! The same line or paragraph repeated within one document: a scraper that
//! kept both the teaser and the body, a template that prints a headline
//! twice, a CMS that duplicated a paragraph.

use std::collections::HashMap;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label};
use crate::document::Document;
use crate::rule::{Rule, render_message};
use crate::span::Span;

/// Shorter lines (`Share`, `Photo`) repeat for innocent reasons.
pub const MIN_CHARS: usize = 20;

/// Whitespace-normalised, for comparison.
fn key(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn check(doc: &Document, rule: &Rule, out: &mut Vec<Diagnostic>) {
    let lines = doc.lines();
    let mut first_seen: HashMap<String, Span> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let content = doc.slice(line.span);
        let trimmed = content.trim();
        if trimmed.chars().count() < MIN_CHARS {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let span = Span::new(
            line.span.start as usize + lead,
            line.span.start as usize + lead + trimmed.len(),
        );
        match first_seen.get(&key(trimmed)) {
            None => {
                first_seen.insert(key(trimmed), span);
            }
            Some(&first) => {
                let delete = if line.full == line.span && i > 0 {
                    Span::new(lines[i - 1].span.end as usize, line.span.end as usize)
                } else {
                    line.full
                };
                let at = doc.line_index().line_column(doc.text, first.start).line;
                out.push(Diagnostic {
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    span,
                    message: render_message(&rule.message, |name| match name {
                        "match" => Some(trimmed.chars().take(60).collect()),
                        "detail" | "value" => Some(at.to_string()),
                        _ => None,
                    }),
                    labels: vec![Label {
                        span: first,
                        message: "first occurrence".into(),
                    }],
                    fix: Some(Fix {
                        applicability: rule.applicability.min(Applicability::Unsafe),
                        edits: vec![Edit::new(delete, "")],
                    }),
                });
            }
        }
    }
}
