//! Damerau–Levenshtein distance (optimal string alignment), on chars.

/// Edit distance counting insertions, deletions, substitutions and adjacent
/// transpositions; stops early once it must exceed `limit` (returns `limit + 1`).
pub fn damerau_levenshtein(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m].min(limit + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(damerau_levenshtein("Jomart", "Jopart", 2), 1);
        assert_eq!(damerau_levenshtein("Tokayev", "Tokaeyv", 2), 1);
        assert_eq!(damerau_levenshtein("Putin", "Poutine", 2), 2);
        assert_eq!(damerau_levenshtein("abc", "xyz", 1), 2);
        assert_eq!(damerau_levenshtein("", "ab", 5), 2);
    }
}
