//! Turning the paths on the command line into the list of inputs to lint.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub(super) enum Input {
    Stdin,
    File { path: PathBuf, explicit: bool },
}

/// What makes two paths one file, whatever they are called: device and
/// inode on unix (so hard links and symlinks match), the canonical path
/// elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileId {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl FileId {
    /// The identity of an existing file (`None` if it cannot be read).
    pub(super) fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            Some(FileId {
                canonical: std::fs::canonicalize(path).ok()?,
            })
        }
    }

    /// The identity of the regular file stdin is redirected from, if any.
    pub(super) fn of_stdin() -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            use std::os::unix::fs::MetadataExt;
            let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
            let meta = std::fs::File::from(fd).metadata().ok()?;
            meta.is_file().then(|| FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            None
        }
    }

    /// True if a walked entry is one of `ids`; on unix the inode read with
    /// the directory rules out almost every entry without a `stat`.
    fn matches_entry(ids: &[FileId], entry: &ignore::DirEntry) -> bool {
        #[cfg(unix)]
        if !ids.iter().any(|id| entry.ino() == Some(id.ino)) {
            return false;
        }
        FileId::of(entry.path()).is_some_and(|id| ids.contains(&id))
    }
}

/// How folders are walked: ripgrep's `--hidden` and `--no-ignore`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WalkOptions {
    pub hidden: bool,
    pub no_ignore: bool,
}

/// Expands directories (respecting `.gitignore`, `.ignore` and hidden-file
/// rules unless `options` say otherwise) into the files `walks` accepts, and
/// keeps named files. Files found by walking that are one of `outputs` (the
/// run's own output files) are left out. Walk errors are collected, not
/// fatal; an error of `walks` ends the walk.
pub(super) fn collect_inputs<E>(
    paths: &[PathBuf],
    outputs: &[FileId],
    options: WalkOptions,
    mut walks: impl FnMut(&Path) -> Result<bool, E>,
    errors: &mut Vec<String>,
) -> Result<Vec<Input>, E> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if !path.is_dir() {
            inputs.push(Input::File {
                path: path.clone(),
                explicit: true,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .hidden(!options.hidden)
            .ignore(!options.no_ignore)
            .git_ignore(!options.no_ignore)
            .git_global(!options.no_ignore)
            .git_exclude(!options.no_ignore)
            .parents(!options.no_ignore)
            // Version control's own folders are never prose, even with --hidden.
            .filter_entry(|entry| {
                !(entry.file_type().is_some_and(|t| t.is_dir())
                    && matches!(entry.file_name().to_str(), Some(".git" | ".hg" | ".svn")))
            })
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file())
                        && walks(entry.path())?
                        && (outputs.is_empty() || !FileId::matches_entry(outputs, &entry))
                    {
                        inputs.push(Input::File {
                            path: entry.into_path(),
                            explicit: false,
                        });
                    }
                }
                Err(error) => errors.push(describe(&error, None)),
            }
        }
    }
    Ok(inputs)
}

/// A walk error as `path: reason`, the way every other file error reads.
fn describe(error: &ignore::Error, path: Option<&Path>) -> String {
    match error {
        ignore::Error::WithPath { path, err } => describe(err, Some(path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err, path)
        }
        ignore::Error::Io(io) => {
            let reason = match io.kind() {
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                _ => io.to_string(),
            };
            match path {
                Some(path) => format!("{}: {reason}", path.display()),
                None => reason,
            }
        }
        other => other.to_string(),
    }
}
