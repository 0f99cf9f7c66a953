//! Large documents are linted in sections of about [`SECTION_BYTES`], cut at
//! paragraph breaks, so the per-word analyses (word lists, name tokens, loop
//! keys: 8–24 bytes a word) stay bounded however long the document is, and
//! the CLI can lint the sections of one big file on every core.
//!
//! Rules that look at a whole document (acronym consistency, name variants,
//! duplicate lines, the quality statistics) see one section at a time; a
//! section is far longer than any article, so the context they need is there.

use crate::span::Span;

/// Target size of a section.
pub(crate) const SECTION_BYTES: usize = 512 << 10;
/// How far past the target a paragraph break is looked for before settling
/// for a line break, then for any char boundary.
const SEARCH_WINDOW: usize = 64 << 10;

/// Spans covering `text` in order, without gaps; one span for a text of up
/// to twice [`SECTION_BYTES`].
pub(crate) fn sections(text: &str) -> Vec<Span> {
    sections_of(text, SECTION_BYTES)
}

fn sections_of(text: &str, target: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while bytes.len() - start > 2 * target {
        let from = start + target;
        let window = &bytes[from..(from + SEARCH_WINDOW).min(bytes.len())];
        let end = if let Some(i) = memchr::memmem::find(window, b"\n\n") {
            from + i + 2
        } else if let Some(i) = memchr::memchr(b'\n', window) {
            from + i + 1
        } else {
            let mut at = from;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            at
        };
        out.push(Span::new(start, end));
        start = end;
    }
    out.push(Span::new(start, bytes.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, target: usize) -> Vec<&str> {
        sections_of(text, target)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn short_text_is_one_section() {
        assert_eq!(sections(""), [Span::new(0, 0)]);
        assert_eq!(pieces("abc\n\ndef", 4), ["abc\n\ndef"]);
    }

    #[test]
    fn cuts_after_paragraph_breaks() {
        let text = "aaaa bbbb\n\ncccc dddd\n\neeee ffff\n\ngggg";
        assert_eq!(
            pieces(text, 8),
            ["aaaa bbbb\n\n", "cccc dddd\n\n", "eeee ffff\n\ngggg"]
        );
    }

    #[test]
    fn falls_back_to_line_breaks_then_char_boundaries() {
        assert_eq!(
            pieces("aaaaaa\nbbbbbb\ncccccc", 5),
            ["aaaaaa\n", "bbbbbb\n", "cccccc"]
        );
        // No break at all: a cut on a char boundary, never inside `é`.
        let text = "ééééééééé";
        let parts = pieces(text, 3);
        assert_eq!(parts.concat(), text);
        assert!(parts.len() > 1);
    }

    #[test]
    fn sections_cover_the_text_in_order() {
        let text = "word ".repeat(1000) + "\n\n" + &"x".repeat(5000);
        let spans = sections_of(&text, 700);
        assert_eq!(spans.first().unwrap().start, 0);
        assert_eq!(spans.last().unwrap().end as usize, text.len());
        for pair in spans.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
    }
}
