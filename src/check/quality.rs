//! Document statistics from web-corpus quality filters (Gopher, C4,
//! FineWeb), each reported once per document, with the measured value and the
//! threshold, when the document falls outside it. Pipelines drop such
//! documents silently; artlint says why.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use super::kind::{
    Check, CompiledRule, Key, Kind, KindError, KindRun, KindSpec, PROCEDURAL, ids_of_kinds,
};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

const METRIC: Key<String> = Key::new("metric");
const MINIMUM: Key<f64> = Key::new("minimum");
const MAXIMUM: Key<f64> = Key::new("maximum");
const MIN_WORDS: Key<u32> = Key::new("min-words");

pub static KIND: Kind = Kind {
    name: "quality",
    keys: &[
        METRIC.decl(),
        MINIMUM.decl(),
        MAXIMUM.decl(),
        MIN_WORDS.decl(),
    ],
    placeholders: PROCEDURAL,
    compile,
    prepare: Some(|rules, mine| Box::new(QualityRun::new(rules, mine))),
};

/// A document statistic and its bounds.
#[derive(Debug)]
pub struct Quality {
    pub metric: Metric,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// `min-words` (50): shorter documents are not measured (Gopher applies
    /// its filters to documents of 50 words or more).
    pub min_words: usize,
}

impl Check for Quality {}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let metric_spec = spec
        .take(&METRIC)?
        .ok_or_else(|| spec.missing("`metric`"))?;
    let Some(metric) = Metric::parse(metric_spec.get_ref()) else {
        return Err(KindError::at(
            metric_spec.span(),
            format!(
                "unknown metric `{}` (known: {})",
                metric_spec.get_ref(),
                Metric::NAMES.join(", ")
            ),
        ));
    };
    let minimum = spec.take(&MINIMUM)?.map(|m| m.into_inner());
    let maximum = spec.take(&MAXIMUM)?.map(|m| m.into_inner());
    if minimum.is_none() && maximum.is_none() {
        return Err(spec.missing("`minimum` or `maximum`"));
    }
    Ok(Arc::new(Quality {
        metric,
        minimum,
        maximum,
        min_words: spec.count(&MIN_WORDS, 50, 0)?,
    }))
}

/// The quality rules of a rule set: the document's statistics are counted
/// once for all of them. They run after the other kinds (see
/// [`KINDS`](super::KINDS)): `boilerplate-fraction` measures what the
/// boilerplate rules found.
#[derive(Debug)]
pub struct QualityRun {
    rules: Vec<u32>,
    /// Ids of the rule set's boilerplate rules.
    boilerplate: HashSet<Arc<str>>,
}

impl QualityRun {
    fn new(rules: &[CompiledRule], mine: Vec<u32>) -> QualityRun {
        QualityRun {
            rules: mine,
            boilerplate: ids_of_kinds(rules, &[&super::boilerplate::KIND]),
        }
    }

    /// Bytes of the lines flagged by boilerplate rules (each line once).
    fn boilerplate_bytes(&self, out: &[Diagnostic]) -> usize {
        let mut spans: Vec<Span> = out
            .iter()
            .filter(|d| self.boilerplate.contains(&d.rule))
            .map(|d| d.span)
            .collect();
        spans.sort();
        spans.dedup();
        spans.iter().map(|s| s.len()).sum()
    }
}

impl KindRun for QualityRun {
    fn run(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut measured = None;
        for &r in self.rules.iter().filter(|&&r| active[r as usize]) {
            let rule = &rules[r as usize];
            let Some(quality) = rule.kind.downcast_ref::<Quality>() else {
                continue;
            };
            let (stats, flagged) =
                measured.get_or_insert_with(|| (Stats::of(doc), self.boilerplate_bytes(out)));
            check(stats, &rule.meta, quality, *flagged, out);
        }
    }
}

/// Gopher's "stop words": a document of real prose has at least two.
#[cfg(test)]
const GOPHER_STOP_WORDS: &[&str] = &["the", "be", "to", "of", "and", "that", "have", "with"];

/// Whether `word` is one of Gopher's stop words in any case (the list
/// above, which a test compares): asked of every word, so matched on its
/// lowercased bytes rather than compared with each.
fn is_gopher_stop_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    if !(2..=4).contains(&bytes.len()) {
        return false;
    }
    let mut lower = [0u8; 4];
    for (l, b) in lower.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..bytes.len()],
        b"the" | b"be" | b"to" | b"of" | b"and" | b"that" | b"have" | b"with"
    )
}

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
        let bytes = doc.text.as_bytes();
        (stats.words, stats.word_chars) = count_tokens(bytes);
        // A stop word is a whole whitespace-separated token, so a word of
        // the split with ASCII white space (or an end) on either side.
        let spaced = |i: Option<usize>| {
            i.and_then(|i| bytes.get(i))
                .is_none_or(u8::is_ascii_whitespace)
        };
        stats.stop_words = doc
            .words()
            .iter()
            .filter(|w| {
                let (start, end) = (w.span.start as usize, w.span.end as usize);
                (2..=4).contains(&(end - start))
                    && spaced(start.checked_sub(1))
                    && spaced(Some(end))
                    && is_gopher_stop_word(&doc.text[start..end])
            })
            .count();
        stats.symbols = memchr::memchr_iter(b'#', bytes).count()
            + memchr::memmem::find_iter(bytes, b"...").count()
            + memchr::memmem::find_iter(bytes, "…".as_bytes()).count();
        // Sized once: most lines of a page are distinct.
        let mut seen =
            rustc_hash::FxHashSet::with_capacity_and_hasher(doc.lines().len(), Default::default());
        for line in doc.lines() {
            let l = doc.slice(line.trimmed);
            if l.is_empty() {
                continue;
            }
            stats.lines += 1;
            stats.terminal_lines += usize::from(l.ends_with(['.', '!', '?', '"', '”', '’', '\'']));
            // Fewer than 30 characters, counted no further than that.
            stats.short_lines += usize::from(l.len() < 30 || l.chars().nth(29).is_none());
            stats.duplicate_lines += usize::from(!seen.insert(l));
        }
        stats
    }

    pub fn words(&self) -> usize {
        self.words
    }
}

/// The whitespace-separated tokens of `bytes` (as `split_ascii_whitespace`
/// gives them) and the characters they hold together, counted without
/// making the tokens: a token starts at each non-space byte after a space
/// or at the start, and every non-space byte that does not continue a
/// UTF-8 character is one of their characters. Counted in byte counters
/// over short runs, branch-free, so the compiler vectorises it.
fn count_tokens(bytes: &[u8]) -> (usize, usize) {
    let Some(&first) = bytes.first() else {
        return (0, 0);
    };
    let starts_char = |b: u8| !b.is_ascii_whitespace() & ((b as i8) >= -64);
    let (mut tokens, mut chars) = (usize::from(!first.is_ascii_whitespace()), 0);
    chars += usize::from(starts_char(first));
    // (A byte counter holds 255.)
    for (before, here) in bytes.chunks(255).zip(bytes[1..].chunks(255)) {
        let (mut starts, mut counted) = (0u8, 0u8);
        for (&p, &b) in before.iter().zip(here) {
            starts += u8::from(p.is_ascii_whitespace() & !b.is_ascii_whitespace());
            counted += u8::from(starts_char(b));
        }
        tokens += usize::from(starts);
        chars += usize::from(counted);
    }
    (tokens, chars)
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
    rule: &RuleMeta,
    quality: &Quality,
    flagged_boilerplate: usize,
    out: &mut Vec<Diagnostic>,
) {
    let (metric, minimum, maximum) = (quality.metric, quality.minimum, quality.maximum);
    if stats.words() < quality.min_words {
        return;
    }
    let value = measure(stats, metric, flagged_boilerplate);
    let (bound, side) = match (minimum, maximum) {
        (Some(min), _) if value < min => (min, "below the minimum"),
        (_, Some(max)) if value > max => (max, "above the maximum"),
        _ => return,
    };
    out.push(
        rule.report(Span::new(0, 0), |name| match name {
            "value" => Some(format_against(value, bound)),
            "threshold" => Some(format_value(bound)),
            "detail" => Some(side.to_string()),
            _ => None,
        })
        .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn tokens_are_counted_as_split_ascii_whitespace_makes_them(text in "[ a\t\nb\x0cé\u{a0}\r中.]{0,600}") {
            let tokens: Vec<&str> = text.split_ascii_whitespace().collect();
            let chars = tokens.iter().map(|t| t.chars().count()).sum();
            proptest::prop_assert_eq!(count_tokens(text.as_bytes()), (tokens.len(), chars));
        }

        #[test]
        fn stop_words_are_the_tokens_that_are_one(
            pieces in proptest::collection::vec("The|the|be|TO|of|and|that|have|with|x|-|’|\\.|é|中| |\n|\u{a0}|\t", 0..60)
        ) {
            let text = pieces.concat();
            let tokens = text.split_ascii_whitespace().filter(|t| is_gopher_stop_word(t)).count();
            proptest::prop_assert_eq!(Stats::of(&Document::new("t", &text)).stop_words, tokens);
        }

        /// The byte match agrees with the list, in any case.
        #[test]
        fn stop_words_are_the_listed_ones(word in "(?i:the|be|to|of|and|that|have|with|th|ti|ha|a|tHe.|)[a-zé]{0,2}") {
            let listed = GOPHER_STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(&word));
            proptest::prop_assert_eq!(is_gopher_stop_word(&word), listed);
        }
    }
}
