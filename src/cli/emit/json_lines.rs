//! `--format json-lines`: one self-describing object per diagnostic per line,
//! so output can be streamed and grepped. Its schema is committed as
//! `schema/artlint-json-lines.schema.json` (see `json.rs`).

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;

use artlint::LineIndex;

use super::json::{CHUNK_BYTES, JsonDiagnostic, VERSION};
use super::{Emitter, Summary, json_writer};
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
        // Gathered before `out`'s dynamic call (see `Json::file`); each line
        // is what serde writes for a `Line`.
        let mut head = format!("{{\"version\":{VERSION},\"path\":").into_bytes();
        json_writer::write_str(&mut head, &report.path);
        head.push(b',');
        let mut json = Vec::with_capacity(CHUNK_BYTES + 4096);
        for d in &report.diagnostics {
            json.extend_from_slice(&head);
            json_writer::write_fields(&mut json, &JsonDiagnostic::new(&report.text, &index, d));
            json.extend_from_slice(b"}\n");
            if json.len() >= CHUNK_BYTES {
                out.write_all(&json)?;
                json.clear();
            }
        }
        out.write_all(&json)
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

#[cfg(test)]
mod tests {
    use artlint::{Diagnostic, Edit, Fix, Severity, Span};

    use super::*;

    /// Each line is the bytes serde writes for a `Line`.
    #[test]
    fn a_line_is_the_serialized_record() {
        let text = "ab\ncdé \"x\"\n";
        let finding = Diagnostic {
            rule: "a/b".into(),
            severity: Severity::Info,
            span: Span::new(3, 7),
            message: "m \"q\"\t".into(),
            labels: Vec::new(),
            fix: Some(Fix::safe(Edit::new(Span::new(3, 4), "C"))),
        };
        let report = crate::cli::emit::json::tests::report(
            "dir/a \"b\".txt",
            text,
            // More than one piece of output (`CHUNK_BYTES`).
            vec![finding; 1000],
        );
        let index = LineIndex::new(text);
        let expected: String = report
            .diagnostics
            .iter()
            .map(|d| {
                let line = Line {
                    version: VERSION,
                    path: &report.path,
                    diagnostic: JsonDiagnostic::new(text, &index, d),
                };
                serde_json::to_string(&line).unwrap() + "\n"
            })
            .collect();
        let mut written = Vec::new();
        JsonLines.file(&mut written, report).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }
}
