//! Byte offset → line/column conversion, built once per document.

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
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
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
        LineIndex { starts }
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
        let column = text[start..offset as usize].chars().count() as u32 + 1;
        LineColumn {
            line: line as u32 + 1,
            column,
        }
    }

    /// 0-based UTF-16 column of a byte offset, as the language server protocol
    /// counts positions.
    pub fn utf16_column(&self, text: &str, offset: u32) -> u32 {
        let start = self.starts[self.line_of(offset)] as usize;
        text[start..offset as usize]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
