//! The keys of a rule file: the ones every rule has, declared here, and the
//! ones a kind reads, declared by the kind (see [`crate::check::kind`]).
//!
//! Unknown keys are rejected and every value's type is checked before any
//! rule compiles, in the order serde would (keys alphabetically, then the
//! missing required ones), so a typo in a rule file is an error pointing at
//! the key, never a silently ignored setting. Which keys a given kind
//! accepts is checked in `load`.

use std::fmt;
use std::sync::OnceLock;

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::check::KINDS;
use crate::check::kind::{Case, Key, KeyDecl};
use crate::diagnostic::{Applicability, Severity};

pub(crate) const ID: Key<String> = Key::new("id");
pub(crate) const KIND: Key<String> = Key::new("kind");
pub(crate) const SEVERITY: Key<Severity> = Key::new("severity");
pub(crate) const CATEGORY: Key<String> = Key::new("category");
pub(crate) const MESSAGE: Key<String> = Key::new("message");
pub(crate) const EXPLAIN: Key<String> = Key::new("explain");
pub(crate) const CASE: Key<Case> = Key::new("case");
pub(crate) const WORD_BOUNDARY: Key<bool> = Key::new("word-boundary");
pub(crate) const APPLICABILITY: Key<Applicability> = Key::new("applicability");
pub(crate) const LANGUAGES: Key<Vec<String>> = Key::new("languages");
/// `[[rule.test]]`: listed after the kinds' keys in error messages.
pub(crate) const TEST: Key<Vec<Spanned<RuleTestSpec>>> = Key::new("test");

const TEST_DECL: KeyDecl = TEST.decl();

/// The keys every rule may have, besides `test`.
const COMMON: &[KeyDecl] = &[
    ID.decl(),
    KIND.decl(),
    SEVERITY.decl(),
    CATEGORY.decl(),
    MESSAGE.decl(),
    EXPLAIN.decl(),
    CASE.decl(),
    WORD_BOUNDARY.decl(),
    APPLICABILITY.decl(),
    LANGUAGES.decl(),
];

/// Keys a rule must have, in the order their absence is reported.
pub(crate) const REQUIRED: &[&str] = &["id", "kind", "message"];

/// The top-level keys of a rule file.
pub(crate) const FILE_KEYS: &[&str] = &["rule"];

/// An example in a rule file (`[[rule.test]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleTestSpec {
    pub text: String,
    pub expect: Vec<String>,
    pub fixed: Option<String>,
}

/// Every key a rule may have, in the order error messages list them: the
/// common ones, each kind's own in [`KINDS`] order, then `test`.
pub(crate) fn rule_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<&'static str> = COMMON.iter().map(|k| k.name).collect();
        for key in kind_keys() {
            if !keys.contains(&key.name) {
                keys.push(key.name);
            }
        }
        keys.push(TEST.name);
        keys
    })
}

/// Every kind's keys, in [`KINDS`] order (a key several kinds take appears
/// once per kind).
pub(crate) fn kind_keys() -> impl Iterator<Item = &'static KeyDecl> {
    KINDS.iter().flat_map(|kind| kind.keys)
}

/// The declaration of a key: a common key's, or the first kind's that
/// takes it.
pub(crate) fn key_decl(name: &str) -> Option<KeyDecl> {
    COMMON
        .iter()
        .chain(std::iter::once(&TEST_DECL))
        .chain(kind_keys())
        .find(|k| k.name == name)
        .copied()
}

/// Only serde's errors for a `[[rule]]` entry that is not a table:
/// "expected struct RuleSpec", or for a datetime (a map to serde) its
/// unknown key. A table of known keys passes.
pub(crate) struct RuleTable;

impl<'de> Deserialize<'de> for RuleTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RuleTable, D::Error> {
        deserializer.deserialize_struct("RuleSpec", &[], RuleTableVisitor)
    }
}

struct RuleTableVisitor;

impl<'de> Visitor<'de> for RuleTableVisitor {
    type Value = RuleTable;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RuleSpec")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleTable, A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if !rule_keys().contains(&key.as_str()) {
                return Err(A::Error::unknown_field(&key, rule_keys()));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(RuleTable)
    }
}
