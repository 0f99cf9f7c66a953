//! All selected rules compiled once: one Aho-Corasick automaton for every
//! literal of every rule, one `RegexSet` prefilter for every regex, one
//! boilerplate index, then the procedural checks. Immutable after
//! construction, so it is shared by reference across threads.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexSet};

use crate::check::consistency::Occurrence;
use crate::check::text::{at_word_boundary, preserve_case};
use crate::check::{
    acronym, boilerplate::BoilerplateIndex, consistency, duplicate_line, entity, exonym, invisible,
    language, link_block, mixed_script, mojibake, name_variant, names, overuse, quality, quote,
    repetition, repetition_loop,
};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Document;
use crate::rule::{Case, Rule, RuleKind, render_message};
use crate::span::Span;

/// Up to this many literals the automaton is a full DFA (see `RuleSet::new`).
const MAX_DFA_LITERALS: usize = 10_000;

/// Which literal or pattern of which rule an automaton or regex-set entry is.
#[derive(Debug, Clone, Copy)]
struct Owner {
    rule: u32,
    /// Index of the literal/pattern within the rule; for consistency rules,
    /// `group << 16 | variant`.
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
    regex: Regex,
    /// True for a literal turned into a regex (non-ASCII, case-insensitive).
    literal: bool,
    /// The regex was built case-insensitively (not visible in `as_str`).
    insensitive: bool,
}

/// Per-document state gathered during the literal pass and used after it.
#[derive(Default)]
struct Pending<'r> {
    consistency: Vec<(u32, Occurrence)>,
    english_seen: std::collections::HashMap<&'r str, bool>,
}

/// The compiled form of a set of rules.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    literals: Option<AhoCorasick>,
    literal_entries: Vec<LiteralEntry>,
    regex_set: Option<RegexSet>,
    regex_entries: Vec<RegexEntry>,
    boilerplate: BoilerplateIndex,
    has_invalid_utf8_rule: bool,
    /// Words and names that are never flagged (project vocabulary).
    accepted: Vec<String>,
}

/// The literals of a rule that go into the shared automaton, with their item ids.
fn rule_literals(rule: &Rule) -> Vec<(u32, &str)> {
    match &rule.kind {
        RuleKind::Existence { literals, .. } => literals
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u32, l.as_str()))
            .collect(),
        RuleKind::Substitution { swaps, .. } => swaps
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (i as u32, w.as_str()))
            .collect(),
        RuleKind::Consistency { groups } => groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .iter()
                    .enumerate()
                    .map(move |(v, l)| (((g as u32) << 16) | v as u32, l.as_str()))
            })
            .collect(),
        RuleKind::Exonym { people } => people
            .iter()
            .enumerate()
            .map(|(i, p)| (i as u32, p.foreign.as_str()))
            .collect(),
        _ => Vec::new(),
    }
}

fn rule_patterns(rule: &Rule) -> &[Regex] {
    match &rule.kind {
        RuleKind::Existence { patterns, .. } | RuleKind::Substitution { patterns, .. } => patterns,
        _ => &[],
    }
}

impl RuleSet {
    pub fn new(rules: Vec<Rule>) -> RuleSet {
        let mut literal_patterns: Vec<String> = Vec::new();
        let mut literal_entries = Vec::new();
        let mut regex_entries = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            let insensitive =
                rule.case == Case::Insensitive && !matches!(rule.kind, RuleKind::Exonym { .. });
            for (item, literal) in rule_literals(rule) {
                let owner = Owner {
                    rule: r as u32,
                    item,
                };
                if insensitive && !literal.is_ascii() {
                    let pattern = format!("(?i){}", regex::escape(literal));
                    if let Ok(regex) = Regex::new(&pattern) {
                        regex_entries.push(RegexEntry {
                            owner,
                            regex,
                            literal: true,
                            insensitive: true,
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
            for (item, regex) in rule_patterns(rule).iter().enumerate() {
                regex_entries.push(RegexEntry {
                    owner: Owner {
                        rule: r as u32,
                        item: item as u32,
                    },
                    regex: regex.clone(),
                    literal: false,
                    insensitive: rule.case == Case::Insensitive,
                });
            }
        }
        let literals = (!literal_patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                // A full DFA has the fastest transitions for the overlapping
                // search over every byte, at a few MiB for the default pack;
                // for very large packs its size and build time are not worth it.
                .kind((literal_patterns.len() <= MAX_DFA_LITERALS).then_some(AhoCorasickKind::DFA))
                .build(&literal_patterns)
                .expect("literal automaton within default size limits")
        });
        let regex_set = (!regex_entries.is_empty())
            .then(|| RegexSet::new(regex_entries.iter().map(set_source)).ok())
            .flatten();
        let boilerplate = BoilerplateIndex::new(&rules);
        let has_invalid_utf8_rule = rules
            .iter()
            .any(|r| matches!(r.kind, RuleKind::InvalidUtf8));
        RuleSet {
            rules,
            literals,
            literal_entries,
            regex_set,
            regex_entries,
            boilerplate,
            has_invalid_utf8_rule,
            accepted: Vec::new(),
        }
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
    /// A large document is linted section by section (see [`crate::section`]).
    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        let parts = crate::section::sections(doc.text)
            .into_iter()
            .map(|section| self.lint_section(doc, section))
            .collect();
        self.finish(doc, parts)
    }

    /// The findings of one section of `doc` (from [`crate::section::sections`]),
    /// with spans into the whole text. Sections are independent: a caller may
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
        let unused = self
            .rules
            .iter()
            .find(|r| matches!(r.kind, RuleKind::UnusedSuppression));
        crate::suppress::apply(doc, &mut out, unused);
        self.drop_accepted(doc, &mut out);

        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        drop_nested(&mut out);
        out
    }

    /// Every check on one document (or section), unsorted and unsuppressed.
    fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let active = self.active_rules(doc);
        let mut pending = Pending::default();
        let text = doc.text;

        if let Some(automaton) = &self.literals {
            for m in automaton.find_overlapping_iter(text) {
                let entry = &self.literal_entries[m.pattern().as_usize()];
                if entry
                    .exact
                    .as_deref()
                    .is_some_and(|exact| &text[m.range()] != exact)
                {
                    continue;
                }
                let rule = &self.rules[entry.owner.rule as usize];
                if !active[entry.owner.rule as usize] {
                    continue;
                }
                if !text.is_char_boundary(m.start()) || !text.is_char_boundary(m.end()) {
                    continue;
                }
                if rule.word_boundary && !at_word_boundary(text, m.start(), m.end()) {
                    continue;
                }
                self.literal_hit(
                    doc,
                    entry.owner,
                    Span::from(m.range()),
                    &mut out,
                    &mut pending,
                );
            }
        }

        if !self.regex_entries.is_empty() {
            // The set says which patterns match at all; if it could not be
            // built (too large together), every pattern runs on its own.
            let candidates: Vec<usize> = match &self.regex_set {
                Some(set) => set.matches(text).into_iter().collect(),
                None => (0..self.regex_entries.len()).collect(),
            };
            for i in candidates {
                let entry = &self.regex_entries[i];
                if !active[entry.owner.rule as usize] {
                    continue;
                }
                let rule = &self.rules[entry.owner.rule as usize];
                for caps in entry.regex.captures_iter(text) {
                    let whole = caps.get(0).expect("group 0 always matches");
                    if entry.literal {
                        let (start, end) = (whole.start(), whole.end());
                        if rule.word_boundary && !at_word_boundary(text, start, end) {
                            continue;
                        }
                        self.literal_hit(
                            doc,
                            entry.owner,
                            Span::new(start, end),
                            &mut out,
                            &mut pending,
                        );
                        continue;
                    }
                    let target = caps.name("span").unwrap_or(whole);
                    if target.is_empty() && whole.is_empty() {
                        continue;
                    }
                    out.push(regex_diagnostic(
                        rule,
                        entry.owner.item,
                        &caps,
                        Span::from(target.range()),
                    ));
                }
            }
        }

        let mut consistency_hits = pending.consistency;
        if !consistency_hits.is_empty() {
            consistency_hits.sort_by_key(|(rule, o)| (*rule, o.span.start));
            for chunk in consistency_hits.chunk_by(|a, b| a.0 == b.0) {
                let rule = &self.rules[chunk[0].0 as usize];
                if let RuleKind::Consistency { groups } = &rule.kind {
                    let occurrences: Vec<Occurrence> = chunk.iter().map(|(_, o)| *o).collect();
                    consistency::check(doc, rule, groups, &occurrences, &mut out);
                }
            }
        }

        self.boilerplate.check(doc, &self.rules, &active, &mut out);

        for (rule, _) in self.rules.iter().zip(&active).filter(|(_, on)| **on) {
            match &rule.kind {
                RuleKind::Repetition { allow } => repetition::check(doc, rule, allow, &mut out),
                RuleKind::AcronymExpansion => acronym::check_expansion(doc, rule, &mut out),
                RuleKind::AcronymConsistency => acronym::check_inconsistent(doc, rule, &mut out),
                RuleKind::Names { index } => names::check(doc, rule, index, &mut out),
                RuleKind::NameVariants => name_variant::check(doc, rule, &mut out),
                RuleKind::QuoteSpacing => quote::check(doc, rule, &mut out),
                RuleKind::HtmlEntity => entity::check(doc, rule, &mut out),
                RuleKind::Mojibake => mojibake::check(doc, rule, &mut out),
                RuleKind::Invisible => invisible::check(doc, rule, &mut out),
                RuleKind::MixedScript => mixed_script::check(doc, rule, &mut out),
                RuleKind::DuplicateLine => duplicate_line::check(doc, rule, &mut out),
                RuleKind::LinkBlock => link_block::check(doc, rule, &mut out),
                RuleKind::RepetitionLoop { allow } => {
                    repetition_loop::check(doc, rule, allow, &mut out)
                }
                RuleKind::Overuse { allow } => overuse::check(doc, rule, allow, &mut out),
                _ => {}
            }
        }

        // Document statistics last: one of them measures what the
        // boilerplate rules found.
        let mut measured = None;
        for (rule, _) in self.rules.iter().zip(&active).filter(|(_, on)| **on) {
            if let RuleKind::Quality {
                metric,
                minimum,
                maximum,
            } = &rule.kind
            {
                let (stats, flagged) = measured
                    .get_or_insert_with(|| (quality::Stats::of(doc), self.boilerplate_bytes(&out)));
                quality::check(stats, rule, *metric, *minimum, *maximum, *flagged, &mut out);
            }
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

    /// Bytes of the lines flagged by boilerplate rules (each line once).
    fn boilerplate_bytes(&self, out: &[Diagnostic]) -> usize {
        let boilerplate: std::collections::HashSet<&str> = self
            .rules
            .iter()
            .filter(|r| matches!(r.kind, RuleKind::Boilerplate { .. }))
            .map(|r| &*r.id)
            .collect();
        let mut spans: Vec<Span> = out
            .iter()
            .filter(|d| boilerplate.contains(&*d.rule))
            .map(|d| d.span)
            .collect();
        spans.sort();
        spans.dedup();
        spans.iter().map(|s| s.len()).sum()
    }

    /// Which rules apply to this document: those without a language
    /// restriction, and the rest when the document's language is theirs.
    fn active_rules(&self, doc: &Document) -> Vec<bool> {
        if self.rules.iter().all(|r| r.languages.is_empty()) {
            return vec![true; self.rules.len()];
        }
        let language = language::guess(doc);
        self.rules
            .iter()
            .map(|r| {
                r.languages.is_empty()
                    || language.is_none_or(|l| r.languages.iter().any(|x| x == l))
            })
            .collect()
    }

    fn literal_hit<'r>(
        &'r self,
        doc: &Document,
        owner: Owner,
        span: Span,
        out: &mut Vec<Diagnostic>,
        pending: &mut Pending<'r>,
    ) {
        let rule = &self.rules[owner.rule as usize];
        let matched = doc.slice(span);
        let item = owner.item as usize;
        match &rule.kind {
            RuleKind::Existence { .. } => out.push(Diagnostic {
                rule: rule.id.clone(),
                severity: rule.severity,
                span,
                message: render_message(&rule.message, |name| {
                    (name == "match").then(|| matched.to_string())
                }),
                labels: Vec::new(),
                fix: None,
            }),
            RuleKind::Substitution { swaps, .. } => {
                let right = &swaps[item].1;
                let replacement = if rule.case == Case::Insensitive {
                    preserve_case(matched, right)
                } else {
                    right.clone()
                };
                out.push(Diagnostic {
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    span,
                    message: render_message(&rule.message, |name| match name {
                        "match" => Some(matched.to_string()),
                        "replacement" => Some(replacement.clone()),
                        _ => None,
                    }),
                    labels: Vec::new(),
                    fix: Some(Fix {
                        applicability: rule.applicability,
                        edits: vec![Edit::new(span, replacement)],
                    }),
                });
            }
            RuleKind::Consistency { .. } => pending.consistency.push((
                owner.rule,
                Occurrence {
                    group: owner.item >> 16,
                    variant: owner.item & 0xffff,
                    span,
                },
            )),
            RuleKind::Exonym { people } => exonym::report(
                doc,
                rule,
                &people[item],
                span,
                &mut pending.english_seen,
                out,
            ),
            _ => {}
        }
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
        let text = String::from_utf8_lossy(bytes);
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
        if let (Err(error), true) = (std::str::from_utf8(bytes), self.has_invalid_utf8_rule) {
            let at = error.valid_up_to();
            let bad = bytes[at];
            let span = Span::new(at, at + '\u{fffd}'.len_utf8());
            for rule in self
                .rules
                .iter()
                .filter(|r| matches!(r.kind, RuleKind::InvalidUtf8))
            {
                diagnostics.push(Diagnostic {
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    span,
                    message: render_message(&rule.message, |name| {
                        (name == "byte").then(|| format!("0x{bad:02X}"))
                    }),
                    labels: Vec::new(),
                    fix: None,
                });
            }
            diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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

/// A regex's pattern with its flags inline, for the shared `RegexSet`.
fn set_source(entry: &RegexEntry) -> String {
    let flags = if entry.insensitive { "(?mi)" } else { "(?m)" };
    format!("{flags}(?:{})", entry.regex.as_str())
}

fn regex_diagnostic(rule: &Rule, item: u32, caps: &regex::Captures, span: Span) -> Diagnostic {
    let matched = caps
        .name("span")
        .unwrap_or_else(|| caps.get(0).expect("group 0"))
        .as_str();
    let replacement = match &rule.kind {
        RuleKind::Substitution {
            replace: Some(template),
            ..
        } => {
            let mut expanded = String::new();
            caps.expand(template, &mut expanded);
            Some(expanded)
        }
        _ => None,
    };
    let _ = item;
    let message = render_message(&rule.message, |name| match name {
        "match" => Some(matched.to_string()),
        "replacement" => replacement.clone(),
        other => caps.name(other).map(|m| m.as_str().to_string()),
    });
    Diagnostic {
        rule: rule.id.clone(),
        severity: rule.severity,
        span,
        message,
        labels: Vec::new(),
        fix: replacement.map(|r| Fix {
            applicability: rule.applicability,
            edits: vec![Edit::new(span, r)],
        }),
    }
}
