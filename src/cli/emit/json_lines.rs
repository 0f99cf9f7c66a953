//! `--format json-lines`: one self-describing object per diagnostic per line,
//! so output can be streamed and grepped. Its schema is committed as
//! `schema/artlint-json-lines.schema.json` (see `json.rs`).

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;

use artlint::LineIndex;

use super::json::{JsonDiagnostic, VERSION};
use super::{Emitter, Summary};
use crate::cli::lint::FileReport;

/// # artlint JSON Lines output
///
/// One line of `artlint check --format json-lines`: a finding, with the version of the format and the file's path.
#[derive(Serialize, JsonSchema)]
struct Line<'a> {
    /// The version of this format.
    #[schemars(extend("const" = VERSION))]
    version: u32,
    /// The path as given on the command line or found by walking (`--stdin-filename` or `-` for stdin).
    path: &'a str,
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
}

pub(super) struct JsonLines;

impl Emitter for JsonLines {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.text);
        // Small writes gathered before `out`'s dynamic call (see `Json::file`).
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        for d in &report.diagnostics {
            let line = Line {
                version: VERSION,
                path: &report.path,
                diagnostic: JsonDiagnostic::new(&report.text, &index, d),
            };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        }
        out.flush()
    }

    fn finish(self: Box<Self>, _: &mut dyn Write, _: &Summary) -> std::io::Result<()> {
        Ok(())
    }
}

/// The JSON Schema of one line of `--format json-lines` (committed as
/// `schema/artlint-json-lines.schema.json`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn schema() -> schemars::Schema {
    super::json::with_versioning(super::json::generator().into_root_schema_for::<Line<'static>>())
}
