//! Position-independent fingerprints of findings, for baselines and SARIF
//! `partialFingerprints`: editing an article above a known finding must not
//! make it look new.

use crate::diagnostic::Diagnostic;

/// Words on each side of the finding (on its line) that go into its fingerprint.
const CONTEXT_WORDS: usize = 3;

/// FNV-1a, 64 bit: stable across platforms, Rust versions and runs (unlike
/// `std`'s hashers), which a fingerprint stored in git needs.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0xff)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A hex fingerprint from the rule id, the matched text and the words around it.
pub fn fingerprint(text: &str, diagnostic: &Diagnostic) -> String {
    let span = diagnostic.span;
    let matched = &text[span.range()];
    // Context stays on the finding's own line, so edits to other lines never
    // change the fingerprint.
    let line_start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end as usize..]
        .find('\n')
        .map_or(text.len(), |i| span.end as usize + i);
    let before: Vec<&str> = text[line_start..span.start as usize]
        .split_whitespace()
        .rev()
        .take(CONTEXT_WORDS)
        .collect();
    let after: Vec<&str> = text[span.end as usize..line_end]
        .split_whitespace()
        .take(CONTEXT_WORDS)
        .collect();
    let mut parts = vec![&*diagnostic.rule, matched];
    parts.extend(before.iter().rev());
    parts.push("\u{1}");
    parts.extend(after.iter());
    format!("{:016x}", fnv1a(&parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::span::Span;

    fn diag(start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            rule: "t/t".into(),
            severity: Severity::Warning,
            span: Span::new(start, end),
            message: String::new(),
            labels: vec![],
            fix: None,
        }
    }

    #[test]
    fn survives_edits_elsewhere() {
        let a = "Intro.\n\nHe said the the end came.";
        let b = "A longer intro was added here.\n\nHe said the the end came.";
        let fa = fingerprint(
            a,
            &diag(
                a.find("the the").unwrap() + 4,
                a.find("the the").unwrap() + 7,
            ),
        );
        let fb = fingerprint(
            b,
            &diag(
                b.find("the the").unwrap() + 4,
                b.find("the the").unwrap() + 7,
            ),
        );
        assert_eq!(fa, fb);
        assert_eq!(fa.len(), 16);
        let c = "Intro.\n\nShe said the the end came.";
        let fc = fingerprint(
            c,
            &diag(
                c.find("the the").unwrap() + 4,
                c.find("the the").unwrap() + 7,
            ),
        );
        assert_ne!(fa, fc);
    }
}
