//! Document-level checks split in two, so that an editor re-reads only the
//! paragraph that changed. A check that looks at the whole document (name
//! spellings, acronyms) first gathers *facts* from each section of the text
//! on its own (its candidate words and where they are), then *decides* over
//! the facts of every section in order. Linting a file gathers the facts of
//! the whole text as one section; the language server keeps the facts of
//! each paragraph beside its other results and gathers them again only for
//! the paragraph that was edited. Both end in the same `decide`, so both
//! give the same findings.

use std::any::Any;
use std::fmt;

use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

/// What a check gathered from one section, spans relative to the section.
/// Owned (no borrow of the text), so a caller may keep it while the text
/// around the section changes.
pub trait Facts: Any + fmt::Debug + Send + Sync {}

impl<T: Any + fmt::Debug + Send + Sync> Facts for T {}

/// One section's facts and the section's span in the document.
#[derive(Debug, Clone, Copy)]
pub struct SectionFacts<'f> {
    pub span: Span,
    pub facts: &'f dyn Facts,
}

impl<'f> SectionFacts<'f> {
    /// The facts as the type the check gathered. Panics on another type: a
    /// caller handed one check's facts to another.
    pub fn get<T: Facts>(&self) -> &'f T {
        (self.facts as &dyn Any)
            .downcast_ref()
            .expect("facts gathered by this check")
    }
}

/// A check over the whole document that gathers facts per section (see the
/// module documentation). Sections must cover the document in order, each
/// after the first beginning right after a line break (`\n`): a paragraph
/// break, which ends a sentence and separates any two words.
pub trait FactCheck: Send + Sync {
    /// What this check needs to know of `section`, which is a section of some
    /// document as [`Document::section`] makes it.
    fn gather(&self, section: &Document) -> Box<dyn Facts>;

    /// The findings in `doc` from the facts of its `sections` (gathered by
    /// this check's [`gather`](FactCheck::gather), on the same text).
    fn decide(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        sections: &[SectionFacts<'_>],
        out: &mut Vec<Diagnostic>,
    );
}

/// The check of a whole document: the facts of its text as one section, then
/// the decision over them (what [`Check::check`](super::Check::check) does
/// for a [`FactCheck`]).
pub fn check_whole(
    check: &dyn FactCheck,
    doc: &Document,
    rule: &RuleMeta,
    out: &mut Vec<Diagnostic>,
) {
    let facts = check.gather(doc);
    let whole = SectionFacts {
        span: Span::new(0, doc.text.len()),
        facts: &*facts,
    };
    check.decide(doc, rule, &[whole], out);
}

/// Spans covering `text` in order, each ending after a blank line (or at the
/// end of the text): sections a [`FactCheck`] may be given, since each after
/// the first begins after a line break.
pub fn paragraphs(text: &str) -> Vec<Span> {
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
    use crate::{builtin_pack, load_pack};

    #[test]
    fn paragraphs_end_after_blank_lines() {
        let text = "a\nb\n\nc\n\n\nd";
        let parts: Vec<&str> = paragraphs(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(parts, ["a\nb\n\n", "c\n\n", "\nd"]);
        assert_eq!(paragraphs(""), [Span::new(0, 0)]);
        assert_eq!(paragraphs("x\n\n"), [Span::new(0, 3)]);
    }

    /// The findings of the built-in rule `id` in `text`, decided over the
    /// facts of its paragraphs; checked to be those of the whole-text check.
    /// Each as its text, its message and its labels' texts.
    fn split_findings(id: &str, text: &str) -> Vec<(String, String, Vec<String>)> {
        let rules = load_pack(&builtin_pack()).expect("the built-in pack loads");
        let rule = rules
            .iter()
            .find(|r| &*r.id == id)
            .expect("a built-in rule");
        let check = rule.kind.check().facts().expect("a check with facts");
        let doc = Document::new("t.txt", text);
        let mut whole = Vec::new();
        rule.kind.check().check(&doc, &rule.meta(), &mut whole);
        let gathered: Vec<(Span, Box<dyn Facts>)> = paragraphs(text)
            .into_iter()
            .map(|p| (p, check.gather(&doc.section(p))))
            .collect();
        assert!(gathered.len() >= 2, "the text has paragraphs");
        let sections: Vec<SectionFacts> = gathered
            .iter()
            .map(|(span, facts)| SectionFacts {
                span: *span,
                facts: &**facts,
            })
            .collect();
        let mut split = Vec::new();
        check.decide(&doc, &rule.meta(), &sections, &mut split);
        assert_eq!(split, whole, "split and whole-text checks differ");
        split
            .iter()
            .map(|d| {
                let labels = d.labels.iter().map(|l| doc.slice(l.span).to_string());
                (
                    doc.slice(d.span).to_string(),
                    d.message.clone(),
                    labels.collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_name_spelled_two_ways_in_two_paragraphs() {
        let text =
            "Ivan Petrov spoke on Monday.\n\nThe office of Petrow said so.\n\nPetrov agreed.\n";
        assert_eq!(
            split_findings("names/variant", text),
            [(
                "Petrow".to_string(),
                "'Petrow' is one of several spellings of a name in this document: \
                 `Petrov` ×2 (line 1, 5), `Petrow` ×1 (line 3)"
                    .to_string(),
                vec!["Petrov".to_string()],
            )]
        );
    }

    #[test]
    fn a_name_in_one_sentence_per_paragraph_is_not_two_people() {
        // Both are the first sentence of their paragraph: sentences are
        // numbered per paragraph, but the paragraphs' sentences differ.
        let text = "Kassym Nurlanov spoke.\n\nNurlanow agreed.\n";
        assert_eq!(split_findings("names/variant", text).len(), 1);
    }

    #[test]
    fn names_not_reported_across_paragraphs() {
        // Written in lowercase in another paragraph: a word, not a name.
        let text = "Ivan Petrov spoke on Monday.\n\nThe office of Petrow said so.\n\nIt was signed petrow.\n";
        assert_eq!(split_findings("names/variant", text), []);
        // Two spellings in one sentence are two people, in another paragraph
        // than the first too (and two paragraphs' sentences are not one).
        let text = "A note.\n\nThe coach said Kanjiro and Tanjiro left.\n";
        assert_eq!(split_findings("names/variant", text), []);
        let text = "A note.\n\nThe coach said Kanjiro left.\n\nThen Tanjiro left.\n";
        assert_eq!(split_findings("names/variant", text).len(), 1);
    }

    #[test]
    fn an_acronym_defined_in_one_paragraph_and_scrambled_in_another() {
        let text = "The Collective Security Treaty Organization (CSTO) met.\n\n\
                    The CSTO said so. The CSTO agreed.\n\nLater the CTSO left.\n";
        assert_eq!(
            split_findings("acronym/inconsistent", text),
            [(
                "CTSO".to_string(),
                "`CTSO` looks like a variant of `CSTO`, used 3 times in this document".to_string(),
                vec!["Collective Security Treaty Organization".to_string()],
            )]
        );
        assert_eq!(split_findings("acronym/expansion-mismatch", text), []);
    }

    #[test]
    fn a_misdefined_acronym_whose_initials_are_used_in_another_paragraph() {
        let text = "He appealed to the Collective Security Treaty Organization (CTSC).\n\n\
                    The CSTO met. The CSTO agreed.\n";
        assert_eq!(
            split_findings("acronym/expansion-mismatch", text),
            [(
                "CTSC".to_string(),
                "`CTSC` does not match `Collective Security Treaty Organization` \
                 (initials: CSTO, used 2 times in this document)"
                    .to_string(),
                vec!["Collective Security Treaty Organization".to_string()],
            )]
        );
    }

    #[test]
    fn acronyms_not_reported_across_paragraphs() {
        // Not twice as frequent: no majority.
        let text = "NATO met.\n\nNTAO said.\n";
        assert_eq!(split_findings("acronym/inconsistent", text), []);
        // One changed letter in a three-letter acronym: another acronym.
        let text = "The NSA said.\n\nThe NBA and the NBA agreed. The NBA left.\n";
        assert_eq!(split_findings("acronym/inconsistent", text), []);
        // An aligned definition, used in the next paragraph.
        let text = "The World Health Organization (WHO) met.\n\nThe WHO agreed.\n";
        assert_eq!(split_findings("acronym/expansion-mismatch", text), []);
    }
}
