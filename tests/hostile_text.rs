//! Hostile text (issue 18): structured input whose cells and headings are not
//! lines, lines too long to print whole, and control characters that must not
//! reach a terminal.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use artlint::fix::apply_fixes;
use artlint::input::jsonl::CharOffsets;
use artlint::{Applicability, Diagnostic, Edit, Fix, LineColumn, LineIndex, Severity, Span};
use assert_cmd::Command;

fn artlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("artlint").expect("binary built");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .args(["check", "--isolated"]);
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs `f` on another thread and fails if it takes longer than `limit`:
/// for work that was quadratic, where the old code took minutes.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || send.send(f()));
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still running after {limit:?}"))
}

// ---------------------------------------------------------------------------
// Table cells and headings are not lines of prose

const TABLE_MD: &str = "\
# Election results

The results came in on Monday night.

| Party | Share |
|---|---|
| X | 12% |
| Unity and Justice Party | Unity and Justice Party |
| Unity and Justice Party | Unity and Justice Party |
| A | B |
| C | D |
| E | F |
";

#[test]
fn markdown_table_cells_and_headings_survive_fix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.md");
    std::fs::write(&path, TABLE_MD).unwrap();
    // No whole-line finding on a cell or the heading (they were flagged as
    // share lines, a section link, a menu and duplicate lines).
    let (code, out, _) = run(artlint(dir.path()).args(["--format", "concise", "t.md"]));
    assert_eq!((code, out.as_str()), (0, "No problems found in 1 file.\n"));
    // And `--fix`, even with unsafe fixes, leaves the file as it was
    // (it made `| Party |  |` and `|  | 12% |`).
    let (_, _, _) = run(artlint(dir.path()).args(["--fix", "--unsafe-fixes", "t.md"]));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TABLE_MD);
}

#[test]
fn html_table_cells_and_headings_survive_fix() {
    let src = "<h1>Election results</h1>\n<p>The results came in on Monday night.</p>\n<table><tr><th>Share</th><td>X</td></tr></table>\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.html");
    std::fs::write(&path, src).unwrap();
    let (code, out, _) = run(artlint(dir.path()).args(["--format", "concise", "t.html"]));
    assert_eq!((code, out.as_str()), (0, "No problems found in 1 file.\n"));
    run(artlint(dir.path()).args(["--fix", "--unsafe-fixes", "t.html"]));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src);
}

#[test]
fn the_same_words_as_paragraph_lines_are_still_found() {
    // The negative control: as lines of prose, `Share` is a share button,
    // the repeated line beside it a duplicate, and both copies, between two
    // share buttons with no sentence of an article around, a template run:
    // in Markdown and in plain text alike.
    let src = "The results came in on Monday night.\n\nShare\n\nUnity and Justice Party won again\n\nUnity and Justice Party won again\n\nShare\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.md"), src).unwrap();
    std::fs::write(dir.path().join("p.txt"), src).unwrap();
    let (_, out, _) = run(artlint(dir.path()).args(["--format", "concise", "-q", "p.md", "p.txt"]));
    let expected = |name: &str, fix: &str| {
        format!(
            "{name}:3:1: warning[scrape/share-line] {fix}share or follow line 'Share'\n\
             {name}:5:1: warning[scrape/template-run] label inside a run of template lines 'Unity and Justice Party won again'\n\
             {name}:7:1: warning[scrape/duplicate-line] repeated line 'Unity and Justice Party won again' (first at line 5)\n\
             {name}:7:1: warning[scrape/template-run] label inside a run of template lines 'Unity and Justice Party won again'\n\
             {name}:9:1: warning[scrape/share-line] {fix}share or follow line 'Share'\n"
        )
    };
    assert_eq!(out, expected("p.md", "") + &expected("p.txt", "[*] "));
}

/// The fix applicability of each finding of `rule` in `name`, from JSON.
fn applicabilities(dir: &Path, name: &str, rule: &str) -> Vec<String> {
    let (_, out, _) = run(artlint(dir).args(["--format", "json", name]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| d["fix"]["applicability"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn deleting_words_from_markdown_or_html_is_never_a_safe_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The results came in on Monday night.\n\nShare\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    std::fs::write(
        dir.path().join("a.html"),
        "<p>The results came in on Monday night.</p><p>Share</p>",
    )
    .unwrap();
    assert_eq!(
        applicabilities(dir.path(), "a.md", "scrape/share-line"),
        ["unsafe"]
    );
    assert_eq!(
        applicabilities(dir.path(), "a.html", "scrape/share-line"),
        ["unsafe"]
    );
    // Plain text is as it was.
    assert_eq!(
        applicabilities(dir.path(), "a.txt", "scrape/share-line"),
        ["safe"]
    );
    // A fix that deletes only punctuation or spaces stays safe in Markdown.
    std::fs::write(
        dir.path().join("b.md"),
        "It ended on Monday , after a vote.\n",
    )
    .unwrap();
    assert_eq!(
        applicabilities(dir.path(), "b.md", "punctuation/space-before"),
        ["safe"]
    );
}

#[test]
fn markdown_html_blocks_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "The talks ended on Monday.\n\n<div>\n<p>Vladimir Poutine said the the same.</p>\n</div>\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "The talks ended on Monday.\n\nVladimir Poutine said the the same.\n",
    )
    .unwrap();
    let (_, out, _) = run(artlint(dir.path()).args(["--format", "concise", "-q", "a.md", "b.md"]));
    assert_eq!(
        out,
        "b.md:3:10: warning[names/exonym] 'Poutine' is a foreign form of 'Putin'\n\
         b.md:3:27: warning[repetition/word] 'the' is repeated\n"
    );
}

// ---------------------------------------------------------------------------
// Long lines

#[test]
fn human_output_shows_a_window_of_a_long_line() {
    let lorem = "Lorem ipsum dolor sit amet. ".repeat(20);
    let src = format!("{lorem}It was the the end. {lorem}\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("long.txt"), &src).unwrap();
    let (_, out, _) = run(artlint(dir.path()).args(["--select", "repetition/word", "long.txt"]));
    assert_eq!(
        out,
        "warning[repetition/word]: 'the' is repeated\n  \
         ┌─ long.txt:1:572\n  \
         │\n\
         1 │ … Lorem ipsum dolor sit amet. It was the the end. Lorem ipsum dolor sit amet. Lorem …\n  \
         │                                          ^^^\n  \
         │\n  \
         = help: delete ` the`\n\n\
         Found 1 problem (0 errors, 1 warning, 0 infos) in 1 file.\n"
    );
}

#[test]
fn human_output_does_not_grow_with_the_line_for_each_finding() {
    // 200 KB on one line, 100 findings shown: the whole line each time was
    // 20 MB of output. (Doubled words that vary, so no loop finding takes
    // them over.)
    let src: String = (0..14_000).map(|i| format!("the the cat{i} ")).collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("w.txt"), &src).unwrap();
    let (_, out, _) = run(artlint(dir.path()).args(["--max-diagnostics", "100", "w.txt"]));
    let shown = out
        .lines()
        .filter(|l| l.starts_with("warning[") || l.starts_with("info["))
        .count();
    assert_eq!(shown, 101, "{}", &out[..out.len().min(2000)]);
    assert!(out.len() < 100 * 600, "{} bytes", out.len());
    // Each snippet line is a window of the line, with the label on it.
    let snippet = out
        .lines()
        .find(|l| l.starts_with("1 │ …"))
        .expect("a windowed line");
    assert!(snippet.chars().count() < 120, "{snippet}");
}

#[test]
fn columns_far_into_a_long_line_cost_little() {
    // 4 MB on one line; 20,000 positions. Counting from the line's start
    // each time was 40 billion bytes of work.
    let text = "aé😀 word ".repeat(330_000);
    let boundary = |o: usize| (0..=o).rev().find(|&b| text.is_char_boundary(b)).unwrap();
    let offsets: Vec<u32> = (0..20_000)
        .map(|i| boundary(i * 199 % text.len()) as u32)
        .collect();
    let probes = [0, 1, 10_000, boundary(text.len() - 5) as u32];
    let expected: Vec<LineColumn> = probes
        .iter()
        .map(|&o| LineColumn {
            line: 1,
            column: text[..o as usize].chars().count() as u32 + 1,
        })
        .collect();
    let utf16: Vec<u32> = probes
        .iter()
        .map(|&o| text[..o as usize].encode_utf16().count() as u32)
        .collect();
    within(Duration::from_secs(30), move || {
        let index = LineIndex::new(&text);
        for &o in &offsets {
            assert_eq!(index.line_column(&text, o).line, 1);
            index.utf16_column(&text, o);
        }
        for (i, &o) in probes.iter().enumerate() {
            assert_eq!(index.line_column(&text, o), expected[i]);
            assert_eq!(index.utf16_column(&text, o), utf16[i]);
        }
    });
}

#[test]
fn character_offsets_in_any_order_cost_little() {
    // JSONL `--offsets chars`: a finding's end, then its fix's start before
    // it, restarted the count from the record's start every time (here
    // 200,000 times 4 MB).
    const UNIT: &str = "aé😀 word "; // 13 bytes, 9 characters
    let units = 320_000;
    let text = UNIT.repeat(units);
    within(Duration::from_secs(30), move || {
        let mut chars = CharOffsets::new(&text);
        for i in 0..200_000 {
            let a = units - i % 50;
            let b = a - 50;
            assert_eq!(chars.chars_at(a * 13), a * 9);
            assert_eq!(chars.chars_at(b * 13), b * 9);
        }
        assert_eq!(chars.chars_at(5), 2);
        assert_eq!(chars.chars_at(text.len()), units * 9);
    });
}

#[test]
fn applying_many_fixes_costs_little() {
    // 200,000 neighbouring fixes in one pass: each was compared with every
    // fix accepted before it.
    let text = "ab".repeat(200_000);
    let diagnostics: Vec<Diagnostic> = (0..200_000)
        .map(|i| Diagnostic {
            rule: "t/t".into(),
            severity: Severity::Warning,
            span: Span::new(2 * i, 2 * i + 1),
            message: String::new(),
            labels: Vec::new(),
            fix: Some(Fix::safe(Edit::new(Span::new(2 * i, 2 * i + 1), ""))),
        })
        .collect();
    let (fixed, applied) = within(Duration::from_secs(30), move || {
        apply_fixes(&text, &diagnostics, Applicability::Safe)
    });
    assert_eq!(applied, 200_000);
    assert_eq!(fixed, "b".repeat(200_000));
}

// ---------------------------------------------------------------------------
// Control characters

const ESCAPES: &str = "Hi \u{1b}]0;pwned\u{7} \u{1b}[2J x\u{9b}y the the end.\n";

fn no_control_bytes(out: &str) {
    assert!(
        !out.chars()
            .any(|c| c != '\n' && c != '\t' && c.is_control()),
        "{out:?}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.txt"), ESCAPES).unwrap();
    let select = ["--select", "repetition/word,encoding/invisible", "c.txt"];
    let (_, human, _) = run(artlint(dir.path()).args(select));
    no_control_bytes(&human);
    // Labels stay under what they mark in the escaped rendering.
    assert!(
        human.contains(
            "1 │ Hi \\u{1b}]0;pwned\\u{7} \\u{1b}[2J x\\u{9b}y the the end.\n  \
             │                                               ^^^\n"
        ),
        "{human}"
    );
    assert!(
        human.contains(
            "1 │ Hi \\u{1b}]0;pwned\\u{7} \\u{1b}[2J x\\u{9b}y the the end.\n  \
             │    ^^^^^^\n"
        ),
        "{human}"
    );
    for format in ["concise", "github"] {
        let (_, out, _) = run(artlint(dir.path()).args(["--format", format]).args(select));
        no_control_bytes(&out);
        assert!(out.lines().count() >= 5, "{out}");
    }
    // JSON stays exact: the text of the finding is the escape character.
    let (_, json, _) = run(artlint(dir.path()).args(["--format", "json"]).args(select));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["files"][0]["diagnostics"][0]["text"], "\u{1b}");
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\u{1b}[2J.txt";
    std::fs::write(dir.path().join(name), "It was the the end.\n").unwrap();
    let (_, out, _) = run(artlint(dir.path()).args(["--format", "concise", "-q", name]));
    assert_eq!(
        out,
        "evil\\u{1b}[2J.txt:1:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
    let (_, human, _) = run(artlint(dir.path()).arg(name));
    no_control_bytes(&human);
    assert!(human.contains("┌─ evil\\u{1b}[2J.txt:1:12"), "{human}");
    // A note on stderr names the file escaped too.
    let binary = "bin\u{7}\u{1b}]0;x.txt";
    std::fs::write(dir.path().join(binary), b"a\0b").unwrap();
    let (_, _, err) = run(artlint(dir.path()).arg(binary));
    no_control_bytes(&err);
    assert!(err.contains("bin\\u{7}\\u{1b}]0;x.txt"), "{err}");
}
