//! `artlint.Linter`: a compiled rule set and the calls that use it. Every
//! call that lints lets go of the GIL while the engine runs, so other Python
//! threads go on; `lint_many` also lints its texts on every core.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

use artlint::{Applicability, Format, RuleSet, fix_as, lint_as};

use crate::finding::{Finding, Found, Offsets, found};
use crate::rule_info::RuleInfo;
use crate::setup::{Options, rule_set};

/// The name findings are reported under (the engine wants one; Python
/// texts have no file).
const NAME: &str = "<text>";

/// A compiled set of rules.
///
/// `Linter()` runs the built-in rules. `select` and `ignore` are rule-id
/// globs (`"names/*"`); `config` is the path of an `artlint.toml` (its
/// `select`, `ignore`, `severity`, `accept`, `reject`, `names`,
/// `names-files` and `rule-dirs`; `[[overrides]]` are for paths and do not
/// apply); `rules` is a rule file or a folder of them, or a list of those,
/// loaded with the built-in pack. Arguments win over the config file.
///
/// Raises `ConfigError` or `RuleError` (messages carry `file:line:column`)
/// and `FileNotFoundError`/`OSError` for files that cannot be read.
#[pyclass(frozen, module = "artlint")]
pub(crate) struct Linter {
    rules: RuleSet,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (select=None, ignore=None, config=None, rules=None))]
    fn new(
        py: Python<'_>,
        select: Option<OneOrMany<String>>,
        ignore: Option<OneOrMany<String>>,
        config: Option<PathBuf>,
        rules: Option<OneOrMany<PathBuf>>,
    ) -> PyResult<Linter> {
        let options = Options {
            select: select.map(OneOrMany::into_vec),
            ignore: ignore.map(OneOrMany::into_vec).unwrap_or_default(),
            config,
            rules: rules.map(OneOrMany::into_vec).unwrap_or_default(),
        };
        let rules = py
            .detach(|| rule_set(&options))
            .map_err(crate::errors::to_py)?;
        Ok(Linter { rules })
    }

    /// The findings in `text`, sorted by position.
    ///
    /// `format` is `"text"`, `"markdown"` or `"html"` (Markdown and HTML are
    /// linted through their prose; positions are in `text` itself).
    /// `offsets` is `"chars"` (code points, Python string indices) or
    /// `"bytes"` (UTF-8).
    #[pyo3(signature = (text, format="text", offsets="chars"))]
    fn lint(
        &self,
        py: Python<'_>,
        text: String,
        format: &str,
        offsets: &str,
    ) -> PyResult<Vec<Finding>> {
        let format = parse_format(format)?;
        let offsets = Offsets::parse(offsets)?;
        check_length(&text)?;
        let findings = py.detach(|| self.findings(&text, format, offsets));
        findings.into_iter().map(|f| f.into_py(py)).collect()
    }

    /// The findings of each text of `texts` (any iterable of `str`), in
    /// order: the texts are linted on every core with the GIL released.
    #[pyo3(signature = (texts, format="text", offsets="chars"))]
    fn lint_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        format: &str,
        offsets: &str,
    ) -> PyResult<Vec<Vec<Finding>>> {
        let format = parse_format(format)?;
        let offsets = Offsets::parse(offsets)?;
        let texts = texts
            .try_iter()?
            .map(|text| {
                let text: String = text?.extract()?;
                check_length(&text)?;
                Ok(text)
            })
            .collect::<PyResult<Vec<String>>>()?;
        let findings: Vec<Vec<Found>> = py.detach(|| {
            texts
                .par_iter()
                .map(|text| self.findings(text, format, offsets))
                .collect()
        });
        findings
            .into_iter()
            .map(|each| each.into_iter().map(|f| f.into_py(py)).collect())
            .collect()
    }

    /// `text` with the fixes applied, re-linted and fixed again until
    /// nothing changes (what `artlint check --fix` does to a file). Safe
    /// fixes only, unless `unsafe=True`.
    #[pyo3(signature = (text, r#unsafe=false, format="text"))]
    fn fix(&self, py: Python<'_>, text: String, r#unsafe: bool, format: &str) -> PyResult<String> {
        let format = parse_format(format)?;
        check_length(&text)?;
        let minimum = if r#unsafe {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        Ok(py.detach(|| fix_as(&self.rules, format, NAME, &text, minimum).text))
    }

    /// The rules this linter runs, in id order.
    #[getter]
    fn rules(&self) -> Vec<RuleInfo> {
        crate::rule_info::infos(self.rules.rules())
    }

    fn __repr__(&self) -> String {
        format!("<artlint.Linter with {} rules>", self.rules.rules().len())
    }
}

impl Linter {
    fn findings(&self, text: &str, format: Format, offsets: Offsets) -> Vec<Found> {
        found(text, lint_as(&self.rules, format, NAME, text), offsets)
    }
}

/// A string or a list of strings (a path or a list of paths).
#[derive(FromPyObject)]
pub(crate) enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

/// The formats a Python text can be read as (JSONL is a file of records,
/// not one text).
fn parse_format(name: &str) -> PyResult<Format> {
    match name.parse::<Format>() {
        Ok(format @ (Format::Text | Format::Markdown | Format::Html)) => Ok(format),
        _ => Err(PyValueError::new_err(format!(
            "unknown format `{name}` (expected \"text\", \"markdown\" or \"html\")"
        ))),
    }
}

/// Spans are 32-bit byte offsets: a longer text cannot be linted.
fn check_length(text: &str) -> PyResult<()> {
    if u32::try_from(text.len()).is_err() {
        return Err(PyValueError::new_err(format!(
            "text of {} bytes is too long to lint (at most 4 GiB)",
            text.len()
        )));
    }
    Ok(())
}
