//! Configuration, suppressions, baselines and fixes, end to end.

mod common;

use common::{artlint_in, run, write};

const ARTICLE: &str = "Talks in Moscou went on. It was the the end.\nSource link\n";

#[test]
fn nearest_config_wins_and_overrides_apply_to_subfolders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "artlint.toml",
        "ignore = [\"repetition/*\"]\n[[overrides]]\npaths = [\"archive\"]\nignore = [\"scrape/*\"]\n",
    );
    write(root, "news/a.txt", ARTICLE);
    write(root, "archive/a.txt", ARTICLE);
    write(root, "blog/.artlint.toml", "select = [\"repetition/*\"]\n");
    write(root, "blog/a.txt", ARTICLE);
    let (code, out, _) = run(artlint_in(root).args(["check", "--format", "concise", "-q", "."]));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "./archive/a.txt:1:10: warning[names/place-exonym] [*] 'Moscou' is a foreign form of 'Moscow'\n\
         ./blog/a.txt:1:37: warning[repetition/word] [*] 'the' is repeated\n\
         ./news/a.txt:1:10: warning[names/place-exonym] [*] 'Moscou' is a foreign form of 'Moscow'\n\
         ./news/a.txt:2:1: warning[scrape/boilerplate-line] [*] template boilerplate line 'Source link'\n"
    );
    // --isolated ignores every config; --config uses one for all.
    let (_, out, _) = run(artlint_in(root).args([
        "check",
        "--isolated",
        "--format",
        "concise",
        "-q",
        "blog/a.txt",
    ]));
    assert_eq!(out.lines().count(), 3, "{out}");
    let (_, out, _) = run(artlint_in(root).args([
        "check",
        "--config",
        "blog/.artlint.toml",
        "--format",
        "concise",
        "-q",
        "news/a.txt",
    ]));
    assert_eq!(
        out,
        "news/a.txt:1:37: warning[repetition/word] [*] 'the' is repeated\n"
    );
}

#[test]
fn config_keys_severity_fail_on_exclude_vocabulary_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "artlint.toml",
        "fail-on = \"error\"\nexclude = [\"drafts\"]\naccept = [\"Moscou\"]\nreject = [\"utilize\"]\nnames = [\"Jane Doemore\"]\n[severity]\n\"scrape/*\" = \"info\"\n",
    );
    write(
        root,
        "a.txt",
        "Talks in Moscou. We utilize it. Jane Doemere spoke.\nSource link\n",
    );
    write(root, "drafts/b.txt", "the the\n");
    let (code, out, _) = run(artlint_in(root).args(["check", "--format", "concise", "-q", "."]));
    assert_eq!(code, 0, "fail-on = error: warnings do not fail");
    assert_eq!(
        out,
        "./a.txt:1:21: warning[vocab/reject] 'utilize' is on the project's reject list\n\
         ./a.txt:1:38: warning[names/misspelled] 'Doemere' looks like a misspelling of 'Doemore' (Jane Doemore)\n\
         ./a.txt:2:1: info[scrape/boilerplate-line] [*] template boilerplate line 'Source link'\n"
    );
    // The command line wins over the file.
    let (code, _, _) = run(artlint_in(root).args(["check", "--fail-on", "warning", "-q", "a.txt"]));
    assert_eq!(code, 1);
    // An excluded file named explicitly is still linted.
    let (code, _, _) =
        run(artlint_in(root).args(["check", "-q", "--fail-on", "warning", "drafts/b.txt"]));
    assert_eq!(code, 1);
}

#[test]
fn accepted_word_does_not_hide_a_misspelling_containing_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "artlint.toml", "accept = [\"Jomart\"]\n");
    write(
        dir.path(),
        "a.txt",
        "Kassym-Jopart Tokayev and Kassym-Jomart Tokayev met.\n",
    );
    let (_, out, _) =
        run(artlint_in(dir.path()).args(["check", "--format", "concise", "-q", "a.txt"]));
    assert_eq!(
        out,
        "a.txt:1:8: warning[names/misspelled] 'Jopart' looks like a misspelling of 'Jomart' (Kassym-Jomart Tokayev)\n"
    );
}

#[test]
fn unknown_config_key_is_an_error_with_position() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "artlint.toml",
        "select = [\"scrape/*\"]\nfail_on = \"error\"\n",
    );
    write(dir.path(), "a.txt", "text\n");
    let (code, _, err) = run(artlint_in(dir.path()).args(["check", "--color", "never", "a.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `fail_on`"), "{err}");
    assert!(err.contains("artlint.toml:2:1"), "{err}");
}

#[test]
fn config_and_init_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(artlint_in(dir.path()).arg("init"));
    assert_eq!((code, out.as_str()), (0, "wrote artlint.toml\n"));
    assert_eq!(
        run(artlint_in(dir.path()).arg("init")).0,
        2,
        "never overwrites"
    );
    std::fs::write(
        dir.path().join("artlint.toml"),
        "ignore = [\"quality/*\"]\n[severity]\n\"names/*\" = \"error\"\n",
    )
    .unwrap();
    let (code, out, _) = run(artlint_in(dir.path()).args(["config", "a.txt"]));
    assert_eq!(code, 0);
    assert!(out.ends_with("ignore = [\"quality/*\"]\nfail-on = \"warning\"\n\n[severity]\n\"names/*\" = \"error\"\n"), "{out}");
}

/// What `artlint config` prints loads again as an artlint.toml and means the
/// same: printing it again gives the same text, and `check` finds the same.
#[test]
fn config_output_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "house/h.toml",
        "[[rule]]\nid = \"house/banned\"\nkind = \"existence\"\nmessage = \"banned '{match}'\"\n\
         tokens = [\"synergy\"]\n",
    );
    write(dir.path(), "names.txt", "Jomart Tokayev\n");
    write(
        dir.path(),
        "artlint.toml",
        "rule-dirs = [\"house\"]\nnames-files = [\"names.txt\"]\nexclude = [\"build/\"]\n\
         ignore = [\"quality/*\"]\nreject = [\"utilize\"]\naccept = [\"Tokaev\"]\n\
         [severity]\n\"repetition/*\" = \"error\"\n\
         [[overrides]]\npaths = [\"drafts/**\"]\nignore = [\"scrape/*\"]\n",
    );
    write(
        dir.path(),
        "a.txt",
        "We utilize synergy. The the end. Source link\n",
    );
    write(dir.path(), "build/b.txt", "The the end.\n");
    let lint = || run(artlint_in(dir.path()).args(["check", "--format", "concise", "."]));
    let before = lint();
    assert_eq!(before.0, 1);
    assert!(before.1.contains("house/banned") && before.1.contains("vocab/reject"));
    assert!(!before.1.contains("build/"), "{}", before.1);
    let (code, printed, err) = run(artlint_in(dir.path()).args(["config", "a.txt"]));
    assert_eq!(code, 0, "{err}");
    let body: String = printed
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    write(dir.path(), "artlint.toml", &body);
    let (code, again, err) = run(artlint_in(dir.path()).args(["config", "a.txt"]));
    assert_eq!(code, 0, "the printed configuration loads: {err}");
    assert_eq!(again, printed);
    assert_eq!(lint(), before);
}

/// `rules`, `rule` and `test-rules` see the configuration `check` sees:
/// its rule-dirs, selection, severities and `vocab/reject`.
#[test]
fn rule_subcommands_see_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "house/h.toml",
        "[[rule]]\nid = \"house/banned\"\nkind = \"existence\"\nmessage = \"banned '{match}'\"\n\
         tokens = [\"synergy\"]\n[[rule.test]]\ntext = \"More synergy.\"\nexpect = [\"synergy\"]\n",
    );
    write(
        dir.path(),
        "artlint.toml",
        "rule-dirs = [\"house\"]\nignore = [\"quality/*\"]\nreject = [\"utilize\"]\n\
         [severity]\n\"repetition/word\" = \"error\"\n",
    );
    let (code, rules, _) = run(artlint_in(dir.path()).arg("rules"));
    assert_eq!(code, 0);
    let ids: Vec<&str> = rules
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert!(ids.contains(&"house/banned") && ids.contains(&"vocab/reject"));
    assert!(!ids.iter().any(|id| id.starts_with("quality/")));
    assert!(
        rules
            .lines()
            .any(|l| l.starts_with("repetition/word") && l.contains(" error ")),
        "{rules}"
    );
    let (code, shown, _) = run(artlint_in(dir.path()).args(["rule", "house/banned"]));
    assert_eq!(code, 0);
    assert!(
        shown.starts_with("house/banned\nkind: existence"),
        "{shown}"
    );
    let (code, shown, _) = run(artlint_in(dir.path()).args(["rule", "quality/stop-words"]));
    assert_eq!(code, 0);
    assert!(
        shown.contains("\nnot in effect here: not selected by the configuration"),
        "{shown}"
    );
    let (code, _, err) = run(artlint_in(dir.path()).args(["rule", "huose/banned"]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "artlint: error: no rule `huose/banned`; did you mean `house/banned`?\n"
        )
    );
    let (code, tested, _) = run(artlint_in(dir.path()).arg("test-rules"));
    assert_eq!(code, 0);
    let (_, isolated, _) = run(artlint_in(dir.path()).args(["test-rules", "--isolated"]));
    assert_ne!(
        tested, isolated,
        "the house rule is tested, quality/* is not"
    );
    // A failing example of the configured pack fails the run.
    write(
        dir.path(),
        "house/h.toml",
        "[[rule]]\nid = \"house/banned\"\nkind = \"existence\"\nmessage = \"m\"\n\
         tokens = [\"synergy\"]\n[[rule.test]]\ntext = \"More synergy.\"\nexpect = []\n",
    );
    let (code, tested, _) = run(artlint_in(dir.path()).arg("test-rules"));
    assert_eq!(code, 1);
    assert!(
        tested.starts_with("FAIL house/banned example 1"),
        "{tested}"
    );
}

#[test]
fn suppression_directives() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- artlint-disable-next-line repetition/word -->\nIt was the the end.\n\n<!-- artlint-disable scrape/* -->\nSource link\n<!-- artlint-enable scrape/* -->\nAnd the the end.\n\n<!-- artlint-disable-next-line names/* -->\nNothing here.\n",
    );
    let (_, out, _) = run(artlint_in(dir.path()).args([
        "check",
        "--isolated",
        "--format",
        "concise",
        "-q",
        "a.md",
    ]));
    assert_eq!(
        out,
        "a.md:7:9: warning[repetition/word] 'the' is repeated\n\
         a.md:9:1: info[suppression/unused] suppression comment '<!-- artlint-disable-next-line names/* -->' suppresses nothing\n"
    );
}

#[test]
fn baseline_survives_edits_above_and_new_findings_still_fail() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", "Intro.\n\nIt was the the end.\n");
    let (code, _, err) = run(artlint_in(root).args([
        "check",
        "--isolated",
        "--write-baseline",
        "baseline.json",
        "a.txt",
    ]));
    assert_eq!(code, 0, "{err}");
    let baseline = std::fs::read_to_string(root.join("baseline.json")).unwrap();
    assert!(baseline.starts_with("{\n  \"version\": 2,\n  \"findings\": [\n    {\n      \"path\": \"a.txt\",\n      \"rule\": \"repetition/word\",\n"), "{baseline}");
    // Edit above the finding: still hidden.
    write(
        root,
        "a.txt",
        "A much longer intro.\n\nAnother paragraph.\n\nIt was the the end.\n",
    );
    let (code, out, _) = run(artlint_in(root).args([
        "check",
        "--isolated",
        "--baseline",
        "baseline.json",
        "--format",
        "concise",
        "a.txt",
    ]));
    assert_eq!((code, out.as_str()), (0, "No problems found in 1 file.\n"));
    // A new finding fails.
    write(
        root,
        "a.txt",
        "A much longer intro.\n\nIt was the the end.\nThen a a new one.\n",
    );
    let (code, out, _) = run(artlint_in(root).args([
        "check",
        "--isolated",
        "--baseline",
        "baseline.json",
        "--format",
        "concise",
        "-q",
        "a.txt",
    ]));
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "a.txt:4:8: warning[repetition/word] [*] 'a' is repeated\n"
        )
    );
}

#[test]
fn fix_diff_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", ARTICLE);
    let (code, out, _) = run(artlint_in(root).args(["check", "--isolated", "--diff", "a.txt"]));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1 @@\n-Talks in Moscou went on. It was the the end.\n-Source link\n+Talks in Moscow went on. It was the end.\n"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("a.txt")).unwrap(),
        ARTICLE,
        "--diff writes nothing"
    );
    let (code, _, err) = run(artlint_in(root).args(["check", "--isolated", "--fix", "a.txt"]));
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "artlint: fixed 3 problem(s) in 1 file(s); 0 remaining\n"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("a.txt")).unwrap(),
        "Talks in Moscow went on. It was the end.\n"
    );
    let (code, out, _) = run(artlint_in(root)
        .args(["check", "--isolated", "--fix", "-"])
        .write_stdin("It was the the end.\n"));
    assert_eq!((code, out.as_str()), (0, "It was the end.\n"));
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_never_writes_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", ARTICLE);
    std::fs::set_permissions(root.join("a.txt"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run(artlint_in(root).args(["check", "--isolated", "--fix", "a.txt"]));
    assert_eq!(
        std::fs::metadata(root.join("a.txt"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o640
    );

    write(root, "b.txt", ARTICLE);
    std::fs::set_permissions(root.join("b.txt"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run(artlint_in(root).args(["check", "--isolated", "--fix", "b.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("b.txt: file is read-only, fixes not written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("b.txt")).unwrap(),
        ARTICLE
    );
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".artlint-")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn fix_is_idempotent_on_the_seed_article() {
    let dir = tempfile::tempdir().unwrap();
    let seed = include_str!("../fixtures/seed-article.txt");
    write(dir.path(), "seed.txt", seed);
    let (code, _, err) =
        run(artlint_in(dir.path()).args(["check", "--isolated", "--fix", "seed.txt"]));
    assert_eq!(code, 1, "unsafe-fixable findings remain: {err}");
    let once = std::fs::read_to_string(dir.path().join("seed.txt")).unwrap();
    assert_ne!(once, seed);
    assert!(
        !once.contains("Source link") && !once.contains("CSTO ."),
        "safe fixes applied"
    );
    let (_, out, _) =
        run(artlint_in(dir.path()).args(["check", "--isolated", "--format", "json", "seed.txt"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let safe_left = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fix"]["applicability"] == "safe")
        .count();
    assert_eq!(safe_left, 0, "no safe-fixable finding after --fix");
    run(artlint_in(dir.path()).args(["check", "--isolated", "--fix", "seed.txt"]));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("seed.txt")).unwrap(),
        once,
        "a second --fix changes nothing"
    );
}

/// SARIF lists the rules of every configuration that linted a file, not only
/// the first one's: a result never points at a rule missing from the driver.
#[test]
fn sarif_lists_the_rules_of_every_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "news/.artlint.toml",
        "select = [\"names/place-exonym\"]\n",
    );
    write(root, "news/a.txt", ARTICLE);
    write(
        root,
        "blog/.artlint.toml",
        "select = [\"repetition/word\"]\n",
    );
    write(root, "blog/b.txt", ARTICLE);
    let (code, out, err) =
        run(artlint_in(root).args(["check", "--format", "sarif", "blog", "news"]));
    assert_eq!(code, 1, "{err}");
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &sarif["runs"][0];
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["repetition/word", "names/place-exonym"]);
    let results: Vec<(&str, u64)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["ruleIndex"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(results, [("repetition/word", 0), ("names/place-exonym", 1)]);
}
