//! Choosing rules by id globs (`--select scrape/*`, `--ignore names/*`).

use anyhow::{Context, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};

use artlint::Rule;

/// Rules whose id matches `select` (all if empty) and not `ignore`.
pub struct Selection {
    select: Option<GlobSet>,
    ignore: GlobSet,
}

fn build(globs: &[String]) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).with_context(|| format!("invalid rule glob `{glob}`"))?);
    }
    Ok(builder.build()?)
}

impl Selection {
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection> {
        Ok(Selection {
            select: if select.is_empty() {
                None
            } else {
                Some(build(select)?)
            },
            ignore: build(ignore)?,
        })
    }

    pub fn includes(&self, id: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.is_match(id)) && !self.ignore.is_match(id)
    }

    pub fn apply(&self, rules: Vec<Rule>) -> Vec<Rule> {
        rules.into_iter().filter(|r| self.includes(&r.id)).collect()
    }
}
