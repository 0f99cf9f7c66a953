//! `--format concise`: `path:line:column: severity[rule] message`, one a line.

use std::io::Write;

use artlint::LineIndex;

use super::{EmitOptions, Summary};
use crate::cli::lint::FileReport;

pub fn emit(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    options: &EmitOptions,
) -> std::io::Result<()> {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let at = index.line_column(&report.text, d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.path, at.line, at.column, d.severity, d.rule, d.message
            )?;
        }
    }
    if !options.quiet {
        writeln!(out, "{}", super::human::summary_line(summary))?;
    }
    Ok(())
}
