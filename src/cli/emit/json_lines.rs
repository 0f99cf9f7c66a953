//! `--format json-lines`: one self-describing object per diagnostic per line,
//! so output can be streamed and grepped.

use std::io::Write;

use serde::Serialize;

use artlint::LineIndex;

use super::json::{JsonDiagnostic, VERSION};
use crate::cli::lint::FileReport;

#[derive(Serialize)]
struct Line<'a> {
    version: u32,
    path: &'a str,
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
}

pub fn emit(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let line = Line {
                version: VERSION,
                path: &report.path,
                diagnostic: JsonDiagnostic::new(&report.text, &index, d),
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
