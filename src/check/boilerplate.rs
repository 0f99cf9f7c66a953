//! Whole lines left over from site templates (`Source link`, `Comments are closed.`).
//!
//! Every phrase of every boilerplate rule goes into one hash map keyed by the
//! normalised line, and every pattern behind one [`LiteralGate`], so a line
//! costs one lookup, one automaton scan and the few patterns whose literals
//! it contains, whatever the number of rules.

mod line_matcher;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use serde::Deserialize;

use super::kind::{
    Check, CompiledRule, Key, Kind, KindError, KindRun, KindSpec, PATTERNS, reject_empty,
};
use super::meta::RuleMeta;
use super::text::is_ascii_white_space;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::{Document, GENERAL_PUNCTUATION, Line};
use crate::literal_gate::{FirstChars, LiteralGate, first_chars};
use crate::span::Span;
use line_matcher::LineMatcher;

const PHRASES: Key<Vec<String>> = Key::new("phrases");
const POSITION: Key<Position> = Key::new("position");
const LINES: Key<u32> = Key::new("lines");

pub static KIND: Kind = Kind {
    name: "boilerplate",
    keys: &[
        PHRASES.decl(),
        PATTERNS.decl(),
        POSITION.decl(),
        LINES.decl(),
    ],
    placeholders: &["match"],
    compile,
    prepare: Some(|rules, mine| Box::new(BoilerplateIndex::new(rules, &mine))),
};

/// Where in a document a boilerplate phrase counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Head,
    Tail,
    Any,
}

/// One boilerplate rule. Its phrases and patterns are matched by the
/// [`BoilerplateIndex`] of all boilerplate rules of a rule set.
#[derive(Debug)]
pub struct Boilerplate {
    /// Normalised with [`normalize_line`].
    pub phrases: Vec<String>,
    /// Checked at load; each compiled the first time a line may match it.
    pub patterns: Vec<Box<str>>,
    pub position: Position,
    /// With `position` head or tail: within this many non-empty lines of it.
    pub lines: u32,
}

impl Check for Boilerplate {}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    // Lines are compared lowercased, so patterns ignore case whatever `case` says.
    let patterns = spec.pattern_sources(true)?;
    let phrases: Vec<String> = spec
        .take(&PHRASES)?
        .map(|p| p.into_inner())
        .unwrap_or_default()
        .iter()
        .map(|p| normalize_line(p))
        .collect();
    if phrases.is_empty() && patterns.is_empty() {
        return Err(spec.missing("`phrases` or `patterns`"));
    }
    reject_empty(&phrases, "phrases")?;
    let position = spec.take_or(&POSITION, Position::Any)?;
    let lines = spec.take_or(&LINES, if position == Position::Any { 0 } else { 5 })?;
    Ok(Arc::new(Boilerplate {
        phrases,
        patterns,
        position,
        lines,
    }))
}

/// Lines longer than this are prose, never template boilerplate.
pub const MAX_LINE_BYTES: usize = 300;

/// The form lines and phrases are compared in (patterns too, except for a
/// line of only punctuation, which they see trimmed and lowercased): trimmed, inner whitespace
/// collapsed, lowercased, without trailing punctuation or arrows.
pub fn normalize_line(line: &str) -> String {
    let mut out = String::new();
    normalize_line_into(line, &mut out);
    out
}

/// [`normalize_line`] into a reused buffer (one per document, not per line).
fn normalize_line_into(line: &str, out: &mut String) {
    out.clear();
    let trimmed = line
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || is_trailing(c));
    // Nearly every line is ASCII with words one space apart: copied whole
    // and lowercased in place, not word by word.
    let mut after_space = false;
    let plain = trimmed.is_ascii()
        && !trimmed.bytes().any(|b| {
            let collapsed = is_ascii_white_space(b) && (b != b' ' || after_space);
            after_space = b == b' ';
            collapsed
        });
    if plain {
        out.push_str(trimmed);
        out.make_ascii_lowercase();
        return;
    }
    // Otherwise a run of ASCII that is no whitespace is copied at once;
    // only other characters are decoded (a curly quote or a dash is no
    // letter to lowercase).
    let bytes = trimmed.as_bytes();
    let mut i = 0;
    let mut owed_space = false;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            if is_ascii_white_space(bytes[i]) {
                owed_space = true;
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii() && !is_ascii_white_space(bytes[i]) {
                i += 1;
            }
            if std::mem::take(&mut owed_space) {
                out.push(' ');
            }
            out.push_str(&trimmed[start..i]);
            continue;
        }
        let c = trimmed[i..].chars().next().expect("a char boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            owed_space = true;
            continue;
        }
        if std::mem::take(&mut owed_space) {
            out.push(' ');
        }
        // (General Punctuation holds no letter, so nothing to lowercase.)
        if GENERAL_PUNCTUATION.contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    // ASCII letters of words with other characters too.
    out.make_ascii_lowercase();
}

/// True for what a normalised line does not end with ([`TRAILING`]).
fn is_trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | ';' | '!' | '?' | '…' | '»' | '›' | '>' | '|' | '-' | '–' | '—' | '→'
    )
}

/// What a normalised line does not end with: sentence punctuation, arrows,
/// separators ([`is_trailing`] asks it of a character).
#[cfg(test)]
const TRAILING: &str = ".,:;!?…»›>|-–—→";

/// All boilerplate rules of a rule set, compiled together.
#[derive(Debug, Default)]
pub struct BoilerplateIndex {
    phrases: HashMap<String, Vec<u32>>,
    patterns: Vec<LinePattern>,
    /// Which of `patterns` can match a line.
    gate: LiteralGate,
    memo: LineMemo,
}

/// The rules each normalised line matched, for lines seen before: a site's
/// template repeats on every page of a corpus, and a document in an editor
/// keeps all its lines but one from one lint to the next. Shared by the
/// threads that lint with one rule set, in shards so they rarely wait for
/// each other; a full shard is emptied, so memory stays bounded whatever the
/// input and the thread count.
#[derive(Debug, Default)]
struct LineMemo {
    shards: [Mutex<MemoShard>; MEMO_SHARDS],
}

/// Normalised line → the rules it matched.
type MemoShard = FxHashMap<Box<str>, Box<[u32]>>;

const MEMO_SHARDS: usize = 16;
/// Lines kept per shard: at most 16 × 4,096 lines of ≤ 300 bytes.
const MEMO_LINES_PER_SHARD: usize = 4096;

impl LineMemo {
    fn shard(&self, line: &str) -> &Mutex<MemoShard> {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one(line);
        &self.shards[(hash >> 60) as usize % MEMO_SHARDS]
    }

    fn get(&self, line: &str) -> Option<Vec<u32>> {
        let shard = self.shard(line).lock().unwrap_or_else(|e| e.into_inner());
        shard.get(line).map(|owners| owners.to_vec())
    }

    fn put(&self, line: &str, owners: &[u32]) {
        let mut shard = self.shard(line).lock().unwrap_or_else(|e| e.into_inner());
        if shard.len() >= MEMO_LINES_PER_SHARD {
            shard.clear();
        }
        shard.insert(line.into(), owners.into());
    }
}

/// One pattern of a boilerplate rule, as lines are matched against it.
#[derive(Debug)]
struct LinePattern {
    source: Box<str>,
    /// What a match begins with, if known: a line beginning otherwise is
    /// skipped without a search. Worked out (a parse, a quarter of a
    /// compilation) before the regex is compiled, which most lines that
    /// the literal gate proposes a pattern for then never need.
    first: OnceLock<Option<FirstChars>>,
    /// Built the first time a line gets past the literal gate and the first
    /// characters: a run over a few small files needs few of the pack's
    /// patterns, and the rest cost nothing at start-up (the rule's loading
    /// already checked it compiles).
    matcher: OnceLock<LineMatcher>,
    rule: u32,
}

impl LinePattern {
    /// Whether a normalised line can begin a match, by its first character.
    fn admits(&self, normalized: &str) -> bool {
        self.first
            .get_or_init(|| first_chars(&self.source, true))
            .as_ref()
            .is_none_or(|first| first.admits(normalized))
    }

    fn matcher(&self) -> &LineMatcher {
        self.matcher.get_or_init(|| LineMatcher::new(&self.source))
    }
}

impl BoilerplateIndex {
    /// Indexes the rules numbered `mine` of `rules`.
    pub fn new(rules: &[CompiledRule], mine: &[u32]) -> BoilerplateIndex {
        let mut index = BoilerplateIndex::default();
        let mut sources = Vec::new();
        for i in mine.iter().map(|&i| i as usize) {
            if let Some(Boilerplate {
                phrases, patterns, ..
            }) = rules[i].kind.downcast_ref()
            {
                for phrase in phrases {
                    let owners = index.phrases.entry(phrase.clone()).or_default();
                    if !owners.contains(&(i as u32)) {
                        owners.push(i as u32);
                    }
                }
                for pattern in patterns {
                    let source = &**pattern;
                    sources.push(source);
                    index.patterns.push(LinePattern {
                        source: source.into(),
                        first: OnceLock::new(),
                        matcher: OnceLock::new(),
                        rule: i as u32,
                    });
                }
            }
        }
        // Lines are matched normalised, so in lowercase.
        index.gate = LiteralGate::for_lowercase(sources.iter().map(|s| (*s, true)));
        index
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.patterns.is_empty()
    }

    pub fn check(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        if self.is_empty() {
            return;
        }
        let lines = doc.lines();
        let non_empty: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].trimmed.is_empty())
            .collect();
        let mut candidates = Vec::new();
        let mut normalized = String::new();
        for (rank, &i) in non_empty.iter().enumerate() {
            let line = lines[i];
            let content = doc.slice(line.span);
            // A table cell or a heading counts in the head or tail, but is
            // not a template line.
            if content.len() > MAX_LINE_BYTES || doc.is_fragment(line.span) {
                continue;
            }
            normalize_line_into(content, &mut normalized);
            if normalized.is_empty() {
                // A line of only punctuation or symbols (`|||`, `* * *`):
                // patterns see it trimmed instead.
                normalized = content.trim().to_lowercase();
            }
            let owners = match self.memo.get(&normalized) {
                Some(owners) => owners,
                None => {
                    let owners = self.owners(&normalized, &mut candidates);
                    self.memo.put(&normalized, &owners);
                    owners
                }
            };
            for owner in owners.into_iter().filter(|&o| active[o as usize]) {
                let rule = &rules[owner as usize];
                let Some(Boilerplate {
                    position,
                    lines: budget,
                    ..
                }) = rule.kind.downcast_ref()
                else {
                    continue;
                };
                let from_end = non_empty.len() - 1 - rank;
                let in_place = match position {
                    Position::Any => true,
                    Position::Head => rank < *budget as usize,
                    Position::Tail => from_end < *budget as usize,
                };
                if in_place {
                    out.push(line_diagnostic(doc, &rule.meta, lines, i));
                }
            }
        }
    }
}

impl BoilerplateIndex {
    /// Every rule whose phrase or pattern matches the normalised line,
    /// sorted; active or not, so the answer holds for any document.
    fn owners(&self, normalized: &str, candidates: &mut Vec<u32>) -> Vec<u32> {
        let mut owners: Vec<u32> = self.phrases.get(normalized).cloned().unwrap_or_default();
        self.gate.candidates(normalized, candidates);
        for pattern in candidates.iter().map(|&m| &self.patterns[m as usize]) {
            if owners.contains(&pattern.rule) {
                continue;
            }
            if pattern.admits(normalized) && pattern.matcher().is_match(normalized) {
                owners.push(pattern.rule);
            }
        }
        owners.sort_unstable();
        owners.dedup();
        owners
    }
}

impl KindRun for BoilerplateIndex {
    fn run(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        self.check(doc, rules, active, out);
    }
}

fn line_diagnostic(doc: &Document, rule: &RuleMeta, lines: &[Line], i: usize) -> Diagnostic {
    let line = lines[i];
    let content = doc.slice(line.span);
    let lead = content.len() - content.trim_start().len();
    let span = Span::new(
        line.span.start as usize + lead,
        line.span.start as usize + content.trim_end().len(),
    );
    // Delete the line with its terminator; a last line without one takes the
    // previous line's terminator instead, so no blank line is left behind.
    let delete = if line.full == line.span && i > 0 {
        Span::new(lines[i - 1].span.end as usize, line.span.end as usize)
    } else {
        line.full
    };
    let matched = doc.slice(span);
    rule.report(span, |name| (name == "match").then(|| matched.to_string()))
        .fix([Edit::new(delete, "")])
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`normalize_line`] means, written plainly: trimmed, split into
    /// words at whitespace, joined by one space, lowercased.
    fn normalize_plainly(line: &str) -> String {
        let trimmed = line
            .trim()
            .trim_end_matches(|c: char| c.is_whitespace() || TRAILING.contains(c));
        let words: Vec<String> = trimmed
            .split_whitespace()
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect();
        words.join(" ")
    }

    proptest::proptest! {
        #[test]
        fn lines_normalise_as_written_plainly(line in "[ \t\x0b\x0c\r\u{a0}\u{2003}\u{3000}.,:;!?>|…»›–—→“”İẞΣÉa-zA-Z0-9-]{0,40}") {
            proptest::prop_assert_eq!(normalize_line(&line), normalize_plainly(&line));
        }
    }

    #[test]
    fn trailing_characters_are_the_listed_ones() {
        for c in TRAILING.chars() {
            assert!(is_trailing(c), "{c:?}");
        }
        let others = ('\0'..='\u{3000}').filter(|&c| is_trailing(c)).count();
        assert_eq!(others, TRAILING.chars().count());
    }

    #[test]
    fn normalisation_tolerates_case_space_and_trailing_punctuation() {
        assert_eq!(
            normalize_line("  Comments   are CLOSED. "),
            "comments are closed"
        );
        assert_eq!(normalize_line("Read more »"), "read more");
        assert_eq!(normalize_line("..."), "");
    }

    /// Every pattern of the default pack answers as its regex does, on
    /// lines generated from it (lowercased, as lines are normalised) and
    /// on the same lines with text around them.
    #[test]
    fn line_matchers_answer_as_regexes_for_every_default_pattern() {
        use proptest::test_runner::{Config, TestRunner};
        let rules = crate::rule::load_pack(&crate::builtin_pack()).unwrap();
        let mut tested = 0;
        for rule in &rules {
            let Some(b) = rule.kind.downcast_ref::<Boilerplate>() else {
                continue;
            };
            for pattern in &b.patterns {
                let Ok(strategy) = proptest::string::string_regex(&pattern.replace("\\b", ""))
                else {
                    continue;
                };
                let matcher = LineMatcher::new(pattern);
                let regex = regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
                    .case_insensitive(true)
                    .build()
                    .unwrap();
                let mut runner = TestRunner::new(Config {
                    cases: 32,
                    failure_persistence: None,
                    ..Config::default()
                });
                runner
                    .run(&(strategy, "[a-zé ]{0,3}"), |(line, around)| {
                        for line in [
                            line.to_lowercase(),
                            format!("{around}{line}"),
                            format!("{line}{around}"),
                        ] {
                            proptest::prop_assert_eq!(
                                matcher.is_match(&line),
                                regex.is_match(&line),
                                "{:?} on {:?}",
                                pattern,
                                line
                            );
                        }
                        Ok(())
                    })
                    .unwrap();
                tested += 1;
            }
        }
        assert!(tested > 50, "{tested} patterns tested");
    }
}
