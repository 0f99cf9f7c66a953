//! Hostile configuration, rule packs and `--fix` targets (issue 18, items 7,
//! 9, 11, 12 and the minor ones): each is refused with an error naming where
//! it comes from, or handled without changing what the user did not ask for.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{artlint, artlint_in, run};

/// `artlint check` in `dir`, concise output, configuration discovered.
fn check(dir: &Path) -> Command {
    let mut cmd = artlint_in(dir);
    cmd.args(["check", "--format", "concise"]);
    cmd
}

/// `artlint check` in `dir`, concise output, no configuration file.
fn check_isolated(dir: &Path) -> Command {
    let mut cmd = check(dir);
    cmd.arg("--isolated");
    cmd
}

const REPEATED: &str = "It was the the end.\n";
const FIXED: &str = "It was the end.\n";

// ---- item 7: `--fix` keeps the file's identity ----

#[cfg(unix)]
#[test]
fn fix_writes_through_a_symlink_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/a.txt"), REPEATED).unwrap();
    std::os::unix::fs::symlink("real/a.txt", dir.path().join("link.txt")).unwrap();
    let (code, _, err) = run(check_isolated(dir.path()).args(["--fix", "link.txt"]));
    assert_eq!(code, 0, "{err}");
    let link = dir.path().join("link.txt");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("real/a.txt"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real/a.txt")).unwrap(),
        FIXED
    );
    // No temporary file is left beside the link or the target.
    for folder in [dir.path().to_path_buf(), dir.path().join("real")] {
        let stray: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.starts_with(".artlint-").then_some(name)
            })
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
    }
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions; declared here to avoid a libc dependency.
    unsafe extern "C" {
        fn geteuid() -> u32;
    }
    unsafe { geteuid() == 0 }
}

#[cfg(unix)]
#[test]
fn fix_keeps_mode_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, REPEATED).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let root = running_as_root();
    if root {
        // Root fixing a user's file must leave it the user's.
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    } else {
        eprintln!("note: not running as root; the owner is not changed before --fix");
    }
    let before = std::fs::metadata(&path).unwrap();
    let (code, _, err) = run(check_isolated(dir.path()).args(["--fix", "a.txt"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    let after = std::fs::metadata(&path).unwrap();
    assert_ne!(after.ino(), before.ino(), "replaced by a rename");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if root {
        assert_eq!((after.uid(), after.gid()), (65534, 65534));
    }
}

/// A user who may write a file but cannot give a new file its owner (not
/// root, someone else's file) gets an error and an untouched file, rather
/// than a file that now belongs to them.
#[cfg(unix)]
#[test]
fn fix_that_cannot_keep_the_owner_is_refused() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if !running_as_root() {
        eprintln!("note: not running as root; cannot create another user's file, test skipped");
        return;
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    let works = setpriv.exists()
        && std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status()
            .is_ok_and(|s| s.success());
    if !works {
        eprintln!("note: running as root without a working setpriv; test skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, REPEATED).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let mut cmd = Command::new(setpriv);
    cmd.current_dir(dir.path())
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(common::artlint_path())
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "--fix",
            "a.txt",
        ]);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "artlint: error: a.txt: fixes not written: the new file cannot keep the owner and group 0:0"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), REPEATED);
    assert_eq!(std::fs::metadata(&path).unwrap().uid(), 0);
    let stray = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(stray, 1, "no temporary file is left");
}

#[cfg(unix)]
#[test]
fn fix_refuses_a_hard_linked_file_and_leaves_every_link() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, REPEATED).unwrap();
    std::fs::hard_link(&a, dir.path().join("b.txt")).unwrap();
    let (code, out, err) = run(check_isolated(dir.path()).args(["--fix", "a.txt"]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "artlint: error: a.txt: has 2 hard links, fixes not written (replacing the file would \
             split the links, writing it in place would not be atomic); `--diff` shows the changes\n"
        ),
        "{err}"
    );
    for name in ["a.txt", "b.txt"] {
        let path = dir.path().join(name);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), REPEATED);
        assert_eq!(std::fs::metadata(&path).unwrap().nlink(), 2);
    }
    // `--diff` still shows what the fix would be.
    let (code, out, _) = run(check_isolated(dir.path()).args(["--diff", "a.txt"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("-It was the the end.\n+It was the end.\n"),
        "{out}"
    );
}

// ---- item 9: selectors that match no rule; discovery stops at the repository ----

#[test]
fn a_config_selector_that_matches_no_rule_is_an_error_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), REPEATED).unwrap();
    std::fs::write(dir.path().join("artlint.toml"), "select = [\"nope/x\"]\n").unwrap();
    let (code, out, err) = run(check(dir.path()).arg("a.txt"));
    let err = err.replace(&dir.path().display().to_string(), "DIR");
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        "error: `nope/x` in `select` matches no rule\n  \
         ┌─ DIR/artlint.toml:1:11\n  \
         │\n\
         1 │ select = [\"nope/x\"]\n  \
         │           ^^^^^^^^\n  \
         │\n  \
         = `artlint rules` lists the rule ids\n\n\
         error: 1 problem(s) in the configuration\n"
    );

    // In an override, under `ignore` and `severity`, with a suggestion.
    std::fs::write(
        dir.path().join("artlint.toml"),
        "select = [\"repetition/*\"]\n[severity]\n\"repetiton/word\" = \"error\"\n\
         [[overrides]]\npaths = [\"other/**\"]\nignore = [\"names/exonim\"]\n",
    )
    .unwrap();
    let (code, _, err) = run(check(dir.path()).arg("a.txt"));
    let err = err.replace(&dir.path().display().to_string(), "DIR");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "error: `repetiton/word` in `severity` matches no rule\n  ┌─ DIR/artlint.toml:3:1\n"
        ),
        "{err}"
    );
    assert!(err.contains("= did you mean `repetition/word`?\n"), "{err}");
    assert!(
        err.contains(
            "error: `names/exonim` in `ignore` matches no rule\n  ┌─ DIR/artlint.toml:6:11\n"
        ),
        "{err}"
    );
    assert!(err.contains("= did you mean `names/exonym`?\n"), "{err}");
    assert!(
        err.ends_with("error: 2 problem(s) in the configuration\n"),
        "{err}"
    );

    // Selectors that match a rule are fine, `vocab/reject` included.
    std::fs::write(
        dir.path().join("artlint.toml"),
        "select = [\"repetition/*\", \"vocab/reject\"]\n[severity]\n\"repetition/word\" = \"error\"\n",
    )
    .unwrap();
    let (code, out, err) = run(check(dir.path()).args(["-q", "a.txt"]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "a.txt:1:12: error[repetition/word] [*] 'the' is repeated\n",
            ""
        )
    );
}

#[test]
fn a_command_line_selector_that_matches_no_rule_is_an_error_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), REPEATED).unwrap();
    let (code, out, err) = run(check_isolated(dir.path()).args(["--select", "nope/x", "a.txt"]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "artlint: error: `nope/x` in --select matches no rule; `artlint rules` lists the rule ids\n"
        )
    );
    let (code, _, err) = run(check_isolated(dir.path()).args([
        "--select",
        "repetition/*",
        "--ignore",
        "repetition/wrod,scrape/*",
        "a.txt",
    ]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "artlint: error: `repetition/wrod` in --ignore matches no rule; did you mean `repetition/word`?\n"
        )
    );
    let mut rules = artlint();
    let (code, _, err) = run(rules.args(["rules", "--select", "nope/*"]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "artlint: error: `nope/*` in --select matches no rule; `artlint rules` lists the rule ids\n"
        )
    );
}

#[test]
fn config_discovery_stops_at_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    // A stray configuration above the repository that switches linting off.
    std::fs::write(
        dir.path().join("artlint.toml"),
        "ignore = [\"repetition/*\"]\n",
    )
    .unwrap();
    for (folder, git_is_folder) in [("repo", true), ("worktree", false)] {
        let repo = dir.path().join(folder);
        std::fs::create_dir_all(repo.join("articles")).unwrap();
        if git_is_folder {
            std::fs::create_dir(repo.join(".git")).unwrap();
        } else {
            // A linked worktree or submodule has a `.git` file.
            std::fs::write(repo.join(".git"), "gitdir: ../elsewhere\n").unwrap();
        }
        std::fs::write(repo.join("articles/a.txt"), REPEATED).unwrap();
        let (code, out, err) = run(check(&repo).args(["-q", "articles/a.txt"]));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (
                1,
                "articles/a.txt:1:12: warning[repetition/word] [*] 'the' is repeated\n",
                ""
            ),
            "{folder}"
        );
    }
    // Outside a repository the nearest configuration above still applies.
    let plain = dir.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    std::fs::write(plain.join("a.txt"), REPEATED).unwrap();
    let (code, out, _) = run(check(&plain).args(["-q", "a.txt"]));
    assert_eq!((code, out.as_str()), (0, ""));
    // A configuration inside the repository, above the file, applies.
    std::fs::write(
        dir.path().join("repo/artlint.toml"),
        "ignore = [\"repetition/*\"]\n",
    )
    .unwrap();
    let (code, out, _) = run(check(&dir.path().join("repo")).args(["-q", "articles/a.txt"]));
    assert_eq!((code, out.as_str()), (0, ""));
}

// ---- item 11: rule pack folders ----

const RULE: &str = "[[rule]]\nid = \"house/banned\"\nkind = \"existence\"\nmessage = \"'{match}' is banned\"\ntokens = [\"synergy\"]\n";

#[test]
fn a_pack_folder_with_binary_and_hidden_files_loads_its_toml_rules() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    std::fs::create_dir_all(pack.join(".git")).unwrap();
    std::fs::create_dir_all(pack.join("data")).unwrap();
    std::fs::create_dir_all(pack.join("sub")).unwrap();
    std::fs::write(pack.join("house.toml"), RULE).unwrap();
    std::fs::write(
        pack.join("sub/names.toml"),
        "[[rule]]\nid = \"house/names\"\nkind = \"names\"\nmessage = \"'{match}' may be '{replacement}'\"\nnames-file = \"../data/names.txt\"\n",
    )
    .unwrap();
    std::fs::write(pack.join("data/names.txt"), "Kassym-Jomart Tokayev\n").unwrap();
    std::fs::write(pack.join(".git/index"), b"DIRC\x00\x00\x00\x02\xff\xfe").unwrap();
    std::fs::write(pack.join(".git/config.toml"), "not [valid toml").unwrap();
    std::fs::write(pack.join(".DS_Store"), b"\x00\x00\x00\x01Bud1\xff").unwrap();
    std::fs::write(pack.join("logo.png"), b"\x89PNG\r\n\x1a\n\xff\xd8").unwrap();
    std::fs::write(pack.join(".hidden.toml"), "not [valid toml").unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "More synergy, said Kassym-Jopart Tokayev.\n",
    )
    .unwrap();
    let (code, out, err) = run(check_isolated(dir.path()).args([
        "-q",
        "--no-default-rules",
        "--rules",
        "pack",
        "a.txt",
    ]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "a.txt:1:6: warning[house/banned] 'synergy' is banned\n\
             a.txt:1:27: warning[house/names] 'Jopart' may be 'Jomart'\n",
            ""
        )
    );
    // A hidden pack folder is fine when named.
    std::fs::rename(&pack, dir.path().join(".house")).unwrap();
    let (code, _, err) = run(check_isolated(dir.path()).args([
        "-q",
        "--no-default-rules",
        "--rules",
        ".house",
        "a.txt",
    ]));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_referenced_data_file_that_is_not_utf8_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(
        pack.join("names.toml"),
        "[[rule]]\nid = \"house/names\"\nkind = \"names\"\nmessage = \"m\"\nnames-file = \"names.txt\"\n",
    )
    .unwrap();
    std::fs::write(pack.join("names.txt"), b"Jos\xe9\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "x\n").unwrap();
    let (code, _, err) = run(check_isolated(dir.path()).args(["--rules", "pack", "a.txt"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "artlint: error: cannot read data file pack/names.txt: stream did not contain valid UTF-8\n"
    );
}

#[test]
fn rules_that_name_no_pack_folder_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), REPEATED).unwrap();
    std::fs::write(dir.path().join("house.rules"), RULE).unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/README.md"), "# House rules\n").unwrap();
    std::fs::write(
        dir.path().join("docs/Cargo.toml"),
        "[package]\nname = \"x\"\n",
    )
    .unwrap();
    for (arg, expected) in [
        (
            "house.rules",
            "artlint: error: rule pack house.rules is not a folder (a pack is a folder of .toml rule files)\n",
        ),
        (
            "empty",
            "artlint: error: rule pack empty holds no rules (no [[rule]] in a .toml file below it)\n",
        ),
        (
            "docs",
            "artlint: error: rule pack docs holds no rules (no [[rule]] in a .toml file below it)\n",
        ),
    ] {
        let (code, out, err) = run(check_isolated(dir.path()).args(["--rules", arg, "a.txt"]));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (2, "", expected),
            "{arg}"
        );
    }
    let (code, _, err) = run(check_isolated(dir.path()).args(["--rules", "missing", "a.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.starts_with("artlint: error: cannot read rule pack missing: No such file"),
        "{err}"
    );
    let mut test_rules = artlint();
    let (code, _, err) = run(test_rules
        .current_dir(dir.path())
        .args(["test-rules", "empty"]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "artlint: error: rule pack empty holds no rules (no [[rule]] in a .toml file below it)\n"
        )
    );
}

// ---- item 12: empty vocabulary entries ----

#[test]
fn empty_reject_accept_and_names_entries_are_errors_at_their_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Plain text.\n").unwrap();
    for (config, position, key) in [
        ("reject = [\"\"]\n", "1:11", "reject"),
        ("reject = [\"utilise\", \" \"]\n", "1:22", "reject"),
        ("accept = [\"\\t\"]\n", "1:11", "accept"),
        (
            "[[overrides]]\npaths = [\"x\"]\nnames = [\"Jane Doe\", \"\"]\n",
            "3:22",
            "names",
        ),
    ] {
        std::fs::write(dir.path().join("artlint.toml"), config).unwrap();
        let (code, out, err) = run(check(dir.path()).arg("a.txt"));
        let err = err.replace(&dir.path().display().to_string(), "DIR");
        assert_eq!((code, out.as_str()), (2, ""), "{config}");
        assert!(
            err.starts_with(&format!(
                "error: `{key}` has an empty or whitespace-only entry\n  ┌─ DIR/artlint.toml:{position}\n"
            )),
            "{config}: {err}"
        );
    }
    std::fs::write(dir.path().join("artlint.toml"), "reject = [\"text\"]\n").unwrap();
    let (code, out, _) = run(check(dir.path()).args(["-q", "a.txt"]));
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "a.txt:1:7: warning[vocab/reject] 'text' is on the project's reject list\n"
        )
    );
}

// ---- minor items ----

#[test]
fn a_suppression_for_a_rule_that_did_not_run_is_not_unused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "<!-- artlint-disable-next-line repetition/word -->\nIt was the the end.\n",
    )
    .unwrap();
    let (code, out, err) =
        run(check_isolated(dir.path()).args(["-q", "--ignore", "repetition/word", "a.md"]));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    // Also when the rule is not selected (suppression/unused itself is).
    let (code, out, _) =
        run(check_isolated(dir.path()).args(["-q", "--select", "suppression/*,scrape/*", "a.md"]));
    assert_eq!((code, out.as_str()), (0, ""));
    // A directive for a rule that ran and found nothing is still unused.
    std::fs::write(
        dir.path().join("b.md"),
        "<!-- artlint-disable-next-line repetition/word -->\nIt was the end.\n",
    )
    .unwrap();
    let (_, out, _) =
        run(check_isolated(dir.path()).args(["-q", "--ignore", "names/*", "a.md", "b.md"]));
    assert_eq!(
        out,
        "b.md:1:1: info[suppression/unused] suppression comment '<!-- artlint-disable-next-line repetition/word -->' suppresses nothing\n"
    );
    // A name that is not a valid glob can never suppress anything.
    std::fs::write(
        dir.path().join("c.md"),
        "<!-- artlint-disable-next-line repetition/[ -->\nIt was the end.\n",
    )
    .unwrap();
    let (_, out, _) = run(check_isolated(dir.path()).args(["-q", "c.md"]));
    assert_eq!(
        out,
        "c.md:1:1: info[suppression/unused] suppression comment '<!-- artlint-disable-next-line repetition/[ -->' suppresses nothing\n"
    );
}

/// A suppression comment naming no rule of the pack is a warning with the
/// closest id; one naming a rule that exists but is not selected is not.
#[test]
fn a_suppression_naming_no_rule_is_reported_with_the_closest_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "<!-- artlint-disable-next-line nmaes/exonym, repetition/word -->\nIt was the the end.\n\
         <!-- artlint-disable zzzz/* -->\nPlain.\n",
    )
    .unwrap();
    let (code, out, _) = run(check_isolated(dir.path()).args(["-q", "a.md"]));
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "a.md:1:1: warning[suppression/unknown-rule] suppression comment names 'nmaes/exonym', which matches no rule; did you mean `names/exonym`?\n\
             a.md:3:1: warning[suppression/unknown-rule] suppression comment names 'zzzz/*', which matches no rule; `artlint rules` lists the rule ids\n"
        )
    );
    // Not selected is not unknown, and the check itself can be ignored.
    std::fs::write(
        dir.path().join("b.md"),
        "<!-- artlint-disable-next-line repetition/word -->\nIt was the the end.\n",
    )
    .unwrap();
    let (code, out, _) =
        run(check_isolated(dir.path()).args(["-q", "--select", "suppression/*", "b.md"]));
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = run(check_isolated(dir.path()).args([
        "-q",
        "--ignore",
        "suppression/unknown-rule",
        "a.md",
    ]));
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn a_pack_whose_regexes_are_too_large_together_is_an_error_at_the_crossing_rule() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("big");
    std::fs::create_dir(&pack).unwrap();
    // Each pattern compiles to about 1.4 MB, under the 2 MiB limit of one
    // pattern; the 24th crosses the 32 MiB limit of all of them together.
    let rules: String = (0..30)
        .map(|i| {
            format!(
                "[[rule]]\nid = \"big/r{i}\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [\"x{i}a{{60000}}\"]\n"
            )
        })
        .collect();
    std::fs::write(pack.join("r.toml"), rules).unwrap();
    std::fs::write(dir.path().join("a.txt"), "x\n").unwrap();
    let (code, out, err) =
        run(check_isolated(dir.path()).args(["--no-default-rules", "--rules", "big", "a.txt"]));
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        "error: the rule packs' regexes together exceed the compiled-size limit of 32 MiB at this \
         pattern; loading stopped here (use fewer or narrower patterns)\n    \
         ┌─ big/r.toml:120:13\n    \
         │\n\
         120 │ patterns = [\"x23a{60000}\"]\n    \
         │             ^^^^^^^^^^^^^\n\n\
         error: 1 problem(s) in rule files\n"
    );
}

#[test]
fn quality_message_never_prints_a_value_equal_to_the_bound_it_crosses() {
    let dir = tempfile::tempdir().unwrap();
    // 299 three-letter words and one of two letters: mean 2.9967, under 3.
    let mut text: String = ["cat", "dog", "sun"]
        .iter()
        .cycle()
        .take(299)
        .map(|w| format!("{w} "))
        .collect();
    text.push_str("a.\n");
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let (_, out, _) = run(check_isolated(dir.path()).args([
        "-q",
        "--select",
        "quality/mean-word-length",
        "a.txt",
    ]));
    assert_eq!(
        out,
        "a.txt:1:1: info[quality/mean-word-length] mean word length 2.997 is below the minimum of 3\n"
    );
}
