//! The command-line layer: arguments, configuration discovery, file walking,
//! parallel linting, fixes, baselines, output and exit codes. Everything that
//! touches the outside world lives here.

mod args;
mod baseline;
mod config;
mod emit;
mod fixing;
mod learn;
mod lint;
mod output;
mod packs;
mod rules_cmd;
mod selection;
mod server;
mod status;
mod stream;
mod walk;

use std::convert::Infallible;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};

use artlint::Applicability;

use args::{CheckArgs, Cli, Command};
use config::{Engine, Resolver, SetupError};
use lint::{FileReport, LintOptions, Outcome};
use output::Output;
use selection::Selection;
use status::{ExitStatus, Reported, settle};

pub(crate) fn run() -> ExitCode {
    let args = args::with_default_subcommand(std::env::args_os().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // `--help` and `--version` are "errors" printed to stdout.
            return ExitCode::from(if e.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Clean
            });
        }
    };
    let status = match cli.command {
        Command::Check(args) => settle(run_check(*args)),
        Command::Rules { source, config } => rules_cmd::list(&source, &config),
        Command::Rule { id, source, config } => rules_cmd::show(&id, &source, &config),
        Command::TestRules { dir, config } => rules_cmd::test(dir.as_deref(), &config),
        Command::Config { path, config } => show_config(path, &config),
        Command::Init => init(),
        Command::Learn(args) => learn::run(&args),
        Command::Server => server::run(),
    };
    status.into()
}

fn stderr_color() -> TermColor {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    {
        TermColor::Auto
    } else {
        TermColor::Never
    }
}

fn report_setup<T>(error: SetupError) -> Result<T, Reported> {
    match error {
        SetupError::Rules(errors) => {
            let mut stderr = StandardStream::stderr(stderr_color());
            let _ = packs::render_rule_errors(&errors, &mut stderr);
        }
        SetupError::Config {
            errors,
            text: Some(text),
        } => {
            let mut stderr = StandardStream::stderr(stderr_color());
            let _ = packs::render_config_errors(&errors, &text, &mut stderr);
        }
        SetupError::Config { errors, text: None } => {
            for error in errors {
                eprintln!("artlint: error: {error}");
            }
        }
        SetupError::Other(message) => eprintln!("artlint: error: {message}"),
    }
    Err(Reported)
}

fn run_check(args: CheckArgs) -> Result<ExitStatus, Reported> {
    if let Some(threads) = args.threads {
        // Fails only if the pool was already built, which nothing does first.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.into())
            .build_global();
    }
    // Never dropped: the process ends with the run, and freeing the rule
    // sets' thousands of allocations one by one was 3 % of a one-file run.
    let resolver = std::mem::ManuallyDrop::new(
        Resolver::new(&args.config, &args.source, args.fail_on.map(Into::into))
            .or_else(report_setup)?,
    );
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // The run's own output files are never linted, and never overwrite an input.
    let outputs = own_outputs(&args);
    let ids: Vec<walk::FileId> = outputs.iter().map(|o| o.id.clone()).collect();
    let mut errors = Vec::new();
    let selection = Selection::new(&args.selection, &resolver).or_else(report_setup)?;
    let walk_options = walk::WalkOptions {
        hidden: args.selection.hidden,
        no_ignore: args.selection.no_ignore,
    };
    let inputs = walk::collect_inputs(
        &paths,
        &ids,
        walk_options,
        |path| selection.walks(path),
        &mut errors,
    )
    .or_else(report_setup)?;
    refuse_to_overwrite_inputs(&inputs, &outputs, args.stdin_filename.as_deref())?;
    // Excludes apply to files found by walking, and with --force-exclude to
    // files named explicitly.
    let mut kept = Vec::with_capacity(inputs.len());
    for input in inputs {
        let excluded = match &input {
            walk::Input::File { path, explicit } => {
                selection.excludes(path, *explicit).or_else(report_setup)?
            }
            walk::Input::Stdin => false,
        };
        if !excluded {
            kept.push(input);
        }
    }
    if args.selection.files {
        return list_files(&kept, errors);
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("-");
    // Each input is read as its format says: JSONL files as records, the
    // others as documents, in one run.
    let (records, kept): (Vec<_>, Vec<_>) = kept.into_iter().partition(|i| is_jsonl(&args, i));
    if !records.is_empty() && kept.is_empty() && args.format == args::Format::JsonLines {
        return stream_records(&args, &resolver, &records, stdin_name, errors);
    }
    if args.learn {
        learn_first(&args, &paths, &kept, &records, &resolver)?;
    }
    let records = Records::open(&args, &resolver, records, stdin_name)?;
    let stdin_fix = args.fix && kept.iter().any(|i| matches!(i, walk::Input::Stdin));
    let jobs = lint::plan(&resolver, kept, stdin_name).or_else(report_setup)?;
    if jobs.len() >= MANY_FILES {
        let mut prepared: Vec<&Arc<config::Engine>> = Vec::new();
        for job in &jobs {
            if !prepared.iter().any(|e| Arc::ptr_eq(e, &job.engine)) {
                job.engine.rules.prepare_for_volume();
                prepared.push(&job.engine);
            }
        }
    }
    let fixing = args.fix || args.diff;
    let options = LintOptions {
        stdin_name,
        stdin_fix,
        remember_content: fixing,
        max_file_size: args.max_file_size,
        max_diagnostics: args.max_diagnostics,
        input_format: args.input_format,
    };

    if let Some(path) = &args.write_baseline {
        let paths = baseline::Paths::relative_to(path).map_err(|e| report_errors(&[e]))?;
        let mut findings = Vec::new();
        let Ok(()) = lint::lint_in_batches(&jobs, &options, BATCH_FILES, |outcomes| {
            for report in reports_of(outcomes, None, &mut errors) {
                findings.extend(baseline::entries(&report, &paths));
            }
            Ok::<(), Infallible>(())
        });
        return match baseline::write(path, findings) {
            Ok(n) => {
                eprintln!(
                    "artlint: wrote {n} finding(s) to baseline {}",
                    path.display()
                );
                if errors.is_empty() {
                    Ok(ExitStatus::Clean)
                } else {
                    Err(report_errors(&errors))
                }
            }
            Err(e) => Err(report_errors(&[e])),
        };
    }
    let mut known = match &args.baseline {
        Some(path) => Some(baseline::read(path).map_err(|e| report_errors(&[e]))?),
        None => None,
    };

    let (written, failing) = if fixing {
        // Fixes need every report before anything is written.
        let mut reports = Vec::new();
        let Ok(()) = lint::lint_in_batches(&jobs, &options, usize::MAX, |outcomes| {
            reports.extend(reports_of(outcomes, known.as_mut(), &mut errors));
            Ok::<(), Infallible>(())
        });
        if let Some(ended) = fix_all(&args, stdin_fix, &mut reports, &mut errors) {
            return ended;
        }
        let mut output = Output::open(&args).map_err(|e| report_errors(&[e]))?;
        let written = reports
            .into_iter()
            .try_for_each(|report| output.report(report))
            .and_then(|()| records.report(&mut output, &mut errors));
        let failing = output.failing();
        (output.finish(written), failing)
    } else {
        // Output is written batch by batch while the next batches wait.
        let mut output = Output::open(&args).map_err(|e| report_errors(&[e]))?;
        let written = lint::lint_in_batches(&jobs, &options, BATCH_FILES, |outcomes| {
            reports_of(outcomes, known.as_mut(), &mut errors)
                .into_iter()
                .try_for_each(|report| output.report(report))
        })
        .and_then(|()| records.report(&mut output, &mut errors));
        let failing = output.failing();
        (output.finish(written), failing)
    };
    errors.extend(written);
    if !errors.is_empty() {
        return Err(report_errors(&errors));
    }
    Ok(ExitStatus::findings_if(failing))
}

/// `--files`: the inputs a run would lint, one a line (`-` for stdin), in
/// the order they would be linted.
fn list_files(inputs: &[walk::Input], errors: Vec<String>) -> Result<ExitStatus, Reported> {
    let status = output::to_stdout(ExitStatus::Clean, |out| {
        for input in inputs {
            match input {
                walk::Input::File { path, .. } => writeln!(
                    out,
                    "{}",
                    emit::excerpt::visible(&path.display().to_string())
                )?,
                walk::Input::Stdin => writeln!(out, "-")?,
            }
        }
        Ok(())
    });
    if errors.is_empty() {
        Ok(status)
    } else {
        Err(report_errors(&errors))
    }
}

/// The run's output files that exist now, with the flag that names each:
/// `--output-file` and `--write-baseline`.
fn own_outputs(args: &CheckArgs) -> Vec<OwnOutput<'_>> {
    [
        ("--output-file", args.output_file.as_deref()),
        ("--write-baseline", args.write_baseline.as_deref()),
    ]
    .into_iter()
    .filter_map(|(flag, path)| {
        let path = path?;
        Some(OwnOutput {
            id: walk::FileId::of(path)?,
            flag,
            path,
        })
    })
    .collect()
}

/// A file this run writes, as named on the command line.
struct OwnOutput<'a> {
    id: walk::FileId,
    flag: &'static str,
    path: &'a std::path::Path,
}

/// Refuses the run (exit 2, before anything is written) when an output file
/// is one of the inputs named on the command line, stdin included: the same
/// file by device and inode, whatever the path says.
fn refuse_to_overwrite_inputs(
    inputs: &[walk::Input],
    outputs: &[OwnOutput],
    stdin_name: Option<&str>,
) -> Result<(), Reported> {
    if outputs.is_empty() {
        return Ok(());
    }
    let mut refused = Vec::new();
    for input in inputs {
        let (id, shown) = match input {
            walk::Input::File {
                path,
                explicit: true,
            } => (walk::FileId::of(path), path.display().to_string()),
            walk::Input::File { .. } => continue,
            walk::Input::Stdin => (
                walk::FileId::of_stdin(),
                match stdin_name {
                    Some(name) => format!("{name} (stdin)"),
                    None => "- (stdin)".to_string(),
                },
            ),
        };
        let Some(id) = id else { continue };
        for output in outputs.iter().filter(|o| o.id == id) {
            refused.push(format!(
                "{} {} is the input {shown}; refusing to overwrite it",
                output.flag,
                output.path.display()
            ));
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(report_errors(&refused))
    }
}

/// From this many files on, a run prepares its rule sets for volume
/// ([`artlint::RuleSet::prepare_for_volume`]) before it lints.
const MANY_FILES: usize = 64;

/// Files linted (in parallel) before their output is written: enough to keep
/// the cores busy, few enough that a walk of a million files holds one
/// batch of reports, not all of them. (On the 5,005 real pages, 1,024 held
/// 107 MiB at peak and 256 hold 67 MiB, in the same time.)
const BATCH_FILES: usize = 256;

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
/// stdin) and says what changed. Returns how the run ends when it ends
/// here (diffs and stdin print no report).
fn fix_all(
    args: &CheckArgs,
    stdin_fix: bool,
    reports: &mut [FileReport],
    errors: &mut Vec<String>,
) -> Option<Result<ExitStatus, Reported>> {
    let minimum = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let (changed, applied) = fix_reports(args, reports, minimum, errors);
    if args.diff {
        if !args.quiet {
            eprintln!("artlint: {applied} fix(es) would change {changed} file(s)");
        }
        if !errors.is_empty() {
            return Some(Err(report_errors(errors)));
        }
        return Some(Ok(ExitStatus::findings_if(changed > 0)));
    }
    let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    if stdin_fix {
        // stdin: the fixed text went to stdout and the summary goes to
        // stderr; or nothing did, and only the error says why.
        if !reports.is_empty() {
            eprintln!("artlint: fixed {applied} problem(s), {remaining} remaining");
        }
        return Some(if errors.is_empty() {
            Ok(exit_for(reports))
        } else {
            Err(report_errors(errors))
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

/// True when an input is read as JSONL records: by `--input-format jsonl`,
/// else by its extension (stdin is text unless the flag says otherwise).
/// `check --learn`: the learning pass over the inputs, whose packs the
/// resolver then loads with the others (engines are built on the first
/// input linted, after this).
fn learn_first(
    args: &CheckArgs,
    roots: &[PathBuf],
    files: &[walk::Input],
    records: &[walk::Input],
    resolver: &Resolver,
) -> Result<(), Reported> {
    fn path(input: &walk::Input) -> Option<&Path> {
        match input {
            walk::Input::File { path, .. } => Some(path),
            walk::Input::Stdin => None,
        }
    }
    let files: Vec<&Path> = files.iter().filter_map(path).collect();
    let records: Vec<&Path> = records.iter().filter_map(path).collect();
    let (packs, summary) =
        learn::learn_from_inputs(roots, &files, &records, &args.learning, &args.text_field)
            .map_err(|e| report_errors(&[e]))?;
    if !args.quiet {
        eprintln!("artlint: {summary}");
    }
    resolver.add_learned(packs);
    Ok(())
}

fn is_jsonl(args: &CheckArgs, input: &walk::Input) -> bool {
    use args::InputFormat;
    match (args.input_format, input) {
        (Some(format), _) => format == InputFormat::Jsonl,
        (None, walk::Input::File { path, .. }) => InputFormat::for_path(path) == InputFormat::Jsonl,
        (None, walk::Input::Stdin) => false,
    }
}

fn stream_options(args: &CheckArgs) -> stream::StreamOptions<'_> {
    stream::StreamOptions {
        text_field: &args.text_field,
        id_field: &args.id_field,
        offsets: args.offsets,
        max_file_size: args.max_file_size,
        max_diagnostics: args.max_diagnostics,
    }
}

/// The file whose configuration applies to a JSONL input.
fn config_anchor(input: &walk::Input) -> PathBuf {
    match input {
        walk::Input::File { path, .. } => path.clone(),
        walk::Input::Stdin => PathBuf::from(".").join("-"),
    }
}

/// Opens a JSONL input for reading, named as messages name it.
fn open_records(
    input: &walk::Input,
    stdin_name: &str,
) -> Result<(String, Box<dyn std::io::BufRead>), String> {
    match input {
        walk::Input::Stdin => Ok((stdin_name.to_string(), Box::new(std::io::stdin().lock()))),
        walk::Input::File { path, .. } => std::fs::File::open(path)
            .map(|f| {
                (
                    path.display().to_string(),
                    Box::new(std::io::BufReader::new(f)) as Box<dyn std::io::BufRead>,
                )
            })
            .map_err(|e| format!("{}: {}", path.display(), output::reason(&e))),
    }
}

/// Only JSONL inputs and `--format json-lines`: the streaming contract (one
/// output line per record, exit 0 whatever is found).
fn stream_records(
    args: &CheckArgs,
    resolver: &Resolver,
    inputs: &[walk::Input],
    stdin_name: &str,
    mut errors: Vec<String>,
) -> Result<ExitStatus, Reported> {
    let options = stream_options(args);
    if args.fix || args.diff {
        not_rewritten(args, inputs, stdin_name)?;
    }
    let mut target =
        output::Target::open(args.output_file.as_deref()).map_err(|e| report_errors(&[e]))?;
    for input in inputs {
        let engine = resolver
            .engine_for_file(&config_anchor(input))
            .or_else(report_setup)?;
        let (source, mut reader) = match open_records(input, stdin_name) {
            Ok(opened) => opened,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match stream::stream(&engine, &source, &mut reader, &mut target.out, &options) {
            Ok(_) => {}
            Err(stream::StreamError::Read(e)) => {
                errors.push(format!("{source}: {}", output::reason(&e)));
            }
            Err(stream::StreamError::Write(e)) => match target.write_error(&e) {
                // The reader has seen enough.
                None => return Ok(ExitStatus::Clean),
                Some(message) => {
                    errors.push(message);
                    break;
                }
            },
        }
    }
    if errors.is_empty() {
        Ok(ExitStatus::Clean)
    } else {
        Err(report_errors(&errors))
    }
}

/// The JSONL inputs of a run that reports findings (any output format but
/// the record stream): every record becomes a report named `path#id`, after
/// the files; a malformed record is an error of the run.
struct Records<'a> {
    args: &'a CheckArgs,
    stdin_name: &'a str,
    inputs: Vec<(walk::Input, Arc<Engine>)>,
}

impl<'a> Records<'a> {
    /// Resolves each input's configuration now, so a bad one fails before
    /// anything is linted; `--fix` and `--diff` say they leave records alone.
    fn open(
        args: &'a CheckArgs,
        resolver: &Resolver,
        inputs: Vec<walk::Input>,
        stdin_name: &'a str,
    ) -> Result<Records<'a>, Reported> {
        if args.fix || args.diff {
            not_rewritten(args, &inputs, stdin_name)?;
        }
        let inputs = inputs
            .into_iter()
            .map(|input| {
                let engine = resolver.engine_for_file(&config_anchor(&input))?;
                Ok((input, engine))
            })
            .collect::<Result<Vec<_>, _>>()
            .or_else(report_setup)?;
        Ok(Records {
            args,
            stdin_name,
            inputs,
        })
    }

    /// Lints every record and writes its report; read and parse errors go
    /// to `errors`, a write error ends the run.
    fn report(&self, output: &mut Output, errors: &mut Vec<String>) -> std::io::Result<()> {
        let options = stream_options(self.args);
        for (input, engine) in &self.inputs {
            let (source, mut reader) = match open_records(input, self.stdin_name) {
                Ok(opened) => opened,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let mut lines = stream::Lines::new(&mut reader, &options);
            loop {
                let (line, raw) = match lines.next_line() {
                    Ok(Some(next)) => next,
                    Ok(None) => break,
                    Err(e) => {
                        errors.push(format!("{source}: {}", output::reason(&e)));
                        break;
                    }
                };
                match stream::lint_record(engine, &source, line, &raw, &options) {
                    stream::RecordResult::Linted {
                        id,
                        text,
                        diagnostics,
                    } => output.report(FileReport {
                        path: format!("{source}#{id}"),
                        file: None,
                        text,
                        diagnostics,
                        engine: engine.clone(),
                        lossy: false,
                        original_hash: None,
                        format: args::InputFormat::Jsonl,
                    })?,
                    stream::RecordResult::Malformed { error, .. } => errors.push(error),
                }
            }
        }
        Ok(())
    }
}

/// `--fix` and `--diff` do not rewrite JSONL records: a note, once, and the
/// findings are reported. `--fix -` cannot keep its promise (stdout is the
/// input with its fixes) on JSONL stdin, so it is an error before anything
/// is written.
fn not_rewritten(
    args: &CheckArgs,
    inputs: &[walk::Input],
    stdin_name: &str,
) -> Result<(), Reported> {
    let flag = if args.fix { "--fix" } else { "--diff" };
    if args.fix && inputs.iter().any(|i| matches!(i, walk::Input::Stdin)) {
        return Err(report_errors(&[format!(
            "{stdin_name}: --fix does not rewrite JSONL records; not fixed, nothing written to stdout"
        )]));
    }
    let names: Vec<String> = inputs
        .iter()
        .map(|input| match input {
            walk::Input::File { path, .. } => path.display().to_string(),
            walk::Input::Stdin => stdin_name.to_string(),
        })
        .collect();
    let shown = match names.as_slice() {
        [] => return Ok(()),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    };
    eprintln!(
        "artlint: note: {flag} does not rewrite JSONL records ({shown}); findings are reported only"
    );
    Ok(())
}

fn report_errors(errors: &[String]) -> Reported {
    for error in errors {
        eprintln!("artlint: error: {}", emit::excerpt::visible(error));
    }
    Reported
}

/// Findings if any file has a finding at or above its `fail-on`.
fn exit_for(reports: &[FileReport]) -> ExitStatus {
    ExitStatus::findings_if(reports.iter().any(FileReport::fails))
}

/// Fixes every report; writes files (or prints diffs, or the fixed stdin).
/// Returns (files changed, fixes applied).
fn fix_reports(
    args: &CheckArgs,
    reports: &mut [FileReport],
    minimum: Applicability,
    errors: &mut Vec<String>,
) -> (usize, usize) {
    let mut changed = 0;
    let mut applied = 0;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // The first failed write to stdout; nothing more is written after it.
    let mut stdout_failed: Option<std::io::Error> = None;
    let mut print = |bytes: &[u8]| {
        if stdout_failed.is_none()
            && let Err(e) = stdout.write_all(bytes)
        {
            stdout_failed = Some(e);
        }
    };
    for report in reports.iter_mut() {
        let fix = fixing::fix_report(report, minimum);
        if report.file.is_none() && args.fix {
            // stdin: always echo the (possibly unchanged) text; reading made
            // sure it is the input's bytes.
            let text = fix
                .as_ref()
                .map_or(report.text.as_str(), |f| f.new_text.as_str());
            print(text.as_bytes());
        }
        let Some(fix) = fix else { continue };
        if args.diff {
            if report.lossy {
                // What --fix would refuse to write is not shown as a diff of
                // the decoded text either.
                errors.push(format!(
                    "{}: not valid UTF-8, no diff (--fix does not write it back: the decoded text would lose bytes)",
                    report.path
                ));
                continue;
            }
            print(fixing::unified_diff(&report.path, &report.text, &fix.new_text).as_bytes());
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
        report.diagnostics = fix.remaining;
        report.text = fix.new_text;
    }
    let flushed = match stdout_failed {
        Some(e) => Err(e),
        None => stdout.flush(),
    };
    if let Err(e) = flushed {
        errors.extend(output::write_error("stdout", &e));
    }
    (changed, applied)
}

fn show_config(path: Option<PathBuf>, config_args: &args::ConfigArgs) -> ExitStatus {
    settle(try_show_config(path, config_args))
}

fn try_show_config(
    path: Option<PathBuf>,
    config_args: &args::ConfigArgs,
) -> Result<ExitStatus, Reported> {
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    let resolver =
        Resolver::new(config_args, &args::RuleSource::default(), None).or_else(report_setup)?;
    let (settings, config) = resolver.settings_for(&path).or_else(report_setup)?;
    let mut shown = settings;
    shown
        .fail_on
        .get_or_insert(artlint::config::FailOn::Warning);
    Ok(output::to_stdout(ExitStatus::Clean, |out| {
        match &config {
            Some(c) => writeln!(
                out,
                "# configuration for {} from {}",
                path.display(),
                c.path.display()
            )?,
            None => writeln!(
                out,
                "# configuration for {}: no artlint.toml found (defaults)",
                path.display()
            )?,
        }
        // One document, so keys come before tables and the output loads
        // again as an artlint.toml (a test says so). `names` holds the
        // names files' names already.
        let whole = artlint::config::Config {
            rule_dirs: config
                .as_ref()
                .map_or_else(Vec::new, |c| c.config.rule_dirs.clone()),
            exclude: config
                .as_ref()
                .map_or_else(Vec::new, |c| c.config.exclude.clone()),
            extend_include: config
                .as_ref()
                .map_or_else(Vec::new, |c| c.config.extend_include.clone()),
            select: shown.select,
            ignore: shown.ignore,
            fail_on: shown.fail_on,
            severity: shown.severity,
            accept: shown.accept,
            reject: shown.reject,
            names: shown.names,
            ..Default::default()
        };
        write!(out, "{}", toml::to_string(&whole).unwrap_or_default())?;
        Ok(())
    }))
}

fn init() -> ExitStatus {
    let path = PathBuf::from("artlint.toml");
    if path.exists() {
        eprintln!("artlint: error: {} already exists", path.display());
        return ExitStatus::Error;
    }
    match std::fs::write(&path, artlint::config::STARTER) {
        Ok(()) => output::to_stdout(ExitStatus::Clean, |out| {
            writeln!(out, "wrote {}", path.display())
        }),
        Err(e) => {
            eprintln!("artlint: error: {}: {e}", path.display());
            ExitStatus::Error
        }
    }
}
