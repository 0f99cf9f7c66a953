//! Applying fixes: one pass of non-overlapping edits. The loop that repeats
//! it until the text is stable is [`crate::fixing::fix_until_stable`].

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Fix passes before [`crate::fixing::fix_until_stable`] gives up on convergence.
pub const MAX_PASSES: usize = 10;

/// Applies every fix at or above `minimum` whose edits do not overlap an
/// already accepted fix; a conflicting fix waits for the next pass. Returns
/// the new text and how many fixes were applied.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    minimum: Applicability,
) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= minimum && !f.edits.is_empty())
        .map(|f| &f.edits)
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| (e.start, e.end)).min());
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let valid = edits.iter().all(|e| {
            e.start <= e.end
                && (e.end as usize) <= text.len()
                && text.is_char_boundary(e.start as usize)
                && text.is_char_boundary(e.end as usize)
        });
        let conflicts = edits.iter().enumerate().any(|(i, e)| {
            accepted.iter().any(|a| a.span().overlaps(e.span()))
                || edits[..i]
                    .iter()
                    .any(|other| other.span().overlaps(e.span()))
        });
        if valid && !conflicts {
            accepted.extend(edits.iter());
            applied += 1;
        }
    }
    accepted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in accepted {
        out.push_str(&text[cursor..edit.start as usize]);
        out.push_str(&edit.replacement);
        cursor = edit.end as usize;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::span::Span;

    pub(crate) fn diag(start: usize, end: usize, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: "t/t".into(),
            severity: Severity::Warning,
            span: Span::new(start, end),
            message: String::new(),
            labels: Vec::new(),
            fix: Some(Fix::safe(Edit::new(Span::new(start, end), replacement))),
        }
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let (out, applied) = apply_fixes(
            "abcdef",
            &[diag(0, 3, "X"), diag(2, 4, "Y"), diag(4, 6, "")],
            Applicability::Safe,
        );
        assert_eq!((out.as_str(), applied), ("Xd", 2));
    }

    #[test]
    fn unsafe_fixes_need_asking() {
        let mut d = diag(0, 1, "Z");
        d.fix.as_mut().unwrap().applicability = Applicability::Unsafe;
        assert_eq!(
            apply_fixes("a", std::slice::from_ref(&d), Applicability::Safe).1,
            0
        );
        assert_eq!(apply_fixes("a", &[d], Applicability::Unsafe).0, "Z");
    }
}
