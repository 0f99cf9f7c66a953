//! A cheap guess of a document's language from its most common function
//! words, so English-only rules stay quiet on German or Indonesian text
//! (where `Deutschland` is right and `biasa biasa` is grammar).

use crate::document::Document;

/// Function words that are frequent in one language and rare in the others.
pub(crate) const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "with", "for", "was", "this", "are", "have",
            "from", "which", "by", "it",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "sich", "des", "auf", "für", "ein",
            "eine", "dem", "wird", "auch",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "et", "des", "est", "une", "dans", "qui", "pour", "pas", "sur", "avec",
            "du", "au", "sont", "ce",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "del", "que", "una", "por", "con", "para", "como", "está",
            "pero", "sus", "fue", "muy",
        ],
    ),
    (
        "it",
        &[
            "il", "che", "di", "della", "per", "sono", "gli", "nel", "anche", "alla", "questo",
            "delle", "è", "più", "come", "degli",
        ],
    ),
    (
        "pt",
        &[
            "os", "não", "uma", "com", "para", "mais", "dos", "das", "ao", "pelo", "isso", "foi",
            "também", "são", "já", "ele",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "niet", "zijn", "ook", "maar", "voor", "dat", "wordt", "aan",
            "deze", "bij", "uit", "nog", "naar",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan",
            "pada", "juga", "ke", "ada", "bisa",
        ],
    ),
];

const GERMAN: usize = 1;

/// How many words of a document the guess looks at.
const SAMPLE_WORDS: usize = 2000;
/// Fewer stop-word hits than this and the guess is "don't know".
const MIN_HITS: usize = 8;

/// The likely language of `doc` (`"en"`, `"de"` ... or `"other"` for mostly
/// non-Latin text), or `None` when the text is too short to tell.
pub fn guess(doc: &Document) -> Option<&'static str> {
    let mut hits = [0usize; STOP_WORDS.len()];
    let mut letters_latin = 0usize;
    let mut letters_other = 0usize;
    // Stop words are short: a longer word is counted for its letters only.
    let mut lowered = [0u8; MAX_STOP_WORD_BYTES];
    let words = doc
        .text
        // `is_alphanumeric` looks a space or a comma up in Unicode's tables.
        .split(|c: char| !crate::document::is_word_char(c))
        .filter(|w| !w.is_empty());
    for (n, text) in words.take(SAMPLE_WORDS).enumerate() {
        if text.is_ascii() {
            letters_latin += text.bytes().filter(u8::is_ascii_alphabetic).count();
        } else {
            for c in text.chars().filter(|c| c.is_alphabetic()) {
                if matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü') {
                    hits[GERMAN] += 1;
                }
                if (c as u32) < 0x250 {
                    letters_latin += 1;
                } else {
                    letters_other += 1;
                }
            }
        }
        if let Some(word) = lowercase_into(text, &mut lowered)
            && let Some(&languages) = stop_word_languages().get(word)
        {
            for (i, hit) in hits.iter_mut().enumerate() {
                *hit += usize::from(languages & (1 << i) != 0);
            }
        }
        // A long document has decided long before the sample ends.
        if n % 256 == 255 && decided(&hits) {
            break;
        }
    }
    if letters_other > letters_latin && letters_other > 40 {
        return Some("other");
    }
    let (best, &count) = hits.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let runner_up = hits
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0);
    // Short texts (one MT segment) decide on fewer words if one language clearly leads.
    let clear = count >= MIN_HITS || (count >= 2 && count >= 3 * runner_up);
    clear.then_some(STOP_WORDS[best].0)
}

/// Each stop word with the languages (bits, by their index in
/// [`STOP_WORDS`]) that have it: one lookup per word instead of a scan of
/// every list.
fn stop_word_languages() -> &'static rustc_hash::FxHashMap<&'static str, u16> {
    const _: () = assert!(STOP_WORDS.len() <= 16, "one bit per language in a u16");
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u16>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for (i, (_, words)) in STOP_WORDS.iter().enumerate() {
            for &word in *words {
                *map.entry(word).or_insert(0) |= 1 << i;
            }
        }
        map
    })
}

/// The longest stop word in bytes (`também`, `questo`).
const MAX_STOP_WORD_BYTES: usize = 8;

/// `text` lowercased into `buf`, if it is short enough to be a stop word.
fn lowercase_into<'b>(text: &str, buf: &'b mut [u8; MAX_STOP_WORD_BYTES]) -> Option<&'b str> {
    if text.len() > MAX_STOP_WORD_BYTES {
        return None;
    }
    let mut len = 0;
    for c in text.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > MAX_STOP_WORD_BYTES {
            return None;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// One language leads by far: more sampling would not change the answer.
fn decided(hits: &[usize]) -> bool {
    let mut sorted = hits.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted[0] >= 4 * MIN_HITS && sorted[0] >= 5 * sorted[1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_common_languages_apart() {
        let en = "The council said that the plan was approved and that it is now with the minister for a final decision by the end of the year.";
        let de = "Der Rat sagte, dass der Plan genehmigt wurde und die Entscheidung des Ministers nicht mehr auf sich warten lässt, auch für die Stadt ist das ein Schritt mit Folgen.";
        let id = "Dia mengatakan bahwa rencana itu akan dibahas dan tidak ada yang bisa dilakukan untuk itu, ini juga yang dikatakan dari dalam partai pada hari itu dengan jelas.";
        assert_eq!(guess(&Document::new("en", en)), Some("en"));
        assert_eq!(guess(&Document::new("de", de)), Some("de"));
        assert_eq!(guess(&Document::new("id", id)), Some("id"));
        assert_eq!(
            guess(&Document::new("short", "Vladimir Poutine said.")),
            None
        );
        assert_eq!(
            guess(&Document::new(
                "segment",
                "Ich bin in Deutschland aufgewachsen und habe die Schule besucht."
            )),
            Some("de")
        );
        assert_eq!(
            guess(&Document::new("segment", "He went to the the market.")),
            Some("en")
        );
    }
}
