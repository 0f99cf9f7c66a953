//! Which of many regexes can match a text, for the price of one Aho-Corasick
//! scan.
//!
//! Every match of most patterns contains one of a few literals (`sign in`,
//! ` likes`, `©`): its *required literals*. A pattern none of whose required
//! literals occur in a text cannot match it and is not run. A `RegexSet` of
//! the same patterns answers the same question, but on real pages the
//! states of hundreds of patterns do not fit its lazy DFA's cache, and it
//! falls back to the PikeVM, whose cost grows with the number of patterns.
//!
//! The gate only ever admits too much, never too little: patterns without a
//! usable literal are always candidates, and the caller still runs each
//! candidate's own regex.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// Candidate patterns of a set, by their required literals.
#[derive(Debug, Default)]
pub(crate) struct LiteralGate {
    automaton: Option<AhoCorasick>,
    /// The caller's own literals ([`LiteralGate::with_own`]): the first
    /// `own` patterns of the automaton, reported as matches.
    own: usize,
    /// For each gate literal of the automaton (after the caller's own), the
    /// pattern it admits.
    admits: Vec<u32>,
    /// Patterns with no required literal: candidates for every text.
    always: Vec<u32>,
    /// Patterns with literals. They are all candidates for a text holding
    /// `ſ` or `K`, which case-insensitive matching takes for an ASCII `s` or
    /// `k` that the automaton (ASCII case folding only) does not.
    gated: Vec<u32>,
}

impl LiteralGate {
    /// A gate for `patterns`, each a regex source and whether it is matched
    /// case-insensitively. Pattern numbers are positions in this list.
    ///
    /// For short texts (lines): its automaton is the quickest to build, not
    /// to run, as the texts it scans are short.
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = (&'a str, bool)>) -> LiteralGate {
        LiteralGate::build::<&str>(&[], patterns, Scans::Lines)
    }

    /// A gate that also finds every match of `own` (ASCII case folded,
    /// overlapping), in the same scan: one pass over a document for both
    /// the literal rules and the regexes' gate. Its automaton is a full DFA,
    /// the fastest over every byte of a document (unless the literals are
    /// so many that its size and build time are not worth it).
    pub(crate) fn with_own<'a, L: AsRef<[u8]>>(
        own: &[L],
        patterns: impl IntoIterator<Item = (&'a str, bool)>,
    ) -> LiteralGate {
        LiteralGate::build(own, patterns, Scans::Documents)
    }

    fn build<'a, L: AsRef<[u8]>>(
        own: &[L],
        patterns: impl IntoIterator<Item = (&'a str, bool)>,
        scans: Scans,
    ) -> LiteralGate {
        let mut gate = LiteralGate {
            own: own.len(),
            ..LiteralGate::default()
        };
        let mut literals: Vec<Vec<u8>> = own.iter().map(|l| l.as_ref().to_vec()).collect();
        for (i, (pattern, insensitive)) in patterns.into_iter().enumerate() {
            let i = i as u32;
            match required_literals(pattern, insensitive) {
                Some(required) => {
                    for literal in required {
                        literals.push(literal);
                        gate.admits.push(i);
                    }
                    gate.gated.push(i);
                }
                None => gate.always.push(i),
            }
        }
        if !literals.is_empty() {
            let dfa = scans == Scans::Documents && literals.len() <= MAX_DFA_LITERALS;
            let built = automaton_for(&literals, dfa);
            match built {
                Ok(automaton) => gate.automaton = Some(automaton),
                // Past the automaton's limits every pattern simply runs.
                Err(_) => {
                    gate.always.append(&mut gate.gated);
                    gate.always.sort_unstable();
                    gate.admits.clear();
                    // The caller's literals alone are within the limits
                    // they always were.
                    gate.automaton = (!own.is_empty()).then(|| {
                        automaton_for(own, own.len() <= MAX_DFA_LITERALS)
                            .expect("literal automaton within default size limits")
                    });
                }
            }
        }
        gate
    }

    /// The patterns that may match `text`, ascending, without duplicates,
    /// written to `out` (cleared first).
    pub(crate) fn candidates(&self, text: &str, out: &mut Vec<u32>) {
        self.scan(text, out, |_, _| {});
    }

    /// [`candidates`](Self::candidates), and each match of the caller's own
    /// literals handed to `own` (its number and byte range), in one scan.
    pub(crate) fn scan(
        &self,
        text: &str,
        out: &mut Vec<u32>,
        mut own: impl FnMut(usize, std::ops::Range<usize>),
    ) {
        out.clear();
        out.extend_from_slice(&self.always);
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                // The caller's literals come first; past the automaton's
                // limits it holds nothing else.
                let i = m.pattern().as_usize();
                match i.checked_sub(self.own) {
                    Some(gated) => out.push(self.admits[gated]),
                    None => own(i, m.range()),
                }
            }
            if !self.gated.is_empty() && has_non_ascii_fold(text) {
                out.extend_from_slice(&self.gated);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// True for a pattern without a required literal: a candidate for every text.
    #[cfg(test)]
    pub(crate) fn is_always(&self, pattern: u32) -> bool {
        self.always.contains(&pattern)
    }
}

/// What a gate's texts are, which decides its automaton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scans {
    Lines,
    Documents,
}

/// Overlapping, ASCII-case-folding matches of `literals`; a full DFA (the
/// fastest to scan) when `dfa`, else the automaton picks itself.
fn automaton_for<L: AsRef<[u8]>>(
    literals: &[L],
    dfa: bool,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .kind(dfa.then_some(AhoCorasickKind::DFA))
        .build(literals)
}

/// Up to this many literals (the caller's and the gate's together: 1,326
/// for the default pack) a document scanner is a full DFA; beyond, its size
/// and build time are not worth it.
const MAX_DFA_LITERALS: usize = 10_000;

/// True if `text` holds a character outside ASCII whose simple case folding
/// reaches an ASCII letter: LATIN SMALL LETTER LONG S (`s`) and KELVIN SIGN
/// (`k`). Nothing else in Unicode's case folding does.
fn has_non_ascii_fold(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, "ſ".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some()
}

/// The characters a match of `pattern` can begin with, or `None` if a match
/// can be empty or begin with anything the analysis cannot bound. For
/// patterns anchored at a line's start, a line whose first character is
/// not in the set is rejected without running the pattern.
pub(crate) fn first_chars(pattern: &str, case_insensitive: bool) -> Option<FirstChars> {
    let hir = parse(pattern, case_insensitive)?;
    match first(&hir)? {
        (class, false) => Some(FirstChars(class)),
        (_, true) => None,
    }
}

/// See [`first_chars`].
#[derive(Debug, Clone)]
pub(crate) struct FirstChars(ClassUnicode);

impl FirstChars {
    pub(crate) fn admits(&self, text: &str) -> bool {
        let Some(c) = text.chars().next() else {
            return false;
        };
        let ranges = self.0.ranges();
        let k = ranges.partition_point(|r| r.end() < c);
        k < ranges.len() && ranges[k].start() <= c
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

/// A pattern's HIR with the flags the rule compiles it with (`^`/`$` at lines).
fn parse(pattern: &str, case_insensitive: bool) -> Option<Hir> {
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
/// ASCII (and `ſ`/`K`, see [`LiteralGate`]); any other (`é`, `É`) makes one
/// literal for each of its variants.
pub(crate) fn required_literals(pattern: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
    let hir = parse(pattern, case_insensitive)?;
    let mut required = required(&hir)?;
    drop_holders_of_shorter(&mut required);
    (strength(&required) >= MIN_STRENGTH).then_some(required)
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
            // requirements is the concatenation's.
            let mut options = Vec::new();
            let mut run: Option<Vec<Vec<u8>>> = None;
            for sub in subs {
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
                        None => options.push(before),
                    }
                }
                options.extend(required(sub));
                run = edge;
            }
            options.extend(run);
            options
                .into_iter()
                .max_by_key(|set| (strength(set), std::cmp::Reverse(set.len())))
        }
        HirKind::Alternation(subs) => union(subs, required),
        _ => None,
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
        required_literals(pattern, insensitive).map(|set| {
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
        assert_eq!(
            literals(r"\d[\u00a0\u202f]\d{3}", false),
            Some(vec!["\u{a0}".into(), "\u{202f}".into()])
        );
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

    #[test]
    fn first_characters_bound_an_anchored_match() {
        let first = |p: &str| first_chars(p, true).expect(p);
        let digits = first(r"\d{2,}(?:[.,]\d+)?");
        assert!(digits.admits("12") && digits.admits("٣٤") && !digits.admits("a12"));
        let by = first(r"(?:posted |written )?by:? \S+");
        assert!(by.admits("by x") && by.admits("Posted by x") && by.admits("written"));
        assert!(!by.admits("a byline") && !by.admits(""));
        // `K` (Kelvin) and `ſ` are case variants too.
        assert!(first("k").admits("\u{212A}") && first("s").admits("ſ"));
        assert!(first_chars(r"(?:read )?", true).is_none());
        assert!(first_chars(r"\b(?:x)?", true).is_none());
    }

    #[test]
    fn the_gate_admits_every_pattern_that_matches() {
        let sources = [
            (r"(?i)^(?:sign in|log ?in)$", true),
            (r"^\d+ likes$", true),
            (r"^\d{2,}$", true),
            (r"(?-i)^Advertisement$", false),
        ];
        let gate = LiteralGate::new(sources.iter().copied());
        assert!(gate.is_always(2) && !gate.is_always(0));
        let mut out = Vec::new();
        gate.candidates("12 likes", &mut out);
        assert_eq!(out, vec![1, 2]);
        gate.candidates("SIGN IN", &mut out);
        assert_eq!(out, vec![0, 2]);
        gate.candidates("advertisement", &mut out);
        assert_eq!(out, vec![2, 3], "ASCII case folding only over-admits");
        // `ſ` folds to `s`: `ſign in` matches the first pattern.
        gate.candidates("ſign in", &mut out);
        assert_eq!(out, vec![0, 1, 2, 3]);
        assert!(regex::Regex::new(sources[0].0).unwrap().is_match("ſign in"));
    }

    #[test]
    fn one_scan_finds_the_callers_literals_and_the_candidates() {
        let own = ["source link", "in"];
        let gate = LiteralGate::with_own(&own, [(r"^\d+ likes$", true), (r"sign in", true)]);
        let mut out = Vec::new();
        let mut found = Vec::new();
        let text = "Source Link: 12 likes, sign in";
        gate.scan(text, &mut out, |i, range| found.push((i, &text[range])));
        // Overlapping (in the order they end) and case-folded; the gate's
        // own literals are not reported.
        assert_eq!(
            found,
            [(1, "in"), (0, "Source Link"), (1, "in")],
            "every match of the caller's literals"
        );
        assert_eq!(out, vec![0, 1]);
        gate.scan("quiet text", &mut out, |_, _| panic!("no literal"));
        assert!(out.is_empty());
        // Without gated patterns the caller's literals are still found.
        let alone = LiteralGate::with_own(&own, []);
        let mut n = 0;
        alone.scan("sign in", &mut out, |_, _| n += 1);
        assert_eq!((n, out.len()), (1, 0));
    }
}
