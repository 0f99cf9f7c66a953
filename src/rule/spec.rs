//! The TOML form of a rule pack, exactly as written by rule authors.
//!
//! Every field a kind may use is listed here and unknown keys are rejected, so
//! a typo in a rule file is an error pointing at the key, never a silently
//! ignored setting. Which keys a given kind accepts is checked in `load`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Applicability, Severity};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFileSpec {
    #[serde(default)]
    pub rule: Vec<Spanned<RuleSpec>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    Sensitive,
    Insensitive,
}

/// Where in a document a boilerplate phrase counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Head,
    Tail,
    Any,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub severity: Option<Severity>,
    pub category: Option<String>,
    pub message: Spanned<String>,
    pub explain: Option<String>,
    pub case: Option<Spanned<Case>>,
    pub word_boundary: Option<Spanned<bool>>,
    pub applicability: Option<Spanned<Applicability>>,
    pub languages: Option<Vec<String>>,

    // existence, boilerplate
    pub tokens: Option<Spanned<Vec<String>>>,
    pub patterns: Option<Spanned<Vec<Spanned<String>>>>,
    // substitution
    pub swap: Option<Spanned<BTreeMap<String, String>>>,
    pub replace: Option<Spanned<String>>,
    // boilerplate
    pub phrases: Option<Spanned<Vec<String>>>,
    pub position: Option<Spanned<Position>>,
    pub lines: Option<Spanned<u32>>,
    // consistency
    pub groups: Option<Spanned<Vec<Vec<String>>>>,
    // repetition and the procedural checks that take a word list
    pub allow: Option<Spanned<Vec<String>>>,
    // exonym
    pub people: Option<Spanned<Vec<PersonSpec>>>,
    // names
    pub names: Option<Spanned<Vec<String>>>,
    pub names_file: Option<Spanned<String>>,
    // quality
    pub metric: Option<Spanned<String>>,
    pub minimum: Option<Spanned<f64>>,
    pub maximum: Option<Spanned<f64>>,

    #[serde(default)]
    pub test: Vec<Spanned<RuleTestSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PersonSpec {
    pub foreign: String,
    pub english: String,
    #[serde(default)]
    pub given: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleTestSpec {
    pub text: String,
    pub expect: Vec<String>,
    pub fixed: Option<String>,
}

impl RuleSpec {
    /// The kind-specific keys present in this rule, with their spans, so the
    /// loader can reject a key the rule's kind does not use.
    pub fn kind_keys(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let mut keys = Vec::new();
        macro_rules! key {
            ($field:ident, $name:literal) => {
                if let Some(value) = &self.$field {
                    keys.push(($name, value.span()));
                }
            };
        }
        key!(tokens, "tokens");
        key!(patterns, "patterns");
        key!(swap, "swap");
        key!(replace, "replace");
        key!(phrases, "phrases");
        key!(position, "position");
        key!(lines, "lines");
        key!(groups, "groups");
        key!(allow, "allow");
        key!(people, "people");
        key!(names, "names");
        key!(names_file, "names-file");
        key!(metric, "metric");
        key!(minimum, "minimum");
        key!(maximum, "maximum");
        keys
    }
}
