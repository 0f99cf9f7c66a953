//! Property tests (proptest) for the engine's invariants, and the replay of
//! every input the fuzzers saved under `fuzz/regressions/<target>/`.
//!
//! The fuzz targets' assertions live in `fuzz/src/checks.rs`; this file
//! compiles the same module, so a saved crash is replayed by exactly the
//! assertions that found it, under plain `cargo test` (no nightly needed).

// The fuzz crate needs these items `pub`; here they are private to the test.
#[allow(unreachable_pub)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

use artlint::fix::apply_fixes;
use artlint::{Applicability, Diagnostic, Edit, Fix, LineColumn, LineIndex, Severity, Span};
use proptest::prelude::*;
use proptest::sample::Index;

/// `cases` cases; a failure is reported with its minimal input (not saved
/// to a `.proptest-regressions` file: turn a real bug into a named test).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Text generators

/// Pieces that exercise line endings, multi-byte and astral characters,
/// invisible characters and the artifacts the built-in rules look for.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\r\r\n",
    " ",
    "  ",
    "\t",
    ".",
    " .",
    " ,",
    ",",
    "!",
    "?",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "-",
    "—",
    "(",
    ")",
    "<",
    ">",
    "=",
    "&",
    ";",
    "é",
    "ç",
    "ß",
    "İ",
    "ﬁ",
    "Ж",
    "中",
    "😀",
    "👍🏽",
    "\u{feff}",
    "\u{200b}",
    "\u{00ad}",
    "\u{fffd}",
    "\u{301}",
    "Ã©",
    "â€™",
    "Â",
    "a",
    "A",
    "the",
    "The",
    "the the",
    "and and",
    "that that",
    "Vladimir",
    "Poutine",
    "Putin",
    "Moscou",
    "Tokayev",
    "Kassym-Jomart",
    "Kassym-Jopart",
    "CSTO",
    "CTSC",
    "Collective Security Treaty Organization",
    "NATO",
    "Source link",
    "Comments are closed.",
    "Share this:",
    "Related",
    "target =",
    "_blank",
    "“>",
    "<p>",
    "</div>",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&quot",
    "e-mail",
    "email",
    "said",
    "Putin’s",
];

/// Strings built from [`FRAGMENTS`] and arbitrary chars.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z ]{1,8}",
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// Either an arbitrary Unicode string or one built from fragments.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), text()]
}

/// Every char boundary of `text`, including `text.len()`.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

// ---------------------------------------------------------------------------
// LineIndex

/// An independent model: (0-based line, 1-based column, 0-based UTF-16
/// column) at every char boundary, by walking the text once. Lines end at
/// `\n`, `\r\n` and a lone `\r`.
fn model_positions(text: &str) -> Vec<(usize, usize, u32, u32)> {
    let mut out = Vec::new();
    let (mut line, mut column, mut utf16) = (0u32, 1u32, 0u32);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        out.push((i, line as usize, column, utf16));
        let ends_line = c == '\n' || (c == '\r' && chars.peek().map(|&(_, n)| n) != Some('\n'));
        if ends_line {
            line += 1;
            column = 1;
            utf16 = 0;
        } else {
            column += 1;
            utf16 += c.len_utf16() as u32;
        }
    }
    out.push((text.len(), line as usize, column, utf16));
    out
}

/// True for the offset between the `\r` and the `\n` of a CRLF.
fn inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn line_index_agrees_with_a_model_and_round_trips(text in any_text()) {
        let index = LineIndex::new(&text);
        let model = model_positions(&text);
        prop_assert_eq!(index.line_count(), model.last().unwrap().1 + 1);
        for &(offset, line, column, utf16) in &model {
            let o = offset as u32;
            let lc = index.line_column(&text, o);
            prop_assert_eq!(lc, LineColumn { line: line as u32 + 1, column }, "offset {}", offset);
            prop_assert_eq!(index.line_of(o), line);
            if inside_crlf(&text, offset) {
                // Between `\r` and `\n` is no position an editor can show:
                // `line_column` counts it one past the `\r`, `offset` refuses it.
                prop_assert_eq!(index.offset(&text, lc), None, "offset inside CRLF at {}", offset);
            } else {
                prop_assert_eq!(index.offset(&text, lc), Some(o), "round trip of offset {}", offset);
            }
            let start = index.line_start(line) as usize;
            prop_assert_eq!(utf16, text[start..offset].encode_utf16().count() as u32);
            prop_assert_eq!(index.utf16_column(&text, o), utf16, "utf16 column at {}", offset);
        }
    }

    #[test]
    fn line_index_offset_rejects_positions_out_of_range(text in any_text(), line in 0u32..60, column in 0u32..200) {
        let index = LineIndex::new(&text);
        let position = LineColumn { line, column };
        match index.offset(&text, position) {
            None => {
                let model = model_positions(&text);
                // Then no boundary maps to that position.
                let reachable = model.iter().any(|&(o, l, c, _)| {
                    l as u32 + 1 == line && c == column && !inside_crlf(&text, o)
                });
                prop_assert!(!reachable, "a real position was refused");
            }
            Some(o) => {
                prop_assert!(text.is_char_boundary(o as usize));
                prop_assert!(o as usize <= text.len());
            }
        }
    }
}

/// A column one past a line's terminator is out of range (it used to return
/// the start of the next line, so two positions mapped to one offset).
#[test]
fn line_index_offset_is_none_past_a_line_end() {
    let text = "ab\ncd";
    let index = LineIndex::new(text);
    // Line 1 is "ab\n": columns 1..=3 exist (3 is the `\n`); 4 does not.
    assert_eq!(index.offset(text, LineColumn { line: 1, column: 4 }), None);
}

proptest! {
    #![proptest_config(config(256))]

    /// Whenever `offset` answers, `line_column` of the answer is the position
    /// asked for. Probed at every real position and one column past the end
    /// of every line (where `offset` used to answer with the next line).
    #[test]
    fn line_index_offset_inverts_line_column(text in text()) {
        let index = LineIndex::new(&text);
        let model = model_positions(&text);
        let mut probes: Vec<LineColumn> = Vec::new();
        for (i, &(_, line, column, _)) in model.iter().enumerate() {
            probes.push(LineColumn { line: line as u32 + 1, column });
            let last_on_line = model.get(i + 1).is_none_or(|next| next.1 != line);
            if last_on_line {
                probes.push(LineColumn { line: line as u32 + 1, column: column + 1 });
            }
        }
        for position in probes {
            if let Some(o) = index.offset(&text, position) {
                prop_assert_eq!(index.line_column(&text, o), position);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// apply_fixes

/// A generated fix: edits as (start, end) indexes into the char boundaries, a
/// replacement, and rarely an invalid offset to check rejection.
#[derive(Debug, Clone)]
struct FixSpec {
    edits: Vec<(Index, Index, String, Option<u32>)>,
    applicability: Applicability,
    has_fix: bool,
}

fn applicability() -> impl Strategy<Value = Applicability> {
    prop_oneof![
        Just(Applicability::Safe),
        Just(Applicability::Unsafe),
        Just(Applicability::DisplayOnly),
    ]
}

fn fix_spec() -> impl Strategy<Value = FixSpec> {
    let edit = (
        any::<Index>(),
        any::<Index>(),
        prop_oneof![Just(String::new()), "[a-z]{1,3}", "[é😀\r\n x]{1,3}"],
        prop_oneof![10 => Just(None), 1 => (0u32..400).prop_map(Some)],
    );
    (
        prop::collection::vec(edit, 0..4),
        applicability(),
        prop::bool::weighted(0.9),
    )
        .prop_map(|(edits, applicability, has_fix)| FixSpec {
            edits,
            applicability,
            has_fix,
        })
}

/// Turns specs into diagnostics on `text`. The edits of one fix are made
/// pairwise non-overlapping (a later edit overlapping an earlier one of the
/// same fix is dropped), unless a raw (possibly invalid) offset was drawn.
fn diagnostics_for(text: &str, specs: &[FixSpec]) -> Vec<Diagnostic> {
    let bounds = boundaries(text);
    specs
        .iter()
        .map(|spec| {
            let mut edits: Vec<Edit> = Vec::new();
            for (a, b, replacement, raw) in &spec.edits {
                let (mut start, mut end) = (a.get(&bounds), b.get(&bounds));
                if start > end {
                    std::mem::swap(&mut start, &mut end);
                }
                let edit = match raw {
                    // Possibly out of bounds or inside a char: must be rejected, not panic.
                    Some(raw) => Edit {
                        start: *raw,
                        end: (*raw).max(*start as u32),
                        replacement: replacement.clone(),
                    },
                    None => Edit::new(Span::new(*start, *end), replacement.clone()),
                };
                if !edits.iter().any(|e| e.span().overlaps(edit.span())) {
                    edits.push(edit);
                }
            }
            let span = edits.first().map_or(Span::new(0, 0), |e| {
                let (s, e) = (e.start.min(text.len() as u32), e.end.min(text.len() as u32));
                Span {
                    start: s.min(e),
                    end: e,
                }
            });
            Diagnostic {
                rule: "t/t".into(),
                severity: Severity::Warning,
                span,
                message: String::new(),
                labels: Vec::new(),
                fix: spec.has_fix.then_some(Fix {
                    applicability: spec.applicability,
                    edits,
                }),
            }
        })
        .collect()
}

/// An oracle for `apply_fixes` that shares none of its code or its overlap
/// test. The text is a row of slots: a gap before each byte and after the
/// last (slot `2 * i` is the gap before byte `i`), and each byte (slot
/// `2 * i + 1`). An edit claims the slots it rewrites: a replacement of
/// `start..end` its bytes and the gaps between them, an insertion its gap.
/// Fixes at or above `minimum` with edits are taken in order of their first
/// edit (by start, then end; ties in the order given); one is accepted when
/// every edit lies on char boundaries (found by walking the chars) and no
/// slot it claims is claimed already, by it or by an accepted fix. The
/// output is written by walking the slots. Returns it and the fixes accepted.
fn oracle(text: &str, diagnostics: &[Diagnostic], minimum: Applicability) -> (String, usize) {
    let n = text.len();
    let mut boundary = vec![false; n + 1];
    for (i, _) in text.char_indices() {
        boundary[i] = true;
    }
    boundary[n] = true;
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= minimum && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| (e.start, e.end)).min());
    let mut claimed = vec![false; 2 * n + 1];
    let mut inserts: Vec<Option<&str>> = vec![None; n + 1];
    let mut replaces: Vec<Option<(usize, &str)>> = vec![None; n];
    let mut accepted = 0;
    'fixes: for fix in fixes {
        let mut slots = Vec::new();
        for e in &fix.edits {
            let (start, end) = (e.start as usize, e.end as usize);
            if start > end || end > n || !boundary[start] || !boundary[end] {
                continue 'fixes;
            }
            if start == end {
                slots.push(2 * start);
            } else {
                slots.extend(2 * start + 1..2 * end);
            }
        }
        let mut mine = slots.clone();
        mine.sort_unstable();
        mine.dedup();
        if mine.len() < slots.len() || mine.iter().any(|&s| claimed[s]) {
            continue;
        }
        for s in mine {
            claimed[s] = true;
        }
        for e in &fix.edits {
            let (start, end) = (e.start as usize, e.end as usize);
            if start == end {
                inserts[start] = Some(&e.replacement);
            } else {
                replaces[start] = Some((end, &e.replacement));
            }
        }
        accepted += 1;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        if let Some(insert) = inserts[i] {
            out.extend_from_slice(insert.as_bytes());
        }
        if i == n {
            break;
        }
        match replaces[i] {
            Some((end, replacement)) => {
                out.extend_from_slice(replacement.as_bytes());
                i = end;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    let out = String::from_utf8(out).expect("edits on char boundaries keep the text UTF-8");
    (out, accepted)
}

/// The oracle on hand-made cases: overlaps wait, touching edits do not, an
/// insertion at an edit's start or end is not inside it and comes before
/// what starts there, two insertions at one point conflict, a fix whose own
/// edits overlap is refused, and offsets inside a char or past the end are
/// refused.
#[test]
fn the_oracle_on_hand_made_cases() {
    let fix = |edits: &[(u32, u32, &str)]| Diagnostic {
        rule: "t/t".into(),
        severity: Severity::Warning,
        span: Span::new(0, 0),
        message: String::new(),
        labels: Vec::new(),
        fix: Some(Fix {
            applicability: Applicability::Safe,
            edits: edits
                .iter()
                .map(|&(start, end, r)| Edit {
                    start,
                    end,
                    replacement: r.to_string(),
                })
                .collect(),
        }),
    };
    // (text, fixes as their edits (start, end, replacement), (output, accepted))
    type Case<'a> = (&'a str, &'a [&'a [(u32, u32, &'a str)]], (&'a str, usize));
    let cases: &[Case] = &[
        (
            "abcdef",
            &[&[(0, 3, "X")], &[(2, 4, "Y")], &[(4, 6, "")]],
            ("Xd", 2),
        ),
        ("abcdef", &[&[(2, 4, "Y")], &[(0, 3, "X")]], ("Xdef", 1)),
        (
            "abc",
            &[&[(1, 2, "X")], &[(1, 1, "<")], &[(2, 2, ">")]],
            ("a<X>c", 3),
        ),
        ("abc", &[&[(1, 1, "<")], &[(1, 1, "(")]], ("a<bc", 1)),
        ("abc", &[&[(0, 3, "X")], &[(1, 1, "<")]], ("X", 1)),
        ("abcdef", &[&[(0, 3, "X"), (1, 2, "Y")]], ("abcdef", 0)),
        ("abcdef", &[&[(0, 1, "X"), (5, 6, "Y")]], ("XbcdeY", 1)),
        ("é", &[&[(1, 2, "e")], &[(0, 3, "")]], ("é", 0)),
        ("é", &[&[(0, 2, "e")]], ("e", 1)),
    ];
    for (text, fixes, expected) in cases {
        let diagnostics: Vec<Diagnostic> = fixes.iter().map(|edits| fix(edits)).collect();
        let (out, accepted) = oracle(text, &diagnostics, Applicability::Safe);
        assert_eq!((out.as_str(), accepted), *expected, "{text:?} {fixes:?}");
        // And the library agrees.
        let (out, accepted) = apply_fixes(text, &diagnostics, Applicability::Safe);
        assert_eq!((out.as_str(), accepted), *expected, "{text:?} {fixes:?}");
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn apply_fixes_matches_the_oracle(
        text in any_text(),
        specs in prop::collection::vec(fix_spec(), 0..8),
        minimum in applicability(),
    ) {
        let diagnostics = diagnostics_for(&text, &specs);
        let (out, applied) = apply_fixes(&text, &diagnostics, minimum);
        let (expected, count) = oracle(&text, &diagnostics, minimum);
        prop_assert_eq!(applied, count);
        prop_assert_eq!(out, expected);
        prop_assert!(applied <= diagnostics.iter().filter(|d| d.fix.is_some()).count());
    }

    #[test]
    fn apply_fixes_with_no_diagnostics_is_identity(text in any_text(), minimum in applicability()) {
        prop_assert_eq!(apply_fixes(&text, &[], minimum), (text.clone(), 0));
    }

    /// Single-edit fixes on disjoint, non-touching spans are all applied.
    #[test]
    fn disjoint_fixes_are_all_applied(
        text in any_text(),
        cuts in prop::collection::vec(any::<Index>(), 0..12),
        replacements in prop::collection::vec("[a-zé😀]{0,3}", 6),
    ) {
        let bounds = boundaries(&text);
        let mut points: Vec<usize> = cuts.iter().map(|c| c.get(&bounds)).copied().collect();
        points.sort();
        points.dedup();
        // Pairs (p0,p1), (p2,p3) ... are disjoint and never touch an insertion point.
        let mut diagnostics: Vec<Diagnostic> = points
            .chunks_exact(2)
            .zip(replacements.iter().cycle())
            .map(|(pair, r)| Diagnostic {
                rule: "t/t".into(),
                severity: Severity::Info,
                span: Span::new(pair[0], pair[1]),
                message: String::new(),
                labels: Vec::new(),
                fix: Some(Fix::safe(Edit::new(Span::new(pair[0], pair[1]), r.clone()))),
            })
            .collect();
        diagnostics.reverse(); // the order of the diagnostics does not matter
        let (out, applied) = apply_fixes(&text, &diagnostics, Applicability::Safe);
        prop_assert_eq!(applied, diagnostics.len());
        let mut expected = String::new();
        let mut cursor = 0;
        for d in diagnostics.iter().rev() {
            let e = &d.fix.as_ref().unwrap().edits[0];
            expected.push_str(&text[cursor..e.start as usize]);
            expected.push_str(&e.replacement);
            cursor = e.end as usize;
        }
        expected.push_str(&text[cursor..]);
        prop_assert_eq!(out, expected);
    }
}

/// A fix whose own edits overlap is accepted (only overlaps with *other*
/// fixes are checked) and then the forward copy slices backwards and panics.
#[test]
fn apply_fixes_rejects_a_fix_whose_own_edits_overlap() {
    let diagnostic = Diagnostic {
        rule: "t/t".into(),
        severity: Severity::Warning,
        span: Span::new(0, 3),
        message: String::new(),
        labels: Vec::new(),
        fix: Some(Fix {
            applicability: Applicability::Safe,
            edits: vec![
                Edit::new(Span::new(0, 3), "X"),
                Edit::new(Span::new(1, 2), "Y"),
            ],
        }),
    };
    let (out, applied) = apply_fixes("abcdef", &[diagnostic], Applicability::Safe);
    assert_eq!((out.as_str(), applied), ("abcdef", 0));
}

// ---------------------------------------------------------------------------
// Linting with the full built-in pack

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn linting_keeps_its_invariants(text in any_text()) {
        // In bounds, on char boundaries, edits of one fix disjoint, sorted,
        // and deterministic (checks.rs).
        checks::lint_and_check(checks::builtin_rules(), &text);
    }

    #[test]
    fn linting_bytes_keeps_its_invariants(
        text in text(),
        junk in prop::collection::vec(any::<u8>(), 0..6),
        at in any::<Index>(),
    ) {
        let mut bytes = text.into_bytes();
        let at = at.index(bytes.len() + 1);
        bytes.splice(at..at, junk);
        checks::lint_bytes(&bytes);
    }

    #[test]
    fn fixing_until_stable_terminates_with_valid_text(text in text()) {
        let outcome = checks::fix_and_check(checks::builtin_rules(), artlint::Format::Text, &text);
        prop_assert!(outcome.passes <= artlint::fix::MAX_PASSES);
    }
}

// ---------------------------------------------------------------------------
// Serde round trips

fn edit() -> impl Strategy<Value = Edit> {
    (any::<u32>(), any::<u32>(), any::<String>()).prop_map(|(a, b, replacement)| Edit {
        start: a.min(b),
        end: a.max(b),
        replacement,
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn span_overlap_is_symmetric(a in 0u32..12, b in 0u32..12, c in 0u32..12, d in 0u32..12) {
        let (x, y) = (Span { start: a.min(b), end: a.max(b) }, Span { start: c.min(d), end: c.max(d) });
        prop_assert_eq!(x.overlaps(y), y.overlaps(x));
        // Sharing a byte is overlapping; touching is not.
        let share = (x.start..x.end).any(|i| (y.start..y.end).contains(&i));
        if share {
            prop_assert!(x.overlaps(y));
        }
        if !x.is_empty() && !y.is_empty() {
            prop_assert_eq!(x.overlaps(y), share);
        }
    }

    #[test]
    fn span_json_round_trips(start in any::<u32>(), end in any::<u32>()) {
        let span = Span { start, end };
        let json = serde_json::to_string(&span).unwrap();
        prop_assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), span);
    }

    #[test]
    fn edit_json_round_trips(edit in edit()) {
        let json = serde_json::to_string(&edit).unwrap();
        prop_assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit);
    }

    #[test]
    fn fix_json_round_trips(edits in prop::collection::vec(edit(), 0..4), applicability in applicability()) {
        let fix = Fix { applicability, edits };
        let json = serde_json::to_string(&fix).unwrap();
        prop_assert_eq!(serde_json::from_str::<Fix>(&json).unwrap(), fix.clone());
        let value = serde_json::to_value(&fix).unwrap();
        prop_assert_eq!(serde_json::from_value::<Fix>(value).unwrap(), fix);
    }
}

#[test]
fn enums_serialize_as_documented() {
    assert_eq!(json(&Severity::Warning), "\"warning\"");
    assert_eq!(json(&Applicability::DisplayOnly), "\"display-only\"");
    assert_eq!(json(&Applicability::Unsafe), "\"unsafe\"");
    assert_eq!(json(&Applicability::Safe), "\"safe\"");
    for s in [Severity::Info, Severity::Warning, Severity::Error] {
        assert_eq!(serde_json::from_str::<Severity>(&json(&s)).unwrap(), s);
    }
    for a in [
        Applicability::DisplayOnly,
        Applicability::Unsafe,
        Applicability::Safe,
    ] {
        assert_eq!(serde_json::from_str::<Applicability>(&json(&a)).unwrap(), a);
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

// ---------------------------------------------------------------------------
// Fuzz regressions: every file under fuzz/regressions/<target>/ is replayed
// through the target's assertions. Inputs of bugs still open are listed in
// OPEN (and have an #[ignore]d test of their own below); remove them from
// OPEN when the bug is fixed.

const OPEN: &[&str] = &[];

fn regression_inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.expect("readable regressions folder").path())
            .filter(|p| p.is_file())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    for path in regression_inputs(target) {
        let name = format!("{target}/{}", path.file_name().unwrap().to_string_lossy());
        if OPEN.contains(&name.as_str()) {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| run(&data));
        assert!(result.is_ok(), "fuzz regression {name} fails again");
    }
}

#[test]
fn fuzz_regressions_lint_bytes() {
    replay("lint_bytes", checks::lint_bytes);
}

#[test]
fn fuzz_regressions_load_rules() {
    replay("load_rules", checks::load_rules);
}

#[test]
fn fuzz_regressions_apply_fixes() {
    replay("apply_fixes", checks::apply_fixes);
}

#[test]
fn fuzz_regressions_input_formats() {
    replay("input_formats", checks::input_formats);
}

#[test]
fn fuzz_regressions_config_files() {
    replay("config_files", checks::config_files);
}

#[test]
fn fuzz_regressions_lint_options() {
    replay("lint_options", checks::lint_options);
}

#[test]
fn fuzz_regressions_baselines() {
    replay("baselines", checks::baselines);
}

/// The baselines target's checks hold on baselines the command line writes,
/// and on the refused shapes.
#[test]
fn seeds_pass_the_baseline_fuzz_checks() {
    use artlint::baseline::{Baseline, Entry};
    let found = checks::builtin_rules().lint(&artlint::Document::new("f", checks::SAMPLE_TEXT));
    assert!(!found.is_empty());
    let written = Baseline::render(
        found
            .iter()
            .map(|d| Entry::new("f", checks::SAMPLE_TEXT, d))
            .collect(),
    );
    for seed in [
        written.as_str(),
        r#"{"version": 1, "findings": []}"#,
        r#"{"version": 3, "findings": []}"#,
        r#"{"version": 2, "findings": [], "extra": 1}"#,
        "{\"version\": 2,\n",
        "",
    ] {
        checks::baselines(seed.as_bytes());
    }
}

/// The new targets' seeds pass their checks: configurations like the
/// README's, and every selection and format on a fixture.
#[test]
fn seeds_pass_the_config_and_option_fuzz_checks() {
    checks::config_files(b"");
    checks::config_files(
        b"select = [\"scrape/*\", \"names/*\"]\nignore = [\"scrape/byline\"]\naccept = [\"Poutine\"]\n\
          [severity]\n\"scrape/*\" = \"info\"\n[[overrides]]\npaths = [\"docs/**\"]\nignore = [\"names/*\"]\n",
    );
    checks::config_files(b"select = [\"nope/*\"]\nreject = [\"x\"]\n");
    checks::config_files(b"select = [");
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt"))
            .unwrap();
    for selection in 0..8u8 {
        checks::lint_options(&[&[selection | 0x80, selection, 3], &seed[..]].concat());
    }
    for format in 0..4u8 {
        checks::lint_options(
            &[&[format, 0, 0], &b"# Title\n\nthe the <b>Poutine</b>"[..]].concat(),
        );
    }
}

/// The fixtures (the fuzzers' seeds) pass every target's checks.
#[test]
fn fixtures_pass_the_fuzz_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        checks::lint_bytes(&data);
        checks::apply_fixes(&data);
        for format in 0..3u8 {
            checks::input_formats(&[&[format], &data[..]].concat());
        }
    }
    checks::load_rules(b"");
    for file in artlint::builtin_pack() {
        checks::load_rules(file.text.as_bytes());
    }
}

/// Consistency rules pack (group, variant) into one `u32` as `group << 16 |
/// variant` (src/ruleset.rs `rule_literals`), so in a group of more than
/// 65 536 variants, variant 65 536 + k aliases variant k of the next group; an
/// aliased index past that group's length panics in
/// `check::consistency::check` (`counts[o.variant as usize]`). (More than
/// 65 536 groups alias the same way, `g << 16` wrapping.) A rule file must load
/// or fail, never make linting panic. Passes whether the fix is a load error
/// (fast) or a wider packing (then RuleSet::new takes ~90 s in a debug build).
#[test]
fn consistency_rule_with_a_huge_group_does_not_panic() {
    // Variants need not differ: 65 538 copies of "a", then "w" (variant 65 538,
    // packed as group 1 variant 2; group 1 has two variants).
    let mut variants = vec!["\"a\""; 65_538];
    variants.push("\"w\"");
    let rule = format!(
        "[[rule]]\nid = \"t/huge\"\nkind = \"consistency\"\nmessage = \"{{match}}\"\n\
         groups = [[{}], [\"x\", \"y\"]]\n",
        variants.join(", ")
    );
    if let Ok(rules) = artlint::load_pack(&[artlint::PackFile {
        path: "f.toml".into(),
        text: rule,
    }]) {
        checks::lint_and_check(&artlint::RuleSet::new(rules), "w a\n");
    }
}
