//! Names checked against a list: `Kassym-Jopart Tokayev` is one edit from the
//! listed `Kassym-Jomart Tokayev`, anchored by the exact `Tokayev`.
//!
//! Lookups go through indexes built once per rule set: a hash map from every
//! listed token to the entries using it (anchors), and a deletion
//! neighbourhood of listed surnames (hashes of each form with one character
//! removed) for lone tokens, so no token is ever compared with the whole list.

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

use std::sync::Arc;

use super::kind::{Check, Key, Kind, KindError, KindSpec};
use super::meta::RuleMeta;
use crate::check::edit_distance::damerau_levenshtein;
use crate::check::name_variant::{fold_diacritic, skeleton};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::span::Span;

const NAMES: Key<Vec<String>> = Key::new("names");
const NAMES_FILE: Key<String> = Key::new("names-file");
const MIN_SURNAME_LETTERS: Key<u32> = Key::new("min-surname-letters");

pub static KIND: Kind = Kind {
    name: "names",
    keys: &[NAMES.decl(), NAMES_FILE.decl(), MIN_SURNAME_LETTERS.decl()],
    placeholders: &["match", "replacement", "name"],
    compile,
    prepare: None,
};

/// `names/misspelled`: a names list, indexed once.
#[derive(Debug)]
pub struct Names {
    pub index: Arc<NameIndex>,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let mut names: Vec<String> = spec
        .take(&NAMES)?
        .map(|n| n.into_inner())
        .unwrap_or_default();
    names.extend(
        spec.take_list_file(&NAMES_FILE, "names")?
            .into_iter()
            .map(str::to_string),
    );
    if names.is_empty() {
        return Err(spec.missing("`names` or `names-file`"));
    }
    let min_surname = spec.count(&MIN_SURNAME_LETTERS, 6, 1)?;
    Ok(Arc::new(Names {
        index: Arc::new(NameIndex::new(
            names.iter().map(String::as_str),
            min_surname,
        )),
    }))
}

impl Check for Names {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, &self.index, out);
    }
}

/// A names list, indexed.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Each entry's tokens (split on spaces and hyphens).
    entries: Vec<Vec<String>>,
    /// Each entry as written in the list.
    written: Vec<String>,
    /// Token → (entry, position) for every token of every entry.
    exact: HashMap<String, Vec<(u32, u16)>>,
    /// Listed surnames of `min_surname` letters or more, and their deletion neighbourhood.
    surnames: Vec<String>,
    deletions: HashMap<u64, Vec<u32>>,
    /// `min-surname-letters` (6): a lone word is matched against listed
    /// surnames this long or longer, and a mismatched surname of a
    /// two-part name must be this long (a shared first name is a weak anchor).
    min_surname: usize,
}

const MIN_FUZZY_TOKEN: usize = 4;

fn tokens(name: &str) -> Vec<String> {
    name.split([' ', '-', '\u{a0}'])
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl NameIndex {
    /// Builds the index from names, one per item (`#` comments and blank
    /// lines already removed).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>, min_surname: usize) -> NameIndex {
        let mut index = NameIndex {
            min_surname,
            ..NameIndex::default()
        };
        let mut seen_surnames: HashMap<String, u32> = HashMap::default();
        for name in names {
            let toks = tokens(name);
            if toks.len() < 2 {
                continue;
            }
            let id = index.entries.len() as u32;
            for (pos, tok) in toks.iter().enumerate() {
                index
                    .exact
                    .entry(tok.clone())
                    .or_default()
                    .push((id, pos as u16));
            }
            let person_like = toks.len() <= 4
                && toks
                    .iter()
                    .all(|t| t.chars().next().is_some_and(char::is_uppercase));
            let surname = toks.last().expect("two or more tokens");
            if person_like
                && surname.chars().count() >= index.min_surname
                && !seen_surnames.contains_key(surname)
            {
                let sid = index.surnames.len() as u32;
                seen_surnames.insert(surname.clone(), sid);
                index.surnames.push(surname.clone());
                for_each_deletion_hash(surname, |h| {
                    index.deletions.entry(h).or_default().push(sid);
                });
            }
            index.entries.push(toks);
            index.written.push(name.to_string());
        }
        index
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The `min-surname-letters` it was built with.
    pub fn min_surname(&self) -> usize {
        self.min_surname
    }

    /// The listed names, as written.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.written.iter().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn lone_candidates(&self, word: &str) -> Vec<&str> {
        let mut ids: Vec<u32> = Vec::new();
        for_each_deletion_hash(word, |h| {
            if let Some(found) = self.deletions.get(&h) {
                ids.extend_from_slice(found);
            }
        });
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .map(|id| self.surnames[id as usize].as_str())
            .filter(|s| *s != word && damerau_levenshtein(word, s, 1) <= 1)
            .collect()
    }
}

/// Calls `each` with the hash of `word` and of each form of it with one
/// character removed. The hash is polynomial, so every form's hash comes
/// from a prefix's and a suffix's in constant time: a word of n characters
/// costs O(n), not n hashes of n bytes. Forms that differ may share a hash;
/// candidates are confirmed by edit distance.
fn for_each_deletion_hash(word: &str, mut each: impl FnMut(u64)) {
    const BASE: u64 = 0x0000_0100_0000_01b3;
    let bytes = word.as_bytes();
    let n = bytes.len();
    // suffix[k]: the hash of bytes[k..]; power[m]: BASE^m.
    let mut suffix: SmallVec<[u64; 32]> = smallvec::smallvec![0; n + 1];
    let mut power: SmallVec<[u64; 32]> = smallvec::smallvec![1; n + 1];
    for k in (0..n).rev() {
        power[n - k] = power[n - k - 1].wrapping_mul(BASE);
        suffix[k] = (bytes[k] as u64)
            .wrapping_add(1)
            .wrapping_mul(power[n - k - 1])
            .wrapping_add(suffix[k + 1]);
    }
    let finish = |hash: u64, len: usize| (hash ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    each(finish(suffix[0], n));
    // The hash of bytes[..i], as each character is passed.
    let mut prefix = 0u64;
    for (i, c) in word.char_indices() {
        let after = i + c.len_utf8();
        let joined = prefix
            .wrapping_mul(power[n - after])
            .wrapping_add(suffix[after]);
        each(finish(joined, n - c.len_utf8()));
        for &b in &bytes[i..after] {
            prefix = prefix.wrapping_mul(BASE).wrapping_add(b as u64 + 1);
        }
    }
}

/// A name token in the text: a word or a hyphen part of one, possessive removed.
#[derive(Debug, Clone, Copy)]
struct Token {
    span: Span,
    /// True if the gap to the previous token is one space (or no-break
    /// space) or a hyphen.
    joined: bool,
    /// True for a whole word or its first hyphen part.
    first_part: bool,
    /// True if it begins with an uppercase letter: asked of every token,
    /// twice, so worked out once.
    capitalised: bool,
}

impl Token {
    /// True if it opens a sentence (asked of few tokens, so not stored).
    fn starts_sentence(&self, text: &str) -> bool {
        if !self.first_part {
            return false;
        }
        let before = text[..self.span.start as usize].trim_end();
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', '“', '"', ':'])
    }
}

fn text_tokens(doc: &Document) -> Vec<Token> {
    // A word per token, and room for the parts of hyphenated ones.
    let mut out = Vec::with_capacity(doc.words().len() * 9 / 8 + 16);
    let mut prev_end: Option<usize> = None;
    for word in doc.words() {
        let (ws, we) = (word.span.start as usize, word.span.end as usize);
        let gap = prev_end.map(|p| &doc.text.as_bytes()[p..ws]);
        // One space or one no-break space (U+00A0, in UTF-8).
        let joined_to_prev = gap.is_some_and(|g| matches!(g, [b' '] | [0xc2, 0xa0]));
        prev_end = Some(we);
        // Most words are one run of letters and digits: no possessive, no
        // hyphen, one token.
        if !word.is_joined() {
            out.push(Token {
                span: word.span,
                joined: joined_to_prev,
                first_part: true,
                capitalised: word.is_capitalised(),
            });
            continue;
        }
        let mut text = &doc.text[ws..we];
        if text.ends_with('s') {
            for suffix in ["’s", "'s"] {
                if let Some(stem) = text.strip_suffix(suffix) {
                    text = stem;
                }
            }
        }
        // No hyphen (an apostrophe only): one token.
        if !text.is_empty() && !text.bytes().any(|b| b == b'-') {
            out.push(Token {
                span: Span::new(ws, ws + text.len()),
                joined: joined_to_prev,
                first_part: true,
                capitalised: capitalised(text),
            });
            continue;
        }
        let mut offset = ws;
        for (k, part) in text.split('-').enumerate() {
            if !part.is_empty() {
                out.push(Token {
                    span: Span::new(offset, offset + part.len()),
                    joined: if k == 0 { joined_to_prev } else { true },
                    first_part: k == 0,
                    capitalised: capitalised(part),
                });
            }
            offset += part.len() + 1;
        }
    }
    out
}

/// British/American spellings (`Organisation`) and diacritics (`Erdoğan`)
/// are not misspellings of a name.
fn is_spelling_variant(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(fold_diacritic)
            .collect::<Vec<char>>()
    };
    let (a, b) = (fold(a), fold(b));
    if a == b {
        return true;
    }
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b.iter()).all(|(&x, &y)| {
        x == y || matches!((x, y), ('s', 'z') | ('z', 's') | ('c', 's') | ('s', 'c'))
    })
}

/// One name in two romanisation systems (`Sergey`/`Sergei`, `Yuriy`/`Yuri`,
/// `Mikhail`/`Michail`, `Olga`/`Olha`, `Aleksandr`/`Alexander`): the same
/// person written the way another agency or language writes him, not a
/// misspelling. Compared on the names/variant skeleton (y/i/j, kh/h, ks/x,
/// doubled letters ...) with the differences that only matter between
/// romanisations merged as well: yo/e (`Artyom`/`Artem`), ch/kh (German and
/// Greek `ch`), g/h (Ukrainian `h` for Russian `g`), ie/ye/e (`Andreyev`/
/// `Andreev`), word-initial ole/ale (`Oleksandr`/`Aleksandr`) and a final
/// consonant + er/r (`Alexander`/`Aleksandr`, `Peter`/`Petr`).
fn same_romanisation(a: &str, b: &str) -> bool {
    fn key(word: &str) -> String {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        let mut s = skeleton(&lower.replace("yo", "e"));
        for (from, to) in [("ch", "h"), ("g", "h"), ("ie", "e")] {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
        if let Some(rest) = s.strip_prefix("ole") {
            s = format!("ale{rest}");
        }
        if let Some(stem) = s.strip_suffix("er")
            && stem
                .chars()
                .next_back()
                .is_some_and(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        {
            s = format!("{stem}r");
        }
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    }
    key(a) == key(b)
}

/// `Markets` and `Market`, `Nation` and `Nations`: a word in the plural (or
/// the singular of a plural name) is not a misspelling.
fn plural_of(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// `names/misspelled`.
pub fn check(doc: &Document, rule: &RuleMeta, index: &NameIndex, out: &mut Vec<Diagnostic>) {
    let toks = text_tokens(doc);
    let text_of = |t: &Token| doc.slice(t.span);
    let mut flagged: Vec<Span> = Vec::new();
    let mut anchored: Vec<bool> = vec![false; toks.len()];
    for (i, tok) in toks.iter().enumerate() {
        // Anchor on capitalised tokens only: every listed name has one, and
        // `of`/`the` would otherwise align every organisation on the list.
        if !tok.capitalised {
            continue;
        }
        let anchor = text_of(tok);
        let Some(hits) = index.exact.get(anchor) else {
            continue;
        };
        anchored[i] = true;
        for &(entry, pos) in hits {
            let entry_toks = &index.entries[entry as usize];
            // Align the whole entry on the text: every token but one must be
            // exact and joined to its neighbour; the odd one out must be close.
            let Some(first) = i.checked_sub(pos as usize) else {
                continue;
            };
            let Some(window) = toks.get(first..first + entry_toks.len()) else {
                continue;
            };
            if window.iter().skip(1).any(|t| !t.joined) {
                continue;
            }
            let mut mismatched =
                (0..entry_toks.len()).filter(|&k| text_of(&window[k]) != entry_toks[k]);
            let (Some(k), None) = (mismatched.next(), mismatched.next()) else {
                continue;
            };
            let (t, expected) = (&window[k], &entry_toks[k]);
            let found = text_of(t);
            if !t.capitalised
                || found.chars().count() < MIN_FUZZY_TOKEN
                || flagged.contains(&t.span)
            {
                continue;
            }
            let is_surname = k + 1 == entry_toks.len();
            if is_surname && entry_toks.len() == 2 && found.chars().count() < index.min_surname {
                continue; // a shared first name is a weak anchor (`John Kerry` / `John Berry`)
            }
            if found
                .strip_suffix('s')
                .is_some_and(|f| f == expected || f.strip_suffix('e') == Some(expected))
            {
                continue; // a family in the plural (`the Bidens`)
            }
            // A given name anchored by a surname of two or three letters
            // (`Naoko Kan` for the listed `Naoto Kan`): such surnames are
            // shared by millions, so the anchor does not make it the same person.
            if k == 0 && entry_toks.len() == 2 && entry_toks[1].chars().count() < MIN_FUZZY_TOKEN {
                continue;
            }
            let limit = if expected.chars().count() >= 8 { 2 } else { 1 };
            if damerau_levenshtein(found, expected, limit) > limit
                || is_spelling_variant(found, expected)
                || same_romanisation(found, expected)
            {
                continue;
            }
            // A name listed in the same place of a name as long is a real
            // name, another person's: `Kim Jong Il` is not `Kim Jong Un`, and
            // `Doris Johnson` (for the listed `Doris Leuthard`) is not `Boris Johnson`.
            if index.exact.get(found).is_some_and(|h| {
                h.iter().any(|&(e, p)| {
                    p as usize == k && index.entries[e as usize].len() == entry_toks.len()
                })
            }) {
                continue;
            }
            flagged.push(t.span);
            let full = index.written[entry as usize].clone();
            out.push(
                rule.report(t.span, |name| match name {
                    "match" => Some(found.to_string()),
                    "replacement" => Some(expected.clone()),
                    "name" => Some(full.clone()),
                    _ => None,
                })
                .unsafe_fix([Edit::new(t.span, expected.clone())])
                .build(),
            );
        }
    }
    // Lone tokens one edit from a listed surname: info only.
    let mut lone: rustc_hash::FxHashMap<&str, Option<&str>> = Default::default();
    for (i, tok) in toks.iter().enumerate() {
        if anchored[i] || !tok.capitalised {
            continue;
        }
        let found = text_of(tok);
        // (Cheapest first: a short word by its bytes, which are at least
        // its chars, and the neighbours by their flags.)
        if found.len() < index.min_surname {
            continue;
        }
        let neighbour_capitalised = |j: Option<usize>, joined: bool| {
            j.and_then(|j| toks.get(j))
                .is_some_and(|t| joined && t.capitalised)
        };
        if neighbour_capitalised(i.checked_sub(1), tok.joined)
            || neighbour_capitalised(Some(i + 1), toks.get(i + 1).is_some_and(|t| t.joined))
        {
            continue; // part of a longer name that is not on the list
        }
        if tok.starts_sentence(doc.text)
            || found.chars().count() < index.min_surname
            || flagged.contains(&tok.span)
        {
            continue;
        }
        if found.chars().skip(1).any(char::is_uppercase) {
            continue; // acronyms and CamelCase brands
        }
        // A capitalised word recurs through a document: looked up once. A
        // word of the English lexicon, with the places and people that
        // dictionaries list (`Dallas` beside `Kallas`, `Boston` beside
        // `Bolton`), is that word, not a slip.
        // (The lexicon is asked last: most words are near no listed surname,
        // and a lookup in it costs more than the question of nearness.)
        let candidate = *lone.entry(found).or_insert_with(|| {
            index
                .lone_candidates(found)
                .first()
                .copied()
                .filter(|_| !crate::lexicon::is_english(found))
        });
        if let Some(surname) = candidate {
            if is_spelling_variant(found, surname)
                || same_romanisation(found, surname)
                || plural_of(found, surname)
            {
                continue;
            }
            out.push(
                rule.report(tok.span, |name| match name {
                    "match" => Some(found.to_string()),
                    "replacement" | "name" => Some(surname.to_string()),
                    _ => None,
                })
                .severity(Severity::Info)
                .fix_with(Applicability::DisplayOnly, [Edit::new(tok.span, surname)])
                .build(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanisations_of_one_name() {
        for group in [
            &["Sergey", "Sergei"][..],
            &["Yuri", "Yury", "Yuriy", "Yurii"],
            &["Alexey", "Aleksei", "Alexei", "Aleksey"],
            &["Dmitry", "Dmitri", "Dmitriy"],
            &["Andrey", "Andrei"],
            &["Nikolay", "Nikolai"],
            &["Evgeny", "Yevgeny", "Evgeniy", "Jevgeni"],
            &["Mikhail", "Michail"],
            &["Tatiana", "Tatyana"],
            &["Natalia", "Natalya"],
            &["Olga", "Olha"],
            &["Oleksandr", "Aleksandr", "Alexander", "Alexandr"],
            &["Artyom", "Artem"],
            &["Tokayev", "Tokaev"],
        ] {
            for other in &group[1..] {
                assert!(same_romanisation(group[0], other), "{} / {other}", group[0]);
            }
        }
        for (a, b) in [
            ("Jomart", "Jopart"),
            ("Lavrov", "Lavorv"),
            ("Patrushev", "Patrushov"),
            ("Vladimir", "Volodymyr"),
            ("Boris", "Doris"),
            ("Naoto", "Naoko"),
        ] {
            assert!(!same_romanisation(a, b), "{a} / {b}");
        }
    }

    fn deletion_hashes(word: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_deletion_hash(word, |h| out.push(h));
        out
    }

    proptest::proptest! {
        /// Each one-character deletion of a word hashes as that shorter word
        /// does, so a listed surname and a slip one deletion away meet.
        #[test]
        fn a_deletion_hashes_as_the_shorter_word(word in "[A-Za-zÀ-ÿ]{1,40}", at in 0usize..40) {
            let chars: Vec<char> = word.chars().collect();
            let at = at % chars.len();
            let shorter: String = chars.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, c)| c).collect();
            let hashes = deletion_hashes(&word);
            proptest::prop_assert_eq!(hashes.len(), chars.len() + 1);
            proptest::prop_assert_eq!(hashes[at + 1], deletion_hashes(&shorter)[0]);
        }
    }

    #[test]
    fn words_that_differ_hash_apart() {
        let [jomart, jopart] = [deletion_hashes("Jomart")[0], deletion_hashes("Jopart")[0]];
        assert_ne!(jomart, jopart);
        assert_ne!(deletion_hashes("ab")[0], deletion_hashes("ba")[0]);
        assert_ne!(
            deletion_hashes("Tokayev")[0],
            deletion_hashes("Tokayevs")[0]
        );
    }

    #[test]
    fn plurals() {
        assert!(plural_of("Markets", "Market"));
        assert!(plural_of("Nation", "Nations"));
        assert!(!plural_of("Dallas", "Kallas"));
    }
}
