//! `--statistics`: how many findings each rule produced in the whole run,
//! most frequent first, then a total:
//!
//! ```text
//!     3  warning  scrape/boilerplate-line
//!     1  warning  punctuation/space-before
//!     4  total
//! ```

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use artlint::{Diagnostic, Severity};

use crate::cli::lint::FileReport;

/// Findings counted per rule and severity (a rule may report at more than
/// one severity), as reports go by.
#[derive(Default)]
pub(crate) struct Statistics {
    counts: HashMap<(Arc<str>, Severity), usize>,
}

impl Statistics {
    pub(crate) fn add(&mut self, report: &FileReport) {
        self.add_all(&report.diagnostics);
    }

    fn add_all(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            *self.counts.entry((d.rule.clone(), d.severity)).or_default() += 1;
        }
    }

    /// Prints one row per rule and severity, sorted by count descending, then
    /// rule id, then severity from error down, and a total line.
    pub(crate) fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        table(out, &self.counts)
    }
}

fn table(
    out: &mut dyn Write,
    counts: &HashMap<(Arc<str>, Severity), usize>,
) -> std::io::Result<()> {
    let mut rows: Vec<((&str, Severity), usize)> = counts
        .iter()
        .map(|((rule, severity), &count)| ((&**rule, *severity), count))
        .collect();
    rows.sort_by(|((a_rule, a_severity), a), ((b_rule, b_severity), b)| {
        b.cmp(a)
            .then_with(|| a_rule.cmp(b_rule))
            .then_with(|| b_severity.cmp(a_severity))
    });
    let total: usize = rows.iter().map(|(_, n)| n).sum();
    let width = total.to_string().len().max(5);
    for ((rule, severity), count) in &rows {
        writeln!(
            out,
            "{count:>width$}  {:<7}  {}",
            severity.as_str(),
            super::excerpt::visible(rule)
        )?;
    }
    writeln!(out, "{total:>width$}  total")
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
            "    2  warning  b/two\n\
             \x20   2  error    c/three\n\
             \x20   1  warning  a/one\n\
             \x20   1  info     a/one\n\
             \x20   6  total\n"
        );
    }

    #[test]
    fn an_empty_run_has_only_the_total() {
        assert_eq!(render(&[]), "    0  total\n");
    }
}
