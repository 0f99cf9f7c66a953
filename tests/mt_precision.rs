//! False alarms seen on real machine-translated news (issue 13, item 7), each
//! checked through the whole default pack: the exact findings of the rules
//! concerned, spans and messages included, and the true findings next to them
//! that must survive.

use artlint::{Document, RuleSet, Severity, builtin_pack, load_pack};

fn rules() -> RuleSet {
    RuleSet::new(load_pack(&builtin_pack()).expect("built-in pack loads"))
}

/// Findings of the rules whose id starts with one of `prefixes`, as
/// `severity rule "text" start..end message`.
fn findings(text: &str, prefixes: &[&str]) -> Vec<String> {
    let doc = Document::new("mt.txt", text);
    rules()
        .lint(&doc)
        .iter()
        .filter(|d| prefixes.iter().any(|p| d.rule.starts_with(p)))
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            format!(
                "{severity} {} {:?} {}..{} {}",
                d.rule,
                doc.slice(d.span),
                d.span.start,
                d.span.end,
                d.message
            )
        })
        .collect()
}

// --- a. one name in two romanisations is not a misspelling -----------------

#[test]
fn romanisation_variants_of_listed_names_are_not_misspellings() {
    // Each line: a listed name (rules/data/names.txt) in another standard romanisation.
    let text = "Officials said Yury Ushakov spoke.\n\
                Officials said Yuriy Ushakov spoke.\n\
                Officials said Alexey Navalny spoke.\n\
                Officials said Dmitri Medvedev spoke.\n\
                Officials said Dmitriy Peskov spoke.\n\
                Officials said Andrey Belousov spoke.\n\
                Officials said Nikolay Patrushev spoke.\n\
                Officials said Evgeniy Prigozhin spoke.\n\
                Officials said Michail Gorbachev spoke.\n\
                Officials said Sergey Shoigu spoke.\n\
                Officials said Natalya Gavrilita spoke.\n\
                Officials said Yuliya Tymoshenko spoke.\n\
                Officials said Iulia Svyrydenko spoke.\n\
                Officials said Aleksandr Syrskyi spoke.\n\
                Officials said Aleksandr Lukashenko spoke.\n\
                Officials said Alexandr Novak spoke.\n\
                Officials said Vladimir Zelensky spoke.\n";
    assert_eq!(findings(text, &["names/misspelled"]), Vec::<String>::new());
}

#[test]
fn two_romanisations_in_one_document_are_a_variant_at_most() {
    let text = "Kremlin spokesman Dmitri Peskov said on Monday that talks would go on. \
                Later, spokesman Dmitriy Peskov declined to comment.";
    assert_eq!(
        findings(text, &["names/"]),
        [
            "warning names/variant \"Dmitriy\" 88..95 'Dmitriy' is one of several spellings \
             of a name in this document: `Dmitri` ×1 (line 1), `Dmitriy` ×1 (line 1)"
        ]
    );
}

#[test]
fn a_misspelling_that_is_no_romanisation_is_still_reported() {
    let text = "Security Council secretary Nikolai Patrushov met Sergey Lavorv.";
    assert_eq!(
        findings(text, &["names/misspelled"]),
        [
            "warning names/misspelled \"Patrushov\" 35..44 'Patrushov' looks like a \
             misspelling of 'Patrushev' (Nikolai Patrushev)",
            "warning names/misspelled \"Lavorv\" 56..62 'Lavorv' looks like a misspelling \
             of 'Lavrov' (Sergey Lavrov)",
        ]
    );
}

// --- b. no misspelling without the listed person's other name -------------

#[test]
fn a_lone_name_near_a_listed_one_is_never_a_warning() {
    // `Kanjiro` and `Lavorv` stand alone: nothing anchors them to a listed person.
    let text = "The hero, Kanjiro, trains hard. Officials said Lavorv spoke.";
    assert_eq!(
        findings(text, &["names/misspelled"]),
        [
            "info names/misspelled \"Lavorv\" 47..53 'Lavorv' looks like a misspelling of 'Lavrov' (Lavrov)"
        ]
    );
}

#[test]
fn a_short_common_surname_does_not_anchor_a_given_name() {
    // `Naoto Kan` is listed; `Naoko Kan` is someone else.
    let text = "The director, Naoko Kan, said the film was finished.";
    assert_eq!(findings(text, &["names/misspelled"]), Vec::<String>::new());
}

#[test]
fn another_listed_persons_given_name_is_not_a_misspelling() {
    // `Boris Johnson` is listed, and so is a `Doris` (Doris Leuthard).
    let text = "The singer, Doris Johnson, said she was happy.";
    assert_eq!(findings(text, &["names/misspelled"]), Vec::<String>::new());
}

#[test]
fn the_seed_misspelling_is_still_anchored() {
    let text = "President Kassym-Jopart Tokayev asked the CSTO for help.";
    assert_eq!(
        findings(text, &["names/misspelled"]),
        [
            "warning names/misspelled \"Jopart\" 17..23 'Jopart' looks like a misspelling of \
          'Jomart' (Kassym-Jomart Tokayev)"
        ]
    );
}

#[test]
fn plurals_of_listed_words_are_not_lone_misspellings() {
    // Lone capitalised words: `Market`, `Nations` and `Service` are on the list (in names of organisations).
    let text = "Shares in Markets fell, and the Nation said Services resumed.";
    assert_eq!(findings(text, &["names/misspelled"]), Vec::<String>::new());
}

// --- c. a person's name before a parenthesis is not a long form ------------

#[test]
fn a_persons_affiliation_in_parentheses_is_not_an_expansion() {
    let text = "The report was written by Sergei Ivanov (RFS) and Olaf Scholz (SPD). \
                Foreign Minister Sergei Lavrov (MFA) agreed; Anders Fogh Rasmussen (DF) did not. \
                The SI and OS teams, and the MSL and AFR offices, were told.";
    assert_eq!(findings(text, &["acronym/"]), Vec::<String>::new());
}

#[test]
fn a_scrambled_organisation_acronym_is_still_reported() {
    let text = "Tokayev appealed to the Collective Security Treaty Organization (CTSC). \
                The CSTO met. The CSTO agreed. Doctors Without Borders (MSF) helped.";
    assert_eq!(
        findings(text, &["acronym/"]),
        [
            "warning acronym/expansion-mismatch \"CTSC\" 65..69 `CTSC` does not match \
             `Collective Security Treaty Organization` (initials: CSTO, used 2 times in this document)",
            "warning acronym/inconsistent \"CTSC\" 65..69 `CTSC` looks like a variant of \
             `CSTO`, used 2 times in this document",
            "info acronym/expansion-mismatch \"MSF\" 128..131 `MSF` does not match \
             `Doctors Without Borders` (initials: DWB)",
        ]
    );
}

#[test]
fn an_unknown_given_name_is_no_evidence_of_a_person() {
    // Without a listed given name the pair of capitalised words may be an organisation's name.
    // `Reporters` opens a listed name, but an organisation's (`Reporters Without Borders`).
    let text = "Members of Reporters Without Borders (RSF) and Kanjiro Tanaka (KTS) spoke.";
    assert_eq!(
        findings(text, &["acronym/"]),
        [
            "info acronym/expansion-mismatch \"RSF\" 38..41 `RSF` does not match \
             `Reporters Without Borders` (initials: RWB)",
            "info acronym/expansion-mismatch \"KTS\" 63..66 `KTS` does not match \
             `Kanjiro Tanaka` (initials: KT)",
        ]
    );
}

// --- d. `had had` is English ----------------------------------------------

#[test]
fn had_had_is_english_and_had_had_had_is_a_loop() {
    assert_eq!(
        findings(
            "She had had enough of it. Had had he known, he would have left.",
            &["repetition/"]
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        findings(
            "They deleted the chats they had had had on the site.",
            &["repetition/"]
        ),
        ["warning repetition/loop \"had had\" 32..39 'had' repeated 3 times in a row"]
    );
}

// --- e. a space before a closing quote, then sentence punctuation ---------

#[test]
fn space_before_a_closing_quote_then_punctuation() {
    let text = "He used the word “freedom ”. Then he said “no ” , and left. \
                She wrote \"never \". Done.";
    assert_eq!(
        findings(text, &["punctuation/quote-spacing"]),
        [
            "warning punctuation/quote-spacing \" ”\" 27..31 closing quote after a space",
            "warning punctuation/quote-spacing \" ”\" 51..55 closing quote after a space",
            "warning punctuation/quote-spacing \" \\\"\" 84..86 closing quote after a space",
        ]
    );
}

#[test]
fn opening_quotes_ambiguous_straight_quotes_and_guillemets_are_left_alone() {
    let text = "He said “Yes.” Then “ comfort food ”. \
                She said \" yes \". It was 5 \". \
                He wrote « mot » and « autre ».\n\n\
                An odd \"quote . And \"one\" more.";
    assert_eq!(
        findings(text, &["punctuation/quote-spacing"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_quote_fix_removes_only_the_space() {
    let rules = rules();
    let text = "He used the word “freedom ”.";
    let doc = Document::new("mt.txt", text);
    let found: Vec<_> = rules
        .lint(&doc)
        .into_iter()
        .filter(|d| &*d.rule == "punctuation/quote-spacing")
        .collect();
    let (fixed, applied) = artlint::fix::apply_fixes(text, &found, artlint::Applicability::Unsafe);
    assert_eq!(
        (fixed.as_str(), applied),
        ("He used the word “freedom”.", 1)
    );
}
