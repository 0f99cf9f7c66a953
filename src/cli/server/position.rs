//! Byte offsets ↔ LSP positions, in the encoding negotiated at
//! initialisation: UTF-8 when the client offers it (no conversion beyond the
//! line), else UTF-16, which every client understands.

use artlint::{LineIndex, Span};
use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client lists it, else UTF-16 (the protocol's default).
    pub(super) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub(super) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A text and its line index, for converting positions.
pub(super) struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl Lines<'_> {
    pub(super) fn position(&self, offset: u32) -> Position {
        let offset = offset.min(self.text.len() as u32);
        let line = self.index.line_of(offset);
        let character = match self.encoding {
            Encoding::Utf8 => offset - self.index.line_start(line),
            Encoding::Utf16 => self.index.utf16_column(self.text, offset),
        };
        Position::new(line as u32, character)
    }

    pub(super) fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position. As the protocol says, a character past
    /// the end of its line means the line's end, and a line past the last
    /// means the end of the text; a position inside a character (a UTF-8
    /// byte or a UTF-16 surrogate half) moves to that character's start.
    pub(super) fn offset(&self, position: Position) -> u32 {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len() as u32;
        }
        let start = self.index.line_start(line) as usize;
        let next = if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1) as usize
        } else {
            self.text.len()
        };
        let content = self.text[start..next].trim_end_matches(['\n', '\r']);
        let wanted = position.character as usize;
        let within = match self.encoding {
            Encoding::Utf8 => {
                let mut at = wanted.min(content.len());
                while !content.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
            Encoding::Utf16 => {
                let mut units = 0;
                let mut at = content.len();
                for (i, c) in content.char_indices() {
                    if units + c.len_utf16() > wanted {
                        at = i;
                        break;
                    }
                    units += c.len_utf16();
                }
                at
            }
        };
        (start + within) as u32
    }

    pub(super) fn span(&self, range: Range) -> Span {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        Span::new(a.min(b) as usize, a.max(b) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf8_bytes_or_utf16_units() {
        let text = "aé😀b\r\nx";
        let index = LineIndex::new(text);
        let at = |encoding| Lines {
            text,
            index: &index,
            encoding,
        };
        let b = text.find('b').unwrap() as u32;
        assert_eq!(at(Encoding::Utf8).position(b), Position::new(0, 7));
        assert_eq!(at(Encoding::Utf16).position(b), Position::new(0, 4));
        assert_eq!(
            at(Encoding::Utf16).position(text.len() as u32),
            Position::new(1, 1)
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let lines = at(encoding);
            for offset in [0, 1, 3, b, b + 1, text.len() as u32] {
                assert_eq!(lines.offset(lines.position(offset)), offset, "{encoding:?}");
            }
            // Past the line's end: the end of its content, not the `\r\n`.
            assert_eq!(lines.offset(Position::new(0, 99)), b + 1);
            assert_eq!(lines.offset(Position::new(7, 0)), text.len() as u32);
        }
        // Inside the emoji: its start.
        assert_eq!(at(Encoding::Utf16).offset(Position::new(0, 3)), 3);
        assert_eq!(at(Encoding::Utf8).offset(Position::new(0, 5)), 3);
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&both[..1])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
