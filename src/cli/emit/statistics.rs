//! `--statistics`: instead of the findings, how many each rule produced in
//! the whole run (ruff's `--statistics`), most frequent first, with a mark
//! for the rules `--fix` repairs (`[*]`) or `--unsafe-fixes` does (`[-]`),
//! then a total:
//!
//! ```text
//!     3  warning  [*]  scrape/boilerplate-line
//!     1  warning  [-]  names/exonym
//!     1  info          repetition/overuse
//!     5  total         (3 fixable with --fix, 1 more with --unsafe-fixes)
//! ```
//!
//! With `--format json`, the same rows as one JSON array.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use serde::Serialize;

use artlint::{Applicability, Diagnostic, Severity};

use crate::cli::lint::FileReport;

/// How many findings of one rule and severity, and how many of them each
/// fix can repair.
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    all: usize,
    safe: usize,
    unsafe_only: usize,
}

/// Findings counted per rule and severity (a rule may report at more than
/// one severity), as reports go by.
#[derive(Default)]
pub(crate) struct Statistics {
    counts: HashMap<(Arc<str>, Severity), Count>,
}

/// One row of `--statistics --format json`.
#[derive(Serialize)]
struct Row<'a> {
    rule: &'a str,
    severity: Severity,
    count: usize,
    /// Findings `--fix` repairs.
    fixable: usize,
    /// Findings only `--fix --unsafe-fixes` repairs.
    unsafe_fixable: usize,
}

impl Statistics {
    pub(crate) fn add(&mut self, report: &FileReport) {
        self.add_all(&report.diagnostics);
    }

    fn add_all(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let count = self.counts.entry((d.rule.clone(), d.severity)).or_default();
            count.all += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => count.safe += 1,
                Some(Applicability::Unsafe) => count.unsafe_only += 1,
                Some(Applicability::DisplayOnly) | None => {}
            }
        }
    }

    /// Rows sorted by count descending, then rule id, then severity from
    /// error down.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row> = self
            .counts
            .iter()
            .map(|((rule, severity), count)| Row {
                rule,
                severity: *severity,
                count: count.all,
                fixable: count.safe,
                unsafe_fixable: count.unsafe_only,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.rule.cmp(b.rule))
                .then_with(|| b.severity.cmp(&a.severity))
        });
        rows
    }

    /// The table, one row per rule and severity, and a total line.
    pub(crate) fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows = self.rows();
        let total: usize = rows.iter().map(|r| r.count).sum();
        let fixable: usize = rows.iter().map(|r| r.fixable).sum();
        let unsafe_fixable: usize = rows.iter().map(|r| r.unsafe_fixable).sum();
        let width = total.to_string().len().max(5);
        for row in &rows {
            let mark = if row.fixable > 0 {
                "[*]"
            } else if row.unsafe_fixable > 0 {
                "[-]"
            } else {
                "   "
            };
            writeln!(
                out,
                "{:>width$}  {:<7}  {mark}  {}",
                row.count,
                row.severity.as_str(),
                super::excerpt::visible(row.rule)
            )?;
        }
        let fixes = match (fixable, unsafe_fixable) {
            (0, 0) => String::new(),
            (n, 0) => format!("  ({n} fixable with --fix)"),
            (0, m) => format!("  ({m} fixable with --fix --unsafe-fixes)"),
            (n, m) => format!("  ({n} fixable with --fix, {m} more with --unsafe-fixes)"),
        };
        writeln!(out, "{total:>width$}  total{fixes}")
    }

    /// The rows as one JSON array (`--format json`).
    pub(crate) fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, &self.rows())?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use artlint::Span;

    use super::*;

    fn finding(rule: &str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: Arc::from(rule),
            severity,
            span: Span::new(0, 1),
            message: String::new(),
            labels: Vec::new(),
            fix: None,
        }
    }

    fn render(diagnostics: &[Diagnostic]) -> String {
        let mut statistics = Statistics::default();
        statistics.add_all(diagnostics);
        let mut out = Vec::new();
        statistics.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn counts_per_rule_most_frequent_first() {
        let found = [
            finding("b/two", Severity::Warning),
            finding("a/one", Severity::Info),
            finding("c/three", Severity::Error),
            finding("c/three", Severity::Error),
            finding("b/two", Severity::Warning),
            finding("a/one", Severity::Warning),
        ];
        assert_eq!(
            render(&found),
            "    2  warning       b/two\n\
             \x20   2  error         c/three\n\
             \x20   1  warning       a/one\n\
             \x20   1  info          a/one\n\
             \x20   6  total\n"
        );
    }

    #[test]
    fn fixable_rules_are_marked_and_counted() {
        let fixed = |rule: &str, applicability| Diagnostic {
            fix: Some(artlint::Fix {
                applicability,
                edits: vec![artlint::Edit::new(Span::new(0, 1), "")],
            }),
            ..finding(rule, Severity::Warning)
        };
        let found = [
            fixed("a/safe", Applicability::Safe),
            fixed("a/safe", Applicability::Safe),
            fixed("b/unsafe", Applicability::Unsafe),
            fixed("c/shown", Applicability::DisplayOnly),
        ];
        assert_eq!(
            render(&found),
            "    2  warning  [*]  a/safe\n\
             \x20   1  warning  [-]  b/unsafe\n\
             \x20   1  warning       c/shown\n\
             \x20   4  total  (2 fixable with --fix, 1 more with --unsafe-fixes)\n"
        );
        let mut statistics = Statistics::default();
        statistics.add_all(&found[..1]);
        let mut json = Vec::new();
        statistics.write_json(&mut json).unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            "[{\"rule\":\"a/safe\",\"severity\":\"warning\",\"count\":1,\"fixable\":1,\"unsafe_fixable\":0}]\n"
        );
    }

    #[test]
    fn an_empty_run_has_only_the_total() {
        assert_eq!(render(&[]), "    0  total\n");
    }
}
