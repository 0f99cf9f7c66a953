//! Project configuration (`artlint.toml` / `.artlint.toml`): which rules run,
//! at what severity, on which paths, and the project's vocabulary.
//!
//! Parsing and merging are pure; finding the file on disk is the CLI's job.
//! Layering: defaults < config file < `[[overrides]]` matching the path <
//! command-line flags.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::check::edit_distance::damerau_levenshtein;
use crate::check::existence::{self, Existence};
use crate::check::names::{self, NameIndex, Names};
use crate::diagnostic::Severity;
use crate::rule::{Case, Rule, RuleKind};

/// A problem in a configuration: the file and the position it points at
/// (when it comes from a file), what is wrong, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file; `None` for settings not read from one
    /// (command-line flags, a front end's own settings).
    pub path: Option<String>,
    /// Where in the file, when the problem has a position.
    pub location: Option<Location>,
    pub message: String,
    /// A hint: the closest rule id, or where to look.
    pub note: Option<String>,
}

/// A position in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The byte range the error points at.
    pub span: Range<usize>,
}

impl ConfigError {
    /// A problem in the file `path`, whose text is `text`, at `span` if known.
    fn in_file(path: &str, text: &str, span: Option<Range<usize>>, message: String) -> ConfigError {
        ConfigError {
            path: Some(path.to_string()),
            location: span.map(|span| Location::of(text, span)),
            message,
            note: None,
        }
    }

    /// A problem in settings that did not come from a file.
    fn in_settings(message: String) -> ConfigError {
        ConfigError {
            path: None,
            location: None,
            message,
            note: None,
        }
    }
}

impl Location {
    fn of(text: &str, span: Range<usize>) -> Location {
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &text[..start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            span,
        }
    }
}

impl fmt::Display for ConfigError {
    /// `path:line:column: message`, as much of the position as is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{path}:")?;
            if let Some(at) = &self.location {
                write!(f, "{}:{}:", at.line, at.column)?;
            }
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// When the exit status becomes 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The keys a config file and each `[[overrides]]` entry may set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// Rule-id glob → severity.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
    /// Words and names that must never be flagged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// Words that must always be flagged (`vocab/reject`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reject: Vec<String>,
    /// Extra names for the names rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

/// Declares a struct with the [`Settings`] keys inline plus its own keys.
/// (Not `#[serde(flatten)]`: it loses the positions of unknown-key errors.)
macro_rules! with_settings {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            #[serde(skip_serializing_if = "Option::is_none")]
            pub select: Option<Vec<String>>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub ignore: Vec<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub fail_on: Option<FailOn>,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            pub severity: BTreeMap<String, Severity>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub accept: Vec<String>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub reject: Vec<String>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub names: Vec<String>,
        }

        impl $name {
            /// The [`Settings`] keys of this table.
            pub fn settings(&self) -> Settings {
                Settings {
                    select: self.select.clone(),
                    ignore: self.ignore.clone(),
                    fail_on: self.fail_on,
                    severity: self.severity.clone(),
                    accept: self.accept.clone(),
                    reject: self.reject.clone(),
                    names: self.names.clone(),
                }
            }
        }
    };
}

with_settings! {
    /// A whole config file.
    Config {
        /// Extra rule packs, relative to the config file.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        rule_dirs: Vec<String>,
        /// Files with names listed one a line, added to `names`; relative to the config file.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        names_files: Vec<String>,
        /// Path globs (relative to the config file) never linted when walking.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        exclude: Vec<String>,
        /// Path globs (relative to the config file) linted when walking
        /// although their extension is not a known format's (or they have
        /// none): `articles/*`, `*.rst`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        extend_include: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        overrides: Vec<Override>,
        /// Where the file came from and where its rule selectors are written
        /// (set by [`Config::parse`]), so a selector that matches no rule can
        /// be reported at its line and column.
        #[serde(skip)]
        origin: Option<Origin>,
        /// The path globs, compiled on first use (not once per file).
        #[serde(skip)]
        compiled: CompiledGlobs,
    }
}

/// A config file's path globs, compiled once and shared by its clones.
/// Compiled from the config's own lists, so two configs with equal lists
/// are equal whatever this holds.
#[derive(Debug, Clone, Default)]
pub struct CompiledGlobs(Arc<std::sync::OnceLock<PathGlobs>>);

impl PartialEq for CompiledGlobs {
    fn eq(&self, _: &CompiledGlobs) -> bool {
        true
    }
}

#[derive(Debug)]
struct PathGlobs {
    exclude: Option<GlobSet>,
    extend_include: Option<GlobSet>,
    overrides: Vec<Option<GlobSet>>,
}

/// The file a [`Config`] was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub path: String,
    pub text: Arc<str>,
    /// Every rule-id glob of `select`, `ignore` and `severity`, in the file
    /// and in its `[[overrides]]`.
    pub selectors: Vec<Selector>,
}

/// A rule-id glob as written in a config file.
#[derive(Debug, Clone, PartialEq)]
pub struct Selector {
    /// The key it is listed under: `select`, `ignore` or `severity`.
    pub key: &'static str,
    pub glob: String,
    /// Byte range of the string in the file.
    pub span: Range<usize>,
}

/// The string-valued keys of a config file with their positions (a second,
/// lenient reading of the same text: other keys are ignored here).
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct Positions {
    select: Vec<Spanned<String>>,
    ignore: Vec<Spanned<String>>,
    severity: BTreeMap<Spanned<String>, serde::de::IgnoredAny>,
    accept: Vec<Spanned<String>>,
    reject: Vec<Spanned<String>>,
    names: Vec<Spanned<String>>,
    overrides: Vec<Positions>,
}

with_settings! {
    /// Settings for the paths matching `paths` (globs relative to the config file).
    Override {
        paths: Vec<String>,
    }
}

impl Config {
    /// Parses a config file; errors point at the offending key.
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        let error = |span, message: String| ConfigError::in_file(path, text, span, message);
        let mut config: Config = toml::from_str(text)
            .map_err(|e| error(e.span(), e.message().trim_end().to_string()))?;
        let positions: Positions = toml::from_str(text)
            .map_err(|e| error(e.span(), e.message().trim_end().to_string()))?;
        let mut selectors = Vec::new();
        let mut tables = vec![&positions];
        while let Some(table) = tables.pop() {
            // An empty word would match at every position: `reject = [""]`
            // flagged every byte of every file.
            for (key, words) in [
                ("accept", &table.accept),
                ("reject", &table.reject),
                ("names", &table.names),
            ] {
                if let Some(word) = words.iter().find(|w| w.get_ref().trim().is_empty()) {
                    return Err(error(
                        Some(word.span()),
                        format!("`{key}` has an empty or whitespace-only entry"),
                    ));
                }
            }
            let globs = (table.select.iter().map(|g| ("select", g)))
                .chain(table.ignore.iter().map(|g| ("ignore", g)))
                .chain(table.severity.keys().map(|g| ("severity", g)));
            for (key, glob) in globs {
                Glob::new(glob.get_ref()).map_err(|e| {
                    error(
                        Some(glob.span()),
                        format!("invalid rule glob in `{key}`: {}", e.kind()),
                    )
                })?;
                selectors.push(Selector {
                    key,
                    glob: glob.get_ref().clone(),
                    span: glob.span(),
                });
            }
            tables.extend(table.overrides.iter().rev());
        }
        selectors.sort_by_key(|s| s.span.start);
        config.origin = Some(Origin {
            path: path.to_string(),
            text: Arc::from(text),
            selectors,
        });
        let check_globs = |globs: &[String], what: &str| -> Result<(), ConfigError> {
            for g in globs {
                Glob::new(g).map_err(|e| {
                    error(
                        text.find(g.as_str()).map(|i| i..i + g.len()),
                        format!("invalid glob in `{what}`: {e}"),
                    )
                })?;
            }
            Ok(())
        };
        check_globs(&config.exclude, "exclude")?;
        check_globs(&config.extend_include, "extend-include")?;
        for o in &config.overrides {
            check_globs(&o.paths, "overrides.paths")?;
        }
        Ok(config)
    }

    fn globs(&self) -> &PathGlobs {
        self.compiled.0.get_or_init(|| PathGlobs {
            exclude: glob_set(&self.exclude),
            extend_include: glob_set(&self.extend_include),
            overrides: self.overrides.iter().map(|o| glob_set(&o.paths)).collect(),
        })
    }

    /// True when [`Config::settings_for`] depends on the path: the file has
    /// `[[overrides]]`. Without, one configuration gives every path it
    /// covers the same settings.
    pub fn has_overrides(&self) -> bool {
        !self.overrides.is_empty()
    }

    /// The settings for a path relative to the config file's folder.
    pub fn settings_for(&self, relative_path: &str) -> Settings {
        let mut settings = self.settings();
        for (o, set) in self.overrides.iter().zip(&self.globs().overrides) {
            if set.as_ref().is_some_and(|set| set.is_match(relative_path)) {
                settings.merge(&o.settings());
            }
        }
        settings
    }

    /// True for a path (relative to the config file's folder) that `exclude`
    /// keeps out of folder walks.
    pub fn is_excluded(&self, relative_path: &str) -> bool {
        self.globs()
            .exclude
            .as_ref()
            .is_some_and(|set| set.is_match(relative_path))
    }

    /// True for a path (relative to the config file's folder) that
    /// `extend-include` adds to folder walks.
    pub fn is_included(&self, relative_path: &str) -> bool {
        self.globs()
            .extend_include
            .as_ref()
            .is_some_and(|set| set.is_match(relative_path))
    }

    /// The file's rule selectors (`select`, `ignore`, `severity`, in the file
    /// and its overrides) that match none of `rule_ids`, as errors pointing at
    /// each: a misspelt selector would otherwise select nothing (and lint
    /// nothing) or ignore nothing, silently.
    pub fn unknown_selectors(&self, rule_ids: &[&str]) -> Vec<ConfigError> {
        let Some(origin) = &self.origin else {
            return Vec::new();
        };
        origin
            .selectors
            .iter()
            .filter_map(|s| {
                let problem = unknown_selector(&s.glob, rule_ids)?;
                Some(ConfigError {
                    note: Some(problem),
                    ..ConfigError::in_file(
                        &origin.path,
                        &origin.text,
                        Some(s.span.clone()),
                        format!("`{}` in `{}` matches no rule", s.glob, s.key),
                    )
                })
            })
            .collect()
    }
}

/// The id of the rule built from the configuration's `reject` list; always a
/// known id for selectors, whether or not the list is empty.
pub const REJECT_RULE_ID: &str = "vocab/reject";

/// `None` when the rule-id glob matches one of `rule_ids` (or is not a valid
/// glob: that is reported where globs are compiled); otherwise a hint naming
/// the closest rule id (or `pack/*`), by edit distance.
pub fn unknown_selector(glob: &str, rule_ids: &[&str]) -> Option<String> {
    let matcher = Glob::new(glob).ok()?.compile_matcher();
    if rule_ids.iter().any(|id| matcher.is_match(id)) || matcher.is_match(REJECT_RULE_ID) {
        return None;
    }
    let mut candidates: Vec<String> = rule_ids.iter().map(|id| id.to_string()).collect();
    candidates.push(REJECT_RULE_ID.to_string());
    let packs: std::collections::BTreeSet<String> = candidates
        .iter()
        .filter_map(|id| id.split_once('/').map(|(pack, _)| format!("{pack}/*")))
        .collect();
    candidates.extend(packs);
    // Close enough to be a typo: at most a third of the selector's length (and
    // at least 2) edits away.
    let limit = (glob.chars().count() / 3).max(2);
    let closest = candidates
        .iter()
        .map(|c| (damerau_levenshtein(glob, c, limit), c))
        .filter(|(d, _)| *d <= limit)
        .min();
    Some(match closest {
        Some((_, id)) => format!("did you mean `{id}`?"),
        None => "`artlint rules` lists the rule ids".to_string(),
    })
}

fn glob_set(globs: &[String]) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        builder.add(Glob::new(g).ok()?);
        // `dir` also means everything below it.
        if !g.contains('*') {
            builder.add(Glob::new(&format!("{}/**", g.trim_end_matches('/'))).ok()?);
        }
    }
    builder.build().ok()
}

impl Settings {
    /// Layers `other` on top: a set `select`/`fail-on` replaces, lists and
    /// severity maps extend.
    pub fn merge(&mut self, other: &Settings) {
        if other.select.is_some() {
            self.select.clone_from(&other.select);
        }
        self.ignore.extend(other.ignore.iter().cloned());
        if other.fail_on.is_some() {
            self.fail_on = other.fail_on;
        }
        self.severity
            .extend(other.severity.iter().map(|(k, v)| (k.clone(), *v)));
        self.accept.extend(other.accept.iter().cloned());
        self.reject.extend(other.reject.iter().cloned());
        self.names.extend(other.names.iter().cloned());
    }

    /// Applies the settings to a loaded pack: selection, severities, the
    /// project's names, and a `vocab/reject` rule for rejected words.
    /// A rule glob that is not valid is an error: settings from a file
    /// were checked by [`Config::parse`], so it comes from elsewhere.
    pub fn configure(&self, mut rules: Vec<Rule>) -> Result<Vec<Rule>, ConfigError> {
        let build = |globs: &[String]| -> Result<GlobSet, ConfigError> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| {
                    ConfigError::in_settings(format!("invalid rule glob `{g}`: {e}"))
                })?);
            }
            b.build()
                .map_err(|e| ConfigError::in_settings(e.to_string()))
        };
        let select = self.select.as_deref().map(build).transpose()?;
        let ignore = build(&self.ignore)?;
        if !self.reject.is_empty() {
            rules.push(reject_rule(&self.reject));
        }
        rules.retain(|r| {
            select.as_ref().is_none_or(|s| s.is_match(&*r.id)) && !ignore.is_match(&*r.id)
        });
        // Later, more specific entries win: order by glob length.
        let mut severities: Vec<(&String, &Severity)> = self.severity.iter().collect();
        severities.sort_by_key(|(g, _)| g.len());
        for (glob, severity) in severities {
            let set = build(std::slice::from_ref(glob))?;
            for rule in rules.iter_mut().filter(|r| set.is_match(&*r.id)) {
                rule.severity = *severity;
            }
        }
        if !self.names.is_empty() {
            for rule in &mut rules {
                if let Some(Names { index }) = rule.kind.downcast_ref() {
                    let all = index.names().chain(self.names.iter().map(String::as_str));
                    let index = Arc::new(NameIndex::new(all, index.min_surname()));
                    rule.kind = RuleKind::new(&names::KIND, Arc::new(Names { index }));
                }
            }
        }
        Ok(rules)
    }
}

fn reject_rule(words: &[String]) -> Rule {
    Rule {
        id: Arc::from("vocab/reject"),
        kind: RuleKind::new(
            &existence::KIND,
            Arc::new(Existence {
                literals: words.to_vec(),
                patterns: Vec::new(),
                case_insensitive: false,
            }),
        ),
        severity: Severity::Warning,
        category: "vocabulary".into(),
        message: "'{match}' is on the project's reject list".into(),
        explain: "A word the project's configuration (`reject = [...]`) says must never appear."
            .into(),
        case: Case::Sensitive,
        word_boundary: true,
        applicability: crate::diagnostic::Applicability::DisplayOnly,
        tests: Vec::new(),
        languages: Vec::new(),
        origin: "configuration".into(),
    }
}

/// A commented starter configuration for `artlint init`.
pub const STARTER: &str = r#"# artlint configuration. Found by artlint in the linted file's folder or any
# folder above it, up to the repository root (the nearest wins); `--config
# FILE` names one, `--isolated` ignores them all. Every key is optional.

# Rules to run, as rule-id globs (default: every rule of the loaded packs).
# A glob here, in `ignore` or in `[severity]` that matches no rule is an error.
# select = ["scrape/*", "names/*", "acronym/*", "punctuation/*", "markup/*"]

# Rules to skip.
# ignore = ["repetition/overuse"]

# Lowest severity that makes `artlint check` exit with status 1:
# "error", "warning" (default), "info" or "never".
# fail-on = "warning"

# Extra rule packs (folders of .toml rule files), relative to this file.
# rule-dirs = ["house-rules"]

# Paths never linted when walking folders (globs relative to this file).
# exclude = ["drafts/**", "vendor"]

# Files linted when walking folders although their extension is not one
# artlint knows (.txt .md .html .jsonl …) or they have none.
# extend-include = ["articles/*", "*.text"]

# Words and names that must never be flagged, and words that always are.
# accept = ["Kassym-Jomart"]
# reject = ["utilise"]

# Extra names for `names/misspelled` (one per entry, or files with one a line).
# names = ["Jane Doe"]
# names-files = ["names.txt"]

# Severity per rule glob.
# [severity]
# "quality/*" = "info"
# "names/misspelled" = "error"

# Settings for some paths only.
# [[overrides]]
# paths = ["archive/**"]
# ignore = ["quality/*"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_layer_on_the_base() {
        let config = Config::parse(
            "artlint.toml",
            "ignore = [\"a/*\"]\nfail-on = \"error\"\n[severity]\n\"b/*\" = \"info\"\n[[overrides]]\npaths = [\"archive\"]\nignore = [\"c/*\"]\nfail-on = \"never\"\n",
        )
        .unwrap();
        let base = config.settings_for("news/x.txt");
        assert_eq!(base.ignore, ["a/*"]);
        assert_eq!(base.fail_on, Some(FailOn::Error));
        let archived = config.settings_for("archive/2019/x.txt");
        assert_eq!(archived.ignore, ["a/*", "c/*"]);
        assert_eq!(archived.fail_on, Some(FailOn::Never));
    }

    #[test]
    fn unknown_keys_point_into_the_file() {
        let e = Config::parse("artlint.toml", "select = [\"a/*\"]\nfail_on = \"x\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("artlint.toml:2:1: unknown field `fail_on`"),
            "{e}"
        );
        let e = Config::parse("artlint.toml", "fail-on = \"sometimes\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("artlint.toml:1:11: unknown variant `sometimes`"),
            "{e}"
        );
    }

    #[test]
    fn starter_config_parses() {
        let mut config = Config::parse("artlint.toml", STARTER).unwrap();
        assert_eq!(config.origin.take().unwrap().selectors, []);
        assert_eq!(config, Config::default());
    }

    #[test]
    fn empty_vocabulary_entries_are_errors_at_their_position() {
        for (text, expected) in [
            (
                "reject = [\"utilise\", \"\"]\n",
                "artlint.toml:1:22: `reject` has an empty or whitespace-only entry",
            ),
            (
                "accept = [\" \"]\n",
                "artlint.toml:1:11: `accept` has an empty or whitespace-only entry",
            ),
            (
                "[[overrides]]\npaths = [\"a\"]\nnames = [\"\\t\"]\n",
                "artlint.toml:3:10: `names` has an empty or whitespace-only entry",
            ),
        ] {
            let e = Config::parse("artlint.toml", text).unwrap_err();
            assert_eq!(e.to_string(), expected, "{text}");
        }
        assert!(Config::parse("artlint.toml", "reject = [\"x\"]\naccept = [\"y z\"]\n").is_ok());
    }

    #[test]
    fn selectors_that_match_no_rule_are_reported_with_a_suggestion() {
        let config = Config::parse(
            "artlint.toml",
            "select = [\"scrape/*\", \"nope/x\"]\nignore = [\"names/exonim\"]\n[severity]\n\"scrap/*\" = \"info\"\n[[overrides]]\npaths = [\"a\"]\nignore = [\"vocab/reject\", \"names/*\"]\n",
        )
        .unwrap();
        let ids = ["scrape/source-link", "names/exonym"];
        let errors: Vec<String> = config
            .unknown_selectors(&ids)
            .iter()
            .map(|e| format!("{e} ({})", e.note.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            errors,
            [
                "artlint.toml:1:23: `nope/x` in `select` matches no rule (`artlint rules` lists the rule ids)",
                "artlint.toml:2:11: `names/exonim` in `ignore` matches no rule (did you mean `names/exonym`?)",
                "artlint.toml:4:1: `scrap/*` in `severity` matches no rule (did you mean `scrape/*`?)",
            ]
        );
    }

    #[test]
    fn errors_carry_their_file_line_and_column() {
        let e =
            Config::parse("a.toml", "accept = [\"x\"]\n\n  reject = [\"é\", \"\"]\n").unwrap_err();
        let at = e.location.clone().expect("a position");
        assert_eq!(
            (e.path.as_deref(), at.line, at.column),
            (Some("a.toml"), 3, 18)
        );
        assert_eq!(
            &"accept = [\"x\"]\n\n  reject = [\"é\", \"\"]\n"[at.span],
            "\"\""
        );
        assert_eq!(e.message, "`reject` has an empty or whitespace-only entry");
        let settings = Settings {
            ignore: vec!["a/[b".into()],
            ..Settings::default()
        };
        let e = settings.configure(Vec::new()).unwrap_err();
        assert_eq!((&e.path, &e.location), (&None, &None));
        assert_eq!(
            e.to_string(),
            "invalid rule glob `a/[b`: error parsing glob 'a/[b': unclosed character class; missing ']'"
        );
    }

    #[test]
    fn invalid_rule_globs_point_into_the_file() {
        let e = Config::parse("artlint.toml", "ignore = [\"a/[b\"]\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "artlint.toml:1:11: invalid rule glob in `ignore`: unclosed character class; missing ']'"
        );
    }
}
