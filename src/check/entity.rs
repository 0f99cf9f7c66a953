//! HTML character references left in plain text (`&amp;`, `&#8217;`,
//! `&nbsp;`), and double escapes (`&amp;amp;`). The fix is the decoded character.

use std::sync::Arc;

use super::kind::{Check, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::input::entity::named_reference;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "html-entity",
    keys: &[],
    placeholders: &["match", "replacement", "kind"],
    compile: |_| Ok(Arc::new(HtmlEntity)),
    prepare: None,
};

#[derive(Debug)]
pub struct HtmlEntity;

impl Check for HtmlEntity {
    fn check(&self, doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
        check(doc, rule, out);
    }
}

/// The named references that occur in scraped text: the ones this check
/// reports. What each stands for comes from the one table of HTML names,
/// [`named_reference`] (the input decoder's).
const REPORTED: &[&str] = &[
    "amp", "lt", "gt", "quot", "apos", "nbsp", "ndash", "mdash", "hellip", "lsquo", "rsquo",
    "ldquo", "rdquo", "laquo", "raquo", "bull", "middot", "copy", "reg", "trade", "deg", "euro",
    "pound", "yen", "cent", "sect", "para", "times", "divide", "plusmn", "frac12", "frac14",
    "frac34", "eacute", "egrave", "ecirc", "euml", "aacute", "agrave", "acirc", "auml", "aring",
    "atilde", "iacute", "igrave", "icirc", "iuml", "oacute", "ograve", "ocirc", "ouml", "otilde",
    "oslash", "uacute", "ugrave", "ucirc", "uuml", "ccedil", "ntilde", "szlig", "Eacute", "Aacute",
    "Ouml", "Uuml", "Auml", "Ccedil", "Ntilde", "shy", "zwj", "zwnj", "thinsp", "ensp", "emsp",
    "iexcl", "iquest", "ordm", "ordf", "micro",
];

/// Decodes one reference (after the `&`, up to and with its `;`).
fn decode(reference: &str) -> Option<String> {
    let body = reference.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(value)
            .filter(|c| *c != '\0')
            .map(String::from);
    }
    REPORTED
        .contains(&body)
        .then(|| named_reference(reference))
        .flatten()
        .map(str::to_string)
}

pub fn check(doc: &Document, rule: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(rel) = memchr::memchr(b'&', &bytes[from..]) {
        let amp = from + rel;
        from = amp + 1;
        let rest = &text[amp + 1..];
        let Some(semi) = rest.bytes().take(33).position(|b| b == b';') else {
            continue;
        };
        let body = &rest[..semi];
        let valid = !body.is_empty()
            && (body.starts_with('#') || body.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !valid {
            continue;
        }
        let Some(mut decoded) = decode(&rest[..=semi]) else {
            continue;
        };
        let mut end = amp + 1 + semi + 1;
        // `&amp;amp;` and `&amp;#8217;`: escaped twice.
        let mut double = false;
        if body == "amp" {
            let after = &text[end..];
            if let Some(semi2) = after.bytes().take(33).position(|b| b == b';') {
                let inner = &after[..semi2];
                if let Some(d) = (!inner.is_empty()
                    && (inner.starts_with('#') || inner.bytes().all(|b| b.is_ascii_alphanumeric())))
                .then(|| decode(&after[..=semi2]))
                .flatten()
                {
                    decoded = d;
                    end += semi2 + 1;
                    double = true;
                }
            }
        }
        let span = Span::new(amp, end);
        let matched = doc.slice(span);
        let shown = if decoded.chars().all(|c| {
            c.is_whitespace()
                || c.is_control()
                || ('\u{200b}'..='\u{200f}').contains(&c)
                || c == '\u{ad}'
        }) {
            decoded.escape_unicode().to_string()
        } else {
            decoded.clone()
        };
        out.push(
            rule.report(span, |name| match name {
                "match" => Some(matched.to_string()),
                "replacement" => Some(shown.clone()),
                "kind" => Some(
                    if double {
                        "double-escaped HTML entity"
                    } else {
                        "HTML entity"
                    }
                    .to_string(),
                ),
                _ => None,
            })
            .unsafe_fix([Edit::new(span, decoded)])
            .build(),
        );
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reported_name_is_in_the_html_table() {
        for name in REPORTED {
            assert!(named_reference(&format!("{name};")).is_some(), "{name}");
        }
        assert_eq!(decode("rsquo;").as_deref(), Some("’"));
        assert_eq!(decode("nbsp;").as_deref(), Some("\u{a0}"));
        assert_eq!(decode("#8217;").as_deref(), Some("’"));
        assert_eq!(decode("#x2014;").as_deref(), Some("—"));
        // In the HTML table but not one this check reports.
        assert_eq!(decode("lang;"), None);
        assert_eq!(decode("bogus;"), None);
    }
}
