//! Small text helpers shared by checks: word boundaries and case preservation.

use crate::document::is_word_char;

/// True if `text[start..end]` is not glued to a word character on either side.
/// An edge of the match that is itself not a word character needs no boundary
/// (`.NET`, `(CSTO)`).
pub fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let first_is_word = matched.chars().next().is_some_and(is_word_char);
    let last_is_word = matched.chars().next_back().is_some_and(is_word_char);
    let before_ok = !first_is_word || !text[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = !last_is_word || !text[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

/// `s.chars().count() < n`, with the chars counted only when the byte
/// length leaves it open (a char is one to four bytes): asked of every line
/// of a page, paragraphs included.
pub fn has_fewer_chars(s: &str, n: usize) -> bool {
    s.len() < n || (s.len() < 4 * n && s.chars().count() < n)
}

/// True for the ASCII characters `char::is_whitespace` takes (Unicode's
/// White_Space: tab, line feed, vertical tab, form feed, carriage return,
/// space), for text read as bytes.
pub fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// `s.split_whitespace().nth(n).is_some()`: more than `n` words. An ASCII
/// line (nearly every line of a page) is read as bytes, not decoded.
pub fn has_more_words_than(s: &str, n: usize) -> bool {
    if !s.is_ascii() {
        return s.split_whitespace().nth(n).is_some();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = is_ascii_white_space(b);
        if !space && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

/// Gives `replacement` the capitalisation of `matched`: ALL CAPS stays all
/// caps, a capitalised word stays capitalised, anything else keeps the
/// replacement as written (`poutine` → `Putin` would be wrong to lowercase).
pub fn preserve_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_chars_counts_chars_not_bytes() {
        for (s, n) in [("", 1), ("abc", 4), ("ééé", 4), ("日本語", 4), ("😀😀", 3)] {
            assert!(has_fewer_chars(s, n), "{s:?} < {n}");
            assert!(!has_fewer_chars(s, n - 1), "{s:?} >= {}", n - 1);
        }
        assert!(!has_fewer_chars(&"a".repeat(400), 100));
        assert!(has_fewer_chars(&"😀".repeat(99), 100));
    }

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_splits(
            s in "[a b\t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{2003}é.]{0,24}",
            n in 0usize..8,
        ) {
            proptest::prop_assert_eq!(has_more_words_than(&s, n), s.split_whitespace().nth(n).is_some());
        }
    }

    #[test]
    fn boundaries_use_neighbouring_characters() {
        let text = "Putinism Putin éPutin (Putin)";
        assert!(!at_word_boundary(text, 0, 5));
        assert!(at_word_boundary(text, 9, 14));
        assert!(!at_word_boundary(text, 17, 22));
        assert!(at_word_boundary(text, 23, 30));
    }

    #[test]
    fn case_is_preserved() {
        assert_eq!(preserve_case("POUTINE", "Putin"), "PUTIN");
        assert_eq!(preserve_case("Moscou", "moscow"), "Moscow");
        assert_eq!(preserve_case("teh", "the"), "the");
    }
}
