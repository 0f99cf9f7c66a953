//! Code actions: a quick fix per fixable finding in the range (unsafe ones
//! titled so and never preferred), "disable RULE for this line" (the inline
//! directive, in Markdown and HTML), and `source.fixAll.artlint`: every safe
//! fix, by the fix loop `artlint check --fix` runs.

use std::collections::HashMap;

use artlint::{Applicability, Diagnostic, Format, Span, fix_as};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::{RuleDocs, to_lsp};
use super::position::{Encoding, Lines};
use super::session::{Linted, OpenDocument};

/// The kind of "fix all safe problems": editors run it on save when asked
/// for `source.fixAll`.
pub(super) fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.artlint")
}

pub(super) fn actions(
    doc: &OpenDocument,
    linted: &Linted,
    params: &CodeActionParams,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let uri = &params.text_document.uri;
    let lines = doc.lines(encoding);
    let range = lines.span(params.range);
    let mut out = Vec::new();
    let here: Vec<&Diagnostic> = linted
        .diagnostics
        .iter()
        .filter(|d| touches(d.span, range))
        .collect();
    if wants(&CodeActionKind::QUICKFIX) {
        for d in &here {
            if let Some(action) = quick_fix(d, doc, linted, uri, &lines) {
                out.push(action);
            }
        }
        if matches!(doc.format, Format::Markdown | Format::Html) {
            let mut seen: Vec<(&str, usize)> = Vec::new();
            for d in &here {
                let line = doc.index.line_of(d.span.start);
                if seen.contains(&(&*d.rule, line)) {
                    continue;
                }
                seen.push((&*d.rule, line));
                out.push(disable_for_line(d, doc, linted, uri, &lines));
            }
        }
    }
    let any_safe = linted.diagnostics.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    if wants(&fix_all_kind())
        && any_safe
        && let Some(action) = fix_all(doc, linted, uri, &lines)
    {
        out.push(action);
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// True if a finding lies in, or touches, the requested range (a cursor is
/// an empty range).
fn touches(span: Span, range: Span) -> bool {
    span.start <= range.end && range.start <= span.end
}

fn quick_fix(
    d: &Diagnostic,
    doc: &OpenDocument,
    linted: &Linted,
    uri: &Uri,
    lines: &Lines,
) -> Option<CodeAction> {
    let fix = d.fix.as_ref()?;
    if fix.applicability == Applicability::DisplayOnly {
        return None;
    }
    let edits: Vec<TextEdit> = fix
        .edits
        .iter()
        .map(|e| TextEdit::new(lines.range(e.span()), e.replacement.clone()))
        .collect();
    let what = match fix.edits.as_slice() {
        [edit] if edit.replacement.is_empty() => {
            format!("delete {}", shown(&doc.text[edit.span().range()]))
        }
        [edit] => format!(
            "replace {} with {}",
            shown(&doc.text[edit.span().range()]),
            shown(&edit.replacement)
        ),
        edits => format!("{} edits", edits.len()),
    };
    let safe = fix.applicability == Applicability::Safe;
    let title = if safe {
        format!("Fix {}: {what}", d.rule)
    } else {
        format!("Fix {} (unsafe, review it): {what}", d.rule)
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(
            d,
            lines,
            uri,
            &RuleDocs::new(&linted.rules.full),
        )]),
        edit: Some(edit_of(uri, edits)),
        is_preferred: Some(safe),
        ..CodeAction::default()
    })
}

/// `<!-- artlint-disable-next-line RULE -->` on a line of its own above the
/// finding's line, indented like it.
fn disable_for_line(
    d: &Diagnostic,
    doc: &OpenDocument,
    linted: &Linted,
    uri: &Uri,
    lines: &Lines,
) -> CodeAction {
    let line = doc.index.line_of(d.span.start);
    let start = doc.index.line_start(line);
    let rest = &doc.text[start as usize..];
    let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    let at = lines.position(start);
    let directive = format!("{indent}<!-- artlint-disable-next-line {} -->\n", d.rule);
    CodeAction {
        title: format!("Disable {} for this line", d.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(
            d,
            lines,
            uri,
            &RuleDocs::new(&linted.rules.full),
        )]),
        edit: Some(edit_of(
            uri,
            vec![TextEdit::new(lsp_types::Range::new(at, at), directive)],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    }
}

fn fix_all(doc: &OpenDocument, linted: &Linted, uri: &Uri, lines: &Lines) -> Option<CodeAction> {
    let name = doc
        .path
        .as_ref()
        .map_or(String::new(), |p| p.display().to_string());
    let fixed = fix_as(
        &linted.rules.full,
        doc.format,
        &name,
        &doc.text,
        Applicability::Safe,
    );
    let edit = smallest_edit(&doc.text, &fixed.text)?;
    Some(CodeAction {
        title: format!(
            "Fix all safe artlint problems in this document ({} fix{})",
            fixed.applied,
            if fixed.applied == 1 { "" } else { "es" }
        ),
        kind: Some(fix_all_kind()),
        edit: Some(edit_of(
            uri,
            vec![TextEdit::new(lines.range(edit.0), edit.1.to_string())],
        )),
        ..CodeAction::default()
    })
}

/// The one replacement that turns `old` into `new`: the span of `old`
/// between their common prefix and suffix, and what replaces it. `None` if
/// they are equal.
fn smallest_edit<'n>(old: &str, new: &'n str) -> Option<(Span, &'n str)> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some((
        Span::new(prefix, old.len() - suffix),
        &new[prefix..new.len() - suffix],
    ))
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))
}

/// Text as shown in a title: quoted, and shortened when long.
fn shown(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("“{}{more}”", head.replace('\n', "⏎"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_edit_keeps_common_ends() {
        assert_eq!(smallest_edit("a b c", "a b c"), None);
        assert_eq!(
            smallest_edit("Vladimir Poutine said", "Vladimir Putin said"),
            Some((Span::new(10, 16), "utin"))
        );
        let (span, with) = smallest_edit("aaa", "aa").unwrap();
        assert_eq!((span, with), (Span::new(2, 3), ""));
        // Never inside a character: `é` and `è` share their first byte.
        let (span, with) = smallest_edit("xé", "xè").unwrap();
        assert_eq!((span, with), (Span::new(1, 3), "è"));
    }

    #[test]
    fn long_text_in_titles_is_shortened() {
        assert_eq!(shown("a\nb"), "“a⏎b”");
        assert_eq!(shown(&"x".repeat(50)), format!("“{}…”", "x".repeat(40)));
    }
}
