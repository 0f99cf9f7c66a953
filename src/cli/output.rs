//! Where a run's reports go once linted: written by the format's emitter as
//! they come (so a report is dropped once written), and counted for the
//! summary, `--statistics` and the exit status.

use std::io::{IsTerminal, Write};

use super::args::{CheckArgs, ColorChoice};
use super::emit::{self, Emitter, Statistics, Summary};
use super::lint::FileReport;

pub struct Output {
    out: Box<dyn Write>,
    emitter: Box<dyn Emitter>,
    summary: Summary,
    statistics: Option<Statistics>,
    failing: bool,
}

impl Output {
    /// Output to `--output-file` (created now, so a bad path fails before
    /// any linting) or to stdout.
    pub fn open(args: &CheckArgs) -> Result<Output, String> {
        let out: Box<dyn Write> = match &args.output_file {
            Some(path) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .map_err(|e| format!("cannot write output: {}: {e}", path.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
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
            emitter: emit::emitter(args.format, options),
            summary: Summary::default(),
            statistics: args.statistics.then(Statistics::default),
            failing: false,
        })
    }

    /// Counts and writes one report; reports must come sorted by path.
    pub fn report(&mut self, report: FileReport) -> std::io::Result<()> {
        self.summary.add(&report);
        if let Some(statistics) = &mut self.statistics {
            statistics.add(&report);
        }
        self.failing |= report.fails();
        self.emitter.file(&mut self.out, report)
    }

    /// True once a report has a finding at or above its file's `fail-on`.
    pub fn failing(&self) -> bool {
        self.failing
    }

    /// Ends the output (summary, closing brackets) and prints the statistics
    /// to stderr.
    pub fn finish(self) -> std::io::Result<()> {
        let Output {
            mut out,
            emitter,
            summary,
            statistics,
            ..
        } = self;
        let written = emitter
            .finish(&mut out, &summary)
            .and_then(|()| out.flush());
        if let Some(statistics) = &statistics {
            let _ = statistics.write(&mut std::io::stderr().lock());
        }
        written
    }
}
