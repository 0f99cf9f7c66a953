//! Words that mix scripts through look-alike letters: a Latin word with a
//! Cyrillic `а`, `е`, `о`, `р`, `с`, `х` or `і` (`Ukrаine`), a Cyrillic word
//! with a Latin `a`, `o`, `c` (`Москвa`), and the same with Greek capitals
//! and `ο`. They come from keyboard layouts, OCR and deliberate spoofing,
//! and they break search, spell-checking and name matching.
//!
//! Whole Cyrillic or Greek words are never flagged, nor a Latin word next to
//! a Cyrillic one: only letters inside one word (hyphens and apostrophes
//! split words here, so `iPhone’ы` is two). A word whose two scripts both
//! have letters without a look-alike (`TNFα`, `IL2RγcKO`) is a real mix and
//! left alone. The fix replaces the intruders with the word's own script.

use std::sync::Arc;

use super::kind::{Check, Kind, PROCEDURAL};
use super::meta::RuleMeta;
use crate::check::mojibake;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "mixed-script",
    keys: &[],
    placeholders: PROCEDURAL,
    compile: |_| Ok(Arc::new(MixedScript)),
    prepare: None,
};

#[derive(Debug)]
pub struct MixedScript;

impl Check for MixedScript {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, out);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

impl Script {
    fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
        }
    }
}

/// Cyrillic letters and the Latin letters they look like.
const CYRILLIC_LATIN: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('һ', 'h'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('ӏ', 'l'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
];

/// Greek letters and the Latin letters they look like. Only `ο` of the
/// lowercase: `α`, `ν`, `ι`, `κ` are used beside Latin letters in science
/// (`TNFα`, `NF-κB`) and do not quite look the same.
const GREEK_LATIN: &[(char, char)] = &[
    ('ο', 'o'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
];

fn script(c: char) -> Option<Script> {
    if c.is_ascii_alphabetic() {
        return Some(Script::Latin);
    }
    match c as u32 {
        0x00C0..=0x024F if c != '×' && c != '÷' => Some(Script::Latin),
        0x1E00..=0x1EFF => Some(Script::Latin),
        0x0370..=0x03FF | 0x1F00..=0x1FFF if c.is_alphabetic() => Some(Script::Greek),
        0x0400..=0x052F => Some(Script::Cyrillic),
        _ => None,
    }
}

fn table(a: Script, b: Script) -> Option<(&'static [(char, char)], bool)> {
    // (pairs, true if the pairs are (a, b); false if they are (b, a))
    match (a, b) {
        (Script::Cyrillic, Script::Latin) => Some((CYRILLIC_LATIN, true)),
        (Script::Latin, Script::Cyrillic) => Some((CYRILLIC_LATIN, false)),
        (Script::Greek, Script::Latin) => Some((GREEK_LATIN, true)),
        (Script::Latin, Script::Greek) => Some((GREEK_LATIN, false)),
        _ => None,
    }
}

/// Cyrillic look-alikes used for spoofing but not in Russian, Ukrainian,
/// Belarusian or Serbian: a Latin letter in a Cyrillic word never stands for
/// them.
const SPOOF_ONLY: &[char] = &['һ', 'ԁ', 'ԛ', 'ԝ', 'ӏ', 'Ԛ', 'Ԝ', 'ѕ', 'Ѕ'];

/// The letter of script `to` that `c` (of script `from`) looks like.
fn counterpart(c: char, from: Script, to: Script) -> Option<char> {
    let (pairs, forward) = table(from, to)?;
    if from == Script::Latin && to == Script::Cyrillic {
        return pairs
            .iter()
            .find(|&&(x, y)| y == c && !SPOOF_ONLY.contains(&x))
            .map(|&(x, _)| x);
    }
    pairs.iter().find_map(|&(x, y)| {
        if forward {
            (x == c).then_some(y)
        } else {
            (y == c).then_some(x)
        }
    })
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

/// True for characters that make up words (as in
/// [`Document::words`](crate::Document::words)), quickly for the scripts
/// this check is about.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x400..=0x481 | 0x48A..=0x52F => true,
        _ => c.is_alphanumeric(),
    }
}

/// The word around byte `at` (which starts a character): letters and
/// digits, with apostrophes and hyphens between two of them.
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let mut start = at;
    let mut before = text[..at].char_indices().rev().peekable();
    while let Some((i, c)) = before.next() {
        let joined = is_joiner(c) && before.peek().is_some_and(|&(_, p)| is_word_char(p));
        if !(is_word_char(c) || joined) {
            break;
        }
        start = i;
    }
    let mut end = at;
    let mut after = text[at..].char_indices().peekable();
    while let Some((i, c)) = after.next() {
        let joined = is_joiner(c) && after.peek().is_some_and(|&(_, n)| is_word_char(n));
        if !(is_word_char(c) || joined) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    (start, end)
}

pub fn check(doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    let latin = |b: &u8| b.is_ascii_alphabetic() || (0xC3..=0xC9).contains(b);
    let greek_or_cyrillic = |b: u8| (0xCD..=0xD4).contains(&b);
    let mut done = 0;
    // A mixed word has a Greek or Cyrillic letter (two bytes, lead 0xCD–0xD4:
    // U+0340–U+053F) right next to a Latin one (ASCII, or lead 0xC3–0xC9:
    // U+00C0–U+024F). Words of one script cost a byte test or two.
    for at in 0..bytes.len() {
        if !greek_or_cyrillic(bytes[at]) || at < done {
            continue;
        }
        let before = (at >= 1 && bytes[at - 1].is_ascii_alphabetic())
            || (at >= 2 && (0xC3..=0xC9).contains(&bytes[at - 2]));
        if !before && !bytes.get(at + 2).is_some_and(latin) {
            continue;
        }
        let (start, end) = word_around(text, at);
        done = end;
        let word_text = &text[start..end];
        let mut part_start = 0;
        for (i, c) in word_text.char_indices().chain([(word_text.len(), '-')]) {
            if !is_joiner(c) {
                continue;
            }
            let part = &word_text[part_start..i];
            let (part_from, part_to) = (start + part_start, start + i);
            part_start = i + c.len_utf8();
            if part.is_ascii() {
                continue;
            }
            let Some(finding) = judge(part, || context(text, start, end)) else {
                continue;
            };
            // Mojibake (`lвЂ™ouest`) mixes scripts too; it is reported as such.
            if !mojibake::spans(word_text).is_empty() {
                continue;
            }
            push(doc, rule, Span::new(part_from, part_to), finding, out);
        }
    }
}

struct Finding {
    fixed: String,
    detail: String,
}

/// Decides one hyphen- and apostrophe-free part of a word.
fn judge(part: &str, context: impl FnOnce() -> Option<Script>) -> Option<Finding> {
    let mut scripts: Vec<Script> = Vec::with_capacity(2);
    for c in part.chars() {
        let Some(s) = script(c) else {
            if !c.is_ascii() && c.is_alphabetic() {
                return None; // a letter of another script: not ours to judge
            }
            continue;
        };
        if !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    let [a, b] = scripts[..] else {
        return None;
    };
    table(a, b)?;
    // Letters of each script that have no look-alike in the other.
    let distinct = |s: Script, other: Script| {
        part.chars()
            .filter(|&c| script(c) == Some(s) && counterpart(c, s, other).is_none())
            .count()
    };
    let (da, db) = (distinct(a, b), distinct(b, a));
    let roman = part.chars().all(|c| {
        let latin = if script(c) == Some(Script::Latin) {
            Some(c)
        } else {
            script(c).and_then(|s| counterpart(c, s, Script::Latin))
        };
        latin.is_some_and(|l| "IVXLCDM".contains(l))
    });
    let home = if roman {
        Script::Latin
    } else if da > 0 && db > 0 {
        return None; // a real mix: `TNFα`
    } else {
        let (home, distinct) = if da > 0 { (a, da) } else { (b, db) };
        let count = |s: Script| part.chars().filter(|&c| script(c) == Some(s)).count();
        let (na, nb) = (count(a), count(b));
        let around = context();
        if distinct >= 2 || (distinct > 0 && around == Some(home)) {
            home
        } else if distinct == 0 && na != nb {
            // Only look-alikes: the script of most letters (`XBС`).
            if na > nb { a } else { b }
        } else if distinct == 0 && around.is_some_and(|s| s == a || s == b) {
            around.expect("checked")
        } else {
            return None;
        }
    };
    let foreign = if home == a { b } else { a };
    // Three or more intruders in one block (`Мороzova`) are half a word left
    // untransliterated, not look-alikes: `script/foreign` reports them.
    if !roman && home == Script::Latin && is_one_block(part, foreign, 3) {
        return None;
    }
    let mut fixed = String::with_capacity(part.len());
    let mut intruders: Vec<String> = Vec::new();
    for c in part.chars() {
        if script(c) == Some(foreign) {
            let to = counterpart(c, foreign, home)?;
            fixed.push(to);
            let shown = format!("'{c}' (U+{:04X})", c as u32);
            if !intruders.contains(&shown) {
                intruders.push(shown);
            }
        } else {
            fixed.push(c);
        }
    }
    let letters = if intruders.len() == 1 {
        "letter"
    } else {
        "letters"
    };
    Some(Finding {
        fixed,
        detail: format!(
            "{} {letters} {} in a {} word",
            foreign.name(),
            intruders.join(", "),
            home.name()
        ),
    })
}

/// True when the letters of `script` in `part` are one block of at least
/// `min` letters.
fn is_one_block(part: &str, script_of_block: Script, min: usize) -> bool {
    let flags: Vec<bool> = part
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| script(c) == Some(script_of_block))
        .collect();
    let count = flags.iter().filter(|&&f| f).count();
    let first = flags.iter().position(|&f| f);
    let last = flags.iter().rposition(|&f| f);
    match (first, last) {
        (Some(first), Some(last)) => count >= min && last - first + 1 == count,
        _ => false,
    }
}

/// The script of most letters within about 60 characters on either side of
/// the word `start..end`.
fn context(text: &str, start: usize, end: usize) -> Option<Script> {
    let mut counts = [0usize; 3];
    let mut count = |c: char| match script(c) {
        Some(Script::Latin) => counts[0] += 1,
        Some(Script::Cyrillic) => counts[1] += 1,
        Some(Script::Greek) => counts[2] += 1,
        None => {}
    };
    text[..start].chars().rev().take(60).for_each(&mut count);
    text[end..].chars().take(60).for_each(&mut count);
    let max = *counts.iter().max()?;
    if max == 0 || counts.iter().filter(|&&n| n == max).count() > 1 {
        return None;
    }
    [Script::Latin, Script::Cyrillic, Script::Greek]
        .into_iter()
        .zip(counts)
        .find(|&(_, n)| n == max)
        .map(|(s, _)| s)
}

fn push(doc: &Document, rule: &RuleMeta, span: Span, finding: Finding, out: &mut Vec<Diagnostic>) {
    let matched = doc.slice(span);
    out.push(
        rule.report(span, |name| match name {
            "match" => Some(matched.to_string()),
            "replacement" => Some(finding.fixed.clone()),
            "detail" => Some(finding.detail.clone()),
            _ => None,
        })
        .unsafe_fix([Edit::new(span, finding.fixed)])
        .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(part: &str, around: Option<Script>) -> Option<String> {
        judge(part, || around).map(|f| f.fixed)
    }

    #[test]
    fn look_alikes_are_replaced_with_the_words_script() {
        assert_eq!(fixed("Ukrаine", None).as_deref(), Some("Ukraine"));
        assert_eq!(fixed("Москвa", None).as_deref(), Some("Москва"));
        assert_eq!(fixed("Αthens", None).as_deref(), Some("Athens"));
        assert_eq!(fixed("ХIХ", Some(Script::Cyrillic)).as_deref(), Some("XIX"));
    }

    #[test]
    fn real_mixes_and_single_scripts_are_left_alone() {
        for part in ["TNFα", "IL2RγcKO", "Москва", "Ukraine", "κB", "αβ"] {
            assert_eq!(fixed(part, Some(Script::Latin)), None, "{part}");
        }
        // Too short to tell without context.
        assert_eq!(fixed("Cа", None), None);
        assert_eq!(fixed("Cа", Some(Script::Latin)).as_deref(), Some("Ca"));
    }
}
