//! The CLI is a front end of the library: it reads a file's format from the
//! library's extension table, lints with `artlint::lint_as` and fixes with
//! `artlint::fix_until_stable`, so what a language server or the Python
//! module gets from the library is what `artlint check` reports and writes.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use artlint::{Applicability, Format, RuleSet, builtin_pack, fix_as, lint_as, load_pack};
use common::{artlint_in, run};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::new(load_pack(&builtin_pack()).expect("built-in pack")))
}

/// The fixtures, and Markdown and HTML documents with prose, markup, code
/// and every kind of fix.
fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut docs: Vec<(String, String)> = ["seed-article.txt", "scraped-post.txt"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(root.join(name)).expect("fixture");
            (name.to_string(), text)
        })
        .collect();
    let seed = &docs[0].1;
    let markdown = format!(
        "# Talks\n\nVladimir Poutine met **the the** press , `the the` said.\n\n{seed}\n```\nSource link\n```\n"
    );
    let html = format!(
        "<html><body><h1>Talks</h1><p>Vladimir <b>Poutine</b> met the the press .</p>\
         <pre>{seed}</pre><p>{}</p><script>the the</script></body></html>\n",
        seed.replace('&', "&amp;").replace('<', "&lt;")
    );
    docs.push(("post.md".to_string(), markdown.clone()));
    docs.push(("post.html".to_string(), html.clone()));
    docs.push(("post.xhtml".to_string(), html));
    docs
}

/// `--fix --unsafe-fixes -` writes what the library's fix loop gives, in
/// the format `--stdin-filename` names.
#[test]
fn fixing_stdin_is_the_library_fix_loop() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in documents() {
        let format = Format::for_path(Path::new(&name));
        let expected = fix_as(rules(), format, &name, &text, Applicability::Unsafe);
        assert!(expected.changed(&text), "{name}: nothing to fix");
        let out = artlint_in(dir.path())
            .args(["check", "--isolated", "--fix", "--unsafe-fixes", "-q"])
            .args(["--stdin-filename", &name, "-"])
            .write_stdin(text.clone())
            .output()
            .expect("runs");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            expected.text,
            "{name}"
        );
    }
}

/// The findings `artlint check --format json` reports for a file are the
/// library's `lint_as` in the file's format, span for span.
#[test]
fn reported_findings_are_the_library_lint() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in documents() {
        std::fs::write(dir.path().join(&name), &text).unwrap();
        let (code, out, err) =
            run(artlint_in(dir.path()).args(["check", "--isolated", "--format", "json", &name]));
        assert_eq!((code, err.as_str()), (1, ""), "{name}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let reported: Vec<(String, u64, u64)> = json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["span"]["start"].as_u64().unwrap(),
                    d["span"]["end"].as_u64().unwrap(),
                )
            })
            .collect();
        let format = Format::for_path(Path::new(&name));
        let linted: Vec<(String, u64, u64)> = lint_as(rules(), format, &name, &text)
            .into_iter()
            .map(|d| {
                (
                    d.rule.to_string(),
                    u64::from(d.span.start),
                    u64::from(d.span.end),
                )
            })
            .collect();
        assert!(!linted.is_empty(), "{name}");
        assert_eq!(reported, linted, "{name}");
    }
}

/// `.xhtml` is HTML everywhere: a folder walk lints it (it used to skip it)
/// and reads its text nodes, not its tags; an unknown extension is still
/// skipped by the walk.
#[test]
fn xhtml_files_are_walked_and_read_as_html() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<p class=\"the the\">Said <b>the</b> the man.</p>\n";
    std::fs::write(dir.path().join("a.xhtml"), page).unwrap();
    std::fs::write(dir.path().join("b.csv"), "the the\n").unwrap();
    let (code, out, err) =
        run(artlint_in(dir.path()).args(["check", "--isolated", "--format", "concise", "-q", "."]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "./a.xhtml:1:36: warning[repetition/word] 'the' is repeated\n",
            ""
        ),
        "a word deleted in HTML is an unsafe fix (no [*]); .csv is not walked"
    );
}
