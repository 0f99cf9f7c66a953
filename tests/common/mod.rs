//! Helpers shared by the integration tests that run the `artlint` binary
//! (`mod common;` in each). Each test file uses some of them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The path of the `artlint` binary cargo built for the tests.
pub(crate) fn artlint_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("artlint")
}

/// The `artlint` binary run in `dir`, with `NO_COLOR` unset so that only
/// `--color` and the terminal decide colours.
pub(crate) fn artlint_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("artlint").expect("binary built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// The `artlint` binary run in the repository root, where paths such as
/// `fixtures/seed-article.txt` are found.
pub(crate) fn artlint() -> Command {
    artlint_in(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// Runs `cmd`: its exit code (-1 when killed by a signal), stdout and
/// stderr, both UTF-8.
pub(crate) fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// [`run`], with stdout decoded lossily (it may echo bytes that are not
/// UTF-8).
pub(crate) fn run_lossy(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// The stdout of `cmd`, whatever its exit status.
pub(crate) fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8 output")
}

/// The stdout of a lint run, which must end with status 0 or 1 (an error,
/// status 2, fails the test with its stderr).
pub(crate) fn report_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Writes `text` to `path` under `dir`, creating its folders.
pub(crate) fn write(dir: &Path, path: &str, text: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().expect("a parent")).expect("folders created");
    std::fs::write(full, text).expect("file written");
}
