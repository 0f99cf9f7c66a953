//! The lexicon's hash table, built by `build.rs` when the binary is built.
//!
//! Building a hash set of 76,000 words took a fifth of a one-file run's
//! start-up; the table `build.rs` writes is read in place instead. It is
//! open addressing with linear probing over a power-of-two number of
//! slots, each a little-endian `u32`: 0 for an empty slot, else the top
//! [`TAG_BITS`] bits of the word's hash above one more than the byte offset
//! of the word in the word list. A probe whose tag differs skips the word
//! without reading it: a word the lexicon lacks (a name, most often) probes
//! a few slots and compares with none. `build.rs` includes this file as it
//! is, so both sides hash alike.

/// Bits of a slot that hold the hash's tag; the rest hold the offset.
const TAG_BITS: u32 = 8;
const OFFSET_BITS: u32 = u32::BITS - TAG_BITS;

/// The tag of a word's hash: its top bits (the slot comes from the low ones).
fn tag(hash: u64) -> u32 {
    (hash >> (u64::BITS - TAG_BITS)) as u32
}

/// FNV-1a, 64 bits: the same on every platform (the table is built on the
/// build machine and read on the target).
pub(crate) fn hash(word: &[u8]) -> u64 {
    word.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// `build.rs` builds the table (and the tests); the library only reads it.
/// The words of `list`: its lines, except empty ones and `#` comments, each
/// with its byte offset.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn words(list: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    list.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let word = line.trim_end_matches(['\n', '\r']);
        (!word.is_empty() && !word.starts_with('#')).then_some((start, word))
    })
}

/// The table for `list`: half as many slots again as words, rounded up to
/// a power of two (at most two in three full), as little-endian bytes.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn build(list: &str) -> Vec<u8> {
    let count = words(list).count();
    let slots = (count + count / 2).next_power_of_two().max(2);
    let mut table = vec![0u32; slots];
    for (offset, word) in words(list) {
        let mut slot = hash(word.as_bytes()) as usize & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        let offset = u32::try_from(offset + 1)
            .ok()
            .filter(|&o| o < 1 << OFFSET_BITS)
            .expect("a word list under 16 MiB");
        table[slot] = tag(hash(word.as_bytes())) << OFFSET_BITS | offset;
    }
    table.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// True if `word` is a word of `list`, looked up in `table` (built from
/// `list` by [`build`]).
pub(crate) fn contains(list: &str, table: &[u8], word: &str) -> bool {
    let slots = table.len() / 4;
    // A word is one line of the list: never empty, never two lines.
    if slots == 0 || word.is_empty() || word.bytes().any(|b| matches!(b, b'\n' | b'\r')) {
        return false;
    }
    let hash = hash(word.as_bytes());
    let mut slot = hash as usize & (slots - 1);
    loop {
        let at = slot * 4;
        let value = u32::from_le_bytes([table[at], table[at + 1], table[at + 2], table[at + 3]]);
        if value == 0 {
            return false;
        }
        if value >> OFFSET_BITS != tag(hash) {
            slot = (slot + 1) & (slots - 1);
            continue;
        }
        let start = (value & ((1 << OFFSET_BITS) - 1)) as usize - 1;
        let rest = &list.as_bytes()[start..];
        if rest.starts_with(word.as_bytes())
            && matches!(rest.get(word.len()), None | Some(b'\n' | b'\r'))
        {
            return true;
        }
        slot = (slot + 1) & (slots - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_found_and_nothing_else() {
        let list = "# a comment\nmonday\n\nTheatre\nthe\r\nthen\n";
        let table = build(list);
        assert_eq!(
            table.len() / 4,
            8,
            "six slots for four words, a power of two"
        );
        for word in ["monday", "Theatre", "the", "then"] {
            assert!(contains(list, &table, word), "{word}");
        }
        for word in [
            "",
            "th",
            "them",
            "thenx",
            "# a comment",
            "monday\n",
            "monday\nTheatre",
        ] {
            assert!(!contains(list, &table, word), "{word:?}");
        }
        assert!(!contains("", &build(""), "the"));
    }
}
