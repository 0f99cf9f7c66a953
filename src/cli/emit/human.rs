//! `--format human`: a rustc-style snippet per finding (codespan-reporting),
//! with a `help:` line describing the fix, then a one-line summary. Long
//! lines are cut around the finding and control characters made visible
//! (see [`super::excerpt`]).

use std::io::Write;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::term::{self, termcolor::Buffer};

use artlint::{Applicability, Diagnostic, Fix, LineIndex, Severity, Span};

use super::excerpt::{Excerpt, visible};
use super::{EmitOptions, Emitter, Summary};
use crate::cli::lint::FileReport;

pub(super) struct Human {
    options: EmitOptions,
    config: term::Config,
}

impl Human {
    pub(super) fn new(options: EmitOptions) -> Human {
        Human {
            options,
            config: term::Config::default(),
        }
    }
}

impl Emitter for Human {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.text);
        let mut buffer = if self.options.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        for d in &report.diagnostics {
            let spans: Vec<Span> = std::iter::once(d.span)
                .chain(d.labels.iter().map(|l| l.span))
                .collect();
            let excerpt = Excerpt::new(&report.path, &report.text, &index, &spans);
            let rendered = to_codespan(d, &report.text, &excerpt);
            term::emit_to_write_style(&mut buffer, &self.config, &excerpt, &rendered)
                .map_err(std::io::Error::other)?;
            // Written a finding at a time: one file's output can be large.
            if buffer.len() >= 1 << 16 {
                out.write_all(buffer.as_slice())?;
                buffer.clear();
            }
        }
        out.write_all(buffer.as_slice())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, summary: &Summary) -> std::io::Result<()> {
        if !self.options.quiet {
            writeln!(out, "{}", summary_line(summary))?;
        }
        Ok(())
    }
}

fn to_codespan(d: &Diagnostic, text: &str, excerpt: &Excerpt) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = vec![Label::primary((), excerpt.range(d.span))];
    labels.extend(d.labels.iter().map(|l| {
        Label::new(LabelStyle::Secondary, (), excerpt.range(l.span))
            .with_message(visible(&l.message))
    }));
    let mut diagnostic = CsDiagnostic::new(severity)
        .with_code(visible(&d.rule))
        .with_message(visible(&d.message))
        .with_labels(labels);
    if let Some(fix) = &d.fix {
        diagnostic = diagnostic.with_notes(vec![describe_fix(fix, text)]);
    }
    diagnostic
}

fn describe_fix(fix: &Fix, text: &str) -> String {
    let kind = match fix.applicability {
        Applicability::Safe => "",
        Applicability::Unsafe => " (unsafe fix)",
        Applicability::DisplayOnly => " (suggestion)",
    };
    let parts: Vec<String> = fix
        .edits
        .iter()
        .map(|e| {
            let old = &text[e.span().range()];
            if e.replacement.is_empty() {
                if old.ends_with('\n') || old.starts_with('\n') {
                    "delete this line".to_string()
                } else {
                    format!("delete `{}`", shortened(old))
                }
            } else {
                format!("replace with `{}`", shortened(&e.replacement))
            }
        })
        .collect();
    format!("help: {}{kind}", parts.join(", "))
}

/// Text shown in a help line, escaped, and cut in the middle when long (a
/// loop's deletion can span thousands of lines).
fn shortened(text: &str) -> String {
    const KEEP: usize = 40;
    if text.chars().count() <= 2 * KEEP + 10 {
        return text.escape_debug().to_string();
    }
    let head: String = text.chars().take(KEEP).collect();
    let tail: String = {
        let mut t: Vec<char> = text.chars().rev().take(KEEP).collect();
        t.reverse();
        t.into_iter().collect()
    };
    format!("{}…{}", head.escape_debug(), tail.escape_debug())
}

pub(super) fn summary_line(summary: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let total = summary.errors + summary.warnings + summary.infos;
    let linted = match (summary.files, summary.records) {
        // Not "no problems": nothing was looked at (an empty or excluded
        // folder, only skipped or unreadable inputs).
        (0, 0) => return "No files linted.".to_string(),
        (files, 0) => plural(files, "file"),
        (0, records) => plural(records, "record"),
        (files, records) => format!(
            "{} and {}",
            plural(files, "file"),
            plural(records, "record")
        ),
    };
    if total == 0 {
        return format!("No problems found in {linted}.");
    }
    format!(
        "Found {} ({}, {}, {}) in {}.",
        plural(total, "problem"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        linted,
    )
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn help_text_is_cut_in_the_middle_when_long() {
        assert_eq!(shortened("a\nb"), "a\\nb");
        let long = "go on ".repeat(50);
        assert_eq!(
            shortened(&long),
            "go on go on go on go on go on go on go o… on go on go on go on go on go on go on "
        );
    }
}
