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

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(applicability: Applicability) -> RuleMeta {
        RuleMeta {
            id: Arc::from("t/r"),
            severity: Severity::Warning,
            message: "'{match}' → '{replacement}'".into(),
            applicability,
        }
    }

    #[test]
    fn a_report_carries_the_rule_and_its_message() {
        let rule = meta(Applicability::Safe);
        let d = rule
            .report(Span::new(2, 5), |name| match name {
                "match" => Some("abc".into()),
                "replacement" => Some("xyz".into()),
                _ => None,
            })
            .build();
        assert_eq!(&*d.rule, "t/r");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.span, Span::new(2, 5));
        assert_eq!(d.message, "'abc' → 'xyz'");
        assert!(d.labels.is_empty());
        assert_eq!(d.fix, None);
    }

    #[test]
    fn fixes_take_the_rule_applicability_capped_for_unsafe_ones() {
        let edit = || Edit::new(Span::new(0, 1), "x");
        let applicability = |rule: &RuleMeta, unsafe_fix: bool| {
            let report = rule.report(Span::new(0, 1), |_| None);
            let report = if unsafe_fix {
                report.unsafe_fix([edit()])
            } else {
                report.fix([edit()])
            };
            report.build().fix.map(|f| f.applicability)
        };
        let safe = meta(Applicability::Safe);
        let display = meta(Applicability::DisplayOnly);
        assert_eq!(applicability(&safe, false), Some(Applicability::Safe));
        assert_eq!(applicability(&safe, true), Some(Applicability::Unsafe));
        assert_eq!(
            applicability(&display, true),
            Some(Applicability::DisplayOnly)
        );
        // No edits: no fix.
        let d = safe
            .report(Span::new(0, 1), |_| None)
            .unsafe_fix(None)
            .build();
        assert_eq!(d.fix, None);
        let d = safe
            .report(Span::new(0, 1), |_| None)
            .severity(Severity::Info)
            .label(Span::new(3, 4), "here")
            .fix_with(Applicability::DisplayOnly, [edit()])
            .build();
        assert_eq!(d.severity, Severity::Info);
        assert_eq!(
            d.labels,
            [Label {
                span: Span::new(3, 4),
                message: "here".into()
            }]
        );
        assert_eq!(
            d.fix,
            Some(Fix {
                applicability: Applicability::DisplayOnly,
                edits: vec![edit()]
            })
        );
    }
}
