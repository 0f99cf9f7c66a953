//! Markdown and HTML inputs: the prose to lint, and the way back to the
//! source's bytes.
//!
//! A [`Prose`] is the text the engine lints, built from pieces of the source
//! document, each recorded in a segment table sorted by position (both in the
//! linted text and in the source, which advance together):
//!
//! * **identity** pieces, copied from the source: offsets map linearly;
//! * **replaced** pieces, such as a decoded character reference (`&amp;` →
//!   `&`): the whole piece maps to the whole source range, never a part;
//! * **markup** pieces, invisible in the rendered document: Markdown syntax
//!   (`## `, `**`, `[`, `](url)`, list markers, front matter) and HTML tags,
//!   comments, scripts and styles. They become nothing, a space, or a line
//!   break (HTML block tags, Markdown table cells); source line breaks around
//!   Markdown syntax are kept, so line-based rules still see the lines;
//! * **opaque** pieces, visible but not prose: code, images, autolinks, bare
//!   URLs, SVG and MathML. Inline ones become U+FFFC (OBJECT REPLACEMENT
//!   CHARACTER), so the words on either side are not glued into `the the` or
//!   a boilerplate line; code blocks become blank lines.
//!
//! A finding maps back when its span lies in prose: it may cross markup
//! (`Vladimir <b>Poutine</b>` is prose), never an opaque piece (``see `x` .``
//! is no space before a full stop), and must start and end on whole
//! replaced pieces. Fix edits never rewrite markup. Markup at an edit's ends
//! is left out of it; an edit is split around the HTML tags inside it (the
//! tags stay, `<b></b>`); an edit with Markdown syntax or an opaque piece
//! inside loses its fix (`The **the**` cannot become `The****`). A deletion
//! of whole lines is the exception: it takes the lines' Markdown syntax and
//! opaque pieces along (`- Related posts`, `[Source link](url)`), but still
//! not their HTML tags (`<p>Source link</p>` becomes `<p></p>`). In HTML,
//! replacements are escaped (`&` → `&amp;`). A fix that deletes words from
//! Markdown or HTML is at most unsafe: it can empty a table cell or a
//! heading, so `--fix` alone never applies it.
//!
//! Table cells and headings are lines of the linted text, so that the cells
//! of a row stay apart, but they are not whole lines of the source: the
//! prose lists them as [`Prose::fragments`], and the checks about whole
//! lines (template boilerplate, menus, repeated lines) leave them alone.
//!
//! Comments whose body starts with `artlint-` are kept as they are, so inline
//! suppressions (`<!-- artlint-disable … -->`) keep working.

mod builder;
pub(crate) mod entity;
mod html;
pub mod jsonl;
mod markdown;
mod url;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::span::Span;

pub use html::html;
pub use markdown::markdown;

/// The prose of a file, read as the [`crate::Format`] its name's extension
/// says (Markdown, HTML; plain text otherwise).
pub fn for_path(path: &str, src: &str) -> Prose {
    crate::Format::for_path(std::path::Path::new(path))
        .prose(src)
        .unwrap_or_else(|| Prose::plain(src))
}

/// What the linted text holds in place of an opaque inline piece.
pub const OBJECT: char = '\u{FFFC}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Copied from the source.
    Identity,
    /// Decoded from the source (a character reference): maps as a whole.
    Replaced,
    /// Markdown syntax: transparent; deleted with the line it is on.
    Syntax,
    /// An HTML tag, comment, doctype or hidden element, or a Markdown table
    /// cell boundary: transparent, and never edited by a fix.
    Tag,
    /// Visible content that is not prose (code, URLs, images).
    Opaque,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    text: u32,
    source: u32,
    text_len: u32,
    source_len: u32,
    kind: Kind,
    /// From HTML (a document, or an HTML block in Markdown): replacements
    /// written here are escaped.
    html: bool,
}

impl Segment {
    fn text_end(&self) -> usize {
        (self.text + self.text_len) as usize
    }

    fn text_start(&self) -> usize {
        self.text as usize
    }

    fn source_end(&self) -> usize {
        (self.source + self.source_len) as usize
    }

    fn is_prose(&self) -> bool {
        matches!(self.kind, Kind::Identity | Kind::Replaced)
    }
}

/// Text to lint derived from a source document, with the way back to the
/// source's bytes.
#[derive(Debug, Clone)]
pub struct Prose {
    /// The text to lint.
    pub text: String,
    segments: Vec<Segment>,
    /// Spans of `text` that are not whole lines of the source.
    fragments: Vec<Span>,
    /// Read from Markdown or HTML, not plain text.
    structured: bool,
    source_len: usize,
}

impl Prose {
    /// Identity: plain text.
    pub fn plain(src: &str) -> Prose {
        let mut builder = builder::Builder::new(src);
        builder.identity(src.len());
        builder.finish(false)
    }

    /// The document to lint: the text, and which of its lines are not whole
    /// lines of the source ([`Prose::fragments`]).
    pub fn document<'p>(&'p self, name: &'p str) -> Document<'p> {
        Document::new(name, &self.text).with_fragments(&self.fragments)
    }

    /// The pieces of `text` that are not whole lines of the source, sorted:
    /// table cells (Markdown and HTML), headings (`#`, `===` underlines,
    /// `<h1>`–`<h6>`) and any text inside an HTML table. They are lines of
    /// the text, so that the cells of a row stay apart, but checks about
    /// whole lines leave them alone (see [`Document::is_fragment`]).
    pub fn fragments(&self) -> &[Span] {
        &self.fragments
    }

    /// Length of the source document in bytes.
    pub fn source_len(&self) -> usize {
        self.source_len
    }

    /// Maps a span of `text` back to the source; `None` if the span touches
    /// an opaque (non-prose) region, starts or ends inside a replaced or
    /// markup piece, or is not on `text`'s char boundaries.
    pub fn to_source(&self, span: Span) -> Option<Span> {
        let (a, b) = (span.start as usize, span.end as usize);
        if !self.valid(a, b) {
            return None;
        }
        if a == b {
            return self.point(a).map(|p| Span::new(p, p));
        }
        let segments = &self.segments[self.touching(a, b)];
        if segments.iter().any(|s| s.kind == Kind::Opaque) {
            return None;
        }
        let start = start_in(segments.first()?, a)?;
        let end = end_in(segments.last()?, b)?;
        Some(Span::new(start, end))
    }

    /// Maps every diagnostic (span, labels, fix edits) back to the source;
    /// drops diagnostics whose span cannot be mapped, and labels that cannot;
    /// drops a fix (keeps the diagnostic) if one of its edits cannot be mapped.
    pub fn map_diagnostics(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter_map(|mut d| {
                d.span = self.to_source(d.span)?;
                d.labels
                    .retain_mut(|label| match self.to_source(label.span) {
                        Some(span) => {
                            label.span = span;
                            true
                        }
                        None => false,
                    });
                d.fix = d.fix.take().and_then(|fix| self.map_fix(fix));
                Some(d)
            })
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    fn map_fix(&self, fix: Fix) -> Option<Fix> {
        let mut edits = Vec::with_capacity(fix.edits.len());
        for edit in &fix.edits {
            edits.extend(self.map_edit(edit)?);
        }
        // Deleting words from a structured document can empty a table cell
        // or a heading, or break what the markup says: never without asking.
        let applicability = if self.structured && fix.edits.iter().any(|e| self.deletes_words(e)) {
            fix.applicability.min(Applicability::Unsafe)
        } else {
            fix.applicability
        };
        Some(Fix {
            applicability,
            edits,
        })
    }

    /// True if `edit` removes letters or digits of the text and puts none
    /// back: more than whitespace, punctuation or invisible characters.
    fn deletes_words(&self, edit: &Edit) -> bool {
        let has_words = |s: &str| s.chars().any(char::is_alphanumeric);
        !has_words(&edit.replacement)
            && self
                .text
                .get(edit.start as usize..edit.end as usize)
                .is_some_and(has_words)
    }

    /// The source edits for one edit of `text` (see the module's
    /// documentation), or `None` if it cannot be made without rewriting
    /// markup or non-prose.
    fn map_edit(&self, edit: &Edit) -> Option<Vec<Edit>> {
        let (a, b) = (edit.start as usize, edit.end as usize);
        if !self.valid(a, b) {
            return None;
        }
        if a == b {
            let at = self.point(a)?;
            let html = self.html_at(a);
            return Some(vec![Edit::new(
                Span::new(at, at),
                escape(&edit.replacement, html),
            )]);
        }
        let range = self.touching(a, b);
        let (mut lo, mut hi) = (range.start, range.end);
        let segments = &self.segments;
        let whole_lines =
            edit.replacement.is_empty() && self.at_line_start(a) && self.at_line_end(b);
        if whole_lines {
            // Take the syntax that opens the line (`## `, `- `, `[`) and, at
            // the end of the text, the syntax that closes it.
            while lo > 0
                && segments[lo - 1].kind == Kind::Syntax
                && segments[lo - 1].text_start() == a
            {
                lo -= 1;
            }
            if b == self.text.len() {
                while hi < segments.len() && segments[hi].kind == Kind::Syntax {
                    hi += 1;
                }
            }
        }
        // Markup a fix leaves alone: HTML tags always, Markdown syntax unless
        // its whole line goes.
        let kept = |s: &Segment| s.kind == Kind::Tag || (!whole_lines && s.kind == Kind::Syntax);
        let (mut a, mut b) = (a, b);
        while lo < hi && kept(&segments[lo]) && segments[lo].text_start() >= a {
            a = segments[lo].text_end();
            lo += 1;
        }
        while hi > lo && kept(&segments[hi - 1]) && segments[hi - 1].text_end() <= b {
            b = segments[hi - 1].text_start();
            hi -= 1;
        }
        if lo == hi {
            return None;
        }
        let segments = &segments[lo..hi];
        let html = segments.iter().any(|s| s.html);
        let replacement = escape(&edit.replacement, html);
        let start = start_in(&segments[0], a.max(segments[0].text_start()))?;
        let end = end_in(&segments[segments.len() - 1], b)?;
        // Code or a URL goes only with the whole line it is on; Markdown
        // syntax inside an edit would be left empty (`The****`), so no fix.
        if !whole_lines
            && segments
                .iter()
                .any(|s| matches!(s.kind, Kind::Opaque | Kind::Syntax))
        {
            return None;
        }
        // Split around the markup kept: the replacement goes where the first
        // run of text was, the other runs are deleted.
        // Runs as (source start, source end, text start, text end).
        let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        let last = segments.len() - 1;
        for (i, s) in segments.iter().enumerate() {
            if kept(s) {
                if let Some((source, text)) = open.take() {
                    runs.push((source, s.source as usize, text, s.text_start()));
                }
            } else if open.is_none() {
                let source = if i == 0 { start } else { s.source as usize };
                open = Some((source, if i == 0 { a } else { s.text_start() }));
            }
            if i == last
                && let Some((source, text)) = open.take()
            {
                runs.push((source, end, text, b));
            }
        }
        // Deleting a line leaves the indentation between its tags alone.
        if whole_lines && runs.len() > 1 {
            let blank = |&(_, _, t0, t1): &(usize, usize, usize, usize)| {
                self.text.get(t0..t1).is_some_and(|t| t.trim().is_empty())
            };
            if !runs.iter().all(blank) {
                runs.retain(|r| !blank(r));
            }
        }
        let edits = runs
            .into_iter()
            .enumerate()
            .map(|(i, (s, e, _, _))| {
                let text = if i == 0 {
                    replacement.clone()
                } else {
                    String::new()
                };
                Edit::new(Span::new(s, e), text)
            })
            .collect::<Vec<_>>();
        (!edits.is_empty()).then_some(edits)
    }

    fn valid(&self, a: usize, b: usize) -> bool {
        a <= b
            && b <= self.text.len()
            && self.text.is_char_boundary(a)
            && self.text.is_char_boundary(b)
    }

    /// Indexes of the segments that share a byte with `[a, b)` (`a < b`), or
    /// are empty and lie strictly inside it.
    fn touching(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let lo = self.segments.partition_point(|s| s.text_end() <= a);
        let hi = self.segments.partition_point(|s| s.text_start() < b);
        lo..hi.max(lo)
    }

    /// An insertion point: inside prose, or at the edge of a prose piece
    /// (the end of the previous one first).
    fn point(&self, k: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.text_end() <= k);
        if let Some(s) = self.segments.get(i)
            && s.text_start() < k
        {
            return (s.kind == Kind::Identity).then(|| s.source as usize + (k - s.text_start()));
        }
        for s in self.segments[..i].iter().rev() {
            if s.text_end() != k || (s.text_len > 0 && !s.is_prose()) {
                break;
            }
            if s.is_prose() {
                return Some(s.source_end());
            }
        }
        for s in &self.segments[i..] {
            if s.text_start() != k || (s.text_len > 0 && !s.is_prose()) {
                break;
            }
            if s.is_prose() {
                return Some(s.source as usize);
            }
        }
        if k == 0 {
            Some(0)
        } else if k == self.text.len() {
            Some(self.source_len)
        } else {
            None
        }
    }

    fn html_at(&self, k: usize) -> bool {
        let i = self.segments.partition_point(|s| s.text_end() < k);
        self.segments.get(i).is_some_and(|s| s.html)
    }

    fn at_line_start(&self, a: usize) -> bool {
        let bytes = self.text.as_bytes();
        a == 0 || matches!(bytes[a - 1], b'\n' | b'\r') || matches!(bytes[a], b'\n' | b'\r')
    }

    fn at_line_end(&self, b: usize) -> bool {
        let bytes = self.text.as_bytes();
        b == bytes.len() || matches!(bytes[b - 1], b'\n' | b'\r')
    }
}

/// Where text offset `a` (inside or at the start of `s`) is in the source.
fn start_in(s: &Segment, a: usize) -> Option<usize> {
    if a < s.text_start() || a > s.text_end() {
        return None;
    }
    match s.kind {
        Kind::Identity => Some(s.source as usize + (a - s.text_start())),
        _ => (a == s.text_start()).then_some(s.source as usize),
    }
}

/// Where text offset `b` (inside or at the end of `s`) is in the source.
fn end_in(s: &Segment, b: usize) -> Option<usize> {
    if b < s.text_start() || b > s.text_end() {
        return None;
    }
    match s.kind {
        Kind::Identity => Some(s.source as usize + (b - s.text_start())),
        _ => (b == s.text_end()).then_some(s.source_end()),
    }
}

/// A replacement as it must be written into the source.
fn escape(text: &str, html: bool) -> String {
    if !html || !text.contains(['&', '<', '>']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Label, Severity};

    fn diagnostic(span: Span, fix: Option<Fix>) -> Diagnostic {
        Diagnostic {
            rule: "test/rule".into(),
            severity: Severity::Warning,
            span,
            message: String::new(),
            labels: Vec::new(),
            fix,
        }
    }

    #[test]
    fn reader_by_extension() {
        assert_eq!(for_path("a/b.MD", "# T\n").text, " T\n");
        assert_eq!(for_path("b.htm", "<p>T</p>").text, "T\n");
        assert_eq!(for_path("b.txt", "<p>T</p>").text, "<p>T</p>");
        assert_eq!(for_path("README", "# T").text, "# T");
    }

    #[test]
    fn plain_is_identity() {
        let prose = Prose::plain("héllo world");
        assert_eq!(prose.text, "héllo world");
        assert_eq!(prose.to_source(Span::new(0, 6)), Some(Span::new(0, 6)));
        assert_eq!(prose.to_source(Span::new(7, 12)), Some(Span::new(7, 12)));
        assert_eq!(prose.to_source(Span::new(12, 12)), Some(Span::new(12, 12)));
        // Not on a char boundary, or past the end.
        assert_eq!(prose.to_source(Span::new(2, 3)), None);
        assert_eq!(prose.to_source(Span::new(0, 13)), None);
        let empty = Prose::plain("");
        assert_eq!(empty.to_source(Span::new(0, 0)), Some(Span::new(0, 0)));
    }

    #[test]
    fn replaced_pieces_map_whole() {
        let prose = html("<p>A &amp; B</p>");
        assert_eq!(prose.text, "A & B\n");
        assert_eq!(prose.to_source(Span::new(2, 3)), Some(Span::new(5, 10)));
        assert_eq!(prose.to_source(Span::new(0, 5)), Some(Span::new(3, 12)));
        assert_eq!(prose.to_source(Span::new(4, 5)), Some(Span::new(11, 12)));
    }

    #[test]
    fn opaque_pieces_are_never_mapped() {
        let prose = markdown("Call `foo()` .\n");
        assert_eq!(prose.text, "Call \u{FFFC} .\n");
        let obj = prose.text.find(OBJECT).unwrap();
        // ` .` right after the code span is fine; a span over it is not.
        assert_eq!(
            prose.to_source(Span::new(obj + 3, obj + 5)),
            Some(Span::new(12, 14))
        );
        assert_eq!(prose.to_source(Span::new(obj - 1, obj + 5)), None);
    }

    #[test]
    fn labels_and_fixes_are_mapped_or_dropped() {
        let prose = markdown("Intro `code` text\n");
        let text_at = prose.text.find("text").unwrap();
        let mut d = diagnostic(
            Span::new(text_at, text_at + 4),
            Some(Fix::safe(Edit::new(Span::new(0, text_at + 4), "x"))),
        );
        d.labels.push(Label {
            span: Span::new(0, 5),
            message: "intro".into(),
        });
        d.labels.push(Label {
            span: Span::new(0, text_at + 4),
            message: "crosses code".into(),
        });
        let mapped = prose.map_diagnostics(vec![d]);
        assert_eq!(mapped.len(), 1);
        assert_eq!(mapped[0].span, Span::new(13, 17));
        assert_eq!(mapped[0].labels.len(), 1);
        assert_eq!(mapped[0].labels[0].span, Span::new(0, 5));
        // The fix would rewrite the code span: dropped, the finding kept.
        assert_eq!(mapped[0].fix, None);
    }

    #[test]
    fn edits_are_split_around_markup() {
        let src = "<p>the <b>the</b> end</p>";
        let prose = html(src);
        assert_eq!(prose.text, "the the end\n");
        // Delete " the" (the repeat): the tags stay.
        let fix = Fix {
            applicability: Applicability::Safe,
            edits: vec![Edit::new(Span::new(3, 7), "")],
        };
        let mapped = prose.map_fix(fix).unwrap();
        let mut out = src.to_string();
        for e in mapped.edits.iter().rev() {
            out.replace_range(e.start as usize..e.end as usize, &e.replacement);
        }
        assert_eq!(out, "<p>the<b></b> end</p>");
    }

    #[test]
    fn markdown_syntax_inside_an_edit_drops_the_fix() {
        let prose = markdown("The **the** report\n");
        assert_eq!(prose.text, "The the report\n");
        // Deleting ` the` would leave `The**** report`.
        assert_eq!(prose.map_edit(&Edit::new(Span::new(3, 7), "")), None);
        // Replacing the emphasised word alone is fine.
        assert_eq!(
            prose.map_edit(&Edit::new(Span::new(4, 7), "a")),
            Some(vec![Edit::new(Span::new(6, 9), "a")])
        );
    }

    #[test]
    fn html_replacements_are_escaped() {
        let prose = html("<p>AT&amp;amp;T</p>");
        assert_eq!(prose.text, "AT&amp;T\n");
        let edit = Edit::new(Span::new(2, 7), "&");
        let mapped = prose.map_edit(&edit).unwrap();
        assert_eq!(mapped, vec![Edit::new(Span::new(5, 14), "&amp;")]);
        // Markdown writes replacements as they are.
        let prose = markdown("AT&amp;amp;T\n");
        assert_eq!(prose.text, "AT&amp;T\n");
        let mapped = prose.map_edit(&edit).unwrap();
        assert_eq!(mapped, vec![Edit::new(Span::new(2, 11), "&")]);
    }

    #[test]
    fn insertion_points() {
        let prose = html("<p>ab</p><p>cd</p>");
        assert_eq!(prose.text, "ab\ncd\n");
        assert_eq!(prose.point(1), Some(4));
        assert_eq!(prose.point(2), Some(5));
        assert_eq!(prose.point(3), Some(12));
        assert_eq!(prose.point(0), Some(3));
        assert_eq!(prose.point(6), Some(18));
    }
}
