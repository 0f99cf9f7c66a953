//! `--format github`: GitHub Actions workflow commands. (In progress.)

use std::io::Write;

use crate::cli::lint::FileReport;

pub fn emit(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let _ = (out, reports);
    Ok(())
}
