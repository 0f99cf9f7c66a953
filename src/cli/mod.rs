//! The command-line layer: arguments, file walking, parallel linting, output
//! and exit codes. Everything that touches the outside world lives here.

mod args;
mod emit;
mod lint;
mod packs;
mod rules_cmd;
mod select;
mod walk;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};

use artlint::{RuleSet, Severity};

use args::{CheckArgs, Cli, ColorChoice, Command, FailOn};
use lint::Outcome;
use packs::{LoadFailure, load_rules};

/// Exit statuses: 0 clean, 1 findings at or above `--fail-on`, 2 usage,
/// configuration, rule-file or I/O error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run() -> ExitCode {
    let args = args::with_default_subcommand(std::env::args_os().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    let status = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(source) => rules_cmd::list(&source),
        Command::Rule { id, source } => rules_cmd::show(&id, &source),
        Command::TestRules { dir } => rules_cmd::test(dir.as_deref()),
    };
    ExitCode::from(status)
}

fn stderr_color() -> TermColor {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    {
        TermColor::Auto
    } else {
        TermColor::Never
    }
}

/// Loads rules or reports why not (exit 2).
pub(crate) fn load_or_report(source: &args::RuleSource) -> Result<Vec<artlint::Rule>, u8> {
    match load_rules(source) {
        Ok(rules) => Ok(rules),
        Err(LoadFailure::Rules(errors)) => {
            let mut stderr = StandardStream::stderr(stderr_color());
            let _ = packs::render_rule_errors(&errors, &mut stderr);
            Err(EXIT_ERROR)
        }
        Err(LoadFailure::Other(error)) => {
            eprintln!("artlint: error: {error:#}");
            Err(EXIT_ERROR)
        }
    }
}

fn check(args: CheckArgs) -> u8 {
    let rules = match load_or_report(&args.source) {
        Ok(rules) => RuleSet::new(rules),
        Err(status) => return status,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let inputs = walk::collect_inputs(&paths, &mut errors);
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("-");
    let outcomes = lint::lint_inputs(&rules, &inputs, stdin_name);

    let mut reports = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(report) => reports.push(report),
            Outcome::Skipped(Some(note)) => eprintln!("artlint: {note}"),
            Outcome::Skipped(None) => {}
            Outcome::Failed(error) => errors.push(error),
        }
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let options = emit::EmitOptions {
        color,
        quiet: args.quiet,
        rules: rules.rules(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = emit::emit(args.format, &mut out, &reports, &options).and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write output: {e}"));
    }
    for error in &errors {
        eprintln!("artlint: error: {error}");
    }

    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= t)
    });
    if failing { EXIT_FINDINGS } else { EXIT_CLEAN }
}
