//! The single-byte code pages that UTF-8 text is most often misread as, and
//! the reverse lookup (character → byte) that re-encodes a suspicious span.
//!
//! Each table is the upper half (bytes 0x80–0xFF) of its code page; the lower
//! half is ASCII in all of them. The data is the code pages' published
//! mappings, written out here so the engine needs no encoding crate.

use std::sync::OnceLock;

/// Windows-1252 (Western European). WHATWG and ftfy decode its five
/// undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) as the C1 control of the
/// same value, and so does this table.
const CP1252: [char; 128] = [
    // 0x80
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    // 0x90
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    // 0xA0
    '\u{a0}', '¡', '¢', '£', '¤', '¥', '¦', '§', '¨', '©', 'ª', '«', '¬', '\u{ad}', '®', '¯',
    // 0xB0
    '°', '±', '²', '³', '´', 'µ', '¶', '·', '¸', '¹', 'º', '»', '¼', '½', '¾', '¿',
    // 0xC0
    'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'Æ', 'Ç', 'È', 'É', 'Ê', 'Ë', 'Ì', 'Í', 'Î', 'Ï',
    // 0xD0
    'Ð', 'Ñ', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', '×', 'Ø', 'Ù', 'Ú', 'Û', 'Ü', 'Ý', 'Þ', 'ß',
    // 0xE0
    'à', 'á', 'â', 'ã', 'ä', 'å', 'æ', 'ç', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï',
    // 0xF0
    'ð', 'ñ', 'ò', 'ó', 'ô', 'õ', 'ö', '÷', 'ø', 'ù', 'ú', 'û', 'ü', 'ý', 'þ', 'ÿ',
];

/// Mac OS Roman (0xDB is the euro sign, 0xF0 the Apple logo U+F8FF).
const MAC_ROMAN: [char; 128] = [
    // 0x80
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è',
    // 0x90
    'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü',
    // 0xA0
    '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø',
    // 0xB0
    '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø',
    // 0xC0
    '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ', 'œ',
    // 0xD0
    '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ',
    // 0xE0
    '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô',
    // 0xF0
    '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

/// IBM code page 437 (the DOS console).
const CP437: [char; 128] = [
    // 0x80
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å',
    // 0x90
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ',
    // 0xA0
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»',
    // 0xB0
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐',
    // 0xC0
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧',
    // 0xD0
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀',
    // 0xE0
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩',
    // 0xF0
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{a0}',
];

/// Windows-1251 (Cyrillic). The undefined byte 0x98 decodes as U+0098.
const CP1251: [char; 128] = [
    // 0x80
    'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ',
    // 0x90
    'ђ', '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ',
    // 0xA0
    '\u{a0}', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§', 'Ё', '©', 'Є', '«', '¬', '\u{ad}', '®', 'Ї',
    // 0xB0
    '°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»', 'ј', 'Ѕ', 'ѕ', 'ї',
    // 0xC0
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'Й', 'К', 'Л', 'М', 'Н', 'О', 'П',
    // 0xD0
    'Р', 'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'Ь', 'Э', 'Ю', 'Я',
    // 0xE0
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п',
    // 0xF0
    'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я',
];

/// Windows-1250 (Central European). Undefined bytes decode as the C1
/// control of the same value.
const CP1250: [char; 128] = [
    // 0x80
    '€', '\u{81}', '‚', '\u{83}', '„', '…', '†', '‡', '\u{88}', '‰', 'Š', '‹', 'Ś', 'Ť', 'Ž', 'Ź',
    // 0x90
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', 'š', '›', 'ś', 'ť', 'ž', 'ź',
    // 0xA0
    '\u{a0}', 'ˇ', '˘', 'Ł', '¤', 'Ą', '¦', '§', '¨', '©', 'Ş', '«', '¬', '\u{ad}', '®', 'Ż',
    // 0xB0
    '°', '±', '˛', 'ł', '´', 'µ', '¶', '·', '¸', 'ą', 'ş', '»', 'Ľ', '˝', 'ľ', 'ż',
    // 0xC0
    'Ŕ', 'Á', 'Â', 'Ă', 'Ä', 'Ĺ', 'Ć', 'Ç', 'Č', 'É', 'Ę', 'Ë', 'Ě', 'Í', 'Î', 'Ď',
    // 0xD0
    'Đ', 'Ń', 'Ň', 'Ó', 'Ô', 'Ő', 'Ö', '×', 'Ř', 'Ů', 'Ú', 'Ű', 'Ü', 'Ý', 'Ţ', 'ß',
    // 0xE0
    'ŕ', 'á', 'â', 'ă', 'ä', 'ĺ', 'ć', 'ç', 'č', 'é', 'ę', 'ë', 'ě', 'í', 'î', 'ď',
    // 0xF0
    'đ', 'ń', 'ň', 'ó', 'ô', 'ő', 'ö', '÷', 'ř', 'ů', 'ú', 'ű', 'ü', 'ý', 'ţ', '˙',
];

/// ISO-8859-2 (Latin-2); 0x80–0x9F are the C1 controls.
const ISO_8859_2: [char; 128] = [
    // 0x80
    '\u{80}', '\u{81}', '\u{82}', '\u{83}', '\u{84}', '\u{85}', '\u{86}', '\u{87}', '\u{88}',
    '\u{89}', '\u{8a}', '\u{8b}', '\u{8c}', '\u{8d}', '\u{8e}', '\u{8f}', // 0x90
    '\u{90}', '\u{91}', '\u{92}', '\u{93}', '\u{94}', '\u{95}', '\u{96}', '\u{97}', '\u{98}',
    '\u{99}', '\u{9a}', '\u{9b}', '\u{9c}', '\u{9d}', '\u{9e}', '\u{9f}', // 0xA0
    '\u{a0}', 'Ą', '˘', 'Ł', '¤', 'Ľ', 'Ś', '§', '¨', 'Š', 'Ş', 'Ť', 'Ź', '\u{ad}', 'Ž', 'Ż',
    // 0xB0
    '°', 'ą', '˛', 'ł', '´', 'ľ', 'ś', 'ˇ', '¸', 'š', 'ş', 'ť', 'ź', '˝', 'ž', 'ż',
    // 0xC0
    'Ŕ', 'Á', 'Â', 'Ă', 'Ä', 'Ĺ', 'Ć', 'Ç', 'Č', 'É', 'Ę', 'Ë', 'Ě', 'Í', 'Î', 'Ď',
    // 0xD0
    'Đ', 'Ń', 'Ň', 'Ó', 'Ô', 'Ő', 'Ö', '×', 'Ř', 'Ů', 'Ú', 'Ű', 'Ü', 'Ý', 'Ţ', 'ß',
    // 0xE0
    'ŕ', 'á', 'â', 'ă', 'ä', 'ĺ', 'ć', 'ç', 'č', 'é', 'ę', 'ë', 'ě', 'í', 'î', 'ď',
    // 0xF0
    'đ', 'ń', 'ň', 'ó', 'ô', 'ő', 'ö', '÷', 'ř', 'ů', 'ú', 'ű', 'ü', 'ý', 'ţ', '˙',
];

/// Windows-1257 (Baltic). Undefined bytes decode as the C1 control of the
/// same value.
const CP1257: [char; 128] = [
    // 0x80
    '€', '\u{81}', '‚', '\u{83}', '„', '…', '†', '‡', '\u{88}', '‰', '\u{8a}', '‹', '\u{8c}', '¨',
    'ˇ', '¸', // 0x90
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', '\u{9a}', '›', '\u{9c}', '¯', '˛',
    '\u{9f}', // 0xA0
    '\u{a0}', '¡', '¢', '£', '¤', '¥', '¦', '§', 'Ø', '©', 'Ŗ', '«', '¬', '\u{ad}', '®', 'Æ',
    // 0xB0
    '°', '±', '²', '³', '´', 'µ', '¶', '·', 'ø', '¹', 'ŗ', '»', '¼', '½', '¾', 'æ',
    // 0xC0
    'Ą', 'Į', 'Ā', 'Ć', 'Ä', 'Å', 'Ę', 'Ē', 'Č', 'É', 'Ź', 'Ė', 'Ģ', 'Ķ', 'Ī', 'Ļ',
    // 0xD0
    'Š', 'Ń', 'Ņ', 'Ó', 'Ō', 'Õ', 'Ö', '×', 'Ų', 'Ł', 'Ś', 'Ū', 'Ü', 'Ż', 'Ž', 'ß',
    // 0xE0
    'ą', 'į', 'ā', 'ć', 'ä', 'å', 'ę', 'ē', 'č', 'é', 'ź', 'ė', 'ģ', 'ķ', 'ī', 'ļ',
    // 0xF0
    'š', 'ń', 'ņ', 'ó', 'ō', 'õ', 'ö', '÷', 'ų', 'ł', 'ś', 'ū', 'ü', 'ż', 'ž', '˙',
];

/// A code page that UTF-8 bytes can be misread as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    /// Windows-1252, and Latin-1 (ISO-8859-1) through its C1 controls.
    Cp1252,
    Cp1251,
    MacRoman,
    Cp437,
    Cp1250,
    Iso8859_2,
    Cp1257,
}

/// Which heuristics apply to a code page's look-alike sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// cp1252 / Latin-1: continuation bytes are punctuation and symbols.
    Western,
    /// cp1251: continuation bytes include Cyrillic letters.
    Cyrillic,
    /// MacRoman: continuation bytes are accented letters, leads include quotes.
    Mac,
    /// cp437: leads are box-drawing characters.
    Dos,
    /// cp1250, ISO-8859-2, cp1257: continuation bytes include letters.
    Central,
}

impl Codec {
    /// Every code page, in the order ties are broken (most common first).
    pub(crate) const ALL: [Codec; 7] = [
        Codec::Cp1252,
        Codec::Cp1251,
        Codec::MacRoman,
        Codec::Cp437,
        Codec::Cp1250,
        Codec::Iso8859_2,
        Codec::Cp1257,
    ];

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn table(self) -> &'static [char; 128] {
        match self {
            Codec::Cp1252 => &CP1252,
            Codec::Cp1251 => &CP1251,
            Codec::MacRoman => &MAC_ROMAN,
            Codec::Cp437 => &CP437,
            Codec::Cp1250 => &CP1250,
            Codec::Iso8859_2 => &ISO_8859_2,
            Codec::Cp1257 => &CP1257,
        }
    }

    /// Code pages whose readers turn every C1 control into the byte of the
    /// same value (Latin-1 for cp1252, and the "sloppy" decoders that keep
    /// undefined bytes as C1 controls).
    fn c1_identity(self) -> bool {
        !matches!(self, Codec::MacRoman | Codec::Cp437)
    }

    pub(crate) fn family(self) -> Family {
        match self {
            Codec::Cp1252 => Family::Western,
            Codec::Cp1251 => Family::Cyrillic,
            Codec::MacRoman => Family::Mac,
            Codec::Cp437 => Family::Dos,
            Codec::Cp1250 | Codec::Iso8859_2 | Codec::Cp1257 => Family::Central,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Codec::Cp1252 => "Windows-1252",
            Codec::Cp1251 => "Windows-1251",
            Codec::MacRoman => "MacRoman",
            Codec::Cp437 => "code page 437",
            Codec::Cp1250 => "Windows-1250",
            Codec::Iso8859_2 => "ISO-8859-2",
            Codec::Cp1257 => "Windows-1257",
        }
    }

    /// The character a byte decodes to.
    pub(crate) fn decode(self, byte: u8) -> char {
        if byte < 0x80 {
            byte as char
        } else {
            self.table()[(byte - 0x80) as usize]
        }
    }

    /// The byte a character encodes to (ASCII maps to itself).
    pub(crate) fn encode(self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        let b = lookup_in(index(), c as u32).bytes[self.index()];
        (b != 0).then_some(b)
    }
}

/// What one character is in every code page: its byte (0 when it has none),
/// and as bit masks over [`Codec::index`], the code pages in which it is a
/// UTF-8 lead byte (0xC2–0xF4) or a continuation byte (0x80–0xBF).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    pub(crate) bytes: [u8; 7],
    pub(crate) lead: u8,
    pub(crate) cont: u8,
}

const EMPTY: Entry = Entry {
    bytes: [0; 7],
    lead: 0,
    cont: 0,
};

/// Characters below this are looked up in a dense array, the rest (a few
/// hundred punctuation, math and box-drawing characters) by binary search.
const DENSE_END: u32 = 0x600;

struct Index {
    dense: Vec<Entry>,
    sparse: Vec<(char, Entry)>,
    /// `lead << 8 | cont` for every two-byte character (U+0080–U+07FF),
    /// compact for the scan over whole texts.
    masks: Vec<u16>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut dense = vec![EMPTY; (DENSE_END - 0x80) as usize];
        let mut sparse: Vec<(char, Entry)> = Vec::new();
        let mut add = |c: char, codec: Codec, byte: u8| {
            let entry = if (c as u32) < DENSE_END {
                &mut dense[(c as u32 - 0x80) as usize]
            } else {
                match sparse.iter().position(|(k, _)| *k == c) {
                    Some(i) => &mut sparse[i].1,
                    None => {
                        sparse.push((c, EMPTY));
                        &mut sparse.last_mut().expect("just pushed").1
                    }
                }
            };
            let slot = &mut entry.bytes[codec.index()];
            if *slot != 0 {
                return; // the table's own character wins over the C1 identity
            }
            *slot = byte;
            let bit = 1u8 << codec.index();
            if (0xC2..=0xF4).contains(&byte) {
                entry.lead |= bit;
            }
            if (0x80..=0xBF).contains(&byte) {
                entry.cont |= bit;
            }
        };
        for codec in Codec::ALL {
            for (i, &c) in codec.table().iter().enumerate() {
                add(c, codec, 0x80 + i as u8);
            }
            if codec.c1_identity() {
                for b in 0x80u8..=0x9F {
                    add(char::from(b), codec, b);
                }
            }
        }
        sparse.sort_by_key(|(c, _)| *c);
        debug_assert!(
            sparse
                .iter()
                .all(|(c, _)| matches!(*c as u32, 0x2000..=0x25FF | 0xF8FF | 0xFB01 | 0xFB02))
        );
        let masks = (0..0x800u32)
            .map(|cp| {
                let entry = if (0x80..DENSE_END).contains(&cp) {
                    &dense[(cp - 0x80) as usize]
                } else {
                    &EMPTY
                };
                (entry.lead as u16) << 8 | entry.cont as u16
            })
            .collect();
        Index {
            dense,
            sparse,
            masks,
        }
    })
}

/// The code-page bytes of every character, as [`Entry`]s by code point.
pub(crate) struct Lookup(&'static Index);

impl Lookup {
    pub(crate) fn new() -> Lookup {
        Lookup(index())
    }

    /// The entry of the code point `cp`.
    #[cfg(test)]
    pub(crate) fn get(&self, cp: u32) -> &'static Entry {
        lookup_in(self.0, cp)
    }

    /// The lead and continuation masks of `cp`, as `(lead, cont)`.
    #[inline]
    pub(crate) fn masks(&self, cp: u32) -> (u8, u8) {
        if cp < 0x800 {
            let m = self.0.masks[cp as usize];
            ((m >> 8) as u8, m as u8)
        } else {
            let e = lookup_in(self.0, cp);
            (e.lead, e.cont)
        }
    }
}

fn lookup_in(index: &'static Index, cp: u32) -> &'static Entry {
    if cp < 0x80 {
        &EMPTY
    } else if cp < DENSE_END {
        &index.dense[(cp - 0x80) as usize]
    } else if !matches!(cp, 0x2000..=0x25FF | 0xF8FF | 0xFB01 | 0xFB02) {
        // No code page here has characters elsewhere (CJK text stops here).
        &EMPTY
    } else {
        match index.sparse.binary_search_by_key(&cp, |(k, _)| *k as u32) {
            Ok(i) => &index.sparse[i].1,
            Err(_) => &EMPTY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_hold_the_known_characters() {
        assert_eq!(Codec::Cp1252.decode(0x80), '€');
        assert_eq!(Codec::Cp1252.decode(0x92), '’');
        assert_eq!(Codec::Cp1252.decode(0x9D), '\u{9d}');
        assert_eq!(Codec::Cp1252.decode(0xC3), 'Ã');
        assert_eq!(Codec::MacRoman.decode(0xA5), '•');
        assert_eq!(Codec::MacRoman.decode(0xC3), '√');
        assert_eq!(Codec::MacRoman.decode(0xDB), '€');
        assert_eq!(Codec::MacRoman.decode(0xF0), '\u{f8ff}');
        assert_eq!(Codec::Cp437.decode(0x80), 'Ç');
        assert_eq!(Codec::Cp437.decode(0xB0), '░');
        assert_eq!(Codec::Cp437.decode(0xD0), '╨');
        assert_eq!(Codec::Cp437.decode(0xFF), '\u{a0}');
        assert_eq!(Codec::Cp1251.decode(0xC0), 'А');
        assert_eq!(Codec::Cp1251.decode(0xFF), 'я');
        assert_eq!(Codec::Cp1251.decode(0xA8), 'Ё');
        assert_eq!(Codec::Cp1251.decode(0xB9), '№');
        assert_eq!(Codec::Cp1250.decode(0xC3), 'Ă');
        assert_eq!(Codec::Iso8859_2.decode(0xA1), 'Ą');
        assert_eq!(Codec::Cp1257.decode(0xAF), 'Æ');
    }

    #[test]
    fn every_table_is_one_to_one() {
        for codec in Codec::ALL {
            let mut seen: Vec<char> = codec.table().to_vec();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), 128, "{codec:?} maps two bytes to one character");
            assert!(codec.table().iter().all(|c| !c.is_ascii()), "{codec:?}");
        }
    }

    #[test]
    fn encode_inverts_decode() {
        for codec in Codec::ALL {
            for b in 0x80u8..=0xFF {
                assert_eq!(codec.encode(codec.decode(b)), Some(b), "{codec:?} {b:#x}");
            }
            assert_eq!(codec.encode('a'), Some(b'a'));
        }
        // Latin-1 readers keep C1 controls; cp1252 readers give punctuation.
        assert_eq!(Codec::Cp1252.encode('\u{80}'), Some(0x80));
        assert_eq!(Codec::Cp1252.encode('\u{99}'), Some(0x99));
        assert_eq!(Codec::MacRoman.encode('\u{80}'), None);
        assert_eq!(Codec::Cp1252.encode('ж'), None);
        assert_eq!(Codec::Cp1251.encode('ж'), Some(0xE6));
        assert_eq!(Codec::Cp437.encode('╨'), Some(0xD0));
    }

    #[test]
    fn masks_mark_leads_and_continuations() {
        let bit = |c: Codec| 1u8 << c.index();
        let table = Lookup::new();
        let lookup = |c: char| table.get(c as u32);
        assert_ne!(lookup('Ã').lead & bit(Codec::Cp1252), 0);
        assert_ne!(lookup('©').cont & bit(Codec::Cp1252), 0);
        assert_eq!(lookup('é').cont & bit(Codec::Cp1252), 0);
        assert_ne!(lookup('é').cont & bit(Codec::MacRoman), 0);
        assert_ne!(lookup('Р').lead & bit(Codec::Cp1251), 0);
        assert_eq!(lookup('中').lead | lookup('中').cont, 0);
    }
}
