//! `--statistics`: how many findings each rule produced over the whole run.

use std::collections::HashMap;
use std::io::Write;

use artlint::Severity;

use crate::cli::lint::FileReport;

pub fn statistics(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let mut counts: HashMap<(&str, Severity), usize> = HashMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry((&*d.rule, d.severity)).or_default() += 1;
    }
    let mut rows: Vec<((&str, Severity), usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.0.cmp(b.0.0)));
    let total: usize = rows.iter().map(|r| r.1).sum();
    for ((rule, severity), count) in rows {
        writeln!(out, "{count:>7}  {severity:<7}  {rule}")?;
    }
    writeln!(out, "{total:>7}  total")
}
