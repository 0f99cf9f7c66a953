//! What a check reports: a rule id, a severity, a span, a message and maybe a fix.

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. Ordered, so `--fail-on warning` is a comparison.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "How serious a finding is.")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How safe it is to apply a fix without a person looking at it. Ordered
/// `DisplayOnly < Unsafe < Safe`, so "may I apply this?" is `>=`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    description = "How safe a fix is to apply unreviewed: `safe` keeps the meaning, `unsafe` may change it (apply after review), `display-only` is a suggestion never applied automatically."
)]
pub enum Applicability {
    DisplayOnly,
    Unsafe,
    Safe,
}

/// Replace the bytes of `span` with `replacement` (empty to delete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    description = "Replace the bytes `[start, end)` of the file's text with `replacement` (empty: delete them)."
)]
pub struct Edit {
    pub start: u32,
    pub end: u32,
    pub replacement: String,
}

impl Edit {
    pub fn new(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            start: span.start,
            end: span.end,
            replacement: replacement.into(),
        }
    }

    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// One or more edits that together repair a finding; applied all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edit: Edit) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            edits: vec![edit],
        }
    }

    pub fn unsafe_edit(edit: Edit) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            edits: vec![edit],
        }
    }
}

/// A secondary location that explains a finding (the definition of an
/// acronym, the first occurrence of a repeated line ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(description = "A secondary location that explains a finding.")]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id (`pack/name`); shared with the rule, so cloning is cheap.
    pub rule: Arc<str>,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The order every output uses: position first, then rule id.
    pub fn sort_key(&self) -> (u32, u32, &str) {
        (self.span.start, self.span.end, &self.rule)
    }

    /// Moves every span (finding, labels, fix edits) `by` bytes later: a
    /// finding in a section of a document, placed in the whole.
    pub fn shift(&mut self, by: u32) {
        let move_span = |s: &mut Span| {
            s.start += by;
            s.end += by;
        };
        move_span(&mut self.span);
        for label in &mut self.labels {
            move_span(&mut label.span);
        }
        for edit in self.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            edit.start += by;
            edit.end += by;
        }
    }
}

/// A warning of rule `t/t` at `start..end` whose safe fix replaces it with
/// `replacement`: what the fix-loop tests apply.
#[cfg(test)]
pub(crate) fn safe_fix_for_tests(start: usize, end: usize, replacement: &str) -> Diagnostic {
    Diagnostic {
        rule: "t/t".into(),
        severity: Severity::Warning,
        span: Span::new(start, end),
        message: String::new(),
        labels: Vec::new(),
        fix: Some(Fix::safe(Edit::new(Span::new(start, end), replacement))),
    }
}
