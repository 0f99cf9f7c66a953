//! Invisible and control characters where they do not belong: zero-width
//! spaces and word joiners inside words, soft hyphens, bidirectional
//! controls in text with no right-to-left script, C0 and C1 controls, and a
//! byte-order mark that is not at the start of the text.
//!
//! What is legitimate is left alone: a zero-width joiner inside an emoji
//! sequence (`👩‍👩‍👧`), a zero-width (non-)joiner in scripts that need one
//! (Persian `می‌خواهم`, Devanagari, Sinhala), a zero-width space in Thai,
//! Khmer or Japanese text where it marks word breaks, bidi marks in a line
//! with Arabic or Hebrew. A character between two letters (it splits a word
//! for search and spell-checking) is a warning; one beside spaces or
//! punctuation, and every soft hyphen (a hyphenation hint that some
//! publishers keep on purpose), is info. The fix deletes the characters, or
//! puts a space or line break where deleting would glue two words.

use std::sync::Arc;

use super::kind::{Check, Kind, PROCEDURAL};
use super::meta::RuleMeta;
use crate::check::mojibake;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "invisible",
    keys: &[],
    placeholders: PROCEDURAL,
    compile: |_| Ok(Arc::new(Invisible)),
    prepare: None,
};

#[derive(Debug)]
pub struct Invisible;

impl Check for Invisible {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, out);
    }
}

/// Bytes that can start a character this check reports: C0 controls other
/// than tab, line feed and carriage return, DEL, and the lead bytes of the
/// multi-byte characters below.
const fn candidate_bytes() -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b, 0x09 | 0x0A | 0x0D);
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true; // U+0080–U+009F, U+00AD
    table[0xD8] = true; // U+061C
    table[0xE1] = true; // U+180E
    table[0xE2] = true; // U+200B–U+200F, U+202A–U+202E, U+2060–U+2069
    table[0xEF] = true; // U+FEFF, U+FFF9–U+FFFB
    table
}

static CANDIDATE: [bool; 256] = candidate_bytes();

/// Where the next [candidate byte](candidate_bytes) is in `bytes`. Most
/// text is printable ASCII, which holds none: eight bytes at a time are
/// passed when none is a control, DEL or outside ASCII, and only the words
/// that hold one are looked at byte by byte.
fn next_candidate(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    loop {
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // (Whether a byte is below 0x20, or 0x7F: the classic tests,
            // exact as to whether there is one.)
            let below_space = word.wrapping_sub(ONES * 0x20) & !word;
            let del = word ^ (ONES * 0x7F);
            let is_del = del.wrapping_sub(ONES) & !del;
            if (word | below_space | is_del) & HIGHS != 0 {
                break;
            }
            i += 8;
        }
        // A word with a line break or a tab usually holds no candidate.
        let end = bytes.len().min(i + 8);
        if let Some(offset) = bytes[i..end].iter().position(|&b| CANDIDATE[b as usize]) {
            return Some(i + offset);
        }
        if end == bytes.len() {
            return None;
        }
        i = end;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    /// C0 control or DEL.
    C0,
    /// C1 control (U+0080–U+009F).
    C1,
    SoftHyphen,
    /// Zero-width space, word joiner, invisible operators and the like.
    ZeroWidth,
    Zwnj,
    Zwj,
    /// Bidi mark, embedding or isolate.
    Bidi,
    /// LRO / RLO: reorders the text that follows.
    BidiOverride,
    /// U+FEFF after the start of the text.
    Bom,
}

fn classify(c: char) -> Option<What> {
    Some(match c {
        '\t' | '\n' | '\r' => return None,
        '\0'..='\u{1f}' | '\u{7f}' => What::C0,
        '\u{80}'..='\u{9f}' => What::C1,
        '\u{ad}' => What::SoftHyphen,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202c}' | '\u{2066}'..='\u{2069}' => {
            What::Bidi
        }
        '\u{202d}' | '\u{202e}' => What::BidiOverride,
        '\u{180e}' | '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{fff9}'..='\u{fffb}' => {
            What::ZeroWidth
        }
        '\u{200c}' => What::Zwnj,
        '\u{200d}' => What::Zwj,
        '\u{feff}' => What::Bom,
        _ => return None,
    })
}

/// The Unicode name of a reported character, for messages.
fn name(c: char) -> &'static str {
    match c {
        '\0' => "NULL",
        '\u{7}' => "BELL",
        '\u{8}' => "BACKSPACE",
        '\u{b}' => "LINE TABULATION",
        '\u{c}' => "FORM FEED",
        '\u{1b}' => "ESCAPE",
        '\u{7f}' => "DELETE",
        '\u{85}' => "NEXT LINE",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{180e}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
        '\u{fff9}'..='\u{fffb}' => "INTERLINEAR ANNOTATION CHARACTER",
        '\0'..='\u{1f}' => "control character",
        _ => "C1 control character",
    }
}

/// Scripts written without spaces, where a zero-width space or word joiner
/// marks (or prevents) a line break between words: Thai, Lao, Tibetan,
/// Myanmar, Khmer, and Chinese and Japanese.
fn unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x19E0..=0x19FF
        | 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Scripts whose spelling uses zero-width (non-)joiners: Arabic (Persian,
/// Urdu), Syriac, N'Ko, Mongolian and the Brahmic scripts of South and
/// Southeast Asia.
fn joining_script(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x08FF | 0x0900..=0x0DFF | 0x0F00..=0x0FFF | 0x1000..=0x109F
        | 0x1780..=0x18AF | 0x1900..=0x1CFF | 0xA800..=0xABFF | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFC | 0x11000..=0x11FFF)
}

/// Characters around which a zero-width joiner builds an emoji sequence.
fn emoji_like(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21FF
        | 0x2300..=0x23FF | 0x24C2 | 0x25A0..=0x27BF | 0x2900..=0x297F | 0x2B00..=0x2BFF
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0xFE0F | 0x1F000..=0x1FAFF | 0xE0020..=0xE007F)
}

/// Right-to-left scripts, in which bidi marks and isolates are ordinary.
fn right_to_left(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x10800..=0x10FFF
        | 0x1E800..=0x1EFFF)
}

/// How a reported run of characters is judged.
struct Verdict {
    severity: Severity,
    detail: String,
    /// What replaces the run; `None` for no fix.
    replacement: Option<String>,
}

pub fn check(doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    // Computed only when the text has a C1 control or soft hyphen: the spans
    // the mojibake check reports, whose characters are its business
    // (`â\u{80}\u{99}`, `Ã\u{ad}` for `í`).
    let mut mojibake_spans: Option<Vec<(usize, usize)>> = None;
    let mut i = 0;
    while let Some(offset) = next_candidate(&bytes[i..]) {
        let start = i + offset;
        let c = text[start..].chars().next().expect("a char starts here");
        i = start + c.len_utf8();
        let Some(what) = classify(c) else {
            continue;
        };
        if what == What::Bom && start == 0 {
            continue;
        }
        // A soft hyphen after ASCII (`Not\u{ad}fall`) cannot be mojibake.
        let after_non_ascii = start > 0 && bytes[start - 1] >= 0x80;
        if what == What::C1 || (what == What::SoftHyphen && after_non_ascii) {
            let spans = mojibake_spans.get_or_insert_with(|| mojibake::spans(text));
            if spans.iter().any(|&(s, e)| s <= start && start < e) {
                continue;
            }
        }
        // A run of the same character is one finding.
        let mut end = i;
        let mut count = 1;
        while text[end..].starts_with(c) {
            end += c.len_utf8();
            count += 1;
        }
        i = end;
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        let Some(verdict) = judge(text, start, end, c, what, prev, next) else {
            continue;
        };
        let span = Span::new(start, end);
        let value = if count > 1 {
            format!("{count} × U+{:04X} {}", c as u32, name(c))
        } else {
            format!("U+{:04X} {}", c as u32, name(c))
        };
        let shown = verdict
            .replacement
            .as_deref()
            .map(|r| r.escape_default().to_string())
            .unwrap_or_default();
        out.push(
            rule.report(span, |key| match key {
                "match" => Some(doc.slice(span).escape_unicode().to_string()),
                "value" => Some(value.clone()),
                "detail" => Some(verdict.detail.clone()),
                "count" => Some(count.to_string()),
                "replacement" => Some(shown.clone()),
                _ => None,
            })
            .severity(verdict.severity.min(rule.severity))
            .unsafe_fix(verdict.replacement.map(|r| Edit::new(span, r)))
            .build(),
        );
    }
}

fn judge(
    text: &str,
    start: usize,
    end: usize,
    c: char,
    what: What,
    prev: Option<char>,
    next: Option<char>,
) -> Option<Verdict> {
    let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    let in_word = letter(prev) && letter(next);
    let near = |f: fn(char) -> bool| prev.is_some_and(f) || next.is_some_and(f);
    let word_severity = if in_word {
        Severity::Warning
    } else {
        Severity::Info
    };
    let place = if in_word {
        "inside a word: it splits the word for search and spell-checking"
    } else {
        "in the text: nothing shows it, but it travels with every copy"
    };
    let delete = || Some(glue_safe(prev, next));
    Some(match what {
        What::C0 => {
            let replacement = if matches!(c, '\u{b}' | '\u{c}') {
                // Word processors export a manual line break as VT, a page
                // break as FF: both separate lines.
                if prev == Some('\n') || next == Some('\n') {
                    String::new()
                } else {
                    "\n".to_string()
                }
            } else {
                glue_safe(prev, next)
            };
            Verdict {
                severity: Severity::Warning,
                detail: "in the text: a control character has no place in prose".to_string(),
                replacement: Some(replacement),
            }
        }
        What::C1 => {
            let cp1252 = mojibake::cp1252_char(c as u8);
            let count = (end - start) / c.len_utf8();
            Verdict {
                severity: Severity::Warning,
                detail: match cp1252 {
                    Some(p) => format!("in the text: Windows-1252 '{p}' read as Latin-1"),
                    None => "in the text: a control character has no place in prose".to_string(),
                },
                replacement: match cp1252 {
                    Some(p) => Some(p.to_string().repeat(count)),
                    None => delete(),
                },
            }
        }
        What::SoftHyphen => Verdict {
            severity: Severity::Info,
            detail: if in_word {
                "inside a word: a hidden hyphenation point that breaks search".to_string()
            } else {
                "outside a word: it does nothing there".to_string()
            },
            replacement: Some(String::new()),
        },
        What::ZeroWidth => {
            if near(unspaced_script) && c != '\u{180e}' {
                return None;
            }
            Verdict {
                severity: word_severity,
                detail: place.to_string(),
                replacement: delete(),
            }
        }
        What::Zwnj | What::Zwj => {
            if near(joining_script) || (what == What::Zwj && near(emoji_like)) {
                return None;
            }
            Verdict {
                severity: word_severity,
                detail: if what == What::Zwj {
                    format!("{place} (a joiner belongs inside emoji sequences and Indic scripts)")
                } else {
                    format!("{place} (a non-joiner belongs in Persian and Indic scripts)")
                },
                replacement: delete(),
            }
        }
        What::Bidi => {
            if line_of(text, start, end).chars().any(right_to_left) {
                return None;
            }
            Verdict {
                severity: Severity::Warning,
                detail: "in a line with no right-to-left script".to_string(),
                replacement: Some(String::new()),
            }
        }
        What::BidiOverride => Verdict {
            severity: Severity::Warning,
            detail: "reverses the display order of the text after it, so what is shown is not \
                     what is stored"
                .to_string(),
            replacement: Some(String::new()),
        },
        What::Bom => Verdict {
            severity: Severity::Warning,
            detail: "after the start of the text (files joined together?)".to_string(),
            replacement: Some(String::new()),
        },
    })
}

/// The replacement for invisible characters between `prev` and `next`:
/// nothing, unless deleting them would glue two words together (`end.⁠Next`,
/// `readMore`), then a space.
fn glue_safe(prev: Option<char>, next: Option<char>) -> String {
    let (Some(p), Some(n)) = (prev, next) else {
        return String::new();
    };
    if p.is_whitespace() || n.is_whitespace() || !n.is_alphanumeric() {
        return String::new();
    }
    let boundary = matches!(p, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '»')
        || (p.is_lowercase() && n.is_uppercase());
    if boundary {
        " ".to_string()
    } else {
        String::new()
    }
}

/// The line around `start..end`.
fn line_of(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    &text[from..to]
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_next_candidate_is_the_first_candidate_byte(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                8 => 0x20u8..0x7f,
                1 => proptest::prelude::any::<u8>(),
                1 => proptest::sample::select(vec![b'\n', b'\t', b'\r', 0x7f, 0x1f, 0xc2, 0xe2, 0x80]),
            ], 0..100)
        ) {
            proptest::prop_assert_eq!(
                next_candidate(&bytes),
                bytes.iter().position(|&b| CANDIDATE[b as usize])
            );
        }
    }

    #[test]
    fn candidate_table_covers_every_class() {
        for c in [
            '\0', '\u{b}', '\u{7f}', '\u{85}', '\u{ad}', '\u{61c}', '\u{180e}', '\u{200b}',
            '\u{200f}', '\u{202e}', '\u{2060}', '\u{2069}', '\u{feff}', '\u{fffb}',
        ] {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(CANDIDATE[first as usize], "{c:?}");
            assert!(classify(c).is_some(), "{c:?}");
        }
        assert!(!CANDIDATE[b'\n' as usize] && !CANDIDATE[b'\t' as usize]);
        assert_eq!(classify('\u{2010}'), None);
    }

    #[test]
    fn deletion_never_glues_words() {
        assert_eq!(glue_safe(Some('a'), Some('b')), "");
        assert_eq!(glue_safe(Some('.'), Some('N')), " ");
        assert_eq!(glue_safe(Some('d'), Some('M')), " ");
        assert_eq!(glue_safe(Some(' '), Some('M')), "");
        assert_eq!(glue_safe(None, Some('M')), "");
    }
}
