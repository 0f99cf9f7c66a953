//! Reading inputs and linting them in parallel, each with the engine of its
//! configuration. Inputs are sorted by path first and linted in batches that
//! come back in that order, so output is the same whatever the thread count
//! and can be written while later batches are linted.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use artlint::Diagnostic;
use artlint::lint::{Linted, MapSections};

use super::args::InputFormat;
use super::config::{Engine, Resolver, SetupError};
use super::walk::Input;

/// How much of a file is searched for a NUL byte to call it binary.
const BINARY_PROBE: usize = 8 * 1024;

/// One linted input.
pub(super) struct FileReport {
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
    pub(super) fn fails(&self) -> bool {
        self.engine
            .fail_on
            .threshold()
            .is_some_and(|t| self.diagnostics.iter().any(|d| d.severity >= t))
    }

    /// Lints `text` as this report's format: Markdown and HTML lint their
    /// prose, with spans mapped back into `text`.
    pub(super) fn lint(&self, text: &str) -> Vec<Diagnostic> {
        lint_as(
            &self.engine.rules,
            self.format,
            &self.path,
            text,
            usize::MAX,
        )
        .diagnostics
    }
}

/// [`artlint::lint::lint_as_with`], the sections of a big text linted on
/// every core, a few at a time, until `limit` findings are reached.
pub(super) fn lint_as(
    rules: &artlint::RuleSet,
    format: InputFormat,
    name: &str,
    text: &str,
    limit: usize,
) -> Linted {
    artlint::lint::lint_as_with(rules, format, name, text, limit, &Parallel)
}

/// Sections linted as many at a time as rayon has threads.
struct Parallel;

impl MapSections for Parallel {
    fn batch(&self) -> usize {
        rayon::current_num_threads()
    }

    fn map(
        &self,
        batch: &[artlint::Span],
        lint: &(dyn Fn(artlint::Span) -> Vec<Diagnostic> + Sync),
    ) -> Vec<Vec<Diagnostic>> {
        batch.par_iter().map(|&section| lint(section)).collect()
    }
}

pub(super) enum Outcome {
    Linted(FileReport),
    /// Not linted, with a note for stderr (`None`: skipped silently).
    Skipped(Option<String>),
    /// Could not be read; the message names the file.
    Failed(String),
}

/// FNV-1a over the bytes: enough to notice that a file changed under us.
pub(super) fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

pub(super) struct LintOptions<'a> {
    pub stdin_name: &'a str,
    /// `--fix -`: stdin is echoed with its fixes, so input that cannot come
    /// back byte for byte (binary, not UTF-8, UTF-16, too large) is an error.
    pub stdin_fix: bool,
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
pub(super) struct Job {
    pub input: Input,
    pub engine: Arc<Engine>,
}

/// Sorts inputs by the path shown in output (the order of every format) and
/// resolves each one's engine, so a broken configuration ends the run before
/// any output is written. The first error in path order is returned.
pub(super) fn plan(
    resolver: &Resolver,
    mut inputs: Vec<Input>,
    stdin_name: &str,
) -> Result<Vec<Job>, SetupError> {
    inputs.sort_by(|a, b| sort_key(a, stdin_name).cmp(sort_key(b, stdin_name)));
    let engines: Vec<Result<Arc<Engine>, SetupError>> = inputs
        .par_iter()
        .map(|input| resolver.engine_for_file(&config_path(input, stdin_name)))
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
/// two batches, not with the run; an error from `sink` stops the run.
///
/// `sink` (the output, written by one thread) runs on the calling thread
/// while the pool lints the next batch, so writing a batch's findings does
/// not leave the pool idle.
pub(super) fn lint_in_batches<E>(
    jobs: &[Job],
    options: &LintOptions,
    batch: usize,
    mut sink: impl FnMut(Vec<Outcome>) -> Result<(), E>,
) -> Result<(), E> {
    let mut ready: Option<Vec<Outcome>> = None;
    for chunk in jobs.chunks(batch.max(1)) {
        let mut linted = Vec::new();
        let written = rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                linted = chunk
                    .par_iter()
                    .map(|job| lint_input(job, options))
                    .collect();
            });
            ready.take().map_or(Ok(()), &mut sink)
        });
        written?;
        ready = Some(linted);
    }
    ready.map_or(Ok(()), sink)
}

fn lint_input(job: &Job, options: &LintOptions) -> Outcome {
    let (input, engine) = (&job.input, job.engine.clone());
    // The 4 GiB ceiling: spans are u32 byte offsets.
    let limit = options.max_file_size.min(u64::from(u32::MAX));
    let (path, file, read, explicit) = match input {
        Input::Stdin => {
            let read = read_bounded(std::io::stdin().lock(), 0, limit);
            let name = options.stdin_name;
            match read {
                Ok(read) => (name.to_string(), None, read, true),
                Err(e) => return Outcome::Failed(format!("{name}: cannot read stdin: {e}")),
            }
        }
        Input::File { path, explicit } => {
            let display = path.display().to_string();
            let opened = std::fs::File::open(path).and_then(|f| f.metadata().map(|m| (f, m)));
            let (f, meta) = match opened {
                Ok(opened) => opened,
                Err(e) => return Outcome::Failed(format!("{display}: {}", io_reason(&e))),
            };
            // A regular file's size is known before reading; a device, a
            // pipe or a file that grows is cut off by the bounded read.
            if meta.is_file() && meta.len() > options.max_file_size {
                return Outcome::Skipped(Some(format!(
                    "{display}: skipped, {} bytes is over --max-file-size {}",
                    meta.len(),
                    options.max_file_size
                )));
            }
            if meta.is_file() && meta.len() > limit {
                return Outcome::Failed(format!(
                    "{display}: file is larger than 4 GiB, not linted"
                ));
            }
            let hint = if meta.is_file() { meta.len() } else { 0 };
            match read_bounded(f, hint, limit) {
                Ok(read) => (display, Some(path.clone()), read, *explicit),
                Err(e) => return Outcome::Failed(format!("{display}: {}", io_reason(&e))),
            }
        }
    };
    // `--fix -` echoes stdin with the fixes applied, so stdin must come back
    // byte for byte or not at all.
    let round_trip = file.is_none() && options.stdin_fix;
    let refuse = |reason: String| {
        Outcome::Failed(format!(
            "{path}: {reason}; not fixed, nothing written to stdout"
        ))
    };
    let binary = |at: usize| {
        let why = format!("looks binary (NUL byte at offset {at})");
        if round_trip {
            refuse(why)
        } else {
            Outcome::Skipped(explicit.then(|| format!("{path}: skipped, {why}")))
        }
    };
    let bytes = match read {
        Bounded::Whole(bytes) => bytes,
        Bounded::Binary { at } => return binary(at),
        Bounded::TooLarge if options.max_file_size > limit => {
            return Outcome::Failed(format!("{path}: file is larger than 4 GiB, not linted"));
        }
        Bounded::TooLarge if round_trip => {
            return refuse(format!("larger than --max-file-size {limit}"));
        }
        Bounded::TooLarge => {
            return Outcome::Skipped(Some(format!(
                "{path}: skipped, larger than --max-file-size {limit}"
            )));
        }
    };
    // UTF-16 with a byte-order mark is decoded (and never written back by --fix).
    let (bytes, utf16) = match decode_utf16(&bytes) {
        Some(_) if round_trip => {
            return refuse("UTF-16, decoded for linting but never written back".to_string());
        }
        Some(text) => (text.into_bytes(), true),
        None => (bytes, false),
    };
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if let Some(at) = memchr::memchr(0, probe) {
        return binary(at);
    }
    if round_trip && std::str::from_utf8(&bytes).is_err() {
        return refuse("not valid UTF-8 (the decoded text would lose bytes)".to_string());
    }
    let original_hash = options.remember_content.then(|| content_hash(&bytes));
    let format = options
        .input_format
        .unwrap_or_else(|| InputFormat::for_path(&config_path(input, options.stdin_name)));
    // Markdown and HTML are linted through their prose; invalid UTF-8 is
    // reported on the raw bytes either way.
    let mut stopped = false;
    let (text, diagnostics) = engine.rules.lint_bytes_with(&path, &bytes, |doc| {
        let linted = lint_as(
            &engine.rules,
            format,
            doc.name,
            doc.text,
            options.max_diagnostics.saturating_add(1),
        );
        stopped = linted.stopped;
        linted.diagnostics
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
    let diagnostics = cap_diagnostics(diagnostics, options.max_diagnostics, stopped, "file");
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

/// Keeps the first `max` findings (they are sorted by position) and sums up
/// the rest in one `limits/max-diagnostics` info at the start of the text.
/// `stopped`: linting stopped early, so the count of the rest is a minimum
/// and the rest of the `unit` (file, record) was not linted.
pub(super) fn cap_diagnostics(
    mut diagnostics: Vec<Diagnostic>,
    max: usize,
    stopped: bool,
    unit: &str,
) -> Vec<Diagnostic> {
    if diagnostics.len() <= max {
        return diagnostics;
    }
    let hidden = diagnostics.len() - max;
    diagnostics.truncate(max);
    let rest = if stopped {
        format!("; the rest of the {unit} was not linted")
    } else {
        String::new()
    };
    diagnostics.push(Diagnostic {
        rule: "limits/max-diagnostics".into(),
        severity: artlint::Severity::Info,
        span: artlint::Span::new(0, 0),
        message: format!(
            "{}{hidden} more findings not shown (--max-diagnostics {max}){rest}",
            if stopped { "at least " } else { "" },
        ),
        labels: Vec::new(),
        fix: None,
    });
    diagnostics
}

/// An input read with a bound on its size.
enum Bounded {
    /// Every byte: at most the limit.
    Whole(Vec<u8>),
    /// A NUL byte in the first [`BINARY_PROBE`] bytes (not UTF-16): reading
    /// stopped there, so `/dev/zero` ends at once.
    Binary { at: usize },
    /// More than the limit: reading stopped one byte past it.
    TooLarge,
}

/// Reads at most `limit` bytes (and one more to know there is more), so an
/// endless pipe or device never grows memory past the limit. `size` is the
/// expected size (a regular file's length), to allocate once.
fn read_bounded(reader: impl Read, size: u64, limit: u64) -> std::io::Result<Bounded> {
    let mut reader = reader.take(limit.saturating_add(1));
    let capacity = usize::try_from(size.min(limit).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    (&mut reader)
        .take(BINARY_PROBE as u64)
        .read_to_end(&mut bytes)?;
    if utf16_bom(&bytes).is_none()
        && let Some(at) = memchr::memchr(0, &bytes)
    {
        return Ok(Bounded::Binary { at });
    }
    reader.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Bounded::TooLarge);
    }
    Ok(Bounded::Whole(bytes))
}

/// For bytes that start with a UTF-16 byte-order mark: whether it is little-endian.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// Text of a UTF-16 file with a byte-order mark (lossy for unpaired surrogates).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = utf16_bom(bytes)?;
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
            stdin_fix: false,
            remember_content: false,
            max_file_size: u64::MAX,
            max_diagnostics: 10_000,
            input_format: None,
        }
    }

    /// An endless reader stops one byte past the limit; an endless NUL
    /// stream stops after the binary probe; UTF-16 (NUL bytes in its ASCII)
    /// is read whole.
    #[test]
    fn bounded_reads_end_on_endless_input() {
        let endless_text = std::io::repeat(b'a');
        assert!(matches!(
            read_bounded(endless_text, 0, 1000),
            Ok(Bounded::TooLarge)
        ));
        assert!(matches!(
            read_bounded(std::io::repeat(0), 0, u64::from(u32::MAX)),
            Ok(Bounded::Binary { at: 0 })
        ));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(*b"a\0b\0").collect();
        let Ok(Bounded::Whole(read)) = read_bounded(utf16.as_slice(), 0, 6) else {
            panic!("UTF-16 within the limit is read whole");
        };
        assert_eq!(read, utf16);
        assert!(matches!(
            read_bounded(utf16.as_slice(), 0, 5),
            Ok(Bounded::TooLarge)
        ));
    }

    /// A file found by the walk and gone before it is read is an error that
    /// names it; the other files are still linted.
    #[test]
    fn file_deleted_between_walk_and_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("gone.txt"), "the the\n").unwrap();
        std::fs::write(dir.path().join("kept.txt"), "the the\n").unwrap();
        let mut errors = Vec::new();
        let Ok(inputs) = crate::cli::walk::collect_inputs(
            &[dir.path().to_path_buf()],
            &[],
            crate::cli::walk::WalkOptions::default(),
            |_| Ok::<bool, std::convert::Infallible>(true),
            &mut errors,
        );
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
