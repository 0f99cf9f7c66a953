//! `--format github`: GitHub Actions workflow commands, one per finding, so
//! findings show up as annotations on the pull request's diff:
//! `::warning file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=rule/id::message`.
//! Line breaks are escaped as the runner expects; other control characters
//! are made visible (see [`super::excerpt::visible`]), so they reach neither
//! the runner's log nor a terminal.

use std::io::Write;

use artlint::{LineIndex, Severity};

use super::{Emitter, Summary};
use crate::cli::lint::FileReport;

pub(super) struct Github;

impl Emitter for Github {
    fn file(&mut self, out: &mut dyn Write, report: FileReport) -> std::io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.text);
        let file = escape_property(&display_path(&report.path));
        for d in &report.diagnostics {
            let (start, end) = index.line_columns(&report.text, d.span.start, d.span.end);
            writeln!(
                out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&d.rule),
                escape_data(&d.message),
            )?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _: &mut dyn Write, _: &Summary) -> std::io::Result<()> {
        Ok(())
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// GitHub matches annotation paths against the repository with `/`.
fn display_path(path: &str) -> String {
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

/// The escaping GitHub's runner undoes in a command's message, then the
/// remaining control characters made visible.
fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    super::excerpt::visible(&escaped).into_owned()
}

/// The escaping GitHub's runner undoes in a command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(escape_property("50% a\nb: c,d"), "50%25 a%0Ab%3A c%2Cd");
        assert_eq!(escape_data("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
    }
}
