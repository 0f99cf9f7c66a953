//! Broken and hostile inputs: each is linted or refused with a clear message,
//! never a panic, a hang or a changed file.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{artlint_in, run};

/// `artlint check` in `dir`, concise output, no configuration file.
fn check(dir: &Path) -> Command {
    let mut cmd = artlint_in(dir);
    cmd.args(["check", "--isolated", "--format", "concise"]);
    cmd
}

#[test]
fn empty_and_whitespace_only_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("blank.txt"), " \n\t\n\r\n   ").unwrap();
    let (code, out, err) = run(check(dir.path()).args(["empty.txt", "blank.txt"]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "No problems found in 2 files.\n", "")
    );
}

#[test]
fn crlf_and_lone_cr_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "First line.\r\nSecond line.\rIt was the the end.\r\n",
    )
    .unwrap();
    let (_, out, _) = run(check(dir.path()).args(["-q", "a.txt"]));
    assert_eq!(
        out,
        "a.txt:3:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
}

#[test]
fn utf8_bom_is_fine_and_utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bom.txt"), "\u{feff}It was the the end.\n").unwrap();
    let (_, out, _) = run(check(dir.path()).args(["-q", "bom.txt"]));
    assert_eq!(
        out,
        "bom.txt:1:13: warning[repetition/word] [*] 'the' is repeated\n"
    );

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "It was the the end.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(dir.path().join("utf16.txt"), &utf16).unwrap();
    let (_, out, _) = run(check(dir.path()).args(["-q", "utf16.txt"]));
    assert_eq!(
        out,
        "utf16.txt:1:12: warning[repetition/word] [*] 'the' is repeated\n"
    );
    // Never written back: the decoded text is not the file's bytes.
    let (code, _, err) = run(check(dir.path()).args(["--fix", "utf16.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("utf16.txt: not valid UTF-8, fixes not written"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.path().join("utf16.txt")).unwrap(), utf16);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a").join("up")).unwrap();
    std::os::unix::fs::symlink("loop2", dir.path().join("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", dir.path().join("loop2")).unwrap();
    std::fs::write(dir.path().join("a").join("x.txt"), "fine\n").unwrap();
    let (code, out, _) = run(check(dir.path()).arg("."));
    assert_eq!((code, out.as_str()), (0, "No problems found in 1 file.\n"));
}

#[cfg(unix)]
#[test]
fn unreadable_directory_and_file_are_reported_and_the_rest_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("locked")).unwrap();
    std::fs::write(dir.path().join("locked").join("x.txt"), "the the\n").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "the the\n").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "the the\n").unwrap();
    let mode = |path: &str, mode| {
        std::fs::set_permissions(dir.path().join(path), std::fs::Permissions::from_mode(mode))
            .unwrap()
    };
    mode("locked", 0o000);
    mode("secret.txt", 0o000);
    let Some(mut cmd) = artlint_unprivileged(dir.path()) else {
        mode("locked", 0o755);
        return;
    };
    let (code, out, err) = run(cmd.args(["-q", "."]));
    mode("locked", 0o755);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("artlint: error: ./locked: permission denied\n"),
        "{err}"
    );
    assert!(
        err.contains("artlint: error: ./secret.txt: permission denied\n"),
        "{err}"
    );
    assert_eq!(
        out,
        "./ok.txt:1:5: warning[repetition/word] [*] 'the' is repeated\n"
    );
}

/// artlint as a user that file permissions apply to. Root ignores them, so
/// when the tests run as root (CI containers) the binary runs as `nobody`
/// through `setpriv`; `None` (with a note) when that is not possible.
#[cfg(unix)]
fn artlint_unprivileged(dir: &Path) -> Option<Command> {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join(".probe");
    std::fs::write(&probe, "").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    if !root {
        return Some(check(dir));
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    let works = setpriv.exists()
        && std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status()
            .is_ok_and(|s| s.success());
    if !works {
        eprintln!("note: running as root without a working setpriv; permission test skipped");
        return None;
    }
    // The temporary folder is private to its owner; `nobody` must enter it.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = Command::new(setpriv);
    cmd.current_dir(dir)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(common::artlint_path())
        .args(["check", "--isolated", "--format", "concise"]);
    Some(cmd)
}

#[test]
fn limits_on_file_size_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "the the ".repeat(100)).unwrap();
    let (code, out, err) = run(check(dir.path()).args(["--max-file-size", "100", "big.txt"]));
    assert_eq!((code, out.as_str()), (0, "No files linted.\n"));
    assert_eq!(
        err,
        "artlint: big.txt: skipped, 800 bytes is over --max-file-size 100\n"
    );
    let (_, out, _) = run(check(dir.path()).args([
        "-q",
        "--select",
        "repetition/word",
        "--max-diagnostics",
        "2",
        "big.txt",
    ]));
    assert_eq!(
        out,
        "big.txt:1:5: warning[repetition/word] [*] 'the' is repeated\n\
         big.txt:1:9: warning[repetition/word] [*] 'the' is repeated\n\
         big.txt:1:1: info[limits/max-diagnostics] 197 more findings not shown (--max-diagnostics 2)\n"
    );
}

#[test]
fn nul_bytes_and_control_characters_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"text with \x01\x02\x1b[31m escape codes and a late NUL".to_vec();
    bytes.extend(std::iter::repeat_n(b'a', 9000));
    bytes.push(0);
    std::fs::write(dir.path().join("late-nul.txt"), &bytes).unwrap();
    let (code, _, err) = run(check(dir.path()).arg("late-nul.txt"));
    assert!(code == 0 || code == 1, "{err}");
}

/// A document over 1 MiB is linted in sections; findings in every section
/// keep exact positions in the whole file, and one at a cut is not lost.
#[test]
fn big_document_is_linted_in_sections_with_exact_positions() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "A plain sentence about the weather in the north.\n\n";
    let per_mib = (1 << 20) / paragraph.len();
    let mut text = String::from("the the start\n\n");
    let mut lines = 2; // the line the next paragraph starts on, minus one
    for (n, mark) in [
        (per_mib + per_mib / 2, "the the middle\n\n"),
        (per_mib * 2, "end the the"),
    ] {
        for _ in 0..n {
            text.push_str(paragraph);
        }
        lines += 2 * n;
        text.push_str(mark);
        lines += 2;
    }
    assert!(text.len() > 3 << 20);
    std::fs::write(dir.path().join("big.txt"), &text).unwrap();
    let (code, out, _) =
        run(check(dir.path()).args(["-q", "--select", "repetition/word", "big.txt"]));
    let middle = 2 + 2 * (per_mib + per_mib / 2) + 1;
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "big.txt:1:5: warning[repetition/word] [*] 'the' is repeated\n\
             big.txt:{middle}:5: warning[repetition/word] [*] 'the' is repeated\n\
             big.txt:{}:9: warning[repetition/word] [*] 'the' is repeated\n",
            lines - 1
        )
    );
}

/// With --max-diagnostics reached, linting a big document stops early (the
/// first findings are exact, the rest of the file is not linted) instead of
/// collecting millions of findings.
#[test]
fn max_diagnostics_stops_linting_a_big_document_early() {
    let dir = tempfile::tempdir().unwrap();
    // 12 MB on one line: eleven sections, far more than one batch.
    std::fs::write(dir.path().join("loop.txt"), "the the ".repeat(1_500_000)).unwrap();
    let (code, out, _) = run(check(dir.path()).args([
        "-q",
        "--select",
        "repetition/word",
        "--max-diagnostics",
        "3",
        "loop.txt",
    ]));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "loop.txt:1:5: warning[repetition/word] [*] 'the' is repeated",
            "loop.txt:1:9: warning[repetition/word] [*] 'the' is repeated",
            "loop.txt:1:13: warning[repetition/word] [*] 'the' is repeated",
        ]
    );
    let summary = lines[3];
    assert!(
        summary.starts_with("loop.txt:1:1: info[limits/max-diagnostics] at least ")
            && summary.ends_with(
                " more findings not shown (--max-diagnostics 3); the rest of the file was not linted"
            ),
        "{summary}"
    );
    assert_eq!(lines.len(), 4);
}

/// `--fix` on a full disk (a 64 KiB tmpfs, when this process may mount one):
/// the write fails with a message naming the file, the original is intact and
/// no temporary file is left behind.
#[cfg(target_os = "linux")]
#[test]
fn fix_on_a_full_disk_leaves_the_original() {
    struct Mounted(std::path::PathBuf);
    impl Drop for Mounted {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let fs = dir.path().join("small");
    std::fs::create_dir(&fs).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&fs)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("note: cannot mount a small tmpfs here; full-disk test skipped");
        return;
    }
    let _guard = Mounted(fs.clone());
    // 40 KiB of the 64: the fixed copy cannot fit beside the original.
    let original = format!(
        "It was the the end.\n{}",
        "A plain line of text.\n".repeat(1900)
    );
    std::fs::write(fs.join("a.txt"), &original).unwrap();
    let (code, _, err) = run(check(&fs).args(["-q", "--fix", "a.txt"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("a.txt") && err.contains("cannot write fixes"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(fs.join("a.txt")).unwrap(), original);
    let left: Vec<_> = std::fs::read_dir(&fs)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["a.txt"]);
}

/// Thousands of files are linted and written in batches: the output is in
/// path order across batches, the JSON document is whole, and a broken
/// configuration deep in the tree stops the run before anything is written.
#[test]
fn many_files_keep_path_order_across_batches() {
    let dir = tempfile::tempdir().unwrap();
    for folder in 0..5 {
        let sub = dir.path().join(format!("d{folder}"));
        std::fs::create_dir(&sub).unwrap();
        for file in 0..500 {
            let text = if file % 100 == 7 {
                "It was the the best.\n"
            } else {
                "A clean line.\n"
            };
            std::fs::write(sub.join(format!("f{file:03}.txt")), text).unwrap();
        }
    }
    let (code, out, err) = run(check(dir.path()).arg("."));
    let expected: Vec<String> = (0..5)
        .flat_map(|folder| {
            (0..5).map(move |n| {
                format!(
                    "./d{folder}/f{:03}.txt:1:12: warning[repetition/word] [*] 'the' is repeated",
                    n * 100 + 7
                )
            })
        })
        .chain(["Found 25 problems (0 errors, 25 warnings, 0 infos) in 2500 files.".to_string()])
        .collect();
    assert_eq!((code, err.as_str()), (1, ""));
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);

    let mut cmd = artlint_in(dir.path());
    cmd.args(["check", "--isolated", "--format", "json", "."]);
    let (code, out, err) = run(&mut cmd);
    assert_eq!((code, err.as_str()), (1, ""));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2500);
    assert!(paths.is_sorted());
    assert_eq!(json["summary"]["files"], 2500);
    assert_eq!(json["summary"]["warnings"], 25);

    std::fs::write(dir.path().join("d4").join("artlint.toml"), "select = [\n").unwrap();
    let mut cmd = artlint_in(dir.path());
    cmd.args(["check", "--format", "concise", "."]);
    let (code, out, err) = run(&mut cmd);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("artlint.toml"), "{err}");
}
