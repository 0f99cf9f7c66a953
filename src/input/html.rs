//! HTML: the text nodes are linted, everything else is not.
//!
//! # Tokenizer
//!
//! The HTML is tokenized by [html5gum] (0.9, MIT, no dependencies), a
//! WHATWG-compliant tokenizer that passes html5lib's tokenizer tests and,
//! through its callback emitter, gives the byte span of every tag, text run,
//! comment and doctype. With `naively_switch_states` it enters the raw-text
//! states after `<script>`, `<style>`, `<title>`, `<textarea>` and the like,
//! as a browser does, so `if (a<b)` in a script is not a tag. Character
//! references are decoded here, not by the tokenizer, so that each one is a
//! piece of its own with its own source range.
//!
//! Candidates compared (November 2026) on 20 tricky snippets (comments with
//! `--` and `>`, `<!-->`, an unclosed comment, a stray `<`, `<![CDATA[`,
//! quoted attribute values holding `>`, `<script>` holding `</p>`, RCDATA
//! in `<title>`, `</ p>`, `<?php ?>`, upper-case tags, multi-byte text) and
//! for speed: tokens with spans of a generated 20 MiB article page (tags,
//! attributes, entities, scripts, styles, comments), release build, CPU
//! time of three passes (`perf stat`; the shared 2-core machine made wall
//! time unreliable), two runs:
//!
//! | crate | correctness | MB/s |
//! |---|---|---|
//! | html5gum 0.9 | every span right; WHATWG behaviour | 43–54 |
//! | tl 0.7 | not a WHATWG tokenizer: finds tags inside `<script>` and `<title>`, drops the text after a stray `<`, gives an unclosed comment a span outside the input | 43–48 |
//! | lol_html 3.0 | every span right, the same tokens as html5gum; but a rewriter: start tags only through CSS-selector handlers, stray end tags not reported | 30–32 |
//! | html5tokenizer 0.5 | one token per character; wrong spans for raw-text end tags, `&amp` without `;` and `<` in scripts; last release 2023 | 10–11 |
//!
//! html5gum is the correct one and as fast as any, so no hand-written
//! tokenizer; its optional `jetscii` search made no measurable difference
//! and is not enabled. [`html`] as a whole (tokenizer and prose) runs at
//! about 35 MB/s on the same page.
//!
//! # What becomes text
//!
//! * Text nodes, with character references decoded as replaced pieces, so
//!   `&amp;` reads `&` (markup, decoded silently) while the residue of a
//!   double escape is left for the rules to see: `&amp;amp;` reads `&amp;`
//!   and `&lt;p&gt;` reads `<p>`.
//! * Block-level tags (`p`, `div`, `br`, `li`, `h1`–`h6`, `tr`, `td` …)
//!   are a line break, unless the line is still blank, so each block is one
//!   line; inline tags (`a`, `b`, `span` …) are nothing: `foo<b>bar</b>` is
//!   one word, `foo<br>bar` two lines.
//! * Hidden content (`script`, `style`, `template`, `noscript`,
//!   `textarea`, `iframe`, `select` …), comments, doctypes and attributes
//!   are nothing; `svg`, `math` and code (`code`, `kbd`, `samp`) are one
//!   U+FFFC each. Comments whose body starts with `artlint-` stay as they
//!   are, for inline suppressions.
//! * `<title>` is not linted: it is the page's metadata, not its text, and
//!   as a line it is what `scrape/page-title` (`Headline | Site`) and
//!   `scrape/duplicate-line` (the same as the `<h1>`) report in scraped text.
//! * Bare URLs in text are opaque.
//! * The text of a `<table>` (cells, captions, lists in cells) and of a
//!   heading (`h1`–`h6`) are fragments (see [`Prose::fragments`]): lines of
//!   the text, but not whole lines of the page.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::builder::{Builder, Fill};
use super::{Kind, Prose};

/// How an element's tags and content are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// No line break: `a`, `b`, `span`, unknown elements.
    Inline,
    /// A line break: `p`, `div`, `br`, `li` ...
    Block,
    /// Content not shown (`script`, `style` ...): nothing. The number tells
    /// which element, to find its end tag.
    Hidden(u8),
    /// Content shown but not prose (`svg`, `code` ...): U+FFFC.
    Object(u8),
}

const HIDDEN: &[&[u8]] = &[
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"textarea",
    b"iframe",
    b"noembed",
    b"noframes",
    b"object",
    b"select",
    b"xmp",
    b"title",
];

const OBJECTS: &[&[u8]] = &[b"svg", b"math", b"code", b"kbd", b"samp"];

fn classify(name: &[u8]) -> Class {
    if let Some(i) = HIDDEN.iter().position(|n| *n == name) {
        return Class::Hidden(i as u8);
    }
    if let Some(i) = OBJECTS.iter().position(|n| *n == name) {
        return Class::Object(i as u8);
    }
    match name {
        b"address" | b"article" | b"aside" | b"audio" | b"blockquote" | b"body" | b"br"
        | b"canvas" | b"caption" | b"center" | b"dd" | b"details" | b"dialog" | b"dir" | b"div"
        | b"dl" | b"dt" | b"fieldset" | b"figcaption" | b"figure" | b"footer" | b"form"
        | b"frameset" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"head" | b"header"
        | b"hgroup" | b"hr" | b"html" | b"legend" | b"li" | b"listing" | b"main" | b"menu"
        | b"nav" | b"ol" | b"optgroup" | b"option" | b"p" | b"plaintext" | b"pre" | b"search"
        | b"section" | b"summary" | b"table" | b"tbody" | b"td" | b"tfoot" | b"th" | b"thead"
        | b"title" | b"tr" | b"ul" | b"video" => Class::Block,
        _ => Class::Inline,
    }
}

/// Elements whose text is not a whole line of the page: a table's cells and
/// captions, a heading (see [`Prose::fragments`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Table,
    Heading,
}

fn frame(name: &[u8]) -> Option<Frame> {
    match name {
        b"table" => Some(Frame::Table),
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Some(Frame::Heading),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy)]
enum TokenKind {
    Text,
    Comment,
    Doctype,
    Start {
        class: Class,
        frame: Option<Frame>,
        self_closing: bool,
    },
    End {
        class: Class,
        frame: Option<Frame>,
    },
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: TokenKind,
    start: usize,
    end: usize,
}

/// The tokens of `src`, with byte spans, in order.
fn tokenize(src: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut open: Option<(Class, Option<Frame>, usize)> = None;
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            let kind = match event {
                CallbackEvent::OpenStartTag { name } => {
                    open = Some((classify(name), frame(name), span.start));
                    return None;
                }
                CallbackEvent::CloseStartTag { self_closing } => {
                    let (class, frame, start) = open.take()?;
                    tokens.push(Token {
                        kind: TokenKind::Start {
                            class,
                            frame,
                            self_closing,
                        },
                        start,
                        end: span.end,
                    });
                    return None;
                }
                CallbackEvent::EndTag { name } => TokenKind::End {
                    class: classify(name),
                    frame: frame(name),
                },
                CallbackEvent::String { .. } => TokenKind::Text,
                CallbackEvent::Comment { .. } => TokenKind::Comment,
                CallbackEvent::Doctype { .. } => TokenKind::Doctype,
                _ => return None,
            };
            open = None;
            tokens.push(Token {
                kind,
                start: span.start,
                end: span.end,
            });
            None
        },
    );
    emitter.naively_switch_states(true);
    // The callback never fails and a `&str` reader cannot.
    let _ = Tokenizer::new_with_emitter(src, emitter).finish();
    tokens
}

/// `<!-- artlint-… -->`: an inline suppression directive, kept as it is.
fn is_directive(comment: &str) -> bool {
    comment.len() >= 7
        && comment.starts_with("<!--")
        && comment.ends_with("-->")
        && comment[4..comment.len() - 3]
            .trim_start()
            .starts_with("artlint-")
}

/// Masks the source from the builder's position to `end` (an HTML block in
/// Markdown), keeping its line breaks and its `<!-- artlint-… -->` directives.
pub(crate) fn skip(b: &mut Builder, end: usize) {
    let start = b.pos();
    let Some(fragment) = b.src.get(start..end) else {
        return;
    };
    let outer = b.html;
    b.html = true;
    for token in tokenize(fragment) {
        let (from, to) = (start + token.start, start + token.end);
        if matches!(token.kind, TokenKind::Comment) && is_directive(&b.src[from..to]) {
            b.mask_lines(Kind::Tag, from, Fill::Empty);
            b.identity(to);
        }
    }
    b.mask_lines(Kind::Tag, end, Fill::Empty);
    b.html = outer;
}

/// The prose of an HTML document.
pub fn html(src: &str) -> Prose {
    let mut b = Builder::new(src);
    feed(&mut b, src.len(), true);
    b.finish(true)
}

/// An element whose content is being skipped.
struct Skipping {
    class: Class,
    depth: usize,
}

/// Reads the source from the builder's position to `end` as HTML: a whole
/// document, or a fragment (raw HTML in Markdown), where an element left
/// open ends with the fragment.
pub(crate) fn feed(b: &mut Builder, end: usize, document: bool) {
    let start = b.pos();
    let Some(fragment) = b.src.get(start..end) else {
        return;
    };
    let outer = b.html;
    let outer_fragment = b.fragment;
    b.html = true;
    let mut skipping: Option<Skipping> = None;
    // Open tables and headings (a heading does not nest: a new one closes it).
    let (mut tables, mut heading) = (0usize, false);
    for token in tokenize(fragment) {
        let (from, to) = (start + token.start, start + token.end);
        if skipping.is_none() {
            match token.kind {
                TokenKind::Start {
                    frame: Some(Frame::Table),
                    self_closing: false,
                    ..
                } => tables += 1,
                TokenKind::End {
                    frame: Some(Frame::Table),
                    ..
                } => tables = tables.saturating_sub(1),
                TokenKind::Start {
                    frame: Some(Frame::Heading),
                    self_closing,
                    ..
                } => heading = !self_closing,
                TokenKind::End {
                    frame: Some(Frame::Heading),
                    ..
                } => heading = false,
                _ => {}
            }
            b.fragment = outer_fragment || tables > 0 || heading;
        }
        if let Some(skip) = &mut skipping {
            match token.kind {
                TokenKind::Start {
                    class,
                    self_closing,
                    ..
                } if class == skip.class && !self_closing => skip.depth += 1,
                TokenKind::End { class, .. } if class == skip.class => {
                    skip.depth -= 1;
                    if skip.depth == 0 {
                        let fill = match skip.class {
                            Class::Object(_) => Fill::Object,
                            _ => Fill::Empty,
                        };
                        let kind = match skip.class {
                            Class::Object(_) => Kind::Opaque,
                            _ => Kind::Tag,
                        };
                        b.mask(kind, to, fill);
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        // Whatever lies between tokens (an unfinished tag at the end) is markup.
        b.mask(Kind::Tag, from, Fill::Empty);
        match token.kind {
            TokenKind::Text => b.prose(to, true),
            TokenKind::Comment if is_directive(&b.src[from..to]) => b.identity(to),
            TokenKind::Comment | TokenKind::Doctype => b.mask(Kind::Tag, to, Fill::Empty),
            TokenKind::Start {
                class: class @ (Class::Hidden(_) | Class::Object(_)),
                self_closing,
                ..
            } => {
                // `<svg/>` is empty; `<script/>` is not (HTML ignores the slash).
                let foreign = matches!(class, Class::Object(i) if i < 2);
                if self_closing && foreign {
                    b.mask(Kind::Opaque, to, Fill::Object);
                } else {
                    skipping = Some(Skipping { class, depth: 1 });
                }
            }
            TokenKind::Start {
                class: Class::Block,
                ..
            }
            | TokenKind::End {
                class: Class::Block,
                ..
            } => b.mask(Kind::Tag, to, Fill::Break),
            TokenKind::Start { .. } | TokenKind::End { .. } => b.mask(Kind::Tag, to, Fill::Empty),
        }
    }
    match skipping {
        // An element left open runs to the end of the document, as in a browser.
        Some(Skipping {
            class: Class::Object(_),
            ..
        }) if document => b.mask(Kind::Opaque, end, Fill::Object),
        _ => b.mask(Kind::Tag, end, Fill::Empty),
    }
    b.html = outer;
    b.fragment = outer_fragment;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn source_of<'a>(src: &'a str, prose: &Prose, needle: &str) -> Option<&'a str> {
        let at = prose.text.find(needle)?;
        let span = prose.to_source(Span::new(at, at + needle.len()))?;
        Some(&src[span.range()])
    }

    #[test]
    fn text_nodes_and_block_lines() {
        let src = "<!DOCTYPE html><html><head><title>T</title><style>p>a{}</style></head>\n<body><p>One <b>bold</b>word</p><p>Two<br>Three</p>\n<ul><li>A</li><li>B</li></ul></body></html>";
        let prose = html(src);
        let lines: Vec<&str> = prose
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["One boldword", "Two", "Three", "A", "B"]);
        assert_eq!(source_of(src, &prose, "boldword"), Some("bold</b>word"));
    }

    #[test]
    fn entities_are_decoded_with_their_spans() {
        let src = "<p>A &amp; B in Moscou, &lt;p&gt; and &amp;amp; &#8217;</p>";
        let prose = html(src);
        assert_eq!(prose.text, "A & B in Moscou, <p> and &amp; ’\n");
        assert_eq!(source_of(src, &prose, "Moscou"), Some("Moscou"));
        assert_eq!(source_of(src, &prose, "<p>"), Some("&lt;p&gt;"));
        assert_eq!(source_of(src, &prose, "&amp;"), Some("&amp;amp;"));
        assert_eq!(source_of(src, &prose, "’"), Some("&#8217;"));
    }

    #[test]
    fn hidden_and_object_content() {
        let src = "<p>a<script>if (a<b) { x = '</p>'; }</script>b <code>the the</code> c<svg><text>t</text></svg><template><p>x</p></template></p><noscript>n</noscript>";
        let prose = html(src);
        assert_eq!(prose.text, "ab \u{FFFC} c\u{FFFC}\n");
        let self_closing = html("<p>a<svg/>b</p>");
        assert_eq!(self_closing.text, "a\u{FFFC}b\n");
    }

    #[test]
    fn comments_and_directives() {
        let src = "<!-- hidden the the --><p>x</p>\n<!-- artlint-disable-next-line scrape/* -->\n<p>Source link</p>";
        let prose = html(src);
        assert!(!prose.text.contains("hidden"));
        assert!(
            prose
                .text
                .contains("<!-- artlint-disable-next-line scrape/* -->\nSource link")
        );
    }

    #[test]
    fn table_text_and_headings_are_fragments() {
        let src = "<h2>Results</h2><p>Share of the vote:</p><table><tr><th>Share</th><td><ul><li>X</li></ul></td></tr></table><p>After</p><h1>Open<h2>Next</h2>";
        let prose = html(src);
        let fragments: Vec<&str> = prose
            .fragments()
            .iter()
            .map(|s| prose.text[s.range()].trim())
            .collect();
        assert_eq!(fragments, ["Results", "Share", "X", "Open", "Next"]);
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for src in [
            "<p>unclosed <b>tag",
            "a < b and c<d stray <",
            "<!-- unclosed comment",
            "<![CDATA[ x ]]>after",
            "</>text</ >more<>",
            "&amp",
            "&#x110000; &#xD800; &#0;",
            "<a title=\"x>y\">é</a>",
            "<svg><svg></svg>inner</svg>after",
            "<script>never closed",
            "\r\n<p>\r\nx\r\n</p>\r\n",
        ] {
            let prose = html(src);
            for (i, _) in prose.text.char_indices() {
                if let Some(span) = prose.to_source(Span::new(i, prose.text.len())) {
                    assert!(src.is_char_boundary(span.start as usize));
                    assert!(span.end as usize <= src.len());
                }
            }
        }
    }
}
