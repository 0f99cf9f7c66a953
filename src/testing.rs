//! Runs the `[[rule.test]]` examples of rules: every rule ships with the
//! proof that it fires where it should and stays quiet where it should not.

use crate::diagnostic::Applicability;
use crate::document::Document;
use crate::fix::fix_until_stable;
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

/// Runs every example of `rule` against a rule set holding only that rule.
pub fn run_rule_tests(rule: &Rule) -> Vec<TestFailure> {
    let rules = RuleSet::new(vec![rule.clone()]);
    let mut failures = Vec::new();
    for (i, test) in rule.tests.iter().enumerate() {
        let fail = |problem: String| TestFailure {
            rule: rule.id.to_string(),
            example: i,
            text: test.text.clone(),
            problem,
        };
        let doc = Document::new("example", &test.text);
        let diagnostics = rules.lint(&doc);
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
            let outcome = fix_until_stable(&rules, "example", &test.text, Applicability::Unsafe);
            if &outcome.text != fixed {
                failures.push(fail(format!(
                    "expected fixed text {fixed:?}, got {:?}",
                    outcome.text
                )));
            }
        }
    }
    failures
}
