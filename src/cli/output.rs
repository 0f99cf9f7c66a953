//! Where a run's reports go once linted: written by the format's emitter as
//! they come (so a report is dropped once written), and counted for the
//! summary, `--statistics` and the exit status.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::args::{CheckArgs, ColorChoice, Format};
use super::emit::{self, Emitter, Statistics, Summary};
use super::lint::FileReport;
use super::status::ExitStatus;

/// Where output goes: `--output-file`, or stdout.
pub(super) struct Target {
    pub out: Box<dyn Write>,
    /// The path, or `stdout`, for error messages.
    pub name: String,
}

impl Target {
    /// Creates `--output-file` now (so a bad path fails before any linting),
    /// or takes stdout.
    pub(super) fn open(output_file: Option<&Path>) -> Result<Target, String> {
        Ok(match output_file {
            Some(path) => Target {
                out: Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path).map_err(|e| {
                        format!("cannot write to {}: {}", path.display(), reason(&e))
                    })?,
                )),
                name: path.display().to_string(),
            },
            None => Target {
                out: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
                name: "stdout".to_string(),
            },
        })
    }

    /// The message for a failed write to this target; `None` for a closed
    /// pipe (the reader has seen enough: the run ends quietly).
    pub(super) fn write_error(&self, error: &std::io::Error) -> Option<String> {
        write_error(&self.name, error)
    }
}

/// `cannot write to TARGET: reason`, or `None` for a closed pipe.
pub(super) fn write_error(target: &str, error: &std::io::Error) -> Option<String> {
    (error.kind() != std::io::ErrorKind::BrokenPipe)
        .then(|| format!("cannot write to {target}: {}", reason(error)))
}

/// An I/O error's description without the `(os error N)` suffix.
pub(super) fn reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// Runs a command that writes to stdout: a closed pipe ends it quietly with
/// `status`, any other write error is reported (exit 2).
pub(super) fn to_stdout(
    status: ExitStatus,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> ExitStatus {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => status,
        Err(e) => match write_error("stdout", &e) {
            None => status,
            Some(message) => {
                eprintln!("artlint: error: {message}");
                ExitStatus::Error
            }
        },
    }
}

pub(super) struct Output {
    out: Box<dyn Write>,
    target: String,
    emitter: Box<dyn Emitter>,
    summary: Summary,
    /// `--statistics`: counts instead of findings, as JSON or a table.
    statistics: Option<(Statistics, bool)>,
    failing: bool,
}

impl Output {
    /// Output to `--output-file` (created now, so a bad path fails before
    /// any linting) or to stdout.
    pub(super) fn open(args: &CheckArgs) -> Result<Output, String> {
        let Target { out, name } = Target::open(args.output_file.as_deref())?;
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                args.output_file.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let options = emit::EmitOptions {
            color,
            quiet: args.quiet,
        };
        Ok(Output {
            out,
            target: name,
            emitter: emit::emitter(args.format, options),
            summary: Summary::default(),
            statistics: args
                .statistics
                .then(|| (Statistics::default(), args.format == Format::Json)),
            failing: false,
        })
    }

    /// Counts and writes one report; reports must come sorted by path.
    pub(super) fn report(&mut self, report: FileReport) -> std::io::Result<()> {
        self.summary.add(&report);
        self.failing |= report.fails();
        match &mut self.statistics {
            Some((statistics, _)) => {
                statistics.add(&report);
                Ok(())
            }
            None => self.emitter.file(&mut self.out, report),
        }
    }

    /// True once a report has a finding at or above its file's `fail-on`.
    pub(super) fn failing(&self) -> bool {
        self.failing
    }

    /// Ends the output (summary, closing brackets) unless writing already
    /// failed, and prints the statistics to stderr. Returns the message for
    /// a failed write (`None` when all went out, or the pipe was closed).
    pub(super) fn finish(self, written: std::io::Result<()>) -> Option<String> {
        let Output {
            mut out,
            target,
            emitter,
            summary,
            statistics,
            ..
        } = self;
        let written = written
            .and_then(|()| match &statistics {
                Some((statistics, true)) => statistics.write_json(&mut out),
                Some((statistics, false)) => statistics.write(&mut out),
                None => emitter.finish(&mut out, &summary),
            })
            .and_then(|()| out.flush());
        written.err().and_then(|e| write_error(&target, &e))
    }
}
