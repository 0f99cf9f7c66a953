//! Invariants shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and the
//! plain `cargo test` replay of saved regressions (`tests/properties.rs`
//! includes this file with `#[path]`). It depends only on `artlint` and std,
//! so both crates can compile it.
//!
//! Every function panics (via `assert!`) when an invariant is broken; that is
//! what libFuzzer reports as a crash and what a test reports as a failure.

#![allow(dead_code)]

use std::sync::OnceLock;

use artlint::{
    Applicability, Diagnostic, Document, FixOutcome, Format, PackFile, RuleSet, builtin_pack, fix,
    fix_as, lint_as, load_pack,
};

/// The full built-in pack, compiled once per process.
pub fn builtin_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::new(load_pack(&builtin_pack()).expect("the built-in pack loads")))
}

/// A small text with something for most rule kinds to look at; what a rule
/// file loaded from fuzzer input is run on.
pub const SAMPLE_TEXT: &str = "Source link\n\
    Vladimir Poutine met Kassym-Jopart Tokayev in Moscou , the the CSTO .\r\n\
    The Collective Security Treaty Organization (CTSC) said “target =” _blank “> \
    caf\u{e9} Ã© &amp; e-mail email\u{200b}\rComments are closed.\n";

/// Every diagnostic and every fix edit lies within `text` on char
/// boundaries; the edits of one fix do not overlap; labels are in bounds; the
/// list is sorted by [`Diagnostic::sort_key`].
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    let in_text = |what: &str, rule: &str, start: u32, end: u32| {
        let (s, e) = (start as usize, end as usize);
        assert!(s <= e, "{rule}: {what} start {s} after end {e}");
        assert!(
            e <= text.len(),
            "{rule}: {what} {s}..{e} past the end ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{rule}: {what} {s}..{e} not on char boundaries of {text:?}"
        );
    };
    for d in diagnostics {
        let rule = &*d.rule;
        in_text("span", rule, d.span.start, d.span.end);
        for label in &d.labels {
            in_text("label", rule, label.span.start, label.span.end);
        }
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                in_text("edit", rule, edit.start, edit.end);
            }
            for (i, a) in fix.edits.iter().enumerate() {
                for b in &fix.edits[i + 1..] {
                    assert!(
                        !a.span().overlaps(b.span()),
                        "{rule}: edits {:?} and {:?} of one fix overlap",
                        a.span(),
                        b.span()
                    );
                }
            }
        }
    }
    for pair in diagnostics.windows(2) {
        assert!(
            pair[0].sort_key() <= pair[1].sort_key(),
            "diagnostics out of order: {:?} before {:?}",
            pair[0].sort_key(),
            pair[1].sort_key()
        );
    }
}

/// Lints `text` with `rules`, checks the invariants and that a second lint
/// gives the same result.
pub fn lint_and_check(rules: &RuleSet, text: &str) -> Vec<Diagnostic> {
    let first = rules.lint(&Document::new("f", text));
    check_diagnostics(text, &first);
    let second = rules.lint(&Document::new("f", text));
    assert_eq!(first, second, "linting twice gave different results");
    first
}

/// Fuzz target `lint_bytes`: raw bytes through [`RuleSet::lint_bytes`].
pub fn lint_bytes(data: &[u8]) {
    let rules = builtin_rules();
    let (text, first) = rules.lint_bytes("f", data);
    check_diagnostics(&text, &first);
    if std::str::from_utf8(data).is_ok() {
        assert_eq!(&*text, std::str::from_utf8(data).unwrap());
    }
    let (text2, second) = rules.lint_bytes("f", data);
    assert_eq!(text, text2, "decoding twice gave different text");
    assert_eq!(first, second, "linting twice gave different results");
}

/// Fuzz target `load_rules`: arbitrary bytes as a rule file must load or
/// fail, never panic; a pack that loads is compiled and run on [`SAMPLE_TEXT`].
pub fn load_rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files = [PackFile {
        path: "f.toml".into(),
        text: text.to_string(),
    }];
    match load_pack(&files) {
        Ok(rules) => {
            let set = RuleSet::new(rules);
            lint_and_check(&set, SAMPLE_TEXT);
            lint_and_check(&set, text);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "Err with no errors");
            for e in &errors {
                // Rendering an error (with its line/column) must not panic either.
                let _ = e.to_string();
            }
        }
    }
}

/// Fuzz target `apply_fixes`: lint, apply every fix until stable, re-lint.
pub fn apply_fixes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    fix_and_check(builtin_rules(), Format::Text, &text);
}

/// Fixes `text` read as `format` (unsafe fixes included) with the library's
/// fix loop, the one `artlint check --fix --unsafe-fixes` runs, and checks
/// the outcome.
pub fn fix_and_check(rules: &RuleSet, format: Format, text: &str) -> FixOutcome {
    let outcome = fix_as(rules, format, "f", text, Applicability::Unsafe);
    assert!(outcome.passes <= fix::MAX_PASSES);
    assert!(outcome.applied >= outcome.passes);
    if outcome.passes == 0 {
        assert_eq!(outcome.text, text, "no pass, yet the text changed");
    }
    // `remaining` describes the final text.
    let relinted = lint_as(rules, format, "f", &outcome.text);
    check_diagnostics(&outcome.text, &relinted);
    assert_eq!(
        outcome.remaining, relinted,
        "`remaining` is not the lint of the final text"
    );
    outcome
}

/// Fuzz target `input_formats`: the first byte picks Markdown, HTML or a
/// JSONL record; the rest is the document. Diagnostics mapped back to the
/// source obey [`check_diagnostics`] against the source, applying their fixes
/// to the source gives valid UTF-8 (a `String`), and the whole is
/// deterministic. A JSONL line parses or fails with an error naming its
/// line; char offsets never exceed the text's length in chars.
pub fn input_formats(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let src = String::from_utf8_lossy(rest);
    match selector % 3 {
        0 => prose_and_check(Format::Markdown, &src),
        1 => prose_and_check(Format::Html, &src),
        _ => jsonl_and_check(&src),
    }
}

fn prose_and_check(format: Format, src: &str) {
    let prose = format
        .prose(src)
        .expect("Markdown and HTML are read as prose");
    assert_eq!(prose.source_len(), src.len());
    let rules = builtin_rules();
    let lint = || lint_as(rules, format, "f", src);
    let first = lint();
    check_diagnostics(src, &first);
    assert_eq!(first, lint(), "linting twice gave different results");
    let (fixed, _) = fix::apply_fixes(src, &first, Applicability::Unsafe);
    // Re-parsing the fixed source must not panic either.
    let _ = artlint::input::markdown(&fixed);
    let _ = artlint::input::html(&fixed);
    // The whole loop, as `--fix` runs it on a Markdown or HTML file.
    fix_and_check(rules, format, src);
}

fn jsonl_and_check(src: &str) {
    use artlint::input::jsonl::{CharOffsets, parse_record};
    let line = src.lines().next().unwrap_or("");
    match parse_record("f", 1, line, "text", "id") {
        Ok(record) => {
            let diagnostics = lint_and_check(builtin_rules(), &record.text);
            let total = record.text.chars().count();
            let mut chars = CharOffsets::new(&record.text);
            for d in &diagnostics {
                let (a, b) = (
                    chars.chars_at(d.span.start as usize),
                    chars.chars_at(d.span.end as usize),
                );
                assert!(a <= b && b <= total, "char span {a}..{b} of {total}");
            }
        }
        Err(e) => assert!(
            e.error.starts_with("f:1: "),
            "error without position: {}",
            e.error
        ),
    }
}

/// The built-in pack's rules, loaded once per process (configured copies
/// are cloned from it).
fn builtin_rule_list() -> &'static [artlint::Rule] {
    static RULES: OnceLock<Vec<artlint::Rule>> = OnceLock::new();
    RULES.get_or_init(|| load_pack(&builtin_pack()).expect("the built-in pack loads"))
}

/// A rule set per distinct configuration, compiled once: compiling the
/// whole pack for every input would leave the fuzzer a few runs a second.
fn configured_rules(
    settings: &artlint::config::Settings,
    configure: impl FnOnce() -> Result<Vec<artlint::Rule>, artlint::config::ConfigError>,
    run: impl FnOnce(&RuleSet),
) {
    use std::sync::Mutex;
    type Cache = Mutex<Vec<(artlint::config::Settings, &'static RuleSet)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let found = cache
        .lock()
        .expect("no poisoning")
        .iter()
        .find(|(s, _)| s == settings)
        .map(|(_, rules)| *rules);
    if let Some(rules) = found {
        return run(rules);
    }
    let rules = match configure() {
        Ok(rules) => rules,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let mut cached = cache.lock().expect("no poisoning");
    if cached.len() < MAX_CONFIGURED {
        // Leaked on purpose, at most MAX_CONFIGURED per process (each holds
        // the compiled pack, ~15 MB). Later configurations are configured
        // (above) but not linted with: compiling the pack for each input
        // would leave the fuzzer a few dozen runs a second.
        let set: &'static RuleSet = Box::leak(Box::new(
            RuleSet::new(rules).with_accepted(settings.accept.clone()),
        ));
        cached.push((settings.clone(), set));
        drop(cached);
        run(set);
    }
}

/// Configurations compiled and kept per fuzzing process.
const MAX_CONFIGURED: usize = 8;

/// Fuzz target `config_files`: arbitrary bytes as an `artlint.toml` parse
/// or fail with an error that renders (with its line and column). A config
/// that parses answers for a few paths (`exclude`, `[[overrides]]`), names
/// its unknown selectors, configures the built-in pack (select, ignore,
/// severity, accept, reject, names) and lints [`SAMPLE_TEXT`] and its own
/// text under the [`check_diagnostics`] invariants.
pub fn config_files(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = match artlint::config::Config::parse("artlint.toml", text) {
        Ok(config) => config,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let rules = builtin_rule_list();
    let ids: Vec<&str> = rules.iter().map(|r| &*r.id).collect();
    for e in config.unknown_selectors(&ids) {
        let _ = e.to_string();
    }
    for path in ["a.txt", "docs/b.md", "x/y/z.html", ""] {
        let _ = config.is_excluded(path);
        let settings = config.settings_for(path);
        configured_rules(
            &settings,
            || settings.configure(rules.to_vec()),
            |set| {
                lint_and_check(set, SAMPLE_TEXT);
                lint_and_check(set, text);
            },
        );
    }
}

/// Selections a command line might make (`--select`, `--ignore`), by index.
const SELECTIONS: [(&[&str], &[&str]); 8] = [
    (&[], &[]),
    (&["scrape/*"], &[]),
    (&["names/*", "acronym/*"], &[]),
    (&["encoding/*", "markup/*"], &[]),
    (&["locale/*", "punctuation/*"], &[]),
    (&["repetition/*", "quality/*"], &[]),
    (&["mt/*", "script/*", "suppression/*"], &[]),
    (&[], &["scrape/*", "names/*"]),
];

/// Fuzz target `lint_options`: what `artlint check` does with its options,
/// through the library's entry points. The first byte picks the input
/// format and whether unsafe fixes apply, the second a `--select`/`--ignore`
/// combination, the third the `--max-diagnostics` limit; the rest is the
/// document. The lint, the limited lint and the fix loop all keep the
/// invariants, and the limit holds.
pub fn lint_options(data: &[u8]) {
    let [options, selection, limit, rest @ ..] = data else {
        return;
    };
    let format = Format::ALL[*options as usize % Format::ALL.len()];
    let applicability = if options & 0x80 == 0 {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let (select, ignore) = SELECTIONS[*selection as usize % SELECTIONS.len()];
    let settings = artlint::config::Settings {
        select: (!select.is_empty()).then(|| select.iter().map(|s| s.to_string()).collect()),
        ignore: ignore.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let limit = 1 + *limit as usize % 8;
    let text = String::from_utf8_lossy(rest);
    configured_rules(
        &settings,
        || settings.configure(builtin_rule_list().to_vec()),
        |rules| {
            let all = lint_as(rules, format, "f", &text);
            check_diagnostics(&text, &all);
            let limited = artlint::lint::lint_as_with(
                rules,
                format,
                "f",
                &text,
                limit,
                &artlint::lint::Sequential,
            );
            check_diagnostics(&text, &limited.diagnostics);
            if !limited.stopped {
                assert_eq!(
                    limited.diagnostics, all,
                    "an unstopped limited lint is the whole lint"
                );
            }
            let outcome = fix_as(rules, format, "f", &text, applicability);
            assert!(outcome.passes <= fix::MAX_PASSES);
            let relinted = lint_as(rules, format, "f", &outcome.text);
            check_diagnostics(&outcome.text, &relinted);
            assert_eq!(
                outcome.remaining, relinted,
                "`remaining` is not the lint of the final text"
            );
        },
    );
}

/// The built-in pack's findings on [`SAMPLE_TEXT`], found once per process.
fn sample_findings() -> &'static [Diagnostic] {
    static FOUND: OnceLock<Vec<Diagnostic>> = OnceLock::new();
    FOUND.get_or_init(|| builtin_rules().lint(&Document::new("f", SAMPLE_TEXT)))
}

/// Fuzz target `baselines`: arbitrary bytes as a baseline file. It reads or
/// fails with an error that renders, never a panic; one that reads renders
/// back to the same findings, sorted; and with the sample's own findings
/// added, it hides every one of them and nothing else.
pub fn baselines(data: &[u8]) {
    use artlint::baseline::{Baseline, BaselineError, Entry, Known, VERSION};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let baseline = match Baseline::parse(text) {
        Ok(baseline) => baseline,
        Err(e) => {
            let _ = e.to_string();
            if let BaselineError::Invalid { line, .. } = e {
                assert!(line >= 1 && line <= text.lines().count() + 1, "line {line}");
            }
            return;
        }
    };
    assert!(matches!(baseline.version, 1 | VERSION));
    let mut sorted = baseline.findings.clone();
    sorted.sort();
    let again = Baseline::parse(&Baseline::render(baseline.findings.clone()))
        .expect("a rendered baseline reads back");
    assert_eq!(again.version, VERSION);
    assert_eq!(again.findings, sorted, "rendering changed the findings");

    let found = sample_findings();
    let mut findings = baseline.findings;
    findings.extend(found.iter().map(|d| Entry::new("f", SAMPLE_TEXT, d)));
    let mut known = Known::new(Baseline {
        version: VERSION,
        findings,
    });
    let mut left = found.to_vec();
    assert_eq!(known.hide("f", SAMPLE_TEXT, &mut left), found.len());
    assert!(left.is_empty());
}
