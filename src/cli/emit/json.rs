//! `--format json`: one versioned object for the whole run (DESIGN.md schema).
//! Fields may be added in later versions; none is removed without a version bump.
//!
//! The output types derive `JsonSchema`; the generated schema is committed as
//! `schema/artlint-json.schema.json` and a unit test keeps the two equal.

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;

use artlint::{Diagnostic, Edit, Label, LineColumn, LineIndex, Span};

use super::Summary;
use crate::cli::lint::FileReport;

pub const VERSION: u32 = 1;

/// The versioning promise, stated in both committed schemas.
pub const VERSIONING: &str = "Versioning: later releases may add fields, so consumers should ignore fields they do not know; removing a field or changing its meaning bumps `version`.";

/// # artlint JSON output
///
/// The output of `artlint check --format json`: one object for the whole run.
#[derive(Serialize, JsonSchema)]
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
    /// Files linted.
    files: usize,
    /// Findings of severity `error`.
    errors: usize,
    /// Findings of severity `warning`.
    warnings: usize,
    /// Findings of severity `info`.
    infos: usize,
}

/// Start and end of a finding in 1-based lines and columns (Unicode scalar values); `end` is exclusive.
#[derive(Serialize, JsonSchema)]
pub struct Range {
    pub start: LineColumn,
    pub end: LineColumn,
}

/// A fix: edits applied all together, or not at all.
#[derive(Serialize, JsonSchema)]
pub struct JsonFix<'a> {
    pub applicability: artlint::Applicability,
    /// Non-overlapping edits, in byte offsets into the file's text.
    pub edits: &'a [Edit],
}

/// One finding.
#[derive(Serialize, JsonSchema)]
pub struct JsonDiagnostic<'a> {
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

/// The JSON Schema of `--format json` (committed as `schema/artlint-json.schema.json`).
#[cfg_attr(not(test), allow(dead_code))]
pub fn schema() -> schemars::Schema {
    with_versioning(generator().into_root_schema_for::<Output<'static>>())
}

/// A JSON Schema generator for what artlint writes (so a field skipped when
/// empty is optional, and one written as `null` is required).
pub fn generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
}

/// Appends the versioning policy to a root schema's description.
pub fn with_versioning(mut schema: schemars::Schema) -> schemars::Schema {
    let description = match schema.get("description").and_then(|d| d.as_str()) {
        Some(d) => format!("{d}\n\n{VERSIONING}"),
        None => VERSIONING.to_string(),
    };
    schema.insert("description".into(), description.into());
    schema
}

#[cfg(test)]
mod tests {
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
