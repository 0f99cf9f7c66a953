//! Letters of another script inside Latin-script text: what machine
//! translation leaves when it copies part of the source (`Toraya干支`,
//! `Tatiana Мороzova`, a lone `ー`), and what scrapers leave of a page's
//! original-language navigation.
//!
//! The document's main script is the one with the most letters; only
//! documents whose main script is Latin are checked (a Japanese page quoting
//! an English name is not this rule's business). Neighbouring letters of one
//! script family are reported once, across spaces and the family's own
//! punctuation (`東京 大阪`, `男子テニス`). Not reported: a lone Greek letter
//! (`TNFα`, `5 μm`, `Δt`: science, not translation), symbols (`×`, `°`,
//! `µ`), and a name given with its original in brackets or quotes
//! (`Kyiv (Київ)`, `Київ (Kyiv)`).

use std::sync::Arc;

use unicode_script::{Script, UnicodeScript};

use super::kind::{Check, Kind, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "foreign-script",
    keys: &[],
    placeholders: PROCEDURAL,
    compile: |_| Ok(Arc::new(ForeignScript)),
    prepare: None,
};

#[derive(Debug)]
pub struct ForeignScript;

impl Check for ForeignScript {
    /// Reports each run of foreign letters; `{detail}` names its scripts
    /// (and says when the run is part of a Latin word).
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        for run in foreign_runs(doc.text) {
            let matched = doc.slice(run.span);
            let detail = if run.inside_word {
                format!("{} letters inside a Latin-script word", run.script_names())
            } else {
                format!("{} script", run.script_names())
            };
            out.push(
                rule.report(run.span, |name| match name {
                    "match" => Some(matched.to_string()),
                    "detail" => Some(detail.clone()),
                    _ => None,
                })
                .build(),
            );
        }
    }
}

/// A run of letters of one script family in Latin-script text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ForeignRun {
    pub span: Span,
    /// The scripts of the run's letters, in order of appearance (`Han`, `Katakana`).
    pub scripts: Vec<Script>,
    /// True when the run touches Latin letters (`Мороzova`): part of a word.
    pub inside_word: bool,
}

impl ForeignRun {
    /// `Cyrillic`, `Han and Katakana`.
    pub(crate) fn script_names(&self) -> String {
        let names: Vec<&str> = self.scripts.iter().map(|s| s.full_name()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// Families of scripts whose letters make up one run: Japanese mixes Han and
/// kana in one word, Korean Hangul and Han.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Latin,
    EastAsian,
    Other(Script),
}

fn family(script: Script) -> Family {
    match script {
        Script::Latin => Family::Latin,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            Family::EastAsian
        }
        other => Family::Other(other),
    }
}

/// What one character is to the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A Latin letter (or digit-free part of a Latin word).
    Latin,
    /// A letter (or a script-specific mark such as `ー`) of a non-Latin script.
    Foreign(Script),
    /// Punctuation that belongs to a script family (`、`, `・`, `「`): joins a
    /// run of that family but never starts or ends one.
    Joiner(Family),
    Space,
    Other,
}

fn classify(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Latin
        } else if c == ' ' || c == '\t' {
            Class::Space
        } else {
            Class::Other
        };
    }
    if c == '\u{3000}' || c == '\u{a0}' {
        return Class::Space;
    }
    let script = c.script();
    match script {
        Script::Latin => {
            if c.is_alphabetic() {
                Class::Latin
            } else {
                Class::Other
            }
        }
        Script::Common | Script::Inherited | Script::Unknown => {
            // `ー`, `々`, `゛` and CJK punctuation belong to their scripts
            // through Script_Extensions.
            let ext = c.script_extension();
            let Some(first) = ext
                .iter()
                .find(|s| !matches!(s, Script::Common | Script::Inherited))
            else {
                return Class::Other;
            };
            if first == Script::Latin {
                return Class::Other;
            }
            if c.is_alphabetic() {
                Class::Foreign(first)
            } else if !c.is_whitespace() && !c.is_numeric() {
                Class::Joiner(family(first))
            } else {
                Class::Other
            }
        }
        script if c.is_alphabetic() || is_mark(c) => Class::Foreign(script),
        _ => Class::Other,
    }
}

/// Combining marks are not alphabetic but belong to their letters (Devanagari
/// vowel signs, Thai tone marks).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x0591..=0x05C7 | 0x064B..=0x065F)
}

/// The script with the most letters is Latin (ASCII letters counted without
/// a table lookup, and only as far as the answer needs; a document without
/// letters is not Latin).
pub(crate) fn main_script_is_latin(text: &str) -> bool {
    let mut latin = 0usize;
    let mut others: Vec<(Family, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = skip_ascii(bytes, 0);
    while i < bytes.len() {
        let c = text[i..].chars().next().expect("char boundary");
        i = skip_ascii(bytes, i + c.len_utf8());
        let class = classify(c);
        if let Class::Foreign(script) = class {
            let f = family(script);
            // One Han or kana character carries about a syllable: three
            // Latin letters' worth.
            let weight = if f == Family::EastAsian { 3 } else { 1 };
            match others.iter_mut().find(|(g, _)| *g == f) {
                Some((_, n)) => *n += weight,
                None => others.push((f, weight)),
            }
        } else if class == Class::Latin {
            latin += 1;
        }
    }
    // Latin must outnumber every other script, and be there at all.
    let needed = others.iter().map(|&(_, n)| n + 1).max().unwrap_or(1);
    for &b in bytes {
        if latin >= needed {
            break;
        }
        latin += usize::from(b.is_ascii_alphabetic());
    }
    latin >= needed
}

/// The first position from `from` on that holds a non-ASCII byte (or the
/// end), a block at a time: most of an English text is ASCII.
fn skip_ascii(bytes: &[u8], from: usize) -> usize {
    const BLOCK: usize = 32;
    let mut i = from;
    while i + BLOCK <= bytes.len() && bytes[i..i + BLOCK].is_ascii() {
        i += BLOCK;
    }
    while i < bytes.len() && bytes[i].is_ascii() {
        i += 1;
    }
    i
}

/// Every run of non-Latin letters in `text`, if its main script is Latin.
pub(crate) fn foreign_runs(text: &str) -> Vec<ForeignRun> {
    // Nearly every English document is pure ASCII: nothing to find.
    if text.is_ascii() || !main_script_is_latin(text) {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut current: Option<(Family, usize, usize, Vec<Script>)> = None; // family, start, end of last letter, scripts
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Outside a run, ASCII neither starts nor ends one.
        if current.is_none() && bytes[i].is_ascii() {
            i = skip_ascii(bytes, i);
            continue;
        }
        let c = if bytes[i].is_ascii() {
            bytes[i] as char
        } else {
            text[i..].chars().next().expect("char boundary")
        };
        let len = c.len_utf8();
        match classify(c) {
            Class::Foreign(script) => {
                let f = family(script);
                match &mut current {
                    Some((g, _, end, scripts)) if *g == f => {
                        *end = i + len;
                        // `ー` in a Katakana word names no script of its own.
                        let borrowed = !c.is_ascii()
                            && matches!(c.script(), Script::Common | Script::Inherited);
                        if !borrowed && !scripts.contains(&script) {
                            scripts.push(script);
                        }
                    }
                    _ => {
                        if let Some(run) = current.take() {
                            runs.push(run);
                        }
                        current = Some((f, i, i + len, vec![script]));
                    }
                }
            }
            Class::Joiner(f) if current.as_ref().is_some_and(|(g, ..)| *g == f) => {}
            Class::Space if current.is_some() => {}
            _ => {
                if let Some(run) = current.take() {
                    runs.push(run);
                }
            }
        }
        i += len;
    }
    if let Some(run) = current.take() {
        runs.push(run);
    }
    runs.into_iter()
        .filter_map(|(_, start, end, scripts)| {
            let span = Span::new(start, end);
            let run = ForeignRun {
                inside_word: touches_latin(text, span),
                span,
                scripts,
            };
            (!exempt(text, &run)).then_some(run)
        })
        .collect()
}

fn touches_latin(text: &str, span: Span) -> bool {
    let before = text[..span.start as usize].chars().next_back();
    let after = text[span.end as usize..].chars().next();
    [before, after]
        .into_iter()
        .flatten()
        .any(|c| classify(c) == Class::Latin)
}

/// Runs that are not artifacts: a lone Greek letter, and a name written
/// with its original in brackets or quotes next to it.
fn exempt(text: &str, run: &ForeignRun) -> bool {
    let matched = &text[run.span.range()];
    let letters = matched.chars().filter(|c| c.is_alphabetic()).count();
    if run.scripts == [Script::Greek] && letters == 1 {
        return true;
    }
    if run.inside_word {
        // One or two Cyrillic or Greek letters inside a Latin word are
        // look-alikes (`Ukrаine`): `encoding/mixed-script` reports them.
        let look_alike_script = matches!(run.scripts[..], [Script::Cyrillic] | [Script::Greek]);
        return look_alike_script && letters <= 2;
    }
    original_in_brackets(text, run.span) || (letters >= 2 && translation_follows(text, run.span))
}

const OPENERS: &[char] = &['(', '（', '[', '«', '“', '"', '‘', '\''];
const CLOSERS: &[char] = &[')', '）', ']', '»', '”', '"', '’', '\''];

/// `Kyiv (Київ)`, `Kyiv (Ukrainian: Київ)`, `the daily Pravda («Правда»)`:
/// the run fills a bracket (after an optional short label) that follows a
/// Latin word.
fn original_in_brackets(text: &str, span: Span) -> bool {
    let before = &text[..span.start as usize];
    let after = &text[span.end as usize..];
    let Some(close) = after
        .trim_start_matches(['»', '”', '"', '’', '\''])
        .chars()
        .next()
    else {
        return false;
    };
    if !CLOSERS.contains(&close) {
        return false;
    }
    // Back to the opening bracket, over at most a short label.
    let Some(open_at) = before.rfind(['(', '（', '[']) else {
        return quoted_after_name(before);
    };
    let opener_len = before[open_at..].chars().next().map_or(1, char::len_utf8);
    let inside = &before[open_at + opener_len..];
    let label_ok = inside.len() <= 24
        && inside
            .chars()
            .all(|c| c.is_ascii_alphabetic() || " :;,.«“\"‘'".contains(c));
    if !label_ok {
        return quoted_after_name(before);
    }
    ends_with_latin_word(&before[..open_at])
}

/// `Pravda «Правда»`: an opening quote right after a Latin word.
fn quoted_after_name(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    let Some(open) = trimmed.chars().next_back() else {
        return false;
    };
    OPENERS.contains(&open) && ends_with_latin_word(&trimmed[..trimmed.len() - open.len_utf8()])
}

/// True when `text` ends with a capitalised Latin word (the name whose
/// original follows).
fn ends_with_latin_word(text: &str) -> bool {
    let trimmed = text.trim_end_matches([' ', '\u{a0}', ',']);
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| classify(c) == Class::Latin || c == '-' || c == '\'')
        .last();
    word_start.is_some_and(|(_, c)| c.is_uppercase())
}

/// `Київ (Kyiv)`: the run is followed by a bracketed Latin rendering.
fn translation_follows(text: &str, span: Span) -> bool {
    let after = text[span.end as usize..].trim_start_matches([' ', '\u{a0}']);
    let Some(inner) = after.strip_prefix(['(', '（']) else {
        return false;
    };
    let Some(end) = inner.find([')', '）']) else {
        return false;
    };
    let inner = &inner[..end];
    !inner.is_empty()
        && inner.len() <= 60
        && inner
            .chars()
            .next()
            .is_some_and(|c| classify(c) == Class::Latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        foreign_runs(text)
            .iter()
            .map(|r| &text[r.span.range()])
            .collect()
    }

    #[test]
    fn runs_of_one_family_are_one_finding() {
        assert_eq!(
            found("Dimitrov practised, ATP <男子テニス> tennis365.net reported."),
            ["男子テニス"]
        );
        assert_eq!(
            found("Town topic ー Saga Newspaper News ー Live"),
            ["ー", "ー"]
        );
        assert_eq!(
            found("wearing crutches. (す す す す) SPORT.es"),
            ["す す す す"]
        );
        assert_eq!(found("Japan Youth っ (JC) was held."), ["っ"]);
    }

    #[test]
    fn letters_inside_a_latin_word_are_found() {
        let runs = foreign_runs("Tatiana Мороzova met the Toraya干支 team.");
        let texts: Vec<&str> = runs
            .iter()
            .map(|r| &"Tatiana Мороzova met the Toraya干支 team."[r.span.range()])
            .collect();
        assert_eq!(texts, ["Моро", "干支"]);
        assert!(found("Russia and Ukrаine met.").is_empty());
        assert!(runs.iter().all(|r| r.inside_word));
        assert_eq!(runs[0].script_names(), "Cyrillic");
        assert_eq!(runs[1].script_names(), "Han");
    }

    #[test]
    fn script_names_list_every_script_of_a_run() {
        let runs = foreign_runs("see the page Yahoo!ニュース速報 today");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].script_names(), "Katakana and Han");
    }

    #[test]
    fn originals_in_brackets_and_science_are_not_flagged() {
        assert!(found("Shelling hit Kyiv (Київ) and Kharkiv overnight.").is_empty());
        assert!(found("Shelling hit Kyiv (Ukrainian: Київ) overnight.").is_empty());
        assert!(found("Tokyo（東京）is big, said the Japan Times of Tokyo.").is_empty());
        assert!(found("The daily Pravda («Правда») reported it.").is_empty());
        assert!(found("The sign read Київ (Kyiv) in large letters.").is_empty());
        assert!(found("TNFα and NF-κB rose; the cells were 5 μm wide, Δt = 3 s.").is_empty());
        assert!(found("It measured 3 × 4 m at 20 °C, about 5 µm thick.").is_empty());
    }

    #[test]
    fn documents_in_another_script_are_not_checked() {
        assert!(found("Путин прибыл в Москву, где встретился с Macron.").is_empty());
        assert!(found("東京の天気は晴れ。Tokyo is sunny.").is_empty());
        assert!(found("Plain ASCII text only.").is_empty());
        assert_eq!(found("the wrestler (す す す す) left"), ["す す す す"]);
    }

    #[test]
    fn whole_foreign_words_in_english_are_found() {
        assert_eq!(
            found("The minister said Україна will win, at the press conference in Kyiv."),
            ["Україна"]
        );
        assert_eq!(
            found("Sources told Reuters the λόγος was clear."),
            ["λόγος"]
        );
    }
}
