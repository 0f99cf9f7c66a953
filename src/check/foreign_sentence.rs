//! A sentence or clause of another language left in an English document
//! (`Deze site gebruikt cookies van Google om services te leveren`): what a
//! translation system passes through untouched, or a template in the site's
//! own language.
//!
//! Language identification alone is not enough on short text: on three-
//! to ten-word windows of real English news, whatlang calls about one in
//! four, and lingua one in eight, another language (names, headlines). So a
//! segment must first show the evidence of words: five or more words, most
//! of them lowercase (not a headline or a list of names), almost no English
//! function word, and two or more distinct function words of one other
//! language. whatlang then confirms it is not English and, where the
//! function words did not decide, names the language.

use std::sync::Arc;

use super::kind::{Check, Kind};
use super::language::STOP_WORDS;
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "foreign-sentence",
    keys: &[],
    placeholders: &["match", "language", "evidence"],
    compile: |_| {
        Ok(Arc::new(ForeignSentence {
            detector: detector(),
        }))
    },
    prepare: None,
};

#[derive(Debug)]
pub struct ForeignSentence {
    detector: whatlang::Detector,
}

/// whatlang limited to English and the languages whose function words this
/// kind knows (Icelandic, which whatlang lacks, comes out as a neighbour):
/// fewer languages to score, and no exotic guess for a European sentence.
fn detector() -> whatlang::Detector {
    use whatlang::Lang::*;
    whatlang::Detector::with_allowlist(vec![
        Eng, Deu, Fra, Spa, Ita, Por, Nld, Ind, Swe, Dan, Nob, Pol, Ces, Fin, Ron, Hun, Tur, Cat,
    ])
}

/// The longest text, in bytes, given to the language identifier: its
/// verdict is settled long before.
const MAX_DETECT_BYTES: usize = 300;

impl Check for ForeignSentence {
    /// `{language}` names the language, `{evidence}` the function words
    /// that give it away.
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        for found in find(doc, &self.detector) {
            let evidence = found
                .evidence
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                rule.report(found.span, |name| match name {
                    "match" => Some(doc.slice(found.span).to_string()),
                    "language" => Some(found.language.to_string()),
                    "evidence" => Some(evidence.clone()),
                    _ => None,
                })
                .build(),
            );
        }
    }
}

/// English function words, sorted: a segment of English has one in every
/// few words.
const ENGLISH: &[&[u8]] = &[
    b"a", b"about", b"after", b"all", b"also", b"an", b"and", b"are", b"as", b"at", b"be", b"been",
    b"but", b"by", b"can", b"could", b"did", b"do", b"does", b"for", b"from", b"had", b"has",
    b"have", b"he", b"her", b"his", b"how", b"i", b"if", b"in", b"into", b"is", b"it", b"its",
    b"me", b"more", b"my", b"no", b"not", b"of", b"on", b"one", b"or", b"our", b"out", b"said",
    b"she", b"so", b"than", b"that", b"the", b"their", b"them", b"then", b"there", b"these",
    b"they", b"this", b"those", b"to", b"up", b"us", b"was", b"we", b"were", b"what", b"when",
    b"where", b"which", b"who", b"why", b"will", b"with", b"would", b"you", b"your",
];

/// The longest word of [`ENGLISH`], in bytes.
const LONGEST_ENGLISH: usize = 5;

/// [`ENGLISH`] as integers, in the same order: a word is looked up with
/// integer comparisons, not a string comparison each.
const ENGLISH_KEYS: [u64; ENGLISH.len()] = {
    let mut keys = [0; ENGLISH.len()];
    let mut i = 0;
    while i < ENGLISH.len() {
        keys[i] = word_key(ENGLISH[i]);
        i += 1;
    }
    keys
};

/// A word of at most eight bytes as an integer, first byte highest: two
/// words (without NUL bytes) compare as their keys do.
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < word.len() {
            key |= word[i].to_ascii_lowercase() as u64;
        }
        i += 1;
    }
    key
}

/// Function words of languages the document-language guess does not know,
/// none of them an English word (Icelandic `er`, `um`, `til` are left out).
const MORE_FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "is",
        &[
            "og", "að", "í", "á", "sem", "það", "fyrir", "ekki", "hann", "hún", "við", "með",
            "þegar", "eftir", "þessi", "frá", "hefur", "verið", "þetta", "eða",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "på", "är", "för", "inte", "har", "jag", "ett", "också",
            "eller", "från", "vid",
        ],
    ),
    (
        "da",
        &[
            "og", "ikke", "det", "som", "på", "jeg", "har", "også", "fra", "eller", "være", "med",
        ],
    ),
    (
        "pl",
        &[
            "nie", "się", "jest", "że", "jak", "ale", "już", "przez", "tylko", "też", "który",
            "oraz",
        ],
    ),
];

/// Language names for the codes of the two tables.
const NAMES: &[(&str, &str)] = &[
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("id", "Indonesian"),
    ("is", "Icelandic"),
    ("sv", "Swedish"),
    ("da", "Danish or Norwegian"),
    ("pl", "Polish"),
];

/// Fewer words than this and a segment says too little.
const MIN_WORDS: usize = 5;

pub(crate) struct Found {
    pub span: Span,
    pub language: &'static str,
    pub evidence: Vec<String>,
}

/// The segments of `doc` in another language. Segments end at sentence
/// punctuation, `;`, `:` and line breaks.
pub(crate) fn find(doc: &Document, detector: &whatlang::Detector) -> Vec<Found> {
    let words = doc.words();
    let mut found = Vec::new();
    let mut start = 0;
    for k in 0..=words.len() {
        let boundary = k == words.len()
            || (k > 0 && {
                let gap = &doc.text.as_bytes()
                    [words[k - 1].span.end as usize..words[k].span.start as usize];
                gap.iter()
                    .any(|b| matches!(b, b'.' | b'!' | b'?' | b';' | b':' | b'\n' | b'\r'))
            });
        if !boundary {
            continue;
        }
        if k - start >= MIN_WORDS
            && let Some(f) = judge(doc, &words[start..k], detector)
        {
            found.push(f);
        }
        start = k;
    }
    found
}

/// A word of letters: not a number, a date or a code (`2021`, `A4`).
fn is_letter_word(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.bytes().any(|b| b.is_ascii_digit())
}

fn judge(
    doc: &Document,
    words: &[crate::document::Word],
    detector: &whatlang::Detector,
) -> Option<Found> {
    // Counted without allocating: nearly every segment of an English
    // document stops at the English function words.
    let (mut letter_words, mut lowercase, mut english) = (0usize, 0usize, 0usize);
    for w in words {
        let t = doc.slice(w.span);
        if t.len() <= LONGEST_ENGLISH
            && w.is_ascii()
            && ENGLISH_KEYS.binary_search(&word_key(t.as_bytes())).is_ok()
        {
            english += 1;
            // The segment has no more words than this: English enough.
            if english * 8 >= words.len() {
                return None;
            }
        }
        if !is_letter_word(t) {
            continue;
        }
        letter_words += 1;
        lowercase += usize::from(t.chars().next().is_some_and(char::is_lowercase));
    }
    if letter_words < MIN_WORDS || lowercase * 2 < letter_words || english * 8 >= letter_words {
        return None;
    }
    let lowered: Vec<String> = words
        .iter()
        .map(|w| doc.slice(w.span))
        .filter(|t| is_letter_word(t))
        .map(str::to_lowercase)
        .collect();
    let (code, evidence) = STOP_WORDS
        .iter()
        .filter(|(code, _)| *code != "en")
        .chain(MORE_FUNCTION_WORDS)
        .map(|(code, list)| {
            let mut hits: Vec<String> = lowered
                .iter()
                .filter(|w| list.contains(&w.as_str()))
                .cloned()
                .collect();
            hits.sort();
            hits.dedup();
            (*code, hits)
        })
        .max_by_key(|(_, hits)| hits.len())?;
    if evidence.len() < 2 {
        return None;
    }
    let span = Span::new(
        words[0].span.start as usize,
        words[words.len() - 1].span.end as usize,
    );
    let text = doc.slice(span);
    let mut end = text.len().min(MAX_DETECT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = detector.detect(&text[..end])?;
    if info.lang() == whatlang::Lang::Eng || info.script() != whatlang::Script::Latin {
        return None;
    }
    let language = NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(info.lang().eng_name(), |(_, name)| name);
    Some(Found {
        span,
        language,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, &'static str)> {
        let doc = Document::new("t", text);
        find(&doc, &detector())
            .into_iter()
            .map(|f| (&text[f.span.range()], f.language))
            .collect()
    }

    #[test]
    fn english_function_words_are_sorted_for_binary_search() {
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
        assert!(ENGLISH_KEYS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ENGLISH.iter().map(|w| w.len()).max(), Some(LONGEST_ENGLISH));
        // Any case finds the word; a longer or shorter one does not.
        for (word, english) in [
            ("The", true),
            ("THE", true),
            ("them", true),
            ("th", false),
            ("thee", false),
        ] {
            let found = ENGLISH_KEYS
                .binary_search(&word_key(word.as_bytes()))
                .is_ok();
            assert_eq!(found, english, "{word}");
        }
    }

    #[test]
    fn a_sentence_of_another_language_is_found() {
        assert_eq!(
            found("The council met. Le maire a dit que la ville est prête pour les travaux."),
            [(
                "Le maire a dit que la ville est prête pour les travaux",
                "French"
            )]
        );
        assert_eq!(
            found("He said the plan was ready; þetta er ekki það sem við viljum gera núna."),
            [("þetta er ekki það sem við viljum gera núna", "Icelandic")]
        );
    }

    #[test]
    fn english_headlines_names_and_short_quotes_are_not() {
        assert!(
            found("Jean de la Fontaine and Leonardo da Vinci visited the museum in Rome.")
                .is_empty()
        );
        assert!(found("Trump Signs Order Banning Apps From Chinese Firms").is_empty());
        assert!(found("She said c'est la vie and left the room in a hurry.").is_empty());
        assert!(
            found("Der Spiegel, Le Monde, El País, La Repubblica and De Telegraaf all ran it.")
                .is_empty()
        );
    }
}
