//! Applying fixes: one pass of non-overlapping edits. The loop that repeats
//! it until the text is stable is [`crate::fixing::fix_until_stable`].

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::span::Span;

/// Fix passes before [`crate::fixing::fix_until_stable`] gives up on convergence.
pub const MAX_PASSES: usize = 10;

/// Applies every fix at or above `minimum` whose edits do not overlap an
/// already accepted fix; a conflicting fix waits for the next pass. Returns
/// the new text and how many fixes were applied. Each fix costs a lookup in
/// the accepted edits (kept sorted), so a pass is O(n log n) in the fixes.
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
    let mut accepted: BTreeMap<(u32, u32), &Edit> = BTreeMap::new();
    let mut own: BTreeMap<(u32, u32), &Edit> = BTreeMap::new();
    let mut applied = 0;
    for edits in fixes {
        let valid = edits.iter().all(|e| {
            e.start <= e.end
                && (e.end as usize) <= text.len()
                && text.is_char_boundary(e.start as usize)
                && text.is_char_boundary(e.end as usize)
        });
        if !valid {
            continue;
        }
        own.clear();
        let mut conflicts = false;
        for e in edits {
            if overlaps_any(&accepted, e.span()) || overlaps_any(&own, e.span()) {
                conflicts = true;
                break;
            }
            own.insert((e.start, e.end), e);
        }
        if !conflicts {
            // One insert each (`append` would rebuild the whole map).
            for (key, edit) in std::mem::take(&mut own) {
                accepted.insert(key, edit);
            }
            applied += 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in accepted.into_values() {
        out.push_str(&text[cursor..edit.start as usize]);
        out.push_str(&edit.replacement);
        cursor = edit.end as usize;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// True if `span` overlaps (see [`Span::overlaps`]) one of `edits`, which do
/// not overlap each other. Of the edits that start before `span` ends, the
/// last one ends last, so it is the only one to compare with (besides an
/// insertion at the same point).
fn overlaps_any(edits: &BTreeMap<(u32, u32), &Edit>, span: Span) -> bool {
    (span.is_empty() && edits.contains_key(&(span.start, span.end)))
        || edits
            .range(..(span.end, 0))
            .next_back()
            .is_some_and(|(&(start, end), _)| Span { start, end }.overlaps(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(start: usize, end: usize, replacement: &str) -> Diagnostic {
        crate::diagnostic::safe_fix_for_tests(start, end, replacement)
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
