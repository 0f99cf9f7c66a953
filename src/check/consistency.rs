//! Variant spellings of one thing in one document: the minority forms are
//! flagged and the message names the majority form and its count. On a tie
//! the form seen first wins.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rule::{Rule, render_message};
use crate::span::Span;

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
    rule: &Rule,
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
            out.push(Diagnostic {
                rule: rule.id.clone(),
                severity: rule.severity,
                span: o.span,
                message: render_message(&rule.message, |name| match name {
                    "match" => Some(matched.to_string()),
                    "majority" => Some(majority_text.clone()),
                    "count" => Some(counts[majority].to_string()),
                    "forms" => Some(forms.join(", ")),
                    _ => None,
                }),
                labels: Vec::new(),
                fix: Some(Fix {
                    applicability: rule
                        .applicability
                        .min(crate::diagnostic::Applicability::Unsafe),
                    edits: vec![Edit::new(o.span, majority_text.clone())],
                }),
            });
        }
    }
}
