//! `substitution`: a wrong form with its right form; the fix swaps them.
//! `swap` literals go into the rule set's shared automaton; `patterns` with
//! `replace` into its regex set.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use regex::Captures;

use super::existence::pattern_diagnostic;
use super::kind::{ALLOW, Check, Hit, Key, Kind, KindError, KindSpec, Literals, PATTERNS};
use super::meta::RuleMeta;
use super::pattern::Pattern;
use super::text::preserve_case;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

const SWAP: Key<BTreeMap<String, String>> = Key::new("swap");
const REPLACE: Key<String> = Key::new("replace");

pub static KIND: Kind = Kind {
    name: "substitution",
    keys: &[SWAP.decl(), PATTERNS.decl(), REPLACE.decl(), ALLOW.decl()],
    placeholders: &["match", "replacement"],
    compile,
    prepare: None,
};

#[derive(Debug)]
pub struct Substitution {
    /// (wrong, right), sorted by the wrong form.
    pub swaps: Vec<(String, String)>,
    pub patterns: Vec<Pattern>,
    /// The replacement for `patterns` (`$name` for captures).
    pub replace: Option<String>,
    /// Literals match in any case, and the fix keeps the match's capitalisation.
    pub case_insensitive: bool,
    /// `allow`: words (lowercased) inside which a pattern's hit is left
    /// alone. A pattern says what is wrong in general (a hyphen before `it`
    /// joins two clauses); the few words it also takes in (`post-it`) are
    /// easier to list than to exclude in the pattern.
    pub allow: HashSet<String>,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let case_insensitive = spec.case_insensitive();
    let patterns = spec.patterns(case_insensitive)?;
    let swaps: Vec<(String, String)> = spec
        .take(&SWAP)?
        .map(|s| s.into_inner().into_iter().collect())
        .unwrap_or_default();
    let replace = spec.take(&REPLACE)?.map(|r| r.into_inner());
    let allow = spec.allow_set()?;
    if swaps.is_empty() && patterns.is_empty() {
        return Err(spec.missing("`swap` or `patterns` with `replace`"));
    }
    if !patterns.is_empty() && replace.is_none() {
        return Err(
            spec.missing("`replace` (the replacement for `patterns`, `$name` for captures)")
        );
    }
    // `allow` only filters pattern hits: on a rule of swaps alone it would
    // silently do nothing.
    if !allow.is_empty() && patterns.is_empty() {
        return Err(KindError::whole(
            "`allow` leaves words alone for `patterns` only, and this rule has none",
        ));
    }
    if swaps.iter().any(|(wrong, _)| wrong.is_empty()) {
        return Err(KindError::whole("`swap` has an empty key"));
    }
    Ok(Arc::new(Substitution {
        swaps,
        patterns,
        replace,
        case_insensitive,
        allow,
    }))
}

impl Check for Substitution {
    fn literals(&self) -> Literals<'_> {
        Literals {
            items: self
                .swaps
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (i as u32, w.as_str()))
                .collect(),
            case_insensitive: self.case_insensitive,
        }
    }

    fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    fn literal_hits(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        hits: &[Hit],
        out: &mut Vec<Diagnostic>,
    ) {
        for hit in hits {
            let matched = doc.slice(hit.span);
            let right = &self.swaps[hit.item as usize].1;
            let replacement = if self.case_insensitive {
                preserve_case(matched, right)
            } else {
                right.clone()
            };
            out.push(
                rule.report(hit.span, |name| match name {
                    "match" => Some(matched.to_string()),
                    "replacement" => Some(replacement.clone()),
                    _ => None,
                })
                .fix([Edit::new(hit.span, replacement)])
                .build(),
            );
        }
    }

    fn pattern_hit(
        &self,
        doc: &Document,
        rule: &RuleMeta,
        _item: u32,
        caps: &Captures<'_>,
        span: Span,
        out: &mut Vec<Diagnostic>,
    ) {
        if !self.allow.is_empty()
            && word_around(doc, span).is_some_and(|w| self.allow.contains(&w.to_lowercase()))
        {
            return;
        }
        let replacement = self.replace.as_ref().map(|template| {
            let mut expanded = String::new();
            caps.expand(template, &mut expanded);
            expanded
        });
        out.push(pattern_diagnostic(rule, caps, span, replacement));
    }
}

/// The word of `doc` (see [`Document::words`]) that holds all of `span`.
fn word_around<'a>(doc: &Document<'a>, span: Span) -> Option<&'a str> {
    let words = doc.words();
    let i = words.partition_point(|w| w.span.end <= span.start);
    let word = words.get(i)?.span;
    (word.start <= span.start && span.end <= word.end).then(|| doc.slice(word))
}
