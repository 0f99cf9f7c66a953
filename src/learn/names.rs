//! Names learned from a corpus: a full name (two or three capitalised
//! words) that many documents spell one way, and a few spell with one word
//! one edit off (`Kassym-Jomart Tokayev` in forty documents, `Kassym-Jopart
//! Tokayev` in one), is a name the corpus knows. [`NameLearner`] counts in
//! how many documents each such name occurs and writes the dominant
//! spellings as a reviewable `names` rule, which then flags the rare ones
//! (and the next document's) as misspellings.
//!
//! Pure, and bounded like the template learner: at most `max_names`
//! distinct names, the ones seen in one earlier document forgotten when full.

use rustc_hash::FxHashMap;

use crate::check::edit_distance::damerau_levenshtein;
use crate::{Document, PackFile, RuleSet, load_pack};

/// When a name's spelling counts as the corpus's.
#[derive(Debug, Clone, Copy)]
pub struct NameOptions {
    /// The dominant spelling is in at least this many documents.
    pub min_docs: usize,
    /// And in this many times more documents than the variant.
    pub dominance: usize,
}

impl Default for NameOptions {
    fn default() -> NameOptions {
        NameOptions {
            min_docs: 3,
            dominance: 5,
        }
    }
}

#[derive(Debug, Clone)]
struct NameCount {
    docs: u32,
    last_doc: u32,
}

/// Document counts of the full names of a corpus.
#[derive(Debug, Clone)]
pub struct NameLearner {
    docs: u32,
    names: FxHashMap<Box<str>, NameCount>,
    max_names: usize,
}

/// A name whose spelling the corpus agrees on, with the rare spellings seen.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedName {
    pub name: String,
    pub docs: usize,
    /// Rare spellings and their document counts, most frequent first.
    pub variants: Vec<(String, usize)>,
}

/// A word of a name: capitalised, with a lower-case letter (not an acronym).
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word.chars().count() >= 2
}

/// The runs of two or three capitalised words, one space apart, in `text`.
fn full_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut end = 0;
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        if (2..=3).contains(&run.len()) {
            out.push(run.join(" "));
        }
        run.clear();
    };
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner = (c == '-' || c == '\'' || c == '’') && start.is_some();
        match (c.is_alphabetic() || inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    for (at, word) in words {
        let word = word.trim_end_matches(['-', '\'', '’']);
        if is_name_word(word) {
            if !run.is_empty() && &text[end..at] != " " {
                flush(&mut run, &mut out);
            }
            // A sentence's first word is capitalised whatever it is: not
            // part of a name that goes on after it.
            let opens_sentence = text[..at]
                .trim_end_matches([' ', '"', '“', '‘', '(', '\''])
                .chars()
                .last()
                .is_none_or(|c| ".!?:\n".contains(c));
            if run.is_empty() && opens_sentence {
                end = at + word.len();
                continue;
            }
            run.push(word);
        } else {
            flush(&mut run, &mut out);
        }
        end = at + word.len();
    }
    flush(&mut run, &mut out);
    out
}

impl NameLearner {
    /// At most `max_names` distinct names (at least 1,000).
    pub fn new(max_names: usize) -> NameLearner {
        NameLearner {
            docs: 0,
            names: FxHashMap::default(),
            max_names: max_names.max(1_000),
        }
    }

    /// Counts the full names of one document.
    pub fn add(&mut self, text: &str) {
        self.docs += 1;
        let doc = self.docs;
        for name in full_names(text) {
            match self.names.get_mut(name.as_str()) {
                Some(count) if count.last_doc == doc => {}
                Some(count) => {
                    count.docs += 1;
                    count.last_doc = doc;
                }
                None => {
                    if self.names.len() >= self.max_names {
                        self.names.retain(|_, c| c.docs > 1 || c.last_doc == doc);
                        if self.names.len() >= self.max_names {
                            continue;
                        }
                    }
                    self.names.insert(
                        name.into(),
                        NameCount {
                            docs: 1,
                            last_doc: doc,
                        },
                    );
                }
            }
        }
    }

    /// The dominant spellings that have rare variants: one word differs by
    /// one edit (of a word of four letters or more), the others are equal.
    pub fn names(&self, options: &NameOptions) -> Vec<LearnedName> {
        // Each dominant name under each of its words blanked out.
        let mut dominant: FxHashMap<String, Vec<&str>> = FxHashMap::default();
        for (name, count) in &self.names {
            if count.docs as usize >= options.min_docs {
                let words: Vec<&str> = name.split(' ').collect();
                for k in 0..words.len() {
                    dominant.entry(blanked(&words, k)).or_default().push(name);
                }
            }
        }
        let mut found: FxHashMap<&str, Vec<(String, usize)>> = FxHashMap::default();
        for (variant, count) in &self.names {
            let words: Vec<&str> = variant.split(' ').collect();
            for k in 0..words.len() {
                for &name in dominant.get(&blanked(&words, k)).into_iter().flatten() {
                    let docs = self.names[name].docs as usize;
                    let theirs = name.split(' ').nth(k).unwrap_or("");
                    if name != &**variant
                        && docs >= options.dominance * count.docs as usize
                        && words[k].chars().count() >= 4
                        && damerau_levenshtein(words[k], theirs, 2) == 1
                        && !plural_pair(words[k], theirs)
                    {
                        found
                            .entry(name)
                            .or_default()
                            .push((variant.to_string(), count.docs as usize));
                    }
                }
            }
        }
        let mut out: Vec<LearnedName> = found
            .into_iter()
            .map(|(name, mut variants)| {
                variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                LearnedName {
                    name: name.to_string(),
                    docs: self.names[name].docs as usize,
                    variants,
                }
            })
            .collect();
        out.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.name.cmp(&b.name)));
        out
    }

    /// The documents counted.
    pub fn documents(&self) -> usize {
        self.docs as usize
    }
}

/// `Olympic` and `Olympics`: a plural or a possessive, not a misspelling.
fn plural_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short).is_some_and(|rest| rest == "s")
}

fn blanked(words: &[&str], k: usize) -> String {
    let mut key = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(if i == k { "\u{0}" } else { w });
    }
    key
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The pack of learned names: one `names` rule, `names/learned`, listing
/// the dominant spellings, each with its count and the variants seen in a
/// comment, and examples. A name whose variant the `names` kind would not
/// flag (another romanisation of it, an anchor too short) is left out, so
/// the pack passes its own examples.
pub fn names_pack(names: &[LearnedName], documents: usize) -> Option<String> {
    // Each name with the word of its first variant that the rule flags.
    let render = |names: &[(&LearnedName, String)]| {
        let mut out = format!(
            "# Learned by `artlint learn` from {documents} documents: full names one spelling of which\n\
             # dominates the corpus, with the rare spellings seen. Review before use: delete a\n\
             # name whose variant is another person.\n\n\
             [[rule]]\nid = \"names/learned\"\nkind = \"names\"\nseverity = \"warning\"\n\
             category = \"translation\"\n\
             message = \"'{{match}}' looks like a misspelling of '{{replacement}}' ({{name}}), the corpus's spelling\"\n\
             explain = \"A full name that most documents of the corpus spell another way, one word one edit off. The fix (unsafe) restores the corpus's spelling.\"\n\
             names = [\n"
        );
        for (name, _) in names {
            let seen: Vec<String> = name
                .variants
                .iter()
                .map(|(v, n)| format!("{v} ({n})"))
                .collect();
            out.push_str(&format!(
                "  {},  # {} documents; also seen: {}\n",
                quoted(&name.name),
                name.docs,
                seen.join(", ").replace(['\n', '\r'], " ")
            ));
        }
        out.push_str("]\n");
        for (name, word) in names {
            out.push_str(&format!(
                "\n[[rule.test]]\ntext = {}\nexpect = [{}]\n",
                quoted(&format!("Yesterday {} spoke.\n", name.variants[0].0)),
                quoted(word)
            ));
        }
        let right: String = names
            .iter()
            .map(|(n, _)| format!("Yesterday {} spoke.\n", n.name))
            .collect();
        out.push_str(&format!(
            "\n[[rule.test]]\ntext = {}\nexpect = []\n",
            quoted(&right)
        ));
        out
    };
    let all: Vec<(&LearnedName, String)> = names.iter().map(|n| (n, String::new())).collect();
    let rules = load_pack(&[PackFile {
        path: "names.toml".to_string(),
        text: render(&all),
    }])
    .ok()?;
    let set = RuleSet::new(rules);
    // Keep the names whose first variant the rule flags once, and whose own
    // spelling it does not flag (a dominant name one edit from another).
    let kept: Vec<(&LearnedName, String)> = names
        .iter()
        .filter_map(|n| {
            let wrong = format!("Yesterday {} spoke.\n", n.variants[0].0);
            let right = format!("Yesterday {} spoke.\n", n.name);
            let doc = Document::new("t.txt", &wrong);
            let found = set.lint(&doc);
            let clean = set.lint(&Document::new("t.txt", &right)).is_empty();
            match found.as_slice() {
                [d] if clean => Some((n, doc.slice(d.span).to_string())),
                _ => None,
            }
        })
        .collect();
    (!kept.is_empty()).then(|| render(&kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_are_runs_of_two_or_three_capitalised_words() {
        assert_eq!(
            full_names(
                "Then President Kassym-Jomart Tokayev met NATO and Emmanuel Macron, then Anna."
            ),
            ["President Kassym-Jomart Tokayev", "Emmanuel Macron"]
        );
        assert_eq!(
            full_names("the Council Of The European Union"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_dominant_spelling_with_a_rare_variant_is_learned() {
        let mut learner = NameLearner::new(1_000);
        for d in 0..10 {
            learner.add(&format!(
                "On day {d} Kassym-Jomart Tokayev met Anna Schmidt."
            ));
        }
        learner.add("Then Kassym-Jopart Tokayev spoke.");
        learner.add("And Anna Schmitt replied.");
        let names = learner.names(&NameOptions::default());
        assert_eq!(
            names,
            [
                LearnedName {
                    name: "Anna Schmidt".to_string(),
                    docs: 10,
                    variants: vec![("Anna Schmitt".to_string(), 1)],
                },
                LearnedName {
                    name: "Kassym-Jomart Tokayev".to_string(),
                    docs: 10,
                    variants: vec![("Kassym-Jopart Tokayev".to_string(), 1)],
                },
            ]
        );
        // A plural is not a misspelling.
        let mut plural = NameLearner::new(1_000);
        for d in 0..6 {
            plural.add(if d == 0 {
                "at the Tokyo Olympic"
            } else {
                "at the Tokyo Olympics"
            });
        }
        assert_eq!(plural.names(&NameOptions::default()), []);
        // Two spellings equally common are not a name and its misspelling.
        let mut even = NameLearner::new(1_000);
        for d in 0..6 {
            even.add(if d % 2 == 0 {
                "Dora Keller"
            } else {
                "Dora Kellner"
            });
        }
        assert_eq!(even.names(&NameOptions::default()), []);
    }
}
