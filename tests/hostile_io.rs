//! Hostile input and output (issue 18): endless stdin and devices, output
//! files that are also inputs, `--fix -` in a pipeline, huge JSONL records,
//! closed pipes and full disks, baselines read from elsewhere.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

mod common;

use assert_cmd::Command;
use common::{artlint_in, run_lossy};

/// `artlint check` in `dir`, no configuration file.
fn check(dir: &Path) -> Command {
    let mut cmd = artlint_in(dir);
    cmd.args(["check", "--isolated"]);
    cmd
}

/// The binary as a std command, for tests that manage pipes themselves.
fn artlint_std(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(common::artlint_path());
    cmd.current_dir(dir);
    cmd
}

/// Waits for `child` at most `limit`; kills it and fails the test on timeout.
fn wait_or_kill(mut child: Child, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("artlint did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Writes `line` to `out` over and over until `budget` bytes are written or
/// the reader goes away; returns how many bytes went out.
fn feed(mut out: impl Write, line: &[u8], budget: usize) -> usize {
    let block = line.repeat(64 * 1024 / line.len());
    let mut written = 0;
    while written < budget {
        match out.write_all(&block) {
            Ok(()) => written += block.len(),
            Err(_) => break,
        }
    }
    written
}

const TEXT_LIMIT: usize = 64 * 1024;
/// What an unbounded reader would swallow whole (the old behaviour); a
/// bounded one stops after the limit plus a pipe buffer.
const FEED_BUDGET: usize = 16 << 20;

// --- 1. stdin and devices are read with a bound -----------------------------

#[test]
fn stdin_over_max_file_size_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_lossy(
        check(dir.path())
            .args(["--format", "concise", "--max-file-size", "10", "-"])
            .write_stdin("The the cat.\n"),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "No files linted.\n",
            "artlint: -: skipped, larger than --max-file-size 10\n"
        )
    );
    // At the limit exactly, it is linted.
    let (code, out, _) = run_lossy(
        check(dir.path())
            .args(["--format", "concise", "-q", "--max-file-size", "13", "-"])
            .write_stdin("The the cat.\n"),
    );
    assert_eq!(
        (code, out.as_str()),
        (1, "-:1:5: warning[repetition/word] [*] 'the' is repeated\n")
    );
}

/// `yes 'The cat.' | artlint check -`: reading stops one byte past the limit
/// (the writer then gets a broken pipe) instead of buffering everything.
#[test]
fn endless_stdin_stops_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = artlint_std(dir.path())
        .args(["check", "--isolated", "--format", "concise"])
        .args(["--max-file-size", &TEXT_LIMIT.to_string(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || feed(stdin, b"The cat.\n", FEED_BUDGET));
    let out = wait_or_kill(child, Duration::from_secs(60));
    let fed = writer.join().unwrap();
    assert!(
        fed < FEED_BUDGET,
        "artlint read all {fed} bytes instead of stopping"
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("artlint: -: skipped, larger than --max-file-size {TEXT_LIMIT}\n")
    );
}

/// `artlint check /dev/zero`: the NUL bytes at the start make it binary,
/// and reading stops there.
#[test]
fn dev_zero_is_skipped_as_binary_at_once() {
    if !Path::new("/dev/zero").exists() {
        eprintln!("note: no /dev/zero here; test skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let child = artlint_std(dir.path())
        .args(["check", "--isolated", "--format", "concise", "/dev/zero"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_or_kill(child, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "artlint: /dev/zero: skipped, looks binary (NUL byte at offset 0)\n"
    );
    assert_eq!(out.stdout, b"No files linted.\n");
}

/// A named pipe (a device or FIFO has no size to check first) with endless
/// text: cut off at --max-file-size like stdin.
#[cfg(unix)]
#[test]
fn endless_named_pipe_stops_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("note: mkfifo is not available; test skipped");
        return;
    }
    let child = artlint_std(dir.path())
        .args(["check", "--isolated", "--format", "concise"])
        .args(["--max-file-size", &TEXT_LIMIT.to_string(), "endless"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let pipe = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        feed(pipe, b"The cat sat.\n", FEED_BUDGET)
    });
    let out = wait_or_kill(child, Duration::from_secs(60));
    let fed = writer.join().unwrap();
    assert!(fed < FEED_BUDGET, "artlint read all {fed} bytes");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("artlint: endless: skipped, larger than --max-file-size {TEXT_LIMIT}\n")
    );
}

// --- 2. output files never overwrite inputs ---------------------------------

#[test]
fn output_file_naming_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let article = "The the cat .\n";
    std::fs::write(dir.path().join("a.txt"), article).unwrap();
    let (code, out, err) = run_lossy(check(dir.path()).args(["--output-file", "a.txt", "a.txt"]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "artlint: error: --output-file a.txt is the input a.txt; refusing to overwrite it\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        article
    );

    // The same file under another name: a path through `..`, a hard link.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::hard_link(dir.path().join("a.txt"), dir.path().join("link.txt")).unwrap();
    let mut outputs = vec!["sub/../a.txt", "link.txt"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("a.txt", dir.path().join("symlink.txt")).unwrap();
        outputs.push("symlink.txt");
    }
    for output in outputs {
        let (code, _, err) = run_lossy(check(dir.path()).args(["--output-file", output, "a.txt"]));
        assert_eq!(code, 2, "{output}: {err}");
        assert_eq!(
            err,
            format!(
                "artlint: error: --output-file {output} is the input a.txt; refusing to overwrite it\n"
            )
        );
    }
    // --write-baseline too.
    let (code, _, err) = run_lossy(check(dir.path()).args(["--write-baseline", "a.txt", "a.txt"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "artlint: error: --write-baseline a.txt is the input a.txt; refusing to overwrite it\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        article
    );
    // A different output file is fine.
    let (code, out, _) = run_lossy(check(dir.path()).args([
        "--format",
        "concise",
        "-q",
        "--output-file",
        "report.txt",
        "a.txt",
    ]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.txt")).unwrap(),
        "a.txt:1:5: warning[repetition/word] [*] 'the' is repeated\n\
         a.txt:1:12: warning[punctuation/space-before] [*] space before '.'\n"
    );
}

#[cfg(unix)]
#[test]
fn output_file_that_stdin_reads_from_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let article = "The the cat .\n";
    std::fs::write(dir.path().join("a.txt"), article).unwrap();
    let stdin = std::fs::File::open(dir.path().join("a.txt")).unwrap();
    let mut cmd = artlint_std(dir.path());
    cmd.args(["check", "--isolated", "--output-file", "a.txt", "-"])
        .stdin(stdin);
    // Not through assert_cmd, which gives the child its own stdin.
    let out = cmd.output().unwrap();
    let (code, out, err) = (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "artlint: error: --output-file a.txt is the input - (stdin); refusing to overwrite it\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        article
    );
}

/// Walking a folder that holds the run's own output file (left by the last
/// run): the output is not linted, so a second run reports the same.
#[test]
fn the_run_own_output_file_is_not_linted_when_walking() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "It was the the end.\n").unwrap();
    let args = [
        "--format",
        "concise",
        "--output-file",
        "report.txt",
        "--write-baseline",
        "baseline.txt",
        ".",
    ];
    // `--write-baseline` writes no report; run once without it, then with it.
    let (code, _, err) = run_lossy(check(dir.path()).args(&args[..4]).arg("."));
    assert_eq!(code, 1, "{err}");
    let first = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert_eq!(
        first,
        "./a.txt:1:12: warning[repetition/word] [*] 'the' is repeated\n\
         Found 1 problem (0 errors, 1 warning, 0 infos) in 1 file.\n"
    );
    let (code, _, _) = run_lossy(check(dir.path()).args(&args[..4]).arg("."));
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.txt")).unwrap(),
        first
    );
    // The baseline (a file without a linted extension would be walked) is
    // left out of its own run, and then out of the next one's.
    std::fs::write(dir.path().join("baseline.txt"), "the the\n").unwrap();
    let (code, _, err) = run_lossy(check(dir.path()).args(&args[4..]));
    assert_eq!(code, 0, "{err}");
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.txt")).unwrap())
            .unwrap();
    let paths: Vec<&str> = baseline["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.txt"]);
}

// --- 4. `--fix -` in a pipeline ---------------------------------------------

fn fix_stdin(dir: &Path, input: &[u8], extra: &[&str]) -> (i32, Vec<u8>, String) {
    let out = check(dir)
        .args(["--fix"])
        .args(extra)
        .arg("-")
        .write_stdin(input.to_vec())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn fix_stdin_echoes_the_input_with_only_its_fixes() {
    let dir = tempfile::tempdir().unwrap();
    // CRLF, a byte-order mark and a clean line come back as they were.
    let (code, out, err) = fix_stdin(
        dir.path(),
        "\u{feff}It was the the end.\r\nA clean line.\r\n".as_bytes(),
        &[],
    );
    assert_eq!(
        (code, out.as_slice(), err.as_str()),
        (
            0,
            "\u{feff}It was the end.\r\nA clean line.\r\n".as_bytes(),
            "artlint: fixed 1 problem(s), 0 remaining\n"
        )
    );
    // Nothing to fix: the bytes, unchanged.
    let (code, out, _) = fix_stdin(dir.path(), b"A clean line.", &[]);
    assert_eq!((code, out.as_slice()), (0, b"A clean line.".as_slice()));
}

#[test]
fn fix_stdin_refuses_what_it_cannot_write_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "It was the the end.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let cases: [(&[u8], &[&str], &str); 4] = [
        (b"Hi\0x\n", &[], "looks binary (NUL byte at offset 2)"),
        (
            b"caf\xe9: it was the the end.\n",
            &[],
            "not valid UTF-8 (the decoded text would lose bytes)",
        ),
        (
            &utf16,
            &[],
            "UTF-16, decoded for linting but never written back",
        ),
        (
            b"The the cat.\n",
            &["--max-file-size", "10"],
            "larger than --max-file-size 10",
        ),
    ];
    for (input, extra, why) in cases {
        let (code, out, err) = fix_stdin(dir.path(), input, extra);
        assert_eq!(code, 2, "{why}: {err}");
        assert!(out.is_empty(), "{why}: stdout {out:?}");
        assert_eq!(
            err,
            format!("artlint: error: -: {why}; not fixed, nothing written to stdout\n")
        );
    }
}

/// `--diff -` shows what `--fix -` would do: a diff for UTF-8, an error
/// for text it would not write back, a note (no diff) for binary input.
#[test]
fn diff_on_stdin_matches_fix() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_lossy(
        check(dir.path())
            .args(["--diff", "-"])
            .write_stdin("It was the the end.\n"),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "--- a/-\n+++ b/-\n@@ -1 +1 @@\n-It was the the end.\n+It was the end.\n",
            "artlint: 1 fix(es) would change 1 file(s)\n"
        )
    );
    let (code, out, err) = run_lossy(
        check(dir.path())
            .args(["--diff", "-"])
            .write_stdin(b"caf\xe9: it was the the end.\n".to_vec()),
    );
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains(
            "artlint: error: -: not valid UTF-8, no diff (--fix does not write it back: the decoded text would lose bytes)\n"
        ),
        "{err}"
    );
    let (code, out, err) = run_lossy(
        check(dir.path())
            .args(["--diff", "-"])
            .write_stdin(b"Hi\0the the\n".to_vec()),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "",
            "artlint: -: skipped, looks binary (NUL byte at offset 2)\n\
             artlint: 0 fix(es) would change 0 file(s)\n"
        )
    );
}

// --- 6. JSONL: findings and line length are capped per record ---------------

fn jsonl_records(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_max_diagnostics_caps_each_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "big", "text": "the ".repeat(100_000)}),
        serde_json::json!({"id": "small", "text": "It was the the end."}),
    );
    // Streaming.
    let out = check(dir.path())
        .args(["--input-format", "jsonl", "--format", "json-lines"])
        .args(["--select", "repetition/word", "--max-diagnostics", "2", "-"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = jsonl_records(&out.stdout);
    assert_eq!(records.len(), 2);
    let big = records[0]["diagnostics"].as_array().unwrap();
    let spans: Vec<(&str, u64)> = big
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["span"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("repetition/word", 4),
            ("repetition/word", 8),
            ("limits/max-diagnostics", 0)
        ]
    );
    assert_eq!(
        big[2]["message"],
        "99997 more findings not shown (--max-diagnostics 2)"
    );
    assert_eq!(big[2]["severity"], "info");
    assert_eq!(records[1]["diagnostics"].as_array().unwrap().len(), 1);

    // Not streaming: one report per record, capped the same way.
    let (code, out, _) = run_lossy(
        check(dir.path())
            .args(["--input-format", "jsonl", "--format", "concise", "-q"])
            .args(["--select", "repetition/word", "--max-diagnostics", "2", "-"])
            .write_stdin(input),
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "-#big:1:5: warning[repetition/word] [*] 'the' is repeated\n\
         -#big:1:9: warning[repetition/word] [*] 'the' is repeated\n\
         -#big:1:1: info[limits/max-diagnostics] 99997 more findings not shown (--max-diagnostics 2)\n\
         -#small:1:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
}

#[test]
fn jsonl_record_longer_than_max_file_size_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{}\n{}\r\n{}\n",
        serde_json::json!({"id": "a", "text": "It was the the end."}),
        serde_json::json!({"id": "long", "text": "x".repeat(5000)}),
        serde_json::json!({"id": "c", "text": "Then a a cat."}),
    );
    let out = check(dir.path())
        .args(["--input-format", "jsonl", "--format", "json-lines"])
        .args([
            "--select",
            "repetition/word",
            "--max-file-size",
            "1000",
            "-",
        ])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = jsonl_records(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["id"], "a");
    assert_eq!(
        records[1],
        serde_json::json!({
            "version": 1, "id": "2", "line": 2,
            "error": "-:2: record not linted, longer than --max-file-size 1000"
        })
    );
    assert_eq!(
        (&records[2]["id"], &records[2]["line"]),
        (&"c".into(), &3.into())
    );
    assert_eq!(records[2]["diagnostics"][0]["text"], "a");

    // Not streaming: an error naming the line; the other records are linted.
    let (code, out, err) = run_lossy(
        check(dir.path())
            .args(["--input-format", "jsonl", "--format", "concise", "-q"])
            .args([
                "--select",
                "repetition/word",
                "--max-file-size",
                "1000",
                "-",
            ])
            .write_stdin(input),
    );
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "-#a:1:12: warning[repetition/word] [*] 'the' is repeated\n\
         -#c:1:8: warning[repetition/word] [*] 'a' is repeated\n"
    );
    assert_eq!(
        err,
        "artlint: error: -:2: record not linted, longer than --max-file-size 1000\n"
    );
}

#[test]
fn fix_on_jsonl_says_records_are_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let record = "{\"id\": 1, \"text\": \"It was the the end.\"}\n";
    std::fs::write(dir.path().join("a.jsonl"), record).unwrap();
    std::fs::write(dir.path().join("b.jsonl"), record).unwrap();
    let (code, out, err) = run_lossy(
        check(dir.path()).args(["--fix", "--format", "concise", "-q", "a.jsonl", "b.jsonl"]),
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "artlint: note: --fix does not rewrite JSONL records (a.jsonl and 1 more); findings are reported only\n"
    );
    assert_eq!(
        out,
        "a.jsonl#1:1:12: warning[repetition/word] [*] 'the' is repeated\n\
         b.jsonl#1:1:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.jsonl")).unwrap(),
        record
    );
    // `--fix -` promises the fixed input on stdout: refused.
    let (code, out, err) = run_lossy(
        check(dir.path())
            .args(["--fix", "--input-format", "jsonl", "-"])
            .write_stdin(record),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "artlint: error: -: --fix does not rewrite JSONL records; not fixed, nothing written to stdout\n"
        )
    );
}

// --- 10. closed pipes and full disks ----------------------------------------

/// Every command that prints, as (arguments, exit status when complete).
const PRINTING: &[(&[&str], i32)] = &[
    (&["rules"], 0),
    (&["rule", "names/exonym"], 0),
    (&["test-rules"], 0),
    (&["config", "--isolated"], 0),
    (&["init"], 0),
    (&["check", "--isolated", "a.txt"], 1),
    (&["check", "--isolated", "--format", "json", "a.txt"], 1),
    (&["check", "--isolated", "--diff", "a.txt"], 1),
    (
        &["check", "--isolated", "--format", "json-lines", "a.jsonl"],
        0,
    ),
    (
        &["check", "--isolated", "--format", "concise", "a.jsonl"],
        1,
    ),
];

fn printing_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "It was the the end.\n").unwrap();
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"id\": 1, \"text\": \"It was the the end.\"}\n",
    )
    .unwrap();
    dir
}

/// `artlint rules | head -0`: the reader is gone before anything is
/// written. Every command ends quietly with the status of a complete run.
#[test]
fn closed_stdout_ends_every_command_quietly() {
    for (args, status) in PRINTING {
        let dir = printing_dir();
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = artlint_std(dir.path())
            .args(*args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        let err: Vec<&str> = err
            .lines()
            .filter(|l| !l.starts_with("artlint: ") || l.contains("error"))
            .collect();
        assert_eq!(
            (out.status.code(), err),
            (Some(*status), Vec::<&str>::new()),
            "artlint {args:?}"
        );
    }
}

/// `artlint rules > /dev/full`: an error naming stdout, exit 2, no panic.
#[test]
fn full_disk_on_stdout_is_an_error_naming_it() {
    if !Path::new("/dev/full").exists() {
        eprintln!("note: no /dev/full here; test skipped");
        return;
    }
    for (args, _) in PRINTING {
        let dir = printing_dir();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = artlint_std(dir.path())
            .args(*args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "artlint {args:?}: {err}");
        assert!(
            err.ends_with("artlint: error: cannot write to stdout: No space left on device\n"),
            "artlint {args:?}: {err}"
        );
    }
}

#[test]
fn full_disk_on_output_file_names_the_path() {
    if !Path::new("/dev/full").exists() {
        eprintln!("note: no /dev/full here; test skipped");
        return;
    }
    let dir = printing_dir();
    for extra in [&["a.txt"][..], &["--format", "json-lines", "a.jsonl"]] {
        let (code, out, err) = run_lossy(
            check(dir.path())
                .args(["--output-file", "/dev/full"])
                .args(extra),
        );
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (
                2,
                "",
                "artlint: error: cannot write to /dev/full: No space left on device\n"
            ),
            "{extra:?}"
        );
    }
    // `--fix -` echoing into a full disk.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = artlint_std(dir.path())
        .args(["check", "--isolated", "--fix", "-"])
        .stdin(std::fs::File::open(dir.path().join("a.txt")).unwrap())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .ends_with("artlint: error: cannot write to stdout: No space left on device\n")
    );
}

// --- baselines ----------------------------------------------------------------

#[test]
fn baseline_with_an_unknown_version_is_rejected() {
    let dir = printing_dir();
    std::fs::write(
        dir.path().join("base.json"),
        "{\"version\": 99, \"findings\": [], \"later\": true}\n",
    )
    .unwrap();
    let (code, out, err) = run_lossy(check(dir.path()).args(["--baseline", "base.json", "a.txt"]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "artlint: error: base.json: unsupported baseline version 99 (this artlint reads versions 1 and 2); \
             write it again with --write-baseline\n"
        )
    );
}

/// Paths in a baseline are relative to its folder, so a run from another
/// folder (or naming the files another way) still matches.
#[test]
fn baseline_paths_do_not_depend_on_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("articles/news")).unwrap();
    std::fs::create_dir_all(root.join("ci")).unwrap();
    std::fs::write(root.join("articles/news/a.txt"), "It was the the end.\n").unwrap();
    let (code, _, err) =
        run_lossy(check(root).args(["--write-baseline", "ci/base.json", "articles"]));
    assert_eq!(code, 0, "{err}");
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ci/base.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 2);
    assert_eq!(baseline["findings"][0]["path"], "../articles/news/a.txt");
    for (cwd, base, path) in [
        ("articles/news", "../../ci/base.json", "a.txt"),
        ("ci", "base.json", "../articles"),
        (".", "./ci/../ci/base.json", "./articles/news/a.txt"),
    ] {
        let (code, out, err) = run_lossy(check(&root.join(cwd)).args([
            "--format",
            "concise",
            "--baseline",
            base,
            path,
        ]));
        assert_eq!(
            (code, out.as_str()),
            (0, "No problems found in 1 file.\n"),
            "from {cwd}: {err}"
        );
    }
    // A new finding is still new.
    std::fs::write(
        root.join("articles/news/a.txt"),
        "It was the the end.\nThen a a cat.\n",
    )
    .unwrap();
    let (code, out, _) = run_lossy(check(&root.join("ci")).args([
        "--format",
        "concise",
        "-q",
        "--baseline",
        "base.json",
        "../articles",
    ]));
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "../articles/news/a.txt:2:8: warning[repetition/word] [*] 'a' is repeated\n"
        )
    );
}

/// A version 1 baseline (paths as given, relative to where artlint ran) is
/// still read that way.
#[test]
fn version_1_baselines_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::write(root.join("articles/a.txt"), "It was the the end.\n").unwrap();
    let (_, _, _) =
        run_lossy(check(root).args(["--write-baseline", "base.json", "articles/a.txt"]));
    let v2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("base.json")).unwrap()).unwrap();
    let fingerprint = v2["findings"][0]["fingerprint"].as_str().unwrap();
    std::fs::write(
        root.join("base.json"),
        format!(
            "{{\"version\": 1, \"findings\": [{{\"path\": \"articles/a.txt\", \
             \"rule\": \"repetition/word\", \"fingerprint\": \"{fingerprint}\"}}]}}"
        ),
    )
    .unwrap();
    let (code, out, err) = run_lossy(check(root).args([
        "--format",
        "concise",
        "--baseline",
        "base.json",
        "./articles/a.txt",
    ]));
    assert_eq!(
        (code, out.as_str()),
        (0, "No problems found in 1 file.\n"),
        "{err}"
    );
}
