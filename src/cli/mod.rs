//! The command-line layer: arguments, configuration discovery, file walking,
//! parallel linting, fixes, baselines, output and exit codes. Everything that
//! touches the outside world lives here.

mod args;
mod baseline;
mod config;
mod emit;
mod fixing;
mod lint;
mod output;
mod packs;
mod rules_cmd;
mod stream;
mod walk;

use std::convert::Infallible;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};

use artlint::Applicability;

use args::{CheckArgs, Cli, Command};
use config::{Resolver, SetupError};
use lint::{FileReport, LintOptions, Outcome};
use output::Output;
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

fn run_check(args: CheckArgs) -> Result<u8, u8> {
    let resolver = Resolver::new(&args.config, &args.source, args.fail_on.map(Into::into))
        .or_else(report_setup)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let inputs = walk::collect_inputs(&paths, &mut errors);
    // `exclude` applies to files found by walking, not to files named explicitly.
    let mut kept = Vec::with_capacity(inputs.len());
    for input in inputs {
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
    let jobs = lint::plan(&resolver, kept, stdin_name).or_else(report_setup)?;
    let fixing = args.fix || args.diff;
    let options = LintOptions {
        stdin_name,
        remember_content: fixing,
        max_file_size: args.max_file_size,
        max_diagnostics: args.max_diagnostics,
        input_format: args.input_format,
    };

    if let Some(path) = &args.write_baseline {
        let mut findings = Vec::new();
        let Ok(()) = lint::lint_in_batches(&jobs, &options, BATCH_FILES, |outcomes| {
            for report in reports_of(outcomes, None, &mut errors) {
                findings.extend(baseline::entries(&report));
            }
            Ok::<(), Infallible>(())
        });
        return match baseline::write(path, findings) {
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
    let mut known = match &args.baseline {
        Some(path) => Some(baseline::Known::new(
            baseline::read(path).map_err(|e| report_errors(&[e]))?,
        )),
        None => None,
    };

    let (written, failing) = if fixing {
        // Fixes need every report before anything is written.
        let mut reports = Vec::new();
        let Ok(()) = lint::lint_in_batches(&jobs, &options, usize::MAX, |outcomes| {
            reports.extend(reports_of(outcomes, known.as_mut(), &mut errors));
            Ok::<(), Infallible>(())
        });
        if let Some(status) = fix_all(&args, &mut reports, &mut errors) {
            return Ok(status);
        }
        let mut output = Output::open(&args).map_err(|e| report_errors(&[e]))?;
        let written = reports
            .into_iter()
            .try_for_each(|report| output.report(report));
        let failing = output.failing();
        (written.and(output.finish()), failing)
    } else {
        // Output is written batch by batch while the next batches wait.
        let mut output = Output::open(&args).map_err(|e| report_errors(&[e]))?;
        let written = lint::lint_in_batches(&jobs, &options, BATCH_FILES, |outcomes| {
            reports_of(outcomes, known.as_mut(), &mut errors)
                .into_iter()
                .try_for_each(|report| output.report(report))
        });
        let failing = output.failing();
        (written.and(output.finish()), failing)
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write output: {e}"));
    }
    if !errors.is_empty() {
        return Ok(report_errors(&errors));
    }
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Files linted (in parallel) before their output is written: enough to keep
/// both cores busy, few enough that a walk of a million files holds one
/// batch of reports, not all of them.
const BATCH_FILES: usize = 1024;

/// A batch's reports, with the baseline's findings hidden; notes go to
/// stderr and read errors to `errors`.
fn reports_of(
    outcomes: Vec<Outcome>,
    mut known: Option<&mut baseline::Known>,
    errors: &mut Vec<String>,
) -> Vec<FileReport> {
    let mut reports = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(mut report) => {
                if let Some(known) = known.as_deref_mut() {
                    known.hide(&mut report);
                }
                reports.push(report);
            }
            Outcome::Skipped(Some(note)) => eprintln!("artlint: {}", emit::excerpt::visible(&note)),
            Outcome::Skipped(None) => {}
            Outcome::Failed(error) => errors.push(error),
        }
    }
    reports
}

/// `--fix` and `--diff`: writes the fixes (or prints the diffs, or the fixed
/// stdin) and says what changed. Returns the exit status when the run ends
/// here (diffs and stdin print no report).
fn fix_all(args: &CheckArgs, reports: &mut [FileReport], errors: &mut Vec<String>) -> Option<u8> {
    let minimum = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let (changed, applied) = apply_fixes(args, reports, minimum, errors);
    if args.diff {
        if !args.quiet {
            eprintln!("artlint: {applied} fix(es) would change {changed} file(s)");
        }
        if !errors.is_empty() {
            return Some(report_errors(errors));
        }
        return Some(if changed > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        });
    }
    let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    if reports.iter().any(|r| r.file.is_none()) {
        // stdin: the fixed text went to stdout; the summary goes to stderr.
        eprintln!("artlint: fixed {applied} problem(s), {remaining} remaining");
        return Some(if errors.is_empty() {
            exit_for(reports)
        } else {
            report_errors(errors)
        });
    }
    if !args.quiet {
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
    None
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
    let engines = inputs
        .iter()
        .map(|input| resolver.engine_for(&config_anchor(input)))
        .collect::<Result<Vec<_>, _>>()
        .or_else(report_setup)?;
    let mut output = Output::open(args).map_err(|e| report_errors(&[e]))?;
    let mut written = Ok(());
    'inputs: for (input, engine) in inputs.iter().zip(engines) {
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
                    written = output.report(FileReport {
                        path: format!("{source}#{id}"),
                        file: None,
                        text,
                        diagnostics,
                        engine: engine.clone(),
                        lossy: false,
                        original_hash: None,
                        format: args::InputFormat::Jsonl,
                    });
                    if written.is_err() {
                        break 'inputs;
                    }
                }
                stream::RecordResult::Malformed { error, .. } => errors.push(error),
            }
        }
    }
    let failing = output.failing();
    if let Err(e) = written.and(output.finish())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write output: {e}"));
    }
    if !errors.is_empty() {
        return Ok(report_errors(&errors));
    }
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn report_errors(errors: &[String]) -> u8 {
    for error in errors {
        eprintln!("artlint: error: {}", emit::excerpt::visible(error));
    }
    EXIT_ERROR
}

/// 1 if any file has a finding at or above its `fail-on`.
fn exit_for(reports: &[FileReport]) -> u8 {
    if reports.iter().any(FileReport::fails) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
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
