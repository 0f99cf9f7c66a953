//! Rules: metadata plus a compiled matcher. Rules are data (TOML rule packs);
//! rule *kinds* are code, a closed set listed in [`RuleKind`].

mod error;
mod load;
mod message;
pub mod spec;

use std::collections::HashSet;
use std::sync::Arc;

use regex::Regex;

use crate::check::names::NameIndex;
use crate::check::quality::Metric;
use crate::diagnostic::{Applicability, Severity};
pub use error::RuleError;
pub use load::{PackFile, load_pack};
pub use message::render_message;
pub use spec::{Case, Position};

/// One rule, compiled and ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: Arc<str>,
    pub kind: RuleKind,
    pub severity: Severity,
    pub category: String,
    pub message: String,
    pub explain: String,
    pub case: Case,
    pub word_boundary: bool,
    /// How safe this rule's fixes are, where its kind offers one.
    pub applicability: Applicability,
    pub tests: Vec<RuleTest>,
    /// Languages (`en`, `de` ...) of documents the rule applies to; empty for
    /// all. A document too short to guess is linted by every rule.
    pub languages: Vec<String>,
    /// The rule file this rule came from, for `artlint rule ID`.
    pub origin: String,
}

/// An example in a rule file: the matched substrings in order and, if given,
/// the text after applying every fix.
#[derive(Debug, Clone)]
pub struct RuleTest {
    pub text: String,
    pub expect: Vec<String>,
    pub fixed: Option<String>,
}

/// A person whose name machine translation leaves in a foreign form.
#[derive(Debug, Clone)]
pub struct Person {
    pub foreign: String,
    pub english: String,
    pub given: Vec<String>,
}

/// What a rule looks for. Literal and regex kinds are matched by the shared
/// automaton and regex set of the [`RuleSet`](crate::RuleSet); the others are
/// procedural checks over the document.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// A phrase or pattern that should not appear.
    Existence {
        literals: Vec<String>,
        patterns: Vec<Regex>,
    },
    /// A wrong form with its right form; the fix swaps them.
    Substitution {
        swaps: Vec<(String, String)>,
        patterns: Vec<Regex>,
        replace: Option<String>,
    },
    /// A whole line left over from a site template; the fix deletes the line.
    Boilerplate {
        /// Normalised with [`normalize_line`](crate::check::boilerplate::normalize_line).
        phrases: Vec<String>,
        patterns: Vec<Regex>,
        position: Position,
        lines: u32,
    },
    /// Variant spellings of one thing; the minority forms in a document are flagged.
    Consistency { groups: Vec<Vec<String>> },
    /// The same word twice in a row.
    Repetition { allow: HashSet<String> },
    /// Bytes that are not UTF-8 (reported by [`RuleSet::lint_bytes`](crate::RuleSet::lint_bytes)).
    InvalidUtf8,
    /// Foreign forms of people's names, anchored by a given name.
    Exonym { people: Vec<Person> },
    /// `Long Form (SF)` definitions whose letters do not match.
    AcronymExpansion,
    /// Rare acronyms that are near-variants of the majority form.
    AcronymConsistency,
    /// Names one edit from a listed name, anchored by an exact token.
    Names { index: Arc<NameIndex> },
    /// One name spelled several ways in a document.
    NameVariants,
    /// Spacing and balance of curly quotes.
    QuoteSpacing,
    /// HTML character references left in text.
    HtmlEntity,
    /// Text decoded with the wrong encoding (`â€™`, `Ã©`).
    Mojibake,
    /// Invisible and control characters where they do not belong.
    Invisible,
    /// Latin words with Cyrillic or Greek look-alike letters.
    MixedScript,
    /// Letters of another script in Latin-script text.
    ForeignScript,
    /// Source-language words left in English text.
    Untranslated,
    /// A line or paragraph repeated in the document.
    DuplicateLine,
    /// A run of short lines: a menu or link list.
    LinkBlock,
    /// A unit of words repeated three or more times in a row.
    RepetitionLoop { allow: HashSet<String> },
    /// A content word used too often within a window.
    Overuse { allow: HashSet<String> },
    /// Suppression comments that suppress nothing (reported by [`crate::suppress`]).
    UnusedSuppression,
    /// A document statistic outside its bounds.
    Quality {
        metric: Metric,
        minimum: Option<f64>,
        maximum: Option<f64>,
    },
}

impl RuleKind {
    pub fn name(&self) -> &'static str {
        match self {
            RuleKind::Existence { .. } => "existence",
            RuleKind::Substitution { .. } => "substitution",
            RuleKind::Boilerplate { .. } => "boilerplate",
            RuleKind::Consistency { .. } => "consistency",
            RuleKind::Repetition { .. } => "repetition",
            RuleKind::InvalidUtf8 => "invalid-utf8",
            RuleKind::Exonym { .. } => "exonym",
            RuleKind::AcronymExpansion => "acronym-expansion",
            RuleKind::AcronymConsistency => "acronym-consistency",
            RuleKind::Names { .. } => "names",
            RuleKind::NameVariants => "name-variants",
            RuleKind::QuoteSpacing => "quote-spacing",
            RuleKind::HtmlEntity => "html-entity",
            RuleKind::Mojibake => "mojibake",
            RuleKind::Invisible => "invisible",
            RuleKind::MixedScript => "mixed-script",
            RuleKind::ForeignScript => "foreign-script",
            RuleKind::Untranslated => "untranslated",
            RuleKind::DuplicateLine => "duplicate-line",
            RuleKind::LinkBlock => "link-block",
            RuleKind::RepetitionLoop { .. } => "repetition-loop",
            RuleKind::Overuse { .. } => "overuse",
            RuleKind::Quality { .. } => "quality",
            RuleKind::UnusedSuppression => "unused-suppression",
        }
    }
}

impl Rule {
    /// The first sentence of `explain` (its hard-wrapped lines joined), for
    /// listings and SARIF's short description; the message if there is none.
    pub fn summary(&self) -> String {
        let sentence = first_sentence(&self.explain);
        if sentence.is_empty() {
            self.message.clone()
        } else {
            sentence
        }
    }
}

fn first_sentence(text: &str) -> String {
    let paragraph = text.trim_start().split("\n\n").next().unwrap_or("");
    let sentence = &paragraph[..sentence_end(paragraph)];
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the first sentence of `text` ends: after a `.`, `!` or `?` that is
/// followed by the end, or by white space and a capital or an opening quote
/// (so `et al. 2021` and `cp1252 ...)` do not end it).
fn sentence_end(text: &str) -> usize {
    for (i, mark) in text.match_indices(['.', '!', '?']) {
        let end = i + mark.len();
        let rest = &text[end..];
        if rest.is_empty() {
            return end;
        }
        if rest.starts_with(char::is_whitespace) {
            let next = rest.trim_start().chars().next();
            if next.is_none_or(|c| c.is_uppercase() || "\"“‘`".contains(c)) {
                return end;
            }
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn the_summary_is_the_first_sentence_with_its_lines_joined() {
        assert_eq!(
            first_sentence(
                "The same line appears again,\ncompared with whitespace normalised. Short lines are not."
            ),
            "The same line appears again, compared with whitespace normalised."
        );
        assert_eq!(
            first_sentence("Gopher (Rae et al. 2021) keeps documents. Outside that"),
            "Gopher (Rae et al. 2021) keeps documents."
        );
        assert_eq!(
            first_sentence("Saved in a legacy encoding (cp1252 ...) or truncated.\n\nMore."),
            "Saved in a legacy encoding (cp1252 ...) or truncated."
        );
        assert_eq!(
            first_sentence("Labels like \"Created with Sketch.\" (an icon). Next"),
            "Labels like \"Created with Sketch.\" (an icon)."
        );
        assert_eq!(
            first_sentence("No space before . , ; : ! or ? (French has one)."),
            "No space before . , ; : ! or ? (French has one)."
        );
        assert_eq!(first_sentence("No full stop at all"), "No full stop at all");
        assert_eq!(first_sentence("  \n"), "");
    }
}
