//! Findings as LSP diagnostics: severity, the rule id as `code` with a link
//! to the rule's definition, secondary labels (an acronym's long form, the
//! other spelling of a name) as related information.

use std::collections::HashMap;
use std::path::Path;

use artlint::{Diagnostic, RuleSet, Severity, Span};
use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Uri,
};

use super::config::Problem;
use super::position::Lines;

pub(super) const SOURCE: &str = "artlint";

pub(super) fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub(super) fn to_lsp(d: &Diagnostic, lines: &Lines, uri: &Uri, docs: &RuleDocs) -> LspDiagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(label.span)),
            message: label.message.clone(),
        })
        .collect();
    LspDiagnostic {
        range: lines.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: docs
            .0
            .get(&*d.rule)
            .map(|href| CodeDescription { href: href.clone() }),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Where each rule is documented: the rule file that defines it. A rule of
/// a pack on disk links to its file; a built-in rule to its file in the
/// project's repository, when Cargo.toml names one.
pub(super) struct RuleDocs<'r>(HashMap<&'r str, Uri>);

impl<'r> RuleDocs<'r> {
    pub(super) fn new(rules: &'r RuleSet) -> RuleDocs<'r> {
        let repository = env!("CARGO_PKG_REPOSITORY");
        let docs = rules.rules().iter().filter_map(|rule| {
            let origin = Path::new(&rule.origin);
            let uri = if origin.is_absolute() {
                super::uri::from_path(origin)
            } else if repository.is_empty() {
                None
            } else {
                format!("{repository}/blob/main/{}", rule.origin)
                    .parse()
                    .ok()
            };
            Some((&*rule.id, uri?))
        });
        RuleDocs(docs.collect())
    }
}

/// A configuration or rule-file problem as an error on that file.
pub(super) fn problem_to_lsp(problem: &Problem, lines: &Lines) -> LspDiagnostic {
    let span = problem
        .span
        .as_ref()
        .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end.max(r.start)));
    LspDiagnostic {
        range: lines.range(span),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: problem.message.clone(),
        ..LspDiagnostic::default()
    }
}
