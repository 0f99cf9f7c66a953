//! Translation artifacts through the whole default pack: exact spans and
//! messages (warnings and errors only), and the traps that must stay quiet.

use artlint::{Document, RuleSet, Severity, builtin_pack, load_pack};

fn lint(text: &str) -> Vec<String> {
    let rules = RuleSet::new(load_pack(&builtin_pack()).expect("built-in pack loads"));
    let doc = Document::new("t.txt", text);
    rules
        .lint(&doc)
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| format!("{} {}..{} {}", d.rule, d.span.start, d.span.end, d.message))
        .collect()
}

#[test]
fn foreign_script_runs_are_reported_once_with_their_script() {
    // `Моро` is half a name left in Cyrillic, not look-alike letters: one
    // finding, by script/foreign, and no mixed-script "fix" to `Mopozova`.
    let found =
        lint("The tennis report from ATP <男子テニス> said that Tatiana Мороzova won in the end.");
    assert_eq!(
        found,
        [
            "script/foreign 28..43 '男子テニス': Han and Katakana script in Latin-script text",
            "script/foreign 63..71 'Моро': Cyrillic letters inside a Latin-script word in Latin-script text",
        ]
    );
}

#[test]
fn untranslated_words_are_reported_with_their_letters() {
    let found =
        lint("A new variant of the kórónuveirunni was found at the border, and it is spreading.");
    assert_eq!(
        found,
        [
            "mt/untranslated 21..37 'kórónuveirunni' looks untranslated: English words do not use `ó`"
        ]
    );
}

#[test]
fn ascii_source_words_are_reported_for_their_spelling_beside_others() {
    // Invented Icelandic-looking words: two with their letters, one without.
    let found = lint(
        "The hraðlestir and the gluggaveðrið kept the hjartavernd in the newsroom, and it was late.",
    );
    assert_eq!(
        found,
        [
            "mt/untranslated 4..15 'hraðlestir' looks untranslated: English words do not use `ð`",
            "mt/untranslated 24..38 'gluggaveðrið' looks untranslated: English words do not use `ð`",
            "mt/untranslated 48..59 'hjartavernd' looks untranslated: no English word is spelled like it, and the text has other source words",
        ]
    );
}

#[test]
fn a_word_loop_is_one_finding() {
    let found =
        lint("The ReYCup tournament tournament tournament holders have followed the rules.");
    assert_eq!(
        found,
        ["repetition/loop 22..43 'tournament' repeated 3 times in a row"]
    );
}

#[test]
fn names_with_diacritics_and_loanwords_are_quiet() {
    let found = lint(
        "Guðrún Jóhannsdóttir opened a café in Reykjavík with Søren, whose résumé is naïve. \
         The city of Kyiv (Київ) and the daily Pravda (“Правда”) were mentioned, and TNFα too.",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_hyphen_for_a_dash_names_the_clause_it_opens() {
    let found = lint(
        "They collapsed into two black holes-each ten times the sun. \
         A state-of-the-art, read-only tool for-each loops.",
    );
    assert_eq!(
        found,
        [
            "punctuation/hyphen-as-dash 35..36 a hyphen joins two clauses here (before 'each'): a dash was meant"
        ]
    );
}
