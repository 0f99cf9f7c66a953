//! Markdown and HTML inputs: only prose is linted, and every finding points
//! at the original file's bytes.

use std::sync::OnceLock;

use artlint::fix::apply_fixes;
use artlint::input::{Prose, html, markdown};
use artlint::{Applicability, Diagnostic, Document, RuleSet, Span, builtin_pack, load_pack};
use proptest::prelude::*;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::new(load_pack(&builtin_pack()).expect("built-in pack loads")))
}

fn lint(name: &str, prose: &Prose) -> Vec<Diagnostic> {
    prose.map_diagnostics(rules().lint(&prose.document(name)))
}

/// `(rule, source slice)` of every finding of `rule`.
fn found<'a>(src: &'a str, diagnostics: &[Diagnostic], rule: &str) -> Vec<(usize, &'a str)> {
    diagnostics
        .iter()
        .filter(|d| &*d.rule == rule)
        .map(|d| (d.span.start as usize, &src[d.span.range()]))
        .collect()
}

fn rules_of(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {}..{}", d.rule, d.span.start, d.span.end))
        .collect()
}

// ---------------------------------------------------------------------------
// Markdown

const MARKDOWN: &str = "\
---
title: the the article
tags: [the the]
---
# A report

The talks went on and the the delegates left.

```text
the the code block
```

    the the indented code

See `the the` and [the report](https://example.com/the-the) or (https://example.com/the the).

## Related posts
";

#[test]
fn markdown_lints_prose_only() {
    let prose = markdown(MARKDOWN);
    let diagnostics = lint("x.md", &prose);
    let repeats = found(MARKDOWN, &diagnostics, "repetition/word");
    let prose_repeat = MARKDOWN.find("the the delegates").unwrap() + 4;
    assert_eq!(
        repeats,
        [(prose_repeat, "the")],
        "{:?}",
        rules_of(&diagnostics)
    );
    // Front matter, code and URLs produced nothing at all.
    let front_matter_end = MARKDOWN.find("# A report").unwrap();
    let code = MARKDOWN.find("```text").unwrap()..MARKDOWN.find("See `").unwrap();
    let urls = MARKDOWN.find("(https").unwrap()..MARKDOWN.find("## Related").unwrap();
    for d in &diagnostics {
        let start = d.span.start as usize;
        assert!(start >= front_matter_end, "{d:?}");
        assert!(!code.contains(&start), "{d:?}");
        assert!(!urls.contains(&start), "{d:?}");
    }
}

#[test]
fn markdown_heading_is_structure_not_a_boilerplate_line() {
    // `## Related posts` is a heading: the article's structure, left alone
    // by the checks about whole lines.
    let prose = markdown(MARKDOWN);
    let diagnostics = lint("x.md", &prose);
    assert_eq!(
        found(MARKDOWN, &diagnostics, "scrape/boilerplate-line"),
        [],
        "{:?}",
        rules_of(&diagnostics)
    );
    // A link line is a line: its fix deletes it whole, `[`, `](url)` and
    // line break included, and only when asked (a deletion in Markdown).
    let src = "The talks ended on Monday.\n\n[Source link](https://example.com/a)\n";
    let diagnostics = lint("x.md", &markdown(src));
    assert_eq!(
        found(src, &diagnostics, "scrape/boilerplate-line"),
        [(src.find("Source link").unwrap(), "Source link")]
    );
    let fix = diagnostics
        .iter()
        .find(|d| &*d.rule == "scrape/boilerplate-line")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    let (fixed, applied) = apply_fixes(
        src,
        &[Diagnostic {
            fix: Some(fix),
            ..diagnostics[0].clone()
        }],
        Applicability::Unsafe,
    );
    assert_eq!(applied, 1);
    assert_eq!(fixed, "The talks ended on Monday.\n\n");
}

#[test]
fn markdown_link_text_is_prose_and_spans_are_exact() {
    let src = "Vladimir [Poutine](https://example.org/Poutine) said so.\n";
    let prose = markdown(src);
    let diagnostics = lint("x.md", &prose);
    let exonyms = found(src, &diagnostics, "names/exonym");
    assert_eq!(exonyms, [(src.find("Poutine").unwrap(), "Poutine")]);
    // The fix replaces the link text only.
    let (fixed, _) = apply_fixes(src, &diagnostics, Applicability::DisplayOnly);
    assert_eq!(
        fixed,
        "Vladimir [Putin](https://example.org/Poutine) said so.\n"
    );
}

#[test]
fn markdown_disable_comment_still_suppresses() {
    let src = "Intro line for the text.\n\n<!-- artlint-disable-next-line -->\nSource link\n\nComments are closed.\n";
    let prose = markdown(src);
    let diagnostics = lint("x.md", &prose);
    let boilerplate = found(src, &diagnostics, "scrape/boilerplate-line");
    assert_eq!(
        boilerplate,
        [(src.find("Comments").unwrap(), "Comments are closed.")],
        "{:?}",
        rules_of(&diagnostics)
    );
    let src = "<!-- artlint-disable repetition/word -->\nThe the the delegates left.\n";
    let diagnostics = lint("x.md", &markdown(src));
    assert!(found(src, &diagnostics, "repetition/word").is_empty());
}

#[test]
fn markdown_masking_does_not_create_findings() {
    // A code span between two words, and before a full stop.
    let src = "Call the `the` function and `foo()` .\n";
    let diagnostics = lint("x.md", &markdown(src));
    assert!(
        diagnostics
            .iter()
            .all(|d| !matches!(&*d.rule, "repetition/word" | "punctuation/space-before")),
        "{:?}",
        rules_of(&diagnostics)
    );
    // While the same artifacts in prose are found.
    let src = "Call the the function and foo .\n";
    let diagnostics = lint("x.md", &markdown(src));
    assert_eq!(found(src, &diagnostics, "repetition/word").len(), 1);
    assert_eq!(
        found(src, &diagnostics, "punctuation/space-before"),
        [(29, " .")]
    );
}

// ---------------------------------------------------------------------------
// HTML

#[test]
fn html_spans_map_to_source_bytes() {
    let src = "<html><body><p>A &amp; B in Moscou and Vladimir Poutine.</p></body></html>";
    let prose = html(src);
    let diagnostics = lint("x.html", &prose);
    // `Moscou` comes after an entity on the same line: its span is still exact.
    assert_eq!(
        found(src, &diagnostics, "names/place-exonym"),
        [(src.find("Moscou").unwrap(), "Moscou")],
        "{:?}",
        rules_of(&diagnostics)
    );
    assert_eq!(
        found(src, &diagnostics, "names/exonym"),
        [(src.find("Poutine").unwrap(), "Poutine")]
    );
    // A plain `&amp;` is markup, not residue.
    assert!(found(src, &diagnostics, "markup/entity").is_empty());
    let (fixed, _) = apply_fixes(src, &diagnostics, Applicability::DisplayOnly);
    assert!(
        fixed.contains("<p>A &amp; B in Moscow and Vladimir Putin.</p>"),
        "{fixed}"
    );
}

#[test]
fn html_hidden_content_is_not_linted() {
    let src = "<head><style>.the .the { content: \"Poutine\" }</style>\n<script>var the = 'the the'; // Vladimir Poutine</script></head>\n<body><!-- Vladimir Poutine --><p title=\"Vladimir Poutine\">Fine text.</p></body>";
    let diagnostics = lint("x.html", &html(src));
    assert!(
        diagnostics
            .iter()
            .all(|d| !matches!(&*d.rule, "names/exonym" | "repetition/word")),
        "{:?}",
        rules_of(&diagnostics)
    );
}

#[test]
fn html_double_escape_and_rendered_tags_are_residue() {
    let src = "<p>AT&amp;amp;T said &lt;p&gt; was left in the text.</p>";
    let prose = html(src);
    let diagnostics = lint("x.html", &prose);
    assert_eq!(
        found(src, &diagnostics, "markup/entity"),
        [(src.find("&amp;amp;").unwrap(), "&amp;amp;")],
        "{:?}",
        rules_of(&diagnostics)
    );
    assert_eq!(
        found(src, &diagnostics, "markup/html-residue"),
        [(src.find("&lt;p&gt;").unwrap(), "&lt;p&gt;")]
    );
    // The entity fix writes `&` back escaped: the double escape becomes a single one.
    let (fixed, _) = apply_fixes(src, &diagnostics, Applicability::DisplayOnly);
    assert!(fixed.starts_with("<p>AT&amp;T said "), "{fixed}");
}

#[test]
fn html_blocks_are_lines() {
    let src = "<div class=\"post\"><p>The talks ended on Monday.</p><p>Source link</p><div>Comments are closed.</div></div>";
    let prose = html(src);
    let diagnostics = lint("x.html", &prose);
    let boilerplate = found(src, &diagnostics, "scrape/boilerplate-line");
    assert_eq!(
        boilerplate,
        [
            (src.find("Source link").unwrap(), "Source link"),
            (src.find("Comments").unwrap(), "Comments are closed.")
        ],
        "{:?}",
        rules_of(&diagnostics)
    );
    // Deleting the lines leaves the tags balanced.
    let (fixed, _) = apply_fixes(src, &diagnostics, Applicability::DisplayOnly);
    assert_eq!(
        fixed,
        "<div class=\"post\"><p>The talks ended on Monday.</p><p></p><div></div></div>"
    );
}

#[test]
fn html_inline_tags_do_not_split_words() {
    let src = "<p>Vladimir <b>Poutine</b> met Kassym-<i>Jomart</i> Tokayev.</p>";
    let diagnostics = lint("x.html", &html(src));
    assert_eq!(
        found(src, &diagnostics, "names/exonym"),
        [(src.find("Poutine").unwrap(), "Poutine")]
    );
}

#[test]
fn html_disable_comment_still_suppresses() {
    let src = "<body>\n  <p>Intro text.</p>\n  <!-- artlint-disable-next-line -->\n  <p>Source link</p>\n  <p>Comments are closed.</p>\n</body>";
    let diagnostics = lint("x.html", &html(src));
    assert_eq!(
        found(src, &diagnostics, "scrape/boilerplate-line"),
        [(src.find("Comments").unwrap(), "Comments are closed.")],
        "{:?}",
        rules_of(&diagnostics)
    );
}

// ---------------------------------------------------------------------------
// Properties

/// Markdown built from fragments that exercise every construct, plus noise.
fn markdown_source() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("the the ".to_string()),
        Just("# Heading\n".to_string()),
        Just("## Related posts\n".to_string()),
        Just("Source link\n".to_string()),
        Just("`code` ".to_string()),
        Just("```\nthe the\n".to_string()),
        Just("```\n".to_string()),
        Just("[text](https://x.org/a b) ".to_string()),
        Just("![alt](i.png) ".to_string()),
        Just("<https://auto.link> ".to_string()),
        Just("*em* **strong** ".to_string()),
        Just("AT&amp;amp;T &copy; &#8217; ".to_string()),
        Just("<span>x</span> <br> <!-- c --> ".to_string()),
        Just("<!-- artlint-disable-next-line -->\n".to_string()),
        Just("<div>\n<p>Block</p>\n".to_string()),
        Just("| a | b |\n|---|---|\n| c | d |\n".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("- item\n> quote\n".to_string()),
        Just("[ref]: https://x.org\n[^1]: note\n".to_string()),
        Just("Vladimir Poutine in Moscou . ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        "[a-zé<>&;#\\[\\]()`*_!|\\- \n]{0,12}",
    ];
    prop::collection::vec(fragment, 0..12).prop_map(|v| v.concat())
}

/// HTML built from tags, entities and noise, often malformed.
fn html_source() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"a>b\">".to_string()),
        Just("</div>".to_string()),
        Just("<br>".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<script>if (a<b) {}".to_string()),
        Just("</script>".to_string()),
        Just("<style>p>a{}".to_string()),
        Just("</style>".to_string()),
        Just("<svg><text>".to_string()),
        Just("</svg>".to_string()),
        Just("<code>".to_string()),
        Just("</code>".to_string()),
        Just("<!-- c ".to_string()),
        Just("-->".to_string()),
        Just("<!-- artlint-disable -->".to_string()),
        Just("<!DOCTYPE html>".to_string()),
        Just("<![CDATA[ x ]]>".to_string()),
        Just("&amp;amp; &lt;p&gt; &amp; &#x41; &#0; &bogus; &copy".to_string()),
        Just("the the Source link Vladimir Poutine . ".to_string()),
        Just("https://example.com/a_(b) ".to_string()),
        Just("\n".to_string()),
        "[a-zé<>&;#/!=\"' \n-]{0,12}",
    ];
    prop::collection::vec(fragment, 0..16).prop_map(|v| v.concat())
}

fn check_mapping(src: &str, prose: &Prose, diagnostics: &[Diagnostic]) {
    let in_source = |span: Span| {
        span.start <= span.end
            && (span.end as usize) <= src.len()
            && src.is_char_boundary(span.start as usize)
            && src.is_char_boundary(span.end as usize)
    };
    for d in diagnostics {
        assert!(in_source(d.span), "{d:?} in {src:?}");
        for label in &d.labels {
            assert!(in_source(label.span), "{label:?} in {src:?}");
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(in_source(edit.span()), "{edit:?} in {src:?}");
        }
    }
    // Every span of the text maps inside the source, or not at all.
    let boundaries: Vec<usize> = prose
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([prose.text.len()])
        .collect();
    for (n, &a) in boundaries.iter().enumerate() {
        for &b in boundaries[n..].iter().take(6) {
            if let Some(span) = prose.to_source(Span::new(a, b)) {
                assert!(in_source(span), "{a}..{b} -> {span:?} in {src:?}");
            }
        }
    }
    // Applying every fix gives valid UTF-8 (edits are on char boundaries).
    let _ = apply_fixes(src, diagnostics, Applicability::DisplayOnly);
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn markdown_findings_map_into_the_source(src in markdown_source()) {
        let prose = markdown(&src);
        let diagnostics = lint("x.md", &prose);
        check_mapping(&src, &prose, &diagnostics);
    }

    #[test]
    fn html_findings_map_into_the_source(src in html_source()) {
        let prose = html(&src);
        let diagnostics = lint("x.html", &prose);
        check_mapping(&src, &prose, &diagnostics);
    }

    #[test]
    fn identity_slices_match(src in "[a-z &;<>/!-]{0,40}") {
        // Whatever maps is the same text in the source, unless it was decoded.
        let prose = html(&src);
        for (i, c) in prose.text.char_indices() {
            let text = &prose.text[i..i + c.len_utf8()];
            if let Some(span) = prose.to_source(Span::new(i, i + c.len_utf8())) {
                let source = &src[span.range()];
                prop_assert!(source == text || source.starts_with('&') || source.starts_with('<'),
                    "{:?} vs {:?} in {:?}", text, source, src);
            }
        }
    }
}

#[test]
fn plain_prose_is_the_identity() {
    let src = "Vladimir Poutine said the the .\n";
    let prose = Prose::plain(src);
    assert_eq!(prose.text, src);
    let direct = rules().lint(&Document::new("x.txt", src));
    assert_eq!(lint("x.txt", &prose), direct);
}
