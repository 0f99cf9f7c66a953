//! The same line or paragraph repeated within one document: a scraper that
//! kept both the teaser and the body, a template that prints a headline
//! twice, a CMS that duplicated a paragraph.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label};
use crate::document::Document;
use crate::rule::{Rule, render_message};
use crate::span::Span;

/// Shorter lines (`Share`, `Photo`) repeat for innocent reasons.
pub const MIN_CHARS: usize = 20;

/// Whitespace-normalised, for comparison.
/// Whitespace-normalised, for comparison; borrowed when already normal.
fn key(line: &str) -> std::borrow::Cow<'_, str> {
    let normal = !line.contains(['\t', '\u{a0}']) && !line.contains("  ");
    if normal {
        line.into()
    } else {
        line.split_whitespace().collect::<Vec<_>>().join(" ").into()
    }
}

/// Repeats beyond this many in one document mean structured content (a
/// recipe, a training plan, a table), not a scraping accident: they are
/// reported as info (and `quality/duplicate-lines` measures the document).
pub const MAX_ISOLATED_REPEATS: usize = 3;

pub fn check(doc: &Document, rule: &Rule, out: &mut Vec<Diagnostic>) {
    let first = out.len();
    check_lines(doc, rule, out);
    if out.len() - first > MAX_ISOLATED_REPEATS {
        for d in &mut out[first..] {
            d.severity = d.severity.min(crate::diagnostic::Severity::Info);
        }
    }
}

fn check_lines(doc: &Document, rule: &Rule, out: &mut Vec<Diagnostic>) {
    let lines = doc.lines();
    let mut first_seen: rustc_hash::FxHashMap<std::borrow::Cow<'_, str>, Span> = Default::default();
    for (i, line) in lines.iter().enumerate() {
        let content = doc.slice(line.span);
        let trimmed = content.trim();
        // Table cells repeat by design; a heading is not a scraped line.
        if trimmed.chars().count() < MIN_CHARS || doc.is_fragment(line.span) {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let span = Span::new(
            line.span.start as usize + lead,
            line.span.start as usize + lead + trimmed.len(),
        );
        let k = key(trimmed);
        match first_seen.get(&k) {
            None => {
                first_seen.insert(k, span);
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
