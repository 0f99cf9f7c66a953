//! The shapes of a whole line that the line kinds (duplicate lines, link
//! blocks, template runs) judge it by: a sentence of prose, a heading, a line
//! of source code. A scraped page has no markup left, so the shape of a line
//! and of its neighbours is all there is to tell the article from its
//! template.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::check::text::has_more_words_than;
use crate::document::Document;

/// A sentence or paragraph of prose: ten words or more, ending as a sentence
/// does. Template lines are labels, titles and buttons; a line of prose is
/// the article's (or a comment's).
pub fn is_prose(line: &str) -> bool {
    let line = line.trim();
    line.ends_with(['.', '!', '?', '"', '”', ')', '’', '…', '。', '！', '？'])
        && has_more_words_than(line, 9)
}

/// A heading or caption: at most twelve words, not ending as a sentence or a
/// clause does.
pub fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && !line.ends_with(['.', '!', '?', ',', ';', ':'])
        && !has_more_words_than(line, 12)
}

/// A line of source code, which code samples in tutorials repeat by design
/// and print in runs of short lines (`$this->parser = $parser;`, `});`,
/// `list: [`, `<body>`, a JSON field): it ends as a statement or block does
/// or opens one, is a markup tag, or has an operator prose never writes.
pub fn looks_like_code(line: &str) -> bool {
    let line = line.trim();
    line.ends_with([';', '{', '}', '[', '('])
        || (line.starts_with('<') && line.ends_with('>'))
        || (line.len() <= 3 && !line.is_empty() && line.chars().all(|c| "[](){}".contains(c)))
        || has_operator(line.as_bytes())
        || (line.ends_with(',') && line.contains("\":"))
        || (line.starts_with('<') && line.contains("=\""))
        || has_call_or_assignment(line)
}

/// `->`, `=>`, `::` or `();` anywhere in the line, found in one scan.
fn has_operator(b: &[u8]) -> bool {
    memchr::memchr3_iter(b'>', b':', b'(', b).any(|i| match b[i] {
        b'>' => i > 0 && matches!(b[i - 1], b'-' | b'='),
        b':' => b.get(i + 1) == Some(&b':'),
        _ => b.get(i + 1..i + 3) == Some(b");"),
    })
}

/// `console.log(x)`, `fmt.Printf(`, `model="gpt"`, `rate=0.5`: a method
/// called on a name, or a name assigned with no space around `=`. Prose puts
/// a space after a full stop and around an equals sign.
fn has_call_or_assignment(line: &str) -> bool {
    let b = line.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // Only where a `.` or `=` follows a name: prose lines have few.
    memchr::memchr2_iter(b'.', b'=', b).any(|i| {
        if i == 0 || !ident(b[i - 1]) {
            return false;
        }
        let next = b.get(i + 1).copied();
        if b[i] == b'=' {
            return next.is_some_and(|c| ident(c) || c == b'"' || c == b'\'');
        }
        next.is_some_and(|c| c.is_ascii_alphabetic()) && {
            let name = b[i + 1..].iter().take_while(|&&c| ident(c)).count();
            b.get(i + 1 + name) == Some(&b'(')
        }
    })
}

/// Which lines of a document [look like code](looks_like_code), each
/// worked out the first time a check asks: duplicate lines, link blocks and
/// template runs ask it of the same short lines (template runs some of them
/// twice), and on real pages the question cost two per cent of a run.
#[derive(Debug)]
pub struct CodeLines {
    /// Per line of [`Document::lines`]: `UNKNOWN`, `PROSE` or `CODE`.
    states: Box<[AtomicU8]>,
}

const UNKNOWN: u8 = 0;
const PROSE: u8 = 1;
const CODE: u8 = 2;

impl CodeLines {
    /// The document's answers so far (one set shared by its checks).
    pub fn of(doc: &Document) -> Arc<CodeLines> {
        doc.shared(|doc| CodeLines {
            states: doc.lines().iter().map(|_| AtomicU8::new(UNKNOWN)).collect(),
        })
    }

    /// Whether line `i` of `doc` (the document these answers are for), trimmed,
    /// looks like code.
    pub fn is_code(&self, doc: &Document, i: usize) -> bool {
        match self.states[i].load(Ordering::Relaxed) {
            UNKNOWN => {
                let code = looks_like_code(doc.slice(doc.lines()[i].trimmed));
                let state = if code { CODE } else { PROSE };
                self.states[i].store(state, Ordering::Relaxed);
                code
            }
            state => state == CODE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lines_answer_as_the_line_does_and_keep_the_answer() {
        let doc = Document::new("t", "  list: [\nHome\n  });\nThe end.\n");
        let lines = CodeLines::of(&doc);
        let expected = [true, false, true, false];
        for _ in 0..2 {
            for (i, &code) in expected.iter().enumerate() {
                assert_eq!(lines.is_code(&doc, i), code, "line {i}");
            }
        }
        // One set per document, shared by the checks that ask.
        assert!(Arc::ptr_eq(&lines, &CodeLines::of(&doc)));
    }

    #[test]
    fn prose_is_a_long_sentence() {
        assert!(is_prose(
            "The council approved the tram line on Monday after a long debate."
        ));
        assert!(!is_prose("The council approved the tram line."));
        assert!(!is_prose(
            "Ten words or more but no ending at all like a headline would"
        ));
    }

    #[test]
    fn headings_are_short_and_unpunctuated() {
        assert!(is_heading("The 4 Stages of Competence"));
        assert!(is_heading("Photo by Jane Doe"));
        assert!(!is_heading("It was approved."));
        assert!(!is_heading("Contact:"));
        assert!(!is_heading(""));
    }

    #[test]
    fn code_lines() {
        for code in [
            "});",
            "list: [",
            "]",
            "}",
            "<body>",
            "<div id=\"main\"></div>",
            "$this->parser = $parser;",
            "\"name\": \"x\",",
            "if (a) {",
            "console.log(res.bodyUsed); // true",
            "fmt.Printf(\"done\")",
            "model=\"gpt-3.5-turbo\",",
            "<script src=\"vendor/a.js\"",
            "x -> y",
            "a => b",
            "Path::new",
            "init(); done",
        ] {
            assert!(looks_like_code(code), "{code}");
        }
        for prose in [
            "Home",
            "[edit]",
            "Read more",
            "See <this> page",
            "x < y",
            "Visit example.com (the site) today",
            "It ended. (Or did it?)",
            "The score was a = b in the end",
        ] {
            assert!(!looks_like_code(prose), "{prose}");
        }
    }
}
