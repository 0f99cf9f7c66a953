//! A short line between two lines of template is template too: a label the
//! families do not know ("Undo", "Getty Images") inside a run of lines the
//! boilerplate and link-block rules flagged. The verdict uses the line's
//! neighbours, which no whole-line rule can.

use std::collections::HashSet;
use std::sync::Arc;

use super::kind::{
    Check, CompiledRule, Key, Kind, KindError, KindRun, KindSpec, PROCEDURAL, ids_of_kinds,
};
use super::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::document::Document;

const MAX_WORDS: Key<u32> = Key::new("max-words");
const MAX_CHARS: Key<u32> = Key::new("max-chars");

pub static KIND: Kind = Kind {
    name: "template-run",
    keys: &[MAX_WORDS.decl(), MAX_CHARS.decl()],
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
}

impl Default for TemplateRun {
    fn default() -> TemplateRun {
        TemplateRun {
            max_words: 3,
            max_chars: 30,
        }
    }
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let default = TemplateRun::default();
    Ok(Arc::new(TemplateRun {
        max_words: spec.count(&MAX_WORDS, default.max_words, 1)?,
        max_chars: spec.count(&MAX_CHARS, default.max_chars, 1)?,
    }))
}

/// Runs only with the rule set's other findings (see [`TemplateRunRules`]).
impl Check for TemplateRun {}

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
            template: ids_of_kinds(
                rules,
                &[&super::boilerplate::KIND, &super::link_block::KIND],
            ),
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

/// True for a line that reads as a label: few words, no sentence ending.
fn is_label(line: &str, limits: &TemplateRun) -> bool {
    !line.is_empty()
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && line.split_whitespace().count() <= limits.max_words
        && line.chars().count() <= limits.max_chars
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
    // Lines holding a warning of a template rule (the neighbours that make
    // a run), and lines holding any finding of one (already reported).
    let mut flagged = vec![false; lines.len()];
    let mut reported = vec![false; lines.len()];
    let mut any = false;
    for d in out.iter().filter(|d| template.contains(&d.rule)) {
        let first = line_of(d.span.start);
        let last = line_of(d.span.end.saturating_sub(1).max(d.span.start));
        for i in first..=last {
            reported[i] = true;
            if d.severity >= Severity::Warning {
                flagged[i] = true;
                any = true;
            }
        }
    }
    if !any {
        return;
    }
    let text: Vec<&str> = lines.iter().map(|l| doc.slice(l.span).trim()).collect();
    // The nearest non-blank line before and after each line.
    let neighbour = |from: usize, step: isize| -> Option<usize> {
        let mut i = from as isize + step;
        while i >= 0 && (i as usize) < lines.len() {
            if !text[i as usize].is_empty() {
                return Some(i as usize);
            }
            i += step;
        }
        None
    };
    for (i, line) in lines.iter().enumerate() {
        if reported[i] || !is_label(text[i], limits) || doc.is_fragment(line.span) {
            continue;
        }
        let (Some(before), Some(after)) = (neighbour(i, -1), neighbour(i, 1)) else {
            continue;
        };
        if !(flagged[before] && flagged[after]) {
            continue;
        }
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
