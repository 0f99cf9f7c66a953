//! The `artlint` binary end to end: exit codes, inputs, output formats.

mod common;

use std::path::Path;

use common::{artlint, stdout_of};

#[test]
fn human_output_for_the_seed_article() {
    let out = stdout_of(artlint().args(["check", "--color", "never", "fixtures/seed-article.txt"]));
    insta::assert_snapshot!("human_seed", out);
}

#[test]
fn json_output_for_the_seed_article() {
    let out = stdout_of(artlint().args(["check", "--format", "json", "fixtures/seed-article.txt"]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    insta::assert_snapshot!("json_seed", serde_json::to_string_pretty(&value).unwrap());
}

#[test]
fn outputs_for_a_scraped_post() {
    for format in ["human", "json", "json-lines", "concise"] {
        let out = stdout_of(artlint().args([
            "--format",
            format,
            "--color",
            "never",
            "fixtures/scraped-post.txt",
        ]));
        insta::assert_snapshot!(format!("scraped_post_{format}"), out);
    }
}

#[test]
fn exit_codes() {
    artlint()
        .args(["check", "fixtures/clean-article.txt"])
        .assert()
        .code(0);
    artlint()
        .args(["check", "fixtures/scraped-post.txt"])
        .assert()
        .code(1);
    artlint()
        .args(["check", "--fail-on", "error", "fixtures/scraped-post.txt"])
        .assert()
        .code(0);
    artlint()
        .args(["check", "--fail-on", "never", "fixtures/scraped-post.txt"])
        .assert()
        .code(0);
    artlint()
        .args(["check", "--format", "nope", "fixtures/clean-article.txt"])
        .assert()
        .code(2);
    artlint()
        .args(["check", "--select", "[", "fixtures/clean-article.txt"])
        .assert()
        .code(2);
}

#[test]
fn implicit_check_subcommand() {
    artlint()
        .args(["fixtures/scraped-post.txt", "-q"])
        .assert()
        .code(1);
    artlint()
        .args(["--format", "json", "fixtures/clean-article.txt"])
        .assert()
        .code(0);
}

#[test]
fn select_and_ignore_rules() {
    let out = stdout_of(artlint().args([
        "--format",
        "concise",
        "-q",
        "--select",
        "scrape/*",
        "fixtures/scraped-post.txt",
    ]));
    assert!(out.lines().all(|l| l.contains("[scrape/")), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
    let out = stdout_of(artlint().args([
        "--format",
        "concise",
        "-q",
        "--ignore",
        "scrape/*",
        "fixtures/scraped-post.txt",
    ]));
    assert!(!out.contains("[scrape/"), "{out}");
}

#[test]
fn stdin_with_a_name() {
    let out = stdout_of(
        artlint()
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                "post.txt",
                "-",
            ])
            .write_stdin("It was the the end.\n"),
    );
    assert_eq!(
        out,
        "post.txt:1:12: warning[repetition/word] [*] 'the' is repeated\nFound 1 problem (0 errors, 1 warning, 0 infos) in 1 file.\n"
    );
}

#[test]
fn broken_rule_file_renders_a_compiler_style_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.toml"), "[[rule]]\nid = \"my/rule\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"x\"]\ncolour = \"red\"\n").unwrap();
    let output = artlint()
        .arg("check")
        .arg("--rules")
        .arg(dir.path())
        .arg("fixtures/clean-article.txt")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!("broken_rule_file", stderr);
}

#[test]
fn missing_file_is_reported_and_others_still_linted() {
    let output = artlint()
        .args([
            "check",
            "--format",
            "concise",
            "no/such/file.txt",
            "fixtures/scraped-post.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "artlint: error: no/such/file.txt: no such file or directory\n"
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("scraped-post.txt:1:1")
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "text").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("note: running as root, permissions are not enforced; skipping");
        return;
    }
    let output = artlint().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .ends_with("secret.txt: permission denied\n")
    );
}

#[test]
fn binary_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blob"), b"the the\0\x01\x02").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "fine text\n").unwrap();
    // Walked: skipped silently.
    let output = artlint().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
    // Named: skipped with a note.
    let output = artlint()
        .arg("check")
        .arg(dir.path().join("blob"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("blob: skipped, looks binary (NUL byte at offset 7)")
    );
}

#[test]
fn invalid_utf8_is_linted_lossily_and_reported() {
    let output = artlint()
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "latin1.txt",
            "-",
        ])
        .write_stdin(b"caf\xe9 and the the end\n".to_vec())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "latin1.txt:1:4: error[encoding/invalid-utf8] invalid UTF-8 (first bad byte 0xE9); the file was read with replacement characters\n\
         latin1.txt:1:14: warning[repetition/word] [*] 'the' is repeated\n\
         Found 2 problems (1 error, 1 warning, 0 infos) in 1 file.\n"
    );
}

#[test]
fn directories_are_walked_by_extension_and_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.md"), "the the\n").unwrap();
    std::fs::write(root.join("b.rs"), "the the\n").unwrap();
    std::fs::write(root.join("ignored.txt"), "the the\n").unwrap();
    std::fs::write(root.join(".gitignore"), "ignored.txt\n").unwrap();
    std::fs::write(root.join("README"), "the the\n").unwrap();
    let out = stdout_of(artlint().args(["--format", "concise", "-q"]).arg(root));
    let mut files: Vec<&str> = out
        .lines()
        .map(|l| {
            Path::new(l.split(':').next().unwrap())
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
        })
        .collect();
    files.sort();
    // An extension-less file (README, LICENSE, Makefile) is not walked.
    assert_eq!(files, ["a.md"]);
}

/// `--files` lists what a run would lint; the walk, the excludes and the
/// includes follow ruff's and ripgrep's flags and the configuration.
#[test]
fn file_selection_flags_and_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("a.txt", "x"),
        ("LICENSE", "x"),
        ("Makefile", "x"),
        ("data.csv", "x"),
        ("docs/guide.rst", "x"),
        ("docs/guide.adoc", "x"),
        ("docs/page.mdx", "x"),
        ("docs/page.xhtml", "x"),
        ("build/out.txt", "x"),
        ("sub/build/deep.txt", "x"),
        (".hidden/h.txt", "x"),
        ("ignored.txt", "x"),
        (".gitignore", "ignored.txt\n"),
        ("articles/12345", "x"),
        (".git/notes.txt", "x"),
    ] {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    // `check --files ARGS`, sorted, without the walk's `./`.
    let listed = |args: &[&str]| -> Vec<String> {
        let out = artlint()
            .current_dir(root)
            .args(["check", "--files"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let mut files: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.trim_start_matches("./").to_string())
            .collect();
        files.sort();
        files
    };
    let files = |args: &[&str]| listed(&[&["--isolated"], args].concat());
    assert_eq!(
        files(&[]),
        [
            "a.txt",
            "build/out.txt",
            "docs/guide.adoc",
            "docs/guide.rst",
            "docs/page.mdx",
            "docs/page.xhtml",
            "sub/build/deep.txt"
        ]
    );
    assert_eq!(
        files(&[
            "--extend-exclude",
            "build,docs/*.rst",
            "--extend-include",
            "articles/*"
        ]),
        [
            "a.txt",
            "articles/12345",
            "docs/guide.adoc",
            "docs/page.mdx",
            "docs/page.xhtml"
        ]
    );
    assert_eq!(
        files(&["--hidden", "--no-ignore", "--exclude", "docs,build"]),
        [".hidden/h.txt", "a.txt", "ignored.txt"]
    );
    // A named file is linted unless --force-exclude.
    assert_eq!(
        files(&["--exclude", "build", "build/out.txt"]),
        ["build/out.txt"]
    );
    assert!(files(&["--exclude", "build", "--force-exclude", "build/out.txt"]).is_empty());
    assert_eq!(files(&["LICENSE"]), ["LICENSE"]);
    // The configuration's keys; --exclude replaces its `exclude`.
    std::fs::write(
        root.join("artlint.toml"),
        "exclude = [\"docs/\"]\nextend-include = [\"articles/*\"]\n",
    )
    .unwrap();
    assert_eq!(
        listed(&[]),
        [
            "a.txt",
            "articles/12345",
            "build/out.txt",
            "sub/build/deep.txt"
        ]
    );
    assert_eq!(
        listed(&["--exclude", "build"]),
        [
            "a.txt",
            "articles/12345",
            "docs/guide.adoc",
            "docs/guide.rst",
            "docs/page.mdx",
            "docs/page.xhtml"
        ]
    );
    // A bad glob is an error naming its flag.
    let out = artlint()
        .current_dir(root)
        .args(["check", "--isolated", "--exclude", "a[", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("artlint: error: --exclude: error parsing glob 'a['"),
    );
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let one = stdout_of(
        artlint()
            .env("RAYON_NUM_THREADS", "1")
            .args(["--format", "json", "fixtures"]),
    );
    let many = stdout_of(
        artlint()
            .env("RAYON_NUM_THREADS", "8")
            .args(["--format", "json", "fixtures"]),
    );
    assert_eq!(one, many);
}

#[test]
fn rules_rule_and_test_rules_subcommands() {
    let out = stdout_of(artlint().arg("rules"));
    assert!(
        out.lines()
            .any(|l| l.starts_with("scrape/boilerplate-line") && l.contains("boilerplate")),
        "{out}"
    );
    let out = stdout_of(artlint().args(["rule", "repetition/word"]));
    assert!(
        out.starts_with("repetition/word\nkind: repetition  severity: warning"),
        "{out}"
    );
    artlint().args(["rule", "no/such"]).assert().code(2);
    let out = stdout_of(artlint().arg("test-rules"));
    assert!(out.trim_end().ends_with(", 0 failed"), "{out}");
}

#[test]
fn test_rules_reports_failures_of_a_user_pack() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.toml"),
        "[[rule]]\nid = \"my/foo\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"foo\"]\n[[rule.test]]\ntext = \"a foo\"\nexpect = []\n",
    )
    .unwrap();
    let output = artlint()
        .arg("test-rules")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "FAIL my/foo example 1: \"a foo\"\n     expected [], found [\"foo\" at 2..5]\n1 rules, 1 examples, 1 failed\n"
    );
}

#[test]
fn thread_count_changes_nothing_but_speed() {
    let run = |threads: &str| {
        stdout_of(artlint().args(["check", "-j", threads, "--format", "concise", "fixtures"]))
    };
    let one = run("1");
    assert!(one.lines().count() > 10, "{one}");
    assert_eq!(one, run("3"));
    artlint()
        .args(["check", "-j", "0", "fixtures/clean-article.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value '0' for '--threads <N>'",
        ));
}

#[test]
fn a_run_that_lints_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    artlint()
        .current_dir(dir.path())
        .args(["check", "--isolated", "."])
        .assert()
        .code(0)
        .stdout("No files linted.\n");
    artlint()
        .current_dir(dir.path())
        .args(["check", "--isolated", "nosuch.txt"])
        .assert()
        .code(2)
        .stdout("No files linted.\n")
        .stderr("artlint: error: nosuch.txt: no such file or directory\n");
}

/// `--statistics` prints counts instead of findings (ruff's), fixable rules
/// marked; concise output marks what `--fix` repairs and colours on request.
#[test]
fn statistics_and_concise_marks() {
    let out = artlint()
        .args([
            "check",
            "--isolated",
            "--statistics",
            "fixtures/scraped-post.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings still fail the run");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "    3  warning  [*]  scrape/boilerplate-line\n\
         \x20   1  warning  [*]  punctuation/space-before\n\
         \x20   1  warning  [*]  repetition/word\n\
         \x20   5  total  (5 fixable with --fix)\n"
    );
    let json = stdout_of(artlint().args([
        "check",
        "--isolated",
        "--statistics",
        "--format",
        "json",
        "fixtures/scraped-post.txt",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        rows[0],
        serde_json::json!({"rule": "scrape/boilerplate-line", "severity": "warning",
            "count": 3, "fixable": 3, "unsafe_fixable": 0})
    );
    // Unsafe fixes are not [*]: a doubled word in Markdown is one.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "It was the the end.\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "It was the the end.\n").unwrap();
    let out = artlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "-q",
            "a.md",
            "a.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.md:1:12: warning[repetition/word] 'the' is repeated\n\
         a.txt:1:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
    let out = artlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "-q",
            "--color",
            "always",
            "a.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "\x1b[1ma.txt:1:12:\x1b[0m \x1b[1;38;5;11mwarning[repetition/word]\x1b[0m [*] 'the' is repeated\n"
    );
}

/// Every option of `artlint check --help` is in the README's tables.
#[test]
fn readme_lists_every_check_option() {
    let help = stdout_of(artlint().args(["check", "--help"]));
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let options: Vec<&str> = help
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix("-j, ")
                .or(l.strip_prefix("-q, "))
                .unwrap_or(l);
            let flag = l.strip_prefix("--")?;
            Some(&l[..2 + flag.find([' ', '=', '<']).unwrap_or(flag.len())])
        })
        .filter(|flag| *flag != "--help")
        .collect();
    assert!(options.len() > 30, "{options:?}");
    let missing: Vec<&&str> = options
        .iter()
        .filter(|flag| !readme.contains(&format!("`{flag}")))
        .collect();
    assert!(missing.is_empty(), "not in README.md: {missing:?}");
}
