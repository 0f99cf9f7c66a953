//! Turning rule files into compiled [`Rule`]s, with errors that point into
//! the file. The loader knows the common keys; each kind's keys, checks and
//! compiled form come from its [`Kind`] in [`KINDS`].

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Error as _, IgnoredAny, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::RuleError;
use super::spec::{self, RuleTable};
use super::{Rule, RuleTest};
use crate::check::kind::{Case, Key, Kind, KindError, KindSpec};
use crate::check::message::placeholders;
use crate::check::pattern::Pattern;
use crate::check::{KINDS, RuleKind};
use crate::diagnostic::{Applicability, Severity};

/// A file of a rule pack, already read into memory (the engine does no I/O).
/// `.toml` files hold rules; other files are data that rules refer to by a
/// path relative to their own file (`names-file = "data/names.txt"`).
#[derive(Debug, Clone)]
pub struct PackFile {
    pub path: String,
    pub text: String,
}

impl PackFile {
    /// How many `[[rule]]` the rule files of a pack hold, and the data files
    /// their rules name (`names-file` and other `*-file` keys), each joined to its rule file's
    /// folder: what a front end that reads a pack folder needs to know to
    /// read the rest of it. A file that is not valid TOML counts as having
    /// rules, so that the loader reports it.
    pub fn rules_and_data(files: &[PackFile]) -> (usize, Vec<std::path::PathBuf>) {
        let mut rules = 0;
        let mut data = Vec::new();
        for file in files {
            let Ok(table) = file.text.parse::<toml::Table>() else {
                rules += 1;
                continue;
            };
            let Some(tables) = table.get("rule").and_then(toml::Value::as_array) else {
                continue;
            };
            rules += tables.len();
            let folder = std::path::Path::new(&file.path)
                .parent()
                .unwrap_or(std::path::Path::new(""));
            data.extend(
                tables
                    .iter()
                    .filter_map(toml::Value::as_table)
                    .flat_map(|r| r.iter())
                    .filter(|(key, _)| key.ends_with("-file"))
                    .filter_map(|(_, value)| value.as_str())
                    .map(|relative| folder.join(relative)),
            );
        }
        (rules, data)
    }
}

/// Compiled-program size limit for regexes from rule files: a hostile or
/// accidental huge pattern is an error, never a hang or an OOM.
const REGEX_SIZE_LIMIT: usize = 2 << 20;

/// Limit on the compiled size of all regexes loaded together (the same
/// measure as [`REGEX_SIZE_LIMIT`], summed, over the files not built in):
/// 20 times the default pack's.
/// 10,000 `\w*` rules took 15 s and 1.1 GB; 1,835 of them fit under it.
const PACK_REGEX_LIMIT: usize = 32 << 20;

/// Loads every `.toml` file of the given packs. All errors are collected, so a
/// rule author sees every problem in one run. Ids must be unique across packs.
pub fn load_pack(files: &[PackFile]) -> Result<Vec<Rule>, Vec<RuleError>> {
    load_checked(files, Checks::ExceptBuiltIn)
}

/// Which files [`load_pack`] checks in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    All,
    /// Not the built-in pack's files, unchanged: a test loads them with every
    /// check (`the_built_in_pack_passes_the_checks_its_load_skips`), so each
    /// run need not compile their patterns once more only to measure and
    /// validate them (a third of the start-up time).
    ExceptBuiltIn,
}

fn load_checked(files: &[PackFile], checks: Checks) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, (String, Arc<str>, Range<usize>)> = HashMap::new();
    let regex_size = Cell::new(0usize);
    'files: for file in files.iter().filter(|f| f.path.ends_with(".toml")) {
        let source: Arc<str> = Arc::from(file.text.as_str());
        let error = |span: Option<Range<usize>>, message: String| RuleError {
            path: file.path.clone(),
            source_text: source.clone(),
            span,
            message,
            note: None,
        };
        let tables = match DeTable::parse(&file.text)
            .map_err(|e| (e.span(), e.message().trim_end().to_string()))
            .and_then(|root| rule_tables(root.into_inner()))
        {
            Ok(tables) => tables,
            Err((span, message)) => {
                errors.push(error(span, message));
                continue;
            }
        };
        for table in tables {
            let id: Spanned<String> = table
                .get(spec::ID.name)
                .and_then(|v| Spanned::<String>::deserialize(v.clone().into_deserializer()).ok())
                .expect("rule_tables checked `id`");
            if let Some((first_path, first_source, first_span)) = seen.get(id.get_ref()) {
                let (line, column) = RuleError {
                    path: first_path.clone(),
                    source_text: first_source.clone(),
                    span: Some(first_span.clone()),
                    message: String::new(),
                    note: None,
                }
                .line_column()
                .unwrap_or((1, 1));
                let mut e = error(
                    Some(id.span()),
                    format!("duplicate rule id `{}`", id.get_ref()),
                );
                e.note = Some(format!("first defined at {first_path}:{line}:{column}"));
                errors.push(e);
                continue;
            }
            seen.insert(
                id.get_ref().clone(),
                (file.path.clone(), source.clone(), id.span()),
            );
            let checked = checks == Checks::All || !crate::builtin::is_built_in(file);
            match compile_rule(table, file, files, checked.then_some(&regex_size)) {
                Ok(rule) => rules.push(rule),
                Err((span, message)) => errors.push(error(span, message)),
            }
            if regex_size.get() > PACK_REGEX_LIMIT {
                break 'files;
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

impl From<KindError> for (Option<Range<usize>>, String) {
    fn from(e: KindError) -> CompileError {
        (e.span, e.message)
    }
}

/// The `[[rule]]` tables of a rule file, after checking every key's name and
/// value type in the order serde would: keys alphabetically, each table's
/// missing required keys after its keys, the first problem only.
fn rule_tables(root: DeTable<'_>) -> Result<Vec<DeTable<'_>>, CompileError> {
    let mut tables = Vec::new();
    for (key, value) in root {
        if !spec::FILE_KEYS.contains(&key.get_ref().as_ref()) {
            return Err(unknown_key(&key, spec::FILE_KEYS));
        }
        let span = value.span();
        let items = match value.into_inner() {
            DeValue::Array(items) => items,
            other => return Err(not_a(Spanned::new(span, other), "sequence")),
        };
        for item in items {
            let span = item.span();
            let table = match item.into_inner() {
                DeValue::Table(table) => table,
                other => return Err(not_a(Spanned::new(span, other), "table")),
            };
            // A key is typed by the rule's kind if it takes it (kinds may
            // give one name different types), else by its first declaration.
            let kind = table
                .get(spec::KIND.name)
                .and_then(|v| v.get_ref().as_str())
                .and_then(crate::check::by_name);
            for (key, value) in &table {
                let own = kind.and_then(|k| k.keys.iter().find(|d| d.name == key.get_ref()));
                let Some(decl) = own.copied().or_else(|| spec::key_decl(key.get_ref())) else {
                    return Err(unknown_key(key, spec::rule_keys()));
                };
                decl.validate(value).map_err(toml_error)?;
            }
            if let Some(missing) = spec::REQUIRED
                .iter()
                .find(|name| !table.contains_key(**name))
            {
                return Err((
                    Some(span),
                    toml::de::Error::missing_field(missing)
                        .message()
                        .to_string(),
                ));
            }
            tables.push(table);
        }
    }
    Ok(tables)
}

/// The error for a value that should be an array (`sequence`) or a table:
/// serde's wording, as when the file was deserialized in one piece.
fn not_a(value: Spanned<DeValue<'_>>, what: &str) -> CompileError {
    let serde_error = if what == "table" {
        validate::<RuleTable>(&value)
    } else {
        validate::<Vec<IgnoredAny>>(&value)
    };
    serde_error
        .err()
        .unwrap_or_else(|| (Some(value.span()), format!("expected a {what}")))
}

fn unknown_key(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    expected: &'static [&'static str],
) -> CompileError {
    (
        Some(key.span()),
        toml::de::Error::unknown_field(key.get_ref(), expected)
            .message()
            .to_string(),
    )
}

fn toml_error(e: toml::de::Error) -> CompileError {
    (e.span(), e.message().trim_end().to_string())
}

/// Checks that `value` deserializes as a `T`.
fn validate<T: DeserializeOwned>(value: &Spanned<DeValue<'_>>) -> Result<(), CompileError> {
    T::deserialize(value.clone().into_deserializer())
        .map(drop)
        .map_err(toml_error)
}

/// Removes `key` from a rule's table and reads it.
fn take<T: DeserializeOwned>(
    table: &mut DeTable<'_>,
    key: &Key<T>,
) -> Result<Option<Spanned<T>>, CompileError> {
    match table.remove(key.name) {
        None => Ok(None),
        Some(value) => Spanned::<T>::deserialize(value.into_deserializer())
            .map(Some)
            .map_err(toml_error),
    }
}

/// `regex_size` is `None` for a file whose patterns are known good (the
/// built-in pack's): they are compiled, not also measured and validated.
fn compile_rule(
    mut table: DeTable<'_>,
    file: &PackFile,
    files: &[PackFile],
    regex_size: Option<&Cell<usize>>,
) -> Result<Rule, CompileError> {
    let required = "rule_tables checked the required keys";
    let id_spec = take(&mut table, &spec::ID)?.expect(required);
    let kind_spec = take(&mut table, &spec::KIND)?.expect(required);
    let message = take(&mut table, &spec::MESSAGE)?.expect(required);
    let id = id_spec.get_ref();
    if !is_valid_id(id) {
        return Err((
            Some(id_spec.span()),
            format!(
                "rule id `{id}` must be `pack/name` in kebab-case (lowercase letters, digits, `-`)"
            ),
        ));
    }
    let kind_name = kind_spec.get_ref().as_str();
    let Some(kind) = crate::check::by_name(kind_name) else {
        let known: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        return Err((
            Some(kind_spec.span()),
            format!(
                "unknown rule kind `{kind_name}` (known kinds: {})",
                known.join(", ")
            ),
        ));
    };
    let own: Vec<&str> = kind.keys.iter().map(|k| k.name).collect();
    // Keys of other kinds, in the order of `spec::rule_keys`.
    for key in spec::rule_keys() {
        if let Some(value) = table.get(*key)
            && spec::kind_keys().any(|k| k.name == *key)
            && !own.contains(key)
        {
            return Err((
                Some(value.span()),
                format!(
                    "key `{key}` is not used by rules of kind `{kind_name}` (it accepts: {})",
                    list_or_none(&own)
                ),
            ));
        }
    }
    let case = take(&mut table, &spec::CASE)?.map_or(Case::Sensitive, |c| c.into_inner());
    let severity = take(&mut table, &spec::SEVERITY)?.map(Spanned::into_inner);
    let category = take(&mut table, &spec::CATEGORY)?.map(Spanned::into_inner);
    let explain = take(&mut table, &spec::EXPLAIN)?.map(Spanned::into_inner);
    let word_boundary = take(&mut table, &spec::WORD_BOUNDARY)?.map(Spanned::into_inner);
    let applicability = take(&mut table, &spec::APPLICABILITY)?.map(Spanned::into_inner);
    let languages = take(&mut table, &spec::LANGUAGES)?.map(Spanned::into_inner);
    let tests = take(&mut table, &spec::TEST)?.map(Spanned::into_inner);

    // What is left are the kind's own keys.
    let values: BTreeMap<&'static str, Spanned<DeValue<'_>>> = kind
        .keys
        .iter()
        .filter_map(|k| table.remove(k.name).map(|v| (k.name, v)))
        .collect();
    let pack_file = |relative: &str| -> Result<&str, String> {
        let wanted = resolve(&file.path, relative);
        files
            .iter()
            .find(|f| normalize_path(&f.path) == wanted)
            .map(|f| f.text.as_str())
            .ok_or(wanted)
    };
    // A checked pack's patterns compile now, for their errors; the built-in
    // pack's (tested instead) when first run.
    let regex = |pattern: &str, insensitive: bool| match regex_size {
        Some(regex_size) => {
            charge_regex(pattern, insensitive, regex_size)?;
            compile_regex(pattern, insensitive).map(|r| Pattern::compiled(r, insensitive))
        }
        None => Ok(Pattern::lazy(pattern, insensitive)),
    };
    let validate = |pattern: &str, insensitive: bool| {
        let Some(regex_size) = regex_size else {
            return Ok(Vec::new());
        };
        let nfa = charge_regex(pattern, insensitive, regex_size)?;
        match nfa {
            Some(nfa) => Ok(nfa
                .group_info()
                .pattern_names(regex_automata::PatternID::ZERO)
                .flatten()
                .map(str::to_string)
                .collect()),
            // The same error `compile_regex` gives.
            None => compile_regex(pattern, insensitive).map(|_| Vec::new()),
        }
    };
    let mut kind_input = KindSpec::new(
        kind,
        kind_spec.span(),
        case,
        values,
        &regex,
        &validate,
        &pack_file,
    );
    let compiled = (kind.compile)(&mut kind_input);
    // Unvalidated patterns report no named groups.
    if !kind_input.pattern_failed() && regex_size.is_some() {
        check_placeholders(&message, kind, kind_input.captures())?;
    }
    let check = compiled?;

    Ok(Rule {
        id: Arc::from(id.as_str()),
        kind: RuleKind::new(kind, check),
        severity: severity.unwrap_or(Severity::Warning),
        category: category.unwrap_or_else(|| id.split('/').next().unwrap_or_default().to_string()),
        message: message.into_inner(),
        explain: explain.unwrap_or_default().trim().to_string(),
        case,
        word_boundary: word_boundary.unwrap_or(true),
        applicability: applicability.unwrap_or(Applicability::Safe),
        tests: tests
            .unwrap_or_default()
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
        languages: languages.unwrap_or_default(),
        origin: file.path.clone(),
    })
}

/// Every `{placeholder}` of the message must be one the kind fills or a
/// named group of the rule's patterns.
fn check_placeholders(
    message: &Spanned<String>,
    kind: &Kind,
    captures: &[String],
) -> Result<(), CompileError> {
    let captures: HashSet<&str> = captures.iter().map(String::as_str).collect();
    for name in placeholders(message.get_ref()) {
        if !kind.placeholders.contains(&name) && !captures.contains(name) {
            return Err((
                Some(message.span()),
                format!(
                    "unknown placeholder `{{{name}}}` in message (kind `{}` supplies: {}{})",
                    kind.name,
                    list_or_none(kind.placeholders),
                    if captures.is_empty() {
                        String::new()
                    } else {
                        ", and the named captures of `patterns`".into()
                    }
                ),
            ));
        }
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

/// Adds a pattern's compiled size to the running total of the packs, and
/// fails once the total is over [`PACK_REGEX_LIMIT`]. The size is that of the
/// pattern's Thompson NFA, which is what `regex`'s size limit measures; the
/// NFA is returned, or `None` when the pattern does not compile (which
/// `compile_regex` reports).
fn charge_regex(
    pattern: &str,
    case_insensitive: bool,
    total: &Cell<usize>,
) -> Result<Option<regex_automata::nfa::thompson::NFA>, String> {
    use regex_automata::nfa::thompson;
    let nfa = thompson::NFA::compiler()
        .syntax(
            regex_automata::util::syntax::Config::new()
                .case_insensitive(case_insensitive)
                .multi_line(true),
        )
        .configure(thompson::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)))
        .build(pattern);
    // A pattern that does not compile is reported by `compile_regex`.
    let Ok(nfa) = nfa else { return Ok(None) };
    total.set(total.get() + nfa.memory_usage());
    if total.get() > PACK_REGEX_LIMIT {
        return Err(format!(
            "the rule packs' regexes together exceed the compiled-size limit of {} MiB \
             at this pattern; loading stopped here (use fewer or narrower patterns)",
            PACK_REGEX_LIMIT >> 20
        ));
    }
    Ok(Some(nfa))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_pack_passes_the_checks_its_load_skips() {
        let files = crate::builtin_pack();
        let checked = load_checked(&files, Checks::All).expect("every check passes");
        let loaded = load_pack(&files).expect("the built-in pack loads");
        let ids = |rules: &[Rule]| rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&checked), ids(&loaded));
    }

    #[test]
    fn a_changed_built_in_file_is_checked_in_full() {
        let mut files = crate::builtin_pack();
        let file = files
            .iter_mut()
            .find(|f| f.path.ends_with(".toml"))
            .expect("a rule file");
        file.text.push_str(
            "\n[[rule]]\nid = \"house/odd\"\nkind = \"substitution\"\n\
             message = \"'{match}' {nope}\"\npatterns = ['o(?P<x>d)d']\nreplace = \"even\"\n",
        );
        let errors = load_pack(&files).expect_err("the changed file is validated");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("nope"), "{}", errors[0].message);
    }

    /// Each kind's list-file key reads the pack's file and names a missing
    /// one at the key's value.
    #[test]
    fn list_files_are_read_and_a_missing_one_is_an_error_at_its_key() {
        let rule = |kind: &str, key: &str| {
            format!(
                "[[rule]]\nid = \"t/r\"\nkind = \"{kind}\"\nmessage = \"m\"\n{key} = \"list.txt\"\n"
            )
        };
        for (kind, key, what) in [
            ("names", "names-file", "names"),
            ("name-variants", "english-places-file", "places"),
            ("untranslated", "language-names-file", "language names"),
        ] {
            let file = |text: String| PackFile {
                path: "t/r.toml".into(),
                text,
            };
            let list = PackFile {
                path: "t/list.txt".into(),
                text: "# a comment\n\n Entry \n".into(),
            };
            load_pack(&[file(rule(kind, key)), list]).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
            let errors = load_pack(&[file(rule(kind, key))]).expect_err(kind);
            assert_eq!(errors.len(), 1, "{kind}");
            assert!(
                errors[0].message.starts_with(&format!(
                    "{what} file `list.txt` not found in the rule pack"
                )),
                "{}",
                errors[0].message
            );
            assert_eq!(errors[0].to_string().split(':').nth(1), Some("5"), "{kind}");
        }
    }
}
