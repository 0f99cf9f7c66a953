//! `--fix` and `--diff`: fix each file until stable, then write it atomically
//! or print a unified diff. A file is never written if it changed since it was
//! read, is read-only, was not valid UTF-8 (the lossy text would lose bytes),
//! has several hard links, or would change owner or group.

use std::io::Write;
use std::path::Path;

use artlint::{Applicability, Diagnostic, fix_until_stable};

use super::lint::FileReport;

/// What fixing one file did.
pub(super) struct FileFix {
    pub applied: usize,
    pub new_text: String,
    /// The findings in `new_text`.
    pub remaining: Vec<Diagnostic>,
}

/// Fixes a report's text with the library's fix loop, starting from the
/// report's findings and linting in the report's format; `None` when
/// nothing changed.
pub(super) fn fix_report(report: &FileReport, minimum: Applicability) -> Option<FileFix> {
    // Nothing to apply: no copy of the text (a big file is read once).
    let fixable = report
        .diagnostics
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= minimum));
    if !fixable {
        return None;
    }
    let outcome = fix_until_stable(&report.text, report.diagnostics.clone(), minimum, |text| {
        report.lint(text)
    });
    outcome.changed(&report.text).then_some(FileFix {
        applied: outcome.applied,
        new_text: outcome.text,
        remaining: outcome.remaining,
    })
}

/// Writes `new_text` over the file `path` names, atomically and keeping the
/// file's identity: a symlink is followed and its target replaced (the link
/// stays), the new file gets the original's mode, owner and group before it
/// is renamed over the original, in the original's folder. When that cannot
/// be done (a file with several hard links, whose replacement would split
/// them; an owner or group this user cannot give the new file) nothing is
/// written and the error says why.
pub(super) fn write_atomically(
    path: &Path,
    report: &FileReport,
    new_text: &str,
) -> Result<(), String> {
    let shown = path.display();
    if report.lossy {
        return Err(format!(
            "{shown}: not valid UTF-8, fixes not written (the decoded text would lose bytes)"
        ));
    }
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("{shown}: cannot write fixes: {e}"))?;
    if metadata.permissions().readonly() {
        return Err(format!("{shown}: file is read-only, fixes not written"));
    }
    // The file to replace is the symlink's target, in the target's folder.
    let target =
        std::fs::canonicalize(path).map_err(|e| format!("{shown}: cannot write fixes: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(format!(
                "{shown}: has {} hard links, fixes not written (replacing the file would \
                 split the links, writing it in place would not be atomic); \
                 `--diff` shows the changes",
                metadata.nlink()
            ));
        }
    }
    let current = std::fs::read(&target)
        .map_err(|e| format!("{shown}: cannot re-read before writing: {e}"))?;
    if Some(super::lint::content_hash(&current)) != report.original_hash {
        return Err(format!(
            "{shown}: file changed since it was read, fixes not written"
        ));
    }
    let dir = target.parent().unwrap_or(Path::new("/"));
    let mut temp = tempfile::Builder::new()
        .prefix(".artlint-")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "{shown}: cannot create a temporary file in {}: {e}",
                dir.display()
            )
        })?;
    temp.write_all(new_text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("{shown}: cannot write fixes: {e}"))?;
    // Owner and group first: changing them clears the set-id bits of the mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::os::unix::fs::fchown(temp.as_file(), Some(metadata.uid()), Some(metadata.gid()))
            .map_err(|e| {
                format!(
                    "{shown}: fixes not written: the new file cannot keep the owner and group \
                     {}:{} ({e})",
                    metadata.uid(),
                    metadata.gid()
                )
            })?;
    }
    temp.as_file()
        .set_permissions(metadata.permissions())
        .map_err(|e| format!("{shown}: cannot keep permissions: {e}"))?;
    temp.persist(&target)
        .map_err(|e| format!("{shown}: cannot replace the file: {}", e.error))?;
    Ok(())
}

/// A unified diff of the fix, with the path in the headers.
pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::cli::config::Engine;
    use crate::cli::lint::content_hash;

    fn report(path: &Path, read: &str) -> FileReport {
        FileReport {
            path: path.display().to_string(),
            file: Some(path.to_path_buf()),
            text: read.to_string(),
            diagnostics: Vec::new(),
            engine: Arc::new(Engine {
                rules: artlint::RuleSet::new(Vec::new()).into(),
                fail_on: artlint::config::FailOn::Warning,
            }),
            lossy: false,
            original_hash: Some(content_hash(read.as_bytes())),
            format: crate::cli::args::InputFormat::Text,
        }
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "edited by someone else\n").unwrap();
        let err = write_atomically(&path, &report(&path, "what we read\n"), "fixed\n").unwrap_err();
        assert!(
            err.ends_with("file changed since it was read, fixes not written"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "edited by someone else\n"
        );
    }

    #[test]
    fn lossy_text_is_never_written_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"caf\xe9\n").unwrap();
        let mut r = report(&path, "caf\u{fffd}\n");
        r.lossy = true;
        assert!(
            write_atomically(&path, &r, "fixed\n")
                .unwrap_err()
                .contains("not valid UTF-8")
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"caf\xe9\n");
    }

    #[test]
    fn a_write_error_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("a.txt");
        let err = write_atomically(&path, &report(&path, "x\n"), "y\n").unwrap_err();
        assert!(err.contains("cannot write fixes"), "{err}");
    }
}
