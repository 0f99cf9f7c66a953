//! Turning rule files into compiled [`Rule`]s, with errors that point into the file.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use regex::{Regex, RegexBuilder};

use super::error::RuleError;
use super::message::placeholders;
use super::spec::{Case, PackFileSpec, Position, RuleSpec};
use super::{Person, Rule, RuleKind, RuleTest};
use crate::check::boilerplate::normalize_line;
use crate::check::names::NameIndex;
use crate::check::quality::Metric;
use crate::diagnostic::{Applicability, Severity};

/// A file of a rule pack, already read into memory (the engine does no I/O).
/// `.toml` files hold rules; other files are data that rules refer to by a
/// path relative to their own file (`names-file = "data/names.txt"`).
#[derive(Debug, Clone)]
pub struct PackFile {
    pub path: String,
    pub text: String,
}

/// Compiled-program size limit for regexes from rule files: a hostile or
/// accidental huge pattern is an error, never a hang or an OOM.
const REGEX_SIZE_LIMIT: usize = 2 << 20;

const KINDS: &[(&str, &[&str], &[&str])] = &[
    // (kind, keys it accepts, message placeholders it supplies)
    ("existence", &["tokens", "patterns"], &["match"]),
    (
        "substitution",
        &["swap", "patterns", "replace"],
        &["match", "replacement"],
    ),
    (
        "boilerplate",
        &["phrases", "patterns", "position", "lines"],
        &["match"],
    ),
    (
        "consistency",
        &["groups"],
        &["match", "majority", "count", "forms"],
    ),
    ("repetition", &["allow"], &["match"]),
    ("invalid-utf8", &[], &["byte"]),
    ("exonym", &["people"], &["match", "replacement"]),
    (
        "acronym-expansion",
        &[],
        &["match", "long", "initials", "usage"],
    ),
    ("acronym-consistency", &[], &["match", "majority", "count"]),
    (
        "names",
        &["names", "names-file"],
        &["match", "replacement", "name"],
    ),
    ("name-variants", &[], &["match", "spellings"]),
    ("quote-spacing", &[], &["match", "problem"]),
    ("html-entity", &[], &["match", "replacement", "kind"]),
    ("mojibake", &[], PROCEDURAL),
    ("invisible", &[], PROCEDURAL),
    ("mixed-script", &[], PROCEDURAL),
    ("foreign-script", &[], PROCEDURAL),
    ("untranslated", &[], PROCEDURAL),
    ("duplicate-line", &[], PROCEDURAL),
    ("link-block", &[], PROCEDURAL),
    ("repetition-loop", &["allow"], PROCEDURAL),
    ("overuse", &["allow"], PROCEDURAL),
    ("quality", &["metric", "minimum", "maximum"], PROCEDURAL),
    ("unused-suppression", &[], &["match"]),
];

/// Placeholders every procedural check may fill.
const PROCEDURAL: &[&str] = &[
    "match",
    "replacement",
    "detail",
    "count",
    "value",
    "threshold",
];

/// Loads every `.toml` file of the given packs. All errors are collected, so a
/// rule author sees every problem in one run. Ids must be unique across packs.
pub fn load_pack(files: &[PackFile]) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, (String, Arc<str>, Range<usize>)> = HashMap::new();
    for file in files.iter().filter(|f| f.path.ends_with(".toml")) {
        let source: Arc<str> = Arc::from(file.text.as_str());
        let error = |span: Option<Range<usize>>, message: String| RuleError {
            path: file.path.clone(),
            source_text: source.clone(),
            span,
            message,
            note: None,
        };
        let spec: PackFileSpec = match toml::from_str(&file.text) {
            Ok(spec) => spec,
            Err(e) => {
                errors.push(error(e.span(), e.message().trim_end().to_string()));
                continue;
            }
        };
        for rule in spec.rule {
            let rule = rule.into_inner();
            let id = rule.id.get_ref().clone();
            if let Some((first_path, first_source, first_span)) = seen.get(&id) {
                let (line, column) = RuleError {
                    path: first_path.clone(),
                    source_text: first_source.clone(),
                    span: Some(first_span.clone()),
                    message: String::new(),
                    note: None,
                }
                .line_column()
                .unwrap_or((1, 1));
                let mut e = error(Some(rule.id.span()), format!("duplicate rule id `{id}`"));
                e.note = Some(format!("first defined at {first_path}:{line}:{column}"));
                errors.push(e);
                continue;
            }
            seen.insert(id, (file.path.clone(), source.clone(), rule.id.span()));
            match compile_rule(rule, file, files) {
                Ok(rule) => rules.push(rule),
                Err((span, message)) => errors.push(error(span, message)),
            }
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

type CompileError = (Option<Range<usize>>, String);

fn compile_rule(spec: RuleSpec, file: &PackFile, files: &[PackFile]) -> Result<Rule, CompileError> {
    let id = spec.id.get_ref();
    if !is_valid_id(id) {
        return Err((
            Some(spec.id.span()),
            format!(
                "rule id `{id}` must be `pack/name` in kebab-case (lowercase letters, digits, `-`)"
            ),
        ));
    }
    let kind_name = spec.kind.get_ref().as_str();
    let Some(&(_, keys, supplied)) = KINDS.iter().find(|(name, _, _)| *name == kind_name) else {
        let known: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
        return Err((
            Some(spec.kind.span()),
            format!(
                "unknown rule kind `{kind_name}` (known kinds: {})",
                known.join(", ")
            ),
        ));
    };
    for (key, span) in spec.kind_keys() {
        if !keys.contains(&key) {
            return Err((
                Some(span),
                format!(
                    "key `{key}` is not used by rules of kind `{kind_name}` (it accepts: {})",
                    list_or_none(keys)
                ),
            ));
        }
    }
    let case = spec.case.as_ref().map_or(Case::Sensitive, |c| *c.get_ref());
    let insensitive = case == Case::Insensitive;

    let patterns = match &spec.patterns {
        Some(patterns) => patterns
            .get_ref()
            .iter()
            .map(|p| {
                compile_regex(p.get_ref(), insensitive || kind_name == "boilerplate")
                    .map_err(|e| (Some(p.span()), e))
            })
            .collect::<Result<Vec<Regex>, _>>()?,
        None => Vec::new(),
    };
    let mut captures: HashSet<String> = HashSet::new();
    for regex in &patterns {
        captures.extend(regex.capture_names().flatten().map(str::to_string));
    }
    for name in placeholders(spec.message.get_ref()) {
        if !supplied.contains(&name) && !captures.contains(name) {
            return Err((
                Some(spec.message.span()),
                format!(
                    "unknown placeholder `{{{name}}}` in message (kind `{kind_name}` supplies: {}{})",
                    list_or_none(supplied),
                    if captures.is_empty() {
                        String::new()
                    } else {
                        ", and the named captures of `patterns`".into()
                    }
                ),
            ));
        }
    }

    let missing = |what: &str| {
        (
            Some(spec.kind.span()),
            format!("a rule of kind `{kind_name}` needs {what}"),
        )
    };
    let kind = match kind_name {
        "existence" => {
            let literals = spec.tokens.map(|t| t.into_inner()).unwrap_or_default();
            if literals.is_empty() && patterns.is_empty() {
                return Err(missing("`tokens` or `patterns`"));
            }
            reject_empty(&literals, "tokens")?;
            RuleKind::Existence { literals, patterns }
        }
        "substitution" => {
            let swaps: Vec<(String, String)> = spec
                .swap
                .map(|s| s.into_inner().into_iter().collect())
                .unwrap_or_default();
            let replace = spec.replace.map(|r| r.into_inner());
            if swaps.is_empty() && patterns.is_empty() {
                return Err(missing("`swap` or `patterns` with `replace`"));
            }
            if !patterns.is_empty() && replace.is_none() {
                return Err(missing(
                    "`replace` (the replacement for `patterns`, `$name` for captures)",
                ));
            }
            if swaps.iter().any(|(wrong, _)| wrong.is_empty()) {
                return Err((None, "`swap` has an empty key".into()));
            }
            RuleKind::Substitution {
                swaps,
                patterns,
                replace,
            }
        }
        "boilerplate" => {
            let phrases: Vec<String> = spec
                .phrases
                .map(|p| p.into_inner())
                .unwrap_or_default()
                .iter()
                .map(|p| normalize_line(p))
                .collect();
            if phrases.is_empty() && patterns.is_empty() {
                return Err(missing("`phrases` or `patterns`"));
            }
            reject_empty(&phrases, "phrases")?;
            let position = spec.position.map_or(Position::Any, |p| p.into_inner());
            let lines = spec
                .lines
                .map_or(if position == Position::Any { 0 } else { 5 }, |l| {
                    l.into_inner()
                });
            RuleKind::Boilerplate {
                phrases,
                patterns,
                position,
                lines,
            }
        }
        "consistency" => {
            let groups_spec = spec.groups.ok_or_else(|| missing("`groups`"))?;
            let span = groups_spec.span();
            let groups = groups_spec.into_inner();
            if groups.len() > 0xffff || groups.iter().any(|g| g.len() > 0xffff) {
                return Err((
                    Some(span),
                    "at most 65,535 groups of at most 65,535 variants each".into(),
                ));
            }
            if groups
                .iter()
                .any(|g| g.len() < 2 || g.iter().any(String::is_empty))
            {
                return Err((
                    Some(span),
                    "every group needs at least two non-empty variants".into(),
                ));
            }
            RuleKind::Consistency { groups }
        }
        "repetition" => RuleKind::Repetition {
            allow: spec
                .allow
                .map(|a| a.into_inner())
                .unwrap_or_default()
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
        },
        "invalid-utf8" => RuleKind::InvalidUtf8,
        "exonym" => {
            let people = spec.people.ok_or_else(|| missing("`people`"))?.into_inner();
            RuleKind::Exonym {
                people: people
                    .into_iter()
                    .map(|p| Person {
                        foreign: p.foreign,
                        english: p.english,
                        given: p.given,
                    })
                    .collect(),
            }
        }
        "acronym-expansion" => RuleKind::AcronymExpansion,
        "acronym-consistency" => RuleKind::AcronymConsistency,
        "name-variants" => RuleKind::NameVariants,
        "quote-spacing" => RuleKind::QuoteSpacing,
        "html-entity" => RuleKind::HtmlEntity,
        "mojibake" => RuleKind::Mojibake,
        "invisible" => RuleKind::Invisible,
        "mixed-script" => RuleKind::MixedScript,
        "foreign-script" => RuleKind::ForeignScript,
        "untranslated" => RuleKind::Untranslated,
        "duplicate-line" => RuleKind::DuplicateLine,
        "link-block" => RuleKind::LinkBlock,
        "unused-suppression" => RuleKind::UnusedSuppression,
        "repetition-loop" => RuleKind::RepetitionLoop {
            allow: lowercase_set(spec.allow),
        },
        "overuse" => RuleKind::Overuse {
            allow: lowercase_set(spec.allow),
        },
        "quality" => {
            let metric_spec = spec.metric.ok_or_else(|| missing("`metric`"))?;
            let Some(metric) = Metric::parse(metric_spec.get_ref()) else {
                return Err((
                    Some(metric_spec.span()),
                    format!(
                        "unknown metric `{}` (known: {})",
                        metric_spec.get_ref(),
                        Metric::NAMES.join(", ")
                    ),
                ));
            };
            let minimum = spec.minimum.map(|m| m.into_inner());
            let maximum = spec.maximum.map(|m| m.into_inner());
            if minimum.is_none() && maximum.is_none() {
                return Err(missing("`minimum` or `maximum`"));
            }
            RuleKind::Quality {
                metric,
                minimum,
                maximum,
            }
        }
        "names" => {
            let mut names: Vec<String> = spec.names.map(|n| n.into_inner()).unwrap_or_default();
            if let Some(list) = &spec.names_file {
                let wanted = resolve(&file.path, list.get_ref());
                let Some(data) = files.iter().find(|f| normalize_path(&f.path) == wanted) else {
                    return Err((
                        Some(list.span()),
                        format!(
                            "names file `{}` not found in the rule pack (looked for {wanted})",
                            list.get_ref()
                        ),
                    ));
                };
                names.extend(
                    data.text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_string),
                );
            }
            if names.is_empty() {
                return Err(missing("`names` or `names-file`"));
            }
            RuleKind::Names {
                index: Arc::new(NameIndex::new(names.iter().map(String::as_str))),
            }
        }
        _ => unreachable!("kind names are checked against KINDS above"),
    };
    Ok(Rule {
        id: Arc::from(id.as_str()),
        kind,
        severity: spec.severity.unwrap_or(Severity::Warning),
        category: spec
            .category
            .unwrap_or_else(|| id.split('/').next().unwrap_or_default().to_string()),
        message: spec.message.into_inner(),
        explain: spec.explain.unwrap_or_default().trim().to_string(),
        case,
        word_boundary: spec.word_boundary.is_none_or(|w| *w.get_ref()),
        applicability: spec
            .applicability
            .map_or(Applicability::Safe, |a| a.into_inner()),
        tests: spec
            .test
            .into_iter()
            .map(|t| {
                let t = t.into_inner();
                RuleTest {
                    text: t.text,
                    expect: t.expect,
                    fixed: t.fixed,
                }
            })
            .collect(),
        languages: spec.languages.unwrap_or_default(),
        origin: file.path.clone(),
    })
}

fn lowercase_set(words: Option<toml::Spanned<Vec<String>>>) -> HashSet<String> {
    words
        .map(|a| a.into_inner())
        .unwrap_or_default()
        .iter()
        .map(|w| w.to_lowercase())
        .collect()
}

fn reject_empty(items: &[String], key: &str) -> Result<(), CompileError> {
    if items.iter().any(String::is_empty) {
        return Err((None, format!("`{key}` has an empty entry")));
    }
    Ok(())
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// Compiles a pattern from a rule file with size limits. `^`/`$` match at line
/// boundaries, since articles are line-oriented.
pub(crate) fn compile_regex(pattern: &str, case_insensitive: bool) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!(
                    "regex is too large: its compiled form exceeds the size limit of {limit} bytes"
                )
            }
            other => format!(
                "invalid regex: {}",
                other.to_string().lines().last().unwrap_or_default().trim()
            ),
        })
}

/// `names-file` is relative to the rule file's folder.
fn resolve(rule_file: &str, relative: &str) -> String {
    let dir = rule_file.rsplit_once('/').map_or("", |(dir, _)| dir);
    normalize_path(&format!("{dir}/{relative}"))
}

/// Removes `.` and `..` components so pack paths compare equal.
fn normalize_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

fn is_valid_id(id: &str) -> bool {
    let part = |s: &str| {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    matches!(id.split_once('/'), Some((pack, name)) if part(pack) && part(name))
}
