//! `invalid-utf8`: a file that is not valid UTF-8, reported once at its
//! first bad byte by [`RuleSet::lint_bytes`](crate::RuleSet::lint_bytes),
//! which lints the lossily decoded text.

use std::sync::Arc;

use super::kind::{Check, Kind};
use super::meta::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

pub static KIND: Kind = Kind {
    name: "invalid-utf8",
    keys: &[],
    placeholders: &["byte"],
    compile: |_| Ok(Arc::new(InvalidUtf8)),
    prepare: None,
};

#[derive(Debug)]
pub struct InvalidUtf8;

impl Check for InvalidUtf8 {
    /// The finding spans the U+FFFD that decoding put for the bad byte.
    fn check_invalid_utf8(
        &self,
        rule: &RuleMeta,
        bytes: &[u8],
        error: std::str::Utf8Error,
        out: &mut Vec<Diagnostic>,
    ) {
        let at = error.valid_up_to();
        let bad = bytes[at];
        let span = Span::new(at, at + '\u{fffd}'.len_utf8());
        out.push(
            rule.report(span, |name| {
                (name == "byte").then(|| format!("0x{bad:02X}"))
            })
            .build(),
        );
    }
}
