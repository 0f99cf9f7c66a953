//! Document statistics from web-corpus quality filters (Gopher, C4,
//! FineWeb), each reported once per document, with the measured value and the
//! threshold, when the document falls outside it. Pipelines drop such
//! documents silently; artlint says why.

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
/// Measures `metric`. `flagged_boilerplate` is the byte count of lines other
/// rules flagged as boilerplate.
pub fn measure(stats: &Stats, metric: Metric, flagged_boilerplate: usize) -> f64 {
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    match metric {
        Metric::StopWords => stats.stop_words as f64,
        Metric::MeanWordLength => ratio(stats.word_chars, stats.words),
        Metric::SymbolRatio => ratio(stats.symbols, stats.words),
        Metric::TerminalPunctuation => ratio(stats.terminal_lines, stats.lines),
        Metric::ShortLines => ratio(stats.short_lines, stats.lines),
        Metric::DuplicateLines => ratio(stats.duplicate_lines, stats.lines),
        Metric::BoilerplateFraction => ratio(flagged_boilerplate, stats.trimmed_len),
    }
}

/// Every statistic of a document, counted in one pass over its words and
/// one over its lines, shared by all the quality rules.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    words: usize,
    word_chars: usize,
    stop_words: usize,
    symbols: usize,
    lines: usize,
    terminal_lines: usize,
    short_lines: usize,
    duplicate_lines: usize,
    trimmed_len: usize,
}

impl Stats {
    pub fn of(doc: &Document) -> Stats {
        let mut stats = Stats {
            trimmed_len: doc.text.trim().len(),
            ..Stats::default()
        };
        for word in doc.text.split_ascii_whitespace() {
            stats.words += 1;
            stats.word_chars += if word.is_ascii() {
                word.len()
            } else {
                word.chars().count()
            };
            if word.len() <= 4
                && GOPHER_STOP_WORDS
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(word))
            {
                stats.stop_words += 1;
            }
        }
        let bytes = doc.text.as_bytes();
        stats.symbols = memchr::memchr_iter(b'#', bytes).count()
            + memchr::memmem::find_iter(bytes, b"...").count()
            + memchr::memmem::find_iter(bytes, "…".as_bytes()).count();
        let mut seen = rustc_hash::FxHashSet::default();
        for line in doc.lines() {
            let l = doc.slice(line.span).trim();
            if l.is_empty() {
                continue;
            }
            stats.lines += 1;
            stats.terminal_lines += usize::from(l.ends_with(['.', '!', '?', '"', '”', '’', '\'']));
            stats.short_lines += usize::from(l.len() < 30 || l.chars().count() < 30);
            stats.duplicate_lines += usize::from(!seen.insert(l));
        }
        stats
    }

    pub fn words(&self) -> usize {
        self.words
    }
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// `value` as [`format_value`] prints it, with more decimals when needed so
/// that the printed number is still on the same side of `bound` (2.996 below
/// a minimum of 3 prints as `2.996`, not `3.00`).
fn format_against(value: f64, bound: f64) -> String {
    let same_side = |shown: &str| {
        shown
            .parse::<f64>()
            .is_ok_and(|v| v.partial_cmp(&bound) == value.partial_cmp(&bound))
    };
    let shown = format_value(value);
    if same_side(&shown) {
        return shown;
    }
    (3..=6)
        .map(|decimals| format!("{value:.decimals$}"))
        .find(|shown| same_side(shown))
        .unwrap_or_else(|| value.to_string())
}

pub fn check(
    stats: &Stats,
    rule: &Rule,
    metric: Metric,
    minimum: Option<f64>,
    maximum: Option<f64>,
    flagged_boilerplate: usize,
    out: &mut Vec<Diagnostic>,
) {
    if stats.words() < MIN_WORDS {
        return;
    }
    let value = measure(stats, metric, flagged_boilerplate);
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
            "value" => Some(format_against(value, bound)),
            "threshold" => Some(format_value(bound)),
            "detail" => Some(side.to_string()),
            _ => None,
        }),
        labels: Vec::new(),
        fix: None,
    });
}
