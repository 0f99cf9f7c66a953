//! All selected rules compiled once: one Aho-Corasick automaton for every
//! literal of every rule, one [`LiteralGate`] in front of every regex, then each
//! kind's own checks (one boilerplate index for all boilerplate rules, the
//! procedural checks, the document statistics). Immutable after
//! construction, so it is shared by reference across threads.
//!
//! Kinds take part only through their [`Kind`] and
//! [`Check`](crate::check::Check): the literals
//! and patterns a rule contributes, what a hit means, and how its rules check
//! a document.

use regex::Regex;

use crate::check::KINDS;
use crate::check::kind::{CompiledRule, EachRule, Hit, Kind, KindRun};
use crate::check::pattern::Pattern;
use crate::check::text::at_word_boundary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::literal_gate::{LiteralGate, Places};
use crate::rule::Rule;
use crate::span::Span;

/// Which literal or pattern of which rule an automaton or regex-set entry is.
#[derive(Debug, Clone, Copy)]
struct Owner {
    rule: u32,
    /// Index of the literal/pattern within the rule (see [`Check::literals`](crate::check::Check::literals)).
    item: u32,
}

#[derive(Debug)]
struct LiteralEntry {
    owner: Owner,
    /// For case-sensitive literals the automaton (which folds ASCII case)
    /// only proposes candidates; the exact bytes are checked here.
    exact: Option<Box<str>>,
}

#[derive(Debug)]
struct RegexEntry {
    owner: Owner,
    regex: Pattern,
    /// True for a literal turned into a regex (non-ASCII, case-insensitive).
    literal: bool,
}

/// The compiled form of a set of rules.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// The rules as their checks see them, indexed like `rules`.
    compiled: Vec<CompiledRule>,
    /// The literal rules' entries, numbered as the scanner's own literals.
    literal_entries: Vec<LiteralEntry>,
    /// Finds the literal rules' matches and which regexes can match a
    /// document, in one scan.
    scanner: LiteralGate,
    regex_entries: Vec<RegexEntry>,
    /// One per kind present, in [`KINDS`] order.
    runs: Vec<Box<dyn KindRun>>,
    /// Words and names that are never flagged (project vocabulary).
    accepted: Vec<String>,
    /// The ids of every rule of the pack the rules were chosen from; empty:
    /// the rules themselves.
    known: Vec<Box<str>>,
}

impl RuleSet {
    pub fn new(rules: Vec<Rule>) -> RuleSet {
        let compiled: Vec<CompiledRule> = rules
            .iter()
            .map(|r| CompiledRule {
                meta: r.meta(),
                kind: r.kind.clone(),
            })
            .collect();
        let mut literal_patterns: Vec<String> = Vec::new();
        let mut literal_entries = Vec::new();
        let mut regex_entries = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            let check = rule.kind.check();
            let literals = check.literals();
            let insensitive = literals.case_insensitive;
            for (item, literal) in literals.items {
                let owner = Owner {
                    rule: r as u32,
                    item,
                };
                if insensitive && !literal.is_ascii() {
                    let pattern = format!("(?i){}", regex::escape(literal));
                    if let Ok(regex) = Regex::new(&pattern) {
                        regex_entries.push(RegexEntry {
                            owner,
                            regex: Pattern::compiled(regex, true),
                            literal: true,
                        });
                    }
                    continue;
                }
                literal_patterns.push(literal.to_string());
                literal_entries.push(LiteralEntry {
                    owner,
                    exact: (!insensitive).then(|| literal.into()),
                });
            }
            for (item, regex) in check.patterns().iter().enumerate() {
                regex_entries.push(RegexEntry {
                    owner: Owner {
                        rule: r as u32,
                        item: item as u32,
                    },
                    regex: regex.clone(),
                    literal: false,
                });
            }
        }
        // The literal rules' matches and the regexes' gate come from one
        // scan of the text.
        let scanner = LiteralGate::with_own(
            &literal_patterns,
            regex_entries
                .iter()
                .map(|e| (e.regex.as_str(), e.regex.case_insensitive())),
        );
        let runs = kind_runs(&compiled);
        RuleSet {
            rules,
            compiled,
            literal_entries,
            scanner,
            regex_entries,
            runs,
            accepted: Vec::new(),
            known: Vec::new(),
        }
    }

    /// The ids of every rule of the pack these rules were selected from: a
    /// suppression comment naming none of them is reported (by a rule of
    /// kind `unknown-suppression`), while one naming a rule that was merely
    /// not selected is not.
    pub fn with_known_rules<S: AsRef<str>>(mut self, ids: impl IntoIterator<Item = S>) -> RuleSet {
        self.known = ids.into_iter().map(|id| id.as_ref().into()).collect();
        self
    }

    /// Builds now what the rule set otherwise builds once it has linted a
    /// megabyte: the document scanner's DFA, quicker to scan but slower to
    /// build than the automaton it starts with. Call it before linting a
    /// corpus, on a thread that will not lint: the build's scratch memory is
    /// then reused by that thread instead of held by a linting thread (a
    /// JSONL stream peaked 20 MiB higher without it). Findings are the same
    /// either way.
    pub fn prepare_for_volume(&self) {
        self.scanner.build_dfa_now();
    }

    /// Findings on these words are dropped: a finding whose text is an
    /// accepted entry or lies inside an occurrence of one. A misspelling that
    /// merely contains an accepted word (`Putinn` for `Putin`) is still reported.
    pub fn with_accepted(mut self, words: Vec<String>) -> RuleSet {
        self.accepted = words;
        self
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Lints one document. Diagnostics are sorted by position, then rule id.
    /// A large document is linted section by section (about 512 KiB each, cut
    /// at paragraph breaks), so memory stays bounded.
    ///
    /// The text is linted as plain text; [`lint_as`](crate::lint_as) reads
    /// Markdown and HTML first.
    ///
    /// ```
    /// use artlint::{Document, RuleSet, Severity, builtin_pack, load_pack};
    ///
    /// let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
    /// let doc = Document::new("a.txt", "Line one.\nVladimir Poutine said so.\n");
    /// let found = rules.lint(&doc);
    /// let exonym = found.iter().find(|d| &*d.rule == "names/exonym").unwrap();
    /// assert_eq!(doc.slice(exonym.span), "Poutine");
    /// assert_eq!(doc.line_index().line_column(doc.text, exonym.span.start).line, 2);
    /// assert_eq!(exonym.severity, Severity::Warning);
    /// // Every finding comes sorted by position, then rule id.
    /// assert!(found.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key()));
    /// ```
    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        let parts = crate::section::sections(doc.text)
            .into_iter()
            .map(|section| self.lint_section(doc, section))
            .collect();
        self.finish(doc, parts)
    }

    /// The findings of one section of `doc` (as
    /// [`lint_as_with`](crate::lint::lint_as_with) cuts them), with spans into
    /// the whole text. Sections are independent: a caller may
    /// lint them in parallel, then hand every part to [`RuleSet::finish`].
    pub fn lint_section(&self, doc: &Document, section: Span) -> Vec<Diagnostic> {
        let mut out = self.check(&doc.section(section));
        if section.start > 0 {
            for d in &mut out {
                d.shift(section.start);
            }
        }
        out
    }

    /// Joins the parts [`RuleSet::lint_section`] found in `doc`, applies the
    /// inline suppressions and the accepted vocabulary, sorts.
    pub fn finish(&self, doc: &Document, parts: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
        let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            out.extend(part);
        }
        // Directives that suppressed nothing are reported by the rule of the
        // suppressions' own kind, if selected.
        let reporter = |kind| {
            self.compiled
                .iter()
                .find(|r| r.kind.is(kind))
                .map(|r| &r.meta)
        };
        let reporters = crate::suppress::Reporters {
            unused: reporter(&crate::suppress::KIND),
            unknown: reporter(&crate::suppress::UNKNOWN_KIND),
        };
        let ran: Vec<&str> = self.rules.iter().map(|r| &*r.id).collect();
        let known: Vec<&str> = if self.known.is_empty() {
            ran.clone()
        } else {
            self.known.iter().map(|id| &**id).collect()
        };
        crate::suppress::apply(doc, &mut out, &reporters, &ran, &known);
        self.drop_accepted(doc, &mut out);

        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        drop_nested(&mut out);
        self.drop_explained(&mut out);
        out
    }

    /// Findings of one kind that another kind's findings already explain.
    /// `tournament tournament tournament` is one artifact: the doubled-word
    /// findings inside the loop finding go. `Putin` beside `Poutine`: once
    /// the exonym rule has named `Poutine` a foreign form of Putin, the
    /// name-variant finding (at `Poutine` or pointing at it) says nothing more.
    fn drop_explained(&self, out: &mut Vec<Diagnostic>) {
        use crate::check::{exonym, name_variant, repetition, repetition_loop};
        let inside =
            |outer: Span, d: &Diagnostic| outer.start <= d.span.start && d.span.end <= outer.end;
        let at_or_labels = |outer: Span, d: &Diagnostic| {
            d.span == outer || d.labels.iter().any(|l| l.span == outer)
        };
        self.drop_covered(out, &repetition_loop::KIND, &repetition::KIND, inside);
        self.drop_covered(out, &exonym::KIND, &name_variant::KIND, at_or_labels);
    }

    /// Drops the findings of `covered` kind rules that `explains` relates to
    /// a finding of a `covering` kind rule.
    fn drop_covered(
        &self,
        out: &mut Vec<Diagnostic>,
        covering: &crate::check::Kind,
        covered: &crate::check::Kind,
        explains: impl Fn(Span, &Diagnostic) -> bool,
    ) {
        let ids_of = |kind: &crate::check::Kind| -> Vec<&str> {
            self.rules
                .iter()
                .filter(|r| r.kind.is(kind))
                .map(|r| &*r.id)
                .collect()
        };
        let (outer_ids, inner_ids) = (ids_of(covering), ids_of(covered));
        if outer_ids.is_empty() || inner_ids.is_empty() {
            return;
        }
        let outer: Vec<Span> = out
            .iter()
            .filter(|d| outer_ids.contains(&&*d.rule))
            .map(|d| d.span)
            .collect();
        if outer.is_empty() {
            return;
        }
        out.retain(|d| !(inner_ids.contains(&&*d.rule) && outer.iter().any(|&o| explains(o, d))));
    }

    /// Every check on one document (or section), unsorted and unsuppressed.
    fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let active = self.active_rules(doc);
        let mut hits: Vec<Hit> = Vec::new();
        let text = doc.text;

        let mut candidates = Vec::new();
        let mut places = Places::default();
        self.scanner
            .scan(text, &mut candidates, &mut places, |i, range| {
                let entry = &self.literal_entries[i];
                if entry
                    .exact
                    .as_deref()
                    .is_some_and(|exact| &text[range.clone()] != exact)
                {
                    return;
                }
                let rule = &self.rules[entry.owner.rule as usize];
                if !active[entry.owner.rule as usize] {
                    return;
                }
                if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
                    return;
                }
                if rule.word_boundary && !at_word_boundary(text, range.start, range.end) {
                    return;
                }
                hits.push(hit(entry.owner, Span::from(range)));
            });

        // The placed candidates' literals, by pattern and then offset.
        places.hits.sort_unstable();
        for i in candidates {
            let entry = &self.regex_entries[i as usize];
            if !active[entry.owner.rule as usize] {
                continue;
            }
            let rule = &self.rules[entry.owner.rule as usize];
            let compiled = &self.compiled[entry.owner.rule as usize];
            let mut each = |caps: regex::Captures| {
                let whole = caps.get(0).expect("group 0 always matches");
                if entry.literal {
                    let (start, end) = (whole.start(), whole.end());
                    if !rule.word_boundary || at_word_boundary(text, start, end) {
                        hits.push(hit(entry.owner, Span::new(start, end)));
                    }
                    return;
                }
                let target = caps.name("span").unwrap_or(whole);
                if target.is_empty() && whole.is_empty() {
                    return;
                }
                compiled.kind.check().pattern_hit(
                    doc,
                    &compiled.meta,
                    entry.owner.item,
                    &caps,
                    Span::from(target.range()),
                    &mut out,
                );
            };
            let regex = entry.regex.regex();
            let line_span = self.scanner.line_span(i).filter(|_| places.complete);
            let Some(line_span) = line_span else {
                regex.captures_iter(text).for_each(each);
                continue;
            };
            // Only the lines around those that hold its literals can hold a
            // match. Each window ends after a line's terminator, so what the
            // pattern sees around a match is what it sees in the whole text.
            let at = places.hits.partition_point(|&(p, _)| p < i);
            let offsets = places.hits[at..]
                .iter()
                .take_while(|&&(p, _)| p == i)
                .map(|&(_, offset)| offset as usize);
            for window in line_windows(text, offsets, line_span as usize) {
                let haystack = &text[..window.end];
                let mut from = window.start;
                while let Some(caps) = regex.captures_at(haystack, from) {
                    let whole = caps.get(0).expect("group 0 always matches");
                    // Never empty: every match holds a literal.
                    if whole.is_empty() {
                        break;
                    }
                    from = whole.end();
                    each(caps);
                }
            }
        }

        // Each rule's literal hits together, in document order.
        hits.sort_by_key(|h| (h.rule, h.span.start));
        for chunk in hits.chunk_by(|a, b| a.rule == b.rule) {
            let rule = &self.compiled[chunk[0].rule as usize];
            rule.kind
                .check()
                .literal_hits(doc, &rule.meta, chunk, &mut out);
        }

        for run in &self.runs {
            run.run(doc, &self.compiled, &active, &mut out);
        }

        out
    }

    fn drop_accepted(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        if self.accepted.is_empty() || out.is_empty() {
            return;
        }
        let occurrences: Vec<(usize, usize)> = self
            .accepted
            .iter()
            .flat_map(|word| {
                doc.text
                    .match_indices(word.as_str())
                    .filter(|(i, m)| at_word_boundary(doc.text, *i, i + m.len()))
                    .map(|(i, m)| (i, i + m.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.retain(|d| {
            let (s, e) = (d.span.start as usize, d.span.end as usize);
            !(s < e && occurrences.iter().any(|&(a, b)| a <= s && e <= b))
        });
    }

    /// Which rules apply to this document: those without a language
    /// restriction, and the rest when the document's language is theirs.
    fn active_rules(&self, doc: &Document) -> Vec<bool> {
        if self.rules.iter().all(|r| r.languages.is_empty()) {
            return vec![true; self.rules.len()];
        }
        let language = doc.language();
        self.rules
            .iter()
            .map(|r| {
                r.languages.is_empty()
                    || language.is_none_or(|l| r.languages.iter().any(|x| x == l))
            })
            .collect()
    }

    /// Lints raw bytes: invalid UTF-8 is decoded lossily (each bad sequence
    /// becomes U+FFFD, so spans point into the decoded text) and reported at
    /// the first bad byte by the `invalid-utf8` rule, if selected.
    pub fn lint_bytes<'a>(
        &self,
        name: &str,
        bytes: &'a [u8],
    ) -> (std::borrow::Cow<'a, str>, Vec<Diagnostic>) {
        self.lint_bytes_with(name, bytes, |doc| self.lint(doc))
    }

    /// [`RuleSet::lint_bytes`] with the linting of the decoded document done
    /// by `lint` (the CLI lints the sections of a big file in parallel, and
    /// Markdown and HTML through their prose).
    pub fn lint_bytes_with<'a>(
        &self,
        name: &str,
        bytes: &'a [u8],
        lint: impl FnOnce(&Document) -> Vec<Diagnostic>,
    ) -> (std::borrow::Cow<'a, str>, Vec<Diagnostic>) {
        // Validated once: the quick check for the valid UTF-8 nearly every
        // file is, and the slower lossy decoding only for the rest.
        let valid = std::str::from_utf8(bytes);
        let text = match valid {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        let mut diagnostics = lint(&Document::new(name, &text));
        if matches!(text, std::borrow::Cow::Owned(_)) {
            // The U+FFFD that decoding inserted are reported once, as invalid
            // UTF-8, not again as replacement characters found in the text.
            let mut inserted = Vec::new();
            let mut offset = 0;
            for chunk in bytes.utf8_chunks() {
                offset += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    inserted.push(Span::new(offset, offset + 3));
                    offset += 3;
                }
            }
            diagnostics.retain(|d| inserted.binary_search(&d.span).is_err());
        }
        if let Err(error) = valid {
            let before = diagnostics.len();
            for rule in &self.compiled {
                rule.kind
                    .check()
                    .check_invalid_utf8(&rule.meta, bytes, error, &mut diagnostics);
            }
            if diagnostics.len() > before {
                diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
        }
        (text, diagnostics)
    }

    /// The most severe diagnostic level any rule here can produce.
    pub fn max_severity(&self) -> Option<Severity> {
        self.rules.iter().map(|r| r.severity).max()
    }
}

/// Within one rule, a finding inside another finding of the same rule is the
/// same artifact seen by two of its patterns: keep the outer one. `out` is
/// sorted by start, so an enclosing span starts at or before the nested one.
fn drop_nested(out: &mut Vec<Diagnostic>) {
    let mut keep = vec![true; out.len()];
    for i in 0..out.len() {
        if !keep[i] {
            continue;
        }
        for j in i + 1..out.len() {
            if out[j].span.start >= out[i].span.end {
                break;
            }
            if out[j].rule == out[i].rule && out[j].span.end <= out[i].span.end {
                keep[j] = false;
            } else if out[j].rule == out[i].rule && out[j].span.start == out[i].span.start {
                keep[i] = false;
            }
        }
    }
    let mut flags = keep.into_iter();
    out.retain(|_| flags.next().unwrap_or(true));
}

fn hit(owner: Owner, span: Span) -> Hit {
    Hit {
        rule: owner.rule,
        item: owner.item,
        span,
    }
}

/// The lines of `text` within `around` lines of those holding `offsets`
/// (ascending), from the first one's start to past the last one's `\n`, as
/// byte ranges; ranges close together make one, since a search costs more
/// to start than to run over a few more bytes. Lines end at `\n` only, as
/// for the regexes (a lone `\r` ends a line of the document but not of a
/// pattern's `^`, `$` and `.`).
fn line_windows(
    text: &str,
    offsets: impl Iterator<Item = usize>,
    around: usize,
) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
    for offset in offsets {
        if windows.last().is_some_and(|w| offset < w.end) {
            continue;
        }
        let mut breaks_before = memchr::memrchr_iter(b'\n', &bytes[..offset]);
        let start = breaks_before.nth(around).map_or(0, |i| i + 1);
        let mut breaks_after = memchr::memchr_iter(b'\n', &bytes[offset..]);
        let end = breaks_after
            .nth(around)
            .map_or(bytes.len(), |i| offset + i + 1);
        match windows.last_mut() {
            Some(last) if start <= last.end + WINDOW_JOIN_BYTES => last.end = end,
            _ => windows.push(start..end),
        }
    }
    windows
}

/// Windows this close are searched as one.
const WINDOW_JOIN_BYTES: usize = 256;

/// One [`KindRun`] per kind with rules in the set, in [`KINDS`] order (then
/// any kind not in the table, in order of appearance).
fn kind_runs(compiled: &[CompiledRule]) -> Vec<Box<dyn KindRun>> {
    let mut kinds: Vec<&'static Kind> = KINDS.to_vec();
    for rule in compiled {
        if !kinds.iter().any(|k| rule.kind.is(k)) {
            kinds.push(rule.kind.kind());
        }
    }
    kinds
        .into_iter()
        .filter_map(|kind| {
            let mine: Vec<u32> = (0..compiled.len() as u32)
                .filter(|&r| compiled[r as usize].kind.is(kind))
                .collect();
            if mine.is_empty() {
                return None;
            }
            Some(match kind.prepare {
                Some(prepare) => prepare(compiled, mine),
                None => Box::new(EachRule(mine)) as Box<dyn KindRun>,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A pattern run only on the lines around its literals (see
        /// `line_windows`) finds exactly what it finds over the whole text,
        /// whatever the line breaks (`\r` alone ends no regex line) and
        /// however close together its literals are.
        #[test]
        fn a_windowed_pattern_finds_what_it_finds_in_the_whole_text(
            text in "(?:ab|cd|x|1|,| |\n|\r|\r\n|\t){0,60}",
        ) {
            let patterns = [
                r"(?:^|[^\d,])(?P<span>1,1)",
                r"(?P<span>ab)[ \t]+cd$",
                r"(?:^|\s)(?P<span>cd ?ab)(?:\s|$)",
                r"ab[^\n]*?(?P<span>1)",
                r"(?P<span>ab.cd)",
                r"x[^\n](?P<span>cd)",
                r"1\s(?P<span>cd)",
            ];
            let toml: String = patterns
                .iter()
                .enumerate()
                .map(|(n, p)| format!(
                    "[[rule]]\nid = \"t/p{n}\"\nkind = \"existence\"\nseverity = \"warning\"\n\
                     message = \"m\"\ncase = \"sensitive\"\npatterns = ['{p}']\n\n"
                ))
                .collect();
            let files = [crate::rule::PackFile { path: "t.toml".into(), text: toml }];
            let rules = RuleSet::new(crate::rule::load_pack(&files).unwrap());
            for (n, pattern) in patterns.iter().enumerate() {
                proptest::prop_assert!(rules.scanner.line_span(n as u32).is_some(), "{} is windowed", pattern);
            }
            let mut found: Vec<(String, Span)> = rules
                .lint(&Document::new("t.txt", &text))
                .into_iter()
                .map(|d| (d.rule.to_string(), d.span))
                .collect();
            found.sort();
            let mut expected: Vec<(String, Span)> = patterns
                .iter()
                .enumerate()
                .flat_map(|(n, p)| {
                    regex::RegexBuilder::new(p)
                        .multi_line(true)
                        .build()
                        .unwrap()
                        .captures_iter(&text)
                        .map(|c| (format!("t/p{n}"), Span::from(c.name("span").unwrap().range())))
                        .collect::<Vec<_>>()
                })
                .collect();
            expected.sort();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    /// Prepared for volume (the scanner's DFA built at once), a rule set
    /// finds exactly what it finds unprepared.
    #[test]
    fn a_rule_set_prepared_for_volume_finds_the_same() {
        let text =
            "Putin met Poutine at 12h30; the the report came.\nSource link\nComments are closed.\n";
        let lint = |prepare: bool| {
            let rules = RuleSet::new(crate::rule::load_pack(&crate::builtin_pack()).unwrap());
            if prepare {
                rules.prepare_for_volume();
            }
            rules
                .lint(&Document::new("t.txt", text))
                .iter()
                .map(|d| format!("{} {:?}", d.rule, d.span))
                .collect::<Vec<String>>()
        };
        let unprepared = lint(false);
        assert!(unprepared.len() >= 5, "{unprepared:#?}");
        assert_eq!(lint(true), unprepared);
    }

    /// Patterns without a required literal run on every document; the
    /// default pack keeps them few, or real pages get slow again (issue 14).
    #[test]
    fn most_of_the_default_packs_regexes_are_behind_the_literal_gate() {
        let rules = RuleSet::new(crate::rule::load_pack(&crate::builtin_pack()).unwrap());
        let always: Vec<String> = (0..rules.regex_entries.len())
            .filter(|&i| rules.scanner.is_always(i as u32))
            .map(|i| {
                let e = &rules.regex_entries[i];
                format!(
                    "{}: {}",
                    rules.rules[e.owner.rule as usize].id,
                    e.regex.as_str()
                )
            })
            .collect();
        assert!(
            always.len() * 10 <= rules.regex_entries.len(),
            "{always:#?}"
        );
    }
}

#[cfg(test)]
mod gate_soundness {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    use crate::check::boilerplate::Boilerplate;
    use crate::literal_gate::LiteralGate;

    /// Every regex of the default pack with its case flag (boilerplate
    /// patterns are matched case-insensitively).
    fn default_patterns() -> Vec<(String, bool)> {
        let rules = crate::rule::load_pack(&crate::builtin_pack()).unwrap();
        let mut out = Vec::new();
        for rule in &rules {
            let insensitive = rule.case == crate::check::kind::Case::Insensitive;
            for regex in rule.kind.check().patterns() {
                out.push((regex.as_str().to_string(), insensitive));
            }
            if let Some(b) = rule.kind.downcast_ref::<Boilerplate>() {
                out.extend(b.patterns.iter().map(|r| (r.to_string(), true)));
            }
        }
        out
    }

    /// Start-up looks up the literals of every default pattern instead of
    /// parsing it: a pattern `build.rs` did not see (a kind rewrote it, or
    /// it sits under another key) would be analysed on every run.
    #[test]
    fn build_rs_worked_out_the_literals_of_every_default_pattern() {
        let patterns = default_patterns();
        assert!(patterns.len() > 100, "{} patterns", patterns.len());
        for (pattern, insensitive) in &patterns {
            let &(_, _, found, line_span, first) =
                crate::literal_gate::worked_out_at_build(pattern, *insensitive)
                    .unwrap_or_else(|| panic!("not worked out at build time: {pattern:?}"));
            let analysed = crate::literal_gate::required::analyse(pattern, *insensitive);
            let found = found.map(|set| set.iter().map(|l| l.to_vec()).collect::<Vec<_>>());
            assert_eq!(found, analysed, "{pattern:?}");
            let spans = crate::literal_gate::required::line_span(pattern, *insensitive);
            assert_eq!(line_span, spans, "{pattern:?}");
            let ranges = crate::literal_gate::required::first_ranges(pattern, *insensitive);
            assert_eq!(first.map(<[_]>::to_vec), ranges, "{pattern:?}");
        }
        // A pattern of no built-in rule is analysed when asked.
        assert_eq!(
            crate::literal_gate::worked_out_at_build("house rule", true),
            None
        );
        assert_eq!(
            crate::literal_gate::required_literals("house rule", true),
            Some(vec![b"house rule".to_vec()])
        );
    }

    /// Texts generated from each pattern (and the same upper-cased and
    /// embedded in other text) all pass the gates: a document gate for any
    /// text, a lowercase gate (the boilerplate rules') for the text
    /// lowercased. Neither ever drops a match.
    #[test]
    fn the_gates_admit_texts_generated_from_every_default_pattern() {
        let patterns = default_patterns();
        let sources = || patterns.iter().map(|(p, i)| (p.as_str(), *i));
        let documents = LiteralGate::with_own::<&str>(&[], sources());
        let lines = LiteralGate::for_lowercase(sources());
        let mut tested = 0;
        for (n, (pattern, insensitive)) in patterns.iter().enumerate() {
            // A runner per pattern: one runner runs its cases once, and
            // then no more for the patterns after.
            let mut runner = TestRunner::new(Config {
                cases: 64,
                failure_persistence: None,
                ..Config::default()
            });
            // proptest generates from a subset of the syntax (no assertions).
            let source = pattern.replace("(?-u:\\b)", "").replace("\\b", "");
            let Ok(strategy) = proptest::string::string_regex(&source) else {
                continue;
            };
            let regex = regex::RegexBuilder::new(pattern)
                .case_insensitive(*insensitive)
                .multi_line(true)
                .build()
                .unwrap();
            tested += 1;
            let first = crate::literal_gate::first_chars(pattern, *insensitive);
            runner
                .run(
                    &(strategy, "[a-z ]{0,8}", "[a-z ]{0,8}"),
                    |(text, before, after)| {
                        // Generated whole, the text is a match from its first character.
                        if let Some(first) = &first {
                            prop_assert!(
                                text.is_empty() || first.admits(&text),
                                "{pattern:?} can begin {text:?} but its first characters do not"
                            );
                        }
                        let upper = if *insensitive {
                            text.to_uppercase()
                        } else {
                            text.clone()
                        };
                        for text in [text.clone(), upper, format!("{before}{text}{after}")] {
                            let lower = text.to_lowercase();
                            for (gate, text) in [(&documents, &text), (&lines, &lower)] {
                                if regex.is_match(text) {
                                    let mut candidates = Vec::new();
                                    gate.candidates(text, &mut candidates);
                                    prop_assert!(
                                        candidates.contains(&(n as u32)),
                                        "{pattern:?} matches {text:?} but the gate dropped it"
                                    );
                                }
                            }
                        }
                        Ok(())
                    },
                )
                .unwrap();
        }
        assert!(
            tested * 2 > patterns.len(),
            "only {tested} of {} patterns generated",
            patterns.len()
        );
    }
}
