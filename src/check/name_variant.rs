//! One name spelled two or more ways in one document (`Zelenskyy` ×2,
//! `Zelensky` ×1), found without a list by clustering capitalised words on a
//! transliteration-normalised skeleton. It does not claim which spelling is
//! right: in machine translation the wrong one is sometimes the majority.

use std::collections::HashMap;
use std::sync::Arc;

use super::kind::{Check, Key, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

const MIN_LETTERS: Key<u32> = Key::new("min-letters");

pub static KIND: Kind = Kind {
    name: "name-variants",
    keys: &[MIN_LETTERS.decl()],
    placeholders: &["match", "spellings"],
    compile: |spec| {
        Ok(Arc::new(NameVariants {
            min_letters: spec.count(&MIN_LETTERS, 5, 1)?,
        }))
    },
    prepare: None,
};

#[derive(Debug)]
pub struct NameVariants {
    /// `min-letters` (5): shorter names are too easily different people
    /// (`Jan`/`Jon`).
    pub min_letters: usize,
}

impl Check for NameVariants {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, self.min_letters, out);
    }
}

pub fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ț' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        other => other,
    }
}

/// The transliteration-normalised form: lowercase, no diacritics, and the
/// usual French/German/Russian romanisation differences merged.
pub fn skeleton(word: &str) -> String {
    let mut s: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_diacritic)
        .filter(|c| c.is_alphabetic())
        .collect();
    for (from, to) in [
        ("tsch", "ch"),
        ("tch", "ch"),
        ("sch", "sh"),
        ("ou", "u"),
        ("kh", "h"),
        ("zh", "j"),
        ("ks", "x"),
        ("tz", "ts"),
        ("w", "v"),
        ("dj", "j"),
    ] {
        // `replace` always allocates; most words hold none of these.
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    // Word-initial ye ↔ e (`Yeltsin`/`Eltsine`, `Yevgeny`/`Evgeny`).
    if let Some(rest) = s.strip_prefix("ye") {
        s = format!("e{rest}");
    }
    for (from, to) in [
        ("ow", "ov"),
        ("ev", "ev"),
        ("iy", "i"),
        ("yi", "i"),
        ("yy", "i"),
        ("ij", "i"),
        ("yj", "i"),
        ("ii", "i"),
    ] {
        if let Some(stem) = s.strip_suffix(from) {
            s = format!("{stem}{to}");
        }
    }
    if s.contains(['y', 'j']) {
        s = s.replace(['y', 'j'], "i");
    }
    // Doubled letters (`Zelenskyy`, `Lukashenko`/`Loukachenko` after folding).
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

struct Spelling<'a> {
    text: &'a str,
    spans: Vec<Span>,
    mid_sentence: bool,
}

pub fn check(doc: &Document, rule: &RuleMeta, min_letters: usize, out: &mut Vec<Diagnostic>) {
    let mut clusters: HashMap<String, Vec<Spelling>> = HashMap::new();
    let mut by_text: rustc_hash::FxHashMap<&str, Spelling> = Default::default();
    for word in doc.words() {
        let mut text = doc.slice(word.span);
        for suffix in ["’s", "'s"] {
            if let Some(stem) = text.strip_suffix(suffix) {
                text = stem;
            }
        }
        let mut chars = text.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        if !first_upper
            || text.chars().count() < min_letters
            || !chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
        {
            continue;
        }
        let span = Span::new(
            word.span.start as usize,
            word.span.start as usize + text.len(),
        );
        let before = doc.text[..word.span.start as usize].trim_end_matches([' ', '\u{a0}']);
        let mid_sentence = !(before.is_empty()
            || before.ends_with(['.', '!', '?', '\n', '\r', '“', '"', ':', '‘', '\'']));
        let spelling = by_text.entry(text).or_insert_with(|| Spelling {
            text,
            spans: Vec::new(),
            mid_sentence: false,
        });
        spelling.spans.push(span);
        spelling.mid_sentence |= mid_sentence;
    }
    // One skeleton per distinct spelling, not per occurrence.
    let mut spellings: Vec<Spelling> = by_text.into_values().collect();
    spellings.sort_by_key(|s| s.spans[0].start);
    for spelling in spellings {
        clusters
            .entry(skeleton(spelling.text))
            .or_default()
            .push(spelling);
    }
    let index = doc.line_index();
    let mut groups: Vec<&Vec<Spelling>> = clusters
        .values()
        .filter(|s| s.len() >= 2 && s.iter().all(|s| s.mid_sentence))
        .collect();
    groups.sort_by_key(|g| g[0].spans[0].start);
    for spellings in groups {
        let majority = spellings
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (s.spans.len(), std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
            .expect("two or more spellings");
        let listing: Vec<String> = spellings
            .iter()
            .map(|s| {
                let lines: Vec<String> = s
                    .spans
                    .iter()
                    .map(|sp| index.line_column(doc.text, sp.start).line.to_string())
                    .collect();
                format!(
                    "`{}` ×{} (line {})",
                    s.text,
                    s.spans.len(),
                    lines.join(", ")
                )
            })
            .collect();
        for (i, spelling) in spellings.iter().enumerate().filter(|(i, _)| *i != majority) {
            let _ = i;
            for &span in &spelling.spans {
                out.push(
                    rule.report(span, |name| match name {
                        "match" => Some(spelling.text.to_string()),
                        "spellings" => Some(listing.join(", ")),
                        _ => None,
                    })
                    .label(
                        spellings[majority].spans[0],
                        format!("also spelled `{}`", spellings[majority].text),
                    )
                    .build(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanisation_variants_share_a_skeleton() {
        assert_eq!(skeleton("Zelenskyy"), skeleton("Zelensky"));
        assert_eq!(skeleton("Zelenskyi"), skeleton("Zelensky"));
        assert_eq!(skeleton("Selenskyj"), skeleton("Selensky"));
        assert_eq!(skeleton("Gorbatschow"), skeleton("Gorbachov"));
        assert_eq!(skeleton("Tchaïkovski"), skeleton("Chaikovsky"));
        assert_eq!(skeleton("Nazarbaïev"), skeleton("Nazarbayev"));
        assert_eq!(
            skeleton("Yeltsin"),
            skeleton("Eltsine").trim_end_matches('e')
        );
        assert_ne!(skeleton("Russia"), skeleton("Russian"));
        assert_ne!(skeleton("Mark"), skeleton("Marc"));
    }
}
