//! `--format json`: one versioned object for the whole run (DESIGN.md schema).
//! Fields may be added in later versions; none is removed without a version bump.
//!
//! The output types derive `JsonSchema`; the generated schema is committed as
//! `schema/artlint-json.schema.json` and a unit test keeps the two equal.

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;

use artlint::{Diagnostic, Edit, Label, LineColumn, LineIndex, Span};

use super::{Emitter, Summary, json_writer};
use crate::cli::lint::FileReport;

pub(crate) const VERSION: u32 = 1;

/// The JSON emitters write their output in pieces of about this size.
pub(super) const CHUNK_BYTES: usize = 1 << 16;

/// The versioning promise, stated in both committed schemas.
pub(super) const VERSIONING: &str = "Versioning: later releases may add fields, so consumers should ignore fields they do not know; removing a field or changing its meaning bumps `version`.";

/// # artlint JSON output
///
/// The output of `artlint check --format json`: one object for the whole run.
#[derive(Serialize, JsonSchema)]
#[cfg_attr(not(test), allow(dead_code))]
struct Output<'a> {
    /// The version of this format.
    #[schemars(extend("const" = VERSION))]
    version: u32,
    /// Every linted file, sorted by path, with its findings in position order.
    files: Vec<JsonFile<'a>>,
    #[schemars(with = "SummarySchema")]
    summary: Summary,
}

/// One linted file and its findings.
#[derive(Serialize, JsonSchema)]
struct JsonFile<'a> {
    /// The path as given on the command line or found by walking (`--stdin-filename` or `-` for stdin).
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

// The schema of `Summary` (which lives with the other emitters and only
// derives `Serialize`); a test checks that the field names agree.
#[derive(JsonSchema)]
#[schemars(rename = "Summary", description = "Totals for the run.")]
#[allow(dead_code)]
struct SummarySchema {
    /// Files linted (not counting JSONL files, whose records are counted in `records`).
    files: usize,
    /// JSONL records linted, each a document of its own.
    records: usize,
    /// Findings of severity `error`.
    errors: usize,
    /// Findings of severity `warning`.
    warnings: usize,
    /// Findings of severity `info`.
    infos: usize,
}

/// Start and end of a finding in 1-based lines and columns (Unicode scalar values); `end` is exclusive.
#[derive(Serialize, JsonSchema)]
pub(super) struct Range {
    pub start: LineColumn,
    pub end: LineColumn,
}

/// A fix: edits applied all together, or not at all.
#[derive(Serialize, JsonSchema)]
pub(super) struct JsonFix<'a> {
    pub applicability: artlint::Applicability,
    /// Non-overlapping edits, in byte offsets into the file's text.
    pub edits: &'a [Edit],
}

/// One finding.
#[derive(Serialize, JsonSchema)]
pub(super) struct JsonDiagnostic<'a> {
    /// The rule id, `pack/name`.
    pub rule: &'a str,
    pub severity: artlint::Severity,
    pub message: &'a str,
    /// Byte offsets into the file's text (after lossy UTF-8 decoding), half-open.
    pub span: Span,
    pub range: Range,
    /// The text of `span`.
    pub text: &'a str,
    /// How to repair the finding, or `null`.
    pub fix: Option<JsonFix<'a>>,
    /// Secondary locations; present only when there are some.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub labels: &'a [Label],
}

impl<'a> JsonDiagnostic<'a> {
    pub(super) fn new(text: &'a str, index: &LineIndex, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        let (start, end) = index.line_columns(text, d.span.start, d.span.end);
        JsonDiagnostic {
            rule: &d.rule,
            severity: d.severity,
            message: &d.message,
            span: d.span,
            range: Range { start, end },
            text: &text[d.span.range()],
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                edits: &f.edits,
            }),
            labels: &d.labels,
        }
    }
}

/// Writes `Output` a file at a time: the same bytes `serde_json` writes for
/// the whole `Output` (a test checks), without holding every file.
#[derive(Default)]
pub(super) struct Json {
    files: usize,
}

/// Everything before the first file.
fn write_head(out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "{{\"version\":{VERSION},\"files\":[")
}

impl Emitter for Json {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if self.files == 0 {
            write_head(out)?;
        } else {
            out.write_all(b",")?;
        }
        self.files += 1;
        // Gathered in pieces of about 64 KiB, each through `out`'s dynamic
        // call once (a big file's JSON is never held whole).
        let file = JsonFile::of(&report);
        let mut json = Vec::with_capacity(CHUNK_BYTES + 4096);
        json.extend_from_slice(b"{\"path\":");
        json_writer::write_str(&mut json, file.path);
        json.extend_from_slice(b",\"diagnostics\":[");
        for (i, d) in file.diagnostics.iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            json_writer::write_diagnostic(&mut json, d);
            if json.len() >= CHUNK_BYTES {
                out.write_all(&json)?;
                json.clear();
            }
        }
        json.extend_from_slice(b"]}");
        out.write_all(&json)
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, summary: &Summary) -> std::io::Result<()> {
        if self.files == 0 {
            write_head(out)?;
        }
        out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut *out, summary)?;
        writeln!(out, "}}")
    }
}

impl<'a> JsonFile<'a> {
    fn of(report: &'a FileReport) -> JsonFile<'a> {
        let index = LineIndex::new(&report.text);
        JsonFile {
            path: &report.path,
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(&report.text, &index, d))
                .collect(),
        }
    }
}

/// The JSON Schema of `--format json` (committed as `schema/artlint-json.schema.json`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn schema() -> schemars::Schema {
    with_versioning(generator().into_root_schema_for::<Output<'static>>())
}

/// A JSON Schema generator for what artlint writes (so a field skipped when
/// empty is optional, and one written as `null` is required).
pub(super) fn generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
}

/// Appends the versioning policy to a root schema's description.
pub(super) fn with_versioning(mut schema: schemars::Schema) -> schemars::Schema {
    let description = match schema.get("description").and_then(|d| d.as_str()) {
        Some(d) => format!("{d}\n\n{VERSIONING}"),
        None => VERSIONING.to_string(),
    };
    schema.insert("description".into(), description.into());
    schema
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::PathBuf;

    use super::*;

    /// Compares a committed schema with the generated one, or rewrites it
    /// when `ARTLINT_UPDATE_SCHEMA=1`.
    fn check_committed(file: &str, schema: &schemars::Schema) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("schema")
            .join(file);
        let generated = serde_json::to_string_pretty(schema).unwrap() + "\n";
        if std::env::var_os("ARTLINT_UPDATE_SCHEMA").is_some_and(|v| v == "1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} differs from the schema of the output types; if the change is intended \
             (see the versioning policy), regenerate it with \
             `ARTLINT_UPDATE_SCHEMA=1 cargo test --bin artlint schema`",
            path.display()
        );
    }

    #[test]
    fn committed_schemas_match_the_output_types() {
        check_committed("artlint-json.schema.json", &schema());
        check_committed(
            "artlint-json-lines.schema.json",
            &super::super::json_lines::schema(),
        );
        check_committed(
            "artlint-jsonl-records.schema.json",
            &crate::cli::stream::schema(),
        );
    }

    pub(in crate::cli::emit) fn report(
        path: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> FileReport {
        FileReport {
            path: path.to_string(),
            file: None,
            text: text.to_string(),
            diagnostics,
            engine: std::sync::Arc::new(crate::cli::config::Engine {
                rules: artlint::RuleSet::new(Vec::new()).into(),
                fail_on: artlint::config::FailOn::Warning,
            }),
            lossy: false,
            original_hash: None,
            format: crate::cli::args::InputFormat::Text,
        }
    }

    /// The emitter writes file by file the bytes serde writes for `Output`.
    #[test]
    fn streamed_output_is_the_serialized_document() {
        let finding = Diagnostic {
            rule: "a/b".into(),
            severity: artlint::Severity::Warning,
            span: Span::new(3, 7),
            message: "m \"q\"".into(),
            labels: Vec::new(),
            fix: None,
        };
        for reports in [
            Vec::new(),
            vec![
                report("a.txt", "ab\ncdé\n", vec![finding.clone()]),
                report("b.txt", "", Vec::new()),
            ],
            // More than one piece of output (`CHUNK_BYTES`).
            vec![report("c.txt", "ab\ncdé\n", vec![finding; 1000])],
        ] {
            let mut summary = Summary::default();
            for r in &reports {
                summary.add(r);
            }
            let mut whole = serde_json::to_vec(&Output {
                version: VERSION,
                files: reports.iter().map(JsonFile::of).collect(),
                summary,
            })
            .unwrap();
            whole.push(b'\n');
            let mut streamed = Vec::new();
            let mut emitter = Box::new(Json::default());
            for r in reports {
                emitter.file(&mut streamed, r).unwrap();
            }
            emitter.finish(&mut streamed, &summary).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    #[test]
    fn summary_schema_names_every_summary_field() {
        let value = serde_json::to_value(Summary::default()).unwrap();
        let mut serialized: Vec<&String> = value.as_object().unwrap().keys().collect();
        let schema = generator().into_root_schema_for::<SummarySchema>();
        let mut described: Vec<&String> = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .unwrap()
            .keys()
            .collect();
        serialized.sort();
        described.sort();
        assert_eq!(serialized, described);
    }
}
