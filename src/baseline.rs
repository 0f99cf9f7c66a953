//! Baselines: today's findings recorded, so CI fails only on new ones.
//!
//! A finding is recorded by path, rule and a position-independent
//! [fingerprint](crate::fingerprint) (rule id, matched text and the words
//! around it), so editing an article above a known finding does not
//! resurrect it. The file is sorted JSON, so it diffs well in git.
//!
//! This module holds the format and the matching. How paths are written
//! (the command line writes them relative to the baseline file's folder)
//! and where the file lives are the caller's.
//!
//! ```
//! use artlint::baseline::{Baseline, Entry, Known};
//! use artlint::{Document, RuleSet, builtin_pack, load_pack};
//!
//! let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
//! let text = "The the cat sat.\n";
//! let found = rules.lint(&Document::new("a.txt", text));
//! let entries = found.iter().map(|d| Entry::new("a.txt", text, d)).collect();
//! let file = Baseline::render(entries);
//!
//! // Later, one line above: the known finding stays hidden.
//! let text = "A new line.\nThe the cat sat.\n";
//! let mut found = rules.lint(&Document::new("a.txt", text));
//! let mut known = Known::new(Baseline::parse(&file).unwrap());
//! assert_eq!(known.hide("a.txt", text, &mut found), 1);
//! assert!(found.is_empty());
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::Diagnostic;
use crate::fingerprint::fingerprint;

/// The version [`Baseline::render`] writes. Version 1 files (paths as given
/// on the command line) are still read.
pub const VERSION: u32 = 2;

/// One recorded finding.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, Clone)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
}

impl Entry {
    /// The entry that records `diagnostic`, found in `text` at `path`.
    pub fn new(path: &str, text: &str, diagnostic: &Diagnostic) -> Entry {
        Entry {
            path: path.to_string(),
            rule: diagnostic.rule.to_string(),
            fingerprint: fingerprint(text, diagnostic),
        }
    }
}

/// A baseline file's contents.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// Why a baseline's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaselineError {
    /// Not a baseline's JSON; line and column from 1.
    Invalid {
        line: usize,
        column: usize,
        message: String,
    },
    /// A version this artlint does not read.
    UnsupportedVersion(u32),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BaselineError::Invalid {
                line,
                column,
                message,
            } => write!(f, "{line}:{column}: invalid baseline: {message}"),
            BaselineError::UnsupportedVersion(version) => write!(
                f,
                "unsupported baseline version {version} (this artlint reads versions 1 and {VERSION})"
            ),
        }
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let invalid = |e: serde_json::Error| BaselineError::Invalid {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        };
        // The version first: a future layout must not fail as a confusing
        // "unknown field".
        #[derive(Deserialize)]
        struct Header {
            version: u32,
        }
        let Header { version } = serde_json::from_str(text).map_err(invalid)?;
        if !matches!(version, 1 | VERSION) {
            return Err(BaselineError::UnsupportedVersion(version));
        }
        serde_json::from_str(text).map_err(invalid)
    }

    /// The text of a baseline file recording `findings` (sorted), at
    /// [`VERSION`].
    pub fn render(mut findings: Vec<Entry>) -> String {
        findings.sort();
        let baseline = Baseline {
            version: VERSION,
            findings,
        };
        let mut json =
            serde_json::to_string_pretty(&baseline).expect("a baseline serialises to JSON");
        json.push('\n');
        json
    }
}

/// The findings a baseline still hides: each entry hides one finding.
#[derive(Debug, Default)]
pub struct Known {
    remaining: HashMap<Entry, usize>,
}

impl Known {
    pub fn new(baseline: Baseline) -> Known {
        let mut remaining: HashMap<Entry, usize> = HashMap::new();
        for entry in baseline.findings {
            *remaining.entry(entry).or_default() += 1;
        }
        Known { remaining }
    }

    /// Removes from `diagnostics` (found in `text`, recorded under `path`)
    /// those the baseline records and has not hidden yet; returns how many.
    pub fn hide(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let before = diagnostics.len();
        diagnostics.retain(
            |d| match self.remaining.get_mut(&Entry::new(path, text, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        );
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_baseline_reads_back_sorted() {
        let entry = |path: &str| Entry {
            path: path.into(),
            rule: "repetition/word".into(),
            fingerprint: "f".into(),
        };
        let text = Baseline::render(vec![entry("b.txt"), entry("a.txt")]);
        assert_eq!(
            Baseline::parse(&text),
            Ok(Baseline {
                version: VERSION,
                findings: vec![entry("a.txt"), entry("b.txt")],
            })
        );
    }

    #[test]
    fn other_versions_and_other_shapes_are_refused() {
        assert_eq!(
            Baseline::parse(r#"{"version": 3, "entries": []}"#),
            Err(BaselineError::UnsupportedVersion(3))
        );
        assert_eq!(
            Baseline::parse("{\"version\": 2,\n \"findings\": [], \"extra\": 1}")
                .unwrap_err()
                .to_string(),
            "2:24: invalid baseline: unknown field `extra`, expected `version` or `findings` at line 2 column 24"
        );
        assert!(matches!(
            Baseline::parse("[1, 2]"),
            Err(BaselineError::Invalid { line: 1, .. })
        ));
    }
}
