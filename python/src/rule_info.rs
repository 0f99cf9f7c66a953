//! `artlint.Rule`: what a rule is, for listings (`artlint.rules()`,
//! `Linter.rules`), as `artlint rules` shows it.

use pyo3::prelude::*;

use artlint::Rule;

/// A rule: its id, default severity, category, message template and
/// documentation.
#[pyclass(frozen, get_all, name = "Rule", module = "artlint")]
pub(crate) struct RuleInfo {
    id: String,
    severity: &'static str,
    category: String,
    message: String,
    /// The first sentence of `explain`.
    summary: String,
    explain: String,
}

#[pymethods]
impl RuleInfo {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Rule(id={}, severity={})",
            crate::finding::repr(py, &self.id)?,
            crate::finding::repr(py, self.severity)?
        ))
    }
}

/// The rules, sorted by id.
pub(crate) fn infos(rules: &[Rule]) -> Vec<RuleInfo> {
    let mut infos: Vec<RuleInfo> = rules
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            severity: r.severity.as_str(),
            category: r.category.clone(),
            message: r.message.clone(),
            summary: r.summary(),
            explain: r.explain.clone(),
        })
        .collect();
    infos.sort_by(|a, b| a.id.cmp(&b.id));
    infos
}
