//! The `artlint._artlint` extension module: artlint's engine for Python.
//!
//! Layers, each in its own file: [`setup`] turns the `Linter(...)` arguments
//! into a compiled rule set (pure Rust, errors as values), [`errors`] maps
//! those errors to exceptions, [`linter`] is the `Linter` class, [`finding`]
//! what a finding looks like in Python, [`rule_info`] the rule listing. The
//! Python package `artlint` (in `artlint/`) re-exports all of it and adds the
//! datatrove steps.

use pyo3::prelude::*;

mod errors;
mod finding;
mod linter;
mod packs;
mod rule_info;
mod setup;

/// The built-in rules, sorted by id.
#[pyfunction]
fn rules() -> Vec<rule_info::RuleInfo> {
    let loaded = artlint::load_pack(&artlint::builtin_pack()).expect("the built-in pack loads");
    rule_info::infos(&loaded)
}

#[pymodule]
fn _artlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<linter::Linter>()?;
    m.add_class::<finding::Finding>()?;
    m.add_class::<finding::Fix>()?;
    m.add_class::<finding::Edit>()?;
    m.add_class::<rule_info::RuleInfo>()?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("ArtlintError", py.get_type::<errors::ArtlintError>())?;
    m.add("ConfigError", py.get_type::<errors::ConfigError>())?;
    m.add("RuleError", py.get_type::<errors::RuleError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
