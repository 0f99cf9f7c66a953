//! JSONL input: one record a line, for corpus pipelines (Spark `RDD.pipe`,
//! Ray, datatrove, GNU parallel). With `--format json-lines` the output is
//! exactly one line per input record, in input order: `{"id", "line",
//! "diagnostics"}`, or `{"id", "line", "error"}` for a malformed record.
//! Records are read in bounded batches and linted in parallel inside a batch,
//! so memory stays flat on unbounded input.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde::Serialize;

use artlint::input::jsonl::{self, CharOffsets, Malformed};
use artlint::{Diagnostic, Document};

use super::args::Offsets;
use super::config::Engine;

/// Records per batch: enough to keep both cores busy, small enough to bound memory.
const BATCH_RECORDS: usize = 2048;
/// Bytes per batch, whichever limit comes first.
const BATCH_BYTES: usize = 16 << 20;

pub struct StreamOptions<'a> {
    pub text_field: &'a str,
    pub id_field: &'a str,
    pub offsets: Offsets,
}

#[derive(Serialize)]
struct OutSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct OutEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct OutFix<'a> {
    applicability: artlint::Applicability,
    edits: Vec<OutEdit<'a>>,
}

#[derive(Serialize)]
struct OutDiagnostic<'a> {
    rule: &'a str,
    severity: artlint::Severity,
    message: &'a str,
    span: OutSpan,
    text: &'a str,
    fix: Option<OutFix<'a>>,
}

#[derive(Serialize)]
struct OutRecord<'a> {
    version: u32,
    id: serde_json::Value,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<OutDiagnostic<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The outcome of linting one record.
pub enum RecordResult {
    Linted {
        id: serde_json::Value,
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
    Malformed {
        id: serde_json::Value,
        error: String,
    },
}

/// Parses and lints one JSONL line (1-based `line`).
pub fn lint_record(
    engine: &Engine,
    source: &str,
    line: usize,
    raw: &str,
    options: &StreamOptions,
) -> RecordResult {
    match jsonl::parse_record(source, line, raw, options.text_field, options.id_field) {
        Ok(record) => RecordResult::Linted {
            diagnostics: engine.rules.lint(&Document::new(source, &record.text)),
            id: record.id,
            text: record.text,
        },
        Err(Malformed { id, error }) => RecordResult::Malformed { id, error },
    }
}

fn render(result: &RecordResult, line: usize, offsets: Offsets) -> String {
    let record = match result {
        RecordResult::Malformed { id, error } => OutRecord {
            version: 1,
            id: id.clone(),
            line,
            diagnostics: None,
            error: Some(error.clone()),
        },
        RecordResult::Linted {
            id,
            text,
            diagnostics,
        } => {
            let mut chars = CharOffsets::new(text);
            let mut conv = |byte: u32| match offsets {
                Offsets::Bytes => byte as usize,
                Offsets::Chars => chars.chars_at(byte as usize),
            };
            let diagnostics = diagnostics
                .iter()
                .map(|d| OutDiagnostic {
                    rule: &d.rule,
                    severity: d.severity,
                    message: &d.message,
                    span: OutSpan {
                        start: conv(d.span.start),
                        end: conv(d.span.end),
                    },
                    text: &text[d.span.range()],
                    fix: d.fix.as_ref().map(|f| OutFix {
                        applicability: f.applicability,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| OutEdit {
                                start: conv(e.start),
                                end: conv(e.end),
                                replacement: &e.replacement,
                            })
                            .collect(),
                    }),
                })
                .collect();
            OutRecord {
                version: 1,
                id: id.clone(),
                line,
                diagnostics: Some(diagnostics),
                error: None,
            }
        }
    };
    serde_json::to_string(&record).expect("records serialize")
}

/// Streams `input` to `out`, one output line per input line. Returns the
/// number of records; only I/O errors are errors.
pub fn stream(
    engine: &Engine,
    source: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    options: &StreamOptions,
) -> std::io::Result<usize> {
    let mut line_no = 0;
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH_RECORDS);
    let mut eof = false;
    while !eof {
        batch.clear();
        let mut bytes = 0;
        while batch.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            if input.read_until(b'\n', &mut buf)? == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            bytes += buf.len();
            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buf.pop();
            }
            let raw = String::from_utf8(buf)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            batch.push((line_no, raw));
        }
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|(line, raw)| {
                render(
                    &lint_record(engine, source, *line, raw, options),
                    *line,
                    options.offsets,
                )
            })
            .collect();
        for line in rendered {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    Ok(line_no)
}
