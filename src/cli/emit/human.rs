//! `--format human`: a rustc-style snippet per finding (codespan-reporting),
//! with a `help:` line describing the fix, then a one-line summary. Long
//! lines are cut around the finding and control characters made visible
//! (see [`super::excerpt`]).

use std::io::Write;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::term::{self, termcolor::Buffer};

use artlint::{Applicability, Diagnostic, Fix, LineIndex, Severity, Span};

use super::excerpt::{Excerpt, visible};
use super::{EmitOptions, Emitter, Summary};
use crate::cli::lint::FileReport;

pub(super) struct Human {
    options: EmitOptions,
    config: term::Config,
}

impl Human {
    pub(super) fn new(options: EmitOptions) -> Human {
        Human {
            options,
            config: term::Config::default(),
        }
    }
}

impl Emitter for Human {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.text);
        let mut buffer = if self.options.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        for d in &report.diagnostics {
            let spans: Vec<Span> = std::iter::once(d.span)
                .chain(d.labels.iter().map(|l| l.span))
                .collect();
            let excerpt = Excerpt::new(&report.path, &report.text, &index, &spans);
            let rendered = to_codespan(d, &report.text, &excerpt);
            let mut one = if self.options.color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            term::emit_to_write_style(&mut one, &self.config, &excerpt, &rendered)
                .map_err(std::io::Error::other)?;
            let mut bytes = one.into_inner();
            if d.severity == Severity::Info {
                info_header(&mut bytes);
            }
            buffer.write_all(&bytes)?;
            // Written a finding at a time: one file's output can be large.
            if buffer.len() >= 1 << 16 {
                out.write_all(buffer.as_slice())?;
                buffer.clear();
            }
        }
        out.write_all(buffer.as_slice())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, summary: &Summary) -> std::io::Result<()> {
        if !self.options.quiet {
            writeln!(out, "{}", summary_line(summary))?;
        }
        Ok(())
    }
}

/// codespan-reporting calls its lowest severity `note`; every other output
/// (JSON, SARIF, concise, the summary) says `info`. The header line of one
/// rendered diagnostic is rewritten in place (the same length, so columns
/// and colours stay right).
fn info_header(rendered: &mut [u8]) {
    let first_line = memchr::memchr(b'\n', rendered).unwrap_or(rendered.len());
    if let Some(at) = memchr::memmem::find(&rendered[..first_line], b"note") {
        rendered[at..at + 4].copy_from_slice(b"info");
    }
}

fn to_codespan(d: &Diagnostic, text: &str, excerpt: &Excerpt) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = vec![Label::primary((), excerpt.range(d.span))];
    labels.extend(d.labels.iter().map(|l| {
        Label::new(LabelStyle::Secondary, (), excerpt.range(l.span))
            .with_message(visible(&l.message))
    }));
    let mut diagnostic = CsDiagnostic::new(severity)
        .with_code(visible(&d.rule))
        .with_message(visible(&d.message))
        .with_labels(labels);
    if let Some(fix) = &d.fix {
        diagnostic = diagnostic.with_notes(vec![describe_fix(fix, text)]);
    }
    diagnostic
}

/// The fix in words: what each edit deletes, inserts or replaces, with a
/// neighbouring character to say where when the edit is only spaces (a
/// quote-spacing fix reads "delete the space before `”`, insert a space
/// after `”`", not "delete ` `, replace with ` `").
fn describe_fix(fix: &Fix, text: &str) -> String {
    let kind = match fix.applicability {
        Applicability::Safe => "",
        Applicability::Unsafe => " (unsafe fix)",
        Applicability::DisplayOnly => " (suggestion)",
    };
    let parts: Vec<String> = fix
        .edits
        .iter()
        .map(|e| describe_edit(text, e.span(), &e.replacement))
        .collect();
    format!("help: {}{kind}", parts.join(", "))
}

fn describe_edit(text: &str, span: Span, replacement: &str) -> String {
    let old = &text[span.range()];
    let before = text[..span.start as usize].chars().next_back();
    let after = text[span.end as usize..].chars().next();
    let spaces = |s: &str| !s.is_empty() && s.chars().all(|c| c == ' ');
    let the_spaces = |n: usize| if n == 1 { "the space" } else { "the spaces" };
    let quoted = |c: char| format!("`{}`", c.escape_debug());
    // Where a run of spaces is: next to a punctuation mark when there is one
    // (what such fixes are about), else after the word before it.
    let mark = |c: Option<char>| c.filter(|c| !c.is_whitespace() && !c.is_alphanumeric());
    let word = |c: Option<char>| c.filter(|c| !c.is_whitespace());
    let place = || match (mark(before), mark(after), word(before), word(after)) {
        (_, Some(c), ..) => format!(" before {}", quoted(c)),
        (Some(c), ..) | (_, _, Some(c), _) => format!(" after {}", quoted(c)),
        (.., Some(c)) => format!(" before {}", quoted(c)),
        _ => String::new(),
    };
    if replacement.is_empty() {
        return if old.starts_with('\n') || old.ends_with('\n') {
            "delete this line".to_string()
        } else if spaces(old) {
            format!("delete {}{}", the_spaces(old.len()), place())
        } else {
            format!("delete `{}`", shortened(old))
        };
    }
    if old.is_empty() {
        return match replacement.len() {
            1 if spaces(replacement) => format!("insert a space{}", place()),
            n if spaces(replacement) => format!("insert {n} spaces{}", place()),
            _ => format!("insert `{}`{}", shortened(replacement), place()),
        };
    }
    // ` ,` replaced with `,` (or `( ` with `(`): the same text without its spaces.
    if let Some(extra) = old.strip_suffix(replacement).filter(|s| spaces(s)) {
        let first = replacement.chars().next().unwrap_or(' ');
        return format!(
            "delete {} before {}",
            the_spaces(extra.len()),
            quoted(first)
        );
    }
    if let Some(extra) = old.strip_prefix(replacement).filter(|s| spaces(s)) {
        let last = replacement.chars().next_back().unwrap_or(' ');
        return format!("delete {} after {}", the_spaces(extra.len()), quoted(last));
    }
    format!("replace with `{}`", shortened(replacement))
}

/// Text shown in a help line, escaped, and cut in the middle when long (a
/// loop's deletion can span thousands of lines).
fn shortened(text: &str) -> String {
    const KEEP: usize = 40;
    if text.chars().count() <= 2 * KEEP + 10 {
        return text.escape_debug().to_string();
    }
    let head: String = text.chars().take(KEEP).collect();
    let tail: String = {
        let mut t: Vec<char> = text.chars().rev().take(KEEP).collect();
        t.reverse();
        t.into_iter().collect()
    };
    format!("{}…{}", head.escape_debug(), tail.escape_debug())
}

pub(super) fn summary_line(summary: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let total = summary.errors + summary.warnings + summary.infos;
    let linted = match (summary.files, summary.records) {
        // Not "no problems": nothing was looked at (an empty or excluded
        // folder, only skipped or unreadable inputs).
        (0, 0) => return "No files linted.".to_string(),
        (files, 0) => plural(files, "file"),
        (0, records) => plural(records, "record"),
        (files, records) => format!(
            "{} and {}",
            plural(files, "file"),
            plural(records, "record")
        ),
    };
    if total == 0 {
        return format!("No problems found in {linted}.");
    }
    format!(
        "Found {} ({}, {}, {}) in {}.",
        plural(total, "problem"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        linted,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_are_said_in_words() {
        let text = "He said “ hello ”there.";
        let close = text.find('”').unwrap();
        assert_eq!(
            describe_edit(text, Span::new(close - 1, close), ""),
            "delete the space before `”`"
        );
        let after = close + '”'.len_utf8();
        assert_eq!(
            describe_edit(text, Span::new(after, after), " "),
            "insert a space after `”`"
        );
        assert_eq!(
            describe_edit("a  b", Span::new(1, 3), ""),
            "delete the spaces after `a`"
        );
        assert_eq!(
            describe_edit("the the", Span::new(3, 7), ""),
            "delete ` the`"
        );
        assert_eq!(
            describe_edit("x\ny\n", Span::new(2, 4), ""),
            "delete this line"
        );
        assert_eq!(
            describe_edit("Poutine", Span::new(0, 7), "Putin"),
            "replace with `Putin`"
        );
        assert_eq!(
            describe_edit("ab", Span::new(1, 1), "-"),
            "insert `-` after `a`"
        );
        assert_eq!(
            describe_edit("so , ok", Span::new(2, 4), ","),
            "delete the space before `,`"
        );
        assert_eq!(
            describe_edit("(  x", Span::new(0, 3), "("),
            "delete the spaces after `(`"
        );
    }

    #[test]
    fn help_text_is_cut_in_the_middle_when_long() {
        assert_eq!(shortened("a\nb"), "a\\nb");
        let long = "go on ".repeat(50);
        assert_eq!(
            shortened(&long),
            "go on go on go on go on go on go on go o… on go on go on go on go on go on go on "
        );
    }
}
