//! A rule file's regex, compiled when first run.
//!
//! A checked pack (a user's) compiles every pattern at load, for its
//! errors. The built-in pack is tested instead of checked at each start-up,
//! so its patterns compile when the literal gate first proposes them: a run
//! on one article builds the few regexes its text can match, not a
//! hundred.

use std::sync::{Arc, OnceLock};

use regex::Regex;

/// A regex of a rule's `patterns`, cheap to clone (shared).
#[derive(Clone, Debug)]
pub struct Pattern(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    source: Box<str>,
    case_insensitive: bool,
    regex: OnceLock<Regex>,
}

impl Pattern {
    /// A pattern compiled already (and so known to compile).
    pub fn compiled(regex: Regex, case_insensitive: bool) -> Pattern {
        Pattern(Arc::new(Inner {
            source: regex.as_str().into(),
            case_insensitive,
            regex: OnceLock::from(regex),
        }))
    }

    /// A pattern compiled by [`Pattern::regex`] on first use, with the
    /// loader's flags and size limits.
    pub fn lazy(source: &str, case_insensitive: bool) -> Pattern {
        Pattern(Arc::new(Inner {
            source: source.into(),
            case_insensitive,
            regex: OnceLock::new(),
        }))
    }

    /// The source, as written in the rule file.
    pub fn as_str(&self) -> &str {
        &self.0.source
    }

    pub fn case_insensitive(&self) -> bool {
        self.0.case_insensitive
    }

    /// The compiled regex. A lazy pattern that does not compile (only an
    /// unchecked pack could hold one; the built-in pack's test compiles all)
    /// matches nothing rather than stopping the run.
    pub fn regex(&self) -> &Regex {
        self.0.regex.get_or_init(|| {
            crate::rule::compile_regex(&self.0.source, self.0.case_insensitive)
                .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("the empty class compiles"))
        })
    }

    /// Its named groups, if it is compiled already (a lazy pattern's are
    /// not needed: only a checked pack's messages are validated).
    pub(crate) fn compiled_capture_names(&self) -> Vec<String> {
        self.0
            .regex
            .get()
            .map(|r| r.capture_names().flatten().map(str::to_string).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_pattern_compiles_with_the_loaders_flags_on_first_use() {
        let pattern = Pattern::lazy(r"^sign (?P<what>in)$", true);
        assert!(pattern.compiled_capture_names().is_empty());
        // Case-insensitive, `^`/`$` at lines.
        let found: Vec<&str> = pattern
            .regex()
            .find_iter("x\nSIGN IN\ny")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ["SIGN IN"]);
        assert_eq!(pattern.compiled_capture_names(), ["what"]);
        assert_eq!(pattern.as_str(), r"^sign (?P<what>in)$");
    }

    #[test]
    fn a_lazy_pattern_that_does_not_compile_matches_nothing() {
        let pattern = Pattern::lazy(r"(unclosed", false);
        assert!(!pattern.regex().is_match("(unclosed"));
        assert!(!pattern.regex().is_match(""));
    }
}
