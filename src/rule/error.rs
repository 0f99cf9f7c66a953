//! Errors in rule files, with the position they point at.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A problem in a rule file. Carries the file's text so the CLI can render
/// it like a compiler error (file:line:column and a snippet).
#[derive(Debug, Clone)]
pub struct RuleError {
    pub path: String,
    pub source_text: Arc<str>,
    /// Byte range in the file the error points at, when known.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub note: Option<String>,
}

impl RuleError {
    /// 1-based line and column of the error, when it has a position.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(self.source_text.len());
        let before = &self.source_text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some((line, before[line_start..].chars().count() + 1))
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column() {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for RuleError {}
