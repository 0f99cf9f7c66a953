//! `--format concise`: `path:line:column: severity[rule] message`, one a line,
//! control characters made visible (see [`super::excerpt::visible`]). As in
//! ruff, `[*]` before the message marks a finding `--fix` repairs; with
//! colour, the path is bold and the severity coloured as in human output.

use std::io::Write;

use artlint::{Applicability, LineIndex, Severity};

use super::excerpt::visible;
use super::{EmitOptions, Emitter, Summary};
use crate::cli::lint::FileReport;

pub(super) struct Concise {
    pub options: EmitOptions,
}

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The colour of a severity, as codespan-reporting's human output draws it.
fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;38;5;9m",
        Severity::Warning => "\x1b[1;38;5;11m",
        Severity::Info => "\x1b[1;38;5;10m",
    }
}

impl Emitter for Concise {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.text);
        let path = visible(&report.path);
        let color = self.options.color;
        for d in &report.diagnostics {
            let at = index.line_column(&report.text, d.span.start);
            let fixable = d
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe);
            let mark = if fixable { "[*] " } else { "" };
            if color {
                writeln!(
                    out,
                    "{BOLD}{path}:{}:{}:{RESET} {}{}[{}]{RESET} {mark}{}",
                    at.line,
                    at.column,
                    severity_color(d.severity),
                    d.severity,
                    visible(&d.rule),
                    visible(&d.message)
                )?;
            } else {
                writeln!(
                    out,
                    "{path}:{}:{}: {}[{}] {mark}{}",
                    at.line,
                    at.column,
                    d.severity,
                    visible(&d.rule),
                    visible(&d.message)
                )?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, summary: &Summary) -> std::io::Result<()> {
        if !self.options.quiet {
            writeln!(out, "{}", super::human::summary_line(summary))?;
        }
        Ok(())
    }
}
