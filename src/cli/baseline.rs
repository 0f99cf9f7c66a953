//! Baselines: record today's findings so CI fails only on new ones.
//!
//! A finding is recorded by path, rule and a position-independent fingerprint
//! (rule id, matched text and the words around it), so editing an article
//! above a known finding does not resurrect it. The file is sorted JSON, so it
//! diffs well in git.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use artlint::fingerprint::fingerprint;

use super::lint::FileReport;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, Clone)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

fn normalize(path: &str) -> String {
    path.replace('\\', "/").trim_start_matches("./").to_string()
}

/// The entries that record a report's findings.
pub fn entries(report: &FileReport) -> impl Iterator<Item = Entry> + '_ {
    let path = normalize(&report.path);
    report.diagnostics.iter().map(move |d| Entry {
        path: path.clone(),
        rule: d.rule.to_string(),
        fingerprint: fingerprint(&report.text, d),
    })
}

/// Writes `findings`, sorted; returns how many.
pub fn write(path: &Path, mut findings: Vec<Entry>) -> Result<usize, String> {
    findings.sort();
    let baseline = Baseline {
        version: 1,
        findings,
    };
    let mut json = serde_json::to_string_pretty(&baseline).map_err(|e| e.to_string())?;
    json.push('\n');
    std::fs::write(path, json)
        .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))?;
    Ok(baseline.findings.len())
}

pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: invalid baseline: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

/// The findings a baseline still hides: each entry hides one finding.
pub struct Known {
    remaining: HashMap<Entry, usize>,
}

impl Known {
    pub fn new(baseline: Baseline) -> Known {
        let mut remaining: HashMap<Entry, usize> = HashMap::new();
        for entry in baseline.findings {
            *remaining.entry(entry).or_default() += 1;
        }
        Known { remaining }
    }

    /// Removes the report's recorded findings; returns how many.
    pub fn hide(&mut self, report: &mut FileReport) -> usize {
        let path = normalize(&report.path);
        let text = &report.text;
        let remaining = &mut self.remaining;
        let before = report.diagnostics.len();
        report.diagnostics.retain(|d| {
            let key = Entry {
                path: path.clone(),
                rule: d.rule.to_string(),
                fingerprint: fingerprint(text, d),
            };
            match remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - report.diagnostics.len()
    }
}
