//! The literals every match of a pattern contains: the analysis behind the
//! [gate](super::LiteralGate).
//!
//! It depends on `regex_syntax`, `aho_corasick` and `rustc_hash` only, so
//! `build.rs` includes this file as it is and works out the built-in pack's
//! literals when the binary is built: start-up looks them up instead of
//! parsing a thousand patterns again.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// A pattern's HIR with the flags the rule compiles it with (`^`/`$` at lines).
pub(crate) fn parse(pattern: &str, case_insensitive: bool) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .multi_line(true)
        .build()
        .parse(pattern)
        .ok()
}

/// Literals of which every match of `pattern` contains at least one (up to
/// ASCII case), or `None` if there are no useful ones. A letter matched
/// case-insensitively counts as its ASCII self when its case variants are
/// ASCII (and `ſ`/`K`, see [`LiteralGate`](super::LiteralGate)); any other (`é`, `É`) makes one
/// literal for each of its variants.
pub(crate) fn analyse(pattern: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
    let hir = parse(pattern, case_insensitive)?;
    let mut required = required(&hir)?;
    drop_holders_of_shorter(&mut required);
    (strength(&required) >= MIN_STRENGTH).then_some(required)
}

/// The characters a match of `pattern` can begin with, as sorted disjoint
/// ranges, or `None` if a match can be empty or begin with anything the
/// analysis cannot bound (see [`first_chars`](super::first_chars)).
pub(crate) fn first_ranges(pattern: &str, case_insensitive: bool) -> Option<Vec<(char, char)>> {
    match first(&parse(pattern, case_insensitive)?)? {
        (class, false) => Some(
            class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
        ),
        (_, true) => None,
    }
}

/// The characters `hir` can begin with, and whether it can match empty.
fn first(hir: &Hir) -> Option<(ClassUnicode, bool)> {
    let empty = ClassUnicode::empty;
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (empty(), true),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            match text.chars().next() {
                Some(c) => (ClassUnicode::new([ClassUnicodeRange::new(c, c)]), false),
                None => (empty(), true),
            }
        }
        HirKind::Class(Class::Unicode(class)) => (class.clone(), false),
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Capture(capture) => first(&capture.sub)?,
        HirKind::Repetition(r) => {
            let (class, nullable) = first(&r.sub)?;
            (class, nullable || r.min == 0)
        }
        HirKind::Concat(subs) => {
            let mut all = empty();
            for sub in subs {
                let (class, nullable) = first(sub)?;
                all.union(&class);
                if !nullable {
                    return Some((all, false));
                }
            }
            (all, true)
        }
        HirKind::Alternation(subs) => {
            let mut all = empty();
            let mut any_nullable = false;
            for sub in subs {
                let (class, nullable) = first(sub)?;
                all.union(&class);
                any_nullable |= nullable;
            }
            (all, any_nullable)
        }
    })
}

/// The bytes a match of `hir` can begin with, each as a one-byte text, if
/// it cannot be empty: an ASCII character's own byte, the lead byte of any
/// other (UTF-8 keeps code point order, so a range's lead bytes are those
/// between its ends'). A literal may end in one: the gate matches bytes.
fn first_bytes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let (class, false) = first(hir)? else {
        return None;
    };
    let lead = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes()[0];
    let mut bytes = [false; 256];
    for range in class.ranges() {
        for b in lead(range.start())..=lead(range.end()) {
            bytes[usize::from(b)] = true;
        }
    }
    let set: Vec<Vec<u8>> = (0..=255u8)
        .filter(|&b| bytes[usize::from(b)])
        .map(|b| vec![b])
        .collect();
    (!set.is_empty()).then_some(set)
}

/// The most line breaks (`\n`) a match of `pattern` can hold, if that is
/// bounded. A match with at most `k` holds its literals within `k` lines of
/// each of them, so the pattern need only run on the lines around the
/// places where the gate found them.
pub(crate) fn line_span(pattern: &str, case_insensitive: bool) -> Option<u32> {
    newlines(&parse(pattern, case_insensitive)?)
}

fn newlines(hir: &Hir) -> Option<u32> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(literal) => Some(literal.0.iter().filter(|&&b| b == b'\n').count() as u32),
        HirKind::Class(Class::Unicode(class)) => Some(u32::from(
            class
                .ranges()
                .iter()
                .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        )),
        HirKind::Class(Class::Bytes(class)) => Some(u32::from(
            class
                .ranges()
                .iter()
                .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        )),
        HirKind::Repetition(repetition) => match newlines(&repetition.sub)? {
            0 => Some(0),
            each => each.checked_mul(repetition.max?),
        },
        HirKind::Capture(capture) => newlines(&capture.sub),
        HirKind::Concat(subs) => subs
            .iter()
            .try_fold(0u32, |sum, sub| sum.checked_add(newlines(sub)?)),
        HirKind::Alternation(subs) => subs
            .iter()
            .try_fold(0u32, |most, sub| Some(most.max(newlines(sub)?))),
    }
}

/// Drops each literal that holds a shorter one: it is found whenever the
/// shorter is, so only the shorter counts. Comparing every pair made
/// alternations of hundreds of literals a tenth of start-up: short literals
/// look their substrings up instead, and a set with a long one (whose
/// substrings are too many) goes through one automaton of the literals.
fn drop_holders_of_shorter(literals: &mut Vec<Vec<u8>>) {
    let all: rustc_hash::FxHashSet<&[u8]> = literals
        .iter()
        .filter(|l| !l.is_empty())
        .map(Vec::as_slice)
        .collect();
    if all.len() < 2 {
        return;
    }
    let keep: Vec<bool> = if literals.iter().all(|l| l.len() <= SHORT_LITERAL) {
        literals
            .iter()
            .map(|l| {
                !(0..l.len())
                    .any(|i| (i + 1..=l.len()).any(|j| j - i < l.len() && all.contains(&l[i..j])))
            })
            .collect()
    } else {
        let patterns: Vec<&[u8]> = all.iter().copied().collect();
        // Without an automaton every literal stays: redundant, never wrong.
        let Ok(automaton) = AhoCorasick::new(&patterns) else {
            return;
        };
        literals
            .iter()
            .map(|l| {
                !automaton
                    .find_overlapping_iter(l)
                    .any(|m| m.len() < l.len())
            })
            .collect()
    };
    let mut keep = keep.into_iter();
    literals.retain(|_| keep.next().unwrap_or(true));
}

/// Up to this length (bytes) a literal's substrings are few enough to look up.
const SHORT_LITERAL: usize = 48;

/// Literals shorter than this (in bytes) admit too many texts to be worth it.
const MIN_STRENGTH: usize = 2;

/// Alternations with more literals than this are not worth an automaton entry each.
const MAX_LITERALS: usize = 512;

fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(set) = exact_set(hir) {
        return Some(set);
    }
    match hir.kind() {
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => required(&repetition.sub),
        HirKind::Concat(subs) => {
            // Runs of parts with few possible texts join into literals (their
            // cross product); the best of those and of the other parts'
            // requirements is the concatenation's. A group is its parts: it
            // changes what is captured, not what matches (`(?P<end>[.!?])`
            // then `(?P<next>[A-Z]\p{Ll}+)` run into `.A`, `!B` ...).
            let mut parts = Vec::new();
            flatten_groups(subs, &mut parts);
            let mut options = Vec::new();
            let mut run: Option<Vec<Vec<u8>>> = None;
            for sub in parts {
                if let Some(set) = exact_set(sub) {
                    run = Some(match run.take() {
                        Some(before) => match product(&before, &set) {
                            Some(joined) => joined,
                            None => {
                                options.push(before);
                                set
                            }
                        },
                        None => set,
                    });
                    continue;
                }
                // A repeated part (`[ \t]+`) starts and ends with one of
                // its texts: it ends the run before it and starts the next.
                let edge = match sub.kind() {
                    HirKind::Repetition(r) if r.min > 0 => exact_set(&r.sub),
                    _ => None,
                };
                if let Some(before) = run.take() {
                    match edge.as_ref().and_then(|e| product(&before, e)) {
                        Some(joined) => options.push(joined),
                        None => {
                            // A part of too many texts still begins with one
                            // of fewer bytes (`[.!?]` then `\p{Lu}`: `.A` …
                            // `?Z` and `.` `!` `?` before each lead byte of
                            // the other capitals); the run ends with one.
                            if let Some(extended) =
                                first_bytes(sub).and_then(|bytes| product(&before, &bytes))
                            {
                                options.push(extended);
                            }
                            options.push(before);
                        }
                    }
                }
                options.extend(required(sub));
                run = edge;
            }
            options.extend(run);
            options.into_iter().max_by_key(|set| {
                let usable = strength(set) >= MIN_STRENGTH;
                (usable, selectivity(set), std::cmp::Reverse(set.len()))
            })
        }
        HirKind::Alternation(subs) => union(subs, required),
        _ => None,
    }
}

/// `subs` with each capture group of a concatenation replaced by its parts.
fn flatten_groups<'h>(subs: &'h [Hir], out: &mut Vec<&'h Hir>) {
    for sub in subs {
        match sub.kind() {
            HirKind::Capture(capture) => match capture.sub.kind() {
                HirKind::Concat(inner) => flatten_groups(inner, out),
                _ => out.push(&capture.sub),
            },
            _ => out.push(sub),
        }
    }
}

/// Every text `hir` can match (up to ASCII case), if there are few.
/// Assertions match the empty text.
fn exact_set(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => Some(vec![literal.0.to_vec()]),
        HirKind::Class(Class::Unicode(class)) => {
            if let Some(letter) = ascii_letter_any_case(class) {
                return Some(vec![vec![letter]]);
            }
            let count: u32 = class
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            (count <= MAX_CLASS_CHARS).then(|| {
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|c| c.to_string().into_bytes())
                    .collect()
            })
        }
        HirKind::Capture(capture) => exact_set(&capture.sub),
        HirKind::Repetition(r) if r.min == 0 && r.max == Some(1) => {
            let mut set = exact_set(&r.sub)?;
            set.push(Vec::new());
            Some(set)
        }
        HirKind::Concat(subs) => subs
            .iter()
            .try_fold(vec![Vec::new()], |acc, sub| product(&acc, &exact_set(sub)?)),
        HirKind::Alternation(subs) => union(subs, exact_set),
        _ => None,
    }
}

/// The texts `each` gives every branch, together, if every branch has some
/// and they are not too many.
fn union(branches: &[Hir], each: fn(&Hir) -> Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let mut all = Vec::new();
    for branch in branches {
        all.extend(each(branch)?);
        if all.len() > MAX_LITERALS {
            return None;
        }
    }
    all.sort();
    all.dedup();
    Some(all)
}

/// Each text of `a` followed by each of `b`, unless that makes too many.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_LITERALS {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            out.push([x.as_slice(), y.as_slice()].concat());
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// A class of at most this many characters counts as that many literals.
const MAX_CLASS_CHARS: u32 = 16;

/// The ASCII letter a case-insensitive class stands for: `[Aa]`, `[Ssſ]`, `[KkK]`.
fn ascii_letter_any_case(class: &ClassUnicode) -> Option<u8> {
    let ranges = class.ranges();
    if ranges.len() > 3 {
        return None;
    }
    let letter = ranges[0].start();
    if !letter.is_ascii_alphabetic() {
        return None;
    }
    let mut folded = ClassUnicode::new([ClassUnicodeRange::new(letter, letter)]);
    folded.case_fold_simple();
    (folded == *class).then_some(letter.to_ascii_lowercase() as u8)
}

/// How rarely a literal of `set` occurs, roughly, in bits: four for each
/// byte of its weakest literal, eight for a byte other than an ASCII letter
/// or a space, since prose is mostly letters and spaces (`at ` is in every
/// text, `9h3` in few); less one for each doubling of the literals (rounded
/// up), each one more chance to occur (a lone `FMI` before twenty words of
/// economics that could stand beside it). Chooses among a concatenation's
/// parts; [`strength`] still decides whether the chosen literals are worth
/// a gate.
fn selectivity(set: &[Vec<u8>]) -> isize {
    let weakest = set
        .iter()
        .map(|l| {
            l.iter()
                .map(|&b| {
                    if b.is_ascii_alphabetic() || b == b' ' {
                        1
                    } else {
                        2
                    }
                })
                .sum::<isize>()
        })
        .min()
        .unwrap_or(0);
    4 * weakest - set.len().next_power_of_two().trailing_zeros() as isize
}

/// The weakest literal's length; a lone ASCII byte or blank counts as none.
fn strength(set: &[Vec<u8>]) -> usize {
    set.iter()
        .map(|l| {
            if l.iter().all(u8::is_ascii_whitespace) {
                0
            } else {
                l.len()
            }
        })
        .min()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_literal_goes_exactly_when_it_holds_a_shorter_one(
            literals in proptest::collection::vec(
                proptest::prop_oneof!["[ab]{0,5}", "[ab]{0,60}"], 0..12,
            ),
        ) {
            let mut literals: Vec<Vec<u8>> = literals.into_iter().map(String::into_bytes).collect();
            // By definition: some other literal, shorter and not empty, is inside it.
            let expected: Vec<Vec<u8>> = literals
                .iter()
                .filter(|l| {
                    !literals.iter().any(|o| {
                        !o.is_empty() && o.len() < l.len() && l.windows(o.len()).any(|w| w == o.as_slice())
                    })
                })
                .cloned()
                .collect();
            drop_holders_of_shorter(&mut literals);
            proptest::prop_assert_eq!(literals, expected);
        }
    }

    fn literals(pattern: &str, insensitive: bool) -> Option<Vec<String>> {
        analyse(pattern, insensitive).map(|set| {
            set.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn the_most_selective_part_of_a_concatenation_is_required() {
        assert_eq!(
            literals(
                r"(?:the )?(?:story|article) continues (?:below|after)",
                true
            ),
            Some(vec![
                "article continues after".to_string(),
                "article continues below".into(),
                "story continues after".into(),
                "story continues below".into(),
            ])
        );
        assert_eq!(literals(r"\d+ likes?", true), Some(vec![" like".into()]));
        assert_eq!(literals(r".*©.*", true), Some(vec!["©".into()]));
    }

    #[test]
    fn digits_and_punctuation_are_preferred_to_letters_of_the_same_length() {
        // `at`/`to` are in every text; a digit before `h` is in few.
        let found = literals(r"(?:at|to)\s+[0-9]h", false).unwrap();
        assert_eq!(found.len(), 10);
        assert!(found.contains(&"9h".to_string()));
        // A lone byte is never chosen over a usable literal.
        assert_eq!(literals(r"ab[^\n]*1", false), Some(vec!["ab".to_string()]));
    }

    #[test]
    fn one_literal_is_preferred_to_many_a_little_longer() {
        // Each of eight words is a chance to occur; `fmi` is one.
        assert_eq!(
            literals(
                r"(?:loans?|debt|economy|growth|credit|deficit|austerity|tranche)[^\n]*?\bFMI\b",
                false
            ),
            Some(vec!["FMI".to_string()])
        );
        // Of two single literals the longer still wins.
        assert_eq!(
            literals(r"FMI[^\n]*?\bausterity\b", false),
            Some(vec!["austerity".to_string()])
        );
    }

    #[test]
    fn groups_in_a_concatenation_join_their_neighbours() {
        let found = literals(r"\p{Ll}{2}(?P<end>[.!?])(?P<next>[A-M]\p{Ll}+)", false).unwrap();
        assert_eq!(found.len(), 3 * 13);
        assert!(found.contains(&".M".to_string()) && found.contains(&"?A".to_string()));
    }

    #[test]
    fn an_alternation_requires_one_literal_of_each_branch() {
        assert_eq!(
            literals(r"(?:advertisement|sponsored)", true),
            Some(vec!["advertisement".into(), "sponsored".into()])
        );
    }

    #[test]
    fn small_classes_and_alternations_multiply_out() {
        assert_eq!(
            literals(r"(?:^|[\s\p{L}])[“”]>", false),
            Some(vec!["“>".into(), "”>".into()])
        );
        // A repeated part ends one run and starts the next.
        assert_eq!(
            literals(r"\w[ \u00a0]+[.,]\s", false),
            Some(vec![
                " ,".into(),
                " .".into(),
                "\u{a0},".into(),
                "\u{a0}.".into()
            ])
        );
        // A class of many characters ends a run with the bytes they begin
        // with: the ten ASCII digits, and the lead bytes of the others.
        let digits = analyse(r"\d[\u00a0\u202f]\d{3}", false).unwrap();
        for start in ["\u{a0}", "\u{202f}"] {
            for digit in '0'..='9' {
                assert!(digits.contains(&format!("{start}{digit}").into_bytes()));
            }
            let arabic_indic = [start.as_bytes(), &[0xd9]].concat();
            assert!(digits.contains(&arabic_indic), "`٣` begins with 0xD9");
        }
        assert!(digits.iter().all(|l| l.len() == 3 || l.len() == 4));
    }

    #[test]
    fn a_run_ends_with_the_first_bytes_of_a_large_class() {
        // Sentences run together: `.` `!` `?` before any capital.
        let glued = analyse(r"\p{Ll}{2}[.!?]\p{Lu}\p{Ll}+ ", false).unwrap();
        for mark in [b'.', b'!', b'?'] {
            for capital in [b'A', b'Z', 0xc3, 0xd0] {
                assert!(glued.contains(&vec![mark, capital]), "{mark} {capital}");
            }
            // No capital begins with a continuation byte or `a`.
            assert!(!glued.contains(&vec![mark, 0x80]) && !glued.contains(&vec![mark, b'a']));
        }
        // Not after a part that can be empty.
        assert_eq!(literals(r"[.!?]\p{Lu}*", false), None);
        // Nor when the run alone is the rarer: `FMI` before any letter.
        assert_eq!(literals(r"FMI\p{L}", false), Some(vec!["FMI".into()]));
    }

    #[test]
    fn line_breaks_a_match_can_hold() {
        for (pattern, expected) in [
            (r"\bsource link$", Some(0)),
            (r"[^\n]*?\bOTAN\b", Some(0)),
            (r".+ likes?", Some(0)),
            (
                r"(?:^|[^\d.,])(?P<a>\d{1,3}),(?P<b>\d{1,2})[\s\u00a0]?(?:million|billion)",
                Some(2),
            ),
            ("one\ntwo|three", Some(1)),
            (r"\s{0,3}x", Some(3)),
            (r"word\s+word", None),
            (r"(?s:.)*x", None),
            ("[", None),
        ] {
            assert_eq!(line_span(pattern, false), expected, "{pattern}");
        }
    }

    #[test]
    fn patterns_without_a_usable_literal_have_none() {
        // Optional parts, classes, a branch without literal, a lone byte.
        assert_eq!(literals(r"(?:read )?more", true), Some(vec!["more".into()]));
        assert_eq!(literals(r"(?:read )?", true), None);
        assert_eq!(literals(r"\d{2,}", true), None);
        assert_eq!(literals(r"(?:share|\d+)", true), None);
        assert_eq!(literals(r"\|+", true), None);
        assert_eq!(literals(r"[", true), None);
    }

    #[test]
    fn case_insensitive_literals_stop_at_letters_with_non_ascii_variants() {
        // `é` also matches `É`: the ASCII search could miss `PUBLICITÉ`.
        assert_eq!(
            literals("publicité", true),
            Some(vec!["publicitÉ".into(), "publicité".into()])
        );
        assert_eq!(
            literals("über", true),
            Some(vec!["Über".into(), "über".into()])
        );
        assert_eq!(literals("(?i)sign in", false), Some(vec!["sign in".into()]));
        assert_eq!(literals("publicité", false), Some(vec!["publicité".into()]));
        // Non-ASCII letters count with their case variants.
        assert_eq!(
            literals("(?:xy|é)", true),
            Some(vec!["xy".into(), "É".into(), "é".into()])
        );
    }
}
