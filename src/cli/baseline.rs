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

pub fn entries(reports: &[FileReport]) -> Vec<Entry> {
    let mut findings: Vec<Entry> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(|d| Entry {
                path: normalize(&r.path),
                rule: d.rule.to_string(),
                fingerprint: fingerprint(&r.text, d),
            })
        })
        .collect();
    findings.sort();
    findings
}

pub fn write(path: &Path, reports: &[FileReport]) -> Result<usize, String> {
    let baseline = Baseline {
        version: 1,
        findings: entries(reports),
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

/// Removes the findings recorded in `baseline` (each entry hides one
/// finding); returns how many were hidden.
pub fn apply(baseline: &Baseline, reports: &mut [FileReport]) -> usize {
    let mut remaining: HashMap<Entry, usize> = HashMap::new();
    for entry in &baseline.findings {
        *remaining.entry(entry.clone()).or_default() += 1;
    }
    let mut hidden = 0;
    for report in reports.iter_mut() {
        let path = normalize(&report.path);
        let text = &report.text;
        report.diagnostics.retain(|d| {
            let key = Entry {
                path: path.clone(),
                rule: d.rule.to_string(),
                fingerprint: fingerprint(text, d),
            };
            match remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    hidden += 1;
                    false
                }
                _ => true,
            }
        });
    }
    hidden
}
