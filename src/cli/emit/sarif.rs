//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps,
//! IDE viewers). One run; the driver lists every rule in effect, each result
//! points into it by `ruleIndex` and carries a position-independent
//! fingerprint, so an alert survives edits elsewhere in the file.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;

use serde::Serialize;

use artlint::{Applicability, Diagnostic, Edit, LineIndex, Severity, Span};

use super::{Emitter, Summary};
use crate::cli::config::Engine;
use crate::cli::lint::FileReport;

const SARIF_VERSION: &str = "2.1.0";
const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The base that relative artifact URIs are resolved against (the checkout).
const SRCROOT: &str = "%SRCROOT%";
/// Key of artlint's fingerprint in `partialFingerprints`; bump the suffix if
/// the fingerprint algorithm changes.
const FINGERPRINT_KEY: &str = "artlint/v1";

#[derive(Serialize)]
struct Log<'a> {
    version: &'static str,
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// Columns count Unicode scalar values, as everywhere in artlint.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help: Message<'a>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    category: &'a str,
    tags: [&'a str; 1],
}

/// A SARIF message or multiformatMessageString (plain text only).
#[derive(Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

impl<'a> Message<'a> {
    /// Plain text, with `{` and `}` doubled as SARIF §3.11.5 requires (they
    /// would otherwise start placeholders).
    fn plain(text: &'a str) -> Message<'a> {
        let text = if text.contains(['{', '}']) {
            Cow::Owned(text.replace('{', "{{").replace('}', "}}"))
        } else {
            Cow::Borrowed(text)
        };
        Message { text }
    }

    fn owned(text: String) -> Message<'a> {
        let text = if text.contains(['{', '}']) {
            text.replace('{', "{{").replace('}', "}}")
        } else {
            text
        };
        Message {
            text: Cow::Owned(text),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// A text region: 1-based lines and columns (end column exclusive), and the
/// same bytes as an offset and length.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message<'a>,
    artifact_changes: [ArtifactChange; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: Applicability,
}

#[derive(Serialize)]
struct ArtifactChange {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    /// Absent for a pure deletion.
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<InsertedContent>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: u32,
    byte_length: u32,
}

#[derive(Serialize)]
struct InsertedContent {
    text: String,
}

/// SARIF is one JSON document whose driver lists the rules before the
/// results, so the reports with findings are kept until `finish`; clean
/// files leave only their engine, whose rules are in effect.
#[derive(Default)]
pub(super) struct Sarif {
    engines: Vec<Arc<Engine>>,
    reports: Vec<FileReport>,
}

impl Emitter for Sarif {
    fn file(&mut self, _: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if !self.engines.iter().any(|e| Arc::ptr_eq(e, &report.engine)) {
            self.engines.push(report.engine.clone());
        }
        if !report.diagnostics.is_empty() {
            self.reports.push(report);
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _: &Summary) -> std::io::Result<()> {
        emit(out, &self.reports, &rules_in_effect(&self.engines))
    }
}

/// Every rule of every engine a file was linted with (folders may have their
/// own configuration), each id once, in order of first appearance.
fn rules_in_effect(engines: &[Arc<Engine>]) -> Vec<&artlint::Rule> {
    let mut seen = HashSet::new();
    engines
        .iter()
        .flat_map(|engine| engine.rules.rules())
        .filter(|rule| seen.insert(&rule.id))
        .collect()
}

fn emit(
    out: &mut dyn Write,
    reports: &[FileReport],
    rules: &[&artlint::Rule],
) -> std::io::Result<()> {
    let index_of: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (&*rule.id, i))
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let artifact = artifact_location(&report.path);
        let lines = LineIndex::new(&report.text);
        let file = File {
            text: &report.text,
            lines: &lines,
            artifact: &artifact,
        };
        for d in &report.diagnostics {
            results.push(file.result(d, index_of.get(&*d.rule).copied()));
        }
    }
    let log = Log {
        version: SARIF_VERSION,
        schema: SARIF_SCHEMA,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "artlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: rules.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The project's page, from `homepage` or `repository` in Cargo.toml.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &artlint::Rule) -> RuleDescriptor<'_> {
    let summary = rule.summary();
    let short_description = if summary.trim().is_empty() {
        Message::plain(&rule.id)
    } else {
        Message::owned(summary)
    };
    let explain = non_empty(&rule.explain, non_empty(&rule.message, &rule.id));
    RuleDescriptor {
        id: &rule.id,
        short_description,
        full_description: Message::plain(explain),
        help: Message::plain(explain),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            category: &rule.category,
            tags: [&rule.category],
        },
    }
}

/// SARIF message strings must not be empty.
fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}

/// One file's text and where it is, for building its results.
struct File<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    artifact: &'a ArtifactLocation,
}

impl File<'_> {
    fn result<'d>(&self, d: &'d Diagnostic, rule_index: Option<usize>) -> SarifResult<'d> {
        let related_locations = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| Location {
                id: Some(i),
                physical_location: self.physical_location(label.span),
                message: Some(Message::plain(non_empty(&label.message, &d.message))),
            })
            .collect();
        let fixes = d
            .fix
            .iter()
            .filter(|fix| !fix.edits.is_empty())
            .map(|fix| SarifFix {
                description: Message {
                    text: Cow::Owned(self.describe(&fix.edits)),
                },
                artifact_changes: [ArtifactChange {
                    artifact_location: self.artifact.clone(),
                    replacements: fix.edits.iter().map(replacement).collect(),
                }],
                properties: FixProperties {
                    applicability: fix.applicability,
                },
            })
            .collect();
        SarifResult {
            rule_id: &d.rule,
            rule_index,
            level: level(d.severity),
            message: Message::plain(non_empty(&d.message, &d.rule)),
            locations: [Location {
                id: None,
                physical_location: self.physical_location(d.span),
                message: None,
            }],
            related_locations,
            partial_fingerprints: BTreeMap::from([(
                FINGERPRINT_KEY,
                artlint::fingerprint::fingerprint(self.text, d),
            )]),
            fixes,
        }
    }

    fn physical_location(&self, span: Span) -> PhysicalLocation {
        let (start, end) = self.lines.line_columns(self.text, span.start, span.end);
        PhysicalLocation {
            artifact_location: self.artifact.clone(),
            region: Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_offset: span.start,
                byte_length: span.end - span.start,
            },
        }
    }

    /// "Replace with `X`", "Delete `x`", "Delete the line"; edits joined by "; ".
    fn describe(&self, edits: &[Edit]) -> String {
        let parts: Vec<String> = edits
            .iter()
            .map(|e| {
                let old = &self.text[e.span().range()];
                if !e.replacement.is_empty() {
                    format!("Replace with `{}`", e.replacement.escape_debug())
                } else if old.ends_with('\n') || old.starts_with('\n') {
                    "Delete the line".to_string()
                } else {
                    format!("Delete `{}`", old.escape_debug())
                }
            })
            .collect();
        let text = parts.join("; ");
        text.replace('{', "{{").replace('}', "}}")
    }
}

fn replacement(edit: &Edit) -> Replacement {
    Replacement {
        deleted_region: ByteRegion {
            byte_offset: edit.start,
            byte_length: edit.end - edit.start,
        },
        inserted_content: (!edit.replacement.is_empty()).then(|| InsertedContent {
            text: edit.replacement.clone(),
        }),
    }
}

/// The path as a URI reference: relative paths stay relative (to
/// `%SRCROOT%`, the checkout), absolute ones become `file://` URIs; always
/// forward slashes, and percent-encoded where a URI needs it.
fn artifact_location(path: &str) -> ArtifactLocation {
    let slashed: Cow<str> = if cfg!(windows) {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    };
    let absolute = std::path::Path::new(path).is_absolute();
    if absolute {
        let rooted = if slashed.starts_with('/') { "" } else { "/" };
        ArtifactLocation {
            uri: format!("file://{rooted}{}", percent_encode(&slashed, true)),
            uri_base_id: None,
        }
    } else {
        let mut relative: &str = &slashed;
        while let Some(rest) = relative.strip_prefix("./") {
            relative = rest.trim_start_matches('/');
        }
        ArtifactLocation {
            uri: percent_encode(relative, false),
            uri_base_id: Some(SRCROOT),
        }
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, sub-delims,
/// `@` and `/` (and `:` where it cannot be mistaken for a scheme).
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut uri = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&b)
            || (keep_colon && b == b':');
        if keep {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_to_srcroot() {
        let loc = artifact_location("./docs/my post #1.txt");
        assert_eq!(loc.uri, "docs/my%20post%20%231.txt");
        assert_eq!(loc.uri_base_id, Some(SRCROOT));
        assert_eq!(artifact_location("a:b.txt").uri, "a%3Ab.txt");
        assert_eq!(artifact_location("café.md").uri, "caf%C3%A9.md");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_file_uris() {
        let loc = artifact_location("/tmp/a b.txt");
        assert_eq!(loc.uri, "file:///tmp/a%20b.txt");
        assert_eq!(loc.uri_base_id, None);
    }

    #[test]
    fn braces_are_doubled_in_messages() {
        assert_eq!(Message::plain("use {x}").text, "use {{x}}");
        assert!(matches!(Message::plain("plain").text, Cow::Borrowed(_)));
    }
}
