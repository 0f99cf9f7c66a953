//! What the terminal is shown of a file: the lines of one finding's snippet,
//! cut to a window around the labels when long, with control characters made
//! visible.
//!
//! codespan-reporting prints whole source lines, once per finding: a scraped
//! page with megabytes on one line and a finding every few words printed the
//! line every time (gigabytes of output). [`Excerpt`] is the file as
//! codespan-reporting sees it for one finding: only the lines it will print
//! (the labels' first and last lines and their context; the others are left
//! empty), each cut to about [`WIDTH`] columns around the labels, with `…`
//! where text was left out, as rustc and editors show long lines. Line
//! numbers and the `path:line:column` header are those of the real file.
//!
//! Text from the file or from a finding goes to the terminal with its C0 and
//! C1 control characters and DEL written as `\u{1b}` (tab excepted), so an
//! escape sequence in scraped text cannot retitle the window or clear the
//! screen; labels are placed on the escaped rendering.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use artlint::{LineIndex, Span};

/// A line up to this many characters is shown whole.
pub(crate) const WIDTH: usize = 120;
/// Characters kept on each side of a label's start and end in a long line.
const CONTEXT: usize = 40;
/// Lines around a label's first and last line that codespan-reporting may
/// print (its `start_context_lines` is 3, one more is printed to fill a gap).
const NEARBY: usize = 5;

/// True for characters that must not reach a terminal as they are.
pub(crate) fn is_control(c: char) -> bool {
    c != '\t' && (c.is_ascii_control() || ('\u{80}'..='\u{9f}').contains(&c))
}

/// `text` with every control character (see [`is_control`]) written as
/// `\u{..}`; borrowed when there is none.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if !text.contains(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    if is_control(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// One finding's view of a file, for codespan-reporting.
pub(crate) struct Excerpt<'a> {
    name: Cow<'a, str>,
    text: &'a str,
    index: &'a LineIndex,
    /// The text shown: one line per file line from `first` on.
    source: String,
    /// Where each line of `source` starts.
    starts: Vec<usize>,
    /// 0-based file line of `source`'s first line.
    first: usize,
    /// Offsets in `source` of the label ends asked for, to file offsets.
    to_file: HashMap<usize, u32>,
    /// File offsets of the label ends asked for, to offsets in `source`.
    to_source: HashMap<u32, usize>,
}

impl<'a> Excerpt<'a> {
    /// The lines of `text` that labels on `spans` need.
    pub(crate) fn new(
        name: &'a str,
        text: &'a str,
        index: &'a LineIndex,
        spans: &[Span],
    ) -> Excerpt<'a> {
        let mut points: Vec<u32> = spans
            .iter()
            .flat_map(|s| [s.start, s.end])
            .map(|p| p.min(text.len() as u32))
            .collect();
        points.sort_unstable();
        points.dedup();
        let line_of = |p: u32| index.line_of(p);
        let first = points.first().map_or(0, |&p| line_of(p));
        let last = points.last().map_or(0, |&p| line_of(p));
        // The lines a label starts or ends on.
        let mut marked: Vec<usize> = points.iter().map(|&p| line_of(p)).collect();
        marked.dedup();
        let mut excerpt = Excerpt {
            name: visible(name),
            text,
            index,
            source: String::new(),
            starts: Vec::with_capacity(last - first + 1),
            first,
            to_file: HashMap::new(),
            to_source: HashMap::new(),
        };
        let mut next_point = 0;
        for line in first..=last {
            excerpt.starts.push(excerpt.source.len());
            let (start, end) = excerpt.content(line);
            let from = next_point;
            while next_point < points.len() && line_of(points[next_point]) == line {
                next_point += 1;
            }
            let on_line: Vec<usize> = points[from..next_point]
                .iter()
                .map(|&p| (p as usize).min(end))
                .collect();
            let near = marked
                .binary_search_by(|&m| {
                    if m + NEARBY < line {
                        std::cmp::Ordering::Less
                    } else if m > line + NEARBY {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok();
            if near {
                excerpt.push_line(start, end, &on_line, &points[from..next_point]);
            }
            excerpt.source.push('\n');
        }
        excerpt
    }

    /// A span of the file as a range of the shown text (its ends must be
    /// among the spans given to [`Excerpt::new`]).
    pub(crate) fn range(&self, span: Span) -> Range<usize> {
        let at = |p: u32| {
            self.to_source
                .get(&p.min(self.text.len() as u32))
                .copied()
                .unwrap_or(0)
        };
        let (start, end) = (at(span.start), at(span.end));
        start..end.max(start)
    }

    /// The content of file line `line`, without its terminator.
    fn content(&self, line: usize) -> (usize, usize) {
        let start = self.index.line_start(line) as usize;
        let next = if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1) as usize
        } else {
            self.text.len()
        };
        let line_text = &self.text[start..next];
        (
            start,
            start + line_text.trim_end_matches(['\n', '\r']).len(),
        )
    }

    /// Appends the shown part of the file's `[start, end)`, recording where
    /// `points` (clamped to the line as `clamped`) land.
    fn push_line(&mut self, start: usize, end: usize, clamped: &[usize], points: &[u32]) {
        let windows = windows(self.text, start, end, clamped);
        let mut point = 0;
        for (i, window) in windows.iter().enumerate() {
            if i > 0 || window.start > start {
                self.source.push('…');
            }
            for (offset, c) in self.text[window.clone()].char_indices() {
                let at = window.start + offset;
                while point < clamped.len() && clamped[point] <= at {
                    self.record(points[point], clamped[point]);
                    point += 1;
                }
                push_visible(&mut self.source, c);
            }
            while point < clamped.len() && clamped[point] <= window.end {
                self.record(points[point], clamped[point]);
                point += 1;
            }
        }
        if windows.last().is_some_and(|w| w.end < end) {
            self.source.push('…');
        }
        // A point cut out of every window (cannot happen: windows are built
        // around the points) still gets a place.
        while point < clamped.len() {
            self.record(points[point], clamped[point]);
            point += 1;
        }
    }

    fn record(&mut self, file: u32, at: usize) {
        let shown = self.source.len();
        self.to_source.insert(file, shown);
        self.to_file.insert(shown, at as u32);
    }
}

/// The byte ranges of the line `[start, end)` to show: all of it when it
/// fits in [`WIDTH`] characters; else [`CONTEXT`] characters around each of
/// `points` (merged when close), or the line's start when it has none.
fn windows(text: &str, start: usize, end: usize, points: &[usize]) -> Vec<Range<usize>> {
    let line = &text[start..end];
    if line.len() <= WIDTH || line.chars().nth(WIDTH).is_none() {
        return std::iter::once(start..end).collect();
    }
    if points.is_empty() {
        return std::iter::once(start..forward(text, start, end, 2 * CONTEXT + 20)).collect();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for &p in points {
        let window = back(text, start, p, CONTEXT)..forward(text, p, end, CONTEXT);
        match out.last_mut() {
            // Close enough that `…` would hide less than it costs.
            Some(last) if back(text, start, window.start, 8) <= last.end => {
                last.end = last.end.max(window.end);
            }
            _ => out.push(window),
        }
    }
    // Snap to the line's ends when only a few characters would be cut.
    if let Some(first) = out.first_mut()
        && back(text, start, first.start, 8) == start
    {
        first.start = start;
    }
    if let Some(last) = out.last_mut()
        && forward(text, last.end, end, 8) == end
    {
        last.end = end;
    }
    out
}

/// The offset `n` characters before `at`, not before `floor`.
fn back(text: &str, floor: usize, at: usize, n: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// The offset `n` characters after `at`, not after `ceiling`.
fn forward(text: &str, at: usize, ceiling: usize, n: usize) -> usize {
    text[at..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| at + i)
}

impl<'e> Files<'e> for Excerpt<'_> {
    type FileId = ();
    type Name = &'e str;
    type Source = &'e str;

    fn name(&'e self, (): ()) -> Result<&'e str, Error> {
        Ok(&self.name)
    }

    fn source(&'e self, (): ()) -> Result<&'e str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'e self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.starts.partition_point(|&s| s <= byte_index).max(1) - 1)
    }

    fn line_number(&'e self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first + line_index + 1)
    }

    /// The column in the file, not in the shown text.
    fn column_number(
        &'e self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let offset = match self.to_file.get(&byte_index) {
            Some(&offset) => offset,
            None => self.index.line_start(self.first + line_index),
        };
        Ok(self.index.line_column(self.text, offset).column as usize)
    }

    fn line_range(&'e self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = *self.starts.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.starts.len().saturating_sub(1),
        })?;
        let end = self
            .starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.source.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, spans: &[Span]) -> (String, Vec<Range<usize>>) {
        let index = LineIndex::new(text);
        let excerpt = Excerpt::new("f", text, &index, spans);
        let ranges = spans.iter().map(|&s| excerpt.range(s)).collect();
        (excerpt.source, ranges)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "one\ntwo three\nfour\n";
        let (source, ranges) = shown(text, &[Span::new(8, 13)]);
        assert_eq!(source, "two three\n");
        assert_eq!(&source[ranges[0].clone()], "three");
    }

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let text = "word ".repeat(10_000);
        let at = 5 * 5_000;
        let (source, ranges) = shown(&text, &[Span::new(at, at + 4)]);
        let line = source.trim_end();
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(line.chars().count() <= 2 * CONTEXT + 10, "{line}");
        assert_eq!(&source[ranges[0].clone()], "word");
        assert_eq!(source[..ranges[0].start].chars().count(), 1 + CONTEXT);
    }

    #[test]
    fn a_long_label_is_cut_in_the_middle() {
        let text = format!("{}{}", "a".repeat(50), "b".repeat(1000));
        let (source, ranges) = shown(&text, &[Span::new(50, 1050)]);
        let label = &source[ranges[0].clone()];
        assert!(label.starts_with("bbb") && label.contains("b…b"), "{label}");
        assert!(source.starts_with("…"));
        assert!(label.chars().count() < 2 * CONTEXT + 2);
    }

    #[test]
    fn control_characters_are_visible_and_labels_follow_them() {
        let text = "Hi \u{1b}]0;pwned\u{7} \u{9b}x\tend";
        let at = text.find('x').unwrap();
        let (source, ranges) = shown(text, &[Span::new(at, at + 1)]);
        assert_eq!(source, "Hi \\u{1b}]0;pwned\\u{7} \\u{9b}x\tend\n");
        assert_eq!(&source[ranges[0].clone()], "x");
        assert_eq!(visible("a\u{7f}b\u{0}"), "a\\u{7f}b\\u{0}");
        assert!(matches!(visible("plain é\t"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_far_from_labels_are_left_empty() {
        let text: String = (0..40).map(|i| format!("line {i}\n")).collect();
        let start = text.find("line 2\n").unwrap();
        let end = text.find("line 30\n").unwrap() + 7;
        let (source, _) = shown(&text, &[Span::new(start, end)]);
        let lines: Vec<&str> = source.lines().collect();
        assert_eq!(lines.len(), 29);
        assert_eq!(lines[0], "line 2");
        assert_eq!(lines[5], "line 7");
        assert_eq!(lines[14], "");
        assert_eq!(lines[28], "line 30");
    }
}
