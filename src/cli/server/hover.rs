//! Hover on a finding: the explanation and examples of its rule, as
//! `artlint rule ID` prints them.

use artlint::Span;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::position::Encoding;
use super::session::{Linted, OpenDocument};
use crate::cli::rules_cmd::explanation;

/// The explanations of the rules of every finding at `position` (each rule
/// once), over the range of the first; `None` where there is no finding.
pub(super) fn hover(
    doc: &OpenDocument,
    linted: &Linted,
    position: Position,
    encoding: Encoding,
) -> Option<Hover> {
    let lines = doc.lines(encoding);
    let at = lines.offset(position);
    let here: Vec<_> = linted
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= at && at <= d.span.end)
        .collect();
    let first = here.first()?;
    let mut shown: Vec<&str> = Vec::new();
    let mut parts = Vec::new();
    for d in &here {
        if shown.contains(&&*d.rule) {
            continue;
        }
        shown.push(&d.rule);
        let rules = linted.rules.full.rules();
        match rules.iter().find(|r| r.id == d.rule) {
            Some(rule) => parts.push(explanation(rule, true)),
            None => parts.push(format!("{}\n\n{}\n", d.rule, d.message)),
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::PlainText,
            value: parts.join("\n"),
        }),
        range: Some(lines.range(Span::new(
            first.span.start as usize,
            first.span.end as usize,
        ))),
    })
}
