//! The fix loop: apply the fixes, lint the new text, and repeat until nothing
//! changes. It is the one loop every front end runs — the CLI's `--fix`,
//! `--diff` and `--fix -`, the rule examples' `fixed` checks, the property
//! tests and the fuzz targets — so what is tested is what users run.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::{MAX_PASSES, apply_fixes};
use crate::format::Format;
use crate::lint::lint_as;
use crate::ruleset::RuleSet;

/// The result of fixing a text until it is stable.
#[derive(Debug, Clone, PartialEq)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// Fixes applied, over every pass.
    pub applied: usize,
    /// Passes that changed the text (at most [`MAX_PASSES`]).
    pub passes: usize,
    /// The findings in [`FixOutcome::text`]: the last lint, or the findings
    /// handed in when no pass changed the text.
    pub remaining: Vec<Diagnostic>,
}

impl FixOutcome {
    /// True if the fixed text differs from the text fixed.
    pub fn changed(&self, original: &str) -> bool {
        self.applied > 0 && self.text != original
    }
}

/// Fixes `text`, whose findings are `found`: applies every fix at or above
/// `minimum` that does not overlap another ([`apply_fixes`]), lints the new
/// text with `lint`, and repeats until no fix applies, the text stops
/// changing, or [`MAX_PASSES`] passes have changed it. `lint` decides what
/// counts (a format, a rule's own findings); `found` lets a caller that has
/// already linted the text skip one lint.
///
/// ```
/// use artlint::{Applicability, Document, RuleSet, builtin_pack, fix_until_stable, load_pack};
///
/// let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
/// // Only the exonym rule's findings count here.
/// let lint = |text: &str| {
///     let mut found = rules.lint(&Document::new("a.txt", text));
///     found.retain(|d| &*d.rule == "names/exonym");
///     found
/// };
/// let text = "Vladimir Poutine said so.\n";
/// let outcome = fix_until_stable(text, lint(text), Applicability::Unsafe, lint);
/// assert_eq!(outcome.text, "Vladimir Putin said so.\n");
/// assert!(outcome.changed(text));
/// assert!(outcome.remaining.is_empty());
/// ```
pub fn fix_until_stable(
    text: &str,
    found: Vec<Diagnostic>,
    minimum: Applicability,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut diagnostics = found;
    let mut applied = 0;
    let mut passes = 0;
    while passes < MAX_PASSES {
        let (next, count) = apply_fixes(&current, &diagnostics, minimum);
        if count == 0 || next == current {
            break;
        }
        applied += count;
        passes += 1;
        current = next;
        diagnostics = lint(&current);
    }
    FixOutcome {
        text: current,
        applied,
        passes,
        remaining: diagnostics,
    }
}

/// Lints `text` as `format` and fixes it until stable: what `artlint check
/// --fix` does to a file, without the file.
///
/// ```
/// use artlint::{Applicability, Format, RuleSet, builtin_pack, fix_as, load_pack};
///
/// let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
/// let src = "<p>Vladimir Poutine said so.</p>\n";
/// let fixed = fix_as(&rules, Format::Html, "a.html", src, Applicability::Unsafe);
/// // The markup is kept; only the prose is fixed.
/// assert_eq!(fixed.text, "<p>Vladimir Putin said so.</p>\n");
/// assert_eq!(fixed.applied, 1);
/// // Below the fix's applicability nothing is applied.
/// let kept = fix_as(&rules, Format::Html, "a.html", src, Applicability::Safe);
/// assert_eq!(kept.text, src);
/// ```
pub fn fix_as(
    rules: &RuleSet,
    format: Format,
    name: &str,
    text: &str,
    minimum: Applicability,
) -> FixOutcome {
    let lint = |text: &str| lint_as(rules, format, name, text);
    fix_until_stable(text, lint(text), minimum, lint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn diag(start: usize, end: usize, replacement: &str) -> Diagnostic {
        crate::diagnostic::safe_fix_for_tests(start, end, replacement)
    }

    /// A fix that a later lint finds again (an `a` that becomes `aa`) is
    /// applied [`MAX_PASSES`] times, no more.
    #[test]
    fn a_fix_that_never_converges_stops_after_the_last_pass() {
        let mut lints = 0;
        let outcome = fix_until_stable("a", vec![diag(0, 1, "aa")], Applicability::Safe, |t| {
            lints += 1;
            vec![diag(0, t.len(), &format!("{t}a"))]
        });
        assert_eq!(outcome.passes, MAX_PASSES);
        assert_eq!(outcome.applied, MAX_PASSES);
        assert_eq!(outcome.text, "a".repeat(MAX_PASSES + 1));
        assert_eq!(lints, MAX_PASSES);
        assert_eq!(outcome.remaining[0].span, Span::new(0, MAX_PASSES + 1));
    }

    /// Nothing to apply: no lint, the text and the findings come back.
    #[test]
    fn nothing_applicable_changes_nothing() {
        let mut unsafe_fix = diag(0, 1, "b");
        unsafe_fix.fix.as_mut().unwrap().applicability = Applicability::Unsafe;
        let outcome = fix_until_stable("a", vec![unsafe_fix.clone()], Applicability::Safe, |_| {
            panic!("nothing to re-lint")
        });
        assert_eq!(
            (outcome.text.as_str(), outcome.applied, outcome.passes),
            ("a", 0, 0)
        );
        assert_eq!(outcome.remaining, [unsafe_fix]);
        assert!(!outcome.changed("a"));
    }

    /// A fix that rewrites a text to itself ends the loop at once.
    #[test]
    fn a_fix_that_changes_nothing_ends_the_loop() {
        let outcome = fix_until_stable("a", vec![diag(0, 1, "a")], Applicability::Safe, |_| {
            panic!("the text did not change")
        });
        assert_eq!((outcome.applied, outcome.passes), (0, 0));
    }

    /// `fix_as` reads the format: a fix in Markdown prose is applied to the
    /// source, code is left alone.
    #[test]
    fn fix_as_fixes_the_source_of_a_format() {
        let rules = RuleSet::new(crate::rule::load_pack(&crate::builtin_pack()).unwrap());
        let src = "Vladimir Poutine said `Poutine`.\n";
        let outcome = fix_as(&rules, Format::Markdown, "a.md", src, Applicability::Unsafe);
        assert_eq!(outcome.text, "Vladimir Putin said `Poutine`.\n");
        assert_eq!(outcome.passes, 1);
        assert!(outcome.remaining.iter().all(|d| &*d.rule != "names/exonym"));
        let plain = fix_as(&rules, Format::Text, "a.txt", src, Applicability::Unsafe);
        assert_eq!(plain.text, "Vladimir Putin said `Putin`.\n");
    }
}
