//! Variant spellings of one thing in one document: the minority forms are
//! flagged and the message names the majority form and its count. On a tie
//! the form seen first wins.

use std::sync::Arc;

use super::kind::{Check, Hit, Key, Kind, KindError, KindSpec, Literals};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

const GROUPS: Key<Vec<Vec<String>>> = Key::new("groups");

pub static KIND: Kind = Kind {
    name: "consistency",
    keys: &[GROUPS.decl()],
    placeholders: &["match", "majority", "count", "forms"],
    compile,
    prepare: None,
};

/// Groups of variant spellings; every variant is a literal of the shared automaton.
#[derive(Debug)]
pub struct Consistency {
    pub groups: Vec<Vec<String>>,
    pub case_insensitive: bool,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let groups_spec = spec
        .take(&GROUPS)?
        .ok_or_else(|| spec.missing("`groups`"))?;
    let span = groups_spec.span();
    let groups = groups_spec.into_inner();
    if groups.len() > 0xffff || groups.iter().any(|g| g.len() > 0xffff) {
        return Err(KindError::at(
            span,
            "at most 65,535 groups of at most 65,535 variants each",
        ));
    }
    if groups
        .iter()
        .any(|g| g.len() < 2 || g.iter().any(String::is_empty))
    {
        return Err(KindError::at(
            span,
            "every group needs at least two non-empty variants",
        ));
    }
    Ok(Arc::new(Consistency {
        groups,
        case_insensitive: spec.case_insensitive(),
    }))
}

impl Check for Consistency {
    /// Item `group << 16 | variant` (both below 65,536, checked at load).
    fn literals(&self) -> Literals<'_> {
        Literals {
            items: self
                .groups
                .iter()
                .enumerate()
                .flat_map(|(g, group)| {
                    group
                        .iter()
                        .enumerate()
                        .map(move |(v, l)| (((g as u32) << 16) | v as u32, l.as_str()))
                })
                .collect(),
            case_insensitive: self.case_insensitive,
        }
    }

    fn literal_hits(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        hits: &[Hit],
        out: &mut Vec<Diagnostic>,
    ) {
        let occurrences: Vec<Occurrence> = hits
            .iter()
            .map(|hit| Occurrence {
                group: hit.item >> 16,
                variant: hit.item & 0xffff,
                span: hit.span,
            })
            .collect();
        check(doc, rule, &self.groups, &occurrences, out);
    }
}

/// One occurrence of variant `variant` of group `group`.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    pub group: u32,
    pub variant: u32,
    pub span: Span,
}

/// `occurrences` are one rule's matches, in document order.
pub fn check(
    doc: &Document,
    rule: &RuleMeta,
    groups: &[Vec<String>],
    occurrences: &[Occurrence],
    out: &mut Vec<Diagnostic>,
) {
    for (g, group) in groups.iter().enumerate() {
        let found: Vec<&Occurrence> = occurrences
            .iter()
            .filter(|o| o.group as usize == g)
            .collect();
        let mut counts = vec![0usize; group.len()];
        let mut first_seen = vec![usize::MAX; group.len()];
        for (order, o) in found.iter().enumerate() {
            counts[o.variant as usize] += 1;
            first_seen[o.variant as usize] = first_seen[o.variant as usize].min(order);
        }
        if counts.iter().filter(|&&c| c > 0).count() < 2 {
            continue;
        }
        let majority = (0..group.len())
            .max_by_key(|&v| (counts[v], std::cmp::Reverse(first_seen[v])))
            .expect("groups have at least two variants");
        // Spell the majority as the document does.
        let majority_text = found
            .iter()
            .find(|o| o.variant as usize == majority)
            .map(|o| doc.slice(o.span).to_string())
            .unwrap_or_else(|| group[majority].clone());
        let forms: Vec<String> = (0..group.len())
            .filter(|&v| counts[v] > 0)
            .map(|v| format!("{} ×{}", group[v], counts[v]))
            .collect();
        for o in found.iter().filter(|o| o.variant as usize != majority) {
            let matched = doc.slice(o.span);
            out.push(
                rule.report(o.span, |name| match name {
                    "match" => Some(matched.to_string()),
                    "majority" => Some(majority_text.clone()),
                    "count" => Some(counts[majority].to_string()),
                    "forms" => Some(forms.join(", ")),
                    _ => None,
                })
                .unsafe_fix([Edit::new(o.span, majority_text.clone())])
                .build(),
            );
        }
    }
}
