//! Reading inputs and linting them in parallel. Results come back sorted by
//! path, so output is the same whatever the thread count.

use std::io::Read;

use rayon::prelude::*;

use artlint::{Diagnostic, RuleSet};

use super::walk::Input;

/// How much of a file is searched for a NUL byte to call it binary.
const BINARY_PROBE: usize = 8 * 1024;

/// One linted file: its display path, its (decoded) text and its findings.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub enum Outcome {
    Linted(FileReport),
    /// Not linted, with a note for stderr (`None`: skipped silently).
    Skipped(Option<String>),
    /// Could not be read; the message names the file.
    Failed(String),
}

pub fn lint_inputs(rules: &RuleSet, inputs: &[Input], stdin_name: &str) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| lint_input(rules, input, stdin_name))
        .collect();
    outcomes.sort_by(|a, b| sort_path(a).cmp(sort_path(b)));
    outcomes
}

fn sort_path(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Linted(report) => &report.path,
        _ => "",
    }
}

fn lint_input(rules: &RuleSet, input: &Input, stdin_name: &str) -> Outcome {
    let (path, bytes, explicit) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return Outcome::Failed(format!("{stdin_name}: cannot read stdin: {e}"));
            }
            (stdin_name.to_string(), bytes, true)
        }
        Input::File { path, explicit } => {
            let display = path.display().to_string();
            match std::fs::read(path) {
                Ok(bytes) => (display, bytes, *explicit),
                Err(e) => return Outcome::Failed(format!("{display}: {}", io_reason(&e))),
            }
        }
    };
    if u32::try_from(bytes.len()).is_err() {
        return Outcome::Failed(format!("{path}: file is larger than 4 GiB, not linted"));
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if let Some(at) = memchr::memchr(0, probe) {
        return Outcome::Skipped(
            explicit.then(|| format!("{path}: skipped, looks binary (NUL byte at offset {at})")),
        );
    }
    let (text, diagnostics) = rules.lint_bytes(&path, &bytes);
    Outcome::Linted(FileReport {
        path,
        text: text.into_owned(),
        diagnostics,
    })
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}
