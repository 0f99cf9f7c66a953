//! `artlint learn`: reads a corpus, groups its documents by site, and writes
//! one rule pack per site with the lines the library's [`Learner`] found on
//! most of that site's pages. Each written pack is loaded back and its
//! examples run before the command says it is done.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use artlint::learn::names::{NameLearner, NameOptions, names_pack};
use artlint::learn::{LearnOptions, Learner, SiteTemplate, rule_name};
use artlint::testing::run_rule_tests;
use artlint::{Format, PackFile, RuleSet, load_pack};

use super::args::{LearnArgs, LearnOptionsArgs};
use super::status::ExitStatus;

/// What learning counts over a corpus: each site's lines, and the full
/// names of all documents.
struct Corpus {
    templates: Learner,
    names: NameLearner,
}

impl Corpus {
    fn new(args: &LearnOptionsArgs) -> Corpus {
        Corpus {
            templates: Learner::with_max_lines(args.max_lines),
            names: NameLearner::new(args.max_lines),
        }
    }

    fn add(&mut self, site: &str, name: &str, text: &str) {
        self.templates.add(site, name, text);
        self.names.add(text);
    }

    /// The learned names as a pack, if any name was learned.
    fn names_pack(&self) -> Option<PackFile> {
        let names = self.names.names(&NameOptions::default());
        names_pack(&names, self.names.documents()).map(|text| PackFile {
            path: NAMES_PACK.to_string(),
            text,
        })
    }
}

/// The file name of the learned names' pack.
const NAMES_PACK: &str = "corpus-names.toml";

/// The thresholds, or an error for a share outside 0 to 1.
fn options(args: &LearnOptionsArgs) -> Result<LearnOptions, String> {
    if !(0.0..=1.0).contains(&args.min_share) {
        return Err("--min-share must be between 0 and 1".to_string());
    }
    Ok(LearnOptions {
        min_docs: args.min_docs,
        min_share: args.min_share,
        ..LearnOptions::default()
    })
}

pub(super) fn run(args: &LearnArgs) -> ExitStatus {
    let options = match options(&args.learning) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("artlint: error: {e}");
            return ExitStatus::Error;
        }
    };
    let mut learner = Corpus::new(&args.learning);
    let mut errors = Vec::new();
    let mut documents = 0;
    for path in &args.paths {
        if path.is_dir() {
            documents += read_folder(path, &mut learner, &mut errors);
        } else {
            let fields = Fields {
                text: &args.text_field,
                site: &args.learning.site_field,
            };
            documents += read_jsonl(path, fields, &mut learner, &mut errors);
        }
    }
    let templates = learner.templates.templates(&options);
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        eprintln!("artlint: error: {}: {e}", args.output.display());
        return ExitStatus::Error;
    }
    for template in &templates {
        let file = args.output.join(pack_name(template));
        let pack = template.to_pack();
        if let Err(problem) = check_pack(&file, &pack) {
            errors.push(format!(
                "{}: the learned pack does not {problem}",
                file.display()
            ));
            continue;
        }
        if let Err(e) = std::fs::write(&file, &pack) {
            errors.push(format!("{}: {e}", file.display()));
            continue;
        }
        eprintln!(
            "artlint: {}: {} template line(s) from {} documents -> {}",
            template.site,
            template.lines.len(),
            template.docs,
            file.display()
        );
    }
    let mut written = templates.len();
    if let Some(pack) = learner.names_pack() {
        let file = args.output.join(&pack.path);
        match std::fs::write(&file, &pack.text) {
            Ok(()) => {
                written += 1;
                eprintln!(
                    "artlint: names whose one spelling dominates the corpus -> {}",
                    file.display()
                );
            }
            Err(e) => errors.push(format!("{}: {e}", file.display())),
        }
    }
    eprintln!(
        "artlint: learned from {documents} documents of {} site(s); {written} pack(s) written",
        learner.templates.sites(),
    );
    for error in &errors {
        eprintln!("artlint: error: {}", super::emit::excerpt::visible(error));
    }
    if errors.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Error
    }
}

/// Loads a pack's text and runs its examples.
fn check_pack(file: &Path, pack: &str) -> Result<(), String> {
    let rules = load_pack(&[PackFile {
        path: file.display().to_string(),
        text: pack.to_string(),
    }])
    .map_err(|e| {
        format!(
            "load: {}",
            e.first().map_or(String::new(), |e| e.message.clone())
        )
    })?;
    let set = RuleSet::new(rules.clone());
    for rule in &rules {
        if let Some(failure) = run_rule_tests(rule, Some(&set)).first() {
            return Err(format!("pass its example: {}", failure.problem));
        }
    }
    Ok(())
}

/// Every walked file below `root`; its site is the first folder below
/// `root` (or `root`'s own name for files directly in it).
fn read_folder(root: &Path, learner: &mut Corpus, errors: &mut Vec<String>) -> usize {
    let mut documents = 0;
    for entry in ignore::WalkBuilder::new(root)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let path = entry.path();
        let known = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        if !entry.file_type().is_some_and(|t| t.is_file())
            || known.is_none_or(|f| f == Format::Jsonl)
        {
            continue;
        }
        match add_file(learner, &site_of(path, Some(root)), path, root) {
            Ok(()) => documents += 1,
            Err(e) => errors.push(e),
        }
    }
    documents
}

/// The site of a file: the first folder below `root`, or `root`'s own name
/// for a file directly in it, or without a root the file's folder's name.
fn site_of(path: &Path, root: Option<&Path>) -> String {
    let folder_name = |p: &Path| {
        p.canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "site".to_string())
    };
    match root {
        Some(root) => {
            let relative = path.strip_prefix(root).unwrap_or(path);
            let mut parts = relative.components();
            match (parts.next(), parts.next()) {
                (Some(first), Some(_)) => first.as_os_str().to_string_lossy().into_owned(),
                _ => folder_name(root),
            }
        }
        None => folder_name(path.parent().unwrap_or(Path::new("."))),
    }
}

/// Counts one file's lines (its prose, for Markdown and HTML) for `site`.
fn add_file(learner: &mut Corpus, site: &str, path: &Path, root: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|_| format!("{}: cannot read", path.display()))?;
    let src = String::from_utf8_lossy(&bytes);
    let text = match Format::for_path(path).prose(&src) {
        Some(prose) => prose.text,
        None => src.into_owned(),
    };
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    learner.add(site, &name, &text);
    Ok(())
}

/// The JSONL fields learning reads.
#[derive(Clone, Copy)]
struct Fields<'a> {
    text: &'a str,
    site: &'a str,
}

/// The file name of a site's pack.
fn pack_name(template: &SiteTemplate) -> String {
    format!("{}.toml", rule_name(&template.site))
}

/// `check --learn`: learns each site's template from the check's own
/// inputs, files (their site from the path named on the command line that
/// holds them, as `learn` does) and JSONL records (from `--site-field`),
/// and returns the packs for the check to load with the other rules. Files
/// that cannot be read are left to the check to report.
pub(super) fn learn_from_inputs(
    roots: &[PathBuf],
    files: &[&Path],
    records: &[&Path],
    args: &LearnOptionsArgs,
    text_field: &str,
) -> Result<(Vec<PackFile>, String), String> {
    let options = options(args)?;
    let mut learner = Corpus::new(args);
    let mut documents = 0;
    for &path in files {
        let root = roots
            .iter()
            .filter(|r| r.is_dir() && path.starts_with(r))
            .max_by_key(|r| r.components().count());
        let site = site_of(path, root.map(PathBuf::as_path));
        let base = root.map_or(Path::new(""), PathBuf::as_path);
        if add_file(&mut learner, &site, path, base).is_ok() {
            documents += 1;
        }
    }
    let fields = Fields {
        text: text_field,
        site: &args.site_field,
    };
    for &path in records {
        documents += read_jsonl(path, fields, &mut learner, &mut Vec::new());
    }
    let templates = learner.templates.templates(&options);
    let lines: usize = templates.iter().map(|t| t.lines.len()).sum();
    let mut packs: Vec<PackFile> = templates
        .iter()
        .map(|t| PackFile {
            path: format!("<learned>/{}", pack_name(t)),
            text: t.to_pack(),
        })
        .collect();
    let names = learner.names_pack().map(|mut pack| {
        pack.path = format!("<learned>/{}", pack.path);
        packs.push(pack);
    });
    let summary = format!(
        "learned {lines} template line(s) of {} site(s) from {documents} documents of {} site(s){}",
        templates.len(),
        learner.templates.sites(),
        if names.is_some() {
            ", and the corpus's names"
        } else {
            ""
        }
    );
    Ok((packs, summary))
}

/// JSONL records; the site is the host of `--site-field` when it is a URL,
/// else its value, else the file's name.
fn read_jsonl(
    path: &Path,
    fields: Fields<'_>,
    learner: &mut Corpus,
    errors: &mut Vec<String>,
) -> usize {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            errors.push(format!("{}: {e}", path.display()));
            return 0;
        }
    };
    let fallback = PathBuf::from(path.file_name().unwrap_or_default())
        .display()
        .to_string();
    let mut documents = 0;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let Ok(line) = line else {
            errors.push(format!("{}:{}: cannot read", path.display(), i + 1));
            break;
        };
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = match serde_json::from_str(&line) {
            Ok(record) => record,
            Err(e) => {
                errors.push(format!("{}:{}: invalid JSON: {e}", path.display(), i + 1));
                continue;
            }
        };
        let Some(text) = record.get(fields.text).and_then(|t| t.as_str()) else {
            errors.push(format!(
                "{}:{}: no string field `{}`",
                path.display(),
                i + 1,
                fields.text
            ));
            continue;
        };
        let site = record
            .get(fields.site)
            .and_then(|s| s.as_str())
            .map(host_or_name)
            .unwrap_or_else(|| fallback.clone());
        learner.add(&site, &format!("{}:{}", path.display(), i + 1), text);
        documents += 1;
    }
    documents
}

/// `https://www.example.com/a/b` → `www.example.com`; anything else as is.
fn host_or_name(value: &str) -> String {
    match value.split_once("://") {
        Some((_, rest)) => rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(rest)
            .rsplit('@')
            .next()
            .unwrap_or(rest)
            .to_ascii_lowercase(),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::host_or_name;

    #[test]
    fn the_site_of_a_url_is_its_host() {
        assert_eq!(
            host_or_name("https://WWW.Example.com/a?b"),
            "www.example.com"
        );
        assert_eq!(host_or_name("http://user@host.org#x"), "host.org");
        assert_eq!(host_or_name("my-site"), "my-site");
    }
}
