//! Message templates: `{match}`, `{replacement}`, named regex captures and the
//! values a kind supplies (`{majority}`, `{count}` ...).

/// Fills `{name}` placeholders from `lookup`; `{{` and `}}` are literal braces.
/// Unknown names are left as written (the loader rejects them up front).
pub fn render_message(template: &str, mut lookup: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // (Braces are ASCII: searched for as bytes, every finding renders one.)
    while let Some(i) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(close) = memchr::memchr(b'}', tail.as_bytes()).filter(|_| tail.starts_with('{'))
        {
            let name = &tail[1..close];
            match lookup(name) {
                Some(value) => out.push_str(&value),
                None => out.push_str(&tail[..=close]),
            }
            rest = &tail[close + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names used in a template, for validation at load time.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(close) => {
                names.push(&tail[1..close]);
                rest = &tail[close + 1..];
            }
            None => break,
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_names_and_keeps_braces() {
        let out = render_message(
            "'{match}' → '{replacement}' {{x}} {other}",
            |name| match name {
                "match" => Some("Poutine".into()),
                "replacement" => Some("Putin".into()),
                _ => None,
            },
        );
        assert_eq!(out, "'Poutine' → 'Putin' {x} {other}");
        assert_eq!(placeholders("{a} {{b}} {c}"), ["a", "c"]);
    }
}
