//! The same line or paragraph repeated within one document: a scraper that
//! kept both the teaser and the body, a template that prints a headline
//! twice, a CMS that duplicated a paragraph. With `near-template`, only a
//! repeat beside a line of the template counts (a teaser list printed
//! twice); one among the article's lines is the article's, which the
//! document statistics measure.

use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use super::kind::{
    Check, CompiledRule, Key, Kind, KindError, KindRun, KindSpec, PROCEDURAL, ids_of_kinds,
};
use super::line_shape::{CodeLines, is_heading, is_prose};
use super::meta::RuleMeta;
use super::text::has_fewer_chars;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

const MIN_CHARS: Key<u32> = Key::new("min-chars");
const MAX_REPEATS: Key<u32> = Key::new("max-repeats");
const NEAR_TEMPLATE: Key<bool> = Key::new("near-template");

pub static KIND: Kind = Kind {
    name: "duplicate-line",
    keys: &[MIN_CHARS.decl(), MAX_REPEATS.decl(), NEAR_TEMPLATE.decl()],
    placeholders: PROCEDURAL,
    compile,
    prepare: Some(|rules, mine| Box::new(DuplicateLineRules::new(rules, mine))),
};

/// A duplicate-line rule's thresholds: rule keys, with these defaults.
#[derive(Debug, Clone, Copy)]
pub struct DuplicateLine {
    /// `min-chars` (20): shorter lines (`Share`, `Photo`) repeat for innocent reasons.
    pub min_chars: usize,
    /// `max-repeats` (3): more repeats in one document mean structured
    /// content (a recipe, a training plan, a table), not a scraping
    /// accident: they are reported as info (and `quality/duplicate-lines`
    /// measures the document).
    pub max_repeats: usize,
    /// `near-template` (false): report a repeat only when the line before
    /// or after it holds a finding of a boilerplate or link-block rule.
    pub near_template: bool,
}

impl Default for DuplicateLine {
    fn default() -> DuplicateLine {
        DuplicateLine {
            min_chars: 20,
            max_repeats: 3,
            near_template: false,
        }
    }
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let default = DuplicateLine::default();
    Ok(Arc::new(DuplicateLine {
        min_chars: spec.count(&MIN_CHARS, default.min_chars, 1)?,
        max_repeats: spec.count(&MAX_REPEATS, default.max_repeats, 0)?,
        near_template: spec.take_or(&NEAR_TEMPLATE, default.near_template)?,
    }))
}

/// Runs only with the rule set's other findings (see [`DuplicateLineRules`]).
impl Check for DuplicateLine {}

/// The duplicate-line rules of a rule set, with the ids of the rules whose
/// findings make a line template (for `near-template`): the boilerplate and
/// link-block rules, which run before.
#[derive(Debug)]
pub struct DuplicateLineRules {
    rules: Vec<u32>,
    template: HashSet<Arc<str>>,
}

impl DuplicateLineRules {
    fn new(rules: &[CompiledRule], mine: Vec<u32>) -> DuplicateLineRules {
        DuplicateLineRules {
            rules: mine,
            template: ids_of_kinds(rules, super::template_run::TEMPLATE_KINDS),
        }
    }
}

impl KindRun for DuplicateLineRules {
    fn run(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        for &r in self.rules.iter().filter(|&&r| active[r as usize]) {
            let rule = &rules[r as usize];
            if let Some(limits) = rule.kind.downcast_ref::<DuplicateLine>() {
                let template = limits
                    .near_template
                    .then(|| template_lines(doc, &self.template, out));
                check(doc, &rule.meta, limits, template.as_deref(), out);
            }
        }
    }
}

/// Per line of `doc`: whether a finding of a `template` rule touches it.
fn template_lines(doc: &Document, template: &HashSet<Arc<str>>, out: &[Diagnostic]) -> Vec<bool> {
    let lines = doc.lines();
    let mut flagged = vec![false; lines.len()];
    let line_of = |offset: u32| {
        lines
            .partition_point(|l| l.full.end <= offset)
            .min(lines.len().saturating_sub(1))
    };
    for d in out.iter().filter(|d| template.contains(&d.rule)) {
        let first = line_of(d.span.start);
        let last = line_of(d.span.end.saturating_sub(1).max(d.span.start));
        flagged[first..=last].iter_mut().for_each(|f| *f = true);
    }
    flagged
}

/// Whitespace-normalised, for comparison; borrowed when already normal.
fn key(line: &str) -> std::borrow::Cow<'_, str> {
    // (Searched as bytes: a char-set search decodes every char. A 0xA0
    // byte is a no-break space or part of another char, such as `à`, whose
    // line then takes the slow way to the same key.)
    let normal = memchr::memchr2(b'\t', 0xa0, line.as_bytes()).is_none() && !line.contains("  ");
    if normal {
        line.into()
    } else {
        line.split_whitespace().collect::<Vec<_>>().join(" ").into()
    }
}

/// `template`: per line, whether it is a template line; when given, only
/// repeats beside one are reported.
pub fn check(
    doc: &Document,
    rule: &RuleMeta,
    limits: &DuplicateLine,
    template: Option<&[bool]>,
    out: &mut Vec<Diagnostic>,
) {
    let first = out.len();
    check_lines(doc, rule, limits, template, out);
    if out.len() - first > limits.max_repeats {
        for d in &mut out[first..] {
            d.severity = d.severity.min(crate::diagnostic::Severity::Info);
        }
    }
}

/// A repeated line, before the verdict on its context.
struct Repeat<'a> {
    /// Among the document's non-blank lines: this one's rank and its first
    /// occurrence's.
    rank: usize,
    first_rank: usize,
    line: usize,
    span: Span,
    first: Span,
    text: &'a str,
}

/// Repeats in a run this long or longer, whose first occurrences ran in the
/// same order and half of which are prose, are the article printed twice.
const COPIED_BODY_LINES: usize = 6;

fn check_lines(
    doc: &Document,
    rule: &RuleMeta,
    limits: &DuplicateLine,
    template: Option<&[bool]>,
    out: &mut Vec<Diagnostic>,
) {
    let lines = doc.lines();
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trimmed.is_empty())
        .collect();
    let mut first_seen: rustc_hash::FxHashMap<std::borrow::Cow<'_, str>, (usize, Span)> =
        Default::default();
    let mut repeats = Vec::new();
    let code = CodeLines::of(doc);
    for (rank, &i) in content.iter().enumerate() {
        let line = lines[i];
        let content = doc.slice(line.span);
        let trimmed = doc.slice(line.trimmed);
        // Table cells repeat by design; a heading is not a scraped line;
        // nor is a line of a code sample (asked of repeats only: lines of
        // one key are all code or none, see the test).
        if has_fewer_chars(trimmed, limits.min_chars) || doc.is_fragment(line.span) {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let span = Span::new(
            line.span.start as usize + lead,
            line.span.start as usize + lead + trimmed.len(),
        );
        match first_seen.entry(key(trimmed)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((rank, span));
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                if code.is_code(doc, i) {
                    continue;
                }
                let &(first_rank, first) = e.get();
                repeats.push(Repeat {
                    rank,
                    first_rank,
                    line: i,
                    span,
                    first,
                    text: trimmed,
                });
            }
        }
    }
    let text = |rank: usize| content.get(rank).map_or("", |&i| doc.slice(lines[i].span));
    let mut keep = vec![true; repeats.len()];
    // A heading or caption between two paragraphs of prose is the
    // article's own; its first copy was a table of contents or a teaser.
    for (k, r) in repeats.iter().enumerate() {
        if r.rank > 0
            && is_heading(r.text)
            && is_prose(text(r.rank - 1))
            && is_prose(text(r.rank + 1))
        {
            keep[k] = false;
        }
    }
    // Beside a template line, when the rule asks for one: a run of repeats
    // in a row is beside it when one of its ends is.
    if let Some(template) = template {
        let is_template = |rank: usize| content.get(rank).is_some_and(|&i| template[i]);
        let mut near = vec![false; repeats.len()];
        for k in 0..repeats.len() {
            let rank = repeats[k].rank;
            near[k] = (rank > 0 && is_template(rank - 1))
                || (k > 0 && near[k - 1] && repeats[k - 1].rank + 1 == rank);
        }
        for k in (0..repeats.len()).rev() {
            let rank = repeats[k].rank;
            near[k] = near[k]
                || is_template(rank + 1)
                || (k + 1 < repeats.len() && near[k + 1] && repeats[k + 1].rank == rank + 1);
        }
        for (keep, near) in keep.iter_mut().zip(near) {
            *keep &= near;
        }
    }
    // A long run of repeated prose is the article printed twice (a print
    // or reader view kept by the scraper), not a template.
    let mut k = 0;
    while k < repeats.len() {
        let mut end = k + 1;
        while end < repeats.len()
            && repeats[end].rank - repeats[end - 1].rank <= 3
            && (1..=3).contains(
                &repeats[end]
                    .first_rank
                    .wrapping_sub(repeats[end - 1].first_rank),
            )
        {
            end += 1;
        }
        let prose = repeats[k..end].iter().filter(|r| is_prose(r.text)).count();
        if end - k >= COPIED_BODY_LINES && 2 * prose >= end - k {
            keep[k..end].iter_mut().for_each(|keep| *keep = false);
        }
        k = end;
    }
    for (r, _) in repeats.iter().zip(&keep).filter(|(_, keep)| **keep) {
        let i = r.line;
        let line = lines[i];
        let delete = if line.full == line.span && i > 0 {
            Span::new(lines[i - 1].span.end as usize, line.span.end as usize)
        } else {
            line.full
        };
        let at = doc.line_index().line_column(doc.text, r.first.start).line;
        out.push(
            rule.report(r.span, |name| match name {
                "match" => Some(r.text.chars().take(60).collect()),
                "detail" | "value" => Some(at.to_string()),
                _ => None,
            })
            .label(r.first, "first occurrence")
            .unsafe_fix([Edit::new(delete, "")])
            .build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    proptest::proptest! {
        /// Whether a line looks like code is asked of repeats only, so it
        /// must be the same for every line of one key: whitespace runs do
        /// not change it.
        #[test]
        fn lines_of_one_key_are_all_code_or_none(
            line in "[a-z_=.();:<>\"{}\\[\\], \t\u{a0}\u{2003}-]{0,24}"
        ) {
            let line = line.trim();
            proptest::prop_assert_eq!(
                crate::check::line_shape::looks_like_code(line),
                crate::check::line_shape::looks_like_code(&key(line))
            );
        }
    }

    #[test]
    fn keys_collapse_whitespace_and_borrow_normal_lines() {
        assert!(matches!(
            key("Sign up for our newsletter"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            key("Sign  up\tfor\u{a0}our newsletter"),
            "Sign up for our newsletter"
        );
        // A 0xA0 byte inside another char (`à`) changes nothing.
        assert_eq!(key("Menu à la carte"), "Menu à la carte");
        assert_eq!(key("Menu à  la carte"), "Menu à la carte");
    }
}
