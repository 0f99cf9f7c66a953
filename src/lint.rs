//! Linting a text as an input [`Format`]: Markdown and HTML through their
//! prose, with every span mapped back into the source; text as it is. Every
//! front end (the CLI, the fix loop, the language server, the Python module)
//! lints through here, so a format is read the same way everywhere.
//!
//! A big text is linted in sections (about 512 KiB each, cut at paragraph
//! breaks, so memory stays bounded however long the text is). The library
//! lints them one after another; a front end with threads hands in a
//! [`MapSections`] that lints a batch of them at once.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::format::Format;
use crate::ruleset::RuleSet;
use crate::span::Span;

/// Lints `text` as `format`: all of it, one section after another.
///
/// Markdown and HTML are linted through their prose (code, markup and
/// attributes are not prose); every span is a byte range of `text` itself.
///
/// ```
/// use artlint::{Format, RuleSet, builtin_pack, lint_as, load_pack};
///
/// let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
/// let src = "# News\n\nVladimir *Poutine* said so.\n\n```\nPoutine\n```\n";
/// let found = lint_as(&rules, Format::Markdown, "post.md", src);
/// let exonyms: Vec<_> = found.iter().filter(|d| &*d.rule == "names/exonym").collect();
/// // One finding, in the prose: the code block is not linted.
/// assert_eq!(exonyms.len(), 1);
/// assert_eq!(&src[exonyms[0].span.range()], "Poutine");
/// assert_eq!(exonyms[0].span.start, 18);
/// ```
pub fn lint_as(rules: &RuleSet, format: Format, name: &str, text: &str) -> Vec<Diagnostic> {
    lint_as_with(rules, format, name, text, usize::MAX, &Sequential).diagnostics
}

/// What [`lint_as_with`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Linted {
    /// Sorted by position, spans into the text that was linted.
    pub diagnostics: Vec<Diagnostic>,
    /// Linting stopped before the last section, the limit being reached.
    pub stopped: bool,
}

/// How the sections of a big text are linted: a batch at a time, each
/// section by the function handed in. [`Sequential`] lints them in turn; the
/// CLI lints a batch on every core.
pub trait MapSections {
    /// How many sections one call of [`MapSections::map`] gets. Linting stops
    /// between batches, once the findings reach the limit.
    fn batch(&self) -> usize;

    /// Every section of `batch` linted with `lint`, in the order of `batch`.
    fn map(
        &self,
        batch: &[Span],
        lint: &(dyn Fn(Span) -> Vec<Diagnostic> + Sync),
    ) -> Vec<Vec<Diagnostic>>;
}

/// Sections one after another, on the caller's thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sequential;

impl MapSections for Sequential {
    fn batch(&self) -> usize {
        1
    }

    fn map(
        &self,
        batch: &[Span],
        lint: &(dyn Fn(Span) -> Vec<Diagnostic> + Sync),
    ) -> Vec<Vec<Diagnostic>> {
        batch.iter().map(|&section| lint(section)).collect()
    }
}

/// Lints `text` as `format`, the sections of a big text by `sections`.
/// Linting stops after the batch of sections in which the findings reach
/// `limit` (they are sorted by position and sections are linted in order, so
/// the first `limit` findings are exact); [`Linted::stopped`] says whether it
/// stopped before the end.
pub fn lint_as_with(
    rules: &RuleSet,
    format: Format,
    name: &str,
    text: &str,
    limit: usize,
    sections: &impl MapSections,
) -> Linted {
    match format.prose(text) {
        Some(prose) => {
            let linted = lint_sections(rules, &prose.document(name), limit, sections);
            Linted {
                diagnostics: prose.map_diagnostics(linted.diagnostics),
                stopped: linted.stopped,
            }
        }
        None => lint_sections(rules, &Document::new(name, text), limit, sections),
    }
}

/// [`RuleSet::lint`], the sections of `doc` linted a batch at a time by
/// `sections` until `limit` findings are reached.
fn lint_sections(
    rules: &RuleSet,
    doc: &Document,
    limit: usize,
    sections: &impl MapSections,
) -> Linted {
    let spans = crate::section::sections(doc.text);
    if spans.len() == 1 {
        return Linted {
            diagnostics: rules.lint(doc),
            stopped: false,
        };
    }
    // A document is not shared between threads; each section builds its own.
    let (name, text, fragments) = (doc.name, doc.text, doc.fragments());
    let lint = |section: Span| {
        let doc = Document::new(name, text).with_fragments(fragments);
        rules.lint_section(&doc, section)
    };
    let mut parts: Vec<Vec<Diagnostic>> = Vec::with_capacity(spans.len());
    let mut found = 0;
    let mut stopped = false;
    for batch in spans.chunks(sections.batch().max(1)) {
        if found >= limit {
            stopped = true;
            break;
        }
        let linted = sections.map(batch, &lint);
        found += linted.iter().map(Vec::len).sum::<usize>();
        parts.extend(linted);
    }
    Linted {
        diagnostics: rules.finish(doc, parts),
        stopped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::load_pack;

    fn rules() -> RuleSet {
        RuleSet::new(load_pack(&crate::builtin_pack()).unwrap())
    }

    /// Markdown and HTML findings point into the source; text is linted whole.
    #[test]
    fn formats_lint_their_prose_with_source_spans() {
        let rules = rules();
        let found = |format, text: &str| -> Vec<(String, u32)> {
            lint_as(&rules, format, "a", text)
                .into_iter()
                .filter(|d| &*d.rule == "repetition/word")
                .map(|d| (text[d.span.range()].to_string(), d.span.start))
                .collect()
        };
        assert_eq!(found(Format::Markdown, "Said `the the` man.\n"), []);
        assert_eq!(
            found(Format::Text, "Said `the the` man.\n"),
            [("the".to_string(), 10)]
        );
        assert_eq!(
            found(Format::Html, "<p>Said <b>the</b> the man.</p>\n"),
            [("the".to_string(), 19)]
        );
    }

    /// Counts the batches it is asked to lint.
    struct Counting(std::cell::Cell<usize>, usize);

    impl MapSections for Counting {
        fn batch(&self) -> usize {
            self.1
        }

        fn map(
            &self,
            batch: &[Span],
            lint: &(dyn Fn(Span) -> Vec<Diagnostic> + Sync),
        ) -> Vec<Vec<Diagnostic>> {
            self.0.set(self.0.get() + 1);
            Sequential.map(batch, lint)
        }
    }

    /// A big text is linted a batch of sections at a time, stops once the
    /// limit is reached, and otherwise finds what the whole-text lint finds.
    #[test]
    fn sections_are_linted_in_batches_until_the_limit() {
        let rules = rules();
        let text = "Vladimir Poutine said so.\n\n".repeat(60_000);
        let sections = crate::section::sections(&text).len();
        assert!(sections >= 3, "{sections}");
        let all = Counting(std::cell::Cell::new(0), 2);
        let linted = lint_as_with(&rules, Format::Text, "a", &text, usize::MAX, &all);
        assert_eq!(all.0.get(), sections.div_ceil(2));
        assert!(!linted.stopped);
        assert_eq!(
            linted.diagnostics,
            lint_as(&rules, Format::Text, "a", &text)
        );
        let few = Counting(std::cell::Cell::new(0), 1);
        let linted = lint_as_with(&rules, Format::Text, "a", &text, 1, &few);
        assert_eq!(few.0.get(), 1);
        assert!(linted.stopped);
        assert!(linted.diagnostics.len() < all_len(&rules, &text));
    }

    fn all_len(rules: &RuleSet, text: &str) -> usize {
        lint_as(rules, Format::Text, "a", text).len()
    }
}
