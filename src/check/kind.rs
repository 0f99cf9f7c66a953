//! What a rule kind is. A kind is one module of `check/` that exports one
//! [`Kind`]: the rule-file keys it reads (typed [`Key`]s), the message
//! placeholders it fills, how it compiles a rule's keys into its data, and,
//! through the [`Check`] trait on that data, how the rule checks a document.
//! [`KINDS`](super::KINDS) lists them; the loader and the
//! [`RuleSet`](crate::RuleSet) know kinds only through this contract.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::sync::Arc;

use regex::Captures;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::DeValue;

use super::facts::FactCheck;
use super::meta::RuleMeta;
use super::pattern::Pattern;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

/// A rule kind: its name in rule files, the keys and placeholders it
/// accepts, and how it compiles and runs.
pub struct Kind {
    /// The `kind = "..."` of rule files.
    pub name: &'static str,
    /// The keys a rule of this kind may have besides the common ones.
    pub keys: &'static [KeyDecl],
    /// The `{placeholders}` its diagnostics fill in a rule's message (named
    /// regex captures are accepted too, for kinds with `patterns`).
    pub placeholders: &'static [&'static str],
    /// Compiles one rule: reads the kind's keys from `spec` and checks them.
    pub compile: Compile,
    /// How the rules of this kind in a rule set run on a document, when they
    /// share work (one index of every boilerplate phrase, one count of the
    /// document's statistics). `None`: each rule runs its [`Check::check`].
    pub prepare: Option<Prepare>,
}

/// [`Kind::compile`].
pub type Compile = fn(&mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError>;

/// [`Kind::prepare`]: the rule set's compiled rules and the indexes of this
/// kind's rules among them.
pub type Prepare = fn(&[CompiledRule], Vec<u32>) -> Box<dyn KindRun>;

impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kind").field("name", &self.name).finish()
    }
}

/// The message placeholders the procedural checks may fill.
pub const PROCEDURAL: &[&str] = &[
    "match",
    "replacement",
    "detail",
    "count",
    "value",
    "threshold",
];

/// What a compiled rule does with a document. Every method has a default
/// that does nothing, so a kind implements only the stages it takes part in:
/// literal kinds contribute [`literals`](Check::literals) and
/// [`patterns`](Check::patterns) to the rule set's shared automaton and
/// regex set and say what a match means; procedural kinds implement
/// [`check`](Check::check).
pub trait Check: Any + fmt::Debug + Send + Sync {
    /// The literals this rule puts into the shared Aho-Corasick automaton,
    /// each with the item number its hits carry back.
    fn literals(&self) -> Literals<'_> {
        Literals::default()
    }

    /// The regexes this rule runs on whole documents (behind the rule set's
    /// literal gate); a hit carries the pattern's index as its item.
    fn patterns(&self) -> &[Pattern] {
        &[]
    }

    /// This rule's literal hits in one document, in document order (only
    /// those at word boundaries, if the rule asks for them).
    fn literal_hits(
        &self,
        _doc: &Document,
        _rule: &RuleMeta,
        _hits: &[Hit],
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// One match of pattern `item`; `span` is its `span` capture group, or
    /// the whole match.
    fn pattern_hit(
        &self,
        _doc: &Document,
        _rule: &RuleMeta,
        _item: u32,
        _caps: &Captures<'_>,
        _span: Span,
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// Checks a document on its own terms (the procedural kinds).
    fn check(&self, _doc: &Document, _rule: &RuleMeta, _out: &mut Vec<Diagnostic>) {}

    /// The same check split into facts gathered per section and a decision
    /// over them (see [`facts`](super::facts)), for a check over the whole
    /// document whose [`check`](Check::check) is made of the two; `None`
    /// for the rest.
    fn facts(&self) -> Option<&dyn FactCheck> {
        None
    }

    /// Checks the raw bytes of a file that is not valid UTF-8, before the
    /// lossy decoding every other check sees.
    fn check_invalid_utf8(
        &self,
        _rule: &RuleMeta,
        _bytes: &[u8],
        _error: std::str::Utf8Error,
        _out: &mut Vec<Diagnostic>,
    ) {
    }
}

/// The literals a rule contributes to the shared automaton.
#[derive(Debug, Default)]
pub struct Literals<'a> {
    /// `(item, literal)`: a hit on `literal` reports `item`.
    pub items: Vec<(u32, &'a str)>,
    /// Match ignoring case (non-ASCII literals then go through a regex).
    pub case_insensitive: bool,
}

/// A match of one of a rule's literals.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// The rule's index in its rule set.
    pub rule: u32,
    /// The literal's item number (see [`Literals::items`]).
    pub item: u32,
    pub span: Span,
}

/// The rules of one kind in a rule set, run together on each document (see
/// [`Kind::prepare`]).
pub trait KindRun: fmt::Debug + Send + Sync {
    /// Checks `doc` with this kind's rules that are `active` (indexed like `rules`).
    fn run(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    );
}

/// The default [`KindRun`]: each rule checks the document on its own, in
/// rule-set order.
#[derive(Debug)]
pub struct EachRule(pub Vec<u32>);

impl KindRun for EachRule {
    fn run(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        for &r in &self.0 {
            if active[r as usize] {
                let rule = &rules[r as usize];
                rule.kind.check().check(doc, &rule.meta, out);
            }
        }
    }
}

/// A rule as the checks see it: its metadata and its compiled kind.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub meta: RuleMeta,
    pub kind: RuleKind,
}

/// The ids of the rules of `kinds`: for a kind whose run reads what those
/// rules found (quality statistics, template runs).
pub fn ids_of_kinds(rules: &[CompiledRule], kinds: &[&Kind]) -> rustc_hash::FxHashSet<Arc<str>> {
    rules
        .iter()
        .filter(|r| kinds.iter().any(|k| r.kind.is(k)))
        .map(|r| r.meta.id.clone())
        .collect()
}

/// A rule's compiled kind: which [`Kind`] it is, and the rule's data for it.
#[derive(Clone)]
pub struct RuleKind {
    kind: &'static Kind,
    check: Arc<dyn Check>,
}

impl RuleKind {
    pub fn new(kind: &'static Kind, check: Arc<dyn Check>) -> RuleKind {
        RuleKind { kind, check }
    }

    /// The kind's name, as in rule files.
    pub fn name(&self) -> &'static str {
        self.kind.name
    }

    pub fn kind(&self) -> &'static Kind {
        self.kind
    }

    /// True if this is a rule of `kind`.
    pub fn is(&self, kind: &Kind) -> bool {
        self.kind.name == kind.name
    }

    pub fn check(&self) -> &dyn Check {
        &*self.check
    }

    /// The rule's data, if it is a `T` (for a kind's own [`KindRun`], and
    /// for configuration that extends a rule).
    pub fn downcast_ref<T: Check>(&self) -> Option<&T> {
        (&*self.check as &dyn Any).downcast_ref()
    }
}

impl fmt::Debug for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple(self.kind.name).field(&self.check).finish()
    }
}

/// How a rule's literals and patterns treat letter case (`case = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    Sensitive,
    Insensitive,
}

/// A rule-file key of type `T`. Declared once as a constant by the kind
/// that reads it, listed in its [`Kind::keys`] (via [`Key::decl`]) and read
/// with [`KindSpec::take`], so the name and the type are written once.
pub struct Key<T> {
    pub name: &'static str,
    validate: Validate,
    _type: PhantomData<fn() -> T>,
}

type Validate = fn(&Spanned<DeValue<'_>>) -> Result<(), toml::de::Error>;

impl<T: DeserializeOwned> Key<T> {
    pub const fn new(name: &'static str) -> Key<T> {
        Key {
            name,
            validate: validate::<T>,
            _type: PhantomData,
        }
    }
}

impl<T> Key<T> {
    /// The untyped form, for [`Kind::keys`].
    pub const fn decl(&self) -> KeyDecl {
        KeyDecl {
            name: self.name,
            validate: self.validate,
        }
    }
}

/// A key's name and a check of a value's type, for tables of keys.
#[derive(Clone, Copy)]
pub struct KeyDecl {
    pub name: &'static str,
    validate: Validate,
}

impl KeyDecl {
    /// Checks that `value` has the key's type, with serde's error (pointing
    /// at the value) if not.
    pub fn validate(&self, value: &Spanned<DeValue<'_>>) -> Result<(), toml::de::Error> {
        (self.validate)(value)
    }
}

impl fmt::Debug for KeyDecl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

fn validate<T: DeserializeOwned>(value: &Spanned<DeValue<'_>>) -> Result<(), toml::de::Error> {
    T::deserialize(value.clone().into_deserializer()).map(drop)
}

/// Regexes (`patterns = [...]`), shared by the kinds that take them. Named
/// groups are message placeholders; a group named `span` is what is reported.
pub const PATTERNS: Key<Vec<Spanned<String>>> = Key::new("patterns");

/// Words a check leaves alone (`allow = [...]`), compared lowercased.
pub const ALLOW: Key<Vec<String>> = Key::new("allow");

/// A mistake in a rule's kind-specific keys, pointing into the rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl KindError {
    pub fn at(span: Range<usize>, message: impl Into<String>) -> KindError {
        KindError {
            span: Some(span),
            message: message.into(),
        }
    }

    /// An error about the rule as a whole, without a position.
    pub fn whole(message: impl Into<String>) -> KindError {
        KindError {
            span: None,
            message: message.into(),
        }
    }
}

impl From<toml::de::Error> for KindError {
    fn from(e: toml::de::Error) -> KindError {
        KindError {
            span: e.span(),
            message: e.message().trim_end().to_string(),
        }
    }
}

/// Checks a rule-file regex (case-insensitive or not) without building a
/// matcher, giving its named groups or the error.
pub type ValidateRegex<'a> = dyn Fn(&str, bool) -> Result<Vec<String>, String> + 'a;

/// What a kind's `compile` reads: the rule's kind-specific keys, its `case`,
/// and the rest of its pack. Built by the loader.
pub struct KindSpec<'a> {
    kind: &'static Kind,
    kind_span: Range<usize>,
    case: Case,
    values: BTreeMap<&'static str, Spanned<DeValue<'a>>>,
    regex: &'a dyn Fn(&str, bool) -> Result<Pattern, String>,
    validate: &'a ValidateRegex<'a>,
    pack_file: &'a dyn Fn(&str) -> Result<&'a str, String>,
    captures: Vec<String>,
    pattern_failed: bool,
}

impl<'a> KindSpec<'a> {
    /// `values` are the rule's keys of `kind` (their types already checked);
    /// `regex` compiles a rule-file regex (with the loader's size limits);
    /// `validate` checks one as `regex` would, without building a matcher,
    /// and gives its named groups; `pack_file` reads a file of the pack
    /// relative to the rule file, or says which path it looked for.
    pub(crate) fn new(
        kind: &'static Kind,
        kind_span: Range<usize>,
        case: Case,
        values: BTreeMap<&'static str, Spanned<DeValue<'a>>>,
        regex: &'a dyn Fn(&str, bool) -> Result<Pattern, String>,
        validate: &'a ValidateRegex<'a>,
        pack_file: &'a dyn Fn(&str) -> Result<&'a str, String>,
    ) -> KindSpec<'a> {
        KindSpec {
            kind,
            kind_span,
            case,
            values,
            regex,
            validate,
            pack_file,
            captures: Vec::new(),
            pattern_failed: false,
        }
    }

    /// The value of `key`, if the rule has it.
    pub fn take<T: DeserializeOwned>(
        &mut self,
        key: &Key<T>,
    ) -> Result<Option<Spanned<T>>, KindError> {
        debug_assert!(
            self.kind.keys.iter().any(|k| k.name == key.name),
            "kind `{}` reads key `{}` without declaring it",
            self.kind.name,
            key.name
        );
        match self.values.remove(key.name) {
            None => Ok(None),
            Some(value) => Ok(Some(Spanned::<T>::deserialize(value.into_deserializer())?)),
        }
    }

    /// The value of `key`, or `default` if the rule does not set it.
    pub fn take_or<T: DeserializeOwned>(
        &mut self,
        key: &Key<T>,
        default: T,
    ) -> Result<T, KindError> {
        Ok(self.take(key)?.map_or(default, Spanned::into_inner))
    }

    /// A count threshold (`min-lines = 6`): `default` if the rule does not
    /// set it, an error pointing at the value if it is below `least`.
    pub fn count(
        &mut self,
        key: &Key<u32>,
        default: usize,
        least: u32,
    ) -> Result<usize, KindError> {
        match self.take(key)? {
            None => Ok(default),
            Some(value) if *value.get_ref() < least => Err(KindError::at(
                value.span(),
                format!("`{}` must be at least {least}", key.name),
            )),
            Some(value) => Ok(value.into_inner() as usize),
        }
    }

    /// The `allow` list, lowercased.
    pub fn allow_set(&mut self) -> Result<rustc_hash::FxHashSet<String>, KindError> {
        Ok(self
            .take(&ALLOW)?
            .map(Spanned::into_inner)
            .unwrap_or_default()
            .iter()
            .map(|w| w.to_lowercase())
            .collect())
    }

    /// True if the rule says `case = "insensitive"`.
    pub fn case_insensitive(&self) -> bool {
        self.case == Case::Insensitive
    }

    /// The rule's [`PATTERNS`] (`^`/`$` at line boundaries, with size
    /// limits): compiled when the pack is checked, else when first run. Take
    /// them before any other key of the rule: the loader validates the
    /// message's placeholders against their named groups next, before the
    /// kind's other errors.
    pub fn patterns(&mut self, case_insensitive: bool) -> Result<Vec<Pattern>, KindError> {
        let Some(patterns) = self.take(&PATTERNS)? else {
            return Ok(Vec::new());
        };
        let mut compiled = Vec::new();
        for p in patterns.into_inner() {
            match (self.regex)(p.get_ref(), case_insensitive) {
                Ok(pattern) => {
                    self.captures.extend(pattern.compiled_capture_names());
                    compiled.push(pattern);
                }
                Err(message) => {
                    self.pattern_failed = true;
                    return Err(KindError::at(p.span(), message));
                }
            }
        }
        Ok(compiled)
    }

    /// The `patterns` key, checked as [`KindSpec::patterns`] checks it (the
    /// same errors), as sources: for a kind that compiles its patterns its
    /// own way, and only when it needs them.
    pub fn pattern_sources(&mut self, case_insensitive: bool) -> Result<Vec<Box<str>>, KindError> {
        let Some(patterns) = self.take(&PATTERNS)? else {
            return Ok(Vec::new());
        };
        let mut sources = Vec::new();
        for p in patterns.into_inner() {
            match (self.validate)(p.get_ref(), case_insensitive) {
                Ok(names) => {
                    self.captures.extend(names);
                    sources.push(p.get_ref().as_str().into());
                }
                Err(message) => {
                    self.pattern_failed = true;
                    return Err(KindError::at(p.span(), message));
                }
            }
        }
        Ok(sources)
    }

    /// The text of a file of the rule pack, by a path relative to the rule
    /// file; `Err` holds the path looked for.
    pub fn pack_file(&self, relative: &str) -> Result<&'a str, String> {
        (self.pack_file)(relative)
    }

    /// The entries of the list file named by `key` (a path relative to the
    /// rule file): its lines, trimmed, without blank lines and `#`
    /// comments; none when the key is absent. A missing file is an error
    /// at the key's value, naming the file as a `what` file.
    pub fn take_list_file(
        &mut self,
        key: &Key<String>,
        what: &str,
    ) -> Result<Vec<&'a str>, KindError> {
        let Some(list) = self.take(key)? else {
            return Ok(Vec::new());
        };
        let text = self.pack_file(list.get_ref()).map_err(|wanted| {
            KindError::at(
                list.span(),
                format!(
                    "{what} file `{}` not found in the rule pack (looked for {wanted})",
                    list.get_ref()
                ),
            )
        })?;
        Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect())
    }

    /// "a rule of kind `…` needs {what}", pointing at the `kind` value.
    pub fn missing(&self, what: &str) -> KindError {
        KindError::at(
            self.kind_span.clone(),
            format!("a rule of kind `{}` needs {what}", self.kind.name),
        )
    }

    /// Named groups of the compiled patterns (message placeholders).
    pub(crate) fn captures(&self) -> &[String] {
        &self.captures
    }

    /// True if compiling `patterns` failed (that error comes first).
    pub(crate) fn pattern_failed(&self) -> bool {
        self.pattern_failed
    }
}

/// Rejects an empty entry of a list key.
pub fn reject_empty(items: &[String], key: &str) -> Result<(), KindError> {
    if items.iter().any(String::is_empty) {
        return Err(KindError::whole(format!("`{key}` has an empty entry")));
    }
    Ok(())
}
