//! Which files a run lints: the folder walk's extension table, the
//! configuration's `exclude` and `extend-include`, and the command line's
//! `--exclude`, `--extend-exclude`, `--extend-include` and `--force-exclude`
//! (ruff's flags, with ripgrep's `--hidden` and `--no-ignore` in the walk).

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::args::FileSelection;
use super::config::{Resolver, SetupError, relative_to};

/// The command line's path globs, relative to the current folder.
pub(super) struct Selection<'a> {
    resolver: &'a Resolver,
    force_exclude: bool,
    /// `--exclude`: replaces the configuration's `exclude`.
    exclude: Option<GlobSet>,
    extend_exclude: Option<GlobSet>,
    extend_include: Option<GlobSet>,
    cwd: PathBuf,
}

impl<'a> Selection<'a> {
    /// Compiles the flags' globs; an invalid one is an error naming its flag.
    pub(super) fn new(flags: &FileSelection, resolver: &'a Resolver) -> Result<Self, SetupError> {
        let set = |globs: &[String], flag: &str| -> Result<Option<GlobSet>, SetupError> {
            path_globs(globs).map_err(|e| SetupError::Other(format!("{flag}: {e}")))
        };
        Ok(Selection {
            resolver,
            force_exclude: flags.force_exclude,
            exclude: match &flags.exclude {
                Some(globs) => Some(set(globs, "--exclude")?.unwrap_or_default()),
                None => None,
            },
            extend_exclude: set(&flags.extend_exclude, "--extend-exclude")?,
            extend_include: set(&flags.extend_include, "--extend-include")?,
            cwd: std::env::current_dir().unwrap_or_default(),
        })
    }

    /// True for a file found by walking that is linted: its extension is a
    /// known format's, or an `extend-include` glob names it.
    pub(super) fn walks(&self, path: &Path) -> Result<bool, SetupError> {
        let known = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| artlint::Format::from_extension(e).is_some());
        if known || self.flag_matches(self.extend_include.as_ref(), path) {
            return Ok(true);
        }
        Ok(match self.resolver.config_for(path)? {
            Some(c) => c.config.is_included(&relative_to(&c.dir, path)),
            None => false,
        })
    }

    /// True for an input left out by the excludes: walked files always,
    /// files named on the command line only with `--force-exclude`.
    pub(super) fn excludes(&self, path: &Path, explicit: bool) -> Result<bool, SetupError> {
        if explicit && !self.force_exclude {
            return Ok(false);
        }
        if self.flag_matches(self.extend_exclude.as_ref(), path) {
            return Ok(true);
        }
        match &self.exclude {
            Some(exclude) => Ok(self.flag_matches(Some(exclude), path)),
            None => self.resolver.is_excluded(path),
        }
    }

    fn flag_matches(&self, set: Option<&GlobSet>, path: &Path) -> bool {
        let Some(set) = set else { return false };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.cwd).unwrap_or(&absolute);
        set.is_match(relative)
    }
}

/// Compiles path globs as ruff reads them: `build` is that path and
/// everything below it, anywhere in the tree; a glob with a `/` is a path
/// from the current folder.
fn path_globs(globs: &[String]) -> Result<Option<GlobSet>, globset::Error> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim_start_matches("./").trim_end_matches('/');
        let mut forms = vec![glob.to_string(), format!("{glob}/**")];
        if !glob.contains('/') {
            forms.push(format!("**/{glob}"));
            forms.push(format!("**/{glob}/**"));
        }
        for form in forms {
            builder.add(Glob::new(&form)?);
        }
    }
    builder.build().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_name_matches_anywhere_and_a_path_from_the_root() {
        let set = path_globs(&["build".into(), "docs/drafts/".into(), "*.tmp".into()])
            .unwrap()
            .unwrap();
        for hit in [
            "build",
            "build/a.txt",
            "x/build/a.txt",
            "docs/drafts/a.md",
            "a.tmp",
            "deep/er/a.tmp",
        ] {
            assert!(set.is_match(hit), "{hit}");
        }
        for miss in [
            "builder/a.txt",
            "x/docs/drafts/a.md",
            "a.txt",
            "rebuild.txt",
        ] {
            assert!(!set.is_match(miss), "{miss}");
        }
        assert!(path_globs(&[]).unwrap().is_none());
        assert!(path_globs(&["a[".into()]).is_err());
    }
}
