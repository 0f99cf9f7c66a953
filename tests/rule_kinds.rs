//! Rule kinds as units: the kind table, the thresholds a kind reads from rule
//! keys (with the defaults the checks had as constants), and the built-in
//! rule files stating the thresholds their `explain` quotes.

use artlint::check::acronym::Consistency as AcronymConsistency;
use artlint::check::duplicate_line::DuplicateLine;
use artlint::check::link_block::LinkBlock;
use artlint::check::name_variant::NameVariants;
use artlint::check::names::Names;
use artlint::check::overuse::Overuse;
use artlint::check::quality::Quality;
use artlint::check::repetition_loop::RepetitionLoop;
use artlint::check::{Check, KINDS};
use artlint::{Document, PackFile, Rule, RuleSet, builtin_pack, load_pack};

fn load(text: &str) -> Result<Vec<Rule>, Vec<String>> {
    let files = vec![PackFile {
        path: "pack/r.toml".into(),
        text: text.into(),
    }];
    load_pack(&files).map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

fn rule(kind: &str, keys: &str) -> String {
    format!("[[rule]]\nid = \"t/r\"\nkind = \"{kind}\"\nmessage = \"{{match}}\"\n{keys}")
}

fn builtin(id: &str) -> Rule {
    load_pack(&builtin_pack())
        .expect("built-in pack loads")
        .into_iter()
        .find(|r| &*r.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn found(rules: Vec<Rule>, text: &str) -> Vec<String> {
    let doc = Document::new("t.txt", text);
    RuleSet::new(rules)
        .lint(&doc)
        .iter()
        .map(|d| format!("{}..{}", d.span.start, d.span.end))
        .collect()
}

#[test]
fn the_unknown_kind_error_lists_the_kind_table_in_order() {
    let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    let e = load(&rule("nope", "")).unwrap_err();
    assert_eq!(
        e,
        [format!(
            "pack/r.toml:3:8: unknown rule kind `nope` (known kinds: {})",
            names.join(", ")
        )]
    );
}

#[test]
fn link_block_thresholds_are_rule_keys() {
    let menu = "Politics\nBusiness\nSport\nWorld\nClimate\nThe council met on Monday.\n";
    // Five items: below the default of six.
    assert_eq!(
        found(load(&rule("link-block", "")).unwrap(), menu),
        Vec::<String>::new()
    );
    assert_eq!(
        found(load(&rule("link-block", "min-lines = 5\n")).unwrap(), menu),
        ["0..37"]
    );
    // `max-words = 0`: no line is short enough to be an item.
    assert_eq!(
        found(
            load(&rule("link-block", "min-lines = 5\nmax-words = 0\n")).unwrap(),
            menu
        ),
        Vec::<String>::new()
    );
    // `max-chars = 7`: `Politics` and `Business` are too long; the run is three.
    assert_eq!(
        found(
            load(&rule("link-block", "min-lines = 3\nmax-chars = 7\n")).unwrap(),
            menu
        ),
        ["18..37"]
    );
}

#[test]
fn threshold_values_are_checked() {
    assert_eq!(
        load(&rule("link-block", "min-lines = 0\n")).unwrap_err(),
        ["pack/r.toml:5:13: `min-lines` must be at least 1"]
    );
    assert_eq!(
        load(&rule("link-block", "min-lines = -1\n")).unwrap_err(),
        ["pack/r.toml:5:13: invalid value: integer `-1`, expected u32"]
    );
    assert_eq!(
        load(&rule("repetition-loop", "min-repeats = 1\n")).unwrap_err(),
        ["pack/r.toml:5:15: `min-repeats` must be at least 2"]
    );
    assert_eq!(
        load(&rule("overuse", "window = \"ten\"\n")).unwrap_err(),
        ["pack/r.toml:5:10: invalid type: string \"ten\", expected u32"]
    );
    // A kind's key on another kind is rejected, as every kind-specific key is.
    assert_eq!(
        load(&rule("existence", "tokens = [\"a\"]\nmin-lines = 3\n")).unwrap_err(),
        [
            "pack/r.toml:6:13: key `min-lines` is not used by rules of kind `existence` (it accepts: tokens, patterns)"
        ]
    );
}

#[test]
fn repetition_loop_and_overuse_thresholds_are_rule_keys() {
    let text = "we met the team the team and then we went home\n";
    assert_eq!(
        found(load(&rule("repetition-loop", "")).unwrap(), text),
        Vec::<String>::new()
    );
    assert_eq!(
        found(
            load(&rule("repetition-loop", "min-repeats = 2\n")).unwrap(),
            text
        ),
        ["16..24"]
    );
    let text = "the budget was late; budget talks failed, and the budget\n";
    assert_eq!(found(load(&rule("overuse", "")).unwrap(), text), ["50..56"]);
    assert_eq!(
        found(load(&rule("overuse", "min-uses = 4\n")).unwrap(), text),
        Vec::<String>::new()
    );
    assert_eq!(
        found(load(&rule("overuse", "min-letters = 7\n")).unwrap(), text),
        Vec::<String>::new()
    );
    assert_eq!(
        found(load(&rule("overuse", "window = 5\n")).unwrap(), text),
        Vec::<String>::new()
    );
}

#[test]
fn duplicate_line_thresholds_are_rule_keys() {
    let text = "Share this story now\nBody text.\nShare this story now\n";
    // Twenty characters: reported by default; not with `min-chars = 21`.
    assert_eq!(
        found(load(&rule("duplicate-line", "")).unwrap(), text),
        ["32..52"]
    );
    assert_eq!(
        found(
            load(&rule("duplicate-line", "min-chars = 21\n")).unwrap(),
            text
        ),
        Vec::<String>::new()
    );
    // More repeats than `max-repeats`: info, not the rule's severity.
    let doc = Document::new("t.txt", text);
    let rules = RuleSet::new(load(&rule("duplicate-line", "max-repeats = 0\n")).unwrap());
    let severities: Vec<_> = rules.lint(&doc).iter().map(|d| d.severity).collect();
    assert_eq!(severities, [artlint::Severity::Info]);
}

/// `f` of the rule compiled from `text` (no threshold keys: the kind's
/// defaults) and of the built-in rule `id`.
fn default_and_builtin<T: Check, V>(text: &str, id: &str, f: impl Fn(&T) -> V) -> (V, V) {
    let own = load(text).expect("loads").remove(0);
    let builtin = builtin(id);
    (
        f(own.kind.downcast_ref().expect("kind")),
        f(builtin.kind.downcast_ref().expect("kind")),
    )
}

/// The defaults are the constants the checks had; the built-in rules state
/// the same values next to the `explain` that quotes them.
#[test]
fn defaults_are_the_old_constants_and_the_builtin_rules_state_them() {
    let (default, stated) = default_and_builtin(
        &rule("link-block", ""),
        "scrape/link-block",
        |k: &LinkBlock| (k.min_lines, k.max_words, k.max_chars),
    );
    assert_eq!(default, (6, 4, 40));
    assert_eq!(stated, default);

    let (default, stated) = default_and_builtin(
        &rule("duplicate-line", ""),
        "scrape/duplicate-line",
        |k: &DuplicateLine| (k.min_chars, k.max_repeats),
    );
    assert_eq!(default, (20, 3));
    assert_eq!(stated, default);

    let (default, stated) = default_and_builtin(
        &rule("repetition-loop", ""),
        "repetition/loop",
        |k: &RepetitionLoop| (k.max_words, k.min_repeats),
    );
    assert_eq!(default, (8, 3));
    assert_eq!(stated, default);

    let (default, stated) =
        default_and_builtin(&rule("overuse", ""), "repetition/overuse", |k: &Overuse| {
            (k.min_letters, k.min_uses, k.window)
        });
    assert_eq!(default, (6, 3, 100));
    assert_eq!(stated, default);

    let (default, stated) = default_and_builtin(
        &rule("acronym-consistency", ""),
        "acronym/inconsistent",
        |k: &AcronymConsistency| (k.majority_factor, k.substitution_min_letters),
    );
    assert_eq!(default, (2, 4));
    assert_eq!(stated, default);

    let (default, stated) = default_and_builtin(
        &rule("name-variants", ""),
        "names/variant",
        |k: &NameVariants| k.min_letters,
    );
    assert_eq!(default, 5);
    assert_eq!(stated, default);

    let (default, stated) = default_and_builtin(
        &rule("names", "names = [\"Kassym-Jomart Tokayev\"]\n"),
        "names/misspelled",
        |k: &Names| k.index.min_surname(),
    );
    assert_eq!(default, 6);
    assert_eq!(stated, default);

    let (default, _) = default_and_builtin(
        &rule("quality", "metric = \"stop-words\"\nminimum = 2\n"),
        "quality/stop-words",
        |k: &Quality| k.min_words,
    );
    assert_eq!(default, 50);
    for rule in load_pack(&builtin_pack()).unwrap() {
        if let Some(q) = rule.kind.downcast_ref::<Quality>() {
            assert_eq!(q.min_words, 50, "{}", rule.id);
        }
    }
}

/// The loader checks the shape of a rule file itself now (it no longer
/// deserializes the file in one piece): values of the wrong shape where rules
/// belong are errors with serde's wording, never a panic.
#[test]
fn wrong_shapes_where_rules_belong_are_errors() {
    let first = |text: &str| load(text).unwrap_err().remove(0);
    assert_eq!(
        first("rule = 5\n"),
        "pack/r.toml:1:8: invalid type: integer `5`, expected a sequence"
    );
    assert_eq!(
        first("rule = [1, 2]\n"),
        "pack/r.toml:1:9: invalid type: integer `1`, expected struct RuleSpec"
    );
    assert!(first("rule = [1979-05-27]\n").starts_with(
        "pack/r.toml:1:9: unknown field `$__toml_private_datetime`, expected one of `id`"
    ),);
    assert_eq!(
        first("rules = 1\n"),
        "pack/r.toml:1:1: unknown field `rules`, expected `rule`"
    );
    assert_eq!(
        first("[[rule]]\nid = \"t/r\"\n"),
        "pack/r.toml:1:1: missing field `kind`"
    );
}

/// Patterns without a literal every match contains cannot go behind the
/// literal gate; they run on every line or document instead, and find what
/// they should (slower, never silent).
#[test]
fn patterns_without_a_required_literal_still_match() {
    let boilerplate = load(&rule("boilerplate", "patterns = ['\\d{2,}', '[•|]+']")).unwrap();
    assert_eq!(
        found(boilerplate, "Prose line here.\n1234\n•|•\n12 likes\n"),
        ["17..21", "22..29"]
    );
    let existence = load(&rule("existence", "patterns = ['\\b\\d{5}\\b', '[«»]']")).unwrap();
    assert_eq!(
        found(existence, "Zip 12345 and «quoted»."),
        ["4..9", "14..16", "22..24"]
    );
    // The same patterns with a literal are gated, with the same results.
    let gated = load(&rule("existence", "patterns = ['\\bzip \\d{5}\\b']")).unwrap();
    assert_eq!(
        found(gated, "zip 12345, zip 54321 and zip code 1."),
        ["0..9", "11..20"]
    );
}

/// A substitution's `allow` lists words inside which its patterns' hits are
/// left alone, in any case; a hit outside any listed word still counts, and
/// so does one in a word that merely contains a listed one.
#[test]
fn substitution_allow_lists_words_a_pattern_leaves_alone() {
    let keys = "patterns = ['\\p{L}(?P<span>-)it\\b']\nreplace = ' — '\nallow = ['Post-it']";
    let rules = load(&rule("substitution", keys)).unwrap();
    assert_eq!(
        found(rules, "A post-it, a POST-it, years-it and repost-it."),
        ["27..28", "41..42"]
    );
    let without = load(&rule(
        "substitution",
        "patterns = ['\\p{L}(?P<span>-)it\\b']\nreplace = ' — '",
    ))
    .unwrap();
    assert_eq!(found(without, "A post-it."), ["6..7"]);
    // Swaps are literals, which `allow` does not filter: saying it is an error.
    let e = load(&rule(
        "substitution",
        "swap = { teh = 'the' }\nallow = ['teh']",
    ))
    .unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].ends_with("`allow` leaves words alone for `patterns` only, and this rule has none"),
        "{e:?}"
    );
}

/// The boilerplate kind remembers what each line matched across documents;
/// a rule that is off for one document (its language) must still fire on
/// the same line in the next.
#[test]
fn remembered_template_lines_follow_each_documents_rules() {
    let pack = r#"
[[rule]]
id = "scrape/imprint"
kind = "boilerplate"
languages = ["de"]
message = "imprint"
patterns = ["impressum und datenschutz"]

[[rule]]
id = "scrape/comments"
kind = "boilerplate"
message = "comments"
phrases = ["Comments are closed"]
"#;
    let rules = artlint::RuleSet::new(
        artlint::load_pack(&[artlint::PackFile {
            path: "memo.toml".into(),
            text: pack.into(),
        }])
        .expect("pack loads"),
    );
    let english = "The council said that the plan was approved and that it is now with the minister for a final decision by the end of the year, and this is what they have.\nImpressum und Datenschutz\nComments are closed.\n";
    let german = "Der Rat sagte, dass der Plan genehmigt wurde und die Entscheidung des Ministers nicht mehr auf sich warten lässt, auch für die Stadt ist das ein Schritt mit Folgen.\nImpressum und Datenschutz\nComments are closed.\n";
    let ids = |text: &str| -> Vec<String> {
        rules
            .lint(&artlint::Document::new("t", text))
            .into_iter()
            .map(|d| d.rule.to_string())
            .collect()
    };
    for _ in 0..2 {
        assert_eq!(ids(english), ["scrape/comments"]);
        assert_eq!(ids(german), ["scrape/imprint", "scrape/comments"]);
    }
}
