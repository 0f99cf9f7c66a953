//! Runs the `[[rule.test]]` examples of rules: every rule ships with the
//! proof that it fires where it should and stays quiet where it should not.

use crate::diagnostic::Applicability;
use crate::document::Document;
use crate::fixing::fix_until_stable;
use crate::rule::Rule;
use crate::ruleset::RuleSet;

/// One example whose outcome differs from what the rule file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFailure {
    pub rule: String,
    /// 0-based index of the example within the rule.
    pub example: usize,
    pub text: String,
    pub problem: String,
}

/// Runs every example of `rule`. With a `pack`, examples are linted with the
/// whole pack and only this rule's findings and fixes count (a rule may
/// measure what others found); without, with a rule set of this rule alone.
pub fn run_rule_tests(rule: &Rule, pack: Option<&RuleSet>) -> Vec<TestFailure> {
    let alone;
    let rules = match pack {
        Some(pack) => pack,
        None => {
            alone = RuleSet::new(vec![rule.clone()]);
            &alone
        }
    };
    let own = |diagnostics: Vec<crate::Diagnostic>| -> Vec<crate::Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| d.rule == rule.id)
            .collect()
    };
    let mut failures = Vec::new();
    for (i, test) in rule.tests.iter().enumerate() {
        let fail = |problem: String| TestFailure {
            rule: rule.id.to_string(),
            example: i,
            text: test.text.clone(),
            problem,
        };
        let doc = Document::new("example", &test.text);
        let diagnostics = own(rules.lint(&doc));
        let found: Vec<&str> = diagnostics.iter().map(|d| doc.slice(d.span)).collect();
        if found != test.expect {
            let spans: Vec<String> = diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{:?} at {}..{}",
                        doc.slice(d.span),
                        d.span.start,
                        d.span.end
                    )
                })
                .collect();
            failures.push(fail(format!(
                "expected {:?}, found [{}]",
                test.expect,
                spans.join(", ")
            )));
        }
        if let Some(fixed) = &test.fixed {
            // The loop `--fix --unsafe-fixes` runs, on this rule's fixes only.
            let lint = |text: &str| own(rules.lint(&Document::new("example", text)));
            let found = lint(&test.text);
            let text = fix_until_stable(&test.text, found, Applicability::Unsafe, lint).text;
            if &text != fixed {
                failures.push(fail(format!("expected fixed text {fixed:?}, got {text:?}")));
            }
        }
    }
    failures
}
