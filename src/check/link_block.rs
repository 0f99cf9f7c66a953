//! Runs of short lines: the menus, section lists, tag clouds and related-link
//! lists of a scraped page. Each item is one line of a word or two, and a
//! page prints them by the dozen; article prose is made of sentences. This is
//! the link-density idea of boilerplate removers (jusText, boilerpipe)
//! without the HTML: only the shape of the lines is known.

use std::sync::Arc;

use super::kind::{Check, Key, Kind, KindError, KindSpec, PROCEDURAL};
use super::line_shape::CodeLines;
use super::meta::RuleMeta;
use super::text::{has_fewer_chars, has_more_words_than};
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::{Document, Line};
use crate::span::Span;

const MIN_LINES: Key<u32> = Key::new("min-lines");
const MAX_WORDS: Key<u32> = Key::new("max-words");
const MAX_CHARS: Key<u32> = Key::new("max-chars");

pub static KIND: Kind = Kind {
    name: "link-block",
    keys: &[MIN_LINES.decl(), MAX_WORDS.decl(), MAX_CHARS.decl()],
    placeholders: PROCEDURAL,
    compile,
    prepare: None,
};

/// A link-block rule's thresholds: rule keys, with these defaults.
#[derive(Debug, Clone, Copy)]
pub struct LinkBlock {
    /// `min-lines` (6): fewer short lines in a row are a subheading, a
    /// dateline or a short list.
    pub min_lines: usize,
    /// `max-words` (4): a menu item is a few words; a sentence fragment is longer.
    pub max_words: usize,
    /// `max-chars` (40): the same for scripts written without spaces (CJK), in characters.
    pub max_chars: usize,
}

impl Default for LinkBlock {
    fn default() -> LinkBlock {
        LinkBlock {
            min_lines: 6,
            max_words: 4,
            max_chars: 40,
        }
    }
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let default = LinkBlock::default();
    Ok(Arc::new(LinkBlock {
        min_lines: spec.count(&MIN_LINES, default.min_lines, 1)?,
        max_words: spec.count(&MAX_WORDS, default.max_words, 0)?,
        max_chars: spec.count(&MAX_CHARS, default.max_chars, 0)?,
    }))
}

impl Check for LinkBlock {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, self, out);
    }
}

/// True for a line that can be a menu or link item: short, not ending like a
/// sentence or a clause, and not an item of a list the author wrote; asked
/// last, whether it is code.
fn is_item(line: &str, limits: &LinkBlock, is_code: impl FnOnce() -> bool) -> bool {
    let line = line.trim();
    let Some(last) = line.chars().last() else {
        return false;
    };
    // Most lines of a page are too long: said first, counted no further.
    if !has_fewer_chars(line, limits.max_chars + 1) || has_more_words_than(line, limits.max_words) {
        return false;
    }
    // A line of a code sample (`list: [`, `]`, `<body>`) is not a link.
    if matches!(
        last,
        '.' | '!'
            | '?'
            | ':'
            | ';'
            | ','
            | '"'
            | '”'
            | '’'
            | '»'
            | ')'
            | '。'
            | '！'
            | '？'
            | '：'
            | '；'
            | '，'
            | '、'
    ) {
        return false;
    }
    // Bulleted and numbered lists are the article's own.
    let first = line.chars().next().unwrap_or(' ');
    let bytes = line.as_bytes();
    if matches!(first, '-' | '*' | '•' | '·' | '–' | '—' | '>')
        || memchr::memchr2(b'.', b')', bytes)
            .is_some_and(|at| at > 0 && bytes[..at].iter().all(u8::is_ascii_digit))
    {
        return false;
    }
    !is_code()
}

pub fn check(doc: &Document, rule: &RuleMeta, limits: &LinkBlock, out: &mut Vec<Diagnostic>) {
    let lines = doc.lines();
    // Blank lines neither break a run nor count in it.
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trimmed.is_empty())
        .collect();
    let code = CodeLines::of(doc);
    let mut i = 0;
    while i < content.len() {
        let run = content[i..]
            .iter()
            .map(|&k| (k, &lines[k]))
            // A table cell or a heading is not a menu item, and ends a run.
            .take_while(|&(k, l)| {
                is_item(doc.slice(l.trimmed), limits, || code.is_code(doc, k))
                    && !doc.is_fragment(l.span)
            })
            .count();
        if run >= limits.min_lines {
            let run: Vec<&Line> = content[i..i + run].iter().map(|&k| &lines[k]).collect();
            report(doc, rule, &run, out);
        }
        // (The line that ended the run starts none: it is no item.)
        i += run + 1;
    }
}

fn report(doc: &Document, rule: &RuleMeta, run: &[&Line], out: &mut Vec<Diagnostic>) {
    let (first, last) = (run[0], run[run.len() - 1]);
    let first_text = doc.slice(first.span);
    let last_text = doc.slice(last.span);
    let start = first.span.start as usize + (first_text.len() - first_text.trim_start().len());
    let end = last.span.start as usize + last_text.trim_end().len();
    let items: Vec<&str> = run.iter().take(3).map(|l| doc.slice(l.trimmed)).collect();
    out.push(
        rule.report(Span::new(start, end), |name| match name {
            "count" => Some(run.len().to_string()),
            "match" => Some(format!("{} …", items.join(" | "))),
            _ => None,
        })
        // The whole lines, from the first one's start to the last one's end
        // (with its line break).
        .unsafe_fix([Edit::new(
            Span::new(first.full.start as usize, last.full.end as usize),
            "",
        )])
        .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::{LinkBlock, is_item};
    use crate::check::line_shape::looks_like_code;

    #[test]
    fn menu_items_and_what_is_not_one() {
        for item in [
            "Politics",
            "Real Estate",
            "AJ Impact",
            "Weight Loss",
            "4",
            "中国新闻",
        ] {
            assert!(
                is_item(item, &LinkBlock::default(), || looks_like_code(item)),
                "{item}"
            );
        }
        for not in [
            "",
            "   ",
            "The mayor resigned on Monday.",
            "It was a long day for the council and its staff",
            "Why?",
            "Contact:",
            "- Apples",
            "• Pears",
            "1. Prioritize",
            "2) Stretch",
            "list: [",
            "]",
            "<body>",
            "这是一个很长的句子，它描述了很多事情，而且一直没有结束的迹象，直到最后一个字为止还在继续写下去",
        ] {
            assert!(
                !is_item(not, &LinkBlock::default(), || looks_like_code(not)),
                "{not}"
            );
        }
    }
}
