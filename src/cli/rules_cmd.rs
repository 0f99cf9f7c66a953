//! `artlint rules`, `artlint rule ID` and `artlint test-rules [DIR]`. Each
//! sees what `check` would in the current folder: the packs, the
//! configuration found there (its `rule-dirs`, selection, severities and
//! `vocab/reject`) and the flags. Output goes through [`to_stdout`]: a closed
//! pipe ends quietly, a failed write is an error that names stdout.

use std::path::Path;

use artlint::testing::run_rule_tests;
use artlint::{PackFile, Rule, load_pack};

use super::args::{ConfigArgs, RuleSource};
use super::config::{Engine, Resolver};
use super::output::to_stdout;
use super::report_setup;
use super::status::{ExitStatus, Reported, settle};

/// Where `check .` would look for its configuration.
const HERE: &str = ".";

/// The engine `check` would use on a file in the current folder.
fn engine_here(resolver: &Resolver) -> Result<std::sync::Arc<Engine>, Reported> {
    resolver.engine_for(Path::new(HERE)).or_else(report_setup)
}

pub(super) fn list(source: &RuleSource, config: &ConfigArgs) -> ExitStatus {
    settle(try_list(source, config))
}

fn try_list(source: &RuleSource, config: &ConfigArgs) -> Result<ExitStatus, Reported> {
    let resolver = Resolver::new(config, source, None).or_else(report_setup)?;
    let engine = engine_here(&resolver)?;
    let rules = engine.rules.rules();
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    Ok(to_stdout(ExitStatus::Clean, |out| {
        for rule in rules {
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
    }))
}

pub(super) fn show(id: &str, source: &RuleSource, config: &ConfigArgs) -> ExitStatus {
    settle(try_show(id, source, config))
}

fn try_show(id: &str, source: &RuleSource, config: &ConfigArgs) -> Result<ExitStatus, Reported> {
    let resolver = Resolver::new(config, source, None).or_else(report_setup)?;
    let engine = engine_here(&resolver)?;
    // In effect (with the configured severity), else merely available.
    let available;
    let (rule, in_effect) = match engine.rules.rules().iter().find(|r| &*r.id == id) {
        Some(rule) => (rule, true),
        None => {
            available = resolver
                .available_rules(Path::new(HERE))
                .or_else(report_setup)?;
            match available.iter().find(|r| &*r.id == id) {
                Some(rule) => (rule, false),
                None => {
                    let ids: Vec<&str> = available.iter().map(|r| &*r.id).collect();
                    let hint = artlint::config::unknown_selector(id, &ids)
                        .unwrap_or_else(|| "`artlint rules` lists the rule ids".to_string());
                    eprintln!("artlint: error: no rule `{id}`; {hint}");
                    return Err(Reported);
                }
            }
        }
    };
    Ok(print_rule(rule, in_effect))
}

fn print_rule(rule: &Rule, in_effect: bool) -> ExitStatus {
    let text = explanation(rule, in_effect);
    to_stdout(ExitStatus::Clean, |out| write!(out, "{text}"))
}

/// What `artlint rule ID` prints: the rule's id, kind, severity, origin,
/// explanation and examples, and a note when the rule exists but is not in
/// effect. The language server's hover shows the same.
pub(super) fn explanation(rule: &Rule, in_effect: bool) -> String {
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
    if !in_effect {
        let _ = writeln!(
            out,
            "not in effect here: not selected by the configuration or the command line"
        );
    }
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

pub(super) fn test(dir: Option<&Path>, config: &ConfigArgs) -> ExitStatus {
    settle(try_test(dir, config))
}

/// A pack directory's rules alone; or the rules in effect here, each example
/// linted with every rule available here (a rule may measure what others
/// found), without the project's vocabulary (examples are the rule files'
/// own truth).
fn try_test(dir: Option<&Path>, config: &ConfigArgs) -> Result<ExitStatus, Reported> {
    let (rules, tested): (Vec<Rule>, Vec<Rule>) = match dir {
        Some(dir) => {
            let files: Vec<PackFile> = super::packs::read_pack_dir(dir).map_err(|e| {
                eprintln!("artlint: error: {e:#}");
                Reported
            })?;
            let rules = load_pack(&files)
                .map_err(super::config::SetupError::Rules)
                .or_else(report_setup)?;
            (rules.clone(), rules)
        }
        None => {
            let resolver =
                Resolver::new(config, &RuleSource::default(), None).or_else(report_setup)?;
            let in_effect: Vec<Rule> = engine_here(&resolver)?.rules.rules().to_vec();
            let available = resolver
                .available_rules(Path::new(HERE))
                .or_else(report_setup)?;
            (available, in_effect)
        }
    };
    Ok(run_examples(&rules, &tested))
}

fn run_examples(rules: &[Rule], tested: &[Rule]) -> ExitStatus {
    let pack = artlint::RuleSet::new(rules.to_vec());
    let mut examples = 0;
    let mut untested = Vec::new();
    let mut failed = Vec::new();
    for rule in tested {
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
            tested.len(),
            failed.len()
        )
    })
}
