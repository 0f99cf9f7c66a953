//! How a run ends: the exit status, and the marker for an error already
//! reported on stderr.

use std::process::ExitCode;

/// The exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing at or above `--fail-on`.
    Clean,
    /// 1: findings at or above `--fail-on`; changes `--diff` would make;
    /// failing rule examples.
    Findings,
    /// 2: a usage, configuration, rule-file or I/O error.
    Error,
}

impl ExitStatus {
    /// [`ExitStatus::Findings`] if `found`, else [`ExitStatus::Clean`].
    pub fn findings_if(found: bool) -> ExitStatus {
        if found {
            ExitStatus::Findings
        } else {
            ExitStatus::Clean
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// An error that has been written to stderr: the run ends with
/// [`ExitStatus::Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

impl From<Reported> for ExitStatus {
    fn from(_: Reported) -> ExitStatus {
        ExitStatus::Error
    }
}

/// The status of a run that ends early on a reported error, or normally.
pub(super) fn settle(result: Result<ExitStatus, Reported>) -> ExitStatus {
    result.unwrap_or_else(ExitStatus::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_the_documented_codes() {
        for (status, code) in [
            (ExitStatus::Clean, 0),
            (ExitStatus::Findings, 1),
            (ExitStatus::Error, 2),
        ] {
            assert_eq!(ExitCode::from(status), ExitCode::from(code));
        }
        assert_eq!(settle(Err(Reported)), ExitStatus::Error);
        assert_eq!(settle(Ok(ExitStatus::Findings)), ExitStatus::Findings);
        assert_eq!(ExitStatus::findings_if(false), ExitStatus::Clean);
    }
}
