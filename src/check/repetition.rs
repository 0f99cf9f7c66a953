//! The same word twice in a row (`the the`), a classic of hurried editing and
//! of machine translation.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rule::{Rule, render_message};
use crate::span::Span;

pub fn check(doc: &Document, rule: &Rule, allow: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    let words = doc.words();
    for pair in words.windows(2) {
        let (first, second) = (pair[0].span, pair[1].span);
        let (a, b) = (doc.slice(first), doc.slice(second));
        if a.len() != b.len() || !same_word(a, b) {
            continue;
        }
        if a.chars().all(|c| c.is_numeric()) || allow.contains(&a.to_lowercase()) {
            continue;
        }
        // Only whitespace between them, and no blank line.
        let gap = &doc.text[first.end as usize..second.start as usize];
        if !gap.chars().all(char::is_whitespace) || gap.matches('\n').count() > 1 {
            continue;
        }
        out.push(Diagnostic {
            rule: rule.id.clone(),
            severity: rule.severity,
            span: second,
            message: render_message(&rule.message, |name| {
                (name == "match").then(|| b.to_string())
            }),
            labels: Vec::new(),
            fix: Some(Fix {
                applicability: rule.applicability,
                edits: vec![Edit::new(
                    Span::new(first.end as usize, second.end as usize),
                    "",
                )],
            }),
        });
    }
}

fn same_word(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}
