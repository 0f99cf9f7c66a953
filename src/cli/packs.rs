//! Reading rule packs from disk (or the binary) and reporting rule-file errors.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};

use artlint::config::ConfigError;
use artlint::{PackFile, RuleError};

/// Reads a rule pack folder: every `*.toml` file below it, hidden files and
/// folders skipped, and the data files its rules name (`names-file`). Nothing
/// else is read, so a cloned pack with `.git/`, `.DS_Store` or images loads.
/// A path that is not a folder, or a folder without rules, is an error.
pub(super) fn read_pack_dir(dir: &Path) -> Result<Vec<PackFile>> {
    let meta = std::fs::metadata(dir)
        .with_context(|| format!("cannot read rule pack {}", dir.display()))?;
    if !meta.is_dir() {
        bail!(
            "rule pack {} is not a folder (a pack is a folder of .toml rule files)",
            dir.display()
        );
    }
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
    {
        let entry = entry.with_context(|| format!("cannot read rule pack {}", dir.display()))?;
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file())
            || path.extension().is_none_or(|e| e != "toml")
        {
            continue;
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read rule file {}", path.display()))?;
        files.push(PackFile {
            path: path.display().to_string(),
            text,
        });
    }
    let (rules, data) = PackFile::rules_and_data(&files);
    let wanted: BTreeSet<(String, PathBuf)> = data
        .into_iter()
        .map(|path| (path.display().to_string(), lexical(&path)))
        .collect();
    if rules == 0 {
        bail!(
            "rule pack {} holds no rules (no [[rule]] in a .toml file below it)",
            dir.display()
        );
    }
    // A data file outside the pack, or missing, is left out: the loader
    // reports it at the `names-file` key.
    let root = lexical(dir);
    for (shown, path) in wanted {
        if path.starts_with(&root) && path.is_file() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read data file {shown}"))?;
            files.push(PackFile { path: shown, text });
        }
    }
    Ok(files)
}

/// `path` with `.` and `..` resolved without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Renders rule-file errors like compiler errors, pointing into the file.
pub(super) fn render_rule_errors(
    errors: &[RuleError],
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let problems: Vec<Problem> = errors
        .iter()
        .map(|e| Problem {
            path: &e.path,
            text: &e.source_text,
            span: e.span.clone(),
            message: &e.message,
            note: e.note.as_deref(),
        })
        .collect();
    render_problems(&problems, "rule files", out)
}

/// Renders the problems of the configuration file whose text is `text`
/// like rule-file errors, pointing into the file.
pub(super) fn render_config_errors(
    errors: &[ConfigError],
    text: &str,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let problems: Vec<Problem> = errors
        .iter()
        .map(|e| Problem {
            path: e.path.as_deref().unwrap_or_default(),
            text,
            span: e.location.as_ref().map(|at| at.span.clone()),
            message: &e.message,
            note: e.note.as_deref(),
        })
        .collect();
    render_problems(&problems, "the configuration", out)
}

/// A problem in a file, as it is shown.
struct Problem<'a> {
    path: &'a str,
    text: &'a str,
    /// Byte range in `text` the problem points at, when known.
    span: Option<std::ops::Range<usize>>,
    message: &'a str,
    note: Option<&'a str>,
}

fn render_problems(
    problems: &[Problem],
    place: &str,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let config = term::Config::default();
    for problem in problems {
        let file = SimpleFile::new(problem.path, problem.text);
        let mut diagnostic = CsDiagnostic::error().with_message(problem.message);
        if let Some(span) = &problem.span {
            let end = span.end.min(problem.text.len()).max(span.start);
            diagnostic = diagnostic.with_labels(vec![Label::primary((), span.start..end)]);
        } else {
            diagnostic = diagnostic.with_notes(vec![format!("in {}", problem.path)]);
        }
        if let Some(note) = problem.note {
            diagnostic.notes.push(note.to_string());
        }
        term::emit_to_write_style(out, &config, &file, &diagnostic)
            .map_err(std::io::Error::other)?;
    }
    writeln!(out, "error: {} problem(s) in {place}", problems.len())
}
