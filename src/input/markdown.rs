//! Markdown (CommonMark with GitHub's tables, footnotes, strikethrough and
//! task lists, and YAML `---` or TOML `+++` front matter), parsed with
//! pulldown-cmark's offset iterator.
//!
//! What is linted is the text of paragraphs, headings, list items, block
//! quotes, table cells, footnotes and link texts. Everything between those
//! pieces is syntax (`#`, `*`, `_`, `>`, list markers, `[`, `](url)`,
//! reference definitions, front matter); code (spans, fenced and indented
//! blocks), images, autolinks and bare URLs are opaque. Inline HTML tags
//! (`<b>`, `<br>`) go through the HTML reader, so they are markup and the
//! words around them prose; HTML blocks (a `<div>` or `<table>` of their
//! own) are skipped whole, but for `<!-- artlint-… -->` directives, kept as
//! they are. The source's line breaks are kept, and table cells get a line
//! each, as the HTML reader gives them; cells and headings are fragments
//! (see [`Prose::fragments`]), left alone by the checks about whole lines.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::builder::{Builder, Fill};
use super::{Kind, Prose, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Masks the syntax between two pieces of text, up to `end`.
fn syntax(b: &mut Builder, end: usize, in_table: bool) {
    if in_table {
        // Cell boundaries: one cell a line, like `<td>` in HTML; never edited.
        b.mask_lines(Kind::Tag, end, Fill::Break);
    } else {
        b.mask_lines(Kind::Syntax, end, Fill::Space);
    }
}

/// The prose of a Markdown document.
pub fn markdown(src: &str) -> Prose {
    let mut b = Builder::new(src);
    // Events that start before this offset are inside a piece already masked.
    let mut skip_until = 0;
    let mut tables = 0usize;
    let mut headings = 0usize;
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        if range.start < skip_until || range.end < b.pos() {
            continue;
        }
        let mut masked = |b: &mut Builder, kind: Kind, fill: Fill| {
            syntax(b, range.start, tables > 0);
            b.mask_lines(kind, range.end, fill);
            skip_until = range.end;
        };
        match event {
            Event::Start(Tag::CodeBlock(_)) => masked(&mut b, Kind::Opaque, Fill::Empty),
            Event::Start(Tag::MetadataBlock(_)) => masked(&mut b, Kind::Opaque, Fill::Empty),
            Event::Start(Tag::Image { .. })
            | Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => masked(&mut b, Kind::Opaque, Fill::Object),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                masked(&mut b, Kind::Opaque, Fill::Object)
            }
            Event::Start(Tag::HtmlBlock) => {
                syntax(&mut b, range.start, tables > 0);
                html::skip(&mut b, range.end);
                skip_until = range.end;
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                syntax(&mut b, range.start, tables > 0);
                html::feed(&mut b, range.end, false);
                skip_until = range.end;
            }
            Event::Start(Tag::Table(_)) => {
                syntax(&mut b, range.start, tables > 0);
                tables += 1;
            }
            Event::End(TagEnd::Table) => {
                syntax(&mut b, range.end, true);
                tables = tables.saturating_sub(1);
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::End(TagEnd::Heading(_)) => headings = headings.saturating_sub(1),
            Event::Text(text) => {
                syntax(&mut b, range.start, tables > 0);
                if src.get(range.clone()) == Some(&*text) {
                    b.prose(range.end, false);
                } else {
                    // An entity or escape pulldown-cmark decoded.
                    b.replaced(range.end, &text);
                }
            }
            _ => {}
        }
        b.fragment = tables > 0 || headings > 0;
    }
    syntax(&mut b, src.len(), false);
    b.finish(true)
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
    fn headings_lists_and_quotes_keep_their_lines() {
        let src = "# Title here\n\n## Related posts\n\n- one\n- two\n\n> quoted\n> more\n";
        let prose = markdown(src);
        let lines: Vec<&str> = prose.text.lines().map(str::trim).collect();
        assert_eq!(
            lines,
            [
                "Title here",
                "",
                "Related posts",
                "",
                "one",
                "two",
                "",
                "quoted",
                "more"
            ]
        );
        assert_eq!(
            source_of(src, &prose, "Related posts"),
            Some("Related posts")
        );
    }

    #[test]
    fn code_urls_and_images_are_not_prose() {
        let src = "Text `the the` and [link](https://x.org/the-the) ![alt the](a.png) <https://y.org>\n\n```\nthe the\n```\n";
        let prose = markdown(src);
        assert!(!prose.text.contains("the the"), "{:?}", prose.text);
        assert!(!prose.text.contains("x.org"));
        assert!(!prose.text.contains("alt"));
        assert!(prose.text.contains("link"));
        assert_eq!(prose.text.lines().count(), src.lines().count());
    }

    #[test]
    fn front_matter_and_reference_definitions_are_masked() {
        let src = "---\ntitle: The the\n---\nBody.\n\n[ref]: https://example.com \"Title\"\n+++\n";
        let prose = markdown(src);
        assert!(!prose.text.contains("title"));
        assert!(!prose.text.contains("example"));
        assert_eq!(source_of(src, &prose, "Body."), Some("Body."));
        let toml = "+++\ntitle = \"x\"\n+++\nBody.\n";
        let prose = markdown(toml);
        assert!(!prose.text.contains("title"));
        assert_eq!(prose.text.trim(), "Body.");
    }

    #[test]
    fn entities_and_escapes_map_to_their_source() {
        let src = "AT&amp;T, &amp;amp; and \\*stars\\* &copy; 2024\n";
        let prose = markdown(src);
        assert_eq!(prose.text, "AT&T, &amp; and *stars* © 2024\n");
        assert_eq!(source_of(src, &prose, "&amp;"), Some("&amp;amp;"));
        assert_eq!(source_of(src, &prose, "© 2024"), Some("&copy; 2024"));
        assert_eq!(source_of(src, &prose, "*stars"), Some("*stars"));
    }

    #[test]
    fn html_in_markdown() {
        let src = "Para with <b>bold</b> and <!-- note --> end.\n\n<!-- artlint-disable -->\n\n<div>\n<p>Source link</p>\n<script>the the</script>\n</div>\n";
        let prose = markdown(src);
        assert!(prose.text.contains("Para with bold and  end."));
        assert!(prose.text.contains("<!-- artlint-disable -->"));
        // An HTML block is skipped whole, its lines kept (blank).
        assert!(!prose.text.contains("Source link"), "{:?}", prose.text);
        assert_eq!(prose.text.lines().count(), src.lines().count());
        assert!(!prose.text.contains("the the"));
        assert!(!prose.text.contains("note"));
    }

    #[test]
    fn cells_and_headings_are_fragments() {
        let src = "# Election results\n\nShare of the vote:\n\n| Party | Share |\n|---|---|\n| X | 12% |\n\nSetext\n===\n";
        let prose = markdown(src);
        let fragments: Vec<&str> = prose
            .fragments()
            .iter()
            .map(|s| prose.text[s.range()].trim())
            .collect();
        assert_eq!(
            fragments,
            ["Election results", "Party", "Share", "X", "12%", "Setext"]
        );
    }

    #[test]
    fn table_cells_are_lines() {
        let src = "| a | b |\n|---|---|\n| the | the |\n\nAfter.\n";
        let prose = markdown(src);
        let lines: Vec<&str> = prose
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["a", "b", "the", "the", "After."]);
    }
}
