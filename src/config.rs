//! Project configuration (`artlint.toml` / `.artlint.toml`): which rules run,
//! at what severity, on which paths, and the project's vocabulary.
//!
//! Parsing and merging are pure; finding the file on disk is the CLI's job.
//! Layering: defaults < config file < `[[overrides]]` matching the path <
//! command-line flags.

use std::collections::BTreeMap;
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::check::existence::{self, Existence};
use crate::check::names::{self, NameIndex, Names};
use crate::diagnostic::Severity;
use crate::rule::{Case, Rule, RuleError, RuleKind};

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
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        overrides: Vec<Override>,
    }
}

with_settings! {
    /// Settings for the paths matching `paths` (globs relative to the config file).
    Override {
        paths: Vec<String>,
    }
}

impl Config {
    /// Parses a config file; errors point at the offending key.
    pub fn parse(path: &str, text: &str) -> Result<Config, RuleError> {
        let error = |span, message: String| RuleError {
            path: path.to_string(),
            source_text: Arc::from(text),
            span,
            message,
            note: None,
        };
        let config: Config = toml::from_str(text)
            .map_err(|e| error(e.span(), e.message().trim_end().to_string()))?;
        let check_globs = |globs: &[String], what: &str| -> Result<(), RuleError> {
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
        for o in &config.overrides {
            check_globs(&o.paths, "overrides.paths")?;
        }
        Ok(config)
    }

    /// The settings for a path relative to the config file's folder.
    pub fn settings_for(&self, relative_path: &str) -> Settings {
        let mut settings = self.settings();
        for o in &self.overrides {
            if glob_set(&o.paths).is_some_and(|set| set.is_match(relative_path)) {
                settings.merge(&o.settings());
            }
        }
        settings
    }

    pub fn is_excluded(&self, relative_path: &str) -> bool {
        glob_set(&self.exclude).is_some_and(|set| set.is_match(relative_path))
    }
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
    pub fn configure(&self, mut rules: Vec<Rule>) -> Result<Vec<Rule>, String> {
        let build = |globs: &[String]| -> Result<GlobSet, String> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("invalid rule glob `{g}`: {e}"))?);
            }
            b.build().map_err(|e| e.to_string())
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
# folder above it (the nearest wins); `--config FILE` names one, `--isolated`
# ignores them all. Every key is optional.

# Rules to run, as rule-id globs (default: every rule of the loaded packs).
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
        assert_eq!(
            Config::parse("artlint.toml", STARTER).unwrap(),
            Config::default()
        );
    }
}
