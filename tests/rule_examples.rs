//! Every `[[rule.test]]` example of the built-in pack runs under `cargo test`.

use artlint::testing::run_rule_tests;
use artlint::{builtin_pack, load_pack};

#[test]
fn builtin_pack_loads() {
    let rules = load_pack(&builtin_pack()).unwrap_or_else(|errors| {
        panic!(
            "built-in pack has errors: {:#?}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    assert!(rules.len() >= 4);
}

#[test]
fn every_builtin_example_passes() {
    let rules = load_pack(&builtin_pack()).expect("built-in pack loads");
    let pack = artlint::RuleSet::new(rules.clone());
    let failures: Vec<String> = rules
        .iter()
        .flat_map(|rule| run_rule_tests(rule, Some(&pack)))
        .map(|f| {
            format!(
                "{} example {}: {:?}: {}",
                f.rule,
                f.example + 1,
                f.text,
                f.problem
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_positive_and_negative_examples() {
    let rules = load_pack(&builtin_pack()).expect("built-in pack loads");
    let mut missing = Vec::new();
    for rule in &rules {
        if rule.kind.name() == "invalid-utf8" {
            continue; // needs bytes, tested in tests/cli.rs
        }
        let positive = rule.tests.iter().any(|t| !t.expect.is_empty());
        let negative = rule.tests.iter().any(|t| t.expect.is_empty());
        if !positive || !negative {
            missing.push(rule.id.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "rules without both positive and negative examples: {missing:?}"
    );
}

#[test]
fn a_failing_example_is_reported() {
    let files = vec![artlint::PackFile {
        path: "t.toml".into(),
        text: r#"
[[rule]]
id = "t/word"
kind = "existence"
message = "found {match}"
tokens = ["foo"]
[[rule.test]]
text = "foo and bar"
expect = ["bar"]
"#
        .into(),
    }];
    let rules = load_pack(&files).unwrap();
    let failures = run_rule_tests(&rules[0], None);
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].problem,
        r#"expected ["bar"], found ["foo" at 0..3]"#
    );
}
