//! Inline suppression in Markdown and HTML comments:
//! `<!-- artlint-disable RULE… -->`, `<!-- artlint-enable RULE… -->` and
//! `<!-- artlint-disable-next-line RULE… -->`. No rule list means all rules;
//! rules may be globs (`scrape/*`). A directive that suppresses nothing is
//! itself reported, so stale suppressions do not pile up, and so is one that
//! names no rule at all (a misspelt id would otherwise suppress nothing,
//! silently, for ever).

use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::check::kind::{Check, Kind};
use crate::check::meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;
use crate::span::Span;

/// `unused-suppression`: a directive that suppressed nothing, reported by
/// [`apply`] when the rule set has a rule of this kind.
pub(crate) static KIND: Kind = Kind {
    name: "unused-suppression",
    keys: &[],
    placeholders: &["match"],
    compile: |_| Ok(Arc::new(UnusedSuppression)),
    prepare: None,
};

#[derive(Debug)]
pub(crate) struct UnusedSuppression;

impl Check for UnusedSuppression {}

/// `unknown-suppression`: a directive naming a rule id (or glob) that matches
/// no rule of the pack, selected or not; reported by [`apply`] when the rule
/// set has a rule of this kind.
pub(crate) static UNKNOWN_KIND: Kind = Kind {
    name: "unknown-suppression",
    keys: &[],
    placeholders: &["name", "hint"],
    compile: |_| Ok(Arc::new(UnknownSuppression)),
    prepare: None,
};

#[derive(Debug)]
pub(crate) struct UnknownSuppression;

impl Check for UnknownSuppression {}

/// The rules [`apply`] reports with, when selected.
pub(crate) struct Reporters<'a> {
    /// `unused-suppression`.
    pub unused: Option<&'a RuleMeta>,
    /// `unknown-suppression`.
    pub unknown: Option<&'a RuleMeta>,
}

#[derive(Debug)]
struct Region {
    start: u32,
    end: u32,
    /// `None`: every rule.
    rules: Option<GlobSet>,
    names: Vec<String>,
    directive: Span,
    directive_line: Span,
    used: bool,
}

fn globs(names: &[String]) -> Option<GlobSet> {
    if names.is_empty() {
        return None;
    }
    let mut builder = GlobSetBuilder::new();
    for name in names {
        if let Ok(glob) = Glob::new(name) {
            builder.add(glob);
        }
    }
    builder.build().ok()
}

enum Directive {
    Disable,
    Enable,
    DisableNextLine,
}

/// Parses `<!-- artlint-… -->` comments, in order.
fn directives(text: &str) -> Vec<(Directive, Vec<String>, Span)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices("<!--") {
        // `<!-->` is not closed by its own dashes: look after the opener.
        let Some(close) = text[open + 4..].find("-->") else {
            break;
        };
        let body = text[open + 4..open + 4 + close].trim();
        let Some(rest) = body.strip_prefix("artlint-") else {
            continue;
        };
        let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let directive = match word {
            "disable" => Directive::Disable,
            "enable" => Directive::Enable,
            "disable-next-line" => Directive::DisableNextLine,
            _ => continue,
        };
        let rules = args
            .split([' ', ',', '\t', '\n'])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.push((directive, rules, Span::new(open, open + 4 + close + 3)));
    }
    out
}

/// Removes suppressed diagnostics and reports, with the rules selected in
/// `reporters`, directives that suppressed nothing and names that match no
/// rule. `ran` are the ids of the rules that linted the document: a directive
/// naming a rule that did not run (not selected, or ignored) is not unused,
/// since that rule might have needed it. `known` are the ids of every rule
/// of the pack, selected or not.
pub(crate) fn apply(
    doc: &Document,
    diagnostics: &mut Vec<Diagnostic>,
    reporters: &Reporters,
    ran: &[&str],
    known: &[&str],
) {
    if memchr::memmem::find(doc.text.as_bytes(), b"artlint-").is_none() {
        return;
    }
    let text = doc.text;
    let mut regions: Vec<Region> = Vec::new();
    let line_of = |offset: u32| {
        let lines = doc.lines();
        let i = lines
            .partition_point(|l| l.full.end <= offset)
            .min(lines.len().saturating_sub(1));
        (i, lines.get(i).map_or(Span::new(0, 0), |l| l.full))
    };
    let mut open: Vec<usize> = Vec::new();
    for (directive, names, span) in directives(text) {
        if let Some(rule) = reporters.unknown {
            for name in &names {
                if let Some(hint) = crate::config::unknown_selector(name, known) {
                    diagnostics.push(
                        rule.report(span, |var| match var {
                            "name" => Some(name.clone()),
                            "hint" => Some(hint.clone()),
                            _ => None,
                        })
                        .build(),
                    );
                }
            }
        }
        let (line, line_span) = line_of(span.start);
        match directive {
            Directive::Disable => {
                open.push(regions.len());
                regions.push(Region {
                    start: span.end,
                    end: text.len() as u32,
                    rules: globs(&names),
                    names,
                    directive: span,
                    directive_line: line_span,
                    used: false,
                });
            }
            Directive::Enable => {
                open.retain(|&r| {
                    let region = &mut regions[r];
                    let closes = names.is_empty()
                        || region.names.is_empty()
                        || region.names.iter().any(|n| names.contains(n));
                    if closes {
                        region.end = span.start;
                    }
                    !closes
                });
            }
            Directive::DisableNextLine => {
                let next = doc
                    .lines()
                    .get(line + 1)
                    .map_or(Span::new(text.len(), text.len()), |l| l.span);
                regions.push(Region {
                    start: next.start,
                    end: next.end.max(next.start),
                    rules: globs(&names),
                    names,
                    directive: span,
                    directive_line: line_span,
                    used: false,
                });
            }
        }
    }
    diagnostics.retain(|d| {
        if reporters.unknown.is_some_and(|rule| rule.id == d.rule) {
            // Reported above, about the directives themselves.
            return true;
        }
        let mut suppressed = false;
        for region in regions.iter_mut() {
            let inside = d.span.start >= region.start
                && d.span.start <= region.end
                && (d.span.start < region.end || d.span.is_empty());
            if inside
                && region
                    .rules
                    .as_ref()
                    .is_none_or(|set| set.is_match(&*d.rule))
            {
                region.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    let Some(rule) = reporters.unused else { return };
    // A name that is not a valid glob never matches: that directive is useless.
    let named_rules_ran = |region: &Region| {
        region.names.iter().all(|name| match Glob::new(name) {
            Ok(glob) => {
                let glob = glob.compile_matcher();
                ran.iter().any(|id| glob.is_match(id))
            }
            Err(_) => true,
        })
    };
    for region in regions.iter().filter(|r| !r.used && named_rules_ran(r)) {
        let shown = &text[region.directive.range()];
        // Delete the whole line when the directive is alone on it.
        let alone = text[region.directive_line.range()].trim() == shown;
        let delete = if alone {
            region.directive_line
        } else {
            region.directive
        };
        diagnostics.push(
            rule.report(region.directive, |name| {
                (name == "match").then(|| shown.to_string())
            })
            .unsafe_fix([Edit::new(delete, "")])
            .build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_is_closed_after_its_opener() {
        // `<!-->` shares its dashes with the opener: it closes nothing, and
        // slicing between them panicked (found by fuzzing load_rules).
        assert!(directives("<!--> x").is_empty());
        let found = directives("<!--> a <!-- artlint-disable scrape/* --> b");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, ["scrape/*"]);
        assert_eq!(found[0].2, Span::new(8, 41));
        assert_eq!(directives("<!---->").len(), 0);
    }
}
