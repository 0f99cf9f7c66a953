//! The exceptions artlint raises, and how setup errors become them.

use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;

use crate::setup::SetupError;

create_exception!(
    artlint,
    ArtlintError,
    PyValueError,
    "Base class of artlint's errors about rules and configuration."
);
create_exception!(
    artlint,
    ConfigError,
    ArtlintError,
    "A problem in a configuration file or in `select=`/`ignore=`; the message says `file:line:column: ...`."
);
create_exception!(
    artlint,
    RuleError,
    ArtlintError,
    "A problem in a rule file; the message says `file:line:column: ...`."
);

/// The Python exception for a setup error: a missing file is
/// `FileNotFoundError`, an unreadable one `OSError`.
pub(crate) fn to_py(error: SetupError) -> PyErr {
    let message = error.to_string();
    match error {
        SetupError::Config(_) => ConfigError::new_err(message),
        SetupError::Rules(_) => RuleError::new_err(message),
        SetupError::Io {
            not_found: true, ..
        } => PyFileNotFoundError::new_err(message),
        SetupError::Io { .. } => PyOSError::new_err(message),
        SetupError::Other(_) => ArtlintError::new_err(message),
    }
}
