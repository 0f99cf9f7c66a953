//! `existence`: a phrase or pattern that should not appear. Its literals and
//! patterns are matched by the rule set's shared automaton and regex set;
//! each match is a finding.

use std::sync::Arc;

use regex::Captures;

use super::kind::{Check, Hit, Key, Kind, KindError, KindSpec, Literals, PATTERNS, reject_empty};
use super::meta::RuleMeta;
use super::pattern::Pattern;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

const TOKENS: Key<Vec<String>> = Key::new("tokens");

pub static KIND: Kind = Kind {
    name: "existence",
    keys: &[TOKENS.decl(), PATTERNS.decl()],
    placeholders: &["match"],
    compile,
    prepare: None,
};

#[derive(Debug)]
pub struct Existence {
    pub literals: Vec<String>,
    pub patterns: Vec<Pattern>,
    pub case_insensitive: bool,
}

fn compile(spec: &mut KindSpec<'_>) -> Result<Arc<dyn Check>, KindError> {
    let case_insensitive = spec.case_insensitive();
    let patterns = spec.patterns(case_insensitive)?;
    let literals = spec
        .take(&TOKENS)?
        .map(|t| t.into_inner())
        .unwrap_or_default();
    if literals.is_empty() && patterns.is_empty() {
        return Err(spec.missing("`tokens` or `patterns`"));
    }
    reject_empty(&literals, "tokens")?;
    Ok(Arc::new(Existence {
        literals,
        patterns,
        case_insensitive,
    }))
}

impl Check for Existence {
    fn literals(&self) -> Literals<'_> {
        Literals {
            items: self
                .literals
                .iter()
                .enumerate()
                .map(|(i, l)| (i as u32, l.as_str()))
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
            out.push(
                rule.report(hit.span, |name| {
                    (name == "match").then(|| matched.to_string())
                })
                .build(),
            );
        }
    }

    fn pattern_hit(
        &self,
        _doc: &Document,
        rule: &RuleMeta,
        _item: u32,
        caps: &Captures<'_>,
        span: Span,
        out: &mut Vec<Diagnostic>,
    ) {
        out.push(pattern_diagnostic(rule, caps, span, None));
    }
}

/// A pattern's finding: `{match}` is the reported text, other placeholders
/// are the named groups; with a `replacement`, a fix puts it in.
pub(crate) fn pattern_diagnostic(
    rule: &RuleMeta,
    caps: &Captures<'_>,
    span: Span,
    replacement: Option<String>,
) -> Diagnostic {
    let matched = caps
        .name("span")
        .unwrap_or_else(|| caps.get(0).expect("group 0"))
        .as_str();
    rule.report(span, |name| match name {
        "match" => Some(matched.to_string()),
        "replacement" => replacement.clone(),
        other => caps.name(other).map(|m| m.as_str().to_string()),
    })
    .fix(replacement.map(|r| Edit::new(span, r)))
    .build()
}
