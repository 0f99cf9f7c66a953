//! What Python sees of a [`Diagnostic`]: a `Finding` with its positions in
//! the unit asked for (code points, as Python's `str` indexes, or UTF-8
//! bytes), its text and its fix.
//!
//! The positions are worked out without the GIL ([`Found`], on any thread);
//! only turning them into Python objects needs it ([`Found::into_py`]).

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use artlint::input::jsonl::CharOffsets;
use artlint::{Applicability, Diagnostic, Severity};

/// The unit of `start` and `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Offsets {
    /// Unicode code points: `text[start:end]` in Python.
    Chars,
    /// UTF-8 bytes: `text.encode()[start:end]`.
    Bytes,
}

impl Offsets {
    pub(crate) fn parse(name: &str) -> PyResult<Offsets> {
        match name {
            "chars" => Ok(Offsets::Chars),
            "bytes" => Ok(Offsets::Bytes),
            other => Err(PyValueError::new_err(format!(
                "unknown offsets `{other}` (expected \"chars\" or \"bytes\")"
            ))),
        }
    }
}

/// A finding with its positions converted, not yet a Python object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    rule: Arc<str>,
    severity: Severity,
    message: String,
    start: usize,
    end: usize,
    text: String,
    fix: Option<Fix>,
}

/// The findings of `text` (sorted by position, as the engine returns them)
/// with positions in `offsets`. Code-point positions come from one forward
/// pass over the text: each position counts on from the one before it
/// (edits that point back are answered from checkpoints), so the cost is the
/// text's length, not the number of findings times it.
pub(crate) fn found(text: &str, diagnostics: Vec<Diagnostic>, offsets: Offsets) -> Vec<Found> {
    let mut chars = CharOffsets::new(text);
    let mut at = |byte: u32| match offsets {
        Offsets::Bytes => byte as usize,
        Offsets::Chars => chars.chars_at(byte as usize),
    };
    diagnostics
        .into_iter()
        .map(|d| {
            let start = at(d.span.start);
            let end = at(d.span.end);
            let fix = d.fix.map(|fix| Fix {
                applicability: applicability_name(fix.applicability),
                edits: fix
                    .edits
                    .into_iter()
                    .map(|e| Edit {
                        start: at(e.start),
                        end: at(e.end),
                        replacement: e.replacement,
                    })
                    .collect(),
            });
            Found {
                text: text[d.span.range()].to_string(),
                rule: d.rule,
                severity: d.severity,
                message: d.message,
                start,
                end,
                fix,
            }
        })
        .collect()
}

impl Found {
    pub(crate) fn into_py(self, py: Python<'_>) -> PyResult<Finding> {
        let fix = self.fix.map(|fix| Py::new(py, fix)).transpose()?;
        Ok(Finding {
            rule: self.rule.to_string(),
            severity: self.severity.as_str(),
            message: self.message,
            start: self.start,
            end: self.end,
            text: self.text,
            fix,
        })
    }
}

fn applicability_name(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

/// One finding: a rule, how serious it is, what it says and where.
///
/// `start` and `end` are offsets into the linted text, in code points
/// (`offsets="chars"`, the default: `text[start:end] == finding.text`) or in
/// UTF-8 bytes (`offsets="bytes"`).
#[pyclass(frozen, get_all, module = "artlint")]
pub(crate) struct Finding {
    /// The rule id, `pack/name`.
    rule: String,
    /// `"error"`, `"warning"` or `"info"`.
    severity: &'static str,
    message: String,
    start: usize,
    end: usize,
    /// The text the finding points at.
    text: String,
    /// The suggested fix, if the rule has one.
    fix: Option<Py<Fix>>,
}

#[pymethods]
impl Finding {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Finding(rule={}, severity={}, start={}, end={}, text={})",
            repr(py, &self.rule)?,
            repr(py, self.severity)?,
            self.start,
            self.end,
            repr(py, &self.text)?
        ))
    }

    /// The finding as a dict, in the shape of the CLI's JSON Lines output:
    /// `{"rule", "severity", "message", "span": {"start", "end"}, "text",
    /// "fix": {"applicability", "edits": [{"start", "end", "replacement"}]} | None}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("rule", &self.rule)?;
        dict.set_item("severity", self.severity)?;
        dict.set_item("message", &self.message)?;
        let span = PyDict::new(py);
        span.set_item("start", self.start)?;
        span.set_item("end", self.end)?;
        dict.set_item("span", span)?;
        dict.set_item("text", &self.text)?;
        match &self.fix {
            Some(fix) => dict.set_item("fix", fix.get().to_dict(py)?)?,
            None => dict.set_item("fix", py.None())?,
        }
        Ok(dict)
    }
}

/// A suggested fix: edits to apply together, and how safe that is
/// (`"safe"`, `"unsafe"` or `"display-only"`).
#[pyclass(frozen, get_all, module = "artlint")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fix {
    applicability: &'static str,
    edits: Vec<Edit>,
}

#[pymethods]
impl Fix {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let edits = self
            .edits
            .iter()
            .map(|e| e.__repr__(py))
            .collect::<PyResult<Vec<String>>>()?;
        Ok(format!(
            "Fix(applicability={}, edits=[{}])",
            repr(py, self.applicability)?,
            edits.join(", ")
        ))
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("applicability", self.applicability)?;
        let edits = self
            .edits
            .iter()
            .map(|e| {
                let edit = PyDict::new(py);
                edit.set_item("start", e.start)?;
                edit.set_item("end", e.end)?;
                edit.set_item("replacement", &e.replacement)?;
                Ok(edit)
            })
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item("edits", edits)?;
        Ok(dict)
    }
}

/// Replace `[start, end)` (in the finding's offsets) with `replacement`.
#[pyclass(frozen, get_all, module = "artlint")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edit {
    start: usize,
    end: usize,
    replacement: String,
}

#[pymethods]
impl Edit {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Edit(start={}, end={}, replacement={})",
            self.start,
            self.end,
            repr(py, &self.replacement)?
        ))
    }
}

/// A string as Python shows it (`'a'`, quotes and escapes as `repr` writes them).
pub(crate) fn repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use artlint::{Document, RuleSet, builtin_pack, load_pack};

    fn findings(text: &str, offsets: Offsets) -> Vec<Found> {
        let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
        let mut all = rules.lint(&Document::new("t", text));
        all.retain(|d| &*d.rule == "names/exonym");
        found(text, all, offsets)
    }

    /// After non-ASCII text, code-point offsets are smaller than byte
    /// offsets, and both slice out the finding's text.
    #[test]
    fn chars_and_bytes_offsets_on_non_ascii_text() {
        let text = "Ça «va» — Vladimir Poutine a dit.\n";
        let bytes = findings(text, Offsets::Bytes);
        let chars = findings(text, Offsets::Chars);
        assert_eq!(bytes.len(), 1);
        assert_eq!((bytes[0].start, bytes[0].end), (24, 31));
        assert_eq!(&text[24..31], "Poutine");
        assert_eq!((chars[0].start, chars[0].end), (19, 26));
        let as_chars: String = text.chars().skip(19).take(7).collect();
        assert_eq!(as_chars, "Poutine");
        assert_eq!(chars[0].text, "Poutine");
        let fix = chars[0].fix.as_ref().unwrap();
        let edit = Edit {
            start: 19,
            end: 26,
            replacement: "Putin".to_string(),
        };
        assert_eq!(fix.edits, [edit]);
    }
}
