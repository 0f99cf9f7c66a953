//! How English a word's spelling looks: the mean log-probability of its
//! letter trigrams under a model of the lexicon's words, `^` and `$`
//! marking the ends. `smitrakning` and `sleggjukasti` score far below any
//! English word; `underway` and `newsroom`, missing from the lexicon, score
//! like English. `build.rs` builds the table from the word list and
//! includes this file as it is, so the builder and the reader agree.

/// Letters `a`-`z`, then the word boundary.
const SYMBOLS: usize = 27;
const BOUNDARY: usize = 26;

/// Add-k smoothing: an unseen trigram after a common pair is unlikely, not
/// impossible.
const K: f64 = 0.1;
const SMOOTHING_SYMBOLS: f64 = 28.0;

fn symbol(b: u8) -> Option<usize> {
    b.is_ascii_lowercase().then(|| usize::from(b - b'a'))
}

/// The symbols of `word` with a boundary at each end, if it is made of
/// ASCII letters only (lowercased).
fn symbols(word: &str) -> Option<Vec<usize>> {
    let mut out = vec![BOUNDARY];
    for b in word.bytes() {
        out.push(symbol(b.to_ascii_lowercase())?);
    }
    out.push(BOUNDARY);
    Some(out)
}

/// The model of the words of `list` (lines; `#` comments and words with
/// other than ASCII letters are skipped): for each trigram, the natural
/// log of its probability after its first two symbols, as little-endian
/// `f32`s.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn build(list: &str) -> Vec<u8> {
    let mut trigrams = vec![0u32; SYMBOLS * SYMBOLS * SYMBOLS];
    let mut pairs = vec![0u32; SYMBOLS * SYMBOLS];
    for line in list.lines() {
        let word = line.trim();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        let Some(s) = symbols(word) else { continue };
        for w in s.windows(3) {
            trigrams[(w[0] * SYMBOLS + w[1]) * SYMBOLS + w[2]] += 1;
            pairs[w[0] * SYMBOLS + w[1]] += 1;
        }
    }
    let mut out = Vec::with_capacity(trigrams.len() * 4);
    for (i, &count) in trigrams.iter().enumerate() {
        let pair = pairs[i / SYMBOLS];
        let p = (f64::from(count) + K) / (f64::from(pair) + K * SMOOTHING_SYMBOLS);
        out.extend((p.ln() as f32).to_le_bytes());
    }
    out
}

/// The mean log-probability of `word`'s trigrams under `table` (from
/// [`build`]), or `None` for a word of anything but ASCII letters.
pub(crate) fn english_likeness(table: &[u8], word: &str) -> Option<f32> {
    let s = symbols(word)?;
    if table.len() < SYMBOLS * SYMBOLS * SYMBOLS * 4 {
        return None;
    }
    let mut sum = 0.0f32;
    for w in s.windows(3) {
        let at = ((w[0] * SYMBOLS + w[1]) * SYMBOLS + w[2]) * 4;
        sum += f32::from_le_bytes([table[at], table[at + 1], table[at + 2], table[at + 3]]);
    }
    Some(sum / (s.len() - 2) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_spelled_like_the_list_score_higher() {
        let table = build("# words\nthe\nthen\nthere\nother\nbother\nbrother\n");
        let like = |w| english_likeness(&table, w).unwrap();
        assert!(like("tother") > like("kvxq"));
        assert!(like("Bother") == like("bother"), "case does not count");
        assert_eq!(english_likeness(&table, "café"), None);
        assert_eq!(english_likeness(&table, "co-op"), None);
        assert_eq!(english_likeness(&[], "the"), None);
    }
}
