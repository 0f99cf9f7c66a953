//! What the acronym checks read from one section of a document: its acronym
//! tokens and its definitions (`Long Form (SF)`, `SF (Long Form)`). A
//! definition stays on one line, so it is never cut by a paragraph break.
//! Gathered per paragraph by the language server, so an edit re-reads one
//! paragraph (see [`crate::check::facts`]).

use std::collections::HashMap;

use super::{Definition, find_definitions, is_acronym};
use crate::check::facts::SectionFacts;
use crate::document::Document;
use crate::span::Span;

/// The acronyms of one section, spans relative to it.
#[derive(Debug)]
pub(super) struct AcronymFacts {
    /// Every acronym token (`CSTO`), in order.
    pub(super) tokens: Vec<Span>,
    /// Every definition, in order.
    pub(super) definitions: Vec<Definition>,
}

impl AcronymFacts {
    pub(super) fn gather(section: &Document) -> AcronymFacts {
        AcronymFacts {
            tokens: section
                .words()
                .iter()
                .filter(|w| w.is_capitalised() && is_acronym(section.slice(w.span)))
                .map(|w| w.span)
                .collect(),
            definitions: find_definitions(section),
        }
    }
}

/// Every definition of the document, in order, from its sections' facts.
pub(super) fn definitions(sections: &[SectionFacts<'_>]) -> Vec<Definition> {
    sections
        .iter()
        .flat_map(|section| {
            let at = section.span.start;
            section
                .get::<std::sync::Arc<AcronymFacts>>()
                .definitions
                .iter()
                .map(move |d| Definition {
                    short: d.short.shifted(at),
                    long: d.long.shifted(at),
                    ..d.clone()
                })
        })
        .collect()
}

/// Every acronym of the document with its occurrences in order, from its
/// sections' facts.
pub(super) fn occurrences<'a>(
    doc: &Document<'a>,
    sections: &[SectionFacts<'_>],
) -> HashMap<&'a str, Vec<Span>> {
    let mut map: HashMap<&'a str, Vec<Span>> = HashMap::new();
    for section in sections {
        for &token in &section.get::<std::sync::Arc<AcronymFacts>>().tokens {
            let token = token.shifted(section.span.start);
            map.entry(doc.slice(token)).or_default().push(token);
        }
    }
    map
}
