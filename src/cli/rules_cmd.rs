//! `artlint rules`, `artlint rule ID` and `artlint test-rules [DIR]`.
//! Output goes through [`to_stdout`]: a closed pipe ends quietly, a failed
//! write is an error that names stdout.

use std::path::Path;

use artlint::testing::run_rule_tests;
use artlint::{PackFile, builtin_pack, load_pack};

use super::args::RuleSource;
use super::output::to_stdout;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, load_or_report};

pub fn list(source: &RuleSource) -> u8 {
    let rules = match load_or_report(source) {
        Ok(rules) => rules,
        Err(status) => return status,
    };
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    to_stdout(EXIT_CLEAN, |out| {
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

pub fn show(id: &str, source: &RuleSource) -> u8 {
    let rules = match load_or_report(source) {
        Ok(rules) => rules,
        Err(status) => return status,
    };
    let Some(rule) = rules.iter().find(|r| &*r.id == id) else {
        eprintln!("artlint: error: no rule `{id}` (see `artlint rules`)");
        return EXIT_ERROR;
    };
    to_stdout(EXIT_CLEAN, |out| {
        writeln!(out, "{}", rule.id)?;
        writeln!(
            out,
            "kind: {}  severity: {}  category: {}  defined in: {}",
            rule.kind.name(),
            rule.severity,
            rule.category,
            rule.origin
        )?;
        writeln!(out)?;
        writeln!(out, "{}", rule.explain)?;
        if !rule.tests.is_empty() {
            writeln!(out)?;
            writeln!(out, "Examples:")?;
            for test in &rule.tests {
                let verdict = if test.expect.is_empty() {
                    "not flagged".to_string()
                } else {
                    format!("flags {:?}", test.expect)
                };
                writeln!(out, "  {:?}  →  {verdict}", test.text)?;
                if let Some(fixed) = &test.fixed {
                    writeln!(out, "      fixed: {fixed:?}")?;
                }
            }
        }
        Ok(())
    })
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
    let mut untested = Vec::new();
    let mut failed = Vec::new();
    for rule in &rules {
        examples += rule.tests.len();
        if rule.tests.is_empty() {
            untested.push(rule.id.to_string());
        }
        failed.extend(run_rule_tests(rule, Some(&pack)));
    }
    let status = if failed.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    };
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
