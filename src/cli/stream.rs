//! JSONL input: one record a line, for corpus pipelines (Spark `RDD.pipe`,
//! Ray, datatrove, GNU parallel). With `--format json-lines` the output is
//! exactly one line per input record, in input order: `{"id", "line",
//! "diagnostics"}`, or `{"id", "line", "error"}` for a malformed record.
//! Records are read in bounded batches and linted in parallel inside a batch,
//! so memory stays flat on unbounded input: a record line longer than
//! `--max-file-size` is never held whole (it becomes an error record), and a
//! record keeps at most `--max-diagnostics` findings.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use artlint::Diagnostic;
use artlint::input::jsonl::{self, CharOffsets, Malformed};

use super::args::{InputFormat, Offsets};
use super::config::Engine;
use super::lint::{cap_diagnostics, lint_as};

/// Records per batch: enough to keep both cores busy, small enough to bound memory.
const BATCH_RECORDS: usize = 2048;
/// Bytes per batch, whichever limit comes first.
const BATCH_BYTES: usize = 16 << 20;

pub(super) struct StreamOptions<'a> {
    pub text_field: &'a str,
    pub id_field: &'a str,
    pub offsets: Offsets,
    /// A longer record line is an error record, read past but not kept.
    pub max_file_size: u64,
    /// Findings kept per record; the rest are summarised in one finding.
    pub max_diagnostics: usize,
}

/// One line of JSONL input, as read.
pub(super) enum RawLine {
    /// The line without its ending (lossy if not UTF-8).
    Text(String),
    /// Longer than `--max-file-size`: read past, not kept.
    TooLong,
}

/// Reads JSONL input a line at a time, holding at most `--max-file-size`
/// bytes of any line.
pub(super) struct Lines<'a> {
    input: &'a mut dyn BufRead,
    limit: u64,
    line: usize,
}

impl<'a> Lines<'a> {
    pub(super) fn new(input: &'a mut dyn BufRead, options: &StreamOptions) -> Self {
        Lines {
            input,
            // Spans are u32 byte offsets: 4 GiB is the ceiling whatever the flag.
            limit: options.max_file_size.min(u64::from(u32::MAX)),
            line: 0,
        }
    }

    /// The next line and its 1-based number; `None` at the end of input.
    pub(super) fn next_line(&mut self) -> std::io::Result<Option<(usize, RawLine)>> {
        // Room for the line, its ending ("\r\n") and one byte more.
        let room = usize::try_from(self.limit.saturating_add(3)).unwrap_or(usize::MAX);
        let mut buf = Vec::new();
        let mut total: u64 = 0;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if total == 0 {
                    return Ok(None);
                }
                break;
            }
            let (len, done) = match memchr::memchr(b'\n', available) {
                Some(at) => (at + 1, true),
                None => (available.len(), false),
            };
            let keep = len.min(room.saturating_sub(buf.len()));
            buf.extend_from_slice(&available[..keep]);
            total += len as u64;
            self.input.consume(len);
            if done {
                break;
            }
        }
        self.line += 1;
        if (buf.len() as u64) < total {
            return Ok(Some((self.line, RawLine::TooLong)));
        }
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        if buf.len() as u64 > self.limit {
            return Ok(Some((self.line, RawLine::TooLong)));
        }
        let text = String::from_utf8(buf)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(Some((self.line, RawLine::Text(text))))
    }
}

/// Start and end, half-open, in bytes or (`--offsets chars`) Unicode scalar values of the record's text.
#[derive(Serialize, JsonSchema)]
struct OutSpan {
    start: usize,
    end: usize,
}

/// Replace `[start, end)` (in the same unit as `span`) with `replacement` (empty: delete).
#[derive(Serialize, JsonSchema)]
struct OutEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

/// A fix: edits applied all together, or not at all.
#[derive(Serialize, JsonSchema)]
struct OutFix<'a> {
    applicability: artlint::Applicability,
    /// Non-overlapping edits.
    edits: Vec<OutEdit<'a>>,
}

/// One finding in the record's text.
#[derive(Serialize, JsonSchema)]
struct OutDiagnostic<'a> {
    /// The rule id, `pack/name`.
    rule: &'a str,
    severity: artlint::Severity,
    message: &'a str,
    span: OutSpan,
    /// The text of `span`.
    text: &'a str,
    /// How to repair the finding, or `null`.
    fix: Option<OutFix<'a>>,
}

/// # artlint JSONL record output
///
/// One line of `artlint check --input-format jsonl --format json-lines`: the findings of one input record (`diagnostics`), or why it could not be linted (`error`). Exactly one line per input line, in input order.
#[derive(Serialize, JsonSchema)]
struct OutRecord<'a> {
    /// The version of this format.
    #[schemars(extend("const" = super::emit::VERSION))]
    version: u32,
    /// The record's `--id-field` as text (a string as it is, any other JSON value as its JSON text), or the line number when the record has none.
    id: &'a str,
    /// The 1-based line of the input this record was read from.
    line: usize,
    /// The record's findings in position order; absent when `error` is present.
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<OutDiagnostic<'a>>>,
    /// Why the line was not linted (`source:line: reason`); absent when `diagnostics` is present.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// The JSON Schema of one line of the JSONL record stream (committed as
/// `schema/artlint-jsonl-records.schema.json`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn schema() -> schemars::Schema {
    super::emit::schema_for_output::<OutRecord<'static>>()
}

/// The outcome of linting one record.
pub(super) enum RecordResult {
    Linted {
        id: String,
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
    Malformed {
        id: String,
        error: String,
    },
}

/// Parses and lints one JSONL line (1-based `line`), keeping at most
/// `--max-diagnostics` findings (linting stops soon after).
pub(super) fn lint_record(
    engine: &Engine,
    source: &str,
    line: usize,
    raw: &RawLine,
    options: &StreamOptions,
) -> RecordResult {
    let raw = match raw {
        RawLine::Text(raw) => raw,
        RawLine::TooLong => {
            return RecordResult::Malformed {
                id: line.to_string(),
                error: format!(
                    "{source}:{line}: record not linted, longer than --max-file-size {}",
                    options.max_file_size
                ),
            };
        }
    };
    match jsonl::parse_record(source, line, raw, options.text_field, options.id_field) {
        Ok(record) => {
            let linted = lint_as(
                &engine.rules,
                InputFormat::Text,
                source,
                &record.text,
                options.max_diagnostics.saturating_add(1),
            );
            RecordResult::Linted {
                diagnostics: cap_diagnostics(
                    linted.diagnostics,
                    options.max_diagnostics,
                    linted.stopped,
                    "record",
                ),
                id: record.id,
                text: record.text,
            }
        }
        Err(Malformed { id, error }) => RecordResult::Malformed { id, error },
    }
}

fn render(result: &RecordResult, line: usize, offsets: Offsets) -> String {
    let record = match result {
        RecordResult::Malformed { id, error } => OutRecord {
            version: super::emit::VERSION,
            id,
            line,
            diagnostics: None,
            error: Some(error.as_str()),
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
                version: super::emit::VERSION,
                id,
                line,
                diagnostics: Some(diagnostics),
                error: None,
            }
        }
    };
    serde_json::to_string(&record).expect("records serialize")
}

/// Why streaming stopped early.
pub(super) enum StreamError {
    Read(std::io::Error),
    Write(std::io::Error),
}

/// Streams `input` to `out`, one output line per input line. Returns the
/// number of records; only I/O errors are errors.
pub(super) fn stream(
    engine: &Engine,
    source: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    options: &StreamOptions,
) -> Result<usize, StreamError> {
    // A stream is a corpus.
    engine.rules.prepare_for_volume();
    let mut lines = Lines::new(input, options);
    let mut line_no = 0;
    let mut batch: Vec<(usize, RawLine)> = Vec::with_capacity(BATCH_RECORDS);
    let mut eof = false;
    while !eof {
        batch.clear();
        let mut bytes = 0;
        while batch.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
            let Some((line, raw)) = lines.next_line().map_err(StreamError::Read)? else {
                eof = true;
                break;
            };
            line_no = line;
            bytes += match &raw {
                RawLine::Text(text) => text.len(),
                RawLine::TooLong => 0,
            };
            batch.push((line, raw));
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
        let written = rendered
            .iter()
            .try_for_each(|line| {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")
            })
            .and_then(|()| out.flush());
        written.map_err(StreamError::Write)?;
    }
    Ok(line_no)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn options(max_file_size: u64) -> StreamOptions<'static> {
        StreamOptions {
            text_field: "text",
            id_field: "id",
            offsets: Offsets::Bytes,
            max_file_size,
            max_diagnostics: 10,
        }
    }

    /// A 64 MiB line is read past, one buffer at a time, and the lines
    /// around it keep their numbers; endings (LF, CRLF, none) are dropped.
    #[test]
    fn a_line_over_the_limit_is_read_past_not_kept() {
        let huge = std::io::repeat(b'x').take(64 << 20);
        let input = b"first\r\n"
            .chain(huge)
            .chain(&b"\nexactly.10\r\nelevenchars\nlast"[..]);
        let mut input = std::io::BufReader::new(input);
        let mut lines = Lines::new(&mut input, &options(10));
        let mut seen = Vec::new();
        while let Some((n, raw)) = lines.next_line().unwrap() {
            seen.push(match raw {
                RawLine::Text(text) => format!("{n}:{text}"),
                RawLine::TooLong => format!("{n}:too long"),
            });
        }
        assert_eq!(
            seen,
            [
                "1:first",
                "2:too long",
                "3:exactly.10",
                "4:too long",
                "5:last"
            ]
        );
    }
}
