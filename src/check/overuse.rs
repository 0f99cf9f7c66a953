//! A content word of six or more letters used three or more times within a
//! hundred words: machine translation repeats where a writer varies.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rule::{Rule, render_message};
use crate::span::Span;

const MIN_LETTERS: usize = 6;
const WINDOW: usize = 100;
const MIN_USES: usize = 3;

pub fn check(
    doc: &Document,
    rule: &Rule,
    allow: &std::collections::HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let words = doc.words();
    // Positions (word index) of each lowercase content word.
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    let mut reported: HashMap<String, usize> = HashMap::new();
    for (i, word) in words.iter().enumerate() {
        let text = doc.slice(word.span);
        if text.chars().count() < MIN_LETTERS || !text.chars().all(char::is_alphabetic) {
            continue;
        }
        // Capitalised words are names (the topic of the article), not style.
        if text.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let lower = text.to_lowercase();
        if allow.contains(&lower) {
            continue;
        }
        let positions = seen.entry(lower.clone()).or_default();
        positions.push(i);
        let in_window = positions
            .iter()
            .rev()
            .take_while(|&&p| i - p < WINDOW)
            .count();
        // One report per cluster: not again until the window has moved on.
        let last = reported.get(&lower).copied();
        if in_window >= MIN_USES && last.is_none_or(|l| i - l >= WINDOW) {
            reported.insert(lower.clone(), i);
            let first = positions[positions.len() - in_window];
            out.push(Diagnostic {
                rule: rule.id.clone(),
                severity: rule.severity,
                span: Span::new(word.span.start as usize, word.span.end as usize),
                message: render_message(&rule.message, |name| match name {
                    "match" => Some(lower.clone()),
                    "count" => Some(in_window.to_string()),
                    "value" => Some((i - first + 1).to_string()),
                    _ => None,
                }),
                labels: Vec::new(),
                fix: None,
            });
        }
    }
}
