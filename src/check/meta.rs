//! What a check knows of the rule it runs for ([`RuleMeta`]), and how it
//! reports a finding ([`RuleMeta::report`]): the rule's id, severity and
//! message template go into every diagnostic the same way.

use std::sync::Arc;

use super::message::render_message;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::span::Span;

/// A rule's metadata, as checks see it.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `pack/name`; shared with every diagnostic, so cloning is cheap.
    pub id: Arc<str>,
    pub severity: Severity,
    /// The message template (`{match}` and the kind's placeholders).
    pub message: String,
    /// How safe the rule's fixes are, where its kind offers one.
    pub applicability: Applicability,
}

impl RuleMeta {
    /// A finding of this rule at `span`, with the rule's severity and its
    /// message with the placeholders filled by `vars` (see
    /// [`render_message`]); no labels and no fix until added.
    pub fn report(&self, span: Span, vars: impl FnMut(&str) -> Option<String>) -> Report<'_> {
        Report {
            rule: self,
            diagnostic: Diagnostic {
                rule: self.id.clone(),
                severity: self.severity,
                span,
                message: render_message(&self.message, vars),
                labels: Vec::new(),
                fix: None,
            },
        }
    }
}

/// A diagnostic being built by [`RuleMeta::report`]; [`Report::build`] ends it.
#[must_use = "a report is pushed with `.build()`"]
#[derive(Debug)]
pub struct Report<'r> {
    rule: &'r RuleMeta,
    diagnostic: Diagnostic,
}

impl Report<'_> {
    /// Another severity than the rule's (a finding the check is less sure of).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.diagnostic.severity = severity;
        self
    }

    /// A secondary location that explains the finding.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.diagnostic.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// A fix at the rule's applicability. No edits: no fix.
    pub fn fix(self, edits: impl IntoIterator<Item = Edit>) -> Self {
        let applicability = self.rule.applicability;
        self.fix_with(applicability, edits)
    }

    /// A fix that may change meaning: at most [`Applicability::Unsafe`]
    /// (a rule file may lower it further). No edits: no fix.
    pub fn unsafe_fix(self, edits: impl IntoIterator<Item = Edit>) -> Self {
        let applicability = self.rule.applicability.min(Applicability::Unsafe);
        self.fix_with(applicability, edits)
    }

    /// A fix at exactly `applicability`. No edits: no fix.
    pub fn fix_with(
        mut self,
        applicability: Applicability,
        edits: impl IntoIterator<Item = Edit>,
    ) -> Self {
        let edits: Vec<Edit> = edits.into_iter().collect();
        self.diagnostic.fix = (!edits.is_empty()).then_some(Fix {
            applicability,
            edits,
        });
        self
    }

    pub fn build(self) -> Diagnostic {
        self.diagnostic
    }
}
