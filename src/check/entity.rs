//! HTML character references left in plain text (`&amp;`, `&#8217;`,
//! `&nbsp;`), and double escapes (`&amp;amp;`). The fix is the decoded character.

use std::sync::Arc;

use super::kind::{Check, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
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

/// The named references that occur in scraped text, decoded.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("bull", "•"),
    ("middot", "·"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("sect", "§"),
    ("para", "¶"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("aacute", "á"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("auml", "ä"),
    ("aring", "å"),
    ("atilde", "ã"),
    ("iacute", "í"),
    ("igrave", "ì"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("oacute", "ó"),
    ("ograve", "ò"),
    ("ocirc", "ô"),
    ("ouml", "ö"),
    ("otilde", "õ"),
    ("oslash", "ø"),
    ("uacute", "ú"),
    ("ugrave", "ù"),
    ("ucirc", "û"),
    ("uuml", "ü"),
    ("ccedil", "ç"),
    ("ntilde", "ñ"),
    ("szlig", "ß"),
    ("Eacute", "É"),
    ("Aacute", "Á"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("Auml", "Ä"),
    ("Ccedil", "Ç"),
    ("Ntilde", "Ñ"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("ordm", "º"),
    ("ordf", "ª"),
    ("micro", "µ"),
];

/// Decodes one reference body (between `&` and `;`).
fn decode(body: &str) -> Option<String> {
    if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(value)
            .filter(|c| *c != '\0')
            .map(String::from);
    }
    NAMED
        .iter()
        .find(|(name, _)| *name == body)
        .map(|(_, v)| (*v).to_string())
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
        let Some(mut decoded) = decode(body) else {
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
                .then(|| decode(inner))
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
