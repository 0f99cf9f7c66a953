//! One emitter per output format. An emitter takes a run's reports one at a
//! time, in output order (sorted by path), so the caller can drop each report
//! once it is written; `finish` writes what needs the whole run (the summary
//! line, closing brackets, SARIF's rule list).

mod concise;
pub(super) mod excerpt;
mod github;
mod human;
mod json;
mod json_lines;
mod json_writer;
mod sarif;
mod statistics;

pub(super) use json::VERSION;
pub(super) use statistics::Statistics;

use std::io::Write;

use serde::Serialize;

use artlint::Severity;

use super::args::Format;
use super::lint::FileReport;

/// Totals for the run, printed by every format.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub(super) struct Summary {
    pub files: usize,
    /// JSONL records, each linted as a document of its own.
    pub records: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub(super) fn add(&mut self, report: &FileReport) {
        if report.format == super::args::InputFormat::Jsonl {
            self.records += 1;
        } else {
            self.files += 1;
        }
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// The committed JSON Schema of an output type written by artlint, with the
/// versioning policy in its description.
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn schema_for_output<T: schemars::JsonSchema>() -> schemars::Schema {
    json::with_versioning(json::generator().into_root_schema_for::<T>())
}

#[derive(Debug, Clone, Copy)]
pub(super) struct EmitOptions {
    pub color: bool,
    pub quiet: bool,
}

/// Writes one run's output, a file at a time.
pub(super) trait Emitter {
    /// Writes (or, for SARIF, keeps) one report; reports come sorted by path.
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()>;
    /// Writes what needs the whole run.
    fn finish(self: Box<Self>, out: &mut dyn Write, summary: &Summary) -> std::io::Result<()>;
}

pub(super) fn emitter(format: Format, options: EmitOptions) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::Human::new(options)),
        Format::Json => Box::new(json::Json::default()),
        Format::JsonLines => Box::new(json_lines::JsonLines),
        Format::Concise => Box::new(concise::Concise { options }),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
    }
}
