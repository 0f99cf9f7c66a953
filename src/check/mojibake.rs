//! Mojibake: UTF-8 text that was decoded with the wrong code page (`â€™` for
//! `’`, `Ã©` for `é`, `Â ` for a no-break space, `вЂ™` in Windows-1251,
//! `g√¢teau` in MacRoman, `╨┐` in code page 437), sometimes twice
//! (`Ã¢â‚¬â„¢`), and `ï¿½`, the UTF-8 of U+FFFD read as Windows-1252.
//!
//! The check works on runs of non-ASCII characters (pure ASCII is skipped at
//! memory speed). In each run it re-encodes the characters with every code
//! page in `codec` and looks for byte sequences that are valid multi-byte
//! UTF-8. Such a sequence is only evidence: real text makes some of them by
//! chance (`CAFÉ”`, the Ukrainian `Рік`, `«МВД»`). Each sequence is scored
//! from the characters it is made of and the character it decodes to, in
//! the spirit of the "badness" heuristic of ftfy (Robyn Speer, Apache-2.0):
//! an accented capital followed by a symbol, a C1 control or `€` is almost
//! never intended, while a capital followed by a closing quote at the end of
//! a word is ordinary. Adjacent sequences form a cluster; a cluster is
//! reported when its score reaches `STRONG`, or `CORROBORATED` when the
//! same document already has strong mojibake of the same family.
//!
//! The fix is the decoded text, decoded again while it still looks like
//! mojibake (double and triple encoding), offered only when every step is
//! clean.

mod codec;

use std::sync::Arc;

use codec::{Codec, Family, Lookup};

use super::kind::{self, Check, PROCEDURAL};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::input::entity::named_reference;
use crate::span::Span;

pub static KIND: kind::Kind = kind::Kind {
    name: "mojibake",
    keys: &[],
    placeholders: PROCEDURAL,
    compile: |_| Ok(Arc::new(Mojibake)),
    prepare: None,
};

#[derive(Debug)]
pub struct Mojibake;

impl Check for Mojibake {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, out);
    }
}

/// A cluster scoring this much is mojibake on its own.
const STRONG: u32 = 3;
/// Enough when the document has strong mojibake of the same code-page family,
/// and within text that is itself the repair of mojibake.
const CORROBORATED: u32 = 2;
/// Double and triple encoding are repaired; deeper nesting is left alone.
const MAX_DEPTH: u8 = 4;

pub fn check(doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    if text.is_ascii() {
        return;
    }
    for found in find(text) {
        let span = Span::new(found.start, found.end);
        let matched = doc.slice(span);
        let detail = found.detail(matched);
        let replacement = found.fix.clone().unwrap_or_default();
        out.push(
            rule.report(span, |name| match name {
                "match" => Some(matched.to_string()),
                "replacement" => Some(shown(&replacement)),
                "detail" => Some(detail.clone()),
                "value" => Some(found.codec.name().to_string()),
                "count" => Some(found.depth.to_string()),
                _ => None,
            })
            .unsafe_fix(found.fix.map(|repaired| Edit::new(span, repaired)))
            .build(),
        );
    }
}

/// The byte spans of everything this check reports in `text`, for other
/// checks that must not report the same characters again.
pub(crate) fn spans(text: &str) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        return Vec::new();
    }
    find(text).into_iter().map(|f| (f.start, f.end)).collect()
}

/// The character a byte means in Windows-1252, for a C1 control that a
/// Latin-1 reader left in place of cp1252 punctuation. `None` for the five
/// bytes cp1252 leaves undefined.
pub(crate) fn cp1252_char(byte: u8) -> Option<char> {
    let c = Codec::Cp1252.decode(byte);
    (!('\u{80}'..='\u{9f}').contains(&c)).then_some(c)
}

/// A finding, with its repair when one is clean.
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    codec: Codec,
    /// How many decodings the repair took (2 for double encoding).
    depth: u8,
    kind: Kind,
    fix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Decodes to text; `fix` holds it when the repair is clean.
    Decoded,
    /// `ï¿½`: the UTF-8 of the replacement character.
    ReplacementChar,
    /// Bytes were lost on the way (`â€?`, `Ã?`, U+FFFD inside the sequence).
    Lossy,
    /// The no-break space of `à` turned into a plain space (`Ã perturber`).
    LostNbsp,
}

impl Found {
    fn detail(&self, matched: &str) -> String {
        let codec = if self.codec == Codec::Cp1252 && matched.contains(is_c1) {
            "Latin-1"
        } else {
            self.codec.name()
        };
        let times = match self.depth {
            0 | 1 => "",
            2 => " twice",
            3 => " three times",
            _ => " repeatedly",
        };
        match (&self.kind, &self.fix) {
            (Kind::ReplacementChar, _) => format!(
                "the UTF-8 bytes of the replacement character U+FFFD read as {codec}{times}; \
                 the original character was lost before that"
            ),
            (Kind::Lossy, _) => format!(
                "UTF-8 read as {codec}{times}, with bytes lost on the way ('?' or U+FFFD); \
                 restore it from the source"
            ),
            (Kind::LostNbsp, Some(fix)) if fix == " " => {
                format!("a no-break space read as {codec}, whose second byte became a plain space")
            }
            (Kind::LostNbsp, Some(fix)) => format!(
                "'{}' read as {codec}, whose second byte became a plain space",
                fix.trim_end()
            ),
            (Kind::LostNbsp, None) => {
                format!("a letter read as {codec}, whose second byte became a plain space")
            }
            (Kind::Decoded, Some(fix)) if fix.is_empty() => {
                format!("a byte-order mark read as {codec}{times}; delete it")
            }
            (Kind::Decoded, Some(fix)) => {
                format!(
                    "UTF-8 read as {codec}{times}; it should read '{}'",
                    shown(fix)
                )
            }
            (Kind::Decoded, None) => format!("UTF-8 read as {codec}{times}"),
        }
    }
}

/// A run of adjacent look-alike sequences of one code page.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    codec: Codec,
    score: u32,
    /// The decoded text, `None` when bytes were lost.
    decoded: Option<String>,
    kind: Kind,
    /// Next to a `?` or U+FFFD: part of the text is lost, so no repair.
    damaged: bool,
}

fn find(text: &str) -> Vec<Found> {
    let mut candidates = candidates(text);
    let chosen = choose(&mut candidates, STRONG);
    chosen
        .into_iter()
        .map(|c| {
            let (fix, depth) = match (&c.decoded, c.damaged) {
                (Some(decoded), false) => repair(decoded),
                _ => (None, 1),
            };
            let kind = match c.kind {
                Kind::Decoded if c.decoded.as_deref() == Some("\u{fffd}") => Kind::ReplacementChar,
                ref k => k.clone(),
            };
            let fix = if kind == Kind::ReplacementChar {
                None
            } else {
                fix
            };
            Found {
                start: c.start,
                end: c.end,
                codec: c.codec,
                depth,
                kind,
                fix,
            }
        })
        .collect()
}

/// Picks the best non-overlapping candidates (highest score, then longest,
/// then the code page with the most strong candidates in the text, then the
/// most common code page) and keeps those that reach `threshold`, or
/// [`CORROBORATED`] in a family that has one reaching `threshold`. When two
/// code pages of one family (Windows-1250 and ISO-8859-2) explain the same
/// span equally well but decode it differently, no repair is offered.
fn choose(candidates: &mut [Candidate], threshold: u32) -> Vec<Candidate> {
    let mut strength = [0u32; Codec::ALL.len()];
    // Strong candidates that decode to letters say which code page it was.
    for c in candidates.iter().filter(|c| c.score >= STRONG) {
        if c.decoded
            .as_deref()
            .is_some_and(|d| d.chars().all(char::is_alphabetic))
        {
            strength[c.codec.index()] += 1;
        }
    }
    // Letters are likelier than symbols inside words (`nĂˇm`: Windows-1250
    // `á`, not ISO-8859-2 `÷`).
    let letters = |c: &Candidate| {
        c.decoded
            .as_deref()
            .map_or(0, |d| d.chars().filter(|c| c.is_alphabetic()).count())
    };
    let rank = |c: &Candidate| {
        (
            std::cmp::Reverse(c.score),
            std::cmp::Reverse(c.end - c.start),
            std::cmp::Reverse(letters(c)),
            std::cmp::Reverse(strength[c.codec.index()]),
            c.codec.index(),
            c.start,
        )
    };
    candidates.sort_by_key(rank);
    let mut accepted: Vec<Candidate> = Vec::new();
    for c in candidates.iter() {
        if accepted
            .iter()
            .all(|a| c.end <= a.start || a.end <= c.start)
        {
            let mut c = c.clone();
            c.damaged |= candidates.iter().any(|d| {
                d.start == c.start
                    && d.end == c.end
                    && d.score == c.score
                    && d.codec.family() == c.codec.family()
                    && letters(d) == letters(&c)
                    && strength[d.codec.index()] == strength[c.codec.index()]
                    && d.decoded != c.decoded
            });
            accepted.push(c);
        }
    }
    let strong: Vec<Family> = accepted
        .iter()
        .filter(|c| c.score >= threshold)
        .map(|c| c.codec.family())
        .collect();
    accepted.retain(|c| {
        c.score >= threshold || (c.score >= CORROBORATED && strong.contains(&c.codec.family()))
    });
    accepted.sort_by_key(|c| c.start);
    accepted
}

/// Decodes mojibake found inside a repair until none is left; returns the
/// repaired text (when clean) and how many decodings it took.
fn repair(decoded: &str) -> (Option<String>, u8) {
    let mut current = decoded.to_string();
    let mut depth = 1;
    while depth < MAX_DEPTH && !current.is_ascii() {
        let mut inner = candidates(&current);
        let mut chosen = choose(&mut inner, 1);
        // Weak sequences count only when together they are all of the
        // non-ASCII text: `â”’` left by one decoding is `┒` encoded again.
        let covered: usize = chosen
            .iter()
            .map(|c| {
                current[c.start..c.end]
                    .chars()
                    .filter(|c| !c.is_ascii())
                    .count()
            })
            .sum();
        if covered != current.chars().filter(|c| !c.is_ascii()).count() {
            chosen.retain(|c| c.score >= CORROBORATED);
        }
        if chosen.is_empty() {
            break;
        }
        let mut next = String::with_capacity(current.len());
        let mut cursor = 0;
        for c in &chosen {
            match (&c.decoded, c.damaged) {
                (Some(d), false) => {
                    next.push_str(&current[cursor..c.start]);
                    next.push_str(d);
                    cursor = c.end;
                }
                _ => return (None, depth + 1),
            }
        }
        next.push_str(&current[cursor..]);
        current = next;
        depth += 1;
    }
    let clean = !current
        .chars()
        .any(|c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
    let fix = if current == "\u{feff}" {
        Some(String::new())
    } else {
        clean.then_some(current)
    };
    (fix, depth)
}

// ---------------------------------------------------------------------------
// Finding candidates

/// The index of the first byte at or after `from` that is not ASCII.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        if word & HIGH != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|b| *b >= 0x80).map(|p| i + p)
}

/// Every candidate of every code page in `text`, overlapping.
fn candidates(text: &str) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut run: Vec<(usize, char)> = Vec::new();
    let table = Lookup::new();
    let mut from = 0;
    while let Some(start) = next_non_ascii(bytes, from) {
        // First pass, no allocation: is there a lead followed by a
        // continuation in some code page? Most runs (words of Cyrillic or
        // CJK text, a lone curly quote) have none.
        let mut end = start;
        let mut mask = 0u8;
        let mut previous_lead = 0u8;
        let mut last = 0;
        while end < bytes.len() && bytes[end] >= 0x80 {
            // The text is valid UTF-8: decode by hand, without checks.
            let b = bytes[end] as u32;
            let (cp, width) = match b {
                0xC0..=0xDF => (((b & 0x1F) << 6) | (bytes[end + 1] as u32 & 0x3F), 2),
                0xE0..=0xEF => (
                    ((b & 0x0F) << 12)
                        | ((bytes[end + 1] as u32 & 0x3F) << 6)
                        | (bytes[end + 2] as u32 & 0x3F),
                    3,
                ),
                _ => (0x10000, 4), // no code page has astral characters
            };
            let (lead, cont) = table.masks(cp);
            mask |= previous_lead & cont;
            previous_lead = lead;
            last = cp;
            end += width;
        }
        from = end;
        let last = char::from_u32(last).unwrap_or('\0');
        let after = &bytes[end..];
        let special = (matches!(last, 'Ã' | 'Â' | 'Å' | 'Ð' | 'Î' | '×' | 'Г')
            && after.first() == Some(&b' '))
            || after.first() == Some(&b'&');
        if mask == 0 && !special {
            continue;
        }
        run.clear();
        run.extend(text[start..end].char_indices().map(|(o, c)| (start + o, c)));
        analyze_run(text, &run, end, mask, &mut out);
    }
    out
}

/// Byte count of the UTF-8 sequence a lead byte starts, 0 if not a lead.
fn sequence_len(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// True if `b` may follow `lead` at position `k` (0 = right after the lead).
fn continues(lead: u8, k: usize, b: u8) -> bool {
    let range = match (lead, k) {
        (0xE0, 0) => 0xA0..=0xBF,
        (0xED, 0) => 0x80..=0x9F,
        (0xF0, 0) => 0x90..=0xBF,
        (0xF4, 0) => 0x80..=0x8F,
        _ => 0x80..=0xBF,
    };
    range.contains(&b)
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// Cluster being built from adjacent sequences.
struct Cluster {
    first: usize,
    last: usize,
    score: u32,
    decoded: String,
    lossy: bool,
    /// A `?` after the run belongs to the last sequence.
    takes_question_mark: bool,
}

/// Looks for candidates in one run of non-ASCII characters; `mask` has a
/// bit for each code page in which some character of the run is a lead
/// byte followed by a continuation byte.
fn analyze_run(
    text: &str,
    run: &[(usize, char)],
    run_end: usize,
    mask: u8,
    out: &mut Vec<Candidate>,
) {
    let n = run.len();
    if n == 0 {
        return;
    }
    let after = &text[run_end..];
    let last = run[n - 1].1;
    if matches!(last, 'Ã' | 'Â' | 'Å' | 'Ð' | 'Î' | '×' | 'Г') && after.starts_with(' ') {
        lost_nbsp(text, run[n - 1].0, last, out);
    }
    if after.starts_with('&') {
        entity_continuation(text, run[n - 1], run_end, out);
    }
    if n < 2 || mask == 0 {
        return;
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(n);
    for codec in Codec::ALL {
        if mask & (1 << codec.index()) == 0 {
            continue;
        }
        bytes.clear();
        bytes.extend(run.iter().map(|&(_, c)| codec.encode(c).unwrap_or(0)));
        decode_run(text, run, run_end, codec, &bytes, out);
    }
}

/// Greedy UTF-8 decoding of a run's bytes in one code page.
fn decode_run(
    text: &str,
    run: &[(usize, char)],
    run_end: usize,
    codec: Codec,
    bytes: &[u8],
    out: &mut Vec<Candidate>,
) {
    let n = run.len();
    let prev_char = |i: usize| {
        if i > 0 {
            Some(run[i - 1].1)
        } else {
            text[..run[0].0].chars().next_back()
        }
    };
    let after = |i: usize| {
        if i < n {
            &text[run[i].0..]
        } else {
            &text[run_end..]
        }
    };
    let mut cluster: Option<Cluster> = None;
    let mut flush = |cluster: &mut Option<Cluster>| {
        if let Some(c) = cluster.take() {
            finish(text, run, run_end, codec, c, out);
        }
    };
    let mut i = 0;
    while i < n {
        let lead = bytes[i];
        let need = sequence_len(lead);
        if need == 0 {
            flush(&mut cluster);
            i += 1;
            continue;
        }
        // CESU-8: a surrogate pair encoded as two three-byte sequences.
        if lead == 0xED
            && i + 5 < n
            && (0xA0..=0xAF).contains(&bytes[i + 1])
            && continues(0xE1, 1, bytes[i + 2])
            && bytes[i + 3] == 0xED
            && (0xB0..=0xBF).contains(&bytes[i + 4])
            && continues(0xE1, 1, bytes[i + 5])
        {
            let high = 0xD000 | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F);
            let low = 0xD000 | ((bytes[i + 4] as u32 & 0x3F) << 6) | (bytes[i + 5] as u32 & 0x3F);
            let cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            if let Some(decoded) = char::from_u32(cp) {
                let chars: Vec<char> = run[i..i + 6].iter().map(|&(_, c)| c).collect();
                let score = sequence_score(codec, &chars, decoded, prev_char(i), after(i + 6));
                push_sequence(&mut cluster, &mut flush, i, i + 6, score, Some(decoded));
                i += 6;
                continue;
            }
        }
        let mut k = 0;
        while k + 1 < need && i + 1 + k < n && continues(lead, k, bytes[i + 1 + k]) {
            k += 1;
        }
        if k + 1 == need {
            let decoded = std::str::from_utf8(&bytes[i..i + need])
                .ok()
                .and_then(|s| s.chars().next());
            if let Some(decoded) = decoded {
                let chars: Vec<char> = run[i..i + need].iter().map(|&(_, c)| c).collect();
                let score = sequence_score(codec, &chars, decoded, prev_char(i), after(i + need));
                push_sequence(&mut cluster, &mut flush, i, i + need, score, Some(decoded));
                i += need;
                continue;
            }
        } else if k >= 1 {
            // Truncated: a `?` or U+FFFD took the place of the missing bytes.
            let at = i + 1 + k;
            let replaced = if at < n {
                run[at].1 == '\u{fffd}'
            } else {
                text[run_end..].starts_with('?')
            };
            if replaced {
                let score = lossy_score(&bytes[i..at]);
                let end = (at + 1).min(n);
                push_sequence(&mut cluster, &mut flush, i, end, score, None);
                if at >= n
                    && let Some(c) = cluster.as_mut()
                {
                    c.takes_question_mark = true;
                }
                i = end;
                continue;
            }
        }
        flush(&mut cluster);
        i += 1;
    }
    flush(&mut cluster);
}

fn push_sequence(
    cluster: &mut Option<Cluster>,
    flush: &mut impl FnMut(&mut Option<Cluster>),
    first: usize,
    end: usize,
    score: u32,
    decoded: Option<char>,
) {
    if cluster.as_ref().is_some_and(|c| c.last != first) {
        flush(cluster);
    }
    let c = cluster.get_or_insert_with(|| Cluster {
        first,
        last: first,
        score: 0,
        decoded: String::new(),
        lossy: false,
        takes_question_mark: false,
    });
    c.last = end;
    c.score += score;
    match decoded {
        Some(d) => c.decoded.push(d),
        None => c.lossy = true,
    }
}

fn finish(
    text: &str,
    run: &[(usize, char)],
    run_end: usize,
    codec: Codec,
    cluster: Cluster,
    out: &mut Vec<Candidate>,
) {
    if cluster.score == 0 {
        return;
    }
    let start = run[cluster.first].0;
    let mut end = if cluster.last < run.len() {
        run[cluster.last].0
    } else {
        run_end
    };
    if cluster.takes_question_mark {
        end += 1;
    }
    // A `?` or U+FFFD between this and more non-ASCII text stands for lost
    // bytes of the same mojibake (`Ã?Â¢`); a `?` that ends a sentence does not.
    let mut back = text[..start].chars().rev();
    let mut forward = text[end..].chars();
    let lost = |c: Option<char>, beyond: Option<char>| match c {
        Some('\u{fffd}') => true,
        Some('?') => beyond.is_some_and(|b| !b.is_ascii()),
        _ => false,
    };
    let damaged =
        cluster.lossy || lost(back.next(), back.next()) || lost(forward.next(), forward.next());
    out.push(Candidate {
        start,
        end,
        codec,
        score: cluster.score,
        kind: if cluster.lossy {
            Kind::Lossy
        } else {
            Kind::Decoded
        },
        decoded: (!cluster.lossy).then_some(cluster.decoded),
        damaged,
    });
}

// ---------------------------------------------------------------------------
// Scoring

/// Closing punctuation that real text puts right after a word, accented
/// capitals included (`CAFÉ”`, `IRMÃ»`).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '»' | '›' | '…' | '“' | '‘' | '„' | '–' | '—' | '\u{a0}'
    )
}

/// Marks written right after a word: `NESTLÉ®`, `ГАЗПРОМ™`, `КМ²`, a
/// footnote `¹`.
fn is_attached_symbol(c: char) -> bool {
    matches!(c, '®' | '™' | '©' | '²' | '³' | '¹' | '°')
}

/// MacRoman lead bytes that are punctuation: real text puts a letter right
/// after them (`“Élysée`, `l’été`, `«à`).
fn is_mac_punctuation(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '…' | '\u{a0}' | '–' | '—' | '“' | '”' | '‘' | '’' | '‹' | '›'
    )
}

/// A cased letter (not a modifier like `ˇ` or an ordinal like `º`).
fn is_letter(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{259f}').contains(&c)
}

/// How plausible a decoded character is: 3 for characters that text is
/// written in, 1 for rare ones, 0 for blocks that only chance produces (IPA
/// from `É”`, N'Ko from `ß“`, surrogates, noncharacters).
fn decoded_class(d: char) -> u32 {
    match d as u32 {
        0x80..=0x9F => 1,
        0xA0..=0x24F => 3,
        0x250..=0x2AF => 0,
        0x2B0..=0x2FF => 1,
        0x300..=0x45F => 3,
        0x460..=0x5CF => 1,
        0x5D0..=0x5F4 => 3,
        0x5F5..=0x5FF => 0,
        0x600..=0x6FF => 3,
        0x700..=0x8FF => 0,
        0x900..=0xEFF => 3,
        0xF00..=0x109F => 1,
        0x10A0..=0x10FF => 3,
        0x1100..=0x1DFF => 1,
        0x1E00..=0x2BFF => 3,
        0x2C00..=0x2FFF => 1,
        0x3000..=0x30FF => 3,
        0x3100..=0x4DBF => 1,
        0x4E00..=0x9FFF => 3,
        0xA000..=0xABFF => 1,
        0xAC00..=0xD7A3 => 3,
        0xD7A4..=0xDFFF => 0,
        0xE000..=0xF8FE => 1,
        0xF8FF => 3,
        0xF900..=0xFAFF => 1,
        0xFB00..=0xFB06 => 3,
        0xFB07..=0xFDFF => 1,
        0xFE00..=0xFE0F => 3,
        0xFE10..=0xFEFE => 1,
        0xFEFF => 3,
        0xFF00..=0xFFEF => 3,
        0xFFFD => 3,
        0xFFF0..=0xFFFF => 0,
        0x1F000..=0x1FAFF => 3,
        0x10000..=0x10FFFF => 1,
        _ => 0,
    }
}

/// The score of one sequence: `chars` are the characters that re-encode to
/// the UTF-8 of `decoded`; `prev` comes before them and `after` is the text
/// after them.
fn sequence_score(
    codec: Codec,
    chars: &[char],
    decoded: char,
    prev: Option<char>,
    after: &str,
) -> u32 {
    let next = after.chars().next();
    let mut score = decoded_class(decoded);
    let lead = chars[0];
    let conts = &chars[1..];
    let family = codec.family();
    // The end of a word (a footnote `¹` may follow), or an apostrophe and a
    // clitic: `IRMÃ’s`, Welsh `EWROPÎ’R`.
    let word_end = match next {
        Some(n) if n.is_alphabetic() => {
            chars.last() == Some(&'’')
                && after.chars().take_while(|c| c.is_alphabetic()).count() <= 2
        }
        Some(n) => !n.is_ascii_digit(),
        None => true,
    };
    if conts.len() == 1 {
        let cont = conts[0];
        // `CAFÉ”`, `IRMÃ»`, `«МВД»`, `ГАЗПРОМ™`: a word ending in an accented
        // capital (or a letter that is a lead byte), then closing punctuation
        // or a mark that is written against words.
        // A one-letter word counts too (`«À»`, `“È”`), but `Â` and `Ã` are
        // not words anywhere.
        // Symbols other than `×` (`3×”`) end no word (`équilibr√©.`).
        let after_word = if family == Family::Cyrillic {
            prev.is_some_and(char::is_alphabetic)
        } else if matches!(lead, 'Â' | 'Ã') {
            prev.is_some_and(char::is_uppercase)
        } else if lead.is_alphabetic() {
            !prev.is_some_and(char::is_lowercase)
        } else {
            lead == '×' && prev.is_some_and(char::is_alphanumeric)
        };
        if (is_closer(cont) || is_attached_symbol(cont)) && word_end && after_word {
            score = score.min(1);
        }
        match family {
            Family::Western => {
                // `Úžasné` (Czech), `ÇŽ` (Turkmen): a capital before š or ž
                // starts real words, except the leads of Latin-1 and Latin
                // Extended-A (`Åž` is Turkish `Ş`).
                if lead.is_uppercase()
                    && !matches!(lead, 'Â' | 'Ã' | 'Ä' | 'Å')
                    && matches!(cont, 'Š' | 'š' | 'Ž' | 'ž')
                {
                    score = score.min(1);
                }
            }
            Family::Cyrillic => {
                // `Рік`, `Сёмин`, `Його`: capitals before і, ё, ї are Ukrainian
                // and Russian; `В«` is a preposition before a quote.
                // `М’янма`, `П’ятниця`: the apostrophe of Ukrainian and
                // Belarusian after a capital.
                if is_letter(cont) || is_closer(cont) {
                    score = score.min(1);
                }
                // `ТІЛІ`, `КІШІ`: Kazakh and Ukrainian capitals. Mojibake of
                // Russian puts Р or С before a capital continuation (`РІ`), of
                // Latin-1 В or Г (`ВЈ` for `£`).
                if cont.is_uppercase() && !matches!(lead, 'Р' | 'С' | 'В' | 'Г')
                    || matches!(cont, 'І' | 'Ї' | 'Є' | 'Ў' | 'Ё') && !matches!(lead, 'Р' | 'С')
                {
                    score = 0;
                }
                // Other capitals than Р С (Cyrillic), В Г (Latin-1) and Т У
                // (Kazakh, Tatar) make rare scripts: they must add up.
                if !matches!(lead, 'Р' | 'С' | 'В' | 'Г' | 'Т' | 'У') {
                    score = score.min(1);
                }
                if (decoded as u32) < 0x100 {
                    score = score.min(2);
                }
            }
            Family::Central => {
                // `Úžasné`, `PRÓŻNIA`: capitals before letters are real words,
                // except the leads of Latin-1 and Latin Extended-A
                // (`MĂĄm`, `pagrÄŻstai`), which count once corroborated.
                if is_letter(cont) {
                    let lead_byte = codec.encode(lead).unwrap_or(0);
                    score = score.min(if (0xC2..=0xC5).contains(&lead_byte) {
                        2
                    } else {
                        1
                    });
                }
            }
            Family::Mac => {
                // `“Élysée`, `l’été`, `«à`, `£5–£10`: real text puts anything
                // after punctuation; `ÿó` (Ngiemboon): a letter before an
                // accented letter.
                if is_mac_punctuation(lead)
                    || (matches!(lead, 'ÿ' | 'Ÿ' | 'Œ' | 'œ') && is_letter(cont))
                {
                    score = score.min(1);
                }
                // `√π`, `√±` are mathematics unless inside a word (`Espa√±a`, `o√π`).
                if lead == '√' && matches!(cont, '±' | '∂' | '∞' | 'π' | 'Ω' | '∑' | '∏' | '∫')
                {
                    let after_letter = prev.is_some_and(char::is_alphabetic);
                    if !after_letter {
                        score = score.min(1);
                    } else if !next.is_some_and(char::is_alphabetic) {
                        score = score.min(2);
                    }
                }
            }
            Family::Dos => {
                if is_box(lead) && is_box(cont) {
                    score = score.min(1);
                }
            }
        }
    } else {
        let symbol = matches!(
            decoded as u32,
            0x2000..=0x2BFF | 0x3000..=0x303F | 0xFB00..=0xFFFF | 0x1F000..=0x1FAFF
        );
        // `né…”`, `дії`, `Італії`, `её»`, `Kréš“`, Inari Sami `kielâ”—`: a
        // lowercase letter, then letters and closing punctuation that happen
        // to be continuation bytes. Only the prefixes of general punctuation
        // (`â€`, `вЂ`, `‚Ä`) and emoji (`ðŸ`) never occur in real words.
        let distinctive = matches!(decoded as u32, 0x2000..=0x203F | 0x1F000..=0x1FFFF);
        let word_letter = |c: char| {
            if family == Family::Western {
                // Of the cp1252 continuation letters only these follow an
                // accented letter in real words; `â` + `œ` never does.
                matches!(c, 'š' | 'ž' | 'Š' | 'Ž')
            } else {
                is_letter(c)
            }
        };
        if !distinctive
            && conts
                .iter()
                .all(|&c| word_letter(c) || is_closer(c) || is_attached_symbol(c))
        {
            score = score.min(1);
        }
        // Outside Windows-1252, one CJK, Hangul or Indic character is more
        // likely an accident of accented text (`Ëéè` in MacRoman) than
        // mojibake; several in a row still add up.
        if family != Family::Western && !symbol {
            score = score.min(1);
        }
        if family == Family::Dos && conts.iter().all(|&c| is_box(c)) && is_box(lead) {
            score = score.min(1);
        }
    }
    score
}

/// A sequence cut short by a `?` or U+FFFD: strong only for the prefixes of
/// punctuation (`â€?`), emoji (`ðŸ?`) and specials, which real text never has.
fn lossy_score(bytes: &[u8]) -> u32 {
    match bytes {
        [0xE2, 0x80..=0x84, ..] | [0xF0, 0x9F, ..] | [0xEF, 0xBF, ..] => 3,
        _ => 1,
    }
}

// ---------------------------------------------------------------------------
// Special cases

/// `Ã perturber`, `jusqu'Ã nos`: `à` is C3 A0, and the A0 (a no-break space
/// in cp1252) was normalised to a plain space. `Â ` likewise for a no-break
/// space itself, and, once the text is known to have mojibake, `Å ` for
/// `Š`, `Ð ` for `Р`, `Î ` for `Π`, `× ` for `נ`, and Windows-1251 `Г ` for
/// `à`. Only after a lowercase word
/// or at the start of a line, as in ftfy, so Portuguese capitals (`IRMÃ E`)
/// stay clean. The span takes the space: it is the lost byte.
fn lost_nbsp(text: &str, at: usize, c: char, out: &mut Vec<Candidate>) {
    let before = &text[..at];
    let mut prev = before.chars().rev();
    let after_lowercase = match prev.next() {
        None | Some('\n') => true,
        Some(p) if p.is_ascii_lowercase() || p == '\'' || p == '’' => true,
        Some(' ') => prev.next().is_some_and(|p| p.is_ascii_lowercase()),
        _ => false,
    };
    let word_start = before.chars().next_back().is_none_or(char::is_whitespace);
    let end = at + c.len_utf8() + 1;
    let (ok, score, decoded) = match c {
        // `se trouve Г l’ouest`: the same in Windows-1251.
        'Г' => (after_lowercase, CORROBORATED, "à "),
        'Ã' => {
            // `às`, `àquele`: Portuguese contractions had no space after `à`
            // (`às crianças`, but French `à s'éloigner`).
            let rest = &text[end..];
            let next_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let following = rest[next_word.len()..].chars().next();
            let joined = match next_word.as_str() {
                "s" => following.is_none_or(char::is_whitespace),
                "quele" | "quela" | "queles" | "quelas" | "quilo" => true,
                _ => false,
            };
            (after_lowercase, STRONG, if joined { "à" } else { "à " })
        }
        'Â' => (after_lowercase, STRONG, " "),
        'Å' => (word_start, CORROBORATED, "Š"),
        'Ð' => (word_start, CORROBORATED, "Р"),
        'Î' => (word_start, CORROBORATED, "Π"),
        _ => (word_start, CORROBORATED, "נ"),
    };
    if !ok {
        return;
    }
    out.push(Candidate {
        start: at,
        end,
        codec: if c == 'Г' {
            Codec::Cp1251
        } else {
            Codec::Cp1252
        },
        score,
        decoded: Some(decoded.to_string()),
        kind: Kind::LostNbsp,
        damaged: false,
    });
}

/// The HTML names of the Latin-1 characters U+00A0–U+00BF that a scraper
/// may have written out; what each stands for comes from the one table of
/// HTML names, [`named_reference`].
const ENTITIES: &[&str] = &[
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
];

/// `10Î&frac14;s`: mojibake whose continuation byte was then HTML-escaped.
fn entity_continuation(
    text: &str,
    (at, lead): (usize, char),
    amp: usize,
    out: &mut Vec<Candidate>,
) {
    let Some(lead_byte) = Codec::Cp1252
        .encode(lead)
        .filter(|b| (0xC2..=0xDF).contains(b))
    else {
        return;
    };
    let rest = &text[amp + 1..];
    let Some(semi) = rest.bytes().take(9).position(|b| b == b';') else {
        return;
    };
    let body = &rest[..semi];
    let byte = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        value.filter(|v| (0xA0..=0xBF).contains(v)).map(|v| v as u8)
    } else {
        // A Latin-1 character's code point is its byte.
        ENTITIES
            .contains(&body)
            .then(|| named_reference(&rest[..=semi]))
            .flatten()
            .and_then(|v| v.chars().next())
            .and_then(|c| u8::try_from(u32::from(c)).ok())
    };
    let Some(byte) = byte else {
        return;
    };
    let Some(decoded) = std::str::from_utf8(&[lead_byte, byte])
        .ok()
        .and_then(|s| s.chars().next())
    else {
        return;
    };
    let end = amp + 1 + semi + 1;
    let prev = text[..at].chars().next_back();
    let cont = Codec::Cp1252.decode(byte);
    let score = sequence_score(Codec::Cp1252, &[lead, cont], decoded, prev, &text[end..]);
    if score >= CORROBORATED {
        out.push(Candidate {
            start: at,
            end,
            codec: Codec::Cp1252,
            score,
            decoded: Some(decoded.to_string()),
            kind: Kind::Decoded,
            damaged: false,
        });
    }
}

/// Text for a message: invisible and space characters as `\u{..}` escapes.
fn shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control()
            || (c.is_whitespace() && c != ' ')
            || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (matched text, repair) for every finding.
    fn found(text: &str) -> Vec<(String, Option<String>)> {
        find(text)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.fix))
            .collect()
    }

    fn one(text: &str, matched: &str, fix: &str) {
        assert_eq!(
            found(text),
            vec![(matched.to_string(), Some(fix.to_string()))],
            "{text}"
        );
    }

    #[test]
    fn repairs_windows_1252() {
        one("It’s the caf\u{c3}\u{a9}.", "Ã©", "é");
        assert_eq!(
            found("He said â€œyesâ€\u{9d} and left"),
            [
                ("â€œ".to_string(), Some("“".to_string())),
                ("â€\u{9d}".to_string(), Some("”".to_string()))
            ]
        );
        one("donâ€™t", "â€™", "’");
        one("Ningboï¼ŒChina", "ï¼Œ", "，");
        one("ZURÃœCK", "Ãœ", "Ü");
        one("100Â\u{a0}km", "Â\u{a0}", "\u{a0}");
    }

    #[test]
    fn entity_names_are_latin1_names_of_the_html_table() {
        for (i, name) in ENTITIES.iter().enumerate() {
            assert_eq!(
                named_reference(&format!("{name};")),
                char::from_u32(0xA0 + i as u32).map(String::from).as_deref(),
                "{name}"
            );
        }
        one("10Î&frac14;s", "Î&frac14;", "μ");
    }

    #[test]
    fn repairs_other_code_pages() {
        one("g√¢teau", "√¢", "â");
        one("profiter‚Ä¶", "‚Ä¶", "…");
        one("Тест: РїСЂРёРІРµС‚", "РїСЂРёРІРµС‚", "привет");
        one("Tip вЂ“ Email", "вЂ“", "–");
        one("#╨┐╤Ç╨╕╨▓╨╡╤é", "╨┐╤Ç╨╕╨▓╨╡╤é", "привет");
        one("LiĂ¨ge", "Ă¨", "è");
    }

    #[test]
    fn repairs_double_and_triple_encoding() {
        one("doesnÃ¢â‚¬â„¢t", "Ã¢â‚¬â„¢", "’");
        one("nÃƒÂ© Jim", "ÃƒÂ©", "é");
        one("The doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t", "ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢", "’");
        one("bigger Г‚ВЈ5bn", "Г‚ВЈ", "£");
        let f = find("doesnÃ¢â‚¬â„¢t");
        assert_eq!(f[0].depth, 2);
    }

    #[test]
    fn cesu_8_and_c1_controls() {
        one("guys í\u{a0}½í¸\u{8d}", "í\u{a0}½í¸\u{8d}", "😍");
        one("Ecuadorâ\u{80}\u{99}s", "â\u{80}\u{99}", "’");
    }

    #[test]
    fn replacement_char_and_lossy_sequences_have_no_fix() {
        assert_eq!(
            found("newspaper ï¿½ email"),
            vec![("ï¿½".to_string(), None)]
        );
        assert_eq!(found("to â€œbbâ€? now")[1], ("â€?".to_string(), None));
        let f = find("newspaper ï¿½ email");
        assert_eq!(f[0].kind, Kind::ReplacementChar);
    }

    #[test]
    fn lost_no_break_space_and_escaped_continuation() {
        one("perturber jusqu'Ã nos jours", "Ã ", "à ");
        one("atenção Ã s crianças", "Ã ", "à");
        one("10Î&frac14;s", "Î&frac14;", "μ");
        assert!(found("IRMÃ E SÃO PAULO").is_empty());
    }

    #[test]
    fn lost_bytes_block_the_repair_but_a_final_question_mark_does_not() {
        assert_eq!(found("ItÃ?Â¢â?¬â?¢s"), vec![("Â¢".to_string(), None)]);
        one("lên giÃ¡?", "Ã¡", "á");
    }

    #[test]
    fn portuguese_contractions_and_windows_1251_lost_space() {
        one("atenção Ã s crianças", "Ã ", "à");
        one("semelhante Ã quele", "Ã ", "à");
        one("et signe Ã s'éloigner", "Ã ", "à ");
        assert_eq!(
            found("se trouve Г lвЂ™ouest"),
            [
                ("Г ".to_string(), Some("à ".to_string())),
                ("вЂ™".to_string(), Some("’".to_string()))
            ]
        );
    }

    #[test]
    fn central_european_code_pages_are_told_apart() {
        one("Napíšte nĂˇm", "Ăˇ", "á");
        one("Lietuva Ĺ˝inoma", "Ĺ˝", "Ž");
    }

    #[test]
    fn real_text_is_clean() {
        for text in [
            "café, naïve, Škoda, Zoë’s, São Paulo, Ærøskøbing, Straße“",
            "«CAFÉ»",
            "the “CAFÉ” and “IRMÃ”",
            "l’été, “Élysée”, «à bientôt»",
            "Він сказав, що Рік був важким. Італії та Бразилії. Її дії.",
            "Сёмин и «МВД» её»",
            "Úžasné. PRÓŻNIA. Čšť. Žluťoučký kůň",
            "3×½ and 2×¼ · ±5 °C, 20 % ≈ 1/4",
            "┌──┐\n│ab│\n└──┘ ╔═╗",
            "Tại sao giá hạt sầu riêng lại lên giá?",
            "Şiaip įdomu; Rīga; İstanbul; Hırsızı",
            "עברית וערבית: بهودعه",
            "😍 🏳️\u{200d}🌈 ❤️",
            "Japanese テスト and 中文",
            "ТІЛІ, КІШІ, М’янма, П’ятниця, ГАЗПРОМ™, NESTLÉ®",
            "Inari Sami kielâ”—and Welsh EWROPÎ’R, «À», “È”",
            "£5–£10 and l’été in MacRoman-free text",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn spans_and_cp1252_helpers() {
        assert_eq!(spans("ascii only"), vec![]);
        assert_eq!(spans("a Ã© b"), vec![(2, 6)]);
        assert_eq!(cp1252_char(0x93), Some('“'));
        assert_eq!(cp1252_char(0x81), None);
    }
}
