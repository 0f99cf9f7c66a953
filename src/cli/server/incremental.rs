//! Re-linting a document as it is typed: per-paragraph results cached, keyed
//! by a hash of the paragraph's text and the configuration, so an edit in one
//! paragraph re-runs the paragraph-local rules on that paragraph only.
//!
//! A rule set is split in three. *Local* rules (their kind in
//! [`LOCAL_KINDS`]) see nothing beyond the paragraph they are given, so their
//! findings in a paragraph depend on its text alone (and on the document's
//! language, for rules restricted to some languages: that is guessed once
//! over the whole text and is part of the key). *Factual* rules (name
//! variants, acronym expansion and consistency: the kinds whose check is a
//! [`FactCheck`]) look at the whole document, but through facts gathered per
//! paragraph: those are cached beside the local findings, under the same
//! key, and only the decision over every paragraph's facts runs on each
//! lint. The other, *document* rules (misspelled names and exonyms that look
//! for the native form elsewhere, boilerplate near the head or tail,
//! duplicate lines, template runs, statistics) run over the whole text on
//! every lint, in a few groups at once on the thread pool, beside the
//! factual decisions. All parts are then finished by the full rule set, as
//! [`RuleSet::lint`] finishes its sections: suppressions, accepted words,
//! order, findings another one explains. The result is the one
//! [`artlint::lint_as`] gives, which the tests below check on real articles
//! (for documents up to 1 MiB: beyond, `lint_as` lints sections of 512 KiB
//! and its document rules see one section at a time).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use artlint::check::facts::paragraphs;
use artlint::check::{FactCheck, Facts, RuleMeta, SectionFacts};
use artlint::{Diagnostic, Document, Format, Rule, RuleSet, Span};
use rayon::prelude::*;
use rustc_hash::FxHasher;

/// Rule kinds whose findings in a paragraph depend on that paragraph only.
/// A kind not listed is run over the whole document: listing one wrongly
/// changes findings, which `incremental_lint_equals_the_full_lint` catches.
const LOCAL_KINDS: &[&str] = &[
    "existence",
    "substitution",
    "repetition",
    "html-entity",
    "mojibake",
    "mixed-script",
    "foreign-sentence",
];

/// Document rules linted together: a kind that reads another's findings
/// (the quality statistics count boilerplate lines; a template run is a
/// label between boilerplate and link-block lines, and a duplicate line
/// counts beside them) is in its group. The
/// order is meant to balance the halves rayon splits the groups into: the costliest
/// group (boilerplate, about a third of the time on real pages) beside the
/// cheapest (the many small checks), then the names.
fn group(kind: &str) -> usize {
    match kind {
        "boilerplate" | "link-block" | "duplicate-line" | "template-run" | "quality" => 0,
        "names" | "exonym" => 2,
        _ => 1,
    }
}

/// True when `rule` applies to a document in `language` (as the rule set
/// decides for a whole document).
fn applies(rule: &Rule, language: Option<&str>) -> bool {
    rule.languages.is_empty() || language.is_none_or(|l| rule.languages.iter().any(|x| x == l))
}

/// A rule whose check decides over facts gathered per paragraph.
#[derive(Debug)]
struct FactualRule {
    rule: Rule,
    meta: RuleMeta,
}

impl FactualRule {
    fn check(&self) -> &dyn FactCheck {
        self.rule
            .kind
            .check()
            .facts()
            .expect("only rules with facts are factual")
    }
}

/// The rules of one configuration, split for incremental linting.
#[derive(Debug)]
pub(super) struct SplitRules {
    /// Every rule: finishes the parts.
    pub full: Arc<RuleSet>,
    /// The local rules, some restricted to languages.
    local_rules: Vec<Rule>,
    /// The rules whose facts are gathered per paragraph.
    factual: Vec<FactualRule>,
    /// The local rules that apply to a document of a language, compiled on
    /// first use, by language.
    local: Mutex<HashMap<Option<&'static str>, Arc<RuleSet>>>,
    /// The document rules, by [`group`].
    document: Vec<RuleSet>,
    /// Stands for the configuration in cache keys.
    generation: u64,
}

impl SplitRules {
    /// Splits `full`; `generation` must differ between configurations.
    pub(super) fn new(full: Arc<RuleSet>, generation: u64) -> SplitRules {
        let (local_rules, document): (Vec<Rule>, Vec<Rule>) = full
            .rules()
            .iter()
            .cloned()
            .partition(|r| LOCAL_KINDS.contains(&r.kind.name()));
        let (factual, document): (Vec<Rule>, Vec<Rule>) = document
            .into_iter()
            .partition(|r| r.kind.check().facts().is_some());
        let mut groups: Vec<Vec<Rule>> = vec![Vec::new(); 3];
        for rule in document {
            groups[group(rule.kind.name())].push(rule);
        }
        SplitRules {
            full,
            local_rules,
            factual: factual
                .into_iter()
                .map(|rule| FactualRule {
                    meta: rule.meta(),
                    rule,
                })
                .collect(),
            local: Mutex::new(HashMap::new()),
            // Compiled at once: the first lint of a document waits for them.
            document: groups
                .into_par_iter()
                .filter(|g| !g.is_empty())
                .map(RuleSet::new)
                .collect(),
            generation,
        }
    }

    /// The local rules a document in `language` is linted with, their
    /// restriction lifted (a paragraph's own guess would often differ).
    fn local_for(&self, language: Option<&'static str>) -> Arc<RuleSet> {
        let mut compiled = self.local.lock().expect("no poisoning");
        compiled
            .entry(language)
            .or_insert_with(|| {
                let rules = self
                    .local_rules
                    .iter()
                    .filter(|r| applies(r, language))
                    .map(|r| Rule {
                        languages: Vec::new(),
                        ..r.clone()
                    })
                    .collect();
                Arc::new(RuleSet::new(rules))
            })
            .clone()
    }
}

/// What is kept of one paragraph between lints, spans relative to it.
#[derive(Debug)]
struct Paragraph {
    /// Findings of the local rules.
    local: Vec<Diagnostic>,
    /// Facts of each factual rule (as [`SplitRules::factual`]) that applies
    /// to the document's language; `None` for the others.
    facts: Vec<Option<Box<dyn Facts>>>,
}

/// Paragraph results of one document, from its last lint.
#[derive(Debug, Default)]
pub(super) struct ParagraphCache {
    entries: HashMap<u64, Arc<Paragraph>>,
    /// Paragraphs linted (not found in the cache) by the last lint.
    pub misses: usize,
    /// Facts gathered by the last lint: one per paragraph linted and
    /// factual rule applied.
    pub facts_gathered: usize,
    /// Paragraphs in the text of the last lint.
    pub paragraphs: usize,
}

/// Lints `text` as `format` with `rules`, reusing the paragraph results in
/// `cache` and leaving there those of this text only.
pub(super) fn lint(
    rules: &SplitRules,
    cache: &mut ParagraphCache,
    format: Format,
    name: &str,
    text: &str,
) -> Vec<Diagnostic> {
    match format.prose(text) {
        Some(prose) => prose.map_diagnostics(lint_document(rules, cache, &prose.document(name))),
        None => lint_document(rules, cache, &Document::new(name, text)),
    }
}

fn lint_document(
    rules: &SplitRules,
    cache: &mut ParagraphCache,
    doc: &Document,
) -> Vec<Diagnostic> {
    let mut previous = std::mem::take(&mut cache.entries);
    cache.misses = 0;
    cache.facts_gathered = 0;
    let language = doc.language();
    let local = rules.local_for(language);
    let factual: Vec<bool> = rules
        .factual
        .iter()
        .map(|f| applies(&f.rule, language))
        .collect();
    let mut parts = Vec::new();
    let paragraphs = paragraphs(doc.text);
    cache.paragraphs = paragraphs.len();
    let mut placed: Vec<(Span, Arc<Paragraph>)> = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let key = key(rules.generation, language, doc, paragraph);
        let found = match previous
            .remove(&key)
            .or_else(|| cache.entries.get(&key).cloned())
        {
            Some(found) => found,
            None => {
                cache.misses += 1;
                let section = doc.section(paragraph);
                let whole = Span::new(0, paragraph.len());
                let facts = rules
                    .factual
                    .iter()
                    .zip(&factual)
                    .map(|(rule, &applied)| {
                        applied.then(|| {
                            cache.facts_gathered += 1;
                            rule.check().gather(&section)
                        })
                    })
                    .collect();
                Arc::new(Paragraph {
                    local: local.lint_section(&section, whole),
                    facts,
                })
            }
        };
        let mut local = found.local.clone();
        for d in &mut local {
            d.shift(paragraph.start);
        }
        parts.push(local);
        cache.entries.insert(key, found.clone());
        placed.push((paragraph, found));
    }
    // A document is not shared between threads: each group reads its own.
    let (name, text, fragments) = (doc.name, doc.text, doc.fragments());
    let whole = Span::new(0, text.len());
    let (groups, decided) = rayon::join(
        || {
            rules
                .document
                .par_iter()
                .map(|group| {
                    let doc = Document::new(name, text).with_fragments(fragments);
                    group.lint_section(&doc, whole)
                })
                .collect::<Vec<_>>()
        },
        || {
            let doc = Document::new(name, text).with_fragments(fragments);
            decide(rules, &factual, &doc, &placed)
        },
    );
    parts.extend(groups);
    parts.push(decided);
    rules.full.finish(doc, parts)
}

/// The findings of the factual rules that apply (`applied`, as
/// [`SplitRules::factual`]) in `doc`, decided over the facts of its
/// paragraphs.
fn decide(
    rules: &SplitRules,
    applied: &[bool],
    doc: &Document,
    paragraphs: &[(Span, Arc<Paragraph>)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (r, rule) in rules.factual.iter().enumerate() {
        if !applied[r] {
            continue;
        }
        let sections: Vec<SectionFacts> = paragraphs
            .iter()
            .map(|(span, paragraph)| SectionFacts {
                span: *span,
                facts: paragraph.facts[r]
                    .as_deref()
                    .expect("facts of an applied rule are gathered"),
            })
            .collect();
        rule.check().decide(doc, &rule.meta, &sections, &mut out);
    }
    out
}

/// What a paragraph's local findings depend on: the configuration, the
/// document's language, the paragraph's text, and which of its lines are
/// fragments (table cells, headings) of a structured source.
fn key(generation: u64, language: Option<&str>, doc: &Document, paragraph: Span) -> u64 {
    let mut hasher = FxHasher::default();
    generation.hash(&mut hasher);
    language.hash(&mut hasher);
    doc.slice(paragraph).hash(&mut hasher);
    for fragment in doc.fragments() {
        if fragment.end > paragraph.start && fragment.start < paragraph.end {
            (fragment.start.saturating_sub(paragraph.start)).hash(&mut hasher);
            (fragment.end.min(paragraph.end) - paragraph.start).hash(&mut hasher);
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use artlint::{builtin_pack, lint_as, load_pack};

    fn split() -> SplitRules {
        let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
        SplitRules::new(Arc::new(rules), 1)
    }

    /// A third of the evaluation corpus's articles (all of them take 25 s in
    /// a debug build), the seed article and the fixtures: the incremental
    /// lint finds exactly what `lint_as` finds.
    #[test]
    fn incremental_lint_equals_the_full_lint() {
        let rules = split();
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for (dir, every) in [("fixtures", 1), ("../shared/eval/articles/page", 3)] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut found: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            found.sort();
            files.extend(found.into_iter().step_by(every));
        }
        files.push("../shared/seed-article.txt".into());
        files.sort();
        let mut compared = 0;
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let format = Format::for_path(&path);
            if format == Format::Jsonl {
                continue;
            }
            let name = path.display().to_string();
            let expected = lint_as(&rules.full, format, &name, &text);
            let mut cache = ParagraphCache::default();
            let found = lint(&rules, &mut cache, format, &name, &text);
            let missing: Vec<_> = expected.iter().filter(|d| !found.contains(d)).collect();
            let extra: Vec<_> = found.iter().filter(|d| !expected.contains(d)).collect();
            assert_eq!(
                (&missing, &extra),
                (&vec![], &vec![]),
                "{name}: missing, extra"
            );
            assert_eq!(found, expected, "{name}");
            // Again from the cache: nothing re-linted, the same findings.
            assert_eq!(
                lint(&rules, &mut cache, format, &name, &text),
                expected,
                "{name}"
            );
            assert_eq!(cache.misses, 0, "{name}");
            compared += 1;
        }
        assert!(compared > 0);
    }

    /// An edit in one paragraph re-lints that paragraph only, and the
    /// findings follow the edit.
    #[test]
    fn an_edit_relints_its_paragraph_only() {
        let rules = split();
        let mut cache = ParagraphCache::default();
        let before = "One paragraph.\n\nVladimir Putin said so.\n\nThe end.\n";
        let found = lint(&rules, &mut cache, Format::Text, "a.txt", before);
        assert_eq!(cache.misses, 3);
        assert!(found.iter().all(|d| &*d.rule != "names/exonym"));
        let after = before.replace("Putin", "Poutine");
        let found = lint(&rules, &mut cache, Format::Text, "a.txt", &after);
        assert_eq!(cache.misses, 1);
        let exonym: Vec<&str> = found
            .iter()
            .filter(|d| &*d.rule == "names/exonym")
            .map(|d| &after[d.span.range()])
            .collect();
        assert_eq!(exonym, ["Poutine"]);
        // A different configuration shares nothing.
        let other = SplitRules::new(rules.full.clone(), 2);
        lint(&other, &mut cache, Format::Text, "a.txt", &after);
        assert_eq!(cache.misses, 3);
    }

    /// An edit in one paragraph gathers the facts of that paragraph only,
    /// and the decisions over every paragraph's facts follow the edit: a
    /// name respelled, an acronym scrambled, each far from the other
    /// spelling.
    #[test]
    fn an_edit_gathers_the_facts_of_its_paragraph_only() {
        let rules = split();
        let factual = rules.factual.len();
        assert_eq!(factual, 3, "names/variant and the two acronym rules");
        let mut cache = ParagraphCache::default();
        let mut text = String::from(
            "Ivan Petrov spoke on Monday with the officials of the region.\n\n\
             The Collective Security Treaty Organization (CSTO) met.\n\n\
             The CSTO said so, and the members of the CSTO agreed with it.\n\n\
             Later the visitors left, and Petrov went back home.\n",
        );
        let found = lint(&rules, &mut cache, Format::Text, "a.txt", &text);
        assert_eq!(found, lint_as(&rules.full, Format::Text, "a.txt", &text));
        assert_eq!((cache.misses, cache.facts_gathered), (4, 4 * factual));
        let edits = [
            ("went back home", "went home", None),
            (
                "and Petrov went",
                "and Petrow went",
                Some(("names/variant", "Petrow")),
            ),
            (
                "The CSTO said",
                "The CTSO said",
                Some(("acronym/inconsistent", "CTSO")),
            ),
        ];
        for (from, to, expected) in edits {
            text = text.replacen(from, to, 1);
            let found = lint(&rules, &mut cache, Format::Text, "a.txt", &text);
            assert_eq!(found, lint_as(&rules.full, Format::Text, "a.txt", &text));
            assert_eq!((cache.misses, cache.facts_gathered), (1, factual), "{to}");
            if let Some((rule, at)) = expected {
                let d = found.iter().find(|d| &*d.rule == rule).expect(rule);
                assert_eq!(&text[d.span.range()], at);
            }
        }
        // The names finding points at the other spelling, three paragraphs up.
        let found = lint(&rules, &mut cache, Format::Text, "a.txt", &text);
        assert_eq!((cache.misses, cache.facts_gathered), (0, 0));
        let variant = found.iter().find(|d| &*d.rule == "names/variant").unwrap();
        assert_eq!(&text[variant.labels[0].span.range()], "Petrov");
        assert!(variant.labels[0].span.start < 10);
    }
}
