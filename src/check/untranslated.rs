//! Source-language words left in English text by machine translation
//! (`the kórónuveirunnar`, `Gleðisveitina`, `FFÍ`).
//!
//! The evidence is letters: English words are written without `ð`, `þ`,
//! `ø`, `ł`, `ő` or accents, except a short list of loanwords (`café`,
//! `naïve`, `fiancée`). A lowercase word with such a letter is a word of
//! another language. A capitalised one is usually a name (`Guðrún`,
//! `Søren`, `Mönchengladbach`) and is reported only when the document has
//! already shown lowercase source words and the word looks like a common
//! noun or an acronym: twelve letters or more without a surname ending, or
//! a non-English acronym (`FFÍ`). Names are left to `names/variant`.
//!
//! Beside such words, a lowercase word of plain ASCII letters is one too
//! when the lexicon lacks it and its spelling looks less English than
//! nearly every English word's (`smitrakning`, `sleggjukasti`, in a text
//! that also has `kórónuveirunni`): the source language shows in its letter
//! sequences instead of its letters.

use std::sync::Arc;

use unicode_script::{Script, UnicodeScript};

use super::kind::{Check, Key, Kind, KindError, KindSpec, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

const LANGUAGE_NAMES_FILE: Key<String> = Key::new("language-names-file");

pub static KIND: Kind = Kind {
    name: "untranslated",
    keys: &[LANGUAGE_NAMES_FILE.decl()],
    placeholders: PROCEDURAL,
    compile,
    prepare: None,
};

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let language_names = spec
        .take_list_file(&LANGUAGE_NAMES_FILE, "language names")?
        .into_iter()
        .map(str::to_lowercase)
        .collect();
    Ok(Arc::new(Untranslated { language_names }))
}

#[derive(Debug)]
pub struct Untranslated {
    /// `language-names-file`: the words of languages' names in those
    /// languages (`español`, `čeština`), lowercased. A page's language menu
    /// lists them: they are neither flagged nor evidence.
    pub language_names: rustc_hash::FxHashSet<String>,
}

impl Check for Untranslated {
    /// Reports each untranslated word; `{detail}` names the letters that
    /// give it away.
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        for found in find(doc, &self.language_names) {
            let matched = doc.slice(found.span);
            let detail = if found.letters.is_empty() {
                "no English word is spelled like it, and the text has other source words"
                    .to_string()
            } else {
                let letters: Vec<String> =
                    found.letters.chars().map(|c| format!("`{c}`")).collect();
                format!("English words do not use {}", letters.join(", "))
            };
            out.push(
                rule.report(found.span, |name| match name {
                    "match" => Some(matched.to_string()),
                    "detail" => Some(detail.clone()),
                    _ => None,
                })
                .build(),
            );
        }
    }
}

/// English words (and word parts) written with letters outside ASCII.
/// Hand-written from English dictionaries' loanwords in common use.
const ENGLISH_WITH_ACCENTS: &[&str] = &[
    "à",
    "appliqué",
    "attaché",
    "blasé",
    "brûlée",
    "café",
    "cafés",
    "canapé",
    "canapés",
    "cliché",
    "clichés",
    "communiqué",
    "communiqués",
    "consommé",
    "crème",
    "crêpe",
    "crêpes",
    "débâcle",
    "début",
    "débuts",
    "débutante",
    "décolletage",
    "décor",
    "déjà",
    "détente",
    "doppelgänger",
    "élan",
    "élite",
    "élites",
    "émigré",
    "émigrés",
    "entrée",
    "entrées",
    "exposé",
    "exposés",
    "façade",
    "façades",
    "fête",
    "fêted",
    "fiancé",
    "fiancée",
    "fiancés",
    "flambé",
    "frappé",
    "glacé",
    "jalapeño",
    "jalapeños",
    "lamé",
    "mañana",
    "matinée",
    "mêlée",
    "naïve",
    "naïvely",
    "naïveté",
    "née",
    "négligée",
    "outré",
    "passé",
    "pâté",
    "piñata",
    "piñatas",
    "précis",
    "protégé",
    "protégés",
    "purée",
    "résumé",
    "résumés",
    "risqué",
    "rôle",
    "rosé",
    "sauté",
    "sautéed",
    "señor",
    "señora",
    "señorita",
    "smörgåsbord",
    "soirée",
    "soirées",
    "soufflé",
    "touché",
    "über",
    "vis",
    "coöperate",
    "reëlect",
    "naïf",
    "ménage",
    "manqué",
    "tête",
    "habitué",
    "arrière",
    "à-la",
    "crêpe",
    "maître",
];

/// Endings of surnames and patronymics: `Jóhannsdóttir`, `Guðmundsson`.
const SURNAME_ENDINGS: &[&str] = &[
    "son", "dóttir", "dottir", "sen", "ová", "ská", "ský", "ski", "wicz", "ić", "escu",
];

/// A word that is not English, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Foreign {
    pub span: Span,
    /// The letters that give it away (`ð`, `ó`); empty for an ASCII word
    /// given away by its spelling.
    pub letters: String,
}

/// An ASCII word must have at least this many letters to be judged by its
/// spelling: short words are too few trigrams to tell (`smit`, `efi`).
const MIN_SPELLING_LETTERS: usize = 5;

/// An ASCII word whose spelling scores below the threshold of its length
/// (the mean natural log-probability of its letter trigrams, see
/// `lexicon::trigrams`) looks less English than 99 % of English words of
/// that length the model has not seen: the first percentile of the
/// lexicon's lowercase words of those lengths, each scored by a model of
/// the other nine tenths (`tools/calibrate_spelling.py` prints the table).
/// A mean over more trigrams varies less, so longer words have thresholds
/// closer to English. Pairs of the longest length of a range and its
/// threshold, ascending.
const MAX_SPELLING_LIKENESS: [(usize, f32); 5] = [
    (6, -3.37),
    (8, -3.05),
    (10, -2.86),
    (13, -2.71),
    (usize::MAX, -2.63),
];

/// The threshold of [`MAX_SPELLING_LIKENESS`] for a word of `len` letters.
fn max_spelling_likeness(len: usize) -> f32 {
    MAX_SPELLING_LIKENESS
        .iter()
        .find(|&&(longest, _)| len <= longest)
        .map_or(f32::MIN, |&(_, threshold)| threshold)
}

/// Latin letters outside ASCII in `word`, or `None` if it has none (or a
/// letter of another script: that is `script/foreign`'s business).
fn foreign_letters(word: &str) -> Option<String> {
    let mut letters = String::new();
    for c in word.chars() {
        if c.is_ascii() {
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        if c.script() != Script::Latin {
            return None;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        if !letters.contains(lower) {
            letters.push(lower);
        }
    }
    (!letters.is_empty()).then_some(letters)
}

fn is_english_part(part: &str) -> bool {
    let lower = part.to_lowercase();
    ENGLISH_WITH_ACCENTS.contains(&lower.as_str())
}

/// Hyphens and apostrophes join parts that are judged one by one
/// (`über-rich`, `café's`).
fn parts(word: &str) -> impl Iterator<Item = &str> {
    word.split(['-', '‐', '\'', '’']).filter(|p| !p.is_empty())
}

enum Shape {
    Lower,
    Acronym,
    Capitalised,
}

fn shape(word: &str) -> Shape {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let first = chars.next();
    // A capital inside a lowercase word makes a name or a brand
    // (`deGrandpré`, `eBay`), not a common word.
    if first.is_some_and(char::is_lowercase) && !chars.any(char::is_uppercase) {
        return Shape::Lower;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if (2..=5).contains(&letters)
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        Shape::Acronym
    } else {
        Shape::Capitalised
    }
}

/// Every untranslated word in the document, in order.
pub(crate) fn find(doc: &Document, language_names: &rustc_hash::FxHashSet<String>) -> Vec<Foreign> {
    // Only a document known to be English: on a Portuguese results table
    // too short to guess, `classificação` is right.
    if doc.text.is_ascii() || doc.language() != Some("en") {
        return Vec::new();
    }
    let mut lower = Vec::new();
    let mut other = Vec::new();
    for word in doc.words() {
        if word.is_ascii() {
            continue;
        }
        let text = doc.slice(word.span);
        let Some(letters) = foreign_letters(text) else {
            continue;
        };
        if language_names.contains(&text.to_lowercase()) {
            continue;
        }
        if parts(text).all(|p| p.is_ascii() || is_english_part(p)) {
            continue;
        }
        let found = Foreign {
            span: word.span,
            letters,
        };
        match shape(text) {
            Shape::Lower => lower.push(found),
            Shape::Acronym => other.push(found),
            Shape::Capitalised if looks_like_common_noun(text) => other.push(found),
            Shape::Capitalised => {}
        }
    }
    if lower.is_empty() {
        return Vec::new();
    }
    // Spelling is weaker evidence than letters: asked only of a text that
    // has left two different source words in place already (one French
    // word in an English article proves no translation).
    let mut distinct: Vec<&str> = lower.iter().map(|f| doc.slice(f.span)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() >= 2 {
        lower.extend(unlikely_spellings(doc, language_names));
    }
    lower.extend(other);
    lower.sort_by_key(|u| u.span.start);
    lower
}

/// Lowercase words of ASCII letters the lexicon lacks (inflected or not)
/// whose spelling looks unlike English; not parts of addresses (`https`,
/// `example.com`, `@handle`, `/path`), nor drawn-out words (`damnnnn`).
fn unlikely_spellings(
    doc: &Document,
    language_names: &rustc_hash::FxHashSet<String>,
) -> Vec<Foreign> {
    let text = doc.text;
    doc.words()
        .iter()
        .filter(|word| {
            let (start, end) = (word.span.start as usize, word.span.end as usize);
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let in_address = matches!(before, Some('/' | '.' | '@' | '#' | '_'))
                || matches!(after, Some(':' | '/' | '@' | '_'))
                || (after == Some('.')
                    && text[end + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric));
            let text = doc.slice(word.span);
            // A letter three times over is emphasis (`sooo`), in any language.
            let drawn_out = text
                .as_bytes()
                .windows(3)
                .any(|w| w[0] == w[1] && w[1] == w[2]);
            !in_address
                && !drawn_out
                && text.len() >= MIN_SPELLING_LETTERS
                && text.bytes().all(|b| b.is_ascii_lowercase())
                && crate::lexicon::english_likeness(text)
                    .is_some_and(|likeness| likeness < max_spelling_likeness(text.len()))
                && !crate::lexicon::is_english_form(text)
                && !language_names.contains(text)
        })
        .map(|word| Foreign {
            span: word.span,
            letters: String::new(),
        })
        .collect()
}

/// The last elements of Nordic place names (`Sauðárkrókur`, `Ísafjarðarbær`):
/// bay, fjord, hook, ness, hill, farms, spit, harbour, valley, fell, fields,
/// hills, fort, falls, glacier, sands, lava, town; some in their dative forms.
const PLACE_ENDINGS: &[&str] = &[
    "vík",
    "fjörður",
    "fjörð",
    "firði",
    "krókur",
    "króki",
    "nes",
    "holt",
    "staðir",
    "stöðum",
    "eyri",
    "höfn",
    "dalur",
    "dal",
    "fell",
    "vellir",
    "völlum",
    "hólar",
    "borg",
    "foss",
    "jökull",
    "sandur",
    "hraun",
    "bær",
];

/// A long capitalised word that is neither a surname nor a place: a
/// source-language compound noun (`Kórónuveirufaraldurinn`).
fn looks_like_common_noun(word: &str) -> bool {
    if word.contains(['-', '‐']) {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let lower = word.to_lowercase();
    letters >= 12
        && !SURNAME_ENDINGS.iter().any(|e| lower.ends_with(e))
        && !PLACE_ENDINGS.iter().any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let doc = Document::new("t", text);
        find(&doc, &Default::default())
            .iter()
            .map(|u| &text[u.span.range()])
            .collect::<Vec<_>>()
    }

    #[test]
    fn lowercase_words_with_foreign_letters_are_found() {
        assert_eq!(
            found("A variant of the kórónuveirunni was found at the border, and it is with us."),
            ["kórónuveirunni"]
        );
        assert_eq!(
            found("He listens to hlaðvarpsþætti and music at sea, and that is the way of it."),
            ["hlaðvarpsþætti"]
        );
    }

    #[test]
    fn ascii_words_spelled_unlike_english_are_found_beside_source_words() {
        // Invented Icelandic-looking compounds, not from any real text.
        let text = "Two hraðlestir came, and the gluggaveðrið kept the hjartavernd \
                    and the skrifborðsstóll in the newsroom underway all the day.";
        assert_eq!(
            found(text),
            [
                "hraðlestir",
                "gluggaveðrið",
                "hjartavernd",
                "skrifborðsstóll"
            ]
        );
        // Without lowercase source words an odd ASCII word is left alone;
        // one is not enough either.
        assert!(found("The hjartavernd stood by Þórsvelli, said Guðrún, as it was.").is_empty());
        assert_eq!(
            found("The société générale and the hjartavernd were there, as it was said."),
            ["société", "générale", "hjartavernd"]
        );
        assert_eq!(
            found("A générale café, and the hjartavernd was there, as it was said."),
            ["générale"]
        );
        // Parts of addresses are not words.
        assert_eq!(
            found(
                "The hraðlestir and gluggaveðrið, see https://hjartavernd.is or \
                 hjartavernd@example.com, and it was so."
            ),
            ["hraðlestir", "gluggaveðrið"]
        );
        assert_eq!(
            found("The hraðlestir and gluggaveðrið, damnnnnn, and it was so."),
            ["hraðlestir", "gluggaveðrið"]
        );
    }

    #[test]
    fn documents_not_known_to_be_english_are_not_checked() {
        assert!(found("Nesta página você terá a classificação atualizada.").is_empty());
    }

    #[test]
    fn english_loanwords_and_names_are_not() {
        assert!(
            found("Her résumé listed a café, a naïve fiancée and an über-rich protégé.").is_empty()
        );
        assert!(found("Guðrún Jóhannsdóttir met Søren in Mönchengladbach.").is_empty());
        assert!(found("Temperatures of 20 °C and 5 µm particles.").is_empty());
        // A capital inside: a name, even beside a source word.
        assert_eq!(
            found("Marie deGrandpré read the kórónuveirunni report, and it was late."),
            ["kórónuveirunni"]
        );
    }

    #[test]
    fn capitalised_compounds_and_acronyms_need_lowercase_evidence() {
        assert!(found("Kórónuveirufaraldurinn spread. The FFÍ said that the smitum rose and that it was bad.").is_empty());
        assert_eq!(
            found(
                "Kórónuveirufaraldurinn spread. The FFÍ said that the kórónuveirunni rose \
                 in Þórsvelli, said Sigurðardóttir, and that it was the worst of the year."
            ),
            ["Kórónuveirufaraldurinn", "FFÍ", "kórónuveirunni"]
        );
    }
}
