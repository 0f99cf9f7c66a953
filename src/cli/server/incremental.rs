//! Re-linting a document as it is typed: per-paragraph results cached, keyed
//! by a hash of the paragraph's text and the configuration, so an edit in one
//! paragraph re-runs the paragraph-local rules on that paragraph only.
//!
//! A rule set is split in two. *Local* rules (their kind in [`LOCAL_KINDS`])
//! see nothing beyond the paragraph they are given, so their findings in a
//! paragraph depend on its text alone (and on the document's language, for
//! rules restricted to some languages: that is guessed once over the whole
//! text and is part of the key). The other, *document* rules (acronym
//! consistency, name variants, exonyms that look for the native form
//! elsewhere, boilerplate near the head or tail, duplicate lines,
//! statistics) run over the whole text on every lint, in a few groups at
//! once on the thread pool. Both parts are then finished by the full rule
//! set, as [`RuleSet::lint`] finishes its sections: suppressions, accepted
//! words, order, findings another one explains. The result is the one
//! [`artlint::lint_as`] gives, which the tests below check on real articles
//! (for documents up to 1 MiB: beyond, `lint_as` lints sections of 512 KiB
//! and its document rules see one section at a time).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

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
/// cheapest (the many small checks), names beside acronyms.
fn group(kind: &str) -> usize {
    match kind {
        "boilerplate" | "link-block" | "duplicate-line" | "template-run" | "quality" => 0,
        "names" | "name-variants" | "exonym" => 2,
        "acronym-expansion" | "acronym-consistency" => 3,
        _ => 1,
    }
}

/// The rules of one configuration, split for incremental linting.
#[derive(Debug)]
pub(super) struct SplitRules {
    /// Every rule: finishes the parts.
    pub full: Arc<RuleSet>,
    /// The local rules, some restricted to languages.
    local_rules: Vec<Rule>,
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
        let mut groups: Vec<Vec<Rule>> = vec![Vec::new(); 4];
        for rule in document {
            groups[group(rule.kind.name())].push(rule);
        }
        SplitRules {
            full,
            local_rules,
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
                    .filter(|r| {
                        r.languages.is_empty()
                            || language.is_none_or(|l| r.languages.iter().any(|x| x == l))
                    })
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

/// Paragraph results of one document, from its last lint.
#[derive(Debug, Default)]
pub(super) struct ParagraphCache {
    /// Findings of the local rules, spans relative to the paragraph.
    entries: HashMap<u64, Arc<Vec<Diagnostic>>>,
    /// Paragraphs linted (not found in the cache) by the last lint.
    pub misses: usize,
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
    let language = doc.language();
    let local = rules.local_for(language);
    let mut parts = Vec::new();
    let paragraphs = paragraphs(doc.text);
    cache.paragraphs = paragraphs.len();
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
                Arc::new(local.lint_section(&section, whole))
            }
        };
        let mut placed = (*found).clone();
        for d in &mut placed {
            d.shift(paragraph.start);
        }
        parts.push(placed);
        cache.entries.insert(key, found);
    }
    // A document is not shared between threads: each group reads its own.
    let (name, text, fragments) = (doc.name, doc.text, doc.fragments());
    let whole = Span::new(0, text.len());
    parts.par_extend(rules.document.par_iter().map(|group| {
        let doc = Document::new(name, text).with_fragments(fragments);
        group.lint_section(&doc, whole)
    }));
    rules.full.finish(doc, parts)
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

/// Spans covering `text` in order, each ending after a blank line (or at the
/// end of the text).
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\n\n") {
        let end = at + 2;
        if end > start {
            out.push(Span::new(start, end));
            start = end;
        }
    }
    if start < text.len() || out.is_empty() {
        out.push(Span::new(start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use artlint::{builtin_pack, lint_as, load_pack};

    fn split() -> SplitRules {
        let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
        SplitRules::new(Arc::new(rules), 1)
    }

    #[test]
    fn paragraphs_end_after_blank_lines() {
        let text = "a\nb\n\nc\n\n\nd";
        let parts: Vec<&str> = paragraphs(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(parts, ["a\nb\n\n", "c\n\n", "\nd"]);
        assert_eq!(paragraphs(""), [Span::new(0, 0)]);
        assert_eq!(paragraphs("x\n\n"), [Span::new(0, 3)]);
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
}
