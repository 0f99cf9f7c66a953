//! Builds a [`Prose`] piece by piece, walking the source from start to end.

use super::{Kind, OBJECT, Prose, Segment, entity, url};

/// What a masked piece becomes in the linted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fill {
    /// Nothing.
    Empty,
    /// One space if the source piece holds whitespace (keeps words apart).
    Space,
    /// U+FFFC: something visible that is not prose.
    Object,
    /// A line break, unless the current line of text is still blank.
    Break,
}

pub(crate) struct Builder<'s> {
    pub(crate) src: &'s str,
    pos: usize,
    text: String,
    segments: Vec<Segment>,
    /// New segments come from HTML.
    pub(crate) html: bool,
    /// New text is a table cell or a heading: not a whole line of the
    /// source (see [`Prose::fragments`]).
    pub(crate) fragment: bool,
    fragments: Vec<crate::span::Span>,
    /// The current line of text holds only whitespace so far.
    line_blank: bool,
}

impl<'s> Builder<'s> {
    pub(crate) fn new(src: &'s str) -> Builder<'s> {
        Builder {
            src,
            pos: 0,
            text: String::with_capacity(src.len()),
            segments: Vec::new(),
            html: false,
            fragment: false,
            fragments: Vec::new(),
            line_blank: true,
        }
    }

    /// The source offset consumed so far.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// `end` as a usable end for the next piece: within the source, on a
    /// char boundary, after the current position.
    fn clamp(&self, end: usize) -> Option<usize> {
        let mut end = end.min(self.src.len());
        while !self.src.is_char_boundary(end) {
            end += 1;
        }
        (end > self.pos).then_some(end)
    }

    fn push(&mut self, kind: Kind, end: usize, text: &str) {
        let text_start = self.text.len();
        self.text.push_str(text);
        if let Some(nl) = text.rfind('\n') {
            self.line_blank = text[nl + 1..].trim().is_empty();
        } else if self.line_blank && !text.trim().is_empty() {
            self.line_blank = false;
        }
        if self.fragment && kind != Kind::Syntax && kind != Kind::Tag && !text.trim().is_empty() {
            let text_end = self.text.len();
            match self.fragments.last_mut() {
                Some(last) if last.end as usize == text_start => last.end = text_end as u32,
                _ => self
                    .fragments
                    .push(crate::span::Span::new(text_start, text_end)),
            }
        }
        let source_len = (end - self.pos) as u32;
        let text_len = text.len() as u32;
        if kind == Kind::Identity
            && let Some(last) = self.segments.last_mut()
            && last.kind == Kind::Identity
            && last.html == self.html
        {
            last.text_len += text_len;
            last.source_len += source_len;
        } else {
            self.segments.push(Segment {
                text: text_start as u32,
                source: self.pos as u32,
                text_len,
                source_len,
                kind,
                html: self.html,
            });
        }
        self.pos = end;
    }

    /// Copies the source up to `end`.
    pub(crate) fn identity(&mut self, end: usize) {
        let Some(end) = self.clamp(end) else { return };
        let src = self.src;
        self.push(Kind::Identity, end, &src[self.pos..end]);
    }

    /// The source up to `end` reads as `text`.
    pub(crate) fn replaced(&mut self, end: usize, text: &str) {
        let Some(end) = self.clamp(end) else { return };
        self.push(Kind::Replaced, end, text);
    }

    /// Masks the source up to `end` as one piece.
    pub(crate) fn mask(&mut self, kind: Kind, end: usize, fill: Fill) {
        let Some(end) = self.clamp(end) else { return };
        let src = self.src;
        let text = self.fill(fill, &src[self.pos..end]);
        self.push(kind, end, text);
    }

    /// Masks the source up to `end`, keeping its line breaks, so the text
    /// has the source's lines; each piece between them becomes `fill`.
    pub(crate) fn mask_lines(&mut self, kind: Kind, end: usize, fill: Fill) {
        let Some(end) = self.clamp(end) else { return };
        let src = self.src;
        while self.pos < end {
            let rest = &src[self.pos..end];
            match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(nl) => {
                    let piece_end = if nl > 0 && rest.as_bytes()[nl - 1] == b'\r' {
                        nl - 1
                    } else {
                        nl
                    };
                    if piece_end > 0 {
                        let text = self.fill(fill, &rest[..piece_end]);
                        self.push(kind, self.pos + piece_end, text);
                    }
                    self.identity(self.pos + (nl - piece_end) + 1);
                }
                None => {
                    let text = self.fill(fill, rest);
                    self.push(kind, end, text);
                }
            }
        }
    }

    fn fill(&self, fill: Fill, piece: &str) -> &'static str {
        const OBJECT_STR: &str = "\u{FFFC}";
        debug_assert_eq!(OBJECT_STR.chars().next(), Some(OBJECT));
        match fill {
            Fill::Empty => "",
            Fill::Space if piece.contains(char::is_whitespace) => " ",
            Fill::Space => "",
            Fill::Object if piece.trim().is_empty() => "",
            Fill::Object => OBJECT_STR,
            Fill::Break if self.line_blank => "",
            Fill::Break => "\n",
        }
    }

    /// Prose up to `end`: bare URLs become opaque and, if `entities`,
    /// character references are decoded.
    pub(crate) fn prose(&mut self, end: usize, entities: bool) {
        let Some(end) = self.clamp(end) else { return };
        let src = self.src;
        let base = self.pos;
        let run = &src[base..end];
        let urls = url::find(run);
        let mut urls = urls.into_iter();
        let mut from = 0;
        loop {
            let next = urls.next();
            let until = next.as_ref().map_or(run.len(), |r| r.start);
            if entities {
                let mut search = from;
                while let Some(i) = memchr::memchr(b'&', &run.as_bytes()[search..until]) {
                    let at = search + i;
                    search = at + 1;
                    let Some((len, decoded)) = entity::decode(&run[at..until]) else {
                        continue;
                    };
                    self.identity(base + at);
                    self.replaced(base + at + len, &decoded);
                    search = at + len;
                }
            }
            self.identity(base + until);
            match next {
                Some(r) => {
                    self.mask(Kind::Opaque, base + r.end, Fill::Object);
                    from = r.end;
                }
                None => break,
            }
        }
    }

    /// The prose; `structured` for Markdown and HTML (see [`Prose::map_diagnostics`]).
    pub(crate) fn finish(mut self, structured: bool) -> Prose {
        let len = self.src.len();
        self.mask(Kind::Tag, len, Fill::Empty);
        Prose {
            text: self.text,
            segments: self.segments,
            fragments: self.fragments,
            structured,
            source_len: len,
        }
    }
}
