//! The machine-readable formats end to end: exact `sarif` and `github`
//! output (snapshots), SARIF checked against the official SARIF 2.1.0 schema,
//! and `json` / `json-lines` checked against the committed schemas in
//! `schema/`.

use std::path::{Path, PathBuf};

mod common;

use common::{artlint, report_of};
use serde_json::Value;

const FIXTURES: [&str; 2] = ["fixtures/scraped-post.txt", "fixtures/seed-article.txt"];

/// The rules that report on the fixtures. The SARIF snapshots select only
/// these, so that adding or rewording an unrelated rule (SARIF lists every
/// rule in effect, with its whole explanation) does not change them.
const FIRING_RULES: &str = "acronym/expansion-mismatch,acronym/inconsistent,markup/html-residue,\
names/exonym,names/misspelled,punctuation/quote-spacing,punctuation/space-before,\
repetition/overuse,repetition/word,scrape/boilerplate-line";

fn format(format: &str, paths: &[&str]) -> String {
    report_of(artlint().args(["check", "--format", format]).args(paths))
}

fn snapshot_name(path: &str) -> &str {
    Path::new(path).file_stem().unwrap().to_str().unwrap()
}

/// The SARIF of a run, with the tool's version replaced so that releases do
/// not change the snapshots.
fn sarif_without_version(paths: &[&str]) -> String {
    let out = format("sarif", paths);
    let version = format!(
        "\"name\": \"artlint\",\n          \"version\": \"{}\",",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(out.matches(&version).count(), 1, "driver version in {out}");
    out.replace(
        &version,
        "\"name\": \"artlint\",\n          \"version\": \"[version]\",",
    )
}

#[test]
fn sarif_output() {
    for path in FIXTURES {
        let out = sarif_without_version(&["--select", FIRING_RULES, path]);
        insta::assert_snapshot!(format!("sarif_{}", snapshot_name(path)), out);
    }
}

#[test]
fn github_output() {
    for path in FIXTURES {
        let out = format("github", &[path]);
        insta::assert_snapshot!(format!("github_{}", snapshot_name(path)), out);
    }
}

fn schema_file(path: PathBuf) -> Option<Value> {
    let text = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// A validator that also checks `format` (URIs and the like).
fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("a valid schema")
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = validator(schema);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn sarif_conforms_to_the_sarif_2_1_0_schema() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Some(schema) = schema_file(path.clone()) else {
        eprintln!(
            "note: {} not found; SARIF schema validation skipped",
            path.display()
        );
        return;
    };
    // Every fixture in one run, a clean file among them.
    let out = format("sarif", &["fixtures"]);
    let mut sarif: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_valid(&schema, &sarif, "sarif for fixtures/");
    // The schema is strict: a misspelt property would be caught.
    sarif["runs"][0]["results"][0]["region"] = Value::Null;
    assert!(!validator(&schema).is_valid(&sarif));

    // Awkward paths: absolute, with a space and non-ASCII; stdin by name.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my café post.txt");
    std::fs::write(&file, "Share this:\n\nIt was the the end {of it}.\n").unwrap();
    let out = report_of(artlint().args(["check", "--format", "sarif"]).arg(&file));
    let sarif: Value = serde_json::from_str(&out).unwrap();
    assert_valid(&schema, &sarif, "sarif for an absolute path");
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/my%20caf%C3%A9%20post.txt"),
        "{uri}"
    );
    let out = report_of(
        artlint()
            .args([
                "check",
                "--format",
                "sarif",
                "--stdin-filename",
                "in/post.txt",
                "-",
            ])
            .write_stdin("It was the the end.\n"),
    );
    let sarif: Value = serde_json::from_str(&out).unwrap();
    assert_valid(&schema, &sarif, "sarif for stdin");
}

#[test]
fn sarif_results_point_at_their_rules() {
    let sarif: Value = serde_json::from_str(&format("sarif", &["fixtures"])).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let json: Value = serde_json::from_str(&format("json", &["fixtures"])).unwrap();
    let diagnostics: Vec<&Value> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .collect();
    assert_eq!(results.len(), diagnostics.len());
    for (result, diagnostic) in results.iter().zip(&diagnostics) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], diagnostic["rule"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], diagnostic["range"]["start"]["line"]);
        assert_eq!(region["endColumn"], diagnostic["range"]["end"]["column"]);
        assert_eq!(region["byteOffset"], diagnostic["span"]["start"]);
        let fingerprint = result["partialFingerprints"]["artlint/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fingerprint.len(), 16);
        assert_eq!(
            result["fixes"].as_array().map_or(0, Vec::len),
            usize::from(!diagnostic["fix"].is_null())
        );
        assert_eq!(
            result["relatedLocations"].as_array().map_or(0, Vec::len),
            diagnostic["labels"].as_array().map_or(0, Vec::len)
        );
    }
}

fn committed_schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(name);
    schema_file(path.clone()).unwrap_or_else(|| panic!("{} is committed", path.display()))
}

#[test]
fn json_conforms_to_its_committed_schema() {
    let schema = committed_schema("artlint-json.schema.json");
    for path in FIXTURES {
        let value: Value = serde_json::from_str(&format("json", &[path])).expect("JSON");
        assert_valid(&schema, &value, path);
    }
}

#[test]
fn json_lines_conform_to_their_committed_schema() {
    let schema = committed_schema("artlint-json-lines.schema.json");
    for path in FIXTURES {
        let out = format("json-lines", &[path]);
        assert!(out.lines().count() > 0);
        for line in out.lines() {
            let value: Value = serde_json::from_str(line).expect("one JSON object a line");
            assert_valid(&schema, &value, line);
        }
    }
}

#[test]
fn schemas_reject_what_the_format_never_writes() {
    let schema = committed_schema("artlint-json-lines.schema.json");
    let line = format("json-lines", &["fixtures/scraped-post.txt"]);
    let mut value: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    value["severity"] = "fatal".into();
    let validator = validator(&schema);
    assert!(!validator.is_valid(&value));
    value["severity"] = "warning".into();
    value["version"] = 2.into();
    assert!(
        !validator.is_valid(&value),
        "a new version needs a new schema"
    );
}
