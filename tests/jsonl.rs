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
                assert_eq!(line["id"], i + 1, "id falls back to the line number");
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
    assert_eq!(bytes["id"], 7);
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
        "c.jsonl#a:1:12: warning[repetition/word] 'the' is repeated\n"
    );
}
