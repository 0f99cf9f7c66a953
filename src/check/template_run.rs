//! A short line among lines of template is template too: a label the
//! families do not know ("Undo", "Getty Images", a teaser's title) inside a
//! run of lines the boilerplate and link-block rules flagged, or in the tail
//! of the page after the article's last sentence, next to such a line. The
//! verdict uses the line's neighbours and its place on the page, which no
//! whole-line rule can.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use super::kind::{
    Check, CompiledRule, Key, Kind, KindError, KindRun, KindSpec, PROCEDURAL, ids_of_kinds,
};
use super::line_shape::{CodeLines, is_prose};
use super::meta::RuleMeta;
use super::text::{has_fewer_chars, has_more_words_than};
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;

const MAX_WORDS: Key<u32> = Key::new("max-words");
const MAX_CHARS: Key<u32> = Key::new("max-chars");
const BODY_WORDS: Key<u32> = Key::new("body-words");
const TAIL_WORDS: Key<u32> = Key::new("tail-words");

pub static KIND: Kind = Kind {
    name: "template-run",
    keys: &[
        MAX_WORDS.decl(),
        MAX_CHARS.decl(),
        BODY_WORDS.decl(),
        TAIL_WORDS.decl(),
    ],
    placeholders: PROCEDURAL,
    compile,
    prepare: Some(|rules, mine| Box::new(TemplateRunRules::new(rules, mine))),
};

/// A template-run rule's limits: rule keys, with these defaults.
#[derive(Debug, Clone, Copy)]
pub struct TemplateRun {
    /// `max-words` (3): a button or label, not a sentence or a headline.
    pub max_words: usize,
    /// `max-chars` (30): the same for scripts written without spaces.
    pub max_chars: usize,
    /// `body-words` (20): after the article's first sentence, lines
    /// between two template lines, none of them a sentence, are template
    /// too (teasers' titles and blurbs). Before it, only labels: the
    /// article's headline stands there between a menu and a byline.
    pub body_words: usize,
    /// `tail-words` (20; 0 turns it off): after the article's last
    /// sentence, a line next to a template line (or to a line this rule
    /// flagged there) is the page's footer, related links or comment widget.
    pub tail_words: usize,
}

impl Default for TemplateRun {
    fn default() -> TemplateRun {
        TemplateRun {
            max_words: 3,
            max_chars: 30,
            body_words: 20,
            tail_words: 20,
        }
    }
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let default = TemplateRun::default();
    Ok(Arc::new(TemplateRun {
        max_words: spec.count(&MAX_WORDS, default.max_words, 1)?,
        max_chars: spec.count(&MAX_CHARS, default.max_chars, 1)?,
        body_words: spec.count(&BODY_WORDS, default.body_words, 1)?,
        tail_words: spec.count(&TAIL_WORDS, default.tail_words, 0)?,
    }))
}

/// Runs only with the rule set's other findings (see [`TemplateRunRules`]).
impl Check for TemplateRun {}

/// The kinds whose findings make a line template, for the kinds that judge
/// a line by its neighbours (this one and duplicate-line's `near-template`).
pub(super) static TEMPLATE_KINDS: &[&Kind] = &[&super::boilerplate::KIND, &super::link_block::KIND];

/// The template-run rules of a rule set, with the ids of the rules whose
/// warnings make a line template: the boilerplate and link-block rules.
#[derive(Debug)]
pub struct TemplateRunRules {
    rules: Vec<u32>,
    template: HashSet<Arc<str>>,
}

impl TemplateRunRules {
    fn new(rules: &[CompiledRule], mine: Vec<u32>) -> TemplateRunRules {
        TemplateRunRules {
            rules: mine,
            template: ids_of_kinds(rules, TEMPLATE_KINDS),
        }
    }
}

impl KindRun for TemplateRunRules {
    fn run(
        &self,
        doc: &Document,
        rules: &[CompiledRule],
        active: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        for &r in self.rules.iter().filter(|&&r| active[r as usize]) {
            let rule = &rules[r as usize];
            if let Some(limits) = rule.kind.downcast_ref::<TemplateRun>() {
                check(doc, &rule.meta, limits, &self.template, out);
            }
        }
    }
}

/// Where a line stands on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Before the article's first sentence: menus, the headline, the byline.
    Head,
    /// From the first sentence to the last.
    Body,
    /// After the last sentence: footer, related links, comments.
    Tail,
}

/// True for a line that reads as a label or a title: at most `words` words
/// (and ten characters a word, for scripts without spaces), no sentence or
/// clause ending, not a line of code (asked last).
fn is_label(line: &str, words: usize, is_code: impl FnOnce() -> bool) -> bool {
    !line.is_empty()
        // Asked of every line, paragraphs included: the length first.
        && has_fewer_chars(line, words * 10 + 1)
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && !has_more_words_than(line, words)
        && !is_code()
}

pub fn check(
    doc: &Document,
    rule: &RuleMeta,
    limits: &TemplateRun,
    template: &HashSet<Arc<str>>,
    out: &mut Vec<Diagnostic>,
) {
    let lines = doc.lines();
    if lines.len() < 3 {
        return;
    }
    let line_of = |offset: u32| {
        lines
            .partition_point(|l| l.full.end <= offset)
            .min(lines.len() - 1)
    };
    // Lines holding a finding of a template rule, at any severity: a menu
    // the link-block rule reports as info is template all the same.
    let mut flagged = vec![false; lines.len()];
    let mut any = false;
    for d in out.iter().filter(|d| template.contains(&d.rule)) {
        let first = line_of(d.span.start);
        let last = line_of(d.span.end.saturating_sub(1).max(d.span.start));
        flagged[first..=last].iter_mut().for_each(|f| *f = true);
        any = true;
    }
    if !any {
        return;
    }
    let text: Vec<&str> = lines.iter().map(|l| doc.slice(l.trimmed)).collect();
    // The non-blank lines: blank lines neither make nor break a run.
    let content: Vec<usize> = (0..lines.len()).filter(|&i| !text[i].is_empty()).collect();
    let article = |&i: &usize| !flagged[i] && is_prose(text[i]);
    let first_sentence = content.iter().position(article).unwrap_or(content.len());
    let last_sentence = content.iter().rposition(article);
    // Where a line stands, and so what may be template there and what a
    // run of such lines needs around it.
    let zone = |rank: usize| {
        if rank < first_sentence && first_sentence < content.len() {
            Zone::Head
        } else if last_sentence.is_some_and(|last| rank > last) && limits.tail_words > 0 {
            Zone::Tail
        } else {
            Zone::Body
        }
    };
    let code = CodeLines::of(doc);
    let candidate = |rank: usize, zone: Zone| {
        let i = content[rank];
        if flagged[i] {
            return false;
        }
        let is_code = || code.is_code(doc, i);
        let fits = match zone {
            Zone::Head => {
                is_label(text[i], limits.max_words, is_code)
                    && has_fewer_chars(text[i], limits.max_chars + 1)
            }
            Zone::Body => is_label(text[i], limits.body_words, is_code),
            Zone::Tail => is_label(text[i], limits.tail_words, is_code),
        };
        fits && !doc.is_fragment(lines[i].span)
    };
    let flagged_at = |rank: usize| content.get(rank).is_some_and(|&i| flagged[i]);
    let mut found = vec![false; lines.len()];
    let mut rank = 0;
    while rank < content.len() {
        let here = zone(rank);
        let run = (rank..content.len())
            .take_while(|&r| zone(r) == here && candidate(r, here))
            .count();
        let before = rank > 0 && flagged_at(rank - 1);
        let after = flagged_at(rank + run);
        // In the body, a run of one line between two template lines; in the
        // head and the tail, a run of any length touching one.
        let template = match here {
            Zone::Body => before && after,
            // The lines just above the first sentence are the article's
            // headline, standfirst or byline.
            Zone::Head => (before || after) && rank + run < first_sentence,
            Zone::Tail => before || after,
        };
        if run > 0 && template {
            for r in rank..rank + run {
                found[content[r]] = true;
            }
        }
        rank += run.max(1);
    }
    for i in (0..lines.len()).filter(|&i| found[i]) {
        let line = lines[i];
        let content = doc.slice(line.span);
        let lead = content.len() - content.trim_start().len();
        let start = line.span.start as usize + lead;
        let span = crate::span::Span::new(start, start + text[i].len());
        out.push(
            rule.report(span, |name| (name == "match").then(|| text[i].to_string()))
                .unsafe_fix([Edit::new(line.full, "")])
                .build(),
        );
    }
}
