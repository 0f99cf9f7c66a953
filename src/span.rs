//! Byte spans into a document's text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text, always on
/// `char` boundaries. `u32` keeps diagnostics small; documents over 4 GiB are
/// rejected before linting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[schemars(description = "A half-open byte range `[start, end)` into the file's text.")]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span `by` bytes later: a span of a section, placed in the whole.
    pub fn shifted(self, by: u32) -> Span {
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }

    /// True if the two spans share a byte, an insertion point lies strictly
    /// inside the other span, or both are the same insertion point.
    pub fn overlaps(self, other: Span) -> bool {
        (self.start < other.end && other.start < self.end) || self == other
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_half_open() {
        assert!(Span::new(0, 5).overlaps(Span::new(4, 6)));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
        assert!(!Span::new(5, 6).overlaps(Span::new(0, 5)));
        assert!(Span::new(2, 2).overlaps(Span::new(0, 5)));
        assert!(!Span::new(5, 5).overlaps(Span::new(0, 5)));
    }
}
