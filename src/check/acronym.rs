//! Acronyms: definitions `Long Form (SF)` / `SF (Long Form)` whose letters do
//! not match, and rare acronyms that are near-variants of a document's
//! majority form (`CTSC` where the article otherwise says `CSTO`).
//!
//! The alignment follows Schwartz & Hearst (2003), "A simple algorithm for
//! identifying abbreviation definitions in biomedical text": every letter of
//! the short form must match a letter of the long form, in order, the first
//! one at the start of a word. We add the constraint that every content word
//! of the long form contributes a letter, starting with its initial, so a
//! scrambled acronym cannot hide in the inner letters of a long name.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

mod facts;

use super::facts::{FactCheck, Facts, SectionFacts, check_whole};
use super::kind::{Check, Key, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::span::Span;
use facts::AcronymFacts;

/// `acronym-expansion`: see [`check_expansion`].
pub static EXPANSION: Kind = Kind {
    name: "acronym-expansion",
    keys: &[],
    placeholders: &["match", "long", "initials", "usage"],
    compile: |_| Ok(Arc::new(Expansion)),
    prepare: None,
};

const MAJORITY_FACTOR: Key<u32> = Key::new("majority-factor");
const SUBSTITUTION_MIN_LETTERS: Key<u32> = Key::new("substitution-min-letters");

/// `acronym-consistency`: see [`check_inconsistent`].
pub static CONSISTENCY: Kind = Kind {
    name: "acronym-consistency",
    keys: &[MAJORITY_FACTOR.decl(), SUBSTITUTION_MIN_LETTERS.decl()],
    placeholders: &["match", "majority", "count"],
    compile: |spec| {
        let default = Consistency::default();
        Ok(Arc::new(Consistency {
            majority_factor: spec.count(&MAJORITY_FACTOR, default.majority_factor, 1)?,
            substitution_min_letters: spec.count(
                &SUBSTITUTION_MIN_LETTERS,
                default.substitution_min_letters,
                0,
            )?,
        }))
    },
    prepare: None,
};

#[derive(Debug)]
pub struct Expansion;

impl Check for Expansion {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check_whole(self, doc, rule, out);
    }

    fn facts(&self) -> Option<&dyn FactCheck> {
        Some(self)
    }
}

impl FactCheck for Expansion {
    fn gather(&self, section: &Document) -> Box<dyn Facts> {
        Box::new(section.shared(AcronymFacts::gather))
    }

    fn decide(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        sections: &[SectionFacts<'_>],
        out: &mut Vec<Diagnostic>,
    ) {
        check_expansion(doc, rule, sections, out);
    }
}

/// An acronym-consistency rule's thresholds: rule keys, with these defaults.
#[derive(Debug, Clone, Copy)]
pub struct Consistency {
    /// `majority-factor` (2): how many times more frequent a near-variant
    /// must be to count as the majority form.
    pub majority_factor: usize,
    /// `substitution-min-letters` (4): one changed letter makes a
    /// near-variant only in acronyms this long (`NSA`/`NBA` are different).
    pub substitution_min_letters: usize,
}

impl Default for Consistency {
    fn default() -> Consistency {
        Consistency {
            majority_factor: 2,
            substitution_min_letters: 4,
        }
    }
}

impl Check for Consistency {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check_whole(self, doc, rule, out);
    }

    fn facts(&self) -> Option<&dyn FactCheck> {
        Some(self)
    }
}

impl FactCheck for Consistency {
    fn gather(&self, section: &Document) -> Box<dyn Facts> {
        Box::new(section.shared(AcronymFacts::gather))
    }

    fn decide(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        sections: &[SectionFacts<'_>],
        out: &mut Vec<Diagnostic>,
    ) {
        check_inconsistent(doc, rule, self, sections, out);
    }
}

/// Words that may sit inside a long form without giving it a letter.
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "to", "at", "a", "an",
    "&", "y", "et", "und", "der", "für",
];

/// An acronym definition found in a document.
#[derive(Debug, Clone)]
pub struct Definition {
    pub short: Span,
    pub long: Span,
    /// Initials of the long form's content words (the acronym it implies).
    pub initials: String,
    /// True when the short form aligns with the long form.
    pub aligned: bool,
}

fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// An acronym token: 2–10 uppercase letters (`CSTO`, `NATO`).
pub fn is_acronym(word: &str) -> bool {
    // The letters first: most words are not all capitals, and say so at
    // their second letter.
    word.chars().all(|c| c.is_uppercase()) && (2..=10).contains(&word.chars().count())
}

/// Letters of a word and of its hyphen parts' initials, lowercased.
struct LongWord<'a> {
    text: &'a str,
    span: Span,
}

/// The run of words a long form can be made of, right before `end`: capitalised
/// words with function words between them (a title-case name), or, if the
/// word right before is lowercase, up to `max` plain words. Stops at
/// sentence punctuation.
fn long_form_words<'a>(text: &'a str, end: usize, max: usize) -> (Vec<LongWord<'a>>, bool) {
    let mut words: Vec<LongWord<'a>> = Vec::new();
    let mut cursor = end;
    let mut title_case = None;
    loop {
        let before = &text[..cursor];
        let trimmed = before.trim_end_matches([' ', '\u{a0}']);
        // A comma may sit inside a title-case name (`Educational, Scientific and Cultural`).
        let (trimmed, comma) = match trimmed.strip_suffix(',') {
            Some(rest) => (rest.trim_end_matches(' '), true),
            None => (trimmed, false),
        };
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&'))
            .last()
            .map(|(i, _)| i);
        let Some(start) = start else { break };
        let word = &trimmed[start..];
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let function = is_function_word(word);
        match title_case {
            None => title_case = Some(capitalised),
            Some(true) if !capitalised && !function => break,
            Some(true) if comma && !capitalised => break,
            Some(false) if comma => break,
            _ => {}
        }
        if title_case == Some(false) && words.len() >= max {
            break;
        }
        words.push(LongWord {
            text: word,
            span: Span::new(start, trimmed.len()),
        });
        if words.len() > 12 {
            break;
        }
        cursor = start;
    }
    words.reverse();
    // Leading function words (`the`) are not part of the name.
    while words.first().is_some_and(|w| is_function_word(w.text)) {
        words.remove(0);
    }
    (words, title_case == Some(true))
}

/// Given names: the first word of each two- or three-word person name in the
/// built-in names list (`rules/data/names.txt`). A name counts as a person's
/// unless one of its words also belongs to an organisation's name there (a
/// name of four words or more, or one with a function word: `World` in `World
/// Health Organization`, `Doctors` in `Doctors Without Borders`).
static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let list = crate::builtin::BUILTIN_FILES
        .iter()
        .find(|(path, _)| *path == "rules/data/names.txt")
        .map_or("", |(_, text)| text);
    let entries: Vec<Vec<&str>> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split([' ', '-', '\u{a0}'])
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect();
    let connector = |t: &&str| {
        is_function_word(t) || t.eq_ignore_ascii_case("without") || t.eq_ignore_ascii_case("sans")
    };
    let organisation_words: HashSet<&str> = entries
        .iter()
        .filter(|e| e.len() >= 4 || e.iter().any(connector))
        .flatten()
        .copied()
        .collect();
    entries
        .iter()
        .filter(|e| (2..=3).contains(&e.len()))
        .filter(|e| !e.iter().any(|t| organisation_words.contains(t)))
        .map(|e| e[0])
        .filter(|t| name_shaped(t))
        .collect()
});

/// `Ivanov`, `McConnell`, `O’Brien`: a capital, some lowercase letters, letters only.
fn name_shaped(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !is_function_word(word)
}

/// True when the words end with a person's name: two or three name-shaped
/// words, the first a listed given name (`Sergei Ivanov`, `Foreign Minister
/// Sergei Lavrov`, `Anders Fogh Rasmussen`). An acronym in parentheses right
/// after a person's name is an affiliation (`Sergei Ivanov (RFS)`, a party, a
/// club, a country code), not the name's initials.
fn ends_with_person_name(words: &[LongWord]) -> bool {
    (2..=3).any(|len| {
        let Some(tail) = words.len().checked_sub(len).map(|i| &words[i..]) else {
            return false;
        };
        let given = tail[0].text.split('-').next().unwrap_or_default();
        GIVEN_NAMES.contains(given) && tail.iter().all(|w| name_shaped(w.text))
    })
}

/// Initials of the content words, hyphen parts counting as words.
fn initials(words: &[LongWord]) -> String {
    let mut out = String::new();
    for w in words.iter().filter(|w| !is_function_word(w.text)) {
        for part in w.text.split('-').filter(|p| !p.is_empty()) {
            if let Some(c) = part.chars().next() {
                out.extend(c.to_uppercase());
            }
        }
    }
    out
}

/// Schwartz–Hearst alignment, strict: every content word gives at least its
/// initial, in order; extra letters may come from inside a word; function
/// words may give their initial or nothing.
fn aligns(short: &str, words: &[LongWord]) -> bool {
    let short: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<(Vec<char>, bool)> = words
        .iter()
        .flat_map(|w| {
            w.text.split('-').filter(|p| !p.is_empty()).map(|p| {
                (
                    p.chars().flat_map(char::to_lowercase).collect(),
                    is_function_word(p),
                )
            })
        })
        .collect();
    // reachable[i][j]: the first i letters are matched by the first j words.
    fn go(short: &[char], words: &[(Vec<char>, bool)]) -> bool {
        match (short.is_empty(), words.is_empty()) {
            (true, true) => true,
            (_, true) => false,
            (true, false) => words.iter().all(|(_, function)| *function),
            (false, false) => {
                let (word, function) = &words[0];
                if *function && go(short, &words[1..]) {
                    return true;
                }
                if word.first() != Some(&short[0]) {
                    return false;
                }
                // The initial gives short[0]; then 0..k more letters from inside the word, in order.
                let mut taken = 1;
                if go(&short[taken..], &words[1..]) {
                    return true;
                }
                for &c in &word[1..] {
                    if taken < short.len() && c == short[taken] {
                        taken += 1;
                        if go(&short[taken..], &words[1..]) {
                            return true;
                        }
                    }
                }
                false
            }
        }
    }
    words.len() <= 16 && short.len() <= 12 && go(&short, &words)
}

/// Finds `Long Form (SF)` and `SF (Long Form)` definitions.
pub fn find_definitions(doc: &Document) -> Vec<Definition> {
    let text = doc.text;
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close_rel) = text[open + 1..].find([')', '\n']) else {
            continue;
        };
        let close = open + 1 + close_rel;
        if text.as_bytes()[close] != b')' {
            continue;
        }
        let inside = text[open + 1..close].trim();
        let inside_start = open + 1 + text[open + 1..close].find(inside).unwrap_or(0);
        if is_acronym(inside) && inside.chars().count() >= 2 {
            // Long Form (SF)
            let n = inside.chars().count();
            let (words, title_case) = long_form_words(text, open, n + 2);
            if words.is_empty() {
                continue;
            }
            let short = Span::new(inside_start, inside_start + inside.len());
            if let Some(def) = judge(inside, short, &words, title_case) {
                out.push(def);
            }
        } else if inside.split_whitespace().count() >= 2 && inside.len() < 200 {
            // SF (Long Form)
            let before = text[..open].trim_end_matches(' ');
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map(|(i, _)| i);
            let Some(start) = start else { continue };
            let sf = &before[start..];
            if !is_acronym(sf) || !inside.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let (words, title_case) = long_form_words(text, inside_start + inside.len(), 12);
            if words
                .first()
                .is_none_or(|w| (w.span.start as usize) < inside_start)
            {
                continue;
            }
            if let Some(def) = judge(sf, Span::new(start, before.len()), &words, title_case) {
                out.push(def);
            }
        }
    }
    out
}

/// Decides whether `short` matches some suffix of `words`; if not, reports
/// the initials of the last words as the acronym the long form implies.
fn judge(
    short: &str,
    short_span: Span,
    words: &[LongWord],
    title_case: bool,
) -> Option<Definition> {
    let n = short.chars().count();
    for start in 0..words.len() {
        let suffix = &words[start..];
        if is_function_word(suffix[0].text) {
            continue;
        }
        if initials(suffix).eq_ignore_ascii_case(short) || aligns(short, suffix) {
            return Some(Definition {
                short: short_span,
                long: Span::new(
                    suffix[0].span.start as usize,
                    suffix.last()?.span.end as usize,
                ),
                initials: initials(suffix),
                aligned: true,
            });
        }
    }
    if !title_case || ends_with_person_name(words) {
        // A lowercase phrase before a parenthesis is too often not a
        // definition, and one after a person's name is an affiliation.
        return None;
    }
    // The long form the short form claims: as many content words as it has letters.
    let mut content = 0;
    let mut first = words.len();
    for (i, w) in words.iter().enumerate().rev() {
        if !is_function_word(w.text) {
            content += w.text.split('-').filter(|p| !p.is_empty()).count();
        }
        first = i;
        if content >= n {
            break;
        }
    }
    let long = &words[first..];
    Some(Definition {
        short: short_span,
        long: Span::new(long[0].span.start as usize, long.last()?.span.end as usize),
        initials: initials(long),
        aligned: false,
    })
}

/// `acronym/expansion-mismatch`: a definition whose short form does not match
/// its long form. A warning when the implied acronym is used elsewhere in the
/// document, info otherwise (acronyms kept from another language). Decided
/// over the facts of the document's `sections`.
pub fn check_expansion(
    doc: &Document,
    rule: &RuleMeta,
    sections: &[SectionFacts<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let definitions = facts::definitions(sections);
    if definitions.iter().all(|d| d.aligned) {
        return;
    }
    let occurrences = facts::occurrences(doc, sections);
    for def in definitions.iter().filter(|d| !d.aligned) {
        let short = doc.slice(def.short);
        if def.initials == short || def.initials.chars().count() < 2 {
            continue;
        }
        let used = occurrences.get(def.initials.as_str()).map_or(0, Vec::len);
        let long = doc.slice(def.long);
        let usage = if used > 0 {
            format!(
                "initials: {}, used {} time{} in this document",
                def.initials,
                used,
                if used == 1 { "" } else { "s" }
            )
        } else {
            format!("initials: {}", def.initials)
        };
        out.push(
            rule.report(def.short, |name| match name {
                "match" => Some(short.to_string()),
                "long" => Some(long.to_string()),
                "initials" => Some(def.initials.clone()),
                "usage" => Some(usage.clone()),
                _ => None,
            })
            .severity(if used > 0 {
                rule.severity
            } else {
                Severity::Info
            })
            .label(def.long, "long form")
            .unsafe_fix((used > 0).then(|| Edit::new(def.short, def.initials.clone())))
            .build(),
        );
    }
}

/// True if `a` and `b` (same length) differ by one substitution (in
/// acronyms of `substitution_min` letters or more), one adjacent
/// transposition, or are anagrams of each other.
fn near_variant(a: &[char], b: &[char], substitution_min: usize) -> bool {
    if a.len() != b.len() || a == b {
        return false;
    }
    let mut diffs = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (diffs.next(), diffs.next(), diffs.next()) {
        // One substitution is too weak for three-letter acronyms (`NSA`/`NBA`).
        (Some(_), None, _) => return a.len() >= substitution_min,
        (Some(i), Some(j), None) if j == i + 1 && a[i] == b[j] && a[j] == b[i] => return true,
        _ => {}
    }
    let (mut sa, mut sb) = (a.to_vec(), b.to_vec());
    sa.sort_unstable();
    sb.sort_unstable();
    sa == sb
}

/// `acronym/inconsistent`: a rare acronym that is a near-variant of the
/// majority form (`majority-factor` times as frequent), or of its own definition's
/// initials. Decided over the facts of the document's `sections`.
pub fn check_inconsistent(
    doc: &Document,
    rule: &RuleMeta,
    limits: &Consistency,
    sections: &[SectionFacts<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let occurrences = facts::occurrences(doc, sections);
    if occurrences.len() < 2 {
        return;
    }
    let definitions = facts::definitions(sections);
    // Each form with its letters, split once: forms are compared pairwise.
    let mut forms: Vec<(&str, Vec<char>, &Vec<Span>)> = occurrences
        .iter()
        .map(|(k, v)| (*k, k.chars().collect::<Vec<char>>(), v))
        .filter(|(_, letters, _)| letters.len() >= 3)
        .collect();
    forms.sort_by_key(|(k, _, _)| *k);
    for (minority, letters, spans) in &forms {
        let (minority, spans) = (*minority, *spans);
        // Defined by its own long form (`WebAssembly System Interface
        // (WASI)` beside `WASM`): an acronym of its own, not a scrambled one.
        if definitions
            .iter()
            .any(|d| d.aligned && doc.slice(d.short) == minority)
        {
            continue;
        }
        // One of three or more forms linked as near-variants (`CUU`, `UUC`,
        // `UCU`, `CUG` ...): letters of a code (codons, tickers), not one
        // acronym scrambled. And an English word in capitals (`THE` beside
        // `ETH`) is emphasis.
        if in_code_family(&forms, minority, limits.substitution_min_letters)
            || crate::lexicon::is_english(&minority.to_lowercase())
        {
            continue;
        }
        let defined_as = definitions
            .iter()
            .find(|d| doc.slice(d.short) == minority && !d.aligned);
        let majority = forms
            .iter()
            .filter(|(other, other_letters, other_spans)| {
                // The count first: most forms are rare.
                (other_spans.len() >= limits.majority_factor * spans.len()
                    && near_variant(letters, other_letters, limits.substitution_min_letters))
                    || (defined_as.is_some_and(|d| d.initials == **other)
                        && other_spans.len() > spans.len())
            })
            .max_by_key(|(other, _, other_spans)| (other_spans.len(), std::cmp::Reverse(*other)));
        let Some(&(majority, _, majority_spans)) = majority else {
            continue;
        };
        let majority_definition = definitions
            .iter()
            .find(|d| doc.slice(d.short) == minority || doc.slice(d.short) == majority);
        for &span in spans {
            if in_code_run(doc.text, span) {
                continue;
            }
            let count = majority_spans.len();
            let mut report = rule.report(span, |name| match name {
                "match" => Some(minority.to_string()),
                "majority" => Some(majority.to_string()),
                "count" => Some(count.to_string()),
                _ => None,
            });
            if let Some(def) = majority_definition {
                report = report.label(
                    def.long,
                    format!("defined here as {}", doc.slice(def.short)),
                );
            }
            out.push(report.unsafe_fix([Edit::new(span, majority)]).build());
        }
    }
}

/// True if the acronym at `span` stands among two or more other tokens of
/// capitals or digits, separated by spaces or commas only (`AUG UUU GUU`,
/// `3819,TAA,TGA`): a listing of codes, not prose.
fn in_code_run(text: &str, span: Span) -> bool {
    let code = |token: &str| {
        token.len() >= 2
            && token
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let separator = |c: char| c == ' ' || c == ',';
    let (start, end) = (span.start as usize, span.end as usize);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = text[line_start..start]
        .trim_end_matches(separator)
        .rsplit(separator)
        .take_while(|t| code(t))
        .count();
    let after = text[end..line_end]
        .trim_start_matches(separator)
        .split(separator)
        .take_while(|t| code(t))
        .count();
    // Only when something separates it from the neighbours at all.
    let joined =
        text[line_start..start].ends_with(separator) || text[end..line_end].starts_with(separator);
    joined && before + after >= 2
}

/// True if `form` and the forms it is a near-variant of, directly or
/// through others, are three or more.
fn in_code_family(forms: &[(&str, Vec<char>, &Vec<Span>)], form: &str, min_letters: usize) -> bool {
    let mut family: Vec<usize> = forms
        .iter()
        .position(|(f, _, _)| *f == form)
        .into_iter()
        .collect();
    let mut next = 0;
    while next < family.len() && family.len() < 3 {
        let letters = &forms[family[next]].1;
        for (k, (_, other, _)) in forms.iter().enumerate() {
            if !family.contains(&k) && near_variant(letters, other, min_letters) {
                family.push(k);
            }
        }
        next += 1;
    }
    family.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String, String, bool)> {
        let doc = Document::new("t", text);
        find_definitions(&doc)
            .into_iter()
            .map(|d| {
                (
                    doc.slice(d.short).to_string(),
                    doc.slice(d.long).to_string(),
                    d.initials,
                    d.aligned,
                )
            })
            .collect()
    }

    #[test]
    fn aligned_definitions() {
        assert!(
            defs("He appealed to the Collective Security Treaty Organization (CSTO), a bloc.")[0].3
        );
        assert_eq!(
            defs("prices of liquefied natural gas (LNG) rose")[0].1,
            "liquefied natural gas"
        );
        assert!(
            defs("the United Nations Educational, Scientific and Cultural Organization (UNESCO)")
                [0]
            .3
        );
        assert!(defs("the CSTO (Collective Security Treaty Organization) met")[0].3);
        assert!(defs("the Coronavirus Disease (COVID) spread")[0].3);
    }

    #[test]
    fn scrambled_definition_is_not_aligned() {
        let d =
            &defs("he appealed to the Collective Security Treaty Organization (CTSC), a bloc")[0];
        assert_eq!(
            (d.1.as_str(), d.2.as_str(), d.3),
            ("Collective Security Treaty Organization", "CSTO", false)
        );
        let d = &defs("the Kurdistan Workers' Party (PKK) said")[0];
        assert_eq!((d.2.as_str(), d.3), ("KWP", false));
    }

    #[test]
    fn given_names_come_from_person_names_only() {
        for name in ["Sergei", "Olaf", "Anders", "Kassym"] {
            assert!(GIVEN_NAMES.contains(name), "{name}");
        }
        for word in [
            "World",
            "Collective",
            "United",
            "Doctors",
            "Reporters",
            "International",
        ] {
            assert!(!GIVEN_NAMES.contains(word), "{word}");
        }
    }

    #[test]
    fn affiliation_after_a_persons_name_is_not_a_definition() {
        assert!(defs("the envoy Sergei Ivanov (RFS) said").is_empty());
        assert!(defs("Minister Sergei Lavrov (MFA) said").is_empty());
        // Aligned definitions are kept whatever the words.
        assert!(defs("Olaf Scholz (OS) said")[0].3);
        assert!(!defs("the Kanjiro Tanaka (KTS) said")[0].3);
    }

    #[test]
    fn near_variants() {
        let near = |a: &str, b: &str| {
            let letters = |s: &str| s.chars().collect::<Vec<char>>();
            near_variant(&letters(a), &letters(b), 4)
        };
        assert!(!near("CTSC", "CSTO"));
        assert!(near("CTSO", "CSTO"));
        assert!(near("NTAO", "NATO"));
        assert!(!near("NATO", "NASA"));
        assert!(!near("USA", "UAE"));
        assert!(!near("NSA", "NBA"));
        assert!(near("ÉBCD", "EBCD"));
    }
}
