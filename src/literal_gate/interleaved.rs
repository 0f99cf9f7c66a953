//! A document's overlapping literal matches from a full Aho-Corasick DFA,
//! walked over four parts of the text at once.
//!
//! A DFA scan is a chain of dependent loads, one transition per byte; with
//! the default pack's literals (a DFA of 7.9 MB) the states a page visits
//! are not in the core's cache, so one walk waits on memory at nearly every
//! byte. Four independent walks keep four loads in flight. Same matches in
//! the same order as `find_overlapping_iter`; on the 500 real pages alone
//! 200 -> 420 MB/s, and in a whole run its share of the time fell from
//! 9.2 % to about 6.6 % (perf, `-j 1`, all real pages).

use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID};

/// Parts a long text is cut into, each walked by its own DFA state.
const WALKS: usize = 4;

/// Below this many bytes a text is walked once: the overlap each part
/// rereads would outweigh the gain.
const MIN_INTERLEAVED_BYTES: usize = 1024;

/// A DFA of literals, matching as [`MatchKind::Standard`] does overlapping.
#[derive(Debug)]
pub(crate) struct InterleavedDfa {
    dfa: DFA,
    /// The longest literal: a part's walk starts this many bytes less one
    /// before the part, so it sees every match that ends inside it.
    longest: usize,
}

impl InterleavedDfa {
    /// The DFA of `literals`, folding ASCII case when `fold`.
    pub(crate) fn new<L: AsRef<[u8]>>(
        literals: &[L],
        fold: bool,
    ) -> Result<InterleavedDfa, aho_corasick::BuildError> {
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(fold)
            .prefilter(false)
            .build(literals)?;
        let longest = literals.iter().map(|l| l.as_ref().len()).max().unwrap_or(0);
        Ok(InterleavedDfa { dfa, longest })
    }

    /// Every match of a literal in `text` (its number and byte range), in
    /// the order of [`aho_corasick::AhoCorasick::find_overlapping_iter`]: by
    /// end, then as the automaton lists a state's matches.
    ///
    /// Part `k` reports the matches that end in `(bounds[k], bounds[k + 1]]`
    /// and starts `longest - 1` bytes before its bound, so its state there is
    /// the one a walk from the start would have: the state holds no more
    /// than the last `longest` bytes. The first part's matches are handed
    /// on as found, the others' once the first is done.
    pub(crate) fn for_each_match(&self, text: &[u8], mut each: impl FnMut(usize, Range<usize>)) {
        let n = text.len();
        let start = self
            .dfa
            .start_state(Anchored::No)
            .expect("an unanchored DFA");
        if n < MIN_INTERLEAVED_BYTES.max(WALKS * 4 * self.longest) {
            let mut sid = start;
            return self.walk(text, &mut sid, 0..n, 0, &mut |end, pid| {
                self.report(end, pid, &mut each)
            });
        }
        let bounds: [usize; WALKS + 1] = std::array::from_fn(|k| n * k / WALKS);
        let mut state = [start; WALKS];
        let mut at: [usize; WALKS] =
            std::array::from_fn(|k| bounds[k].saturating_sub(self.longest.saturating_sub(1)));
        let mut later: [Vec<(PatternID, usize)>; WALKS] = Default::default();
        // In lockstep while every part has bytes left; the later parts,
        // which begin with an overlap, then finish alone.
        let steps = (0..WALKS).map(|k| bounds[k + 1] - at[k]).min().unwrap_or(0);
        for _ in 0..steps {
            for k in 0..WALKS {
                let sid = self.dfa.next_state(Anchored::No, state[k], text[at[k]]);
                state[k] = sid;
                at[k] += 1;
                if self.dfa.is_special(sid) && self.dfa.is_match(sid) && at[k] > bounds[k] {
                    for i in 0..self.dfa.match_len(sid) {
                        let pid = self.dfa.match_pattern(sid, i);
                        if k == 0 {
                            self.report(at[k], pid, &mut each);
                        } else {
                            later[k].push((pid, at[k]));
                        }
                    }
                }
            }
        }
        for (k, found) in later.iter_mut().enumerate() {
            let rest = at[k]..bounds[k + 1];
            if k == 0 {
                self.walk(text, &mut state[k], rest, 0, &mut |end, pid| {
                    self.report(end, pid, &mut each)
                });
                continue;
            }
            self.walk(text, &mut state[k], rest, bounds[k], &mut |end, pid| {
                found.push((pid, end))
            });
            for &(pid, end) in found.iter() {
                self.report(end, pid, &mut each);
            }
        }
    }

    /// Walks `text[bytes]` on from state `sid`, handing on each match that
    /// ends after `bound`.
    fn walk(
        &self,
        text: &[u8],
        sid: &mut StateID,
        bytes: Range<usize>,
        bound: usize,
        found: &mut impl FnMut(usize, PatternID),
    ) {
        let mut state = *sid;
        let from = bytes.start;
        for (i, &byte) in text[bytes].iter().enumerate() {
            state = self.dfa.next_state(Anchored::No, state, byte);
            if self.dfa.is_special(state) && self.dfa.is_match(state) {
                let end = from + i + 1;
                if end > bound {
                    for m in 0..self.dfa.match_len(state) {
                        found(end, self.dfa.match_pattern(state, m));
                    }
                }
            }
        }
        *sid = state;
    }

    fn report(&self, end: usize, pid: PatternID, each: &mut impl FnMut(usize, Range<usize>)) {
        each(pid.as_usize(), end - self.dfa.pattern_len(pid)..end);
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::AhoCorasickBuilder;
    use proptest::prelude::*;

    use super::*;

    fn by_iterator(literals: &[Vec<u8>], text: &[u8]) -> Vec<(usize, Range<usize>)> {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(literals)
            .unwrap()
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.range()))
            .collect()
    }

    fn interleaved(literals: &[Vec<u8>], text: &[u8]) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        InterleavedDfa::new(literals, true)
            .unwrap()
            .for_each_match(text, |pid, range| found.push((pid, range)));
        found
    }

    #[test]
    fn matches_across_the_parts_bounds_are_found_once() {
        let literals: Vec<Vec<u8>> = ["ab", "b", "abcab", "ca"]
            .map(|l| l.as_bytes().to_vec())
            .into();
        let text = "xabcab".repeat(1000);
        let found = interleaved(&literals, text.as_bytes());
        assert_eq!(found, by_iterator(&literals, text.as_bytes()));
        assert_eq!(found.len(), 6 * 1000);
    }

    proptest! {
        #[test]
        fn the_same_matches_in_the_same_order_as_the_iterator(
            literals in proptest::collection::vec("[abcAB ]{1,12}", 1..20),
            text in "[abcAB x]{0,6000}",
        ) {
            let literals: Vec<Vec<u8>> = literals.into_iter().map(String::into_bytes).collect();
            prop_assert_eq!(
                interleaved(&literals, text.as_bytes()),
                by_iterator(&literals, text.as_bytes())
            );
        }
    }
}
