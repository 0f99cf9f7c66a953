//! Byte offset → line/column conversion, built once per document.
//!
//! Columns count characters from the line's start. On a short line that is
//! counted directly; on a long one (scraped pages put megabytes on one line)
//! it comes from [`CharIndex`], counts kept every [`CHECKPOINT`] bytes, so
//! each position costs at most a few KiB of counting, whatever the line's
//! length and however many findings it has.

use std::sync::OnceLock;

use memchr::memchr_iter;

/// A 1-based line and column. Columns count Unicode scalar values; UTF-16
/// columns (for the language server) come from [`LineIndex::utf16_column`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[schemars(
    description = "A 1-based line and column; columns count Unicode scalar values (code points)."
)]
pub struct LineColumn {
    #[schemars(range(min = 1))]
    pub line: u32,
    #[schemars(range(min = 1))]
    pub column: u32,
}

/// Start offsets of every line. Lines end at `\n`, `\r\n` or a lone `\r`, so
/// positions agree with what editors show for files from any platform.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Built on the first column asked for deep inside a long line.
    chars: OnceLock<CharIndex>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        // Sized for lines of about 40 bytes, most pages' average or more.
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0u32);
        if memchr::memchr(b'\r', bytes).is_none() {
            starts.extend(memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
        } else {
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'\n' => starts.push(i as u32 + 1),
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                        starts.push(i as u32 + 2);
                        i += 1;
                    }
                    b'\r' => starts.push(i as u32 + 1),
                    _ => {}
                }
                i += 1;
            }
        }
        LineIndex {
            starts,
            chars: OnceLock::new(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.starts[line]
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_column(&self, text: &str, offset: u32) -> LineColumn {
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let offset = (offset as usize).min(text.len());
        let column = if offset - start <= 2 * CHECKPOINT {
            count_chars(&text.as_bytes()[start..offset])
        } else {
            let chars = self.chars(text);
            chars.chars(text, offset) - chars.chars(text, start)
        };
        LineColumn {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// [`line_column`](Self::line_column) of `start` and of `end` (not
    /// before `start`): a span's two ends, which share a line nearly always,
    /// so the end is counted on from the start instead of looked up again.
    pub fn line_columns(&self, text: &str, start: u32, end: u32) -> (LineColumn, LineColumn) {
        let first = self.line_column(text, start);
        let next_line = self.starts.get(first.line as usize).copied();
        let (from, to) = (start as usize, end as usize);
        let same_line = start <= end
            && to <= text.len()
            && next_line.is_none_or(|next| end < next)
            && to - from <= 2 * CHECKPOINT;
        if !same_line {
            return (first, self.line_column(text, end));
        }
        let column = first.column + count_chars(&text.as_bytes()[from..to]) as u32;
        (first, LineColumn { column, ..first })
    }

    /// 0-based UTF-16 column of a byte offset, as the language server protocol
    /// counts positions.
    pub fn utf16_column(&self, text: &str, offset: u32) -> u32 {
        let start = self.starts[self.line_of(offset)] as usize;
        let offset = (offset as usize).min(text.len());
        let units = if offset - start <= 2 * CHECKPOINT {
            count_utf16(&text.as_bytes()[start..offset])
        } else {
            let chars = self.chars(text);
            chars.utf16(text, offset) - chars.utf16(text, start)
        };
        units as u32
    }

    fn chars(&self, text: &str) -> &CharIndex {
        self.chars.get_or_init(|| CharIndex::new(text))
    }

    /// Byte offset of a 1-based line and column; `None` if out of range.
    pub fn offset(&self, text: &str, position: LineColumn) -> Option<u32> {
        let line = (position.line as usize).checked_sub(1)?;
        let start = *self.starts.get(line)? as usize;
        // The line's content, without its terminator.
        let next = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&s| s as usize);
        let end = start + text[start..next].trim_end_matches(['\n', '\r']).len();
        let mut column = 1;
        for (i, _) in text[start..end].char_indices() {
            if column == position.column {
                return Some((start + i) as u32);
            }
            column += 1;
        }
        (column == position.column).then_some(end as u32)
    }
}

/// Bytes between two checkpoints of a [`CharIndex`].
pub(crate) const CHECKPOINT: usize = 1024;

/// Character and UTF-16 counts from the start of a text to every multiple of
/// [`CHECKPOINT`] bytes: the position of any offset in characters then costs
/// one lookup and at most `CHECKPOINT` bytes of counting. 8 bytes of index a
/// KiB of text.
#[derive(Debug, Clone)]
pub(crate) struct CharIndex {
    /// `(chars, utf16)` before byte `i * CHECKPOINT`.
    counts: Vec<(u32, u32)>,
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let mut counts = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let (mut chars, mut utf16) = (0u32, 0u32);
        counts.push((0, 0));
        for chunk in text.as_bytes().chunks_exact(CHECKPOINT) {
            chars += count_chars(chunk) as u32;
            utf16 += count_utf16(chunk) as u32;
            counts.push((chars, utf16));
        }
        CharIndex { counts }
    }

    /// Unicode scalar values of `text` before byte offset `byte` (those that
    /// start before it, if it is not a char boundary).
    pub(crate) fn chars(&self, text: &str, byte: usize) -> usize {
        let (base, from) = self.checkpoint(text, byte);
        base.0 as usize + count_chars(&text.as_bytes()[from..byte.min(text.len())])
    }

    /// UTF-16 code units of `text` before byte offset `byte` (a char boundary).
    pub(crate) fn utf16(&self, text: &str, byte: usize) -> usize {
        let (base, from) = self.checkpoint(text, byte);
        base.1 as usize + count_utf16(&text.as_bytes()[from..byte.min(text.len())])
    }

    fn checkpoint(&self, text: &str, byte: usize) -> ((u32, u32), usize) {
        let i = (byte.min(text.len()) / CHECKPOINT).min(self.counts.len() - 1);
        (self.counts[i], i * CHECKPOINT)
    }
}

/// Scalar values that start in `bytes` (every byte but UTF-8 continuations).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// UTF-16 code units of the scalar values that start in `bytes`: one each,
/// two for those of four UTF-8 bytes (lead byte `0xF0` and above).
fn count_utf16(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spans_ends_deep_in_a_long_line_are_placed_as_each_alone() {
        let text = format!("x\n{}abc déf\n", "é".repeat(3000));
        let index = LineIndex::new(&text);
        let start = text.find("abc").unwrap() as u32;
        for end in [
            start,
            start + 3,
            start + 6,
            text.len() as u32 - 1,
            text.len() as u32,
        ] {
            assert_eq!(
                index.line_columns(&text, start, end),
                (
                    index.line_column(&text, start),
                    index.line_column(&text, end)
                ),
                "{end}"
            );
        }
        assert_eq!(index.line_columns(&text, start, start + 3).1.column, 3004);
    }

    proptest::proptest! {
        /// A span's ends are placed as each end alone is.
        #[test]
        fn a_spans_ends_are_placed_as_each_alone(
            text in "[ab é\r\n中]{0,40}",
            a in 0usize..48,
            b in 0usize..48,
        ) {
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> = (0..=text.len() + 4).filter(|&i| i > text.len() || text.is_char_boundary(i)).collect();
            let (start, end) = (boundaries[a % boundaries.len()], boundaries[b % boundaries.len()]);
            let (start, end) = (start.min(end) as u32, start.max(end) as u32);
            proptest::prop_assert_eq!(
                index.line_columns(&text, start, end),
                (index.line_column(&text, start), index.line_column(&text, end))
            );
        }
    }

    fn lc(line: u32, column: u32) -> LineColumn {
        LineColumn { line, column }
    }

    #[test]
    fn columns_count_scalar_values() {
        let text = "ab\nçé x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), lc(1, 1));
        assert_eq!(index.line_column(text, 3), lc(2, 1));
        // 'x' is at byte 8: ç (2) é (2) space (1) after the line start at 3.
        assert_eq!(index.line_column(text, 8), lc(2, 4));
        assert_eq!(index.offset(text, lc(2, 4)), Some(8));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_column(text, 3), lc(2, 1));
        assert_eq!(index.line_column(text, 5), lc(3, 1));
        assert_eq!(index.line_column(text, 7), lc(4, 1));
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "😀a";
        let index = LineIndex::new(text);
        assert_eq!(index.utf16_column(text, 4), 2);
        assert_eq!(index.line_column(text, 4), lc(1, 2));
    }

    #[test]
    fn long_lines_use_checkpoints_and_agree_with_counting() {
        // Mixed widths, so checkpoints fall inside characters.
        let line = "aé😀 ".repeat(3000);
        let text = format!("x\n{line}\n{line}");
        let index = LineIndex::new(&text);
        let second = 2 + line.len() + 1;
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(97)
        {
            let line_no = index.line_of(offset as u32);
            let start = index.line_start(line_no) as usize;
            assert_eq!(
                index.line_column(&text, offset as u32),
                lc(
                    line_no as u32 + 1,
                    text[start..offset].chars().count() as u32 + 1
                ),
                "offset {offset}"
            );
            assert_eq!(
                index.utf16_column(&text, offset as u32) as usize,
                text[start..offset].encode_utf16().count(),
                "offset {offset}"
            );
        }
        assert_eq!(index.line_column(&text, text.len() as u32).line, 3);
        assert_eq!(
            index.line_column(&text, text.len() as u32).column as usize,
            text[second..].chars().count() + 1
        );
    }
}
