//! Rules: metadata plus a compiled kind. Rules are data (TOML rule packs);
//! rule *kinds* are code, one module of [`crate::check`] each, listed in
//! [`KINDS`](crate::check::KINDS).

mod error;
mod load;
pub(crate) mod spec;

use std::sync::Arc;

pub(crate) use crate::check::kind::Case;
pub use crate::check::kind::RuleKind;
use crate::check::meta::RuleMeta;
use crate::diagnostic::{Applicability, Severity};
pub use error::RuleError;
pub(crate) use load::compile_regex;
pub use load::{PackFile, load_pack};

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

impl Rule {
    /// What the rule's checks see of it.
    pub fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: self.id.clone(),
            severity: self.severity,
            message: self.message.clone(),
            applicability: self.applicability,
        }
    }

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
