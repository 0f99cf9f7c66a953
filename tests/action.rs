//! The GitHub Action's shell steps (`action/run.sh`, `action/install.sh`),
//! run here with bash as the runner would run them.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("action")
        .join(name)
}

/// A fake `artlint` that records its arguments, one a line, and exits with
/// `status`.
fn fake_artlint(dir: &Path, status: i32) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("artlint");
    std::fs::write(
        &fake,
        format!(
            "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"{}\"\nexit {status}\n",
            dir.join("args.txt").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// The arguments the fake `artlint` of `dir` was last run with.
fn recorded_args(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("args.txt"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// `action/run.sh` run by bash in `workspace`, with `bin` first on the PATH.
fn run_step(workspace: &Path, bin: &Path) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(script("run.sh"))
        .current_dir(workspace)
        .env("PATH", path_with(bin));
    cmd
}

fn path_with(bin: &Path) -> String {
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// `--ignore quality/*` in a workspace with a `quality/` folder reaches
/// artlint as written (no glob expansion); a quoted path with a space is one
/// path; artlint's exit status and `exit-code` output are passed on.
#[test]
fn run_step_passes_arguments_unexpanded_and_the_exit_status_on() {
    let tools = tempfile::tempdir().unwrap();
    let workspace = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(workspace.path().join("quality")).unwrap();
    std::fs::write(workspace.path().join("quality/report.md"), "x").unwrap();
    std::fs::create_dir_all(workspace.path().join("my articles")).unwrap();
    let bin = fake_artlint(tools.path(), 1);
    let output_file = tools.path().join("github_output");
    let status = run_step(workspace.path(), &bin)
        .env("ARGS", "--fail-on error --ignore quality/*")
        .env("PATHS", "\"my articles\"\n*.md")
        .env("SARIF_FILE", "out dir/artlint.sarif")
        .env("GITHUB_OUTPUT", &output_file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(
        recorded_args(tools.path()),
        [
            "check",
            "--format",
            "sarif",
            "--output-file",
            "out dir/artlint.sarif",
            "--fail-on",
            "error",
            "--ignore",
            "quality/*",
            "--",
            "my articles",
            "*.md"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(&output_file).unwrap(),
        "exit-code=1\n"
    );

    // Defaults: the workspace, no extra arguments.
    let status = run_step(workspace.path(), &fake_artlint(tools.path(), 0))
        .env_remove("ARGS")
        .env_remove("PATHS")
        .env("GITHUB_OUTPUT", &output_file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        recorded_args(tools.path()),
        [
            "check",
            "--format",
            "sarif",
            "--output-file",
            "artlint.sarif",
            "--",
            "."
        ]
    );

    // An unmatched quote is an error naming the input, and artlint never runs.
    std::fs::remove_file(tools.path().join("args.txt")).unwrap();
    let out = run_step(workspace.path(), &bin)
        .env("ARGS", "--ignore 'quality/*")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("cannot split the 'args' input"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!tools.path().join("args.txt").exists());
}

/// With the real binary: the SARIF report is written and the findings fail
/// the step.
#[test]
fn run_step_writes_the_report_with_the_real_binary() {
    let workspace = tempfile::tempdir().unwrap();
    std::fs::write(workspace.path().join("a.txt"), "It was the the end.\n").unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_artlint")).parent().unwrap();
    let status = run_step(workspace.path(), bin)
        .env("ARGS", "--isolated --select repetition/*")
        .env("PATHS", "a.txt")
        .env("GITHUB_OUTPUT", workspace.path().join("out"))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(workspace.path().join("artlint.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "repetition/word");
}

/// A binary restored from the cache is used as it is: nothing is built.
#[test]
fn install_step_uses_the_cached_binary() {
    let home = tempfile::tempdir().unwrap();
    let cached = home.path().join(".artlint/bin");
    std::fs::create_dir_all(&cached).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_artlint"), cached.join("artlint")).unwrap();
    let github_path = home.path().join("github_path");
    let out = Command::new("bash")
        .arg(script("install.sh"))
        .env("HOME", home.path())
        .env("GITHUB_PATH", &github_path)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("artlint from the cache: artlint 0.1.0"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(&github_path).unwrap(),
        format!("{}\n", cached.display())
    );
}
