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

mod interleaved;
pub(crate) mod required;

use interleaved::InterleavedDfa;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The built-in pack's patterns with their literals, worked out by
/// `build.rs` with [`required::analyse`]; sorted by pattern and flag.
mod built_in {
    include!(concat!(env!("OUT_DIR"), "/builtin_literals.rs"));
}

/// Literals of which every match of `pattern` contains at least one (up to
/// ASCII case), or `None` if there are no useful ones (see
/// [`required::analyse`]). A pattern of the built-in pack is looked up.
#[cfg(test)]
pub(crate) fn required_literals(pattern: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
    analysis(pattern, case_insensitive).0
}

/// A pattern's required literals and its [line span](required::line_span),
/// looked up for a built-in pattern.
fn analysis(pattern: &str, case_insensitive: bool) -> (Option<Vec<Vec<u8>>>, Option<u32>) {
    match built_in_entry(pattern, case_insensitive) {
        Some(&(_, _, set, line_span, _)) => (
            set.map(|set| set.iter().map(|l| l.to_vec()).collect()),
            line_span,
        ),
        None => (
            required::analyse(pattern, case_insensitive),
            required::line_span(pattern, case_insensitive),
        ),
    }
}

/// A pattern's required literals as `build.rs` found them.
type WorkedOut = Option<&'static [&'static [u8]]>;

/// A built-in pattern's analysis: (pattern, case-insensitive, required
/// literals, line span, first characters).
type BuiltIn = (
    &'static str,
    bool,
    WorkedOut,
    Option<u32>,
    Option<&'static [(char, char)]>,
);

/// The built-in pack's answers for `pattern` (its literals, line span and
/// first characters), if it is one of its patterns.
#[cfg(test)]
pub(crate) fn worked_out_at_build(
    pattern: &str,
    case_insensitive: bool,
) -> Option<&'static BuiltIn> {
    built_in_entry(pattern, case_insensitive)
}

fn built_in_entry(pattern: &str, case_insensitive: bool) -> Option<&'static BuiltIn> {
    built_in::REQUIRED
        .binary_search_by(|&(p, flag, ..)| (p, flag).cmp(&(pattern, case_insensitive)))
        .ok()
        .map(|i| &built_in::REQUIRED[i])
}

/// Candidate patterns of a set, by their required literals.
#[derive(Debug, Default)]
pub(crate) struct LiteralGate {
    automaton: Option<AhoCorasick>,
    /// For documents: the same literals as a full DFA, built once the gate
    /// has scanned enough text to repay it (see [`LazyDfa`]).
    dfa: Option<LazyDfa>,
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
    /// For each pattern with literals and a small [line
    /// span](required::line_span), that span: its matches lie within that
    /// many lines of where [`LiteralGate::scan`] places its literals.
    placed: Vec<Option<u32>>,
}

/// Where a scan found the literals of the candidate patterns that are
/// placed (see [`LiteralGate::line_span`]): pairs of pattern and byte
/// offset, in scan order. When the text holds a character that folds to an
/// ASCII letter, every gated pattern is a candidate whether its literals
/// were found or not, so the places are not `complete` and each candidate
/// runs over the whole text.
#[derive(Debug, Default)]
pub(crate) struct Places {
    pub(crate) hits: Vec<(u32, u32)>,
    /// False when the text's candidates are not all placed by `hits`.
    pub(crate) complete: bool,
}

impl LiteralGate {
    /// A gate for `patterns`, each a regex source and whether it is matched
    /// case-insensitively, over short texts already in lowercase (the
    /// boilerplate rules' normalised lines). Pattern numbers are positions
    /// in this list. Its automaton is the quickest to build, not to run, as
    /// the texts it scans are short, and it folds no case.
    ///
    /// Sound because a literal required by a case-insensitive pattern has
    /// its ASCII letters in lowercase and its other letters in every case,
    /// so a match in a lowercase text holds one as it is; an uppercase
    /// letter is only required where the pattern turns case-insensitivity
    /// off, and then it cannot match a lowercase text at all.
    pub(crate) fn for_lowercase<'a>(
        patterns: impl IntoIterator<Item = (&'a str, bool)>,
    ) -> LiteralGate {
        LiteralGate::build::<&str>(&[], patterns, Scans::LowercaseLines)
    }

    /// A gate that also finds every match of `own` (ASCII case folded,
    /// overlapping), in the same scan: one pass over a document for both
    /// the literal rules and the regexes' gate. Once it has scanned a
    /// megabyte its automaton is a full DFA, the fastest over every byte of
    /// a document (unless the literals are so many that its size and build
    /// time are not worth it).
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
            match analysis(pattern, insensitive) {
                (Some(required), line_span) => {
                    for literal in required {
                        literals.push(literal);
                        gate.admits.push(i);
                    }
                    gate.gated.push(i);
                    gate.placed.push(line_span.filter(|&k| k <= MAX_LINE_SPAN));
                }
                (None, _) => {
                    gate.always.push(i);
                    gate.placed.push(None);
                }
            }
        }
        if !literals.is_empty() {
            let built = automaton_for(&literals, false, scans != Scans::LowercaseLines);
            match built {
                Ok(automaton) => {
                    // A few literals make a DFA at once (the automaton's
                    // own choice), quick to build.
                    if scans == Scans::Documents
                        && automaton.kind() != AhoCorasickKind::DFA
                        && literals.len() <= MAX_DFA_LITERALS
                    {
                        gate.dfa = Some(LazyDfa::new(literals));
                    }
                    gate.automaton = Some(automaton);
                }
                // Past the automaton's limits every pattern simply runs.
                Err(_) => {
                    gate.placed.fill(None);
                    gate.always.append(&mut gate.gated);
                    gate.always.sort_unstable();
                    gate.admits.clear();
                    // The caller's literals alone are within the limits
                    // they always were.
                    gate.automaton = (!own.is_empty()).then(|| {
                        automaton_for(own, own.len() <= MAX_DFA_LITERALS, true)
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
        self.scan(text, out, &mut Places::default(), |_, _| {});
    }

    /// [`candidates`](Self::candidates), where the placed ones' literals
    /// are (`places`, cleared first), and each match of the caller's own
    /// literals handed to `own` (its number and byte range), in one scan.
    pub(crate) fn scan(
        &self,
        text: &str,
        out: &mut Vec<u32>,
        places: &mut Places,
        mut own: impl FnMut(usize, std::ops::Range<usize>),
    ) {
        out.clear();
        out.extend_from_slice(&self.always);
        places.hits.clear();
        places.complete = true;
        let dfa = self.dfa.as_ref().and_then(|dfa| dfa.after(text.len()));
        if dfa.is_some() || self.automaton.is_some() {
            let mut found = |i: usize, range: std::ops::Range<usize>| {
                // The caller's literals come first; past the automaton's
                // limits it holds nothing else.
                match i.checked_sub(self.own) {
                    Some(gated) => {
                        let pattern = self.admits[gated];
                        out.push(pattern);
                        if self.placed[pattern as usize].is_some() {
                            places.hits.push((pattern, range.start as u32));
                        }
                    }
                    None => own(i, range),
                }
            };
            match (dfa, &self.automaton) {
                (Some(dfa), _) => dfa.for_each_match(text.as_bytes(), found),
                (None, Some(automaton)) => {
                    for m in automaton.find_overlapping_iter(text) {
                        found(m.pattern().as_usize(), m.range());
                    }
                }
                (None, None) => {}
            }
            if !self.gated.is_empty() && has_non_ascii_fold(text) {
                out.extend_from_slice(&self.gated);
                places.complete = false;
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// For a placed pattern, the most line breaks a match holds: on a text
    /// whose [`Places`] are complete, it need only run on the lines within
    /// that many of those holding its literals.
    pub(crate) fn line_span(&self, pattern: u32) -> Option<u32> {
        self.placed[pattern as usize]
    }

    /// Builds now what the gate builds once it has scanned a megabyte (see
    /// [`LazyDfa`]).
    pub(crate) fn build_dfa_now(&self) {
        if let Some(lazy) = &self.dfa {
            lazy.build();
        }
    }

    /// True for a pattern without a required literal: a candidate for every text.
    #[cfg(test)]
    pub(crate) fn is_always(&self, pattern: u32) -> bool {
        self.always.contains(&pattern)
    }
}

/// A document gate's DFA, built by the scan that takes the gate past
/// [`DFA_AFTER_BYTES`]. On real pages it scans at 80-90 MB/s where the
/// contiguous NFA the gate starts with scans at 48, but it takes about twice
/// as long to build (for the default pack's 1,326 literals, a third of a
/// one-file run's start-up): a run on a few small files never needs it, a
/// corpus repays it within a megabyte or two. Both find the same matches.
#[derive(Debug)]
struct LazyDfa {
    literals: Vec<Vec<u8>>,
    scanned: AtomicUsize,
    automaton: OnceLock<Option<InterleavedDfa>>,
    after: usize,
}

/// Patterns whose matches may cross more lines than this run over the
/// whole text: their windows would be most of it.
const MAX_LINE_SPAN: u32 = 2;

/// Bytes the gate scans with its NFA before it builds the DFA.
const DFA_AFTER_BYTES: usize = 1 << 20;

impl LazyDfa {
    fn new(literals: Vec<Vec<u8>>) -> LazyDfa {
        LazyDfa {
            literals,
            scanned: AtomicUsize::new(0),
            automaton: OnceLock::new(),
            after: DFA_AFTER_BYTES,
        }
    }

    /// The DFA, if the gate has scanned enough (counting `len` more bytes).
    fn after(&self, len: usize) -> Option<&InterleavedDfa> {
        if let Some(built) = self.automaton.get() {
            return built.as_ref();
        }
        if self.scanned.fetch_add(len, Ordering::Relaxed) + len < self.after {
            return None;
        }
        self.build()
    }

    /// The DFA, built if it is not yet. The literals built an NFA, so a DFA
    /// of them is within the limits too; should it not be, the NFA goes on.
    fn build(&self) -> Option<&InterleavedDfa> {
        self.automaton
            .get_or_init(|| InterleavedDfa::new(&self.literals, true).ok())
            .as_ref()
    }
}

/// What a gate's texts are, which decides its automaton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scans {
    LowercaseLines,
    Documents,
}

/// Overlapping matches of `literals`, folding ASCII case when `fold`; a
/// full DFA (the fastest to scan) when `dfa`, else the automaton picks
/// itself.
fn automaton_for<L: AsRef<[u8]>>(
    literals: &[L],
    dfa: bool,
    fold: bool,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(fold)
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
/// not in the set is rejected without running the pattern. A pattern of the
/// built-in pack is looked up (`build.rs` worked it out), not parsed.
pub(crate) fn first_chars(pattern: &str, case_insensitive: bool) -> Option<FirstChars> {
    match built_in_entry(pattern, case_insensitive) {
        Some(entry) => entry.4.map(|ranges| FirstChars(ranges.to_vec())),
        None => required::first_ranges(pattern, case_insensitive).map(FirstChars),
    }
}

/// The characters a match can begin with (see [`first_chars`]): sorted,
/// disjoint ranges, both ends included.
#[derive(Debug, Clone)]
pub(crate) struct FirstChars(Vec<(char, char)>);

impl FirstChars {
    pub(crate) fn admits(&self, text: &str) -> bool {
        let Some(c) = text.chars().next() else {
            return false;
        };
        let k = self.0.partition_point(|&(_, end)| end < c);
        k < self.0.len() && self.0[k].0 <= c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let gate = LiteralGate::with_own::<&str>(&[], sources.iter().copied());
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
    fn a_lowercase_gate_admits_what_matches_a_lowercase_text() {
        let sources = [
            (r"(?:sign in|log ?in)", true),
            (r"publicité", true),
            (r"(?-i:Advertisement)", true),
            (r"^\d{2,}$", true),
        ];
        let gate = LiteralGate::for_lowercase(sources.iter().copied());
        let mut out = Vec::new();
        for (text, expected) in [
            ("sign in", vec![0, 3]),
            ("publicité", vec![1, 3]),
            ("ſign in", vec![0, 1, 2, 3]),
            // What the case-sensitive part requires cannot be in lowercase.
            ("advertisement", vec![3]),
        ] {
            gate.candidates(text, &mut out);
            assert_eq!(out, expected, "{text}");
            for (n, (pattern, insensitive)) in sources.iter().enumerate() {
                let regex = regex::RegexBuilder::new(pattern)
                    .case_insensitive(*insensitive)
                    .build()
                    .unwrap();
                assert!(
                    !regex.is_match(text) || out.contains(&(n as u32)),
                    "{pattern} {text}"
                );
            }
        }
    }

    #[test]
    fn a_document_gate_finds_the_same_with_its_nfa_and_its_dfa() {
        // Enough literals that the gate starts with an NFA.
        let mut own: Vec<String> = ["source link", "in", "Poutine"].map(String::from).to_vec();
        own.extend((0..300).map(|i| format!("filler{i}")));
        let mut gate = LiteralGate::with_own(&own, [(r"^\d+ likes$", true), (r"sign in", true)]);
        let text = "Source Link: 12 likes, sign in; POUTINE ſign in";
        let mut runs = Vec::new();
        for after in [usize::MAX, 0] {
            gate.dfa.as_mut().expect("a document gate").after = after;
            let (mut out, mut found) = (Vec::new(), Vec::new());
            gate.scan(text, &mut out, &mut Places::default(), |i, range| {
                found.push((i, range))
            });
            runs.push((out, found));
        }
        let dfa = gate.dfa.as_ref().unwrap().automaton.get();
        assert!(dfa.is_some_and(|d| d.is_some()));
        assert_ne!(
            gate.automaton.as_ref().unwrap().kind(),
            AhoCorasickKind::DFA
        );
        assert_eq!(runs[0], runs[1]);
        assert_eq!(runs[0].0, vec![0, 1]);
        assert_eq!(runs[0].1.len(), 6, "{:?}", runs[0].1);
    }

    #[test]
    fn a_document_gate_builds_its_dfa_once_it_has_scanned_a_megabyte() {
        let own: Vec<String> = (0..300).map(|i| format!("filler{i}")).collect();
        let gate = LiteralGate::with_own(&own, []);
        let lazy = gate.dfa.as_ref().expect("a document gate");
        let mut out = Vec::new();
        let page = "x".repeat(DFA_AFTER_BYTES / 4);
        for _ in 0..3 {
            gate.scan(&page, &mut out, &mut Places::default(), |_, _| {});
        }
        assert!(
            lazy.automaton.get().is_none(),
            "three quarters of a megabyte"
        );
        gate.scan(&page, &mut out, &mut Places::default(), |_, _| {});
        assert!(lazy.automaton.get().is_some());
        // Asked to, it builds it at once.
        let early = LiteralGate::with_own(&own, []);
        early.build_dfa_now();
        assert!(early.dfa.as_ref().unwrap().automaton.get().is_some());
        // A line gate's texts are short: it never builds one. A few literals
        // are a DFA from the start.
        let lines: Vec<(String, bool)> = (0..300).map(|i| (format!("filler{i}"), true)).collect();
        let lines = LiteralGate::for_lowercase(lines.iter().map(|(p, i)| (p.as_str(), *i)));
        assert!(lines.dfa.is_none());
        let few = LiteralGate::with_own(&["sign in"], []);
        assert!(few.dfa.is_none());
        assert_eq!(few.automaton.unwrap().kind(), AhoCorasickKind::DFA);
    }

    #[test]
    fn one_scan_finds_the_callers_literals_and_the_candidates() {
        let own = ["source link", "in"];
        let gate = LiteralGate::with_own(&own, [(r"^\d+ likes$", true), (r"sign in", true)]);
        let mut out = Vec::new();
        let mut found = Vec::new();
        let text = "Source Link: 12 likes, sign in";
        gate.scan(text, &mut out, &mut Places::default(), |i, range| {
            found.push((i, &text[range]))
        });
        // Overlapping (in the order they end) and case-folded; the gate's
        // own literals are not reported.
        assert_eq!(
            found,
            [(1, "in"), (0, "Source Link"), (1, "in")],
            "every match of the caller's literals"
        );
        assert_eq!(out, vec![0, 1]);
        gate.scan("quiet text", &mut out, &mut Places::default(), |_, _| {
            panic!("no literal")
        });
        assert!(out.is_empty());
        // Without gated patterns the caller's literals are still found.
        let alone = LiteralGate::with_own(&own, []);
        let mut n = 0;
        alone.scan("sign in", &mut out, &mut Places::default(), |_, _| n += 1);
        assert_eq!((n, out.len()), (1, 0));
    }
}
