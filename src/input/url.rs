//! Bare URLs in prose (`https://example.com/a`, `www.example.com`), found
//! the way GitHub's autolinks find them: up to whitespace or a bracket,
//! without trailing punctuation or an unbalanced closing parenthesis.

use std::ops::Range;

/// Characters that end a URL.
fn stops(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '<' | '>'
                | '"'
                | '`'
                | '{'
                | '}'
                | '|'
                | '\\'
                | '^'
                | '“'
                | '”'
                | '‘'
                | '«'
                | '»'
                | '\u{FFFC}'
        )
}

/// The end of the URL whose body starts at `from`.
fn url_end(s: &str, from: usize) -> usize {
    let mut end = s[from..].find(stops).map_or(s.len(), |i| from + i);
    while end > from {
        let Some(last) = s[..end].chars().next_back() else {
            break;
        };
        let unbalanced = |open: char, close: char| {
            last == close
                && s[from..end].chars().filter(|&c| c == close).count()
                    > s[from..end].chars().filter(|&c| c == open).count()
        };
        if matches!(
            last,
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '’' | '*' | '_' | '~'
        ) || unbalanced('(', ')')
            || unbalanced('[', ']')
        {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// True if a URL may not start right after `before` (it is glued to a word).
fn glued(s: &str, start: usize, www: bool) -> bool {
    s[..start].chars().next_back().is_some_and(|c| {
        c.is_alphanumeric() || c == '_' || (www && matches!(c, '.' | '/' | '@' | '-'))
    })
}

/// Byte ranges of the bare URLs in `s`, in order, not overlapping.
pub(crate) fn find(s: &str) -> Vec<Range<usize>> {
    let bytes = s.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    // One pass over the places a URL can be recognised: `://` after a
    // scheme of 2 to 10 letters, and `www.` before a domain.
    while let Some(i) = memchr::memchr3(b':', b'w', b'W', &bytes[at..]) {
        let i = at + i;
        at = i + 1;
        let (start, body) = if bytes[i] == b':' {
            if !bytes[i..].starts_with(b"://") {
                continue;
            }
            let scheme_len = bytes[..i]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            let start = i - scheme_len;
            if !(2..=10).contains(&scheme_len) || glued(s, start, false) {
                continue;
            }
            (start, i + 3)
        } else {
            let www = bytes.len() >= i + 5
                && bytes[i..i + 4].eq_ignore_ascii_case(b"www.")
                && bytes[i + 4].is_ascii_alphanumeric();
            if !www || glued(s, i, true) {
                continue;
            }
            (i, i + 4)
        };
        let end = url_end(s, body);
        if end > body {
            found.push(start..end);
            at = end;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(s: &str) -> Vec<&str> {
        find(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn finds_bare_urls() {
        assert_eq!(
            urls("see https://example.com/the the) and http://a.b/c?d=1&amp;e=2."),
            ["https://example.com/the", "http://a.b/c?d=1&amp;e=2"]
        );
        assert_eq!(
            urls("(https://en.wikipedia.org/wiki/Foo_(bar)), www.example.org!"),
            ["https://en.wikipedia.org/wiki/Foo_(bar)", "www.example.org"]
        );
        assert_eq!(urls("<https://x.org/a>"), ["https://x.org/a"]);
        assert_eq!(urls("“https://x.org/a”"), ["https://x.org/a"]);
    }

    #[test]
    fn ignores_what_is_not_a_url() {
        assert!(urls("ratio 3:1 at 10://x or a://b and awww.x and www. alone").is_empty());
        assert!(urls("no urls here").is_empty());
        assert!(urls("https://").is_empty());
    }
}
