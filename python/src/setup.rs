//! From the `Linter(...)` arguments to a compiled [`RuleSet`]: the built-in
//! pack, the `rules=` packs, the `config=` file (its `rule-dirs`,
//! `names-files` and settings) and the `select=`/`ignore=` globs on top, the
//! layering the CLI applies (defaults < config file < arguments).
//!
//! Pure Rust with errors as values, so the Python layer only maps them to
//! exceptions.

use std::fmt;
use std::path::{Path, PathBuf};

use artlint::config::{Config, ConfigError, Settings, unknown_selector};
use artlint::{RuleError, RuleSet, builtin_pack, load_pack};

use crate::packs::read_pack;

/// What `Linter(...)` was given.
#[derive(Debug, Default)]
pub(crate) struct Options {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub config: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
}

/// Why no rule set could be built. Each message names the file, and the
/// line and column when the problem has a position.
#[derive(Debug)]
pub(crate) enum SetupError {
    /// Problems in the configuration file, or in `select=`/`ignore=`.
    Config(Vec<ConfigError>),
    /// Problems in rule files.
    Rules(Vec<RuleError>),
    /// A file that cannot be read; `not_found` when it does not exist.
    Io {
        message: String,
        not_found: bool,
    },
    Other(String),
}

impl SetupError {
    pub(crate) fn io(what: &str, path: &Path, error: std::io::Error) -> SetupError {
        SetupError::Io {
            message: format!("{}: cannot read {what}: {error}", path.display()),
            not_found: error.kind() == std::io::ErrorKind::NotFound,
        }
    }
}

impl fmt::Display for SetupError {
    /// One line a problem, each `file:line:column: message (note)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with_note = |shown: String, note: &Option<String>| match note {
            Some(note) => format!("{shown} ({note})"),
            None => shown,
        };
        let lines: Vec<String> = match self {
            SetupError::Config(errors) => errors
                .iter()
                .map(|e| with_note(e.to_string(), &e.note))
                .collect(),
            SetupError::Rules(errors) => errors
                .iter()
                .map(|e| with_note(e.to_string(), &e.note))
                .collect(),
            SetupError::Io { message, .. } | SetupError::Other(message) => vec![message.clone()],
        };
        f.write_str(&lines.join("\n"))
    }
}

/// Loads, selects and compiles the rules `options` describe.
pub(crate) fn rule_set(options: &Options) -> Result<RuleSet, SetupError> {
    let mut files = builtin_pack();
    for path in &options.rules {
        files.extend(read_pack(path)?);
    }
    let config = options.config.as_deref().map(read_config).transpose()?;
    let mut settings = Settings::default();
    if let Some((config, dir)) = &config {
        settings = config.settings();
        for relative in &config.rule_dirs {
            files.extend(read_pack(&dir.join(relative))?);
        }
        for relative in &config.names_files {
            let path = dir.join(relative);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| SetupError::io("names file", &path, e))?;
            settings.names.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string),
            );
        }
    }
    let rules = load_pack(&files).map_err(SetupError::Rules)?;
    let ids: Vec<&str> = rules.iter().map(|r| &*r.id).collect();
    if let Some((config, _)) = &config {
        let unknown = config.unknown_selectors(&ids);
        if !unknown.is_empty() {
            return Err(SetupError::Config(unknown));
        }
    }
    check_selectors(options, &ids)?;
    settings.merge(&Settings {
        select: options.select.clone(),
        ignore: options.ignore.clone(),
        ..Settings::default()
    });
    let rules = settings
        .configure(rules)
        .map_err(|e| SetupError::Config(vec![e]))?;
    Ok(RuleSet::new(rules).with_accepted(settings.accept))
}

/// The parsed configuration file and the folder its paths are relative to.
fn read_config(path: &Path) -> Result<(Config, PathBuf), SetupError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| SetupError::io("configuration", path, e))?;
    let config = Config::parse(&path.display().to_string(), &text)
        .map_err(|e| SetupError::Config(vec![e]))?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok((config, dir))
}

/// `select=` and `ignore=` globs that match no rule are errors: a misspelt
/// id would otherwise select nothing, silently (as the CLI's flags).
fn check_selectors(options: &Options, ids: &[&str]) -> Result<(), SetupError> {
    let globs = (options.select.iter().flatten().map(|g| ("select", g)))
        .chain(options.ignore.iter().map(|g| ("ignore", g)));
    let problems: Vec<ConfigError> = globs
        .filter_map(|(argument, glob)| {
            let hint = unknown_selector(glob, ids)?;
            Some(ConfigError {
                path: None,
                location: None,
                message: format!("`{glob}` in {argument}= matches no rule"),
                note: Some(hint),
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SetupError::Config(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(set: &RuleSet) -> Vec<String> {
        set.rules().iter().map(|r| r.id.to_string()).collect()
    }

    #[test]
    fn select_and_ignore_choose_rules() {
        let options = Options {
            select: Some(vec!["names/*".into()]),
            ignore: vec!["names/exonym".into()],
            ..Options::default()
        };
        let chosen = ids(&rule_set(&options).unwrap());
        assert!(!chosen.is_empty());
        assert!(
            chosen.iter().all(|id| id.starts_with("names/")),
            "{chosen:?}"
        );
        assert!(!chosen.iter().any(|id| id == "names/exonym"));
    }

    #[test]
    fn a_glob_matching_no_rule_is_an_error_with_a_hint() {
        let options = Options {
            select: Some(vec!["names/exonim".into()]),
            ..Options::default()
        };
        let error = rule_set(&options).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`names/exonim` in select= matches no rule (did you mean `names/exonym`?)"
        );
    }

    #[test]
    fn a_bad_config_file_is_reported_at_its_line_and_column() {
        let dir = std::env::temp_dir().join(format!("artlint-py-setup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("artlint.toml");
        std::fs::write(&path, "select = [\"names/*\"]\nfail-on = \"sometimes\"\n").unwrap();
        let options = Options {
            config: Some(path.clone()),
            ..Options::default()
        };
        let error = rule_set(&options).unwrap_err();
        assert!(matches!(error, SetupError::Config(_)));
        let shown = error.to_string();
        let expected = format!("{}:2:11: ", path.display());
        assert!(shown.starts_with(&expected), "{shown}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let options = Options {
            rules: vec!["/nonexistent/pack".into()],
            ..Options::default()
        };
        let error = rule_set(&options).unwrap_err();
        assert!(matches!(
            error,
            SetupError::Io {
                not_found: true,
                ..
            }
        ));
        assert!(
            error
                .to_string()
                .starts_with("/nonexistent/pack: cannot read rule pack: "),
            "{error}"
        );
    }
}
