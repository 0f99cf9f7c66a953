//! JSONL input and the streaming contract for corpus pipelines.

mod common;

use assert_cmd::Command;

/// `artlint check` in the repository root, no configuration file.
fn check() -> Command {
    let mut cmd = common::artlint();
    cmd.args(["check", "--isolated"]);
    cmd
}

#[test]
fn one_output_line_per_record_in_order_with_errors_in_place() {
    let mut input = String::new();
    for i in 0..3000 {
        match i % 500 {
            7 => input.push_str("{not json\n"),
            8 => input.push_str("{\"id\": \"no-text\"}\n"),
            _ => input.push_str(&format!(
                "{{\"id\": \"doc-{i}\", \"text\": \"Record {i}: it was the the end.\"}}\n"
            )),
        }
    }
    let out = check()
        .args(["--input-format", "jsonl", "--format", "json-lines", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "findings do not change the exit status"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["line"], i + 1);
        match i % 500 {
            7 => {
                assert_eq!(
                    line["id"],
                    (i + 1).to_string(),
                    "id falls back to the line number, as a string"
                );
                assert!(line["error"].as_str().unwrap().contains("invalid JSON"));
            }
            8 => assert_eq!(
                line["error"],
                format!("-:{}: no string field `text`", i + 1)
            ),
            _ => {
                assert_eq!(line["id"], format!("doc-{i}"));
                let d = &line["diagnostics"][0];
                assert_eq!(d["rule"], "repetition/word");
                assert_eq!(d["text"], "the");
            }
        }
    }
}

#[test]
fn offsets_in_bytes_or_characters() {
    let record = "{\"id\": 7, \"text\": \"Ça coûte — it was the the end.\"}\n";
    let run = |offsets: &str| -> serde_json::Value {
        let out = check()
            .args([
                "--input-format",
                "jsonl",
                "--format",
                "json-lines",
                "--offsets",
                offsets,
                "-",
            ])
            .write_stdin(record)
            .output()
            .unwrap();
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap()
    };
    let bytes = run("bytes");
    let chars = run("chars");
    assert_eq!(bytes["id"], "7", "a number id is written as a string");
    let text = "Ça coûte — it was the the end.";
    let at = text.rfind("the end").unwrap();
    // The doubled word's finding (`coûte` also has one, mt/untranslated).
    let start = |out: &serde_json::Value| {
        let found = out["diagnostics"].as_array().unwrap();
        let d = found
            .iter()
            .find(|d| d["rule"] == "repetition/word")
            .unwrap();
        d["span"]["start"].clone()
    };
    assert_eq!(start(&bytes), at);
    assert_eq!(start(&chars), text[..at].chars().count());
}

#[test]
fn custom_fields_and_jsonl_files_in_other_formats() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.jsonl"), "{\"doc\": \"a\", \"body\": \"It was the the end.\"}\n{\"doc\": \"b\", \"body\": \"Fine.\"}\n").unwrap();
    let out = check()
        .current_dir(dir.path())
        .args([
            "--text-field",
            "body",
            "--id-field",
            "doc",
            "--format",
            "concise",
            "-q",
            "c.jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "c.jsonl#a:1:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
}

/// Each input is read as its own format says: the JSONL file as records, the
/// text file as text, in one run and one summary; a malformed record is an
/// error (exit 2) in this mode too.
#[test]
fn jsonl_and_text_files_in_one_run_are_each_read_as_their_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.jsonl"),
        "{\"id\": 1, \"text\": \"It was the the end.\"}\n{oops\n{\"id\": \"b\", \"text\": \"Fine.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "The the dog.\n").unwrap();
    let out = check()
        .current_dir(dir.path())
        .args(["--format", "concise", "c.jsonl", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.txt:1:5: warning[repetition/word] [*] 'the' is repeated\n\
         c.jsonl#1:1:12: warning[repetition/word] [*] 'the' is repeated\n\
         Found 2 problems (0 errors, 2 warnings, 0 infos) in 1 file and 2 records.\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "artlint: error: c.jsonl:2: invalid JSON: key must be a string at line 1 column 2\n"
    );

    // --fix fixes the text file, says why it leaves the records alone, and
    // reports their findings.
    let out = check()
        .current_dir(dir.path())
        .args(["--format", "concise", "--fix", "c.jsonl", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "artlint: note: --fix does not rewrite JSONL records (c.jsonl); findings are reported only\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "The dog.\n"
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("c.jsonl#1:1:12: warning[repetition/word]")
    );
}

/// The record stream has its own committed schema; every kind of line
/// (found, clean, malformed, too long, ids of every JSON type) conforms, and
/// `id` is always a string.
#[test]
fn streamed_records_conform_to_their_committed_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join("artlint-jsonl-records.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let long = format!(r#"{{"id": 6, "text": "{}"}}"#, "x".repeat(300));
    let input = [
        r#"{"id": 1, "text": "It was the the end. Vladimir Poutine spoke ."}"#,
        r#"{"id": "b", "text": "Fine."}"#,
        r#"{"id": null, "text": "No id."}"#,
        r#"{"id": [1, 2], "text": "Odd id."}"#,
        "{oops",
        &long,
    ]
    .join("\n");
    let out = check()
        .args(["--input-format", "jsonl", "--format", "json-lines"])
        .args(["--max-file-size", "200", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "b", "3", "[1,2]", "5", "6"]);
    assert!(lines[0]["diagnostics"].as_array().unwrap().len() >= 3);
    assert!(lines[4]["error"].is_string() && lines[5]["error"].is_string());
    for line in &lines {
        let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{line}: {errors:?}");
    }
    let mut wrong = lines[1].clone();
    wrong["id"] = 2.into();
    assert!(
        !validator.is_valid(&wrong),
        "an integer id is not the format"
    );
}
