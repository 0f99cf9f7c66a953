//! Reading rule packs named by `rules=`: a `.toml` rule file, or a folder of
//! them (every `*.toml` below it, hidden files and folders skipped, as the
//! CLI's `--rules` reads one), plus the data files their rules name.

use std::path::{Path, PathBuf};

use artlint::PackFile;

use crate::setup::SetupError;

/// The files of the pack at `path`: a rule file or a folder of rule files.
pub(crate) fn read_pack(path: &Path) -> Result<Vec<PackFile>, SetupError> {
    let meta = std::fs::metadata(path).map_err(|e| SetupError::io("rule pack", path, e))?;
    let (root, mut files) = if meta.is_dir() {
        let mut found = Vec::new();
        walk(path, &mut found)?;
        (path.to_path_buf(), found)
    } else if path.extension().is_some_and(|e| e == "toml") {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        (folder, vec![read(path, "rule file")?])
    } else {
        return Err(SetupError::Other(format!(
            "{}: not a rule pack (a .toml rule file or a folder of them)",
            path.display()
        )));
    };
    let (rules, mut data) = PackFile::rules_and_data(&files);
    if rules == 0 {
        return Err(SetupError::Other(format!(
            "{}: no rules (no [[rule]] in a .toml file)",
            path.display()
        )));
    }
    // A data file outside the pack, or missing, is left out: the loader
    // reports it at its `names-file` key, pointing into the rule file.
    let root = root.canonicalize().unwrap_or(root);
    data.sort();
    data.dedup();
    for file in data {
        if file
            .canonicalize()
            .is_ok_and(|full| full.starts_with(&root) && full.is_file())
        {
            files.push(read(&file, "data file")?);
        }
    }
    Ok(files)
}

/// Every `*.toml` file below `dir`, in path order, skipping hidden entries.
fn walk(dir: &Path, out: &mut Vec<PackFile>) -> Result<(), SetupError> {
    let entries = std::fs::read_dir(dir).map_err(|e| SetupError::io("rule pack", dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        // Links are not followed (a link loop must not hang), as in the CLI.
        let Ok(kind) = std::fs::symlink_metadata(&path).map(|m| m.file_type()) else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "toml") {
            out.push(read(&path, "rule file")?);
        }
    }
    Ok(())
}

fn read(path: &Path, what: &str) -> Result<PackFile, SetupError> {
    let text = std::fs::read_to_string(path).map_err(|e| SetupError::io(what, path, e))?;
    Ok(PackFile {
        path: path.display().to_string(),
        text,
    })
}
