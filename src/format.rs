//! Input formats, and the one table that maps file extensions to them. The
//! CLI's `--input-format`, its choice by extension and its folder walk all
//! read this table, so what is walked and how it is read cannot disagree.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::input::Prose;

/// How a document's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Everything is linted as it is.
    Text,
    /// The prose of a Markdown document (see [`crate::input`]).
    Markdown,
    /// The text nodes of an HTML document (see [`crate::input`]).
    Html,
    /// One JSON record a line; each record's text field is linted as text
    /// (see [`crate::input::jsonl`]).
    Jsonl,
}

/// Every extension a format is known by (lower case, without the dot): what
/// a folder walk lints. A file with another extension, or none, is read as
/// text when named (or added with `extend-include`) but not walked.
const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Text),
    // reStructuredText and AsciiDoc: their markup is light enough to lint
    // as text.
    ("rst", Format::Text),
    ("adoc", Format::Text),
    ("asciidoc", Format::Text),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    // MDX: Markdown whose JSX tags read as inline HTML, skipped.
    ("mdx", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("jsonl", Format::Jsonl),
    ("ndjson", Format::Jsonl),
];

impl Format {
    /// Every format, in the order `--input-format` lists them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Jsonl];

    /// The name `--input-format` takes (`text`, `markdown`, `html`, `jsonl`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format a file extension (without the dot, any case) names;
    /// `None` for an extension the table does not know.
    pub fn from_extension(extension: &str) -> Option<Format> {
        EXTENSIONS
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(extension))
            .map(|&(_, format)| format)
    }

    /// The format a path is read as: by its extension, and text for a path
    /// with none or with one the table does not know.
    ///
    /// ```
    /// use std::path::Path;
    /// use artlint::Format;
    ///
    /// assert_eq!(Format::for_path(Path::new("posts/a.MD")), Format::Markdown);
    /// assert_eq!(Format::for_path(Path::new("page.htm")), Format::Html);
    /// assert_eq!(Format::for_path(Path::new("dump.ndjson")), Format::Jsonl);
    /// assert_eq!(Format::for_path(Path::new("README")), Format::Text);
    /// assert_eq!(Format::for_path(Path::new("notes.xyz")), Format::Text);
    /// ```
    pub fn for_path(path: &Path) -> Format {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .unwrap_or(Format::Text)
    }

    /// The extensions this format is known by, lower case, without the dot.
    pub fn extensions(self) -> impl Iterator<Item = &'static str> {
        EXTENSIONS
            .iter()
            .filter(move |(_, format)| *format == self)
            .map(|&(extension, _)| extension)
    }

    /// The prose to lint for Markdown and HTML, with the way back to `src`;
    /// `None` for text and JSONL, whose text is linted as it is.
    pub fn prose(self, src: &str) -> Option<Prose> {
        match self {
            Format::Markdown => Some(crate::input::markdown(src)),
            Format::Html => Some(crate::input::html(src)),
            Format::Text | Format::Jsonl => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a format's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        write!(
            f,
            "unknown input format `{}` (known: {})",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// The format [`Format::name`] names (exactly).
    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| UnknownFormat(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_choose_the_format_in_any_case() {
        for (path, format) in [
            ("a.txt", Format::Text),
            ("a/b.MD", Format::Markdown),
            ("b.markdown", Format::Markdown),
            ("b.html", Format::Html),
            ("b.HTM", Format::Html),
            ("b.xhtml", Format::Html),
            ("c.jsonl", Format::Jsonl),
            ("c.NDJSON", Format::Jsonl),
            ("README", Format::Text),
            ("notes.rst", Format::Text),
            ("notes.xyz", Format::Text),
            ("page.mdx", Format::Markdown),
            ("a.md/README", Format::Text),
        ] {
            assert_eq!(Format::for_path(Path::new(path)), format, "{path}");
        }
        assert_eq!(Format::from_extension("rst"), Some(Format::Text));
        assert_eq!(Format::from_extension("xyz"), None);
        assert_eq!(Format::from_extension("Xhtml"), Some(Format::Html));
    }

    #[test]
    fn every_format_has_extensions_and_a_name_that_parses_back() {
        for format in Format::ALL {
            assert!(format.extensions().count() > 0, "{format}");
            assert_eq!(format.name().parse::<Format>(), Ok(format));
            for extension in format.extensions() {
                assert_eq!(Format::from_extension(extension), Some(format));
            }
        }
        assert_eq!(
            "HTML".parse::<Format>().unwrap_err().to_string(),
            "unknown input format `HTML` (known: text, markdown, html, jsonl)"
        );
    }

    #[test]
    fn only_markdown_and_html_are_read_through_their_prose() {
        assert_eq!(Format::Html.prose("<p>T</p>").unwrap().text, "T\n");
        assert_eq!(Format::Markdown.prose("# T\n").unwrap().text, " T\n");
        assert!(Format::Text.prose("<p>T</p>").is_none());
        assert!(Format::Jsonl.prose("{}").is_none());
    }
}
