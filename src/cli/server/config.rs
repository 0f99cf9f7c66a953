//! The rules for each document: `artlint.toml` discovered from the
//! document's path as `artlint check` discovers it (up to the repository
//! root, so each workspace folder gets its own), with its rule folders;
//! compiled once per distinct configuration and split for incremental
//! linting. A configuration that cannot be loaded becomes a problem reported
//! on its file, and the document is linted with the built-in rules meanwhile.
//! [`Workspace::reload`] forgets everything, for when a file changed.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use artlint::{RuleSet, builtin_pack, load_pack};

use super::incremental::SplitRules;
use super::transport::log;
use crate::cli::args::{ConfigArgs, RuleSource};
use crate::cli::config::{Engine, Resolver, SetupError};

/// A problem in a configuration or rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub message: String,
    /// The file's text when the loader had it.
    pub text: Option<Arc<str>>,
    /// Where in the file, in bytes.
    pub span: Option<Range<usize>>,
}

pub(super) struct Workspace {
    resolver: Option<Resolver>,
    /// Bumped by every reload: part of the paragraph cache keys.
    generation: u64,
    /// Split rules per compiled engine (kept alive here, so the address is
    /// a stable key).
    split: HashMap<usize, (Arc<Engine>, Arc<SplitRules>)>,
    builtin: Option<Arc<SplitRules>>,
    /// Problems found since the last reload, by file.
    problems: BTreeMap<PathBuf, Vec<Problem>>,
}

impl Workspace {
    pub(super) fn new() -> Workspace {
        let mut workspace = Workspace {
            resolver: None,
            generation: 0,
            split: HashMap::new(),
            builtin: None,
            problems: BTreeMap::new(),
        };
        workspace.reload();
        workspace
    }

    /// Forgets every configuration, compiled rule set and problem.
    pub(super) fn reload(&mut self) {
        self.generation += 1;
        self.split.clear();
        self.problems.clear();
        self.resolver = match Resolver::new(&ConfigArgs::default(), &RuleSource::default(), None) {
            Ok(resolver) => Some(resolver),
            Err(_) => {
                log("cannot set up configuration discovery; using the built-in rules");
                None
            }
        };
    }

    /// The problems found since the last reload, by file.
    pub(super) fn problems(&self) -> &BTreeMap<PathBuf, Vec<Problem>> {
        &self.problems
    }

    /// The rules for a document at `path` (`None`: no file, the built-in rules).
    pub(super) fn rules_for(&mut self, path: Option<&Path>) -> Arc<SplitRules> {
        let (Some(path), Some(resolver)) = (path, &self.resolver) else {
            return self.builtin();
        };
        match resolver.engine_for_file(path) {
            Ok(engine) => {
                let key = Arc::as_ptr(&engine) as usize;
                let generation = self.generation * 1_000_003 + self.split.len() as u64 + 1;
                self.split
                    .entry(key)
                    .or_insert_with(|| {
                        let full = engine.rules.clone();
                        (engine, Arc::new(SplitRules::new(full, generation)))
                    })
                    .1
                    .clone()
            }
            Err(error) => {
                let config = resolver.config_for(path).ok().flatten();
                let fallback = config.map(|c| c.path.clone());
                for (file, problem) in problems(error, fallback) {
                    let known = self.problems.entry(file).or_default();
                    if !known.contains(&problem) {
                        known.push(problem);
                    }
                }
                self.builtin()
            }
        }
    }

    fn builtin(&mut self) -> Arc<SplitRules> {
        self.builtin
            .get_or_insert_with(|| {
                let rules = load_pack(&builtin_pack()).unwrap_or_default();
                Arc::new(SplitRules::new(Arc::new(RuleSet::new(rules)), 0))
            })
            .clone()
    }
}

/// Where each problem of `error` is shown: its own file, or `fallback` (the
/// configuration that applies) when it names none.
fn problems(error: SetupError, fallback: Option<PathBuf>) -> Vec<(PathBuf, Problem)> {
    let with_note = |message: String, note: Option<String>| match note {
        Some(note) => format!("{message}\n{note}"),
        None => message,
    };
    let mut out = Vec::new();
    match error {
        SetupError::Config { errors, text } => {
            for e in errors {
                let Some(file) = e.path.map(PathBuf::from).or_else(|| fallback.clone()) else {
                    log(&e.message);
                    continue;
                };
                out.push((
                    file,
                    Problem {
                        message: with_note(e.message, e.note),
                        text: text.clone(),
                        span: e.location.map(|at| at.span),
                    },
                ));
            }
        }
        SetupError::Rules(errors) => {
            for e in errors {
                out.push((
                    PathBuf::from(&e.path),
                    Problem {
                        message: with_note(e.message, e.note),
                        text: Some(e.source_text),
                        span: e.span,
                    },
                ));
            }
        }
        SetupError::Other(message) => match fallback {
            Some(file) => out.push((
                file,
                Problem {
                    message,
                    text: None,
                    span: None,
                },
            )),
            None => log(&message),
        },
    }
    out
}
