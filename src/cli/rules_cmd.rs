//! `artlint rules`, `artlint rule ID` and `artlint test-rules [DIR]`.

use std::path::Path;

use artlint::testing::run_rule_tests;
use artlint::{PackFile, builtin_pack, load_pack};

use super::args::RuleSource;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, load_or_report};

pub fn list(source: &RuleSource) -> u8 {
    let rules = match load_or_report(source) {
        Ok(rules) => rules,
        Err(status) => return status,
    };
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in &rules {
        println!(
            "{:width$}  {:12}  {:7}  {}",
            rule.id,
            rule.kind.name(),
            rule.severity,
            rule.summary()
        );
    }
    EXIT_CLEAN
}

pub fn show(id: &str, source: &RuleSource) -> u8 {
    let rules = match load_or_report(source) {
        Ok(rules) => rules,
        Err(status) => return status,
    };
    let Some(rule) = rules.iter().find(|r| &*r.id == id) else {
        eprintln!("artlint: error: no rule `{id}` (see `artlint rules`)");
        return EXIT_ERROR;
    };
    println!("{}", rule.id);
    println!(
        "kind: {}  severity: {}  category: {}  defined in: {}",
        rule.kind.name(),
        rule.severity,
        rule.category,
        rule.origin
    );
    println!();
    println!("{}", rule.explain);
    if !rule.tests.is_empty() {
        println!();
        println!("Examples:");
        for test in &rule.tests {
            let verdict = if test.expect.is_empty() {
                "not flagged".to_string()
            } else {
                format!("flags {:?}", test.expect)
            };
            println!("  {:?}  →  {verdict}", test.text);
            if let Some(fixed) = &test.fixed {
                println!("      fixed: {fixed:?}");
            }
        }
    }
    EXIT_CLEAN
}

pub fn test(dir: Option<&Path>) -> u8 {
    let files: Vec<PackFile> = match dir {
        None => builtin_pack(),
        Some(dir) => match super::packs::read_pack_dir(dir) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("artlint: error: {e:#}");
                return EXIT_ERROR;
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
            return EXIT_ERROR;
        }
    };
    let pack = artlint::RuleSet::new(rules.clone());
    let mut examples = 0;
    let mut failures = 0;
    let mut untested = Vec::new();
    for rule in &rules {
        examples += rule.tests.len();
        if rule.tests.is_empty() {
            untested.push(rule.id.to_string());
        }
        for failure in run_rule_tests(rule, Some(&pack)) {
            failures += 1;
            println!(
                "FAIL {} example {}: {:?}\n     {}",
                failure.rule,
                failure.example + 1,
                failure.text,
                failure.problem
            );
        }
    }
    for id in &untested {
        println!("note: {id} has no [[rule.test]] examples");
    }
    println!(
        "{} rules, {examples} examples, {failures} failed",
        rules.len()
    );
    if failures > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
