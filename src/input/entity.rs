//! HTML character references in text, decoded as a browser does in text
//! content: every named reference of the HTML standard (the table of the
//! `entities` crate, generated from the WHATWG/W3C `entities.json`),
//! including the legacy ones that need no `;` (`&copy`), and numeric
//! references, with the standard's fixes (`&#150;` is Windows-1252's `–`,
//! `&#0;` and surrogates are U+FFFD).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Named references keyed without the `&` (`amp;`, and `amp` for the legacy form).
fn named() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .map(|e| (&e.entity[1..], e.characters))
            .collect()
    })
}

/// What the named reference `&name` stands for; `name` includes the `;`
/// (`amp;`), or not for the legacy forms that need none (`amp`). The one
/// table of HTML names: the input decoder and the entity and mojibake
/// checks all read it.
pub(crate) fn named_reference(name: &str) -> Option<&'static str> {
    named().get(name).copied()
}

/// The longest legacy name (`frac12`, `middot`...).
const LEGACY_MAX: usize = 6;
/// The longest name in the table is 31 characters plus `;`.
const NAME_MAX: usize = 32;

/// What the standard puts for `&#128;`–`&#159;` (Windows-1252); `None` keeps the code point.
const C1: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Decodes the character reference at the start of `s` (which starts with
/// `&`): its length in bytes and what it stands for, or `None` if `&` is
/// just an ampersand here.
pub(crate) fn decode(s: &str) -> Option<(usize, Cow<'static, str>)> {
    let bytes = s.as_bytes();
    debug_assert_eq!(bytes.first(), Some(&b'&'));
    if bytes.get(1) == Some(&b'#') {
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        let digits_start = if hex { 3 } else { 2 };
        let mut i = digits_start;
        let mut value: u32 = 0;
        while let Some(&b) = bytes.get(i) {
            let digit = if hex {
                (b as char).to_digit(16)
            } else {
                (b as char).to_digit(10)
            };
            let Some(digit) = digit else { break };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit);
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        if bytes.get(i) == Some(&b';') {
            i += 1;
        }
        let c = match value {
            0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
            0x80..=0x9F => C1[(value - 0x80) as usize]
                .unwrap_or_else(|| char::from_u32(value).expect("C1 controls are chars")),
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((i, Cow::Owned(c.to_string())));
    }
    let name_len = bytes[1..]
        .iter()
        .take(NAME_MAX)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let table = named();
    if bytes.get(1 + name_len) == Some(&b';')
        && let Some(v) = table.get(&s[1..2 + name_len])
    {
        return Some((2 + name_len, Cow::Borrowed(*v)));
    }
    // Legacy references need no `;` and match as a prefix (`&copy2024`).
    (2..=name_len.min(LEGACY_MAX))
        .rev()
        .find_map(|n| table.get(&s[1..1 + n]).map(|v| (1 + n, Cow::Borrowed(*v))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<(usize, String)> {
        decode(s).map(|(n, v)| (n, v.into_owned()))
    }

    #[test]
    fn named_references() {
        assert_eq!(d("&amp; B"), Some((5, "&".into())));
        assert_eq!(d("&amp;amp;"), Some((5, "&".into())));
        assert_eq!(d("&rsquo;s"), Some((7, "’".into())));
        assert_eq!(d("&nbsp;"), Some((6, "\u{a0}".into())));
        assert_eq!(d("&NotNestedGreaterGreater;"), Some((25, "⪢̸".into())));
        // Legacy forms without `;`.
        assert_eq!(d("&amp B"), Some((4, "&".into())));
        assert_eq!(d("&copy2024"), Some((5, "©".into())));
        assert_eq!(d("&notit;"), Some((4, "¬".into())));
        // Not references.
        assert_eq!(d("&bogus;"), None);
        assert_eq!(d("& then"), None);
        assert_eq!(d("&"), None);
        assert_eq!(d("&rsquo"), None);
    }

    #[test]
    fn numeric_references() {
        assert_eq!(d("&#8217;"), Some((7, "’".into())));
        assert_eq!(d("&#x2014;"), Some((8, "—".into())));
        assert_eq!(d("&#X41;"), Some((6, "A".into())));
        assert_eq!(d("&#65 "), Some((4, "A".into())));
        assert_eq!(d("&#150;"), Some((6, "–".into())));
        assert_eq!(d("&#129;"), Some((6, "\u{81}".into())));
        assert_eq!(d("&#0;"), Some((4, "\u{FFFD}".into())));
        assert_eq!(d("&#xD800;"), Some((8, "\u{FFFD}".into())));
        assert_eq!(d("&#99999999999999;"), Some((17, "\u{FFFD}".into())));
        assert_eq!(d("&#;"), None);
        assert_eq!(d("&#x;"), None);
        assert_eq!(d("&#"), None);
    }
}
