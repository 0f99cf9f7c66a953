//! Turning the paths on the command line into the list of inputs to lint.

use std::path::{Path, PathBuf};

/// Extensions linted when walking a directory (files named on the command
/// line are always linted).
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl", "ndjson"];

#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    File { path: PathBuf, explicit: bool },
}

fn is_text_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(ext)),
    }
}

/// Expands directories (respecting `.gitignore`, `.ignore` and hidden-file
/// rules) and keeps named files. Walk errors are collected, not fatal.
pub fn collect_inputs(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Input> {
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
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file()) && is_text_file(entry.path())
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
    inputs
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
