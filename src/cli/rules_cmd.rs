//! `artlint rules`, `artlint rule ID` and `artlint test-rules [DIR]`.
//! Output goes through [`to_stdout`]: a closed pipe ends quietly, a failed
//! write is an error that names stdout.

use std::path::Path;

use artlint::testing::run_rule_tests;
use artlint::{PackFile, Rule, builtin_pack, load_pack};

use super::args::RuleSource;
use super::load_or_report;
use super::output::to_stdout;
use super::status::ExitStatus;

pub(super) fn list(source: &RuleSource) -> ExitStatus {
    let rules = match load_or_report(source) {
        Ok(rules) => rules,
        Err(reported) => return reported.into(),
    };
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    to_stdout(ExitStatus::Clean, |out| {
        for rule in &rules {
            writeln!(
                out,
                "{:width$}  {:12}  {:7}  {}",
                rule.id,
                rule.kind.name(),
                rule.severity,
                rule.summary()
            )?;
        }
        Ok(())
    })
}

pub(super) fn show(id: &str, source: &RuleSource) -> ExitStatus {
    let rules = match load_or_report(source) {
        Ok(rules) => rules,
        Err(reported) => return reported.into(),
    };
    let Some(rule) = rules.iter().find(|r| &*r.id == id) else {
        eprintln!("artlint: error: no rule `{id}` (see `artlint rules`)");
        return ExitStatus::Error;
    };
    let text = explanation(rule);
    to_stdout(ExitStatus::Clean, |out| write!(out, "{text}"))
}

/// What `artlint rule ID` prints: the rule's id, kind, severity, origin,
/// explanation and examples. The language server's hover shows the same.
pub(super) fn explanation(rule: &Rule) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{}", rule.id);
    let _ = writeln!(
        out,
        "kind: {}  severity: {}  category: {}  defined in: {}",
        rule.kind.name(),
        rule.severity,
        rule.category,
        rule.origin
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", rule.explain);
    if !rule.tests.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Examples:");
        for test in &rule.tests {
            let verdict = if test.expect.is_empty() {
                "not flagged".to_string()
            } else {
                format!("flags {:?}", test.expect)
            };
            let _ = writeln!(out, "  {:?}  →  {verdict}", test.text);
            if let Some(fixed) = &test.fixed {
                let _ = writeln!(out, "      fixed: {fixed:?}");
            }
        }
    }
    out
}

pub(super) fn test(dir: Option<&Path>) -> ExitStatus {
    let files: Vec<PackFile> = match dir {
        None => builtin_pack(),
        Some(dir) => match super::packs::read_pack_dir(dir) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("artlint: error: {e:#}");
                return ExitStatus::Error;
            }
        },
    };
    let rules = match load_pack(&files) {
        Ok(rules) => rules,
        Err(errors) => {
            let mut stderr = codespan_reporting::term::termcolor::StandardStream::stderr(
                codespan_reporting::term::termcolor::ColorChoice::Never,
            );
            let _ = super::packs::render_rule_errors(&errors, &mut stderr);
            return ExitStatus::Error;
        }
    };
    let pack = artlint::RuleSet::new(rules.clone());
    let mut examples = 0;
    let mut untested = Vec::new();
    let mut failed = Vec::new();
    for rule in &rules {
        examples += rule.tests.len();
        if rule.tests.is_empty() {
            untested.push(rule.id.to_string());
        }
        failed.extend(run_rule_tests(rule, Some(&pack)));
    }
    let status = ExitStatus::findings_if(!failed.is_empty());
    to_stdout(status, |out| {
        for failure in &failed {
            writeln!(
                out,
                "FAIL {} example {}: {:?}\n     {}",
                failure.rule,
                failure.example + 1,
                failure.text,
                failure.problem
            )?;
        }
        for id in &untested {
            writeln!(out, "note: {id} has no [[rule.test]] examples")?;
        }
        writeln!(
            out,
            "{} rules, {examples} examples, {} failed",
            rules.len(),
            failed.len()
        )
    })
}
