//! One emitter per output format. Each takes the sorted reports of a whole
//! run and writes them; the summary counts are shared.

mod concise;
mod github;
mod human;
mod json;
mod json_lines;
mod sarif;
mod statistics;

pub use statistics::statistics;

use std::io::Write;

use serde::Serialize;

use artlint::Severity;

use super::args::Format;
use super::lint::FileReport;

/// Totals for the run, printed by every format.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

pub struct EmitOptions<'a> {
    pub color: bool,
    pub quiet: bool,
    /// The rules in effect (SARIF lists them).
    pub rules: &'a [artlint::Rule],
}

pub fn emit(
    format: Format,
    out: &mut dyn Write,
    reports: &[FileReport],
    options: &EmitOptions,
) -> std::io::Result<()> {
    let summary = Summary::of(reports);
    match format {
        Format::Human => human::emit(out, reports, &summary, options),
        Format::Json => json::emit(out, reports, &summary),
        Format::JsonLines => json_lines::emit(out, reports),
        Format::Concise => concise::emit(out, reports, &summary, options),
        Format::Sarif => sarif::emit(out, reports, options.rules),
        Format::Github => github::emit(out, reports),
    }
}
