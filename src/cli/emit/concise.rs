//! `--format concise`: `path:line:column: severity[rule] message`, one a line,
//! control characters made visible (see [`super::excerpt::visible`]).

use std::io::Write;

use artlint::LineIndex;

use super::excerpt::visible;
use super::{EmitOptions, Emitter, Summary};
use crate::cli::lint::FileReport;

pub(super) struct Concise {
    pub options: EmitOptions,
}

impl Emitter for Concise {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.text);
        let path = visible(&report.path);
        for d in &report.diagnostics {
            let at = index.line_column(&report.text, d.span.start);
            writeln!(
                out,
                "{path}:{}:{}: {}[{}] {}",
                at.line,
                at.column,
                d.severity,
                visible(&d.rule),
                visible(&d.message)
            )?;
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
