//! Learning a site's template from its own pages. Sites repeat their header,
//! menus and footer on every page; no fixed list knows them all. A line (or
//! short paragraph) found on a large share of one site's documents is that
//! site's template: [`Learner`] counts, per site, in how many documents each
//! line occurs, and [`SiteTemplate::to_pack`] writes the lines that pass the
//! thresholds as a reviewable rule pack (a `boilerplate` rule with its
//! phrases, their counts and an example document, and `[[rule.test]]`
//! examples), which `artlint check --rules` loads like any other.
//!
//! Names are learned too ([`names`]): the spelling of a full name that
//! dominates the corpus, when rare variants of it occur.
//!
//! Pure: the CLI reads the corpus and writes the files.

pub mod names;

use std::collections::BTreeMap;
use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use crate::check::boilerplate::{MAX_LINE_BYTES, normalize_line};

/// When a line counts as a site's template.
#[derive(Debug, Clone, Copy)]
pub struct LearnOptions {
    /// A site needs this many documents before anything is learned from it:
    /// with fewer, a line shared by all of them may be a story's own.
    pub min_docs: usize,
    /// The share of the site's documents a line must occur in.
    pub min_share: f64,
    /// Lines shorter than this (after normalising) are left to the built-in
    /// rules: "Share", "Home" or a lone number repeat on any site, for
    /// innocent reasons too.
    pub min_chars: usize,
}

impl Default for LearnOptions {
    fn default() -> LearnOptions {
        LearnOptions {
            min_docs: 5,
            min_share: 0.5,
            min_chars: 4,
        }
    }
}

/// The most distinct lines a [`Learner`] keeps per site by default: about
/// 40 bytes each while seen in one document, so under a megabyte a site.
pub const DEFAULT_MAX_LINES: usize = 20_000;

#[derive(Debug, Clone)]
struct LineCount {
    /// Documents the line occurs in.
    docs: u32,
    /// The index of the last document counted, so a line repeated within
    /// one document counts once.
    last_doc: u32,
    /// The line as seen in its second document, and that document's name:
    /// kept only once a line recurs, as most lines never do.
    shown: Option<Box<(String, String)>>,
}

#[derive(Debug, Default, Clone)]
struct SiteCounts {
    docs: u32,
    /// By a hash of the normalised line.
    lines: FxHashMap<u64, LineCount>,
}

/// Per-site counts of lines over a corpus, in bounded memory: each site
/// keeps at most `max_lines` distinct lines. When its map is full, the lines
/// seen in one earlier document only are forgotten (they are the articles'
/// own lines, nearly all of them); if none is, a new line is not counted.
/// A forgotten line that comes back starts again from one, so its count is
/// short by one for each time it was forgotten. That needs it to be absent
/// from every document read while the map filled up again (thousands of
/// lines later): a template line, on half of the site's pages or more,
/// reaches two documents long before, and a line with two is never
/// forgotten.
#[derive(Debug, Clone)]
pub struct Learner {
    sites: BTreeMap<String, SiteCounts>,
    max_lines: usize,
}

impl Default for Learner {
    fn default() -> Learner {
        Learner::with_max_lines(DEFAULT_MAX_LINES)
    }
}

/// A line learned as template.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedLine {
    pub line: String,
    /// Documents of the site it occurs in.
    pub docs: usize,
    /// A document it occurs in.
    pub example: String,
}

/// One site's learned template.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteTemplate {
    pub site: String,
    /// Documents of the site in the corpus.
    pub docs: usize,
    /// Most frequent first.
    pub lines: Vec<LearnedLine>,
}

/// The hash a line is counted under: of its normalised form.
fn line_hash(normalized: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(normalized.as_bytes());
    hasher.finish()
}

impl Learner {
    pub fn new() -> Learner {
        Learner::default()
    }

    /// A learner that keeps at most `max_lines` distinct lines per site (at
    /// least 1,000: fewer would forget a template before its second page).
    pub fn with_max_lines(max_lines: usize) -> Learner {
        Learner {
            sites: BTreeMap::new(),
            max_lines: max_lines.max(1_000),
        }
    }

    /// Counts the distinct lines of one document of `site`.
    pub fn add(&mut self, site: &str, doc_name: &str, text: &str) {
        let counts = match self.sites.get_mut(site) {
            Some(counts) => counts,
            None => self.sites.entry(site.to_string()).or_default(),
        };
        counts.docs += 1;
        let doc = counts.docs;
        for line in text.lines() {
            let shown = line.trim();
            if shown.is_empty() || shown.len() > MAX_LINE_BYTES {
                continue;
            }
            let key = normalize_line(shown);
            if key.is_empty() {
                continue;
            }
            let hash = line_hash(&key);
            match counts.lines.get_mut(&hash) {
                Some(count) if count.last_doc == doc => {}
                Some(count) => {
                    count.docs += 1;
                    count.last_doc = doc;
                    if count.shown.is_none() {
                        count.shown = Some(Box::new((shown.to_string(), doc_name.to_string())));
                    }
                }
                None => {
                    if counts.lines.len() >= self.max_lines {
                        counts.lines.retain(|_, c| c.docs > 1 || c.last_doc == doc);
                        if counts.lines.len() >= self.max_lines {
                            continue;
                        }
                    }
                    counts.lines.insert(
                        hash,
                        LineCount {
                            docs: 1,
                            last_doc: doc,
                            shown: None,
                        },
                    );
                }
            }
        }
    }

    /// The number of sites seen.
    pub fn sites(&self) -> usize {
        self.sites.len()
    }

    /// Every site's template under `options`; sites with nothing learned
    /// are left out.
    pub fn templates(&self, options: &LearnOptions) -> Vec<SiteTemplate> {
        let mut out = Vec::new();
        for (site, counts) in &self.sites {
            let docs = counts.docs as usize;
            if docs < options.min_docs.max(2) {
                continue;
            }
            let needed = ((docs as f64) * options.min_share).ceil().max(2.0) as usize;
            let mut lines: Vec<LearnedLine> = counts
                .lines
                .values()
                .filter(|c| c.docs as usize >= needed)
                .filter_map(|c| {
                    let (line, example) = c.shown.as_deref()?;
                    (normalize_line(line).chars().count() >= options.min_chars).then(|| {
                        LearnedLine {
                            line: line.clone(),
                            docs: c.docs as usize,
                            example: example.clone(),
                        }
                    })
                })
                .collect();
            if lines.is_empty() {
                continue;
            }
            lines.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.line.cmp(&b.line)));
            out.push(SiteTemplate {
                site: site.clone(),
                docs,
                lines,
            });
        }
        out
    }
}

/// A site name as a rule id segment: lower case ASCII letters, digits and
/// dashes (`www.example.com` → `www-example-com`).
pub fn rule_name(site: &str) -> String {
    let mut name = String::new();
    for c in site.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-');
    if name.is_empty() {
        "site".to_string()
    } else {
        name.to_string()
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

impl SiteTemplate {
    /// The rule pack file for this site: one `boilerplate` rule,
    /// `scrape/learned-<site>` (with the other template rules under
    /// `--select scrape/*`), whose phrases are the learned lines, each with its
    /// count and an example document in a comment for review, and
    /// `[[rule.test]]` examples: every phrase is flagged as a line, none
    /// inside a sentence.
    pub fn to_pack(&self) -> String {
        let id = format!("scrape/learned-{}", rule_name(&self.site));
        let mut out = String::new();
        out.push_str(&format!(
            "# Learned by `artlint learn` from {} documents of {}: lines found in at least\n\
             # the share of them given to `learn`. Review before use: delete a phrase that\n\
             # is the site's content, not its template.\n\n",
            self.docs, self.site
        ));
        out.push_str("[[rule]]\n");
        out.push_str(&format!("id = {}\n", quoted(&id)));
        out.push_str("kind = \"boilerplate\"\nseverity = \"warning\"\ncategory = \"scrape\"\n");
        out.push_str(&format!(
            "message = {}\n",
            quoted(&format!("template line of {} '{{match}}'", self.site))
        ));
        out.push_str(&format!(
            "explain = {}\n",
            quoted(&format!(
                "A whole line that {} repeats on most of its pages (learned from {} of them): its header, menus or footer. The fix deletes the line.",
                self.site, self.docs
            ))
        ));
        out.push_str("phrases = [\n");
        for line in &self.lines {
            out.push_str(&format!(
                "  {},  # {} of {} documents, e.g. {}\n",
                quoted(&line.line),
                line.docs,
                self.docs,
                line.example.replace(['\n', '\r'], " ")
            ));
        }
        out.push_str("]\n\n[[rule.test]]\n");
        let text: String = self.lines.iter().map(|l| format!("{}\n", l.line)).collect();
        out.push_str(&format!("text = {}\n", quoted(&text)));
        let expect: Vec<String> = self.lines.iter().map(|l| quoted(&l.line)).collect();
        out.push_str(&format!("expect = [{}]\n", expect.join(", ")));
        // Whole lines only: the same words inside a sentence are not flagged.
        out.push_str("\n[[rule.test]]\n");
        let inside: String = self
            .lines
            .iter()
            .map(|l| format!("The page quoted {} in a sentence.\n", l.line))
            .collect();
        out.push_str(&format!("text = {}\nexpect = []\n", quoted(&inside)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each learned line of `template` with the number of documents it was on.
    fn lines_and_counts(template: &SiteTemplate) -> Vec<(&str, usize)> {
        template
            .lines
            .iter()
            .map(|l| (l.line.as_str(), l.docs))
            .collect()
    }

    #[test]
    fn lines_on_most_of_a_sites_pages_are_its_template() {
        let mut learner = Learner::new();
        for i in 0..6 {
            let text = format!(
                "Example Times home\nStory {i}: the council met on day {i}.\nExample Times home\n\
                 © Example Times Ltd\nShare\n"
            );
            learner.add("example.com", &format!("doc{i}"), &text);
        }
        learner.add("other.org", "only", "Example Times home\n");
        let found = learner.templates(&LearnOptions::default());
        assert_eq!(found.len(), 1, "other.org has too few documents");
        let lines = lines_and_counts(&found[0]);
        assert_eq!(
            lines,
            [
                ("Example Times home", 6),
                ("Share", 6),
                ("© Example Times Ltd", 6)
            ]
        );
        // The example is the document a line recurred in.
        assert_eq!(found[0].lines[0].example, "doc1");
    }

    #[test]
    fn a_line_on_under_the_share_is_not_learned() {
        let mut learner = Learner::new();
        for i in 0..10 {
            let text = if i < 4 {
                "Rare footer line\n"
            } else {
                "Other\n"
            };
            learner.add("s", &i.to_string(), text);
        }
        let found = learner.templates(&LearnOptions::default());
        assert!(
            found
                .iter()
                .all(|t| t.lines.iter().all(|l| l.line != "Rare footer line"))
        );
    }

    #[test]
    fn a_full_map_forgets_single_document_lines_but_keeps_the_template() {
        let mut learner = Learner::with_max_lines(1_000);
        for d in 0..40 {
            let mut text = String::from("Example Times home\n");
            for k in 0..100 {
                text.push_str(&format!("Story line {k} of document {d}\n"));
            }
            text.push_str("© Example Times Ltd\n");
            learner.add("example.com", &format!("doc{d}"), &text);
            let kept = learner.sites["example.com"].lines.len();
            assert!(kept <= 1_000, "{kept} lines kept after document {d}");
        }
        let found = learner.templates(&LearnOptions::default());
        let lines = lines_and_counts(&found[0]);
        assert_eq!(
            lines,
            [("Example Times home", 40), ("© Example Times Ltd", 40)]
        );
    }

    #[test]
    fn site_names_become_rule_names() {
        assert_eq!(rule_name("www.Example.com"), "www-example-com");
        assert_eq!(rule_name("//"), "site");
    }
}
