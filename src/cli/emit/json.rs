//! `--format json`: one versioned object for the whole run (DESIGN.md schema).
//! Fields may be added in later versions; none is removed without a version bump.

use std::io::Write;

use serde::Serialize;

use artlint::{Diagnostic, Edit, Label, LineColumn, LineIndex, Span};

use super::Summary;
use crate::cli::lint::FileReport;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
pub struct Range {
    pub start: LineColumn,
    pub end: LineColumn,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub applicability: artlint::Applicability,
    pub edits: &'a [Edit],
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: &'a str,
    pub severity: artlint::Severity,
    pub message: &'a str,
    pub span: Span,
    pub range: Range,
    pub text: &'a str,
    pub fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub labels: &'a [Label],
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(text: &'a str, index: &LineIndex, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            rule: &d.rule,
            severity: d.severity,
            message: &d.message,
            span: d.span,
            range: Range {
                start: index.line_column(text, d.span.start),
                end: index.line_column(text, d.span.end),
            },
            text: &text[d.span.range()],
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                edits: &f.edits,
            }),
            labels: &d.labels,
        }
    }
}

pub fn emit(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> std::io::Result<()> {
    let files = reports
        .iter()
        .map(|report| {
            let index = LineIndex::new(&report.text);
            JsonFile {
                path: &report.path,
                diagnostics: report
                    .diagnostics
                    .iter()
                    .map(|d| JsonDiagnostic::new(&report.text, &index, d))
                    .collect(),
            }
        })
        .collect();
    let output = Output {
        version: VERSION,
        files,
        summary: *summary,
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}
