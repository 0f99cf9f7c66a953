//! The command-line layer: arguments, configuration discovery, file walking,
//! parallel linting, fixes, baselines, output and exit codes. Everything that
//! touches the outside world lives here.

mod args;
mod baseline;
mod config;
mod emit;
mod fixing;
mod lint;
mod packs;
mod rules_cmd;
mod stream;
mod walk;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};

use artlint::Applicability;

use args::{CheckArgs, Cli, ColorChoice, Command};
use config::{Resolver, SetupError};
use lint::{FileReport, LintOptions, Outcome};
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
        Command::Check(args) => check(*args),
        Command::Rules(source) => rules_cmd::list(&source),
        Command::Rule { id, source } => rules_cmd::show(&id, &source),
        Command::TestRules { dir } => rules_cmd::test(dir.as_deref()),
        Command::Config { path, config } => show_config(path, &config),
        Command::Init => init(),
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
        Err(LoadFailure::Rules(errors)) => report_setup(SetupError::Rules(errors)),
        Err(LoadFailure::Other(error)) => report_setup(SetupError::Other(format!("{error:#}"))),
    }
}

fn report_setup<T>(error: SetupError) -> Result<T, u8> {
    match error {
        SetupError::Rules(errors) => {
            let mut stderr = StandardStream::stderr(stderr_color());
            let _ = packs::render_rule_errors(&errors, &mut stderr);
        }
        SetupError::Other(message) => eprintln!("artlint: error: {message}"),
    }
    Err(EXIT_ERROR)
}

fn check(args: CheckArgs) -> u8 {
    match run_check(args) {
        Ok(status) | Err(status) => status,
    }
}

/// Every rule of every engine the reports were linted with (folders may have
/// their own configuration), each id once, in order of first appearance.
fn rules_in_effect(reports: &[lint::FileReport]) -> Vec<artlint::Rule> {
    let mut seen_engines = Vec::new();
    let mut seen_ids = std::collections::HashSet::new();
    let mut rules = Vec::new();
    for report in reports {
        let engine = std::sync::Arc::as_ptr(&report.engine);
        if seen_engines.contains(&engine) {
            continue;
        }
        seen_engines.push(engine);
        for rule in report.engine.rules.rules() {
            if seen_ids.insert(rule.id.clone()) {
                rules.push(rule.clone());
            }
        }
    }
    rules
}

fn run_check(args: CheckArgs) -> Result<u8, u8> {
    let resolver = Resolver::new(&args.config, &args.source, args.fail_on.map(Into::into))
        .or_else(report_setup)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let mut inputs = walk::collect_inputs(&paths, &mut errors);
    // `exclude` applies to files found by walking, not to files named explicitly.
    let mut kept = Vec::with_capacity(inputs.len());
    for input in inputs.drain(..) {
        let excluded = match &input {
            walk::Input::File {
                path,
                explicit: false,
            } => resolver.is_excluded(path).or_else(report_setup)?,
            _ => false,
        };
        if !excluded {
            kept.push(input);
        }
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("-");
    if is_jsonl(&args, &kept) {
        return run_jsonl(&args, &resolver, &kept, stdin_name, errors);
    }
    let fixing = args.fix || args.diff;
    let options = LintOptions {
        stdin_name,
        remember_content: fixing,
        max_file_size: args.max_file_size,
        max_diagnostics: args.max_diagnostics,
        input_format: args.input_format,
    };
    let outcomes = lint::lint_inputs(&resolver, &kept, &options);

    let mut reports = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(report) => reports.push(report),
            Outcome::Skipped(Some(note)) => eprintln!("artlint: {note}"),
            Outcome::Skipped(None) => {}
            Outcome::Failed(error) => errors.push(error),
            Outcome::Setup(error) => return report_setup(error),
        }
    }

    if let Some(path) = &args.write_baseline {
        return match baseline::write(path, &reports) {
            Ok(n) => {
                eprintln!(
                    "artlint: wrote {n} finding(s) to baseline {}",
                    path.display()
                );
                Ok(if errors.is_empty() {
                    EXIT_CLEAN
                } else {
                    report_errors(&errors)
                })
            }
            Err(e) => Err(report_errors(&[e])),
        };
    }
    if let Some(path) = &args.baseline {
        let recorded = baseline::read(path).map_err(|e| report_errors(&[e]))?;
        baseline::apply(&recorded, &mut reports);
    }

    let mut status = EXIT_CLEAN;
    if fixing {
        let minimum = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let (changed, applied) = apply_fixes(&args, &mut reports, minimum, &mut errors);
        if args.diff {
            if !args.quiet {
                eprintln!("artlint: {applied} fix(es) would change {changed} file(s)");
            }
            if !errors.is_empty() {
                return Ok(report_errors(&errors));
            }
            return Ok(if changed > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            });
        }
        if reports.iter().any(|r| r.file.is_none()) {
            // stdin: the fixed text went to stdout; the summary goes to stderr.
            let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
            eprintln!("artlint: fixed {applied} problem(s), {remaining} remaining");
            return Ok(if errors.is_empty() {
                exit_for(&reports)
            } else {
                report_errors(&errors)
            });
        }
        if !args.quiet {
            let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
            let fixable = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == Applicability::Unsafe)
                })
                .count();
            let hint = if !args.unsafe_fixes && fixable > 0 {
                format!(" ({fixable} fixable with --unsafe-fixes)")
            } else {
                String::new()
            };
            eprintln!(
                "artlint: fixed {applied} problem(s) in {changed} file(s); {remaining} remaining{hint}"
            );
        }
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output_file.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let rules_in_effect = rules_in_effect(&reports);
    let emit_options = emit::EmitOptions {
        color,
        quiet: args.quiet,
        rules: &rules_in_effect,
    };
    let written = match &args.output_file {
        Some(path) => std::fs::File::create(path)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                emit::emit(args.format, &mut out, &reports, &emit_options)?;
                out.flush()
            }),
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            emit::emit(args.format, &mut out, &reports, &emit_options).and_then(|()| out.flush())
        }
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write output: {e}"));
    }
    if args.statistics {
        let mut stderr = std::io::stderr().lock();
        let _ = emit::statistics(&mut stderr, &reports);
    }
    if !errors.is_empty() {
        return Ok(report_errors(&errors));
    }
    status = status.max(exit_for(&reports));
    Ok(status)
}

/// True when the inputs are JSONL records (by flag, or every input by extension).
fn is_jsonl(args: &CheckArgs, inputs: &[walk::Input]) -> bool {
    use args::InputFormat;
    match args.input_format {
        Some(format) => format == InputFormat::Jsonl,
        None => {
            !inputs.is_empty()
                && inputs.iter().all(|i| match i {
                    walk::Input::File { path, .. } => {
                        InputFormat::for_path(path) == InputFormat::Jsonl
                    }
                    walk::Input::Stdin => false,
                })
        }
    }
}

/// JSONL inputs. With `--format json-lines`: the streaming contract (one
/// output line per record, exit 0 whatever is found). Otherwise every record
/// becomes a report named `path#id`.
fn run_jsonl(
    args: &CheckArgs,
    resolver: &Resolver,
    inputs: &[walk::Input],
    stdin_name: &str,
    mut errors: Vec<String>,
) -> Result<u8, u8> {
    let options = stream::StreamOptions {
        text_field: &args.text_field,
        id_field: &args.id_field,
        offsets: args.offsets,
    };
    let config_anchor = |input: &walk::Input| match input {
        walk::Input::File { path, .. } => path.clone(),
        walk::Input::Stdin => PathBuf::from(".").join("-"),
    };
    let open = |input: &walk::Input| -> Result<(String, Box<dyn std::io::BufRead>), String> {
        match input {
            walk::Input::Stdin => Ok((stdin_name.to_string(), Box::new(std::io::stdin().lock()))),
            walk::Input::File { path, .. } => std::fs::File::open(path)
                .map(|f| {
                    (
                        path.display().to_string(),
                        Box::new(std::io::BufReader::new(f)) as Box<dyn std::io::BufRead>,
                    )
                })
                .map_err(|e| format!("{}: {e}", path.display())),
        }
    };
    if args.format == args::Format::JsonLines {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for input in inputs {
            let engine = resolver
                .engine_for(&config_anchor(input))
                .or_else(report_setup)?;
            let (source, mut reader) = match open(input) {
                Ok(opened) => opened,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if let Err(e) = stream::stream(&engine, &source, &mut reader, &mut out, &options) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(EXIT_CLEAN);
                }
                errors.push(format!("{source}: {e}"));
            }
        }
        return Ok(if errors.is_empty() {
            EXIT_CLEAN
        } else {
            report_errors(&errors)
        });
    }
    let mut reports = Vec::new();
    for input in inputs {
        let engine = resolver
            .engine_for(&config_anchor(input))
            .or_else(report_setup)?;
        let (source, reader) = match open(input) {
            Ok(opened) => opened,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for (i, line) in std::io::BufRead::lines(reader).enumerate() {
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    errors.push(format!("{source}:{}: {e}", i + 1));
                    break;
                }
            };
            match stream::lint_record(&engine, &source, i + 1, &line, &options) {
                stream::RecordResult::Linted {
                    id,
                    text,
                    diagnostics,
                } => {
                    let id = id.as_str().map_or_else(|| id.to_string(), str::to_string);
                    reports.push(FileReport {
                        path: format!("{source}#{id}"),
                        file: None,
                        text,
                        diagnostics,
                        engine: engine.clone(),
                        lossy: false,
                        original_hash: None,
                        format: args::InputFormat::Jsonl,
                    });
                }
                stream::RecordResult::Malformed { error, .. } => errors.push(error),
            }
        }
    }
    let rules_in_effect = rules_in_effect(&reports);
    let options = emit::EmitOptions {
        color: false,
        quiet: args.quiet,
        rules: &rules_in_effect,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = emit::emit(args.format, &mut out, &reports, &options).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write output: {e}"));
    }
    if !errors.is_empty() {
        return Ok(report_errors(&errors));
    }
    Ok(exit_for(&reports))
}

fn report_errors(errors: &[String]) -> u8 {
    for error in errors {
        eprintln!("artlint: error: {error}");
    }
    EXIT_ERROR
}

/// 1 if any file has a finding at or above its `fail-on`.
fn exit_for(reports: &[FileReport]) -> u8 {
    let failing = reports.iter().any(|r| {
        r.engine
            .fail_on
            .threshold()
            .is_some_and(|t| r.diagnostics.iter().any(|d| d.severity >= t))
    });
    if failing { EXIT_FINDINGS } else { EXIT_CLEAN }
}

/// Fixes every report; writes files (or prints diffs, or the fixed stdin).
/// Returns (files changed, fixes applied).
fn apply_fixes(
    args: &CheckArgs,
    reports: &mut [FileReport],
    minimum: Applicability,
    errors: &mut Vec<String>,
) -> (usize, usize) {
    let mut changed = 0;
    let mut applied = 0;
    let stdout = std::io::stdout();
    for report in reports.iter_mut() {
        let fix = fixing::fix_report(report, minimum);
        if report.file.is_none() && args.fix {
            // stdin: always echo the (possibly unchanged) text.
            let text = fix
                .as_ref()
                .map_or(report.text.as_str(), |f| f.new_text.as_str());
            let _ = stdout.lock().write_all(text.as_bytes());
        }
        let Some(fix) = fix else { continue };
        if args.diff {
            let _ = stdout.lock().write_all(
                fixing::unified_diff(&report.path, &report.text, &fix.new_text).as_bytes(),
            );
            changed += 1;
            applied += fix.applied;
            continue;
        }
        if let Some(path) = report.file.clone()
            && let Err(e) = fixing::write_atomically(&path, report, &fix.new_text)
        {
            errors.push(e);
            continue;
        }
        changed += 1;
        applied += fix.applied;
        report.diagnostics = report.lint(&fix.new_text);
        report.text = fix.new_text;
    }
    (changed, applied)
}

fn show_config(path: Option<PathBuf>, config_args: &args::ConfigArgs) -> u8 {
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    let resolver = match Resolver::new(config_args, &args::RuleSource::default(), None) {
        Ok(r) => r,
        Err(e) => return report_setup::<()>(e).unwrap_err(),
    };
    let (settings, config) = match resolver.settings_for(&path) {
        Ok(found) => found,
        Err(e) => return report_setup::<()>(e).unwrap_err(),
    };
    match &config {
        Some(c) => println!(
            "# configuration for {} from {}",
            path.display(),
            c.path.display()
        ),
        None => println!(
            "# configuration for {}: no artlint.toml found (defaults)",
            path.display()
        ),
    }
    let mut shown = settings;
    shown
        .fail_on
        .get_or_insert(artlint::config::FailOn::Warning);
    print!("{}", toml::to_string(&shown).unwrap_or_default());
    if let Some(c) = &config {
        let rest = artlint::config::Config {
            rule_dirs: c.config.rule_dirs.clone(),
            exclude: c.config.exclude.clone(),
            ..Default::default()
        };
        print!("{}", toml::to_string(&rest).unwrap_or_default());
    }
    EXIT_CLEAN
}

fn init() -> u8 {
    let path = PathBuf::from("artlint.toml");
    if path.exists() {
        eprintln!("artlint: error: {} already exists", path.display());
        return EXIT_ERROR;
    }
    match std::fs::write(&path, artlint::config::STARTER) {
        Ok(()) => {
            println!("wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("artlint: error: {}: {e}", path.display());
            EXIT_ERROR
        }
    }
}
