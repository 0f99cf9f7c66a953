//! The same line or paragraph repeated within one document: a scraper that
//! kept both the teaser and the body, a template that prints a headline
//! twice, a CMS that duplicated a paragraph.

use std::sync::Arc;

use super::kind::{Check, Key, Kind, KindError, KindSpec, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

const MIN_CHARS: Key<u32> = Key::new("min-chars");
const MAX_REPEATS: Key<u32> = Key::new("max-repeats");

pub static KIND: Kind = Kind {
    name: "duplicate-line",
    keys: &[MIN_CHARS.decl(), MAX_REPEATS.decl()],
    placeholders: PROCEDURAL,
    compile,
    prepare: None,
};

/// A duplicate-line rule's thresholds: rule keys, with these defaults.
#[derive(Debug, Clone, Copy)]
pub struct DuplicateLine {
    /// `min-chars` (20): shorter lines (`Share`, `Photo`) repeat for innocent reasons.
    pub min_chars: usize,
    /// `max-repeats` (3): more repeats in one document mean structured
    /// content (a recipe, a training plan, a table), not a scraping
    /// accident: they are reported as info (and `quality/duplicate-lines`
    /// measures the document).
    pub max_repeats: usize,
}

impl Default for DuplicateLine {
    fn default() -> DuplicateLine {
        DuplicateLine {
            min_chars: 20,
            max_repeats: 3,
        }
    }
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let default = DuplicateLine::default();
    Ok(Arc::new(DuplicateLine {
        min_chars: spec.count(&MIN_CHARS, default.min_chars, 1)?,
        max_repeats: spec.count(&MAX_REPEATS, default.max_repeats, 0)?,
    }))
}

impl Check for DuplicateLine {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, self, out);
    }
}

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

/// A line of source code, which code samples in tutorials repeat by design
/// (`$this->parser = $parser;`, `});`, a JSON field): it ends as a
/// statement or block does, or has an operator prose never writes.
fn looks_like_code(line: &str) -> bool {
    line.ends_with([';', '{', '}'])
        || ["->", "=>", "();", "::"].iter().any(|op| line.contains(op))
        || (line.ends_with(',') && line.contains("\":"))
}

pub fn check(doc: &Document, rule: &RuleMeta, limits: &DuplicateLine, out: &mut Vec<Diagnostic>) {
    let first = out.len();
    check_lines(doc, rule, limits, out);
    if out.len() - first > limits.max_repeats {
        for d in &mut out[first..] {
            d.severity = d.severity.min(crate::diagnostic::Severity::Info);
        }
    }
}

fn check_lines(doc: &Document, rule: &RuleMeta, limits: &DuplicateLine, out: &mut Vec<Diagnostic>) {
    let lines = doc.lines();
    let mut first_seen: rustc_hash::FxHashMap<std::borrow::Cow<'_, str>, Span> = Default::default();
    for (i, line) in lines.iter().enumerate() {
        let content = doc.slice(line.span);
        let trimmed = content.trim();
        // Table cells repeat by design; a heading is not a scraped line;
        // nor is a line of a code sample.
        if trimmed.chars().count() < limits.min_chars
            || doc.is_fragment(line.span)
            || looks_like_code(trimmed)
        {
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
                out.push(
                    rule.report(span, |name| match name {
                        "match" => Some(trimmed.chars().take(60).collect()),
                        "detail" | "value" => Some(at.to_string()),
                        _ => None,
                    })
                    .label(first, "first occurrence")
                    .unsafe_fix([Edit::new(delete, "")])
                    .build(),
                );
            }
        }
    }
}
