//! Baseline files on disk: where they are and how their paths are written.
//! The format and the matching are the library's ([`artlint::baseline`]).
//!
//! Paths are relative to the baseline file's folder (version 2), so the
//! baseline matches whatever folder artlint runs from. Version 1 files (paths
//! as given on the command line, relative to where artlint ran) are still
//! read, their paths taken relative to the current folder.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use artlint::baseline::{Baseline, BaselineError, Entry};

use super::lint::FileReport;

/// How a report's path is written in a baseline.
pub(super) struct Paths {
    /// The baseline's folder, absolute and canonical; `None` for version 1
    /// (paths as given, relative to the current folder).
    base: Option<PathBuf>,
    /// The current folder, which relative input paths start from.
    cwd: PathBuf,
    /// Canonical folders already resolved (a walk visits each many times).
    folders: RefCell<HashMap<PathBuf, PathBuf>>,
}

impl Paths {
    /// Paths relative to the folder of the baseline file at `path`.
    pub(super) fn relative_to(baseline: &Path) -> Result<Paths, String> {
        let folder = baseline
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let base = std::fs::canonicalize(folder).map_err(|e| {
            format!(
                "{}: cannot find the baseline's folder: {}",
                baseline.display(),
                super::output::reason(&e)
            )
        })?;
        Ok(Paths {
            base: Some(base),
            folders: RefCell::default(),
            cwd: std::env::current_dir().unwrap_or_default(),
        })
    }

    /// The path recorded for a report: relative to the baseline's folder,
    /// with `/` separators (stdin without `--stdin-filename` is `-`).
    fn key(&self, report: &FileReport) -> String {
        let Some(base) = &self.base else {
            return legacy(&report.path);
        };
        if report.file.is_none() && report.path == "-" {
            return report.path.clone();
        }
        let path = report
            .file
            .clone()
            .unwrap_or_else(|| PathBuf::from(&report.path));
        let absolute = self.absolute(&path);
        let relative = relative(base, &absolute).unwrap_or(absolute);
        relative.to_string_lossy().replace('\\', "/")
    }
}

impl Paths {
    /// `path` made absolute: its folder canonical (symlinked folders resolve
    /// the same way the baseline's folder does), the file name kept.
    fn absolute(&self, path: &Path) -> PathBuf {
        let lexical = lexical(&self.cwd.join(path));
        let (Some(parent), Some(name)) = (lexical.parent(), lexical.file_name()) else {
            return lexical;
        };
        let mut folders = self.folders.borrow_mut();
        let folder = match folders.get(parent) {
            Some(folder) => folder.clone(),
            None => {
                let folder = std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
                folders.insert(parent.to_path_buf(), folder.clone());
                folder
            }
        };
        folder.join(name)
    }
}

/// A version 1 path: as given, with `./` and backslashes normalised.
fn legacy(path: &str) -> String {
    path.replace('\\', "/").trim_start_matches("./").to_string()
}

/// Resolves `.` and `..` without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to the folder `base` (both absolute), with `..` where
/// needed; `None` when they share no root (another drive).
fn relative(base: &Path, path: &Path) -> Option<PathBuf> {
    let base: Vec<Component> = base.components().collect();
    let path: Vec<Component> = path.components().collect();
    if base.first() != path.first() {
        return None;
    }
    let common = base.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for component in &path[common..] {
        out.push(component);
    }
    Some(out)
}

/// The entries that record a report's findings.
pub(super) fn entries<'a>(
    report: &'a FileReport,
    paths: &Paths,
) -> impl Iterator<Item = Entry> + 'a {
    let path = paths.key(report);
    report
        .diagnostics
        .iter()
        .map(move |d| Entry::new(&path, &report.text, d))
}

/// Writes `findings`, sorted; returns how many.
pub(super) fn write(path: &Path, findings: Vec<Entry>) -> Result<usize, String> {
    let count = findings.len();
    std::fs::write(path, Baseline::render(findings)).map_err(|e| {
        format!(
            "{}: cannot write baseline: {}",
            path.display(),
            super::output::reason(&e)
        )
    })?;
    Ok(count)
}

/// Reads a baseline: the findings it hides, and how its paths are written.
pub(super) fn read(path: &Path) -> Result<Known, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: cannot read baseline: {}",
            path.display(),
            super::output::reason(&e)
        )
    })?;
    let baseline = Baseline::parse(&text).map_err(|e| match e {
        BaselineError::UnsupportedVersion(_) => {
            format!(
                "{}: {e}; write it again with --write-baseline",
                path.display()
            )
        }
        BaselineError::Invalid { .. } => format!("{}:{e}", path.display()),
    })?;
    let paths = match baseline.version {
        1 => Paths {
            base: None,
            folders: RefCell::default(),
            cwd: std::env::current_dir().unwrap_or_default(),
        },
        _ => Paths::relative_to(path)?,
    };
    Ok(Known {
        known: artlint::baseline::Known::new(baseline),
        paths,
    })
}

/// The findings a baseline still hides, and how its paths are written.
pub(super) struct Known {
    known: artlint::baseline::Known,
    paths: Paths,
}

impl Known {
    /// Removes the report's recorded findings; returns how many.
    pub(super) fn hide(&mut self, report: &mut FileReport) -> usize {
        let path = self.paths.key(report);
        self.known
            .hide(&path, &report.text, &mut report.diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_with_dot_dot() {
        let rel = |base: &str, path: &str| {
            relative(Path::new(base), Path::new(path)).map(|p| p.to_string_lossy().into_owned())
        };
        assert_eq!(rel("/a/b", "/a/b/c/d.txt").as_deref(), Some("c/d.txt"));
        assert_eq!(rel("/a/b", "/a/x/d.txt").as_deref(), Some("../x/d.txt"));
        assert_eq!(rel("/a/b", "/d.txt").as_deref(), Some("../../d.txt"));
        assert_eq!(
            lexical(Path::new("/a/./b/../c.txt")),
            PathBuf::from("/a/c.txt")
        );
    }
}
