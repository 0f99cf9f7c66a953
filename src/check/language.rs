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
    for (n, (text, ascii)) in plain_words(doc).take(SAMPLE_WORDS).enumerate() {
        let word = if ascii {
            letters_latin += text.bytes().filter(u8::is_ascii_alphabetic).count();
            lowercase_ascii_into(text, &mut lowered)
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
            lowercase_into(text, &mut lowered)
        };
        if let Some(word) = word
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

/// The runs of word characters of `doc`, in order (its text split at every
/// other character): its [words](Document::words), already split, cut at
/// the apostrophes and hyphens they hold; each with whether it is ASCII.
fn plain_words<'a>(doc: &'a Document) -> impl Iterator<Item = (&'a str, bool)> {
    doc.words().iter().flat_map(|&w| {
        let word = doc.slice(w.span);
        // Most words hold no joiner, and are one run.
        let (whole, parts) = if w.is_joined() {
            (
                None,
                Some(word.split(|c| !crate::document::is_word_char(c))),
            )
        } else {
            (Some((word, w.is_ascii())), None)
        };
        whole.into_iter().chain(
            parts
                .into_iter()
                .flatten()
                .filter(|p| !p.is_empty())
                .map(|p| (p, p.is_ascii())),
        )
    })
}

/// Each stop word (as bytes: a lowercased word is looked up without
/// validating it as UTF-8 again) with the languages (bits, by their index in
/// [`STOP_WORDS`]) that have it: one lookup per word instead of a scan of
/// every list.
fn stop_word_languages() -> &'static rustc_hash::FxHashMap<&'static [u8], u16> {
    const _: () = assert!(STOP_WORDS.len() <= 16, "one bit per language in a u16");
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static [u8], u16>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for (i, (_, words)) in STOP_WORDS.iter().enumerate() {
            for &word in *words {
                *map.entry(word.as_bytes()).or_insert(0) |= 1 << i;
            }
        }
        map
    })
}

/// The longest stop word in bytes (`também`, `questo`).
const MAX_STOP_WORD_BYTES: usize = 8;

/// `text` lowercased into `buf`, if it is short enough to be a stop word.
fn lowercase_into<'b>(text: &str, buf: &'b mut [u8; MAX_STOP_WORD_BYTES]) -> Option<&'b [u8]> {
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
    Some(&buf[..len])
}

/// [`lowercase_into`] for an ASCII `text`, byte by byte.
fn lowercase_ascii_into<'b>(
    text: &str,
    buf: &'b mut [u8; MAX_STOP_WORD_BYTES],
) -> Option<&'b [u8]> {
    let lowered = buf.get_mut(..text.len())?;
    for (l, b) in lowered.iter_mut().zip(text.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some(lowered)
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

    proptest::proptest! {
        /// The runs read off the document's words are the text split at
        /// every character that makes no word, each known to be ASCII or not.
        #[test]
        fn plain_words_are_the_text_split_at_non_word_characters(
            text in "[a-zA-Z0-9 '’‐\\-.,\n\u{a0}éÄ中ßğ“”—ℓ①]{0,60}"
        ) {
            let doc = Document::new("t", &text);
            let split: Vec<(&str, bool)> = text
                .split(|c: char| !crate::document::is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(|w| (w, w.is_ascii()))
                .collect();
            proptest::prop_assert_eq!(plain_words(&doc).collect::<Vec<_>>(), split);
        }

        #[test]
        fn ascii_words_are_lowercased_as_any_word_is(word in "[a-zA-Z0-9]{0,10}") {
            let (mut a, mut b) = ([0u8; MAX_STOP_WORD_BYTES], [0u8; MAX_STOP_WORD_BYTES]);
            proptest::prop_assert_eq!(
                lowercase_ascii_into(&word, &mut a),
                lowercase_into(&word, &mut b)
            );
        }
    }
}
