//! The open documents: their text as the editor has it, how each is read,
//! and the findings of its last lint (which code actions and hovers answer
//! from).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use artlint::{Diagnostic, Format, LineIndex, Severity, Span};
use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::config::Workspace;
use super::incremental::{self, ParagraphCache, SplitRules};
use super::position::{Encoding, Lines};
use super::transport::log;

/// Larger documents are not linted while editing (one note says so): a
/// lint a keystroke would take too long. `artlint check` lints them.
pub(super) const MAX_DOCUMENT_BYTES: usize = 2 << 20;

/// The id of the note on a document too large to lint.
const TOO_LARGE: &str = "server/too-large";

/// The id of the note on a document whose lint panicked.
const INTERNAL_ERROR: &str = "server/internal-error";

pub(super) struct OpenDocument {
    pub path: Option<PathBuf>,
    pub format: Format,
    pub version: i32,
    pub text: String,
    pub index: LineIndex,
    cache: ParagraphCache,
    /// The last lint of `text`, `None` while an edit awaits one.
    pub linted: Option<Linted>,
}

/// Findings of one lint, with the rules that found them.
pub(super) struct Linted {
    pub rules: Arc<SplitRules>,
    pub diagnostics: Vec<Diagnostic>,
}

impl OpenDocument {
    pub(super) fn lines(&self, encoding: Encoding) -> Lines<'_> {
        Lines {
            text: &self.text,
            index: &self.index,
            encoding,
        }
    }

    /// Applies the editor's changes in order: a range replaces that range,
    /// no range replaces the whole text.
    pub(super) fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.lines(encoding).span(range);
                    self.text.replace_range(span.range(), &change.text);
                }
                None => self.text = change.text,
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
        self.linted = None;
    }

    /// Lints the text unless the last lint is current. With
    /// `ARTLINT_LOG=debug`, says on stderr how long it took.
    pub(super) fn lint(&mut self, workspace: &mut Workspace) -> &Linted {
        if self.linted.is_none() {
            let started = std::time::Instant::now();
            let rules = workspace.rules_for(self.path.as_deref());
            let diagnostics = if self.text.len() > MAX_DOCUMENT_BYTES {
                let message = format!(
                    "not linted while editing: {:.1} MiB is over the {} MiB limit (run `artlint check` on it)",
                    self.text.len() as f64 / (1 << 20) as f64,
                    MAX_DOCUMENT_BYTES >> 20
                );
                vec![note(TOO_LARGE, message)]
            } else {
                let name = self
                    .path
                    .as_ref()
                    .map_or(String::new(), |p| p.display().to_string());
                // A bug in a check must not take the editor's server down:
                // the document gets one note instead, and a fresh cache.
                let (cache, format, text) = (&mut self.cache, self.format, &self.text);
                let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    incremental::lint(&rules, cache, format, &name, text)
                }));
                linted.unwrap_or_else(|_| {
                    self.cache = ParagraphCache::default();
                    vec![note(
                        INTERNAL_ERROR,
                        "artlint failed on this document (a bug: the panic is in the server's log)"
                            .into(),
                    )]
                })
            };
            if debug_log() {
                log(&format!(
                    "linted {} (version {}) in {:.2} ms: {} of {} paragraphs re-linted, {} facts gathered, {} findings",
                    self.path
                        .as_ref()
                        .map_or(String::from("a document"), |p| p.display().to_string()),
                    self.version,
                    started.elapsed().as_secs_f64() * 1000.0,
                    self.cache.misses,
                    self.cache.paragraphs,
                    self.cache.facts_gathered,
                    diagnostics.len()
                ));
            }
            self.linted = Some(Linted { rules, diagnostics });
        }
        self.linted.as_ref().expect("just linted")
    }

    /// Forgets the last lint (the configuration changed).
    pub(super) fn invalidate(&mut self) {
        self.linted = None;
    }
}

/// `ARTLINT_LOG=debug`: a line on stderr per lint.
fn debug_log() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var("ARTLINT_LOG").is_ok_and(|v| v == "debug"))
}

/// A note from the server itself at the start of a document.
fn note(rule: &str, message: String) -> Diagnostic {
    Diagnostic {
        rule: rule.into(),
        severity: Severity::Info,
        span: Span::new(0, 0),
        message,
        labels: Vec::new(),
        fix: None,
    }
}

/// How a document is read: by the editor's language id, else by the
/// extension; `None` for documents artlint does not lint (code, JSONL).
pub(super) fn format_of(language_id: &str, path: Option<&std::path::Path>) -> Option<Format> {
    let format = match language_id {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "plaintext" | "text" => Format::Text,
        _ => path
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)?,
    };
    (format != Format::Jsonl).then_some(format)
}

/// The open documents, by URI.
#[derive(Default)]
pub(super) struct Documents {
    open: HashMap<Uri, OpenDocument>,
}

impl Documents {
    pub(super) fn open(&mut self, uri: Uri, language_id: &str, version: i32, text: String) -> bool {
        let path = super::uri::to_path(&uri);
        let Some(format) = format_of(language_id, path.as_deref()) else {
            return false;
        };
        let index = LineIndex::new(&text);
        self.open.insert(
            uri,
            OpenDocument {
                path,
                format,
                version,
                text,
                index,
                cache: ParagraphCache::default(),
                linted: None,
            },
        );
        true
    }

    pub(super) fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }

    pub(super) fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    pub(super) fn get_mut(&mut self, uri: &Uri) -> Option<&mut OpenDocument> {
        self.open.get_mut(uri)
    }

    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = (&Uri, &mut OpenDocument)> {
        self.open.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_language_id_wins_then_the_extension() {
        assert_eq!(
            format_of("markdown", Some(Path::new("a.txt"))),
            Some(Format::Markdown)
        );
        assert_eq!(format_of("plaintext", None), Some(Format::Text));
        assert_eq!(format_of("html", None), Some(Format::Html));
        assert_eq!(format_of("x", Some(Path::new("a.htm"))), Some(Format::Html));
        assert_eq!(format_of("rust", Some(Path::new("a.rs"))), None);
        assert_eq!(format_of("x", Some(Path::new("a.jsonl"))), None);
        assert_eq!(format_of("x", None), None);
    }
}
