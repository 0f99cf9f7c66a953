//! A document being linted, with the analyses checks share, each computed once.

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::sync::Arc;

use crate::line_index::LineIndex;
use crate::span::Span;

/// One line of a document: `span` is its content without the terminator,
/// `full` also covers the `\n`, `\r\n` or `\r` that ends it (what a fix that
/// deletes the line removes), `trimmed` is `span` without the white space
/// at either end (what most line checks look at, trimmed once here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
    pub full: Span,
    pub trimmed: Span,
}

impl Line {
    fn new(text: &str, span: Span, full: Span) -> Line {
        let content = &text[span.range()];
        let start = content.len() - content.trim_start().len();
        let end = content.trim_end().len().max(start);
        Line {
            span,
            full,
            trimmed: Span::new(span.start as usize + start, span.start as usize + end),
        }
    }
}

/// A word: a maximal run of letters and digits, with apostrophes and hyphens
/// allowed between two such characters (`Kazakhstan’s`, `Kassym-Jomart`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// What the split saw of its characters on the way: asked of every
    /// word by several checks, so not worked out again from the text.
    flags: u8,
}

impl Word {
    const JOINED: u8 = 1;
    const NON_ASCII: u8 = 2;
    const CAPITALISED: u8 = 4;

    /// True if it holds a joiner (`'`, `’`, `-`, `‐`) between two runs of
    /// letters and digits: otherwise it is one such run.
    pub fn is_joined(self) -> bool {
        self.flags & Self::JOINED != 0
    }

    /// True if every character of it is ASCII.
    pub fn is_ascii(self) -> bool {
        self.flags & Self::NON_ASCII == 0
    }

    /// True if its first character is uppercase.
    pub fn is_capitalised(self) -> bool {
        self.flags & Self::CAPITALISED != 0
    }
}

/// The text to lint and its lazily computed shared analyses.
pub struct Document<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// Pieces of the text that are not whole lines of their source (table
    /// cells, headings: see [`Document::is_fragment`]), sorted, in the
    /// offsets of the text this document is a section of.
    fragments: &'a [Span],
    /// Where this document's text starts in that text.
    base: u32,
    line_index: OnceCell<LineIndex>,
    lines: OnceCell<Vec<Line>>,
    words: OnceCell<Vec<Word>>,
    language: OnceCell<Option<&'static str>>,
    /// What several checks gather alike (see [`Document::shared`]).
    shared: RefCell<Vec<Arc<dyn Any + Send + Sync>>>,
}

impl<'a> Document<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Document<'a> {
        Document {
            name,
            text,
            fragments: &[],
            base: 0,
            line_index: OnceCell::new(),
            lines: OnceCell::new(),
            words: OnceCell::new(),
            language: OnceCell::new(),
            shared: RefCell::new(Vec::new()),
        }
    }

    /// The `T` of this document, made by `make` the first time it is asked
    /// for: facts that more than one check gathers (the acronyms of the
    /// text, for the consistency and the expansion rules) are gathered once.
    pub(crate) fn shared<T: Any + Send + Sync>(&self, make: impl FnOnce(&Self) -> T) -> Arc<T> {
        // (The type is asked before an `Arc` is cloned: a clone is an
        // atomic count, and a document asks dozens of times.)
        let found = self
            .shared
            .borrow()
            .iter()
            .find(|made| (***made).is::<T>())
            .map(|made| Arc::clone(made).downcast::<T>().expect("of type T"));
        if let Some(found) = found {
            return found;
        }
        let made = Arc::new(make(self));
        self.shared.borrow_mut().push(made.clone());
        made
    }

    /// The guessed language (`"en"`, `"de"` …, see
    /// [`language::guess`](crate::check::language::guess)), computed once
    /// for the rule selection and the checks that ask again.
    pub fn language(&self) -> Option<&'static str> {
        *self
            .language
            .get_or_init(|| crate::check::language::guess(self))
    }

    /// The same text, with the pieces that come from a structured source
    /// (Markdown, HTML) but are not whole lines of it: sorted spans of `text`.
    pub fn with_fragments(mut self, fragments: &'a [Span]) -> Document<'a> {
        self.fragments = fragments;
        self
    }

    /// The spans given to [`Document::with_fragments`].
    pub fn fragments(&self) -> &'a [Span] {
        self.fragments
    }

    /// The part `section` of this document's text, as a document of its own
    /// (which keeps knowing its fragments).
    pub fn section(&self, section: Span) -> Document<'a> {
        Document {
            base: self.base + section.start,
            fragments: self.fragments,
            ..Document::new(self.name, &self.text[section.range()])
        }
    }

    /// True if `line` (a span of a line of this text) holds a table cell, a
    /// heading or another piece of a structured source that is not a whole
    /// line of it. Checks that reason about whole lines (template boilerplate,
    /// menus, repeated lines) leave such lines alone: `| Share | 12% |` is a
    /// table, not a share button, and `# Election results` a heading.
    pub fn is_fragment(&self, line: Span) -> bool {
        if self.fragments.is_empty() || line.is_empty() {
            return false;
        }
        let (start, end) = (line.start + self.base, line.end + self.base);
        let i = self.fragments.partition_point(|f| f.end <= start);
        self.fragments.get(i).is_some_and(|f| f.start < end)
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(self.text))
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    pub fn lines(&self) -> &[Line] {
        self.lines.get_or_init(|| split_lines(self.text))
    }

    pub fn words(&self) -> &[Word] {
        self.words.get_or_init(|| split_words(self.text))
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let terminator = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => {
                i += memchr::memchr2(b'\n', b'\r', &bytes[i..]).unwrap_or(bytes.len() - i);
                continue;
            }
        };
        lines.push(Line::new(
            text,
            Span::new(start, i),
            Span::new(start, i + terminator),
        ));
        i += terminator;
        start = i;
    }
    if start < bytes.len() {
        lines.push(Line::new(
            text,
            Span::new(start, bytes.len()),
            Span::new(start, bytes.len()),
        ));
    }
    lines
}

/// True for characters that make up words.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if GENERAL_PUNCTUATION.contains(&c) {
        // Curly quotes, dashes, ellipses: the non-ASCII characters of most
        // English text, answered without Unicode's tables.
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Unicode's General Punctuation block, which holds no letter or digit.
pub(crate) const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

/// Which bytes are ASCII letters and digits: one load per byte where the
/// split spends its time.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

fn split_words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut words = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    while i < n {
        // Between words: ASCII that makes no word is skipped a run at a
        // time, without decoding a char.
        let b = bytes[i];
        let start = i;
        let mut flags;
        if ASCII_ALNUM[usize::from(b)] {
            flags = if b.is_ascii_uppercase() {
                Word::CAPITALISED
            } else {
                0
            };
            i += 1;
        } else if b.is_ascii() {
            i += 1;
            while i < n && bytes[i].is_ascii() && !ASCII_ALNUM[usize::from(bytes[i])] {
                i += 1;
            }
            continue;
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            i += c.len_utf8();
            if !is_word_char(c) {
                continue;
            }
            flags = Word::NON_ASCII
                | if c.is_uppercase() {
                    Word::CAPITALISED
                } else {
                    0
                };
        }
        // In a word: runs of ASCII letters and digits, other word chars, and
        // joiners with a word char after them.
        loop {
            while i < n && ASCII_ALNUM[usize::from(bytes[i])] {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let (c, len) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                let c = text[i..].chars().next().expect("i is a char boundary");
                (c, c.len_utf8())
            };
            if !c.is_ascii() && is_word_char(c) {
                flags |= Word::NON_ASCII;
            } else if is_joiner(c) && text[i + len..].chars().next().is_some_and(is_word_char) {
                flags |= Word::JOINED | if c.is_ascii() { 0 } else { Word::NON_ASCII };
            } else {
                break;
            }
            i += len;
        }
        words.push(Word {
            span: Span::new(start, i),
            flags,
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_facts_are_made_once_per_type() {
        let doc = Document::new("t", "text");
        let made = std::cell::Cell::new(0);
        let make = |d: &Document| {
            made.set(made.get() + 1);
            d.text.len()
        };
        assert_eq!(*doc.shared(make), 4);
        assert_eq!(*doc.shared(make), 4);
        assert_eq!(made.get(), 1);
        assert_eq!(*doc.shared(|_| "another type"), "another type");
        assert_eq!(*doc.shared(make), 4);
        assert_eq!(made.get(), 1);
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let doc = Document::new("t", "Kassym-Jomart’s  ally - it's 3.5");
        let words: Vec<&str> = doc.words().iter().map(|w| doc.slice(w.span)).collect();
        assert_eq!(words, ["Kassym-Jomart’s", "ally", "it's", "3", "5"]);
    }

    #[test]
    fn a_word_knows_what_its_characters_are() {
        let doc = Document::new("t", "Kassym-Jomart’s él Éva it's naïve plain 3D");
        let flags: Vec<(&str, bool, bool, bool)> = doc
            .words()
            .iter()
            .map(|&w| {
                (
                    doc.slice(w.span),
                    w.is_joined(),
                    w.is_ascii(),
                    w.is_capitalised(),
                )
            })
            .collect();
        assert_eq!(
            flags,
            [
                ("Kassym-Jomart’s", true, false, true),
                ("él", false, false, false),
                ("Éva", false, false, true),
                ("it's", true, true, false),
                ("naïve", false, false, false),
                ("plain", false, true, false),
                ("3D", false, true, false),
            ]
        );
    }

    /// Words by their definition, a char at a time: what the split, which
    /// skips ASCII a run at a time, must find.
    fn words_char_by_char(text: &str) -> Vec<Span> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(i);
            } else if let Some(s) = start {
                let next = text[i + c.len_utf8()..].chars().next();
                if !(is_joiner(c) && next.is_some_and(is_word_char)) {
                    words.push(Span::new(s, i));
                    start = None;
                }
            }
        }
        if let Some(s) = start {
            words.push(Span::new(s, text.len()));
        }
        words
    }

    proptest::proptest! {
        #[test]
        fn words_are_found_as_defined(text in "[a-zA-Z0-9 '’‐\\-.,\n\u{a0}éÄ中ßğ“”—ℓ①]{0,60}") {
            let spans: Vec<Span> = Document::new("t", &text).words().iter().map(|w| w.span).collect();
            proptest::prop_assert_eq!(spans, words_char_by_char(&text));
        }

        #[test]
        fn word_flags_say_what_the_text_holds(text in "[a-zA-Zé É'’\\-‐.0-9Ωж]{0,40}") {
            let doc = Document::new("t", &text);
            for &word in doc.words() {
                let w = doc.slice(word.span);
                proptest::prop_assert_eq!(word.is_ascii(), w.is_ascii(), "{:?}", w);
                proptest::prop_assert_eq!(
                    word.is_joined(),
                    w.chars().any(|c| !is_word_char(c)),
                    "{:?}", w
                );
                proptest::prop_assert_eq!(
                    word.is_capitalised(),
                    w.chars().next().is_some_and(char::is_uppercase),
                    "{:?}", w
                );
            }
        }
    }

    #[test]
    fn fragments_mark_lines_in_sections_too() {
        let text = "para\ncell\npara\ncell two\n";
        let fragments = [Span::new(5, 9), Span::new(15, 23)];
        let doc = Document::new("t", text).with_fragments(&fragments);
        let marked: Vec<bool> = doc
            .lines()
            .iter()
            .map(|l| doc.is_fragment(l.span))
            .collect();
        assert_eq!(marked, [false, true, false, true]);
        let section = doc.section(Span::new(10, text.len()));
        let marked: Vec<bool> = section
            .lines()
            .iter()
            .map(|l| section.is_fragment(l.span))
            .collect();
        assert_eq!(marked, [false, true]);
    }

    #[test]
    fn a_line_knows_its_trimmed_content() {
        let text = "  two words \u{a0}\r\n \t\n\nx";
        let doc = Document::new("t", text);
        let trimmed: Vec<&str> = doc.lines().iter().map(|l| doc.slice(l.trimmed)).collect();
        assert_eq!(trimmed, ["two words", "", "", "x"]);
        for line in doc.lines() {
            assert_eq!(doc.slice(line.trimmed), doc.slice(line.span).trim());
        }
    }

    #[test]
    fn lines_cover_terminators() {
        let doc = Document::new("t", "a\r\nb\n\nc");
        let lines: Vec<(&str, &str)> = doc
            .lines()
            .iter()
            .map(|l| (doc.slice(l.span), doc.slice(l.full)))
            .collect();
        assert_eq!(
            lines,
            [("a", "a\r\n"), ("b", "b\n"), ("", "\n"), ("c", "c")]
        );
    }
}
