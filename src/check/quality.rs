//! Document statistics from web-corpus quality filters (Gopher, C4,
//! FineWeb), each reported once per document, with the measured value and the
//! threshold, when the document falls outside it. Pipelines drop such
//! documents silently; artlint says why.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rule::{Rule, render_message};
use crate::span::Span;

/// Gopher applies its filters to documents of 50 words or more.
pub const MIN_WORDS: usize = 50;

/// Gopher's "stop words": a document of real prose has at least two.
const GOPHER_STOP_WORDS: &[&str] = &["the", "be", "to", "of", "and", "that", "have", "with"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    StopWords,
    MeanWordLength,
    SymbolRatio,
    TerminalPunctuation,
    ShortLines,
    DuplicateLines,
    BoilerplateFraction,
}

impl Metric {
    pub const NAMES: &[&str] = &[
        "stop-words",
        "mean-word-length",
        "symbol-ratio",
        "terminal-punctuation",
        "short-lines",
        "duplicate-lines",
        "boilerplate-fraction",
    ];

    pub fn parse(name: &str) -> Option<Metric> {
        Some(match name {
            "stop-words" => Metric::StopWords,
            "mean-word-length" => Metric::MeanWordLength,
            "symbol-ratio" => Metric::SymbolRatio,
            "terminal-punctuation" => Metric::TerminalPunctuation,
            "short-lines" => Metric::ShortLines,
            "duplicate-lines" => Metric::DuplicateLines,
            "boilerplate-fraction" => Metric::BoilerplateFraction,
            _ => return None,
        })
    }
}

/// Measures `metric` on `doc`. `flagged_boilerplate` is the byte count of
/// lines other rules flagged as boilerplate.
pub fn measure(doc: &Document, metric: Metric, flagged_boilerplate: usize) -> f64 {
    let words: Vec<&str> = doc.text.split_whitespace().collect();
    let lines: Vec<&str> = doc
        .lines()
        .iter()
        .map(|l| doc.slice(l.span).trim())
        .filter(|l| !l.is_empty())
        .collect();
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    match metric {
        Metric::StopWords => words
            .iter()
            .filter(|w| GOPHER_STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
            .count() as f64,
        Metric::MeanWordLength => ratio(words.iter().map(|w| w.chars().count()).sum(), words.len()),
        Metric::SymbolRatio => {
            let symbols = doc.text.matches('#').count()
                + doc.text.matches("...").count()
                + doc.text.matches('…').count();
            ratio(symbols, words.len())
        }
        Metric::TerminalPunctuation => ratio(
            lines
                .iter()
                .filter(|l| l.ends_with(['.', '!', '?', '"', '”', '’', '\'']))
                .count(),
            lines.len(),
        ),
        Metric::ShortLines => ratio(
            lines.iter().filter(|l| l.chars().count() < 30).count(),
            lines.len(),
        ),
        Metric::DuplicateLines => {
            let mut seen = HashSet::new();
            ratio(
                lines.iter().filter(|l| !seen.insert(**l)).count(),
                lines.len(),
            )
        }
        Metric::BoilerplateFraction => ratio(flagged_boilerplate, doc.text.trim().len()),
    }
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

pub fn check(
    doc: &Document,
    rule: &Rule,
    metric: Metric,
    minimum: Option<f64>,
    maximum: Option<f64>,
    flagged_boilerplate: usize,
    out: &mut Vec<Diagnostic>,
) {
    if doc.text.split_whitespace().nth(MIN_WORDS - 1).is_none() {
        return;
    }
    let value = measure(doc, metric, flagged_boilerplate);
    let (bound, side) = match (minimum, maximum) {
        (Some(min), _) if value < min => (min, "below the minimum"),
        (_, Some(max)) if value > max => (max, "above the maximum"),
        _ => return,
    };
    out.push(Diagnostic {
        rule: rule.id.clone(),
        severity: rule.severity,
        span: Span::new(0, 0),
        message: render_message(&rule.message, |name| match name {
            "value" => Some(format_value(value)),
            "threshold" => Some(format_value(bound)),
            "detail" => Some(side.to_string()),
            _ => None,
        }),
        labels: Vec::new(),
        fix: None,
    });
}
