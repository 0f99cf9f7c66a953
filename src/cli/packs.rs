//! Reading rule packs from disk (or the binary) and reporting rule-file errors.

use std::path::Path;

use anyhow::{Context, Result};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};

use artlint::{PackFile, Rule, RuleError, builtin_pack, load_pack};

use super::args::RuleSource;

/// Reads every file of a pack directory (rules and the data they refer to).
pub fn read_pack_dir(dir: &Path) -> Result<Vec<PackFile>> {
    let mut files = Vec::new();
    let meta = std::fs::metadata(dir)
        .with_context(|| format!("cannot read rule pack {}", dir.display()))?;
    if meta.is_file() {
        let text = std::fs::read_to_string(dir)
            .with_context(|| format!("cannot read rule file {}", dir.display()))?;
        return Ok(vec![PackFile {
            path: dir.display().to_string(),
            text,
        }]);
    }
    for entry in ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
    {
        let entry = entry.with_context(|| format!("cannot read rule pack {}", dir.display()))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read rule file {}", path.display()))?;
        files.push(PackFile {
            path: path.display().to_string(),
            text,
        });
    }
    Ok(files)
}

/// Why rules could not be loaded.
pub enum LoadFailure {
    Rules(Vec<RuleError>),
    Other(anyhow::Error),
}

/// Loads the built-in pack (unless disabled) and the `--rules` packs, then
/// applies `--select`/`--ignore`.
pub fn load_rules(source: &RuleSource) -> Result<Vec<Rule>, LoadFailure> {
    let mut files = if source.no_default_rules {
        Vec::new()
    } else {
        builtin_pack()
    };
    for dir in &source.rules {
        files.extend(read_pack_dir(dir).map_err(LoadFailure::Other)?);
    }
    let rules = load_pack(&files).map_err(LoadFailure::Rules)?;
    let selection = artlint::config::Settings {
        select: (!source.select.is_empty()).then(|| source.select.clone()),
        ignore: source.ignore.clone(),
        ..Default::default()
    };
    selection
        .configure(rules)
        .map_err(|e| LoadFailure::Other(anyhow::anyhow!(e)))
}

/// Renders rule-file errors like compiler errors, pointing into the file.
pub fn render_rule_errors(errors: &[RuleError], out: &mut dyn WriteColor) -> std::io::Result<()> {
    let config = term::Config::default();
    for error in errors {
        let file = SimpleFile::new(error.path.clone(), error.source_text.to_string());
        let mut diagnostic = CsDiagnostic::error().with_message(&error.message);
        if let Some(span) = &error.span {
            let end = span.end.min(error.source_text.len()).max(span.start);
            diagnostic = diagnostic.with_labels(vec![Label::primary((), span.start..end)]);
        } else {
            diagnostic = diagnostic.with_notes(vec![format!("in {}", error.path)]);
        }
        if let Some(note) = &error.note {
            diagnostic.notes.push(note.clone());
        }
        term::emit_to_write_style(out, &config, &file, &diagnostic)
            .map_err(std::io::Error::other)?;
    }
    writeln!(out, "error: {} problem(s) in rule files", errors.len())
}
