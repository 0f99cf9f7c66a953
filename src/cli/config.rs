//! Finding the configuration that applies to each input, and compiling one
//! rule set per distinct effective configuration (cached, shared by reference).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use artlint::config::{Config, ConfigError, FailOn, Settings};
use artlint::{PackFile, Rule, RuleError, RuleSet, load_pack};

use super::args::{ConfigArgs, RuleSource};
use super::packs::read_pack_dir;

pub(super) const FILE_NAMES: &[&str] = &["artlint.toml", ".artlint.toml"];

/// A parsed config file and the folder its relative paths start from.
#[derive(Debug)]
pub(super) struct ConfigFile {
    pub path: PathBuf,
    pub dir: PathBuf,
    pub config: Config,
}

/// Why configuration or rules could not be loaded.
#[derive(Clone)]
pub(super) enum SetupError {
    Rules(Vec<RuleError>),
    /// Problems in one configuration, with the text of its file (shown
    /// around each problem), or none for the command line's settings.
    Config {
        errors: Vec<ConfigError>,
        text: Option<Arc<str>>,
    },
    Other(String),
}

impl SetupError {
    /// Problems in settings that did not come from a file.
    fn settings(error: ConfigError) -> SetupError {
        SetupError::Config {
            errors: vec![error],
            text: None,
        }
    }
}

/// What linting one input needs: its rule set and exit threshold.
pub(super) struct Engine {
    /// Shared with the language server's split of it.
    pub rules: Arc<RuleSet>,
    pub fail_on: FailOn,
}

/// Resolves configuration per input folder and compiles engines, caching both.
pub(super) struct Resolver {
    mode: Mode,
    source: RuleSource,
    cli_fail_on: Option<FailOn>,
    base_files: Vec<PackFile>,
    /// The packs `check --learn` learned from the inputs: set before the
    /// first engine is built, loaded after the base packs.
    learned: std::sync::OnceLock<Vec<PackFile>>,
    dirs: Mutex<HashMap<PathBuf, Option<Arc<ConfigFile>>>>,
    /// One slot per distinct configuration: compiled once, and a failure is
    /// kept too, so a bad `--select` fails once rather than once per file.
    engines: Mutex<HashMap<String, Arc<OnceLock<EngineResult>>>>,
    /// The slot of each configuration file (or of none) without
    /// `[[overrides]]`, whose settings are the same for every file it covers:
    /// found per file without working the settings out again.
    by_config: Mutex<HashMap<Option<PathBuf>, Arc<OnceLock<EngineResult>>>>,
}

enum Mode {
    Discover,
    Fixed(Arc<ConfigFile>),
    Isolated,
}

pub(super) fn read_config(path: &Path) -> Result<ConfigFile, SetupError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        SetupError::Other(format!(
            "{}: cannot read configuration: {e}",
            path.display()
        ))
    })?;
    let config =
        Config::parse(&path.display().to_string(), &text).map_err(|e| SetupError::Config {
            errors: vec![e],
            text: Some(Arc::from(text.as_str())),
        })?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(ConfigFile {
        path: path.to_path_buf(),
        dir,
        config,
    })
}

impl Resolver {
    pub(super) fn new(
        config: &ConfigArgs,
        source: &RuleSource,
        cli_fail_on: Option<FailOn>,
    ) -> Result<Resolver, SetupError> {
        let mode = match (&config.config, config.isolated) {
            (Some(path), _) => Mode::Fixed(Arc::new(read_config(path)?)),
            (None, true) => Mode::Isolated,
            (None, false) => Mode::Discover,
        };
        let mut base_files = if source.no_default_rules {
            Vec::new()
        } else {
            artlint::builtin_pack()
        };
        for dir in &source.rules {
            base_files.extend(read_pack_dir(dir).map_err(|e| SetupError::Other(format!("{e:#}")))?);
        }
        Ok(Resolver {
            mode,
            source: source.clone(),
            cli_fail_on,
            base_files,
            learned: std::sync::OnceLock::new(),
            dirs: Mutex::new(HashMap::new()),
            engines: Mutex::new(HashMap::new()),
            by_config: Mutex::new(HashMap::new()),
        })
    }

    /// The config file for an input path (a file or a folder), if any.
    pub(super) fn config_for(&self, path: &Path) -> Result<Option<Arc<ConfigFile>>, SetupError> {
        match &self.mode {
            Mode::Isolated => Ok(None),
            Mode::Fixed(config) => Ok(Some(config.clone())),
            Mode::Discover => {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let start = if absolute.is_dir() {
                    absolute.as_path()
                } else {
                    absolute.parent().unwrap_or(Path::new("/"))
                };
                self.discover(start)
            }
        }
    }

    /// [`Resolver::config_for`] a path known to be a file: its folder's
    /// configuration, without asking the file system what the path is.
    fn config_for_file(&self, path: &Path) -> Result<Option<Arc<ConfigFile>>, SetupError> {
        match &self.mode {
            Mode::Discover => {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                self.discover(absolute.parent().unwrap_or(Path::new("/")))
            }
            _ => self.config_for(path),
        }
    }

    fn discover(&self, dir: &Path) -> Result<Option<Arc<ConfigFile>>, SetupError> {
        if let Some(found) = self.dirs.lock().expect("no poisoning").get(dir) {
            return Ok(found.clone());
        }
        let here = FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file());
        let found = match here {
            Some(path) => Some(Arc::new(read_config(&path)?)),
            // Discovery stops at the repository root (as in ruff and typos):
            // a stray artlint.toml above a checkout must not configure it.
            None if dir.join(".git").exists() => None,
            None => match dir.parent() {
                Some(parent) => self.discover(parent)?,
                None => None,
            },
        };
        self.dirs
            .lock()
            .expect("no poisoning")
            .insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }

    /// True if a file (walked or named) is excluded by its configuration.
    pub(super) fn is_excluded(&self, path: &Path) -> Result<bool, SetupError> {
        let Some(config) = self.config_for_file(path)? else {
            return Ok(false);
        };
        Ok(config.config.is_excluded(&relative_to(&config.dir, path)))
    }

    /// The effective settings for a path (config, overrides, then CLI flags).
    pub(super) fn settings_for(
        &self,
        path: &Path,
    ) -> Result<(Settings, Option<Arc<ConfigFile>>), SetupError> {
        let config = self.config_for(path)?;
        Ok((self.settings_with(path, config.as_deref())?, config))
    }

    /// The effective settings for `path` under `config`, its configuration.
    fn settings_with(
        &self,
        path: &Path,
        config: Option<&ConfigFile>,
    ) -> Result<Settings, SetupError> {
        let mut settings = match config {
            Some(c) => {
                let mut s = c.config.settings_for(&relative_to(&c.dir, path));
                for file in &c.config.names_files {
                    let full = c.dir.join(file);
                    let text = std::fs::read_to_string(&full).map_err(|e| {
                        SetupError::Other(format!(
                            "{}: cannot read names file `{file}` ({}): {e}",
                            c.path.display(),
                            full.display()
                        ))
                    })?;
                    s.names.extend(
                        text.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty() && !l.starts_with('#'))
                            .map(str::to_string),
                    );
                }
                s
            }
            None => Settings::default(),
        };
        let cli = Settings {
            select: (!self.source.select.is_empty()).then(|| self.source.select.clone()),
            ignore: self.source.ignore.clone(),
            fail_on: self.cli_fail_on,
            ..Settings::default()
        };
        settings.merge(&cli);
        Ok(settings)
    }

    /// The engine for a path (a file or a folder), compiled once per
    /// distinct configuration.
    pub(super) fn engine_for(&self, path: &Path) -> Result<Arc<Engine>, SetupError> {
        self.engine_under(path, self.config_for(path)?)
    }

    /// [`Resolver::engine_for`] a path known to be a file (or to stand for
    /// one, as stdin's name does).
    pub(super) fn engine_for_file(&self, path: &Path) -> Result<Arc<Engine>, SetupError> {
        self.engine_under(path, self.config_for_file(path)?)
    }

    fn engine_under(
        &self,
        path: &Path,
        config: Option<Arc<ConfigFile>>,
    ) -> Result<Arc<Engine>, SetupError> {
        let same_for_every_path = config.as_ref().is_none_or(|c| !c.config.has_overrides());
        let config_key = config.as_ref().map(|c| c.path.clone());
        if same_for_every_path
            && let Some(slot) = self
                .by_config
                .lock()
                .expect("no poisoning")
                .get(&config_key)
            && let Some(engine) = slot.get()
        {
            return engine.clone();
        }
        let settings = self.settings_with(path, config.as_deref())?;
        let key = format!(
            "{}\n{}",
            config
                .as_ref()
                .map_or(String::new(), |c| c.path.display().to_string()),
            toml::to_string(&settings).unwrap_or_default()
        );
        let slot = self
            .engines
            .lock()
            .expect("no poisoning")
            .entry(key)
            .or_default()
            .clone();
        if same_for_every_path {
            self.by_config
                .lock()
                .expect("no poisoning")
                .insert(config_key, slot.clone());
        }
        slot.get_or_init(|| self.compile(settings, config.as_deref()))
            .clone()
    }

    /// Every rule a path may use, before selection: the packs (built-in,
    /// `--rules`, the configuration's `rule-dirs`) and `vocab/reject` when
    /// the configuration rejects words.
    pub(super) fn available_rules(&self, path: &Path) -> Result<Vec<Rule>, SetupError> {
        let (settings, config) = self.settings_for(path)?;
        let rules = self.pack(config.as_deref())?;
        let vocabulary = Settings {
            reject: settings.reject,
            ..Settings::default()
        };
        vocabulary.configure(rules).map_err(SetupError::settings)
    }

    /// Adds the packs `check --learn` wrote, for every engine built after.
    /// Engines are built on the first input linted, after learning.
    pub(super) fn add_learned(&self, packs: Vec<PackFile>) {
        let set = self.learned.set(packs);
        debug_assert!(set.is_ok(), "learned packs are added once");
    }

    /// The packs' rules: built-in, `--rules`, learned, and the configuration's `rule-dirs`.
    fn pack(&self, config: Option<&ConfigFile>) -> Result<Vec<Rule>, SetupError> {
        let mut files = self.base_files.clone();
        files.extend(self.learned.get().into_iter().flatten().cloned());
        if let Some(c) = config {
            for dir in &c.config.rule_dirs {
                let full = c.dir.join(dir);
                files.extend(read_pack_dir(&full).map_err(|e| {
                    SetupError::Other(format!("{}: rule-dirs: {e:#}", c.path.display()))
                })?);
            }
        }
        load_pack(&files).map_err(SetupError::Rules)
    }

    fn compile(&self, settings: Settings, config: Option<&ConfigFile>) -> EngineResult {
        let rules = self.pack(config)?;
        let ids: Vec<&str> = rules.iter().map(|r| &*r.id).collect();
        check_cli_selectors(&self.source, &ids)?;
        if let Some(c) = config {
            let unknown = c.config.unknown_selectors(&ids);
            if !unknown.is_empty() {
                return Err(SetupError::Config {
                    errors: unknown,
                    text: c.config.origin.as_ref().map(|o| o.text.clone()),
                });
            }
        }
        let known: Vec<Box<str>> = rules.iter().map(|r| r.id.as_ref().into()).collect();
        let rules = settings.configure(rules).map_err(SetupError::settings)?;
        Ok(Arc::new(Engine {
            rules: Arc::new(
                RuleSet::new(rules)
                    .with_accepted(settings.accept.clone())
                    .with_known_rules(known),
            ),
            fail_on: settings.fail_on.unwrap_or(FailOn::Warning),
        }))
    }
}

type EngineResult = Result<Arc<Engine>, SetupError>;

/// `--select` and `--ignore` globs that match none of `rule_ids` are errors
/// naming the flag: a misspelt id would otherwise select nothing, silently.
pub(super) fn check_cli_selectors(
    source: &RuleSource,
    rule_ids: &[&str],
) -> Result<(), SetupError> {
    let problems: Vec<String> = [("--select", &source.select), ("--ignore", &source.ignore)]
        .into_iter()
        .flat_map(|(flag, globs)| globs.iter().map(move |g| (flag, g)))
        .filter_map(|(flag, glob)| {
            artlint::config::unknown_selector(glob, rule_ids)
                .map(|hint| format!("`{glob}` in {flag} matches no rule; {hint}"))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SetupError::Other(problems.join("\nartlint: error: ")))
    }
}

/// `path` relative to `dir`, with `/` separators, for glob matching.
pub(super) fn relative_to(dir: &Path, path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = absolute.strip_prefix(dir).unwrap_or(&absolute);
    relative.to_string_lossy().replace('\\', "/")
}
