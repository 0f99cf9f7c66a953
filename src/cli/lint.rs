//! Reading inputs and linting them in parallel, each with the engine of its
//! configuration. Inputs are sorted by path first and linted in batches that
//! come back in that order, so output is the same whatever the thread count
//! and can be written while later batches are linted.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use artlint::Diagnostic;

use super::args::InputFormat;
use super::config::{Engine, Resolver, SetupError};
use super::walk::Input;

/// How much of a file is searched for a NUL byte to call it binary.
const BINARY_PROBE: usize = 8 * 1024;

/// One linted input.
pub struct FileReport {
    /// The path as shown in output (the stdin name for stdin).
    pub path: String,
    /// The file on disk; `None` for stdin.
    pub file: Option<PathBuf>,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub engine: Arc<Engine>,
    /// True if the bytes were not valid UTF-8 (`text` is a lossy decoding).
    pub lossy: bool,
    /// Hash of the bytes read, to detect a change before writing fixes.
    pub original_hash: Option<u64>,
    /// How the text is read (prose only for Markdown and HTML).
    pub format: InputFormat,
}

impl FileReport {
    /// True if a finding is at or above the file's `fail-on` threshold.
    pub fn fails(&self) -> bool {
        self.engine
            .fail_on
            .threshold()
            .is_some_and(|t| self.diagnostics.iter().any(|d| d.severity >= t))
    }

    /// Lints `text` as this report's format: Markdown and HTML lint their
    /// prose, with spans mapped back into `text`.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        lint_as(
            &self.engine.rules,
            self.format,
            &self.path,
            text,
            usize::MAX,
        )
        .0
    }
}

/// Lints `text` as `format`. Linting stops after the section in which the
/// findings reach `limit` (they are sorted by position and sections are
/// linted in order, so the first `limit` findings are exact); the flag says
/// whether it stopped before the end.
pub fn lint_as(
    rules: &artlint::RuleSet,
    format: InputFormat,
    name: &str,
    text: &str,
    limit: usize,
) -> (Vec<Diagnostic>, bool) {
    let prose = match format {
        InputFormat::Markdown => artlint::input::markdown(text),
        InputFormat::Html => artlint::input::html(text),
        InputFormat::Text | InputFormat::Jsonl => {
            return lint_parallel(rules, &artlint::Document::new(name, text), limit);
        }
    };
    let (diagnostics, stopped) = lint_parallel(rules, &prose.document(name), limit);
    (prose.map_diagnostics(diagnostics), stopped)
}

/// [`artlint::RuleSet::lint`], with the sections of a big document linted
/// on every core, a few at a time, until `limit` findings are reached.
fn lint_parallel(
    rules: &artlint::RuleSet,
    doc: &artlint::Document,
    limit: usize,
) -> (Vec<Diagnostic>, bool) {
    let sections = artlint::section::sections(doc.text);
    if sections.len() == 1 {
        return (rules.lint(doc), false);
    }
    // A document is not shared between threads; each section builds its own.
    let (name, text, fragments) = (doc.name, doc.text, doc.fragments());
    let batch = rayon::current_num_threads();
    let mut parts: Vec<Vec<Diagnostic>> = Vec::with_capacity(sections.len());
    let mut found = 0;
    let mut stopped = false;
    for (i, chunk) in sections.chunks(batch).enumerate() {
        if found >= limit {
            stopped = i * batch < sections.len();
            break;
        }
        let linted: Vec<Vec<Diagnostic>> = chunk
            .par_iter()
            .map(|section| {
                let doc = artlint::Document::new(name, text).with_fragments(fragments);
                rules.lint_section(&doc, *section)
            })
            .collect();
        found += linted.iter().map(Vec::len).sum::<usize>();
        parts.extend(linted);
    }
    (rules.finish(doc, parts), stopped)
}

pub enum Outcome {
    Linted(FileReport),
    /// Not linted, with a note for stderr (`None`: skipped silently).
    Skipped(Option<String>),
    /// Could not be read; the message names the file.
    Failed(String),
}

/// FNV-1a over the bytes: enough to notice that a file changed under us.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

pub struct LintOptions<'a> {
    pub stdin_name: &'a str,
    /// Keep a hash of each file's bytes (for `--fix`).
    pub remember_content: bool,
    /// Larger files are skipped with a note.
    pub max_file_size: u64,
    /// Findings kept per file; the rest are summarised in one diagnostic.
    pub max_diagnostics: usize,
    /// `--input-format`, or `None` to choose by extension.
    pub input_format: Option<InputFormat>,
}

/// An input and the engine its configuration chose.
pub struct Job {
    pub input: Input,
    pub engine: Arc<Engine>,
}

/// Sorts inputs by the path shown in output (the order of every format) and
/// resolves each one's engine, so a broken configuration ends the run before
/// any output is written. The first error in path order is returned.
pub fn plan(
    resolver: &Resolver,
    mut inputs: Vec<Input>,
    stdin_name: &str,
) -> Result<Vec<Job>, SetupError> {
    inputs.sort_by(|a, b| sort_key(a, stdin_name).cmp(sort_key(b, stdin_name)));
    let engines: Vec<Result<Arc<Engine>, SetupError>> = inputs
        .par_iter()
        .map(|input| resolver.engine_for(&config_path(input, stdin_name)))
        .collect();
    inputs
        .into_iter()
        .zip(engines)
        .map(|(input, engine)| {
            Ok(Job {
                input,
                engine: engine?,
            })
        })
        .collect()
}

/// The bytes of the path shown in output: its order, without a copy.
fn sort_key<'a>(input: &'a Input, stdin_name: &'a str) -> &'a [u8] {
    match input {
        Input::Stdin => stdin_name.as_bytes(),
        Input::File { path, .. } => path.as_os_str().as_encoded_bytes(),
    }
}

/// The path whose configuration applies: the file itself; for stdin the file
/// it names with `--stdin-filename`, or the current folder.
fn config_path(input: &Input, stdin_name: &str) -> PathBuf {
    match input {
        Input::File { path, .. } => path.clone(),
        Input::Stdin if stdin_name != "-" => PathBuf::from(stdin_name),
        Input::Stdin => Path::new(".").join("-"),
    }
}

/// Lints `jobs` `batch` at a time, the files of a batch in parallel, and
/// hands each batch's outcomes to `sink` in order. Memory then grows with
/// the batch, not with the run; an error from `sink` stops the run.
pub fn lint_in_batches<E>(
    jobs: &[Job],
    options: &LintOptions,
    batch: usize,
    mut sink: impl FnMut(Vec<Outcome>) -> Result<(), E>,
) -> Result<(), E> {
    for chunk in jobs.chunks(batch.max(1)) {
        sink(
            chunk
                .par_iter()
                .map(|job| lint_input(job, options))
                .collect(),
        )?;
    }
    Ok(())
}

fn lint_input(job: &Job, options: &LintOptions) -> Outcome {
    let (input, engine) = (&job.input, job.engine.clone());
    let (path, file, bytes, explicit) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return Outcome::Failed(format!("{}: cannot read stdin: {e}", options.stdin_name));
            }
            (options.stdin_name.to_string(), None, bytes, true)
        }
        Input::File { path, explicit } => {
            let display = path.display().to_string();
            if let Ok(meta) = std::fs::metadata(path)
                && meta.len() > options.max_file_size
            {
                return Outcome::Skipped(Some(format!(
                    "{display}: skipped, {} bytes is over --max-file-size {}",
                    meta.len(),
                    options.max_file_size
                )));
            }
            match std::fs::read(path) {
                Ok(bytes) => (display, Some(path.clone()), bytes, *explicit),
                Err(e) => return Outcome::Failed(format!("{display}: {}", io_reason(&e))),
            }
        }
    };
    if u32::try_from(bytes.len()).is_err() {
        return Outcome::Failed(format!("{path}: file is larger than 4 GiB, not linted"));
    }
    // UTF-16 with a byte-order mark is decoded (and never written back by --fix).
    let (bytes, utf16) = match decode_utf16(&bytes) {
        Some(text) => (text.into_bytes(), true),
        None => (bytes, false),
    };
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if let Some(at) = memchr::memchr(0, probe) {
        return Outcome::Skipped(
            explicit.then(|| format!("{path}: skipped, looks binary (NUL byte at offset {at})")),
        );
    }
    let original_hash = options.remember_content.then(|| content_hash(&bytes));
    let format = options
        .input_format
        .unwrap_or_else(|| InputFormat::for_path(&config_path(input, options.stdin_name)));
    // Markdown and HTML are linted through their prose; invalid UTF-8 is
    // reported on the raw bytes either way.
    let mut stopped = false;
    let (text, mut diagnostics) = engine.rules.lint_bytes_with(&path, &bytes, |doc| {
        let (diagnostics, early) = lint_as(
            &engine.rules,
            format,
            doc.name,
            doc.text,
            options.max_diagnostics.saturating_add(1),
        );
        stopped = early;
        diagnostics
    });
    let lossy = utf16 || matches!(text, std::borrow::Cow::Owned(_));
    // Valid UTF-8 becomes the report's text without a copy (a second copy of
    // a 50 MB file would double the peak memory).
    let decoded = match text {
        std::borrow::Cow::Owned(text) => Some(text),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let text = decoded.unwrap_or_else(|| {
        String::from_utf8(bytes).expect("borrowed text is the bytes, valid UTF-8")
    });
    if diagnostics.len() > options.max_diagnostics {
        let hidden = diagnostics.len() - options.max_diagnostics;
        diagnostics.truncate(options.max_diagnostics);
        let rest = if stopped {
            "; the rest of the file was not linted"
        } else {
            ""
        };
        diagnostics.push(Diagnostic {
            rule: "limits/max-diagnostics".into(),
            severity: artlint::Severity::Info,
            span: artlint::Span::new(0, 0),
            message: format!(
                "{}{hidden} more findings not shown (--max-diagnostics {}){rest}",
                if stopped { "at least " } else { "" },
                options.max_diagnostics
            ),
            labels: Vec::new(),
            fix: None,
        });
    }
    Outcome::Linted(FileReport {
        path,
        file,
        text,
        diagnostics,
        engine,
        lossy,
        original_hash,
        format,
    })
}

/// Text of a UTF-16 file with a byte-order mark (lossy for unpaired surrogates).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect(),
    )
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{ConfigArgs, RuleSource};

    fn options() -> LintOptions<'static> {
        LintOptions {
            stdin_name: "-",
            remember_content: false,
            max_file_size: u64::MAX,
            max_diagnostics: 10_000,
            input_format: None,
        }
    }

    /// A file found by the walk and gone before it is read is an error that
    /// names it; the other files are still linted.
    #[test]
    fn file_deleted_between_walk_and_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("gone.txt"), "the the\n").unwrap();
        std::fs::write(dir.path().join("kept.txt"), "the the\n").unwrap();
        let mut errors = Vec::new();
        let inputs = crate::cli::walk::collect_inputs(&[dir.path().to_path_buf()], &mut errors);
        assert_eq!((inputs.len(), errors.len()), (2, 0));
        std::fs::remove_file(dir.path().join("gone.txt")).unwrap();
        let config = ConfigArgs {
            isolated: true,
            ..ConfigArgs::default()
        };
        let Ok(resolver) = Resolver::new(&config, &RuleSource::default(), None) else {
            panic!("the built-in rules load");
        };
        let Ok(jobs) = plan(&resolver, inputs, "-") else {
            panic!("no configuration to break");
        };
        let mut outcomes = Vec::new();
        let mut batches = 0;
        lint_in_batches(&jobs, &options(), 1, |batch| {
            batches += 1;
            outcomes.extend(batch);
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(batches, 2);
        let gone = dir.path().join("gone.txt").display().to_string();
        let kept = dir.path().join("kept.txt").display().to_string();
        let seen: Vec<String> = outcomes
            .into_iter()
            .map(|outcome| match outcome {
                Outcome::Failed(message) => message,
                Outcome::Linted(report) => report.path,
                _ => panic!("unexpected outcome"),
            })
            .collect();
        // In path order, one batch each.
        assert_eq!(seen, [format!("{gone}: no such file or directory"), kept]);
    }
}
