//! Foreign forms of people's names (`Poutine` for Putin), made contextual: a
//! warning when anchored by the person's given name or when the English form
//! also appears in the document, info otherwise (`poutine` is also a dish).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::kind::{Check, Hit, Key, Kind, KindError, KindSpec, Literals};
use super::meta::RuleMeta;
use crate::check::text::at_word_boundary;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::span::Span;

const PEOPLE: Key<Vec<Person>> = Key::new("people");

pub static KIND: Kind = Kind {
    name: "exonym",
    keys: &[PEOPLE.decl()],
    placeholders: &["match", "replacement"],
    compile,
    prepare: None,
};

/// A person whose name machine translation leaves in a foreign form
/// (`people = [{ foreign, english, given }]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "struct PersonSpec"
)]
pub struct Person {
    pub foreign: String,
    pub english: String,
    #[serde(default)]
    pub given: Vec<String>,
}

#[derive(Debug)]
pub struct Exonym {
    pub people: Vec<Person>,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let people = spec
        .take(&PEOPLE)?
        .ok_or_else(|| spec.missing("`people`"))?
        .into_inner();
    Ok(Arc::new(Exonym { people }))
}

impl Check for Exonym {
    /// Foreign forms match case-sensitively whatever `case` says: `poutine`
    /// is a dish.
    fn literals(&self) -> Literals<'_> {
        Literals {
            items: self
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| (i as u32, p.foreign.as_str()))
                .collect(),
            case_insensitive: false,
        }
    }

    fn literal_hits(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        hits: &[Hit],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut english_seen = HashMap::new();
        for hit in hits {
            let person = &self.people[hit.item as usize];
            report(doc, rule, person, hit.span, &mut english_seen, out);
        }
    }
}

/// Reports one occurrence of `person.foreign` found at `span` by the shared
/// literal automaton.
/// `english_seen` caches, per document, whether an English form occurs, so a
/// document with many foreign forms is still scanned once per person.
pub fn report<'r>(
    doc: &Document,
    rule: &RuleMeta,
    person: &'r Person,
    span: Span,
    english_seen: &mut HashMap<&'r str, bool>,
    out: &mut Vec<Diagnostic>,
) {
    let before = doc.text[..span.start as usize].trim_end_matches([' ', '\u{a0}']);
    let anchored_by_given = person.given.iter().any(|given| {
        before.ends_with(given.as_str())
            && at_word_boundary(before, before.len() - given.len(), before.len())
    });
    let english_elsewhere = anchored_by_given
        || *english_seen
            .entry(person.english.as_str())
            .or_insert_with(|| {
                doc.text
                    .match_indices(person.english.as_str())
                    .any(|(i, m)| at_word_boundary(doc.text, i, i + m.len()))
            });
    let severity = if anchored_by_given || english_elsewhere {
        rule.severity
    } else {
        Severity::Info
    };
    let matched = doc.slice(span);
    out.push(
        rule.report(span, |name| match name {
            "match" => Some(matched.to_string()),
            "replacement" => Some(person.english.clone()),
            _ => None,
        })
        .severity(severity)
        .unsafe_fix([Edit::new(span, person.english.clone())])
        .build(),
    );
}
