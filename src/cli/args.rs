//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "artlint",
    version,
    about = "Lint articles for translation and scraping artifacts",
    long_about = "Lint articles for translation and scraping artifacts: wrong acronyms, misspelled or foreign-form names, stray HTML, template boilerplate, mojibake, punctuation spacing, repetition.\n\n`artlint PATH...` is short for `artlint check PATH...`."
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Lint files, directories or stdin (`-`).
    Check(Box<CheckArgs>),
    /// List the rules in effect in the current folder (id, kind, severity,
    /// summary), as `check` would run them: packs, configuration, flags.
    Rules {
        #[command(flatten)]
        source: RuleSource,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print a rule's explanation and examples.
    Rule {
        /// The rule id, e.g. `names/exonym`.
        id: String,
        #[command(flatten)]
        source: RuleSource,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run the `[[rule.test]]` examples of the rules in effect in the current
    /// folder (built-in pack and the configuration's `rule-dirs`), or of a
    /// pack directory alone.
    TestRules {
        /// A rule pack directory, tested alone.
        dir: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the configuration in effect for a file or folder (TOML).
    Config {
        /// The file or folder (default: the current folder).
        path: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Write a commented starter `artlint.toml` in the current folder.
    Init,
    /// Learn each site's template from a corpus (lines on most of a site's
    /// pages) and write one reviewable rule pack per site.
    Learn(LearnArgs),
    /// Run the language server on stdin and stdout (for editors).
    Server,
}

/// The thresholds of learning, shared by `learn` and `check --learn`.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Learning (learn, check --learn)")]
pub(super) struct LearnOptionsArgs {
    /// A site needs at least this many documents to learn from.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub min_docs: usize,
    /// The share of a site's documents a line must occur in (0 to 1).
    #[arg(long, default_value_t = 0.5, value_name = "SHARE")]
    pub min_share: f64,
    /// The most distinct lines counted per site (memory: about 40 bytes
    /// each); when full, lines seen on one page only are forgotten.
    #[arg(long, default_value_t = artlint::learn::DEFAULT_MAX_LINES, value_name = "N")]
    pub max_lines: usize,
    /// JSONL: the field naming the site: a URL (its host is the site) or a
    /// name. Files in folders: the first folder below the path named is the site.
    #[arg(long, default_value = "url", value_name = "FIELD")]
    pub site_field: String,
}

#[derive(Debug, Args)]
pub(super) struct LearnArgs {
    /// Folders of pages (one sub-folder per site) or JSONL files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Folder to write `<site>.toml` packs into (created if needed).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: PathBuf,
    #[command(flatten)]
    pub learning: LearnOptionsArgs,
    /// JSONL: the field with the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,
}

/// Which configuration file applies.
#[derive(Debug, Args, Clone, Default)]
pub(super) struct ConfigArgs {
    /// Use this configuration file for every input (no discovery).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,
}

/// Where rules come from.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct RuleSource {
    /// Add a rule pack directory (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in rule pack.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Only rules whose id matches one of these globs (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub select: Vec<String>,
    /// Skip rules whose id matches one of these globs.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// Files or directories to lint; `-` reads stdin. Defaults to `.`.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub selection: FileSelection,
    #[command(flatten)]
    pub source: RuleSource,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding is at or above this severity [default: warning,
    /// or the configuration's `fail-on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Apply safe fixes and write the files (atomically).
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes instead of writing them; exit 1 if
    /// there would be changes.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Hide findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// Name to report for stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// When to use colours (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only findings, no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// How to read inputs [default: by extension: .md/.markdown/.mdx markdown,
    /// .html/.htm/.xhtml html, .jsonl/.ndjson jsonl, anything else text].
    #[arg(long, value_parser = input_format())]
    pub input_format: Option<InputFormat>,
    /// JSONL: the field holding the text to lint.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,
    /// JSONL: the field holding the record id (the line number when absent).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,
    /// JSONL: offsets in output spans, in bytes or in characters (Unicode
    /// scalar values, as Python and dolma count).
    #[arg(long, value_enum, default_value_t = Offsets::Bytes)]
    pub offsets: Offsets,
    /// Skip files larger than this many bytes (with a note).
    #[arg(long, default_value_t = 1 << 30, value_name = "BYTES")]
    pub max_file_size: u64,
    /// Keep at most this many findings per file, then one summary finding.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub max_diagnostics: usize,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Print counts of findings per rule instead of the findings, with the
    /// rules `--fix` repairs marked `[*]` (`[-]`: with --unsafe-fixes); a
    /// JSON array with `--format json`.
    #[arg(long)]
    pub statistics: bool,
    /// Learn each site's template from the inputs first (as `artlint learn`
    /// does), then lint them with the learned packs added.
    #[arg(long)]
    pub learn: bool,
    #[command(flatten)]
    pub learning: LearnOptionsArgs,
    /// Lint with this many threads [default: one per core, or
    /// RAYON_NUM_THREADS].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// Which files a folder walk lints (ripgrep's and ruff's flags). A file
/// named on the command line is always linted, unless `--force-exclude`.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "File selection")]
pub(super) struct FileSelection {
    /// Path globs never linted when walking, instead of the configuration's
    /// `exclude` (comma-separated or repeated; `build` also means
    /// `**/build/**`).
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub exclude: Option<Vec<String>>,
    /// Path globs never linted when walking, besides the configuration's
    /// `exclude`.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub extend_exclude: Vec<String>,
    /// Apply the excludes to files named on the command line too (for
    /// pre-commit hooks and editors, which pass every changed file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Path globs linted when walking although their extension is not a
    /// known format's, or they have none (`articles/*`).
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub extend_include: Vec<String>,
    /// Walk hidden files and folders too.
    #[arg(long)]
    pub hidden: bool,
    /// Do not respect .gitignore, .ignore and other ignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Print the files that would be linted, one a line, and exit.
    #[arg(long)]
    pub files: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// rustc-style snippets
    Human,
    /// one JSON object for the whole run
    Json,
    /// one JSON object per diagnostic per line
    JsonLines,
    /// one line per diagnostic: path:line:col: severity[rule] message
    Concise,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow annotations
    Github,
}

/// The library's input format, named so beside the output [`Format`].
pub(super) use artlint::Format as InputFormat;

/// `--input-format`: one of the library's format names.
fn input_format() -> impl TypedValueParser<Value = InputFormat> {
    PossibleValuesParser::new(InputFormat::ALL.map(InputFormat::name))
        .map(|name| name.parse().expect("a possible value is a format name"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Offsets {
    Bytes,
    Chars,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOn> for artlint::config::FailOn {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Error => artlint::config::FailOn::Error,
            FailOn::Warning => artlint::config::FailOn::Warning,
            FailOn::Info => artlint::config::FailOn::Info,
            FailOn::Never => artlint::config::FailOn::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "rules",
    "rule",
    "test-rules",
    "config",
    "init",
    "learn",
    "server",
    "help",
];

/// `artlint PATH` and `artlint --format json PATH` mean `artlint check ...`.
pub(super) fn with_default_subcommand(
    mut args: Vec<std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let first = args.get(1).and_then(|a| a.to_str()).map(str::to_string);
    let implicit = match first.as_deref() {
        None => false,
        Some("-h" | "--help" | "-V" | "--version") => false,
        Some(arg) => !SUBCOMMANDS.contains(&arg),
    };
    if implicit {
        args.insert(1, "check".into());
    }
    args
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// The help of `--input-format` names every extension of the library's
    /// table, with its format.
    #[test]
    fn input_format_help_lists_every_extension() {
        let command = Cli::command();
        let check = command.find_subcommand("check").expect("check");
        let arg = check
            .get_arguments()
            .find(|a| a.get_id() == "input_format")
            .expect("--input-format");
        let help = arg.get_help().expect("help").to_string();
        for format in InputFormat::ALL {
            let listed: Vec<String> = format.extensions().map(|e| format!(".{e}")).collect();
            let named = format!("{} {}", listed.join("/"), format.name());
            assert!(
                format == InputFormat::Text || help.contains(&named),
                "{named:?} not in {help:?}"
            );
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(values, ["text", "markdown", "html", "jsonl"]);
    }
}
